"""Burden sharing: each contributor's troops against its fair share, on a stated basis.

The coalition basis is selectable: ``named`` (contributors with armed forces and a pledge
not ruled out), ``attendees`` (the nations at the meeting), or ``list:FRA,GBR,...``. The
weights are too: GDP, population, defence spending, army size, any mix. A nation's fair
share is ``sum_k w_k * share_k / sum_k w_k`` over the weighted figures, where ``share_k``
is its share of the coalition's total of figure ``k``; a nation lacking a weighted figure
is left out of the shares (and says so). Its fair-share troops are that share of the
upper end of the band; its index is pledged troops over fair-share troops (1 = its share).
"""

from __future__ import annotations

import math

from pydantic import BaseModel, Field

from forcegen.analysis.plan.capacity import basis_nations
from forcegen.model import Modality, Scenario

#: weight name -> Nation figure
WEIGHT_FIGURES: dict[str, str] = {
    "gdp": "gdp_usd",
    "population": "population",
    "defence": "defence_usd",
    "army": "army_personnel",
}

#: the weight sets the sensitivity table compares
WEIGHT_SETS: dict[str, dict[str, float]] = {
    "GDP and population": {"gdp": 0.5, "population": 0.5},
    "defence spending": {"defence": 1.0},
    "army size": {"army": 1.0},
    "all four equally": {"gdp": 0.25, "population": 0.25, "defence": 0.25, "army": 0.25},
}


class NationBurden(BaseModel):
    iso3: str
    troops: int | None = Field(description="troops pledged, largest figure; None if unstated")
    shares: dict[str, float] = Field(description="share of the coalition's total, per weight")
    gdp_share: float | None
    population_share: float | None
    fair_share: float | None
    fair_share_troops: int | None = Field(description="troops")
    index: float | None = Field(description="troops / fair_share_troops")
    data_note: str = ""


class BurdenResult(BaseModel):
    basis: str = Field(description="named | attendees | list:...")
    basis_troops: int = Field(description="troops the fair shares divide (requirement.max_troops)")
    weights: dict[str, float]
    coalition: list[str]
    nations: list[NationBurden]

    def of(self, iso3: str) -> NationBurden:
        return next(n for n in self.nations if n.iso3 == iso3)


class FairShareRow(BaseModel):
    basis: str
    weights: str
    fair_share_troops: dict[str, int | None] = Field(description="troops, per focus nation")


def weights_from(scn: Scenario) -> dict[str, float]:
    """The fair-share weights the scenario names (``fair_share_weight_<k>``), or the legacy
    ``fair_share_gdp_weight`` split between GDP and population."""
    named = {k: scn.assumption_value(f"fair_share_weight_{k}") for k in WEIGHT_FIGURES
             if scn.has_assumption(f"fair_share_weight_{k}")}
    if named:
        return named
    w = scn.assumption_value("fair_share_gdp_weight")
    return {"gdp": w, "population": 1 - w}


def _troops(scn: Scenario, iso3: str) -> int | None:
    live = [p for p in scn.pledges_of(iso3) if p.modality is not Modality.RULED_OUT]
    figures = [p.troops_high for p in live if p.troops_high is not None]
    return sum(figures) if figures else None


def fair_share_basis(scn: Scenario) -> str:
    """The coalition the fair shares divide among: the scenario's ``fair_share_basis``
    assumption, or ``named``."""
    if scn.has_assumption("fair_share_basis"):
        return str(scn.assumption("fair_share_basis").value)
    return "named"


def burden_sharing(scn: Scenario, *, weights: dict[str, float],
                   basis: str = "named") -> BurdenResult:
    unknown = set(weights) - set(WEIGHT_FIGURES)
    if unknown or any(not math.isfinite(w) or w < 0 for w in weights.values()) or sum(
            weights.values()) <= 0:
        raise ValueError(f"weights must be non-negative over {sorted(WEIGHT_FIGURES)}, "
                         f"not all zero; got {weights}")
    used = {k: w for k, w in weights.items() if w > 0}
    members = basis_nations(scn, basis)
    figures: dict[str, dict[str, float]] = {}
    notes: dict[str, str] = {}
    for iso3 in members:
        n = scn.nations.get(iso3)
        vals = {k: (f.value if n is not None and (f := n.figure(WEIGHT_FIGURES[k])) else None)
                for k in used}
        missing = [WEIGHT_FIGURES[k] for k, v in vals.items() if v is None]
        if missing:
            notes[iso3] = "no " + " or ".join(missing) + " figure: not in the coalition shares"
            continue
        figures[iso3] = {k: float(v) for k, v in vals.items() if v is not None}
    totals = {k: sum(f[k] for f in figures.values()) for k in used}
    wsum = sum(used.values())
    rows = []
    for iso3 in members:
        troops = _troops(scn, iso3)
        if iso3 not in figures or any(t <= 0 for t in totals.values()):
            rows.append(NationBurden(iso3=iso3, troops=troops, shares={}, gdp_share=None,
                                     population_share=None, fair_share=None,
                                     fair_share_troops=None, index=None,
                                     data_note=notes.get(iso3, "")))
            continue
        shares = {k: figures[iso3][k] / totals[k] for k in used}
        fair = sum(used[k] * shares[k] for k in used) / wsum
        fair_troops = round(fair * scn.requirement.max_troops)
        index = None if troops is None or fair_troops == 0 else troops / fair_troops
        rows.append(NationBurden(
            iso3=iso3, troops=troops, shares=shares, gdp_share=shares.get("gdp"),
            population_share=shares.get("population"), fair_share=fair,
            fair_share_troops=fair_troops, index=index,
            data_note="" if troops is not None else "no troop number stated: no index",
        ))
    return BurdenResult(basis=basis, basis_troops=scn.requirement.max_troops, weights=weights,
                        coalition=[c for c in members if c in figures], nations=rows)


def fair_share_sensitivity(scn: Scenario, focus: list[str]) -> list[FairShareRow]:
    """How the focus nations' fair shares move across bases and weight sets."""
    bases = ["named"] + (["attendees"] if scn.attendees else [])
    out = []
    for basis in bases:
        for label, weights in WEIGHT_SETS.items():
            res = burden_sharing(scn, weights=weights, basis=basis)
            by = {n.iso3: n.fair_share_troops for n in res.nations}
            out.append(FairShareRow(basis=basis, weights=label,
                                    fair_share_troops={c: by.get(c) for c in focus}))
    return out
