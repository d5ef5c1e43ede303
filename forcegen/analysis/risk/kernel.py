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
Words = npt.NDArray[np.uint64]


def count_block(u: Floats, nf: int, npl: int, months: int, p_factor: Floats,
                p_pledge: Floats, low: Ints, span: Floats, arrival: Ints, leave_n: Ints,
                survive: Floats, dep_mask: Words, weight: Ints, arrive_ptr: Ints,
                arrive_idx: Ints, arrive_month: Ints, on_ptr: Ints, on_idx: Ints,
                on_rest: Ints, line_ptr: Ints, line_idx: Ints, alone_ptr: Ints,
                alone_idx: Ints, bs_ptr: Ints, bs_idx: Ints, required: Ints, band_min: int,
                band_max: int, shift: int, bases: int,
                reach_min: Ints, reach_max: Ints, hist: Ints, forced_true: Ints,
                forced_false: Ints, troops_true: Ints, troops_false: Ints, gap: Ints,
                gap_no_backstop: Ints, steady_sum: Ints) -> None:
    """Add the counts of the draws ``u`` (rows x columns, the engine's column layout)
    into the tally's arrays (``reach_min`` ... ``steady_sum``, as in ``Tally``).

    The model (see ``Plan.kernel_args``): ``dep_mask`` the conditions of each pledge as
    bit words; ``weight[b, i]`` 1 when basis ``b`` counts pledge ``i``; pledges grouped by
    arrival month inside the horizon (``arrive_*``); per factor the pledges hanging on it,
    or those that do not when fewer (``on_rest`` 1), so the troops lost when it fails are
    a short sum; per capability line its pledges, and those not bound to a backstop
    (``alone``), and its backstops' factors (``bs``). ``bases`` is 2 when some pledges
    have a prior, else 1 (basis 0 only: the caller copies it to basis 1).
    """
    rows = u.shape[0]
    lines = required.shape[0]
    words = dep_mask.shape[1]
    groups = arrive_month.shape[0]
    word = np.zeros(words, dtype=np.uint64)  # the factors that hold, as bits
    holds = np.zeros(nf, dtype=np.int64)
    troops = np.zeros(npl, dtype=np.int64)
    brings = np.zeros(npl, dtype=np.int64)  # troops it brings (0 unless it comes)
    held = np.zeros(npl, dtype=np.int64)  # troops one failing factor alone holds back
    sole = np.zeros(npl, dtype=np.int64)  # that factor (else a slot of its own, nf + i)
    leaver = np.zeros(npl, dtype=np.int64)
    leave_month = np.zeros(npl, dtype=np.int64)
    v = np.zeros(npl, dtype=np.int64)
    size = np.zeros(npl, dtype=np.int64)
    kept = np.zeros(npl, dtype=np.int64)
    extra = np.zeros(nf + npl, dtype=np.int64)
    delta = np.zeros(months, dtype=np.int64)
    totals = np.zeros(months + 1, dtype=np.int64)
    as_float = np.zeros(1, dtype=np.float64)
    as_int = as_float.view(np.int64)
    for r in range(rows):
        for w in range(words):
            bits = np.uint64(0)
            for j in range(64 * w, min(nf, 64 * w + 64)):
                h = u[r, j] < p_factor[j]
                holds[j] = h
                bits |= np.uint64(h) << np.uint64(j & 63)
            word[w] = bits
        leaving = 0
        for i in range(npl):
            own = u[r, nf + i] < p_pledge[i]
            t = low[i] + np.int64(math.floor(span[i] * u[r, nf + npl + i]))
            failing = 0  # words with a failing condition
            at = 0
            bits = np.uint64(0)
            for w in range(words):
                f = dep_mask[i, w] & ~word[w]
                failing += f != 0
                at = w if f != 0 else at
                bits = f if f != 0 else bits
            came = own & (failing == 0)
            single = (bits & (bits - np.uint64(bits != 0))) == 0  # at most one bit
            one_fails = own & (failing == 1) & single
            troops[i] = t
            brings[i] = t * came
            held[i] = t * one_fails
            # the bit's position: the exponent of the (exact) float of its power of two
            as_float[0] = float(bits)
            sole[i] = 64 * at + (as_int[0] >> 52) - 1023 if one_fails else nf + i
            s = 1.0 - u[r, nf + 2 * npl + i]
            if came & (s > survive[leave_n[i]]):  # withdraws inside the horizon
                stay = 0
                while s <= survive[stay + 1]:
                    stay += 1
                leaver[leaving] = i
                leave_month[leaving] = arrival[i] + stay + 1
                leaving += 1
        for b in range(bases):
            st = 0
            for i in range(npl):
                v[i] = brings[i] * weight[b, i]
                size[i] = troops[i] * weight[b, i]
                kept[i] = held[i] * weight[b, i]
                st += v[i]
            for g in range(groups):
                acc = 0
                for k in range(arrive_ptr[g], arrive_ptr[g + 1]):
                    acc += v[arrive_idx[k]]
                delta[arrive_month[g]] = acc
            for k in range(leaving):
                delta[leave_month[k]] -= v[leaver[k]]
            total = 0
            for m in range(months):
                total += delta[m]
                totals[m] = total
                delta[m] = 0
            totals[months] = st
            for m in range(months + 1):
                reach_min[b, m] += totals[m] >= band_min
                reach_max[b, m] += totals[m] >= band_max
            for m in range(months + 1):
                hist[b, m, totals[m] >> shift] += 1
            steady_sum[b] += st
            for i in range(npl):
                rest = st - v[i]
                forced_false[b, i] += rest >= band_min
                troops_false[b, i] += rest
                rest += size[i]
                forced_true[b, i] += rest >= band_min
                troops_true[b, i] += rest
            for i in range(npl):
                extra[sole[i]] += kept[i]
            for j in range(nf):
                on = st + extra[j]
                extra[j] = 0
                acc = 0
                for k in range(on_ptr[j], on_ptr[j + 1]):
                    acc += v[on_idx[k]]
                off = acc if on_rest[j] else st - acc
                forced_true[b, npl + j] += on >= band_min
                troops_true[b, npl + j] += on
                forced_false[b, npl + j] += off >= band_min
                troops_false[b, npl + j] += off
            for c in range(lines):
                in_line = 0
                for k in range(line_ptr[c], line_ptr[c + 1]):
                    in_line += v[line_idx[k]]
                alone = 0
                for k in range(alone_ptr[c], alone_ptr[c + 1]):
                    alone += v[alone_idx[k]]
                here = 0
                for k in range(bs_ptr[c], bs_ptr[c + 1]):
                    here |= holds[bs_idx[k]]
                gap[b, c] += (in_line < required[c]) & (here == 0)
                gap_no_backstop[b, c] += alone < required[c]


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
