"""Solve a built sourcing model with HiGHS (exact branch and bound).

``solve`` returns the status, the objective of the best plan found, the proven bound
and the relative gap between them; a time limit reached returns the best plan found
with its gap, labelled not proven optimal.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from forcegen.analysis.sourcing.build import ModelBlock, SourcingModel
from forcegen.errors import UsageError

DEFAULT_GAP = 1e-4  # relative MIP gap HiGHS stops at (0.01 %)
#: A period whose plan leaves troops unfilled while its gap is this much of the objective or
#: more (less than one troop-period of priority 1, which, less what it moves in the
#: fair-share and cohesion terms, is worth at least 0.89) is solved again from that plan to
#: this absolute gap: so that no troop is left unfilled for the gap's sake.
TROOP_GAP = 0.5


def coverage_most(model: ModelBlock, period: int) -> float:
    """The most one period can cover: priority-weighted troops its lines ask for."""
    inp = model.inputs
    return float((inp.priority * inp.demand * inp.active[:, period]).sum())


def period_gap(model: ModelBlock, period: int, mip_gap: float = DEFAULT_GAP) -> float:
    """The relative gap that is ``TROOP_GAP`` of one period's largest possible coverage, or
    ``mip_gap`` where that is tighter."""
    most = coverage_most(model, period)
    return min(mip_gap, TROOP_GAP / most) if most > 0 else mip_gap


def _may_hide_a_troop(block: ModelBlock, period: int, part: _BlockSolution) -> bool:
    """The plan of a period leaves troops unfilled and its gap could hide one."""
    if not len(part.values) or part.objective is None or part.bound is None:
        return False
    covered = float(block.cost[: block.num_x] @ np.rint(part.values[: block.num_x]))
    return (covered < coverage_most(block, period) - 1e-6
            and part.bound - part.objective >= TROOP_GAP)


def _tighter(first: _BlockSolution, second: _BlockSolution) -> _BlockSolution:
    """The better plan of two solves of one period, with the better of their bounds."""
    if not second.values.size or second.objective is None \
            or (first.objective is not None and second.objective < first.objective):
        best = first
    else:
        best = second
    bounds = [b for b in (first.bound, second.bound) if b is not None]
    proven = SolveStatus.OPTIMAL in (first.status, second.status)
    return _BlockSolution(SolveStatus.OPTIMAL if proven else best.status, best.objective,
                          min(bounds) if bounds else best.bound, best.values)


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"  # proven optimal within the gap
    TIME_LIMIT = "time_limit"  # a plan, not proven optimal: see gap
    INFEASIBLE = "infeasible"  # no plan meets every limit (a must-fill line cannot be met)
    NO_SOLUTION = "no_solution"  # time limit reached before any plan was found


@dataclass(frozen=True)
class Solution:
    status: SolveStatus
    objective: float | None
    bound: float | None
    gap: float | None
    x: npt.NDArray[np.float64]  # troops of every x of the model, in its order (zeros: no plan)
    present: npt.NDArray[np.bool_]  # N x A x P: nation present in area in period
    seconds: float

    @property
    def has_plan(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.TIME_LIMIT)


@dataclass(frozen=True)
class _BlockSolution:
    status: SolveStatus
    objective: float | None
    bound: float | None
    values: npt.NDArray[np.float64]


def check_time_limit(time_limit: float | None) -> None:
    if time_limit is not None and not (time_limit > 0 and np.isfinite(time_limit)):
        raise UsageError(f"--time-limit must be a positive number of seconds, got {time_limit}")


_quiet = False
_quiet_lock = threading.Lock()  # threads (a sweep's in-process workers) share file 1


def _new_highs() -> Any:
    """A Highs instance; the first one of a process prints a banner on the C stdout, which
    would spoil ``--json`` output, so it is made with stdout pointed at the null device
    (under a lock: two threads swapping file 1 at once could leave it pointing there)."""
    import highspy

    if _quiet:
        return highspy.Highs()  # type: ignore[no-untyped-call]
    with _quiet_lock:
        return _first_highs(highspy)


def _first_highs(highspy: Any) -> Any:
    global _quiet
    if _quiet:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _quiet = True
    return h


def _highs(model: ModelBlock, integer: npt.NDArray[np.bool_], upper: npt.NDArray[np.float64],
           lower: npt.NDArray[np.float64], *, time_limit: float | None, mip_gap: float,
           threads: int | None, coverage_only: bool = False) -> Any:
    import highspy

    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    h.setOptionValue("mip_rel_gap", float(mip_gap))
    if time_limit is not None:
        h.setOptionValue("time_limit", max(float(time_limit), 1e-3))
    if threads is not None:
        h.setOptionValue("threads", int(threads))
    lp = highspy.HighsLp()
    lp.num_col_ = model.num_col
    lp.num_row_ = model.num_row
    lp.sense_ = highspy.ObjSense.kMaximize
    if coverage_only:
        cost = np.zeros(model.num_col)
        cost[: model.num_x] = model.cost[: model.num_x]
        lp.col_cost_ = cost
    else:
        lp.col_cost_ = model.cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = model.row_lower
    lp.row_upper_ = model.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_ = model.num_col
    lp.a_matrix_.num_row_ = model.num_row
    lp.a_matrix_.start_ = model.a_start.astype(np.int32)
    lp.a_matrix_.index_ = model.a_index.astype(np.int32)
    lp.a_matrix_.value_ = model.a_value
    if integer.any():
        kinds = np.array([highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger])
        lp.integrality_ = list(kinds[integer.astype(np.int64)])
    h.passModel(lp)
    return h


def warm_start(model: ModelBlock, *, time_limit: float | None = None
               ) -> npt.NDArray[np.float64] | None:
    """A feasible plan to start branch and bound from: solve the LP relaxation, keep in
    each area and period the nations with the most troops there (up to the cap on
    nations per area), fix those presences, and solve what is left for whole troops.
    None when that plan is not feasible (the solver then starts from scratch)."""
    import highspy

    started = time.perf_counter()
    inp = model.inputs
    h = _highs(model, np.zeros(model.num_col, dtype=bool), model.upper, model.lower,
               time_limit=time_limit, mip_gap=1.0, threads=None)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    x = np.asarray(h.getSolution().col_value, dtype=np.float64)[: model.num_x]
    mass = np.zeros(len(model.y_n))
    y_of = np.zeros(model.num_x, dtype=np.int64)
    n_a, n_p = len(inp.areas), len(inp.periods)
    key_x = (model.x_n * n_a + inp.line_area[model.x_l]) * n_p + model.x_p
    key_y = (model.y_n * n_a + model.y_a) * n_p + model.y_p
    y_of = np.searchsorted(key_y, key_x)
    np.add.at(mass, y_of, x)
    keep = mass >= 0.5
    k_area = np.array([a.max_nations or inp.max_nations_per_area or 0 for a in inp.areas])
    if "cohesion" not in model.relaxation.groups and (k_area > 0).any():
        order = np.lexsort((-mass, model.y_a * n_p + model.y_p))
        group = (model.y_a * n_p + model.y_p)[order]
        first = np.r_[0, np.nonzero(np.diff(group))[0] + 1]
        rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
        k = k_area[model.y_a[order]]
        keep[order[(k > 0) & (rank >= k)]] = False
    lower, upper = model.lower.copy(), model.upper.copy()
    ys = np.arange(model.y_slice.start, model.y_slice.stop)
    lower[ys] = upper[ys] = keep.astype(np.float64)
    left = None if time_limit is None else time_limit - (time.perf_counter() - started)
    if left is not None and left <= 0:
        return None  # the warm start may not eat into the solve's own time
    h = _highs(model, model.integer, upper, lower, time_limit=left, mip_gap=1e-3,
               threads=None)
    h.run()
    if h.getInfo().primal_solution_status != 2:
        return None
    return np.asarray(h.getSolution().col_value, dtype=np.float64)


def plan_keys(model: SourcingModel) -> npt.NDArray[np.int64]:
    """One key per x variable of the model, (nation, line, period) as one integer: the
    same troops in two models of the same inputs (one with a limit lifted) share a key."""
    inp = model.inputs
    n_l, n_p = len(inp.lines), len(inp.periods)
    return (model.x_n * n_l + model.x_l) * n_p + model.x_p


Hint = tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]  # plan_keys and troops


def _hint_values(block: ModelBlock, hint: Hint) -> tuple[npt.NDArray[np.int32],
                                                          npt.NDArray[np.float64]]:
    """A partial solution of ``block`` from a plan of a related model: its troops where
    the block has the same (nation, line, period), and the presences they imply."""
    inp = block.inputs
    n_l, n_p, n_a = len(inp.lines), len(inp.periods), len(inp.areas)
    keys, troops = hint
    order = np.argsort(keys)
    keys, troops = keys[order], troops[order]
    mine = (block.x_n * n_l + block.x_l) * n_p + block.x_p
    at = np.minimum(np.searchsorted(keys, mine), max(len(keys) - 1, 0))
    x = np.where((len(keys) > 0) & (keys[at] == mine), troops[at], 0.0) if len(keys) \
        else np.zeros(len(mine))
    key_y = (block.y_n * n_a + block.y_a) * n_p + block.y_p
    y_of = np.searchsorted(key_y, (block.x_n * n_a + inp.line_area[block.x_l]) * n_p
                           + block.x_p)
    y = np.zeros(len(key_y))
    np.add.at(y, y_of, x)
    index = np.concatenate([np.arange(block.num_x),
                            np.arange(block.y_slice.start, block.y_slice.stop)])
    return index.astype(np.int32), np.concatenate([x, (y > 0).astype(np.float64)])


def _completed_hint(block: ModelBlock, hint: Hint, *, time_limit: float | None
                    ) -> npt.NDArray[np.float64] | None:
    """A whole starting plan from a hint: its troops and presences fixed, the other columns
    (offers put to a capability, fair-share deviations) from an LP. None when that plan is
    not feasible here. (HiGHS 1.16, given only the hint's columns, may return the hint as
    the solution while reporting a better objective: a whole plan avoids that.)"""
    index, values = _hint_values(block, hint)
    lower, upper = block.lower.copy(), block.upper.copy()
    fixed = np.clip(values, lower[index], upper[index])
    lower[index] = upper[index] = fixed
    h = _highs(block, np.zeros(block.num_col, dtype=bool), upper, lower,
               time_limit=time_limit, mip_gap=1.0, threads=None)
    h.run()
    import highspy

    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.asarray(h.getSolution().col_value, dtype=np.float64)


def solve(model: SourcingModel, *, time_limit: float | None = None,
          mip_gap: float | None = None, threads: int | None = None,
          start: bool = True, coverage_only: bool = False,
          hint: Hint | None = None) -> Solution:
    """Run HiGHS on each period's block; maximise the sum of their objectives. With
    ``start``, branch and bound begins from the plan of ``warm_start``; with
    ``coverage_only``, only the coverage term is maximised (for pricing). ``mip_gap``:
    the relative gap each period is solved to; by default ``DEFAULT_GAP``, and a period
    whose plan leaves troops unfilled while the gap could hide one is solved again from
    that plan to ``TROOP_GAP`` (``period_gap``), in what is left of its time. A ``hint`` (the
    keys and troops of a plan of a related model, e.g. the plan before a limit was
    lifted) is handed to HiGHS as a starting plan. The objective, bound and gap are those
    of the whole model (sums over the periods)."""
    check_time_limit(time_limit)
    started = time.perf_counter()
    inp = model.inputs
    parts: list[_BlockSolution] = []
    for i, block in enumerate(model.blocks):
        # each period gets an equal part of the time still left
        left = None if time_limit is None else max(
            (time_limit - (time.perf_counter() - started)) / (len(model.blocks) - i), 1e-3)
        block_started = time.perf_counter()
        part = _solve_block(block, time_limit=left,
                            mip_gap=DEFAULT_GAP if mip_gap is None else mip_gap,
                            threads=threads, start=start and not coverage_only,
                            coverage_only=coverage_only, hint=hint)
        if mip_gap is None and _may_hide_a_troop(block, i, part):
            rest = None if left is None else left - (time.perf_counter() - block_started)
            if rest is None or rest > 1e-2:
                part = _tighter(part, _solve_block(
                    block, time_limit=rest, mip_gap=period_gap(block, i), threads=threads,
                    start=False, coverage_only=coverage_only, initial=part.values))
        parts.append(part)
    seconds = time.perf_counter() - started
    present = np.zeros((len(inp.nations), len(inp.areas), len(inp.periods)), dtype=bool)
    statuses = {p.status for p in parts}
    if SolveStatus.INFEASIBLE in statuses:
        return Solution(SolveStatus.INFEASIBLE, None, None, None, np.zeros(model.num_x),
                        present, seconds)
    if SolveStatus.NO_SOLUTION in statuses:
        bounds = [p.bound for p in parts]
        bound = sum(b for b in bounds if b is not None) if None not in bounds else None
        return Solution(SolveStatus.NO_SOLUTION, None, bound, None, np.zeros(model.num_x),
                        present, seconds)
    xs = []
    for block, part in zip(model.blocks, parts, strict=True):
        xs.append(np.rint(part.values[: block.num_x]) if len(part.values)
                  else np.zeros(block.num_x))
        if len(part.values):
            on = np.rint(part.values[block.y_slice]) > 0
            present[block.y_n[on], block.y_a[on], block.y_p[on]] = True
    objective = float(sum(p.objective or 0.0 for p in parts))
    bound = float(sum(p.bound if p.bound is not None else p.objective or 0.0 for p in parts))
    status = SolveStatus.OPTIMAL if statuses <= {SolveStatus.OPTIMAL} \
        else SolveStatus.TIME_LIMIT
    x = np.concatenate(xs) if xs else np.zeros(0)
    return Solution(status, objective, bound, _gap(objective, bound) or 0.0, x, present,
                    seconds)


def _solve_block(model: ModelBlock, *, time_limit: float | None, mip_gap: float,
                 threads: int | None, start: bool, coverage_only: bool,
                 hint: Hint | None = None,
                 initial: npt.NDArray[np.float64] | None = None) -> _BlockSolution:
    import highspy

    if model.num_col == 0:
        infeasible = bool((model.row_lower > 0).any())
        return _BlockSolution(SolveStatus.INFEASIBLE if infeasible else SolveStatus.OPTIMAL,
                              0.0, 0.0, np.zeros(0))
    started = time.perf_counter()
    if initial is None and hint is not None and model.integer.any():
        initial = _completed_hint(model, hint, time_limit=time_limit)
    if initial is None and start and model.integer.any():
        initial = warm_start(model, time_limit=time_limit)
    left = None if time_limit is None else time_limit - (time.perf_counter() - started)
    h = _run(model, time_limit=left, mip_gap=mip_gap, threads=threads,
             coverage_only=coverage_only, initial=initial)
    if initial is not None and h.getInfo().primal_solution_status == 2:
        # HiGHS 1.16: when presolve solves the model outright, a starting plan may come
        # back as the solution while the objective reported is the optimum's. Checked
        # here; if so, solved again without the start (presolve makes that quick).
        values = np.asarray(h.getSolution().col_value, dtype=np.float64)
        used = model.cost if not coverage_only else np.where(
            np.arange(model.num_col) < model.num_x, model.cost, 0.0)
        reported = float(h.getInfo().objective_function_value)
        if abs(float(used @ values) - reported) > 1e-6 * max(1.0, abs(reported)):
            left = None if time_limit is None else max(
                time_limit - (time.perf_counter() - started), 1e-3)
            h = _run(model, time_limit=left, mip_gap=mip_gap, threads=threads,
                     coverage_only=coverage_only, initial=None)
    status = h.getModelStatus()
    info = h.getInfo()
    ms = highspy.HighsModelStatus
    if status == ms.kInfeasible:
        return _BlockSolution(SolveStatus.INFEASIBLE, None, None, np.zeros(0))
    if info.primal_solution_status != 2:  # no feasible plan
        return _BlockSolution(SolveStatus.NO_SOLUTION, None, _finite(info.mip_dual_bound),
                              np.zeros(0))
    values = np.asarray(h.getSolution().col_value, dtype=np.float64)
    objective = float(info.objective_function_value)
    bound = _finite(info.mip_dual_bound) if model.integer.any() else objective
    solved = SolveStatus.OPTIMAL if status == ms.kOptimal else SolveStatus.TIME_LIMIT
    return _BlockSolution(solved, objective, bound if bound is not None else objective,
                          values)


def _run(model: ModelBlock, *, time_limit: float | None, mip_gap: float,
         threads: int | None, coverage_only: bool,
         initial: npt.NDArray[np.float64] | None) -> Any:
    """HiGHS run on one period's model, from a starting plan where one is given."""
    import highspy

    h = _highs(model, model.integer, model.upper, model.lower, time_limit=time_limit,
               mip_gap=mip_gap, threads=threads, coverage_only=coverage_only)
    if initial is not None:
        sol = highspy.HighsSolution()
        sol.col_value = initial
        sol.value_valid = True
        h.setSolution(sol)
    h.run()
    return h


def _finite(v: float) -> float | None:
    return float(v) if np.isfinite(v) and abs(v) < 1e20 else None


def _gap(objective: float, bound: float | None) -> float | None:
    if bound is None:
        return None
    return abs(bound - objective) / max(abs(objective), 1e-9) if bound != objective else 0.0
