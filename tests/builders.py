"""Small scenarios built in code, for hand-solved tests.

Every builder returns validated ``forcegen.model`` objects; the figures are whatever the
test passes, never the reference data, so a test's arithmetic stays on its own page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from forcegen.model import (
    Assumption,
    Attendance,
    Backstop,
    Capability,
    CapabilityRequirement,
    Condition,
    Figure,
    ForceRequirement,
    Modality,
    Nation,
    Pledge,
    RotationOverride,
    Scenario,
    Source,
    StandingCommitment,
)
from forcegen.model.reinforcement import Corridor, CorridorMode, ReadinessTier

AS_OF = dt.date(2025, 2, 17)
SOURCE = Source(outlet="Test fixture", date=dt.date(2025, 2, 1), quote="a test fact")

#: The assumptions ``plan()`` needs, with round numbers.
PLAN_ASSUMPTIONS: dict[str, bool | int | float] = {
    "rotation_ratio": 5,
    "deployable_share": 0.4,
    "land_share_of_active": 0.5,
    "fair_share_gdp_weight": 0.5,
    "backstop_fills_whole_line": True,
    "tour_months": 6,
    "duration_months": 36,
}


def figure(value: float, year: int | None = 2024) -> Figure:
    return Figure(value=value, year=year, source="test figure")


def nation(
    iso3: str,
    *,
    army: float | None = None,
    active: float | None = None,
    gdp: float | None = None,
    population: float | None = None,
    defence: float | None = None,
    name: str | None = None,
    conscripts: bool | None = None,
) -> Nation:
    """A nation carrying only the figures given."""
    return Nation(
        defence_usd=figure(defence) if defence is not None else None,
        army_includes_conscripts=conscripts,
        iso3=iso3,
        name=name or iso3,
        army_personnel=figure(army) if army is not None else None,
        active_personnel=figure(active) if active is not None else None,
        gdp_usd=figure(gdp) if gdp is not None else None,
        population=figure(population) if population is not None else None,
    )


def pledge(
    iso3: str,
    modality: Modality | str = Modality.OFFERED,
    *,
    troops_min: int | None = None,
    troops_max: int | None = None,
    capability: Capability | str | None = None,
    conditions: Iterable[Condition] = (),
) -> Pledge:
    return Pledge(
        nation=iso3,
        modality=Modality(modality),
        troops_min=troops_min,
        troops_max=troops_max,
        capability=Capability(capability) if capability is not None else None,
        conditions=tuple(conditions),
        sources=(SOURCE,),
    )


def backstop(
    provider: str,
    capabilities: Iterable[Capability | str],
    modality: Modality | str = Modality.CONSIDERING,
) -> Backstop:
    return Backstop(
        provider=provider,
        capabilities=tuple(Capability(c) for c in capabilities),
        modality=Modality(modality),
        sources=(SOURCE,),
    )


def requirement(
    min_troops: int = 10_000,
    max_troops: int = 12_000,
    lines: dict[Capability, int] | None = None,
    enablers: dict[Capability, int] | None = None,
    **kwargs: object,
) -> ForceRequirement:
    """Lines of in-theatre troops, with enablers where ``enablers`` names them."""
    caps = tuple(
        CapabilityRequirement(capability=c, troops=t, enablers=(enablers or {}).get(c, 0),
                              source="assumption: test line")
        for c, t in (lines or {}).items()
    )
    return ForceRequirement(min_troops=min_troops, max_troops=max_troops,
                            capabilities=caps, **kwargs)  # type: ignore[arg-type]


def assumptions(**overrides: bool | int | float | str | None) -> tuple[Assumption, ...]:
    """The plan's test assumptions; an override of None drops that assumption."""
    values = {**PLAN_ASSUMPTIONS, **overrides}
    return tuple(Assumption(name=k, value=v, source="assumption: test value")
                 for k, v in values.items() if v is not None)


def scenario(
    nations: Iterable[Nation],
    pledges: Iterable[Pledge] = (),
    *,
    req: ForceRequirement | None = None,
    backstops: Iterable[Backstop] = (),
    with_assumptions: bool = True,
    name: str = "test",
    overrides: dict[str, bool | int | float | str | None] | None = None,
    commitments: Iterable[StandingCommitment] = (),
    rotations: Iterable[RotationOverride] = (),
    attendance: Attendance | None = None,
    **extra: object,
) -> Scenario:
    """``extra``: further Scenario fields (corridors, readiness, agreements, ...)."""
    return Scenario(
        name=name,
        title="Hand-built test scenario",
        as_of=AS_OF,
        requirement=req or requirement(),
        nations={n.iso3: n for n in nations},
        pledges=tuple(pledges),
        backstops=tuple(backstops),
        assumptions=assumptions(**(overrides or {})) if with_assumptions else (),
        commitments=tuple(commitments),
        rotations=tuple(rotations),
        attendance=attendance,
        **extra,  # type: ignore[arg-type]
    )


def corridor(name: str, throughput: int, transit_days: int, *,
             origins: Iterable[str] = (), mode: str = "road") -> Corridor:
    return Corridor(name=name, mode=CorridorMode(mode), origins=tuple(origins),
                    throughput_per_day=throughput, transit_days=transit_days,
                    source="assumption: test corridor")


def tier(iso3: str, troops: int, days: int, name: str = "t1") -> ReadinessTier:
    return ReadinessTier(nation=iso3, tier=name, days_to_move=days, troops=troops,
                         source="assumption: test tier")
