"""Sustainment: can each nation keep its share deployed through rotations?

To hold ``D`` troops in theatre continuously with a rotation ratio ``m`` (pool per
deployed soldier: tour plus interval, over tour), a nation needs a pool of ``m * D``
troops, drawn from its *usable* land forces: land forces times the deployable share.
The largest share it can sustain indefinitely is ``usable / m``. A nation short of the
pool can still fill ``floor(usable / D)`` successive tours with fresh units before it
must send a unit back early, so it holds for that many tours times the tour length.
"""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import BaseModel, Field

from forcegen.model import Modality, Nation, Scenario


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
    usable: int | None = Field(description="troops: land forces x deployable share")
    rotation_pool_required: int | None = Field(description="troops: deployed x rotation ratio")
    sustainable_troops: int | None = Field(description="troops it can hold indefinitely")
    status: SustainStatus
    months_sustainable: int | None = Field(
        description="months it can hold its share with fresh units; None when not limited"
    )


class SustainmentResult(BaseModel):
    rotation_ratio: float
    deployable_share: float
    land_share_of_active: float
    tour_months: int
    duration_months: int
    nations: list[NationSustainment]

    def of(self, iso3: str) -> NationSustainment:
        return next(n for n in self.nations if n.iso3 == iso3)


def _year(year: int | None) -> str:
    return f" ({year})" if year else " (year not given)"


def land_forces(nation: Nation | None, land_share_of_active: float) -> LandForces:
    """The land-force figure for a nation: its army if known, else a share of its actives."""
    if nation is None:
        return LandForces(troops=None, kind=LandForceBasis.NONE, basis="no data", source="")
    if nation.army_personnel is not None:
        f = nation.army_personnel
        return LandForces(troops=int(f.value), kind=LandForceBasis.ARMY,
                          basis="army personnel" + _year(f.year), source=f.source)
    if nation.active_personnel is not None:
        f = nation.active_personnel
        return LandForces(
            troops=int(f.value * land_share_of_active),
            kind=LandForceBasis.ACTIVE_SHARE,
            basis=(f"active personnel{_year(f.year)} x land_share_of_active "
                   f"{land_share_of_active:g} (assumption)"),
            source=f.source,
        )
    return LandForces(troops=None, kind=LandForceBasis.NONE, basis="no data", source="")


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
    usable = None if land is None else int(land * deployable_share)
    sustainable = None if usable is None else int(usable // rotation_ratio)
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


def sustainment(
    scn: Scenario,
    *,
    rotation_ratio: float,
    deployable_share: float,
    land_share_of_active: float,
    tour_months: int,
    duration_months: int,
) -> SustainmentResult:
    """Judge every nation with a pledge (ruled-out ones included, at zero troops)."""
    out = []
    seen: list[str] = []
    for p in scn.pledges:
        if p.nation not in seen:
            seen.append(p.nation)
    for iso3 in seen:
        live = [p for p in scn.pledges_of(iso3) if p.modality is not Modality.RULED_OUT]
        figures = [p.troops_high for p in live if p.troops_high is not None]
        deployed = sum(figures) if figures else None
        lf = land_forces(scn.nations.get(iso3), land_share_of_active)
        s = sustain(
            deployed, lf.troops,
            rotation_ratio=rotation_ratio, deployable_share=deployable_share,
            tour_months=tour_months, duration_months=duration_months,
        )
        # every position ruled out: no capacity to report for the force
        out.append(NationSustainment(
            iso3=iso3, deployed=deployed, land_forces=lf,
            usable=s.usable if live else None,
            rotation_pool_required=s.pool,
            sustainable_troops=s.sustainable if live else None,
            status=s.status, months_sustainable=s.months,
        ))
    return SustainmentResult(
        rotation_ratio=rotation_ratio, deployable_share=deployable_share,
        land_share_of_active=land_share_of_active, tour_months=tour_months,
        duration_months=duration_months, nations=out,
    )
