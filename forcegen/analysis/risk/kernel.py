"""The per-draw kernel: one pass over a block's uniforms that counts everything the NumPy
path counts (``simulate._count_block``), draw by draw, compiled with Numba when it is
installed (the ``fast`` extra).

It reads the same uniforms (NumPy draws them, in the same blocks) and makes the same
comparisons in the same floating-point arithmetic, then adds integers: so its tally
equals the NumPy path's, exactly. ``count_block`` is plain Python (and runs as such,
slowly, without Numba); ``compiled()`` gives it compiled, or None without Numba.

Per draw: the factors (true below their probability); per pledge whether it comes (its
own uniform below its probability and every condition it hangs on true), its troops, its
withdrawal month (the first ``k >= 1`` where ``1 - u > keep**k``, from the table
``survive``); then, per basis, the troops in place each month from a difference array, and
the tornado's forced cases, the capability lines and the sums.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def count_block(u: Floats, nf: int, npl: int, months: int, p_factor: Floats,
                p_pledge: Floats, low: Ints, span: Floats, arrival: Ints, leave_n: Ints,
                survive: Floats, dep_ptr: Ints, dep_idx: Ints, quantified: Bools,
                line_of: Ints, on_backstop: Bools, bs_ptr: Ints, bs_idx: Ints,
                required: Ints, band_min: int, band_max: int, shift: int, bases: int,
                reach_min: Ints, reach_max: Ints, hist: Ints, forced_true: Ints,
                forced_false: Ints, troops_true: Ints, troops_false: Ints, gap: Ints,
                gap_no_backstop: Ints, steady_sum: Ints) -> None:
    """Add the counts of the draws ``u`` (rows x columns, the engine's column layout)
    into the tally's arrays. ``bases`` is 2 when some pledges have a prior (basis 0
    counts the quantified pledges, basis 1 all), else 1 (basis 0 only: the caller copies
    it, both bases being the same counts)."""
    rows = u.shape[0]
    lines = required.shape[0]
    # per draw, with one spare slot each where pledges with nothing to add there add 0
    # (no branch on the draws' outcomes, which a processor cannot predict)
    holds = np.zeros(nf, dtype=np.int64)
    present = np.zeros(lines, dtype=np.int64)
    troops = np.zeros(npl, dtype=np.int64)
    v = np.zeros((2, npl), dtype=np.int64)  # troops each pledge brings, per basis
    delta = np.zeros((2, months + 1), dtype=np.int64)  # troops arriving (+), leaving (-)
    lost = np.zeros((2, nf), dtype=np.int64)  # troops of the pledges hanging on each factor
    extra = np.zeros((2, nf + 1), dtype=np.int64)  # troops held back by the factor alone
    line = np.zeros((2, lines + 1), dtype=np.int64)
    alone = np.zeros((2, lines + 1), dtype=np.int64)
    totals = np.zeros(months + 1, dtype=np.int64)
    steady = np.zeros(2, dtype=np.int64)
    # per pledge, fixed: its line (or the spare slot), whether it counts in basis 0
    slot = np.where(line_of >= 0, line_of, lines)
    free = 1 - on_backstop.astype(np.int64)
    counts0 = quantified.astype(np.int64)
    size = np.zeros((2, npl), dtype=np.int64)  # troops it would bring, per basis
    for r in range(rows):
        for j in range(nf):
            holds[j] = u[r, j] < p_factor[j]
        for c in range(lines):
            here = 0
            for k in range(bs_ptr[c], bs_ptr[c + 1]):
                here |= holds[bs_idx[k]]
            present[c] = here
        for b in range(bases):
            steady[b] = 0
            delta[b, :] = 0
            lost[b, :] = 0
            extra[b, :] = 0
            line[b, :] = 0
            alone[b, :] = 0
        for i in range(npl):
            own = np.int64(u[r, nf + i] < p_pledge[i])
            t = low[i] + np.int64(math.floor(span[i] * u[r, nf + npl + i]))
            troops[i] = t
            fails = 0
            which = 0  # the failing factor, when only one fails
            for k in range(dep_ptr[i], dep_ptr[i + 1]):
                j = dep_idx[k]
                f = 1 - holds[j]
                fails += f
                which += f * j
            came = own * (fails == 0)
            x = t * came
            gone = months  # month it withdraws in (months: not inside the horizon)
            s = 1.0 - u[r, nf + 2 * npl + i]
            if came and s > survive[leave_n[i]]:
                stay = 0
                while s <= survive[stay + 1]:
                    stay += 1
                gone = arrival[i] + stay + 1
            start = min(arrival[i], months)
            sole = nf if fails != 1 else which
            held = t * own
            x0 = x * counts0[i]
            size[0, i] = t * counts0[i]
            v[0, i] = x0
            steady[0] += x0
            delta[0, start] += x0
            delta[0, gone] -= x0
            extra[0, sole] += held * counts0[i]
            line[0, slot[i]] += x0
            alone[0, slot[i]] += x0 * free[i]
            for k in range(dep_ptr[i], dep_ptr[i + 1]):
                lost[0, dep_idx[k]] += x0
            if bases == 2:
                size[1, i] = t
                v[1, i] = x
                steady[1] += x
                delta[1, start] += x
                delta[1, gone] -= x
                extra[1, sole] += held
                line[1, slot[i]] += x
                alone[1, slot[i]] += x * free[i]
                for k in range(dep_ptr[i], dep_ptr[i + 1]):
                    lost[1, dep_idx[k]] += x
        for b in range(bases):
            total = 0
            for m in range(months):
                total += delta[b, m]
                totals[m] = total
            st = steady[b]  # every pledge that came, none withdrawn
            totals[months] = st
            for m in range(months + 1):
                reach_min[b, m] += totals[m] >= band_min
                reach_max[b, m] += totals[m] >= band_max
            for m in range(months + 1):
                hist[b, m, totals[m] >> shift] += 1
            steady_sum[b] += st
            for i in range(npl):
                rest = st - v[b, i]
                forced_false[b, i] += rest >= band_min
                troops_false[b, i] += rest
                rest += size[b, i]
                forced_true[b, i] += rest >= band_min
                troops_true[b, i] += rest
            for j in range(nf):
                on = st + extra[b, j]
                off = st - lost[b, j]
                forced_true[b, npl + j] += on >= band_min
                troops_true[b, npl + j] += on
                forced_false[b, npl + j] += off >= band_min
                troops_false[b, npl + j] += off
            for c in range(lines):
                gap[b, c] += (line[b, c] < required[c]) * (1 - present[c])
                gap_no_backstop[b, c] += alone[b, c] < required[c]


Kernel = Callable[..., None]


@functools.cache
def compiled() -> Kernel | None:
    """``count_block`` compiled by Numba (cached on disk where a cache folder is
    writable, else compiled in memory), or None when Numba is not installed."""
    try:
        import numba
    except ImportError:
        return None
    jit: Any = numba.njit
    try:
        return jit(cache=True, nogil=True, error_model="numpy")(count_block)  # type: ignore[no-any-return]
    except RuntimeError:  # no writable cache folder: compile in memory at each start
        return jit(cache=False, nogil=True, error_model="numpy")(count_block)  # type: ignore[no-any-return]
