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
                band_max: int, shift: int, bases: int, month_diff: Ints, hist_diff: Ints,
                reach_min: Ints, reach_max: Ints, hist: Ints, forced_true: Ints,
                forced_false: Ints, troops_true: Ints, troops_false: Ints, gap: Ints,
                gap_no_backstop: Ints, steady_sum: Ints) -> None:
    """Add the counts of the draws ``u`` (rows x columns, the engine's column layout)
    into the tally's arrays (``reach_min`` ... ``steady_sum``, as in ``Tally``); the
    counts of months ``0 .. months - 1`` go as differences over the months into
    ``month_diff[b, 0]`` (reaching the minimum), ``month_diff[b, 1]`` (the maximum) and
    ``hist_diff[b]``, for the caller to add up (``add_month_counts``).

    The model (see ``Plan.kernel_args``): ``dep_mask`` the conditions of each pledge as
    bit words; ``weight[b, i]`` 1 when basis ``b`` counts pledge ``i``; pledges grouped by
    arrival month inside the horizon (``arrive_*``, months ascending); per factor the
    pledges hanging on it, or those that do not when fewer (``on_rest`` 1), so the troops
    lost when it fails are a short sum; per capability line its pledges, and those not
    bound to a backstop (``alone``), and its backstops' factors (``bs``). ``bases`` is 2
    when some pledges have a prior, else 1 (basis 0 only: the caller copies it).
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
    leave_at = np.zeros(npl + 1, dtype=np.int64)  # (sorted) withdrawal months, then months
    v = np.zeros(npl, dtype=np.int64)
    extra = np.zeros(nf + npl, dtype=np.int64)
    group_sum = np.zeros(groups, dtype=np.int64)
    event_at = np.zeros(groups + 1, dtype=np.int64)
    event_at[:groups] = arrive_month
    event_at[groups] = months
    as_float = np.zeros(1, dtype=np.float64)
    as_int = as_float.view(np.int64)
    # sums over the block's draws, for the linear counts (troops), at the end
    sum_troops = np.zeros(npl, dtype=np.int64)
    sum_brings = np.zeros(npl, dtype=np.int64)
    sum_steady = np.zeros(2, dtype=np.int64)
    sum_extra = np.zeros((2, nf), dtype=np.int64)
    reached_draws = np.zeros(2, dtype=np.int64)
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
            sum_troops[i] += t
            sum_brings[i] += t * came
            # the bit's position: the exponent of the (exact) float of its power of two
            as_float[0] = float(bits)
            sole[i] = 64 * at + (as_int[0] >> 52) - 1023 if one_fails else nf + i
            s = 1.0 - u[r, nf + 2 * npl + i]
            if came & (s > survive[leave_n[i]]):  # withdraws inside the horizon
                stay = 0
                while s <= survive[stay + 1]:
                    stay += 1
                month = arrival[i] + stay + 1
                k = leaving  # insertion: withdrawal months ascending
                while k > 0 and leave_at[k - 1] > month:
                    leave_at[k] = leave_at[k - 1]
                    leaver[k] = leaver[k - 1]
                    k -= 1
                leave_at[k] = month
                leaver[k] = i
                leaving += 1
        leave_at[leaving] = months
        for b in range(bases):
            st = 0
            for i in range(npl):
                v[i] = brings[i] * weight[b, i]
                st += v[i]
            for g in range(groups):
                acc = 0
                for k in range(arrive_ptr[g], arrive_ptr[g + 1]):
                    acc += v[arrive_idx[k]]
                group_sum[g] = acc
            # troops in place are constant between events (arrivals, withdrawals): count
            # each stretch of months once, as differences at its two ends
            total = 0
            start = 0
            g = 0
            k = 0
            while start < months:
                while event_at[g] == start:
                    total += group_sum[g]
                    g += 1
                while leave_at[k] == start:
                    total -= v[leaver[k]]
                    k += 1
                end = min(event_at[g], leave_at[k])
                above_min = total >= band_min
                above_max = total >= band_max
                month_diff[b, 0, start] += above_min
                month_diff[b, 0, end] -= above_min
                month_diff[b, 1, start] += above_max
                month_diff[b, 1, end] -= above_max
                hist_diff[b, start, total >> shift] += 1
                hist_diff[b, end, total >> shift] -= 1
                start = end
            reached = st >= band_min
            reach_min[b, months] += reached
            reach_max[b, months] += st >= band_max
            hist[b, months, st >> shift] += 1
            sum_steady[b] += st
            for i in range(nf + npl):
                extra[i] = 0
            for i in range(npl):
                extra[sole[i]] += held[i] * weight[b, i]
            # forced to come, a term adds troops (never below reaching the minimum if
            # reached); forced not to, it takes them away (never reaching it if not)
            if reached:
                reached_draws[b] += 1
                for i in range(npl):
                    forced_false[b, i] += st - v[i] >= band_min
                for j in range(nf):
                    acc = 0
                    for k in range(on_ptr[j], on_ptr[j + 1]):
                        acc += v[on_idx[k]]
                    off = acc if on_rest[j] else st - acc
                    forced_false[b, npl + j] += off >= band_min
            else:
                for i in range(npl):
                    forced_true[b, i] += st - v[i] + troops[i] * weight[b, i] >= band_min
                for j in range(nf):
                    forced_true[b, npl + j] += st + extra[j] >= band_min
            for j in range(nf):
                sum_extra[b, j] += extra[j]
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
    # the linear counts: troops summed over the draws, each term forced either way
    for b in range(bases):
        steady_sum[b] += sum_steady[b]
        for i in range(npl):
            brought = sum_brings[i] * weight[b, i]
            troops_false[b, i] += sum_steady[b] - brought
            troops_true[b, i] += sum_steady[b] - brought + sum_troops[i] * weight[b, i]
        for j in range(nf):
            acc = 0
            for k in range(on_ptr[j], on_ptr[j + 1]):
                acc += sum_brings[on_idx[k]] * weight[b, on_idx[k]]
            off = acc if on_rest[j] else sum_steady[b] - acc
            troops_false[b, npl + j] += off
            troops_true[b, npl + j] += sum_steady[b] + sum_extra[b, j]
        for i in range(npl + nf):
            forced_true[b, i] += reached_draws[b]


def add_month_counts(month_diff: Ints, hist_diff: Ints, reach_min: Ints, reach_max: Ints,
                     hist: Ints) -> None:
    """Add the month counts that ``count_block`` left as differences (and clear them)."""
    months = month_diff.shape[2] - 1
    reach_min[:, :months] += np.cumsum(month_diff[:, 0, :months], axis=1)
    reach_max[:, :months] += np.cumsum(month_diff[:, 1, :months], axis=1)
    hist[:, :months] += np.cumsum(hist_diff[:, :months], axis=1)
    month_diff[...] = 0
    hist_diff[...] = 0


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
