"""``optimize``: read the scenario, build the model, solve it, explain the plan."""

from __future__ import annotations

import time

from forcegen.analysis.sourcing.build import Relaxation, build_model
from forcegen.analysis.sourcing.explain import explain
from forcegen.analysis.sourcing.inputs import SourcingMode, sourcing_inputs
from forcegen.analysis.sourcing.result import SourcingResult
from forcegen.analysis.sourcing.solve import DEFAULT_GAP, check_time_limit, solve
from forcegen.model import Scenario


def optimize(scn: Scenario, *, mode: SourcingMode | str = SourcingMode.PLEDGES,
             time_limit: float | None = None, mip_gap: float = DEFAULT_GAP,
             prices: bool = True) -> SourcingResult:
    """The best sourcing plan for a scenario, explained (build → solve → explain)."""
    check_time_limit(time_limit)
    inputs = sourcing_inputs(scn, mode)
    started = time.perf_counter()
    model = build_model(inputs, Relaxation())
    built = time.perf_counter() - started
    solution = solve(model, time_limit=time_limit, mip_gap=mip_gap)
    return explain(model, solution, scenario=scn.name, prices=prices, time_limit=time_limit,
                   build_seconds=built)
