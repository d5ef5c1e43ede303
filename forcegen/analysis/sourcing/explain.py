"""From a solution back to a plan: assignments, each unfilled line with its reason, fair
shares, and the price of each caveat and limit (found by re-solving with it lifted).

An infeasible model names the constraint groups whose lifting alone makes it feasible.
"""

from __future__ import annotations

import time

import numpy as np

from forcegen.analysis.sourcing.build import (
    OBJECTIVE_TEXT,
    Relaxation,
    SourcingModel,
    min_contingents,
)
from forcegen.analysis.sourcing.inputs import CAPABILITIES, SourcingInputs, SourcingMode
from forcegen.analysis.sourcing.price import (
    GROUP_LABELS,
    PRICING_SHARE,
    PricingBudget,
    active_groups,
    coverage_of,
    infeasible_groups,
    price,
    troops_of,
)
from forcegen.analysis.sourcing.result import (
    Assignment,
    CaveatRow,
    FairShareRow,
    LimitCost,
    SourcingResult,
    Timings,
    Unfilled,
    UnfilledReason,
    UsedAssumption,
)
from forcegen.analysis.sourcing.solve import Solution, SolveStatus
from forcegen.model.deployment import CaveatKind

#: how the prices are found (the output and the docs say so)
PRICES_BY = ("re-solving the model with that one caveat or limit lifted and comparing "
             "the priority-weighted coverage")


def _filled(model: SourcingModel, x: np.ndarray) -> np.ndarray:
    inp = model.inputs
    filled = np.zeros((len(inp.lines), len(inp.periods)))
    np.add.at(filled, (model.x_l, model.x_p), x)
    return filled


def _offer_anyone(inp: SourcingInputs) -> np.ndarray:
    """C: some nation in the pool offers capability c (ignoring caveats)."""
    if inp.mode is SourcingMode.CAPACITY:
        return np.full(len(CAPABILITIES), len(inp.nations) > 0)
    return (inp.named_offer > 0).any(axis=0) | ((inp.unnamed_offer > 0).any()
                                                 & inp.unnamed_allowed)


