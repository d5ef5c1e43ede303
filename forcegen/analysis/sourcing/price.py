"""What each caveat and limit costs, and what makes a model infeasible: both found by
re-solving the model with one caveat or one constraint group lifted.

With a time limit the re-solves share a budget: the seconds the limit leaves after the
plan's own solve (``optimize`` keeps at least ``PRICING_SHARE`` of the limit for them).
Each re-solve gets an equal part of what is left of the budget when it starts, so that the
time limit bounds the whole command. A re-solve stopped at its part is labelled not proven
optimal; a caveat or limit left without a re-solve (the budget used up, or no plan found in
time) is labelled not priced, with no figure.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from forcegen.analysis.sourcing.build import GROUPS, Relaxation, SourcingModel, build_model
from forcegen.analysis.sourcing.result import LimitCost
from forcegen.analysis.sourcing.solve import Solution, SolveStatus, plan_keys, solve

#: With a time limit, at least this share of it is kept for the re-solves (the plan's own
#: solve gets the rest; whatever it leaves unused goes to the re-solves too).
PRICING_SHARE = 0.25
#: A re-solve whose part of the budget is shorter than this is not run (not priced).
MIN_RESOLVE_SECONDS = 0.01

GROUP_LABELS = {
    "capacity": "sustainable capacity per period",
    "offers": "what the pledges put on the table",
    "caveats": "national caveats",
    "standoff": "the standoff from the line of contact",
    "min_contingent": "the minimum contingent",
    "cohesion": "the cap on nations per area",
    "lead_hq": "the lead nation's headquarters share",
}


def troops_of(model: SourcingModel, sol: Solution) -> np.ndarray:
    """Integer troops of every x variable (zeros without a plan)."""
    if not sol.has_plan:
        return np.zeros(model.num_x)
    return sol.x


def coverage_of(model: SourcingModel, sol: Solution) -> tuple[float, int]:
    """Priority-weighted troop-periods and troop-periods of a solution."""
    x = troops_of(model, sol)
    return float((model.inputs.priority[model.x_l] * x).sum()), int(x.sum())


@dataclass
class PricingBudget:
    """Seconds the re-solves may take together (None: no limit), each re-solve getting an
    equal part of what is left when it starts."""

    seconds: float | None
    started: float = field(default_factory=time.perf_counter)

    def left(self) -> float | None:
        if self.seconds is None:
            return None
        return self.seconds - (time.perf_counter() - self.started)

    def part(self, resolves_left: int) -> float | None:
        """The time limit of the next re-solve (None: none); at most 0 when used up."""
        left = self.left()
        return None if left is None else left / max(resolves_left, 1)


def _resolve(model: SourcingModel, relax: Relaxation, budget: PricingBudget,
             resolves_left: int, sol: Solution | None = None
             ) -> tuple[SourcingModel, Solution | None, float | None]:
    """The model with ``relax`` lifted and its coverage-only solution (None: not run,
    the budget is used up), starting from the plan ``sol`` (still possible with a limit
    lifted); and the seconds it was given."""
    limit = budget.part(resolves_left)
    if limit is not None and limit < MIN_RESOLVE_SECONDS:
        return model, None, limit
    started = time.perf_counter()
    lifted = build_model(model.inputs, relax)
    if limit is not None:
        limit -= time.perf_counter() - started
        if limit < MIN_RESOLVE_SECONDS:
            return lifted, None, limit
    hint = (plan_keys(model), sol.x) if sol is not None and sol.has_plan else None
    return lifted, solve(lifted, time_limit=limit, coverage_only=True, hint=hint), limit


def price(model: SourcingModel, sol: Solution, relax: Relaxation, label: str,
          nation: str | None, source: str, budget: PricingBudget, resolves_left: int
          ) -> LimitCost:
    """The coverage gained by lifting one caveat or limit (``relax``)."""
    lifted, other, limit = _resolve(model, relax, budget, resolves_left, sol)
    if other is None or not other.has_plan:
        why = ("the pricing budget was used up" if other is None
               else f"its re-solve found no plan within its {limit:.2f} s")
        return LimitCost(nation=nation, caveat=label, coverage_gain=None, troops_gain=None,
                         proven=False, source=source, note=f"not priced: {why}")
    base_cov, base_troops = coverage_of(model, sol)
    cov, troops = coverage_of(lifted, other)
    cov = max(cov, base_cov)  # the base plan stays possible when a limit is lifted
    troops = max(troops, base_troops) if cov == base_cov else troops
    note = ""
    at_most = None
    if other.status is not SolveStatus.OPTIMAL:
        if other.bound is not None:
            at_most = round(max(other.bound - base_cov, cov - base_cov), 6)
        note = (f"re-solve stopped at its time budget ({limit:.2f} s): not proven optimal; "
                f"the gain is at least {cov - base_cov:,.0f}"
                + (f" and at most {at_most:,.0f} (its bound)" if at_most is not None else ""))
    elif sol.status is not SolveStatus.OPTIMAL:
        note = "the plan itself is not proven optimal"
    return LimitCost(nation=nation, caveat=label, coverage_gain=round(cov - base_cov, 6),
                     coverage_gain_bound=at_most, troops_gain=troops - base_troops,
                     proven=sol.status is SolveStatus.OPTIMAL
                     and other.status is SolveStatus.OPTIMAL,
                     source=source, note=note)


def active_groups(model: SourcingModel) -> list[str]:
    """The limits that bind anything in this model (pricing the others is pointless)."""
    inp = model.inputs
    out = []
    if np.isfinite(inp.capacity).any():
        out.append("capacity")
    if inp.standoff_km is not None:
        out.append("standoff")
    if inp.min_contingent > 1:
        out.append("min_contingent")
    for group in ("cohesion", "lead_hq"):
        if any(group in b.row_groups for b in model.blocks):
            out.append(group)
    return out


def infeasible_groups(model: SourcingModel, budget: PricingBudget
                      ) -> tuple[list[str], list[str]]:
    """The constraint groups whose lifting alone makes the model feasible, and those that
    could not be decided within the budget."""
    out: list[str] = []
    undecided: list[str] = []
    for i, g in enumerate(GROUPS):
        _, other, _ = _resolve(model, Relaxation(groups=frozenset({g})), budget,
                               len(GROUPS) - i)
        if other is None or other.status is SolveStatus.NO_SOLUTION:
            undecided.append(f"{g}: {GROUP_LABELS[g]}")
        elif other.status is not SolveStatus.INFEASIBLE:
            out.append(f"{g}: {GROUP_LABELS[g]}")
    if not out and not undecided:
        out.append("demand: a must-fill line that no combination of nations can fill, "
                   "even with every limit lifted")
    return out, undecided
