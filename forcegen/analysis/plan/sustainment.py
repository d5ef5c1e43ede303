"""Sustainment: what each nation's pledge costs through rotations.

To hold ``D`` troops in theatre continuously with a rotation ratio ``m`` (pool per
deployed soldier: tour plus interval, over tour), a nation needs a pool of ``m * D``
troops, drawn from its *deployable* land forces (the net capacity chain in
``capacity.py``). Rather than pass or fail at one ratio, the result says at which ratio
the nation can hold its pledge (``deployable / D``: the dwell it can afford) and, at the
central ratio, for how long: a nation short of the pool can still fill
``floor(deployable / D)`` successive tours with fresh units, so it holds for that many
tours times the tour length.
"""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import BaseModel, Field

from forcegen.analysis.plan.capacity import (
    NationCapacity,
    nation_capacity,
    rotation_range,
    whole,
)
from forcegen.model import Modality, Scenario


class SustainStatus(StrEnum):
    SUSTAINABLE = "sustainable"  # pool within usable land forces: indefinitely
    FOR_DURATION = "for_duration"  # not indefinitely, but for the whole mission
    SHORT = "short"  # runs out of fresh units before the mission ends
    NO_TROOPS = "no_troops"  # nothing quantified to sustain
    NO_DATA = "no_data"  # no land-force figure to judge by


class LandForceBasis(StrEnum):
    """Which reference figure a nation's land forces rest on."""

    ARMY = "army"  # its army personnel
    ACTIVE_SHARE = "active_share"  # a share of its active personnel (an assumption)
    NONE = "none"  # no figure


class LandForces(BaseModel):
    troops: int | None
    kind: LandForceBasis
    basis: str = Field(description="which figure the result rests on")
    source: str


class NationSustainment(BaseModel):
    iso3: str
    deployed: int | None = Field(description="troops: the nation's pledged share, largest figure")
    land_forces: LandForces
    capacity: NationCapacity
    usable: int | None = Field(description="troops: net land forces x deployable share")
    rotation_pool_required: int | None = Field(description="troops: deployed x rotation ratio")
    sustainable_troops: int | None = Field(description="troops it can hold indefinitely")
    status: SustainStatus = Field(description="at the central rotation ratio")
    months_sustainable: int | None = Field(
        description="months it can hold its share with fresh units; None when not limited"
    )
    holdable_ratio: float | None = Field(
        description="the largest rotation ratio (pool per deployed soldier) at which the "
        "nation can hold its pledge indefinitely: deployable / deployed")
    status_by_ratio: dict[str, SustainStatus] = Field(
        description="status at each ratio of the sensitivity range")


class SustainmentResult(BaseModel):
    rotation_ratio: float
    rotation_range: dict[str, float]
    deployable_share: float
    tour_months: int
    duration_months: int
    nations: list[NationSustainment]

    def of(self, iso3: str) -> NationSustainment:
        return next(n for n in self.nations if n.iso3 == iso3)


class Sustained(BaseModel):
    """The arithmetic's answer for one nation (troops, months)."""

    usable: int | None = Field(description="troops: land forces x deployable share")
    pool: int | None = Field(description="troops: deployed x rotation ratio, rounded up")
    sustainable: int | None = Field(description="troops it can hold indefinitely")
    status: SustainStatus
    months: int | None = Field(description="months with fresh units; None when not limited")


def sustain(
    deployed: int | None,
    land: int | None,
    *,
    rotation_ratio: float,
    deployable_share: float,
    tour_months: int,
    duration_months: int,
) -> Sustained:
    """The arithmetic for one nation."""
    usable = None if land is None else whole(land * deployable_share)
    sustainable = None if usable is None else whole(usable / rotation_ratio)
    pool = None if deployed is None else math.ceil(deployed * rotation_ratio)

    def answer(status: SustainStatus, months: int | None = None) -> Sustained:
        return Sustained(usable=usable, pool=pool, sustainable=sustainable, status=status,
                         months=months)

    if not deployed:
        return answer(SustainStatus.NO_TROOPS)
    if usable is None or pool is None:
        return answer(SustainStatus.NO_DATA)
    if pool <= usable:
        return answer(SustainStatus.SUSTAINABLE)
    months = (usable // deployed) * tour_months
    if months >= duration_months:
        return answer(SustainStatus.FOR_DURATION, months)
    return answer(SustainStatus.SHORT, months)


def _land(cap: NationCapacity) -> LandForces:
    if cap.land_forces is None:
        return LandForces(troops=None, kind=LandForceBasis.NONE, basis=cap.missing or "no data",
                          source="")
    first = cap.steps[0]
    kind = (LandForceBasis.ACTIVE_SHARE if first.step.startswith("active personnel")
            else LandForceBasis.ARMY)
    return LandForces(troops=cap.land_forces, kind=kind,
                      basis="; ".join(s.step for s in cap.steps), source=first.source)


def sustainment(scn: Scenario, *, tour_months: int, duration_months: int) -> SustainmentResult:
    """Judge every troop-capable nation with a pledge (ruled-out ones included, at zero)."""
    caps = nation_capacity(scn)
    ratios = rotation_range(scn)
    share = scn.assumption_value("deployable_share")
    out = []
    seen = [c for c in dict.fromkeys(p.nation for p in scn.pledges)
            if c not in scn.without_armed_forces]
    for iso3 in seen:
        live = [p for p in scn.pledges_of(iso3) if p.modality is not Modality.RULED_OUT]
        figures = [p.troops_high for p in live if p.troops_high is not None]
        deployed = sum(figures) if figures else None
        cap = caps[iso3]
        tour = cap.tour_months or tour_months

        def at(ratio: float, deployed: int | None = deployed, land: int | None = cap.land_forces,
               tour: int = tour) -> Sustained:
            return sustain(deployed, land, rotation_ratio=ratio, deployable_share=share,
                           tour_months=tour, duration_months=duration_months)

        s = at(cap.rotation_ratio)
        holdable = round(s.usable / deployed, 2) if s.usable is not None and deployed else None
        # every position ruled out: no capacity to report for the force
        out.append(NationSustainment(
            iso3=iso3, deployed=deployed, land_forces=_land(cap), capacity=cap,
            usable=s.usable if live else None,
            rotation_pool_required=s.pool,
            sustainable_troops=s.sustainable if live else None,
            status=s.status, months_sustainable=s.months, holdable_ratio=holdable,
            status_by_ratio={f"{r:g}": at(r).status for r in ratios.values()},
        ))
    return SustainmentResult(
        rotation_ratio=ratios["central"], rotation_range=ratios, deployable_share=share,
        tour_months=tour_months, duration_months=duration_months, nations=out,
    )