def _unfilled(model: SourcingModel, sol: Solution, x: np.ndarray) -> list[Unfilled]:
    inp = model.inputs
    n_n, n_p = len(inp.nations), len(inp.periods)
    filled = _filled(model, x)
    used_np = np.zeros((n_n, n_p))
    np.add.at(used_np, (model.x_n, model.x_p), x)
    line_cap = inp.line_capability
    used_ncp = np.zeros((n_n, len(CAPABILITIES), n_p))
    np.add.at(used_ncp, (model.x_n, line_cap[model.x_l], model.x_p), x)
    present = sol.present
    area_left = np.zeros((len(inp.areas), n_p))
    np.add.at(area_left, inp.line_area, (inp.demand[:, None] - filled) * inp.active)
    mins = min_contingents(inp)
    anyone = _offer_anyone(inp)
    out: list[Unfilled] = []
    for li, line in enumerate(inp.lines):
        area = inp.areas[line.area]
        c = line_cap[li]
        for pi in range(len(inp.periods)):
            if not inp.active[li, pi]:
                continue
            gap = round(line.troops - filled[li, pi])
            if gap <= 0:
                continue

            def row(reason: UnfilledReason, detail: str, li: int = li, pi: int = pi,
                    gap: int = gap) -> Unfilled:
                ln = inp.lines[li]
                return Unfilled(requirement=ln.name, capability=ln.capability.value,
                                area=inp.areas[ln.area].name, period=inp.periods[pi],
                                troops=gap, required=ln.troops, reason=reason, detail=detail)

            if (inp.standoff_km is not None and area.distance_km is not None
                    and area.distance_km < inp.standoff_km):
                out.append(row(UnfilledReason.POSTURE,
                               f"{area.name} is {area.distance_km:g} km from the line of "
                               f"contact, inside the {inp.standoff_km:g} km standoff"))
                continue
            if not anyone[c]:
                out.append(row(UnfilledReason.NO_OFFER,
                               f"no nation in the pool offers {line.capability.value}"))
                continue
            elig = np.nonzero(model.eligible[:, li])[0]
            if len(elig) == 0:
                barred = sorted({f"{inp.nations[cv.nation]}: {cv.label}" for cv in inp.caveats
                                 if cv.kind is not CaveatKind.MIN_CONTINGENT})
                out.append(row(UnfilledReason.CAVEAT,
                               "every nation offering it is barred: " + "; ".join(barred)))
                continue
            cap_left = inp.capacity[elig] - used_np[elig, pi]
            if inp.mode is SourcingMode.PLEDGES:
                named_left = np.maximum(inp.named_offer[elig, c] - used_ncp[elig, c, pi], 0)
                over = np.maximum(used_ncp[elig, :, pi] - inp.named_offer[elig, :], 0).sum(1)
                unnamed_left = np.maximum(inp.unnamed_offer[elig] - over, 0)
                offer_left = named_left + np.where(inp.unnamed_allowed[c], unnamed_left, 0)
            else:
                offer_left = np.full(len(elig), np.inf)
            head = np.minimum(cap_left, offer_left)
            names = ", ".join(inp.nations[e] for e in elig)
            if (head < 1).all():
                if (offer_left < 1).all():
                    out.append(row(UnfilledReason.OFFERS_EXHAUSTED,
                                   f"the offers that can fill it ({names}) are all used"))
                else:
                    out.append(row(UnfilledReason.SUSTAINABILITY,
                                   f"the nations able to serve ({names}) are at their "
                                   "sustainable capacity"))
                continue
            free = elig[head >= 1]
            absent = [e for e in free if not present[e, line.area, pi]]
            k = area.max_nations or inp.max_nations_per_area
            if len(absent) == len(free) and k and present[:, line.area, pi].sum() >= k:
                out.append(row(UnfilledReason.COHESION,
                               f"{area.name} already has {k} nations, the cap per area"))
                continue
            if len(absent) == len(free) and all(
                    min(head[list(elig).index(e)], area_left[line.area, pi]) < mins[e]
                    for e in absent):
                out.append(row(UnfilledReason.MIN_CONTINGENT,
                               "what is left, or what any nation still has, is below its "
                               "minimum contingent"))
                continue
            if (line.capability.value == "hq_c2" and inp.lead_hq_share > 0
                    and inp.lead is not None):
                out.append(row(UnfilledReason.LEAD_HQ,
                               f"the lead nation must hold {inp.lead_hq_share:.0%} of "
                               "headquarters troops"))
                continue
            if sol.status is not SolveStatus.OPTIMAL:
                out.append(row(UnfilledReason.NOT_PROVEN,
                               "the solver stopped before proving the plan optimal"))
                continue
            if sol.gap:
                out.append(row(UnfilledReason.WITHIN_GAP,
                               f"the plan is proven optimal within a gap of {sol.gap:.4%}: "
                               "a plan filling it may exist within that gap"))
                continue
            out.append(row(UnfilledReason.OTHER, "several limits together"))
    return out


def _fair_share(model: SourcingModel, x: np.ndarray) -> list[FairShareRow]:
    inp = model.inputs
    per = np.zeros(len(inp.nations))
    np.add.at(per, model.x_n, x)
    total = per.sum()
    rows = []
    for i, iso in enumerate(inp.nations):
        f = inp.fair_share[i]
        share = float(per[i] / total) if total else 0.0
        cap = inp.capacity[i]
        rows.append(FairShareRow(
            nation=iso, troop_periods=int(per[i]), share=round(share, 6),
            fair_share=None if np.isnan(f) else round(float(f), 6),
            deviation=None if np.isnan(f) else round(share - float(f), 6),
            capacity=None if not np.isfinite(cap) else int(cap)))
    return rows


