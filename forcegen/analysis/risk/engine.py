"""Which engine counts a run's draws, and the model as the compiled kernel takes it.

Two engines give the same counts for the same seed: the NumPy path (``simulate``, passes
over a block's arrays) and the per-draw kernel (``kernel``, compiled by Numba when the
``fast`` extra is installed). ``auto`` takes the kernel for long runs only: importing
Numba and loading the kernel from its disk cache costs about half a second of CPU
(compiling it, the first time on a machine, several seconds), more than the kernel saves
on a run that consumes fewer uniforms than about ``KERNEL_MIN_UNIFORMS``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from forcegen.analysis.risk.kernel import Kernel, compiled
from forcegen.errors import UsageError
from forcegen.extras import require

if TYPE_CHECKING:
    from forcegen.analysis.risk.simulate import Plan

#: From this many uniforms (draws x columns) a run consumes, ``auto`` counts with the
#: compiled kernel: where the NumPy path takes about half a second (measured in
#: benchmarks/RESULTS.md: paris-2025, 47 uniforms a draw, breaks even near 500,000 draws).
KERNEL_MIN_UNIFORMS = 25_000_000


class Engine(StrEnum):
    AUTO = "auto"  # the kernel for long runs (KERNEL_MIN_UNIFORMS), if Numba is installed
    NUMBA = "numba"  # the compiled per-draw kernel (needs Numba)
    NUMPY = "numpy"  # vectorised NumPy passes


def choose(engine: Engine | str, uniforms: int) -> Kernel | None:
    """The kernel to count a run of ``uniforms`` uniforms (draws x the model's columns)
    with, or None for the NumPy path."""
    try:
        chosen = Engine(engine)
    except ValueError:
        names = ", ".join(e.value for e in Engine)
        raise UsageError(f"engine must be one of {names}; got {engine!r}") from None
    if chosen is Engine.NUMPY or (chosen is Engine.AUTO and uniforms < KERNEL_MIN_UNIFORMS):
        return None
    kernel = compiled()
    if kernel is None and chosen is Engine.NUMBA:
        require("fast", "engine 'numba' (the compiled risk kernel)")
    return kernel


def _csr(lists: list[list[int]]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Lists of indices as (offsets, indices): list ``k`` is ``idx[ptr[k]:ptr[k + 1]]``."""
    ptr = np.cumsum([0, *(len(x) for x in lists)], dtype=np.int64)
    return ptr, np.array([i for x in lists for i in x], dtype=np.int64)


def _bits(groups: list[list[int]], words: int) -> npt.NDArray[np.uint64]:
    """Each list of factor indices as bit words (factor ``j``: bit ``j % 64`` of word
    ``j // 64``)."""
    out = np.zeros((len(groups), words), dtype=np.uint64)
    for k, group in enumerate(groups):
        for j in group:
            out[k, j // 64] |= np.uint64(1 << (j % 64))
    return out


def kernel_args(plan: Plan) -> tuple[object, ...]:
    """The model as ``kernel.count_block`` takes it, after the uniforms (in its order)."""
    m, f, p = plan.model, plan.n_factors, plan.n_pledges
    words = max(1, -(-f // 64))
    weight = np.ones((2, p), dtype=np.int64)  # basis 0 counts the quantified pledges
    weight[0, plan.groups[1]] = 0
    months_in = sorted({int(a) for a in plan.arrival if a < plan.months})
    arrive = [[i for i in range(p) if plan.arrival[i] == a] for a in months_in]
    on, rest = [], []
    for j in range(f):  # the pledges on factor j, or the others when they are fewer
        hang = [i for i, d in enumerate(plan.deps) if j in d]
        others = [i for i in range(p) if i not in hang]
        on.append(others if len(others) < len(hang) else hang)
        rest.append(int(len(others) < len(hang)))
    line = [list(cols) for cols in plan.line_cols]
    alone = [[i for i in cols if not plan.on_backstop[i]] for cols in plan.line_cols]
    return (f, p, plan.months, plan.p_factor, plan.p_pledge, plan.low.astype(np.int64),
            plan.span, plan.arrival, plan.leave_n.astype(np.int64), plan.survive,
            _bits([list(d) for d in plan.deps], words), weight, *_csr(arrive),
            np.array(months_in, dtype=np.int64), *_csr(on), np.array(rest, dtype=np.int64),
            *_csr(line), *_csr(alone),
            _bits([list(x.backstop_factors) for x in m.lines], words),
            np.array([x.required for x in m.lines], dtype=np.int64),
            m.band_min, m.band_max, plan.bin_width.bit_length() - 1,
            2 if plan.groups[1].size else 1)
