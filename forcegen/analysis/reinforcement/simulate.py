"""``simulate(scn)``: build the flow network, run it once in detail and once more for every
single-corridor closure and every single nation withholding its tiers (one batched run)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from forcegen.analysis.reinforcement.capacity import CAPACITY_BASIS, deployable_capacity
from forcegen.analysis.reinforcement.flow import FlowNetwork, FlowRun, first_day, run_flow
from forcegen.analysis.reinforcement.inputs import (
    build_network,
    check_closed,
    nation_tiers,
    parse_withhold,
    reinforcing_nations,
)
from forcegen.analysis.reinforcement.result import (
    KEY_DAYS,
    AssumptionUse,
    BindingPeriod,
    CorridorUse,
    DayTroops,
    NationFlow,
    ReinforcementResult,
    ThresholdDay,
    Variant,
)
from forcegen.errors import UsageError
from forcegen.model import Scenario

DISPATCH_RULE = ("troops leave by the fastest corridor with room (ties by name), nations in "
                 "first-mention order; a slower corridor takes only the troops that no "
                 "faster corridor serving them could deliver as early")


def default_thresholds(scn: Scenario) -> dict[str, int]:
    req = scn.requirement
    initial = scn.reinforcement_settings.initial_troops or req.max_troops
    return {"band minimum": req.min_troops, "band maximum": req.max_troops,
            "double the initial force": 2 * initial}


def _thresholds(series: np.ndarray, wanted: dict[str, int]) -> list[ThresholdDay]:
    return [ThresholdDay(name=k, troops=v, day=first_day(series, v)) for k, v in wanted.items()]


def _by_day(series: np.ndarray) -> dict[str, int]:
    last = len(series) - 1
    return {str(d): int(series[min(d, last)]) for d in KEY_DAYS}


def binding_periods(net: FlowNetwork, run: FlowRun, open_: np.ndarray) -> list[BindingPeriod]:
    """Per departure day, the corridor that ran full with the most troops still waiting
    for it; consecutive days with the same corridor make one period."""
    assert run.shipped is not None and run.waiting is not None
    cap = net.throughput * open_
    full = (run.shipped[0] == cap[:, None]) & (cap[:, None] > 0) & (run.waiting[0] > 0)
    periods: list[BindingPeriod] = []
    for day in range(net.ready.shape[1]):
        ks = np.flatnonzero(full[:, day])
        if ks.size == 0:
            continue
        k = int(ks[np.argmax(run.waiting[0, ks, day])])  # first among equals: dispatch order
        name = net.corridors[k]
        last = periods[-1] if periods else None
        if last and last.corridor == name and last.to_day == day - 1:
            periods[-1] = BindingPeriod(from_day=last.from_day, to_day=day, corridor=name)
        else:
            periods.append(BindingPeriod(from_day=day, to_day=day, corridor=name))
    return periods


def simulate(scn: Scenario, *, close: Iterable[str] = (), withhold: Iterable[str] = (),
             horizon: int | None = None, thresholds: dict[str, int] | None = None,
             sweep: bool = True) -> ReinforcementResult:
    """Troops in theatre per day after an order, for this scenario.

    ``close``: corridor names closed throughout; ``withhold``: ``ISO3`` or ``ISO3:tier``
    held back. ``sweep`` adds the variants (each corridor closed, each nation withholding).
    """
    horizon = horizon if horizon is not None else scn.reinforcement_settings.horizon_days
    if horizon < 1 or horizon > 3650:
        raise UsageError(f"horizon must be 1 to 3650 days, got {horizon}")
    closed = check_closed(scn, close)
    nations = reinforcing_nations(scn)
    capacity = deployable_capacity(scn, nations)
    tiers, notes = nation_tiers(scn, nations, capacity)
    held = parse_withhold(scn, nations, tiers, withhold)
    tiers = [t.model_copy(update={"withheld": (t.nation, None) in held
                                  or (t.nation, t.tier) in held}) for t in tiers]
    net = build_network(scn, nations, tiers, horizon)
    if not scn.corridors:
        notes.append("the scenario names no corridors: no troops can reach the area")
    open_ = np.array([name not in closed for name in net.corridors], dtype=bool)
    base = run_flow(net, open_[None, :], detail=True)
    initial = scn.reinforcement_settings.initial_troops
    series = base.in_theatre(initial)[0]
    wanted = thresholds if thresholds is not None else default_thresholds(scn)
    assert base.by_nation is not None and base.shipped is not None

    variants: list[Variant] = []
    if sweep and (net.corridors or nations):
        subjects = [("close", c) for c in net.corridors if c not in closed]
        subjects += [("withhold", n) for n in nations]
        opens = np.repeat(open_[None, :], len(subjects), axis=0)
        keeps = np.ones((len(subjects), len(nations)), dtype=bool)
        for r, (kind, subject) in enumerate(subjects):
            if kind == "close":
                opens[r, net.corridors.index(subject)] = False
            else:
                keeps[r, nations.index(subject)] = False
        swept = run_flow(net, opens, keeps).in_theatre(initial)
        variants = [Variant(kind=kind, subject=subject, troops_by_day=_by_day(swept[r]),
                            thresholds=_thresholds(swept[r], wanted))
                    for r, (kind, subject) in enumerate(subjects)]

    per_nation = np.cumsum(base.by_nation[0], axis=1)
    nation_rows = [NationFlow(
        nation=n, name=scn.nation_name(n),
        tier_troops=sum(t.troops for t in tiers if t.nation == n and not t.withheld),
        capacity=capacity.get(n), withheld=any(h[0] == n and h[1] is None for h in held),
        troops_by_day=_by_day(per_nation[i]), troops_at_horizon=int(per_nation[i, -1]))
        for i, n in enumerate(nations)]

    order = {name: k for k, name in enumerate(net.corridors)}
    cap = net.throughput * open_
    corridors = []
    for c in scn.corridors:
        k = order[c.name]
        sent = base.shipped[0, k]
        corridors.append(CorridorUse(
            name=c.name, mode=c.mode.value, origins=list(c.origins), transit=list(c.transit),
            area=c.area or (scn.requirement.deployment_areas[:1] or ("",))[0],
            throughput_per_day=c.throughput_per_day, transit_days=c.transit_days,
            closed=c.name in closed, troops_carried=int(sent.sum()),
            days_at_capacity=int(((sent == cap[k]) & (cap[k] > 0)).sum()),
            source=c.source, is_assumption=c.is_assumption))

    assumptions = [AssumptionUse(name="reinforcement.dispatch_rule", value=DISPATCH_RULE,
                                 source="assumption: forcegen's dispatch rule",
                                 is_assumption=True)]
    for a in scn.assumptions:
        if a.name in ("deployable_share", "land_share_of_active"):
            assumptions.append(AssumptionUse(name=a.name, value=a.value, source=a.source,
                                             is_assumption=a.is_assumption))
    for d in scn.reinforcement_settings.default_tiers:
        when = (f"ready evenly from day {d.ready_from} to day {d.days_to_move}"
                if d.ready_from is not None else f"ready on day {d.days_to_move}")
        assumptions.append(AssumptionUse(
            name=f"readiness.default.{d.tier}",
            value=f"{d.share_of_active:g} of active personnel, {when}",
            source=d.source + ("; assumption: a tier's troops become ready evenly across "
                               "its readiness band" if d.ready_from is not None else ""),
            is_assumption=True if d.ready_from is not None else d.is_assumption))
    for t in scn.readiness:
        assumptions.append(AssumptionUse(
            name=f"readiness.{t.nation}.{t.tier}",
            value=f"{t.troops} troops, ready on day {t.days_to_move}", source=t.source,
            is_assumption=t.is_assumption))
    for c in scn.corridors:
        assumptions.append(AssumptionUse(
            name=f"corridor.{c.name}",
            value=f"{c.throughput_per_day} troops a day, {c.transit_days} days in transit",
            source=c.source, is_assumption=c.is_assumption))

    return ReinforcementResult(
        scenario=scn.name, title=scn.title, horizon_days=horizon, initial_troops=initial,
        closed=list(closed), withheld=sorted(f"{n}:{t}" if t else n for n, t in held),
        days=[DayTroops(day=d, troops=int(v)) for d, v in enumerate(series)],
        thresholds=_thresholds(series, wanted),
        binding=binding_periods(net, base, open_), corridors=corridors,
        nations=nation_rows, tiers=tiers, variants=variants, capacity_basis=CAPACITY_BASIS,
        assumptions=assumptions, notes=notes)
