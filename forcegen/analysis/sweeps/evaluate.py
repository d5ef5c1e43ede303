"""One variant through the engines: the row a sweep writes for it.

Runs on a worker: it takes the base scenario and the variants' values, and returns plain
dicts, so any executor (Dask, a process pool, a plain loop) can run it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from forcegen.analysis.plan.plan import PlanResult
from forcegen.analysis.plan.sustainment import SustainStatus
from forcegen.analysis.sweeps.apply import apply_values
from forcegen.analysis.sweeps.design import Variant, variant_seed
from forcegen.analysis.sweeps.spec import SweepSpec
from forcegen.errors import ForcegenError
from forcegen.model import Scenario

#: The month of the headline P(>= minimum) "by month 12".
HEADLINE_MONTH = 12

#: Output columns per engine, with their kinds (bool, int, float, str) and units.
PLAN_COLUMNS = {"max_possible": "int", "certain": "int", "coalition_sustainable": "bool"}
RISK_COLUMNS = {"p_min_month_12": "float", "p_min_steady": "float",
                "p_min_month_12_with_priors": "float", "p_min_steady_with_priors": "float"}
SOURCE_COLUMNS = {"sourcing_coverage": "float", "sourcing_troops_filled": "int",
                  "sourcing_status": "str"}

UNITS = {
    "max_possible": "troops: every pledge not ruled out, at its largest",
    "certain": "troops: committed pledges' stated minimum",
    "coalition_sustainable": "every contributor can hold its pledge for the mission",
    "p_min_month_12": "P(troops in place >= band minimum) at month 12, quantified pledges",
    "p_min_steady": "P(>= band minimum) at steady state, quantified pledges",
    "p_min_month_12_with_priors": "the same at month 12 with priors for unquantified pledges",
    "p_min_steady_with_priors": "the same at steady state with priors",
    "sourcing_coverage": "share of the priority-weighted troop-periods asked for that the "
                         "sourcing plan fills (the optimiser's coverage / coverage_max)",
    "sourcing_troops_filled": "troop-periods the sourcing plan assigns",
    "sourcing_status": "the optimiser's status: optimal, or time_limit (not proven "
                       "optimal), infeasible, no_solution",
}


def columns(spec: SweepSpec) -> dict[str, str]:
    """Every column of a sweep's results, in order, with its kind."""
    out = {"variant": "int", "seed": "int"}
    out.update({p.name: p.kind for p in spec.parameters})
    out.update(PLAN_COLUMNS)
    if spec.engines.risk is not None:
        out.update(RISK_COLUMNS)
    if spec.engines.source is not None:
        out.update(SOURCE_COLUMNS)
    out["error"] = "str"
    return out


def _coalition_sustainable(result: PlanResult) -> bool | None:
    """False if a contributor runs short before the mission ends; None if one lacks data."""
    rows = result.sustainment.nations
    if any(r.status is SustainStatus.SHORT for r in rows):
        return False
    if any(r.status is SustainStatus.NO_DATA for r in rows):
        return None
    return True


def evaluate_variant(base: Scenario, spec: SweepSpec, index: int,
                     values: Variant) -> dict[str, Any]:
    """The row of variant ``index``: its values, then the engines' headline figures.
    A variant the engines refuse gets its message in ``error`` and empty figures."""
    seed = variant_seed(spec.seed, index)
    row: dict[str, Any] = {"variant": index, "seed": seed, **values}
    for name in columns(spec):
        row.setdefault(name, None)
    try:
        scn = apply_values(base, values)
        result = scn.plan()
        row["max_possible"] = result.generation.max_possible
        row["certain"] = result.generation.certain
        row["coalition_sustainable"] = _coalition_sustainable(result)
        if spec.engines.risk is not None:
            risk = scn.risk(draws=spec.engines.risk.draws, seed=seed,
                            source_grade=spec.engines.risk.source_grade)
            for suffix, basis in (("", risk.quantified), ("_with_priors", risk.with_priors)):
                month = next((m for m in basis.months if m.month == HEADLINE_MONTH), None)
                row[f"p_min_month_12{suffix}"] = month.p_min if month else math.nan
                row[f"p_min_steady{suffix}"] = basis.steady_state.p_min
        if spec.engines.source is not None:
            row.update(sourcing_headline(scn, spec))
    except ForcegenError as exc:
        row["error"] = str(exc).replace("\n", "; ")
    return row


def sourcing_headline(scn: Scenario, spec: SweepSpec) -> dict[str, Any]:
    """The sourcing optimiser's coverage of a variant (no caveat prices: they do not
    change the plan, and cost a re-solve per caveat)."""
    options = spec.engines.source
    assert options is not None
    result = scn.sourcing.optimize(mode=options.mode, time_limit=options.time_limit,
                                   prices=False)
    share = result.coverage / result.coverage_max if result.coverage_max else math.nan
    return {"sourcing_coverage": share, "sourcing_troops_filled": result.troops_filled,
            "sourcing_status": result.status.value}


def evaluate_batch(base: Scenario, spec: SweepSpec,
                   batch: Sequence[tuple[int, Variant]]) -> list[dict[str, Any]]:
    """The rows of a batch of (index, values) pairs: one task of a sweep."""
    return [evaluate_variant(base, spec, i, values) for i, values in batch]
