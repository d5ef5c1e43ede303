"""From a scenario to the flow network: each nation's tiers (capped at its capacity) and
the corridors in dispatch order."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from pydantic import BaseModel, Field

from forcegen.analysis.reinforcement.capacity import deployable_capacity
from forcegen.analysis.reinforcement.flow import FlowNetwork
from forcegen.errors import UsageError
from forcegen.model import Scenario
from forcegen.model.reinforcement import Corridor


class TierUse(BaseModel):
    """One readiness tier as the simulation uses it."""

    nation: str
    tier: str
    ready_from: int | None = Field(description="ready evenly from this day; None: all at once")
    days_to_move: int
    requested: int = Field(description="troops: the tier as given (or derived by default)")
    troops: int = Field(description="troops: after the cap at net deployable capacity")
    capped: int = Field(description="troops cut to stay within net deployable capacity")
    withheld: bool = False
    default: bool = Field(description="derived from the default tiers, not the scenario")
    source: str
    is_assumption: bool


def reinforcing_nations(scn: Scenario) -> list[str]:
    """Who reinforces: the scenario's list, else every contributor and every nation the
    scenario gives tiers for, in first-mention order."""
    if scn.reinforcement_settings.nations:
        return list(scn.reinforcement_settings.nations)
    out = list(scn.contributors)
    out.extend(t.nation for t in scn.readiness if t.nation not in out)
    return list(dict.fromkeys(out))


def nation_tiers(scn: Scenario, nations: list[str],
                 capacity: dict[str, int | None] | None = None
                 ) -> tuple[list[TierUse], list[str]]:
    """Every tier of every reinforcing nation, smallest readiness first, and notes."""
    if capacity is None:
        capacity = deployable_capacity(scn, nations)
    notes: list[str] = []
    cut: list[str] = []
    out: list[TierUse] = []
    for iso3 in nations:
        given = sorted((t for t in scn.readiness if t.nation == iso3),
                       key=lambda t: (t.days_to_move, t.tier))
        rows: list[tuple[str, int | None, int, int, str, bool, bool]] = [
            (t.tier, t.ready_from, t.days_to_move, t.troops, t.source, t.is_assumption, False)
            for t in given]
        if not given:
            nation = scn.nations.get(iso3)
            active = nation.active_personnel if nation else None
            defaults = scn.reinforcement_settings.default_tiers
            if active is None:
                if defaults:
                    notes.append(f"{iso3}: no active-personnel figure, so no default tiers")
            else:
                for d in sorted(defaults, key=lambda d: (d.days_to_move, d.tier)):
                    rows.append((d.tier, d.ready_from, d.days_to_move,
                                 int(active.value * d.share_of_active),
                                 f"{d.source}; x {iso3} active personnel "
                                 f"{int(active.value):,} ({active.source})", True, True))
        cap = capacity.get(iso3)
        used = 0
        for tier, start, days, troops, source, assumed, default in rows:
            allowed = troops if cap is None else max(0, min(troops, cap - used))
            used += allowed
            out.append(TierUse(nation=iso3, tier=tier, ready_from=start, days_to_move=days,
                               requested=troops,
                               troops=allowed, capped=troops - allowed, default=default,
                               source=source, is_assumption=assumed))
        if cap is None and rows:
            notes.append(f"{iso3}: no land-force figure, so its tiers are not capped")
        elif cap is not None and used < sum(r[3] for r in rows):
            cut.append(f"{iso3} {cap:,}")
    if cut:
        notes.append("tiers cut to net deployable capacity (troops): " + ", ".join(cut))
    return out, notes


def dispatch_order(corridors: Iterable[Corridor]) -> list[Corridor]:
    """Fastest first; ties by name (so the answer never depends on file order)."""
    return sorted(corridors, key=lambda c: (c.transit_days, c.name))


def parse_withhold(scn: Scenario, nations: list[str], tiers: list[TierUse],
                   withhold: Iterable[str]) -> set[tuple[str, str | None]]:
    """``FRA`` (every tier) or ``FRA:tier1`` into (nation, tier or None)."""
    out: set[tuple[str, str | None]] = set()
    for item in withhold:
        code, _, tier = item.strip().partition(":")
        code = code.upper()
        if code not in nations:
            raise UsageError(f"--withhold: {code!r} does not reinforce in scenario "
                             f"{scn.name!r} (reinforcing: {', '.join(nations) or 'none'})")
        if tier and not any(t.nation == code and t.tier == tier for t in tiers):
            known = ", ".join(t.tier for t in tiers if t.nation == code)
            raise UsageError(f"--withhold: {code} has no tier {tier!r} (its tiers: {known})")
        out.add((code, tier or None))
    return out


def check_closed(scn: Scenario, close: Iterable[str]) -> tuple[str, ...]:
    names = [c.name for c in scn.corridors]
    out = []
    for name in close:
        if name not in names:
            raise UsageError(f"--close: no corridor named {name!r} in scenario {scn.name!r} "
                             f"(corridors: {', '.join(names) or 'none'})")
        out.append(name)
    return tuple(dict.fromkeys(out))


def spread(troops: int, ready_from: int | None, days_to_move: int) -> dict[int, int]:
    """Troops ready per day: all on ``days_to_move``, or evenly from ``ready_from`` to
    ``days_to_move`` (the remainder one each on the earliest days)."""
    if ready_from is None:
        return {days_to_move: troops}
    span = days_to_move - ready_from + 1
    base, extra = divmod(troops, span)
    return {ready_from + i: base + (1 if i < extra else 0) for i in range(span)}


def build_network(scn: Scenario, nations: list[str], tiers: list[TierUse],
                  horizon: int) -> FlowNetwork:
    """Compile tiers and corridors into arrays (withheld tiers carry no troops)."""
    order = dispatch_order(scn.corridors)
    index = {n: i for i, n in enumerate(nations)}
    ready = np.zeros((len(nations), horizon + 1), dtype=np.int64)
    for t in tiers:
        if t.withheld:
            continue
        days = spread(t.troops, t.ready_from, t.days_to_move)
        for day, troops in days.items():
            if day <= horizon:
                ready[index[t.nation], day] += troops
    eligible = np.array([[not c.origins or n in c.origins for n in nations] for c in order],
                        dtype=bool).reshape(len(order), len(nations))
    return FlowNetwork(
        nations=tuple(nations), corridors=tuple(c.name for c in order), ready=ready,
        eligible=eligible,
        throughput=np.array([c.throughput_per_day for c in order], dtype=np.int64),
        transit=np.array([c.transit_days for c in order], dtype=np.int64), horizon=horizon)
