"""Deployable capacity, net and step by step: what each nation could keep in theatre.

The chain, per nation (troops):

1. the army figure (professional where the data give it); where no army figure exists and the
   scenario names ``land_share_of_active``, active personnel x that share (an assumption);
   otherwise the figure stays missing and says so;
2. minus conscripts and part-time troops where the data say the figure counts them (the
   reference data give no professional share for those armies, so nothing is deducted and the
   step says the base is overstated);
3. minus each standing commitment the scenario lists (eFP, domestic operations, ...), each a
   named, sourced deduction or a named assumption;
4. = the net deployable base (``land_forces``);
5. x the deployable share (``deployable``);
6. / the rotation ratio (``sustainable``): the nation's own ratio if the scenario overrides it,
   else the scenario's central ratio; also at the low and high ratios of the sensitivity range.

A nation with no armed forces has no capacity (zero) and is no troop contributor.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from forcegen.model import Nation, Scenario


def whole(troops: float) -> int:
    """Whole troops from a product or quotient of figures, rounded down: a count held
    exactly on paper stays whole (``4000 / 1.6`` is 2,500, although ``4000 // 1.6`` is
    2,499 since 1.6 has no exact binary form)."""
    return math.floor(troops + 1e-9)

Basis = Literal["named", "attendees", "list"]


class CapacityStep(BaseModel):
    step: str = Field(description="what this step does")
    value: int | float | None = Field(description="troops after the step (None: missing)")
    source: str
    is_assumption: bool


class NationCapacity(BaseModel):
    iso3: str
    name: str
    has_armed_forces: bool
    land_forces: int | None = Field(description="troops: the net deployable base")
    deployable: int | None = Field(description="troops: land forces x deployable share")
    sustainable: int | None = Field(description="troops: deployable / rotation ratio (central)")
    rotation_ratio: float = Field(description="the ratio used for this nation")
    sustainable_by_ratio: dict[str, int | None] = Field(
        description="troops sustainable at each ratio of the sensitivity range")
    tour_months: int | None = Field(description="this nation's tour length, where overridden")
    steps: list[CapacityStep]
    missing: str = Field(default="", description="why the chain stops, when it does")

    @property
    def rests_on_assumptions(self) -> list[str]:
        return [s.step for s in self.steps if s.is_assumption]


class CoalitionCapacity(BaseModel):
    basis: str = Field(description="named | attendees | list")
    nations: list[str] = Field(description="nations whose capacity is summed")
    without_data: list[str] = Field(description="nations in the basis with no land-force figure")
    land_forces: int = Field(description="troops: sum of net deployable bases")
    deployable: int = Field(description="troops")
    sustainable: int = Field(description="troops, each nation at its own ratio")
    sustainable_by_ratio: dict[str, int] = Field(description="troops at each ratio of the range")
    band_min: int
    band_max: int


def _fmt(x: float) -> str:
    return f"{x:g}"


def _first_sentences(text: str, limit: int = 200) -> str:
    """The note's leading whole sentences, up to about ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > 0 else text[:limit] + "..."


def rotation_range(scn: Scenario) -> dict[str, float]:
    """The central rotation ratio and, where the scenario names them, its low and high ends."""
    out = {"central": scn.assumption_value("rotation_ratio")}
    for end in ("low", "high"):
        if scn.has_assumption(f"rotation_ratio_{end}"):
            out[end] = scn.assumption_value(f"rotation_ratio_{end}")
    return out


def _base(nation: Nation, scn: Scenario) -> tuple[int | None, list[CapacityStep], str]:
    """Step 1 and 2: the land-force figure the chain starts from."""
    a = scn.assumption
    if nation.army_personnel is not None:
        f = nation.army_personnel
        year = f" ({f.year})" if f.year else ""
        grade = f" [grade {f.grade}]" if f.grade else " [no grade]"
        troops = int(f.value)
        steps = [CapacityStep(step=f"army personnel{year}", value=troops,
                              source=f.source + grade, is_assumption=False)]
    elif nation.active_personnel is not None and scn.has_assumption("land_share_of_active"):
        f = nation.active_personnel
        share = scn.assumption_value("land_share_of_active")
        troops = whole(f.value * share)
        steps = [
            CapacityStep(step="active personnel (no army figure)", value=int(f.value),
                         source=f.source, is_assumption=False),
            CapacityStep(step=f"x land_share_of_active {_fmt(share)}", value=troops,
                         source=a("land_share_of_active").source,
                         is_assumption=a("land_share_of_active").is_assumption),
        ]
    else:
        why = ("no army figure in countries.csv (no authoritative land-force split); "
               "capacity not computed")
        return None, [CapacityStep(step="army personnel", value=None, source=why,
                                   is_assumption=False)], why
    if nation.army_includes_conscripts:
        steps.append(CapacityStep(
            step="minus conscripts and part-time: not deducted", value=troops,
            source="countries.csv: the army figure counts conscripts and no professional share "
            "was found, so the base is overstated", is_assumption=True))
    elif nation.army_includes_conscripts is False:
        steps.append(CapacityStep(
            step="minus conscripts and part-time: none in the figure", value=troops,
            source="countries.csv conscripts note: " + (_first_sentences(nation.notes)
                                                         or "no conscripts"),
            is_assumption=False))
    return troops, steps, ""


