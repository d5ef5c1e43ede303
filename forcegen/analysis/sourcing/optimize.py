"""``optimize``: read the scenario, build the model, solve it, explain the plan.

With a time limit, the limit bounds the whole call: the plan's own solve gets what is
left of it after reading and building, less the share kept for pricing (``PRICING_SHARE``,
when prices are asked for); the re-solves that price caveats and limits share whatever
is left after that.
"""

from __future__ import annotations

import time

from forcegen.analysis.sourcing.build import Relaxation, build_model
from forcegen.analysis.sourcing.explain import explain
from forcegen.analysis.sourcing.inputs import SourcingMode, sourcing_inputs
from forcegen.analysis.sourcing.price import MIN_RESOLVE_SECONDS, PRICING_SHARE
from forcegen.analysis.sourcing.result import SourcingResult
from forcegen.analysis.sourcing.solve import check_time_limit, solve
from forcegen.model import Scenario


def optimize(scn: Scenario, *, mode: SourcingMode | str = SourcingMode.PLEDGES,
             time_limit: float | None = None, mip_gap: float | None = None,
             prices: bool = True) -> SourcingResult:
    """The best sourcing plan for a scenario, explained (build → solve → explain).
    ``mip_gap``: the relative gap to stop at (default: ``solve``'s, 0.01 % or half a
    troop-period, whichever is tighter)."""
    check_time_limit(time_limit)
    started = time.perf_counter()
    inputs = sourcing_inputs(scn, mode)
    built_at = time.perf_counter()
    model = build_model(inputs, Relaxation())
    built = time.perf_counter() - built_at
    solve_limit = None
    if time_limit is not None:
        share = 1.0 - PRICING_SHARE if prices else 1.0
        solve_limit = max(time_limit * share - (time.perf_counter() - started),
                          MIN_RESOLVE_SECONDS)
    solution = solve(model, time_limit=solve_limit, mip_gap=mip_gap)
    budget = None if time_limit is None else max(
        time_limit - (time.perf_counter() - started), 0.0)
    return explain(model, solution, scenario=scn.name, prices=prices, time_limit=time_limit,
                   pricing_budget=budget, build_seconds=built)