def explain(model: SourcingModel, sol: Solution, *, scenario: str = "",
            prices: bool = True, time_limit: float | None = None,
            pricing_budget: float | None = None, build_seconds: float = 0.0
            ) -> SourcingResult:
    """The plan, its gaps with their reasons, fair shares and (with ``prices``) the
    coverage each caveat and limit costs. The re-solves behind the prices (and behind the
    names of an infeasible model's constraint groups) share ``pricing_budget`` seconds;
    without one, ``PRICING_SHARE`` of ``time_limit`` (no limit when neither is given)."""
    started = time.perf_counter()
    inp = model.inputs
    if pricing_budget is None and time_limit is not None:
        pricing_budget = time_limit * PRICING_SHARE
    budget = PricingBudget(pricing_budget)

    x = troops_of(model, sol)
    assignments = []
    for j in np.nonzero(x > 0)[0]:
        line = inp.lines[model.x_l[j]]
        t = int(x[j])
        assignments.append(Assignment(
            nation=inp.nations[model.x_n[j]], requirement=line.name,
            capability=line.capability.value, area=inp.areas[line.area].name,
            period=inp.periods[model.x_p[j]], troops=t,
            equipment=(round(line.equipment * t / line.troops, 3)
                       if line.equipment is not None and line.troops else None),
            equipment_unit=line.equipment_unit))
    required = int((inp.demand[:, None] * inp.active).sum())
    coverage_max = float((inp.priority[:, None] * inp.demand[:, None] * inp.active).sum())
    cov, troops = coverage_of(model, sol)
    caveat_costs: list[LimitCost] = []
    limit_costs: list[LimitCost] = []
    because: list[str] = []
    undecided: list[str] = []
    if sol.status is SolveStatus.INFEASIBLE:
        because, undecided = infeasible_groups(model, budget)
    elif prices and sol.has_plan and cov >= coverage_max - 1e-6:
        # every line filled: lifting anything can gain nothing
        caveat_costs = [LimitCost(nation=inp.nations[cv.nation], caveat=cv.label,
                                  coverage_gain=0.0, troops_gain=0,
                                  proven=sol.status is SolveStatus.OPTIMAL, source=cv.source,
                                  note="every line is filled: nothing to gain")
                        for cv in inp.caveats]
        limit_costs = [LimitCost(caveat=GROUP_LABELS[g], coverage_gain=0.0, troops_gain=0,
                                 proven=sol.status is SolveStatus.OPTIMAL,
                                 note="every line is filled: nothing to gain")
                       for g in active_groups(model)]
    elif prices and sol.has_plan:
        groups = active_groups(model)
        todo = len(inp.caveats) + len(groups)
        for i, cv in enumerate(inp.caveats):
            caveat_costs.append(price(model, sol, Relaxation(caveats=frozenset({i})),
                                      cv.label, inp.nations[cv.nation], cv.source, budget,
                                      todo - i))
        for k, g in enumerate(groups):
            limit_costs.append(price(model, sol, Relaxation(groups=frozenset({g})),
                                     GROUP_LABELS[g], None, "", budget,
                                     todo - len(inp.caveats) - k))
    unfilled = _unfilled(model, sol, x) if sol.has_plan else []
    return SourcingResult(
        scenario=scenario, mode=inp.mode, status=sol.status, objective_text=OBJECTIVE_TEXT,
        objective=sol.objective, bound=sol.bound, gap=sol.gap, time_limit=time_limit,
        troops_required=required, troops_filled=troops, coverage=round(cov, 6),
        coverage_max=round(coverage_max, 6),
        areas=[{"name": a.name, "title": a.title, "distance_km": a.distance_km,
                "in_ukraine": a.in_ukraine, "max_nations": a.max_nations, "source": a.source}
               for a in inp.areas],
        periods=[{"name": p, "months": m} for p, m in zip(inp.periods, inp.period_months,
                                                          strict=True)],
        assignments=assignments, unfilled=unfilled, fair_share=_fair_share(model, x),
        caveats=[CaveatRow(nation=inp.nations[cv.nation], kind=cv.kind.value, caveat=cv.label,
                           area=None if cv.area is None else inp.areas[cv.area].name,
                           troops=cv.troops, source=cv.source) for cv in inp.caveats],
        caveat_costs=caveat_costs, limit_costs=limit_costs,
        prices_by=_prices_by(time_limit) if prices else "not computed",
        infeasible_because=because, infeasible_undecided=undecided,
        left_out=dict(inp.left_out),
        assumptions=[UsedAssumption(name=a.name, value=a.value, unit=a.unit, source=a.source,
                                    is_assumption=a.is_assumption) for a in inp.assumptions],
        timings=Timings(build_seconds=round(build_seconds, 4),
                        solve_seconds=round(sol.seconds, 4),
                        explain_seconds=round(time.perf_counter() - started, 4),
                        pricing_budget_seconds=None if pricing_budget is None
                        else round(pricing_budget, 3)),
    )


def _prices_by(time_limit: float | None) -> str:
    if time_limit is None:
        return PRICES_BY + "; no time limit: each re-solve runs to proven optimality"
    return (PRICES_BY + f"; within the time limit of {time_limit:g} s the re-solves shared "
            f"what the plan's own solve left of it (at least {PRICING_SHARE:.0%}; "
            "timings.pricing_budget_seconds), each an equal part of what was left when it "
            "started; a price stopped early is marked not proven optimal")