def capacity_of(nation: Nation, scn: Scenario) -> NationCapacity:
    """The net capacity chain of one nation under the scenario's assumptions."""
    ratios = rotation_range(scn)
    override = next((r for r in scn.rotations if r.nation == nation.iso3), None)
    central = override.rotation_ratio if override and override.rotation_ratio else ratios["central"]
    tour = override.tour_months if override else None
    if not nation.has_armed_forces:
        f = nation.active_personnel
        return NationCapacity(
            iso3=nation.iso3, name=nation.name, has_armed_forces=False, land_forces=0,
            deployable=0, sustainable=0, rotation_ratio=central,
            sustainable_by_ratio={_fmt(r): 0 for r in ratios.values()}, tour_months=tour,
            steps=[CapacityStep(step="no armed forces", value=0,
                                source=f.source if f else "countries.csv", is_assumption=False)],
            missing="no armed forces: no troop contributor")
    base, steps, missing = _base(nation, scn)
    if base is None:
        return NationCapacity(
            iso3=nation.iso3, name=nation.name, has_armed_forces=True, land_forces=None,
            deployable=None, sustainable=None, rotation_ratio=central,
            sustainable_by_ratio={_fmt(r): None for r in ratios.values()}, tour_months=tour,
            steps=steps, missing=missing)
    net = base
    for c in scn.commitments:
        if c.nation != nation.iso3:
            continue
        net = max(0, net - c.troops)
        grade = f" [grade {c.grade}]" if c.grade else ""
        year = f" ({c.year})" if c.year else ""
        steps.append(CapacityStep(step=f"minus {c.name}{year}: {c.troops:,}", value=net,
                                  source=c.source + grade, is_assumption=c.is_assumption))
    steps.append(CapacityStep(step="= net deployable base (land forces)", value=net,
                              source="computed", is_assumption=False))
    share = scn.assumption("deployable_share")
    deployable = whole(net * scn.assumption_value("deployable_share"))
    steps.append(CapacityStep(step=f"x deployable share {_fmt(float(share.value))}",
                              value=deployable, source=share.source,
                              is_assumption=share.is_assumption))
    if override and override.rotation_ratio:
        ratio_source, ratio_assumed = override.source, override.is_assumption
    else:
        rr = scn.assumption("rotation_ratio")
        ratio_source, ratio_assumed = rr.source, rr.is_assumption
    sustainable = whole(deployable / central)
    steps.append(CapacityStep(step=f"/ rotation ratio {_fmt(central)}", value=sustainable,
                              source=ratio_source, is_assumption=ratio_assumed))
    by_ratio = {_fmt(r): whole(deployable / r) for r in ratios.values()}
    by_ratio[_fmt(central)] = sustainable
    return NationCapacity(
        iso3=nation.iso3, name=nation.name, has_armed_forces=True, land_forces=net,
        deployable=deployable, sustainable=sustainable, rotation_ratio=central,
        sustainable_by_ratio=by_ratio, tour_months=tour, steps=steps)


def nation_capacity(scn: Scenario, nations: Iterable[str] | None = None
                    ) -> dict[str, NationCapacity]:
    """The capacity chain of each nation in the scenario (or of the codes given)."""
    codes = list(nations) if nations is not None else list(scn.nations)
    return {c: capacity_of(scn.nations[c], scn) for c in codes if c in scn.nations}


def basis_nations(scn: Scenario, basis: str) -> list[str]:
    """The nations of a coalition basis: ``named`` (contributors with armed forces),
    ``attendees`` (the meeting's attendees), or ``list:FRA,GBR,...``."""
    if basis == "named":
        return scn.troop_contributors
    if basis == "attendees":
        return [c for c in scn.attendees
                if (n := scn.nations.get(c)) is None or n.has_armed_forces]
    if basis.startswith("list:"):
        return [c.strip().upper() for c in basis.removeprefix("list:").split(",") if c.strip()]
    raise ValueError(f"unknown coalition basis {basis!r}")


def coalition_capacity(scn: Scenario, basis: str = "named",
                       capacities: dict[str, NationCapacity] | None = None) -> CoalitionCapacity:
    """What the nations of one basis could sustain together, against the band."""
    codes = basis_nations(scn, basis)
    caps = capacities if capacities is not None else nation_capacity(scn, codes)
    have = [caps[c] for c in codes if c in caps and caps[c].land_forces is not None]
    ratios = rotation_range(scn)
    by_ratio = {_fmt(r): sum(whole((n.deployable or 0) / r) for n in have)
                for r in ratios.values()}
    return CoalitionCapacity(
        basis=basis, nations=[n.iso3 for n in have],
        without_data=[c for c in codes if c not in caps or caps[c].land_forces is None],
        land_forces=sum(n.land_forces or 0 for n in have),
        deployable=sum(n.deployable or 0 for n in have),
        sustainable=sum(n.sustainable or 0 for n in have),
        sustainable_by_ratio=by_ratio,
        band_min=scn.requirement.min_troops, band_max=scn.requirement.max_troops)
