"""The per-draw kernel: one pass over a block's uniforms that counts everything the NumPy
path counts (``simulate._count_block``), compiled with Numba when it is installed (the
``fast`` extra).

It reads the same uniforms (NumPy draws them, in the same blocks), makes the same
comparisons in the same floating-point arithmetic, and adds integers: so its tally equals
the NumPy path's, exactly, for any grouping of the blocks. ``count_block`` is plain
Python (it runs as such, slowly, without Numba: the tests run it so); ``compiled()``
gives it compiled, or None without Numba.

The draws go through in tiles of ``TILE``: a tile's uniforms are transposed so that every
inner loop runs over the tile's draws with unit stride (the compiler makes them vector
instructions). Per tile: the factors that hold, as bit words; per pledge whether it comes
(its own uniform below its probability and none of its conditions failing), its troops,
the one condition that alone holds it back, and its withdrawal month when inside the
horizon (the number of ``k >= 1`` with ``1 - u <= survive[k]``); then per basis the
troops in place month by month, the steady state, the tornado's forced cases and the
capability lines, each summed over the tile.
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
Words = npt.NDArray[np.uint64]


#: Draws counted side by side: the inner loops run over a tile's draws, which the
#: compiler turns into vector instructions (several draws per instruction).
TILE = 64


def count_block(u: Floats, nf: int, npl: int, months: int, p_factor: Floats,
                p_pledge: Floats, low: Ints, span: Floats, arrival: Ints, leave_n: Ints,
                survive: Floats, dep_mask: Words, weight: Ints, arrive_ptr: Ints,
                arrive_idx: Ints, arrive_month: Ints, on_ptr: Ints, on_idx: Ints,
                on_rest: Ints, line_ptr: Ints, line_idx: Ints, alone_ptr: Ints,
                alone_idx: Ints, backstop_mask: Words, required: Ints, band_min: int,
                band_max: int, shift: int, bases: int,
                reach_min: Ints, reach_max: Ints, hist: Ints, forced_true: Ints,
                forced_false: Ints, troops_true: Ints, troops_false: Ints, gap: Ints,
                gap_no_backstop: Ints, steady_sum: Ints) -> None:
    """Add the counts of the draws ``u`` (rows x columns, the engine's column layout)
    into the tally's arrays (``reach_min`` ... ``steady_sum``, as in ``Tally``).

    The model (see ``engine.kernel_args``): ``dep_mask`` the conditions of each pledge as
    bit words; ``weight[b, i]`` 1 when basis ``b`` counts pledge ``i``; pledges grouped by
    arrival month inside the horizon (``arrive_*``, months ascending); per factor the
    pledges hanging on it, or those that do not when fewer (``on_rest`` 1), so the troops
    lost when it fails are a short sum; per capability line its pledges, and those not
    bound to a backstop (``alone``), and its backstops' factors as bit words.
    ``bases`` is 2 when some pledges have a prior, else 1 (basis 0 only: the caller
    copies it to basis 1).
    """
    rows = u.shape[0]
    columns = u.shape[1]
    lines = required.shape[0]
    words = dep_mask.shape[1]
    groups = arrive_month.shape[0]
    # a tile's uniforms, transposed; rows padded so that their starts spread over the
    # cache's sets (a row of 64 doubles, 512 bytes, would put all 146 in 8 of its 64)
    ut = np.zeros((columns, TILE + 8), dtype=np.float64)
    wide = columns - columns % 8
    word = np.zeros((words, TILE), dtype=np.uint64)  # the factors that hold, as bits
    failing = np.zeros(TILE, dtype=np.int64)  # words with a failing condition
    at = np.zeros(TILE, dtype=np.int64)  # the last such word
    bits = np.zeros(TILE, dtype=np.uint64)  # its failing conditions
    as_float = np.zeros(TILE, dtype=np.float64)
    as_int = as_float.view(np.int64)
    one = np.zeros(TILE, dtype=np.int64)  # one condition alone fails
    troops = np.zeros((npl, TILE), dtype=np.int64)  # troops each pledge would bring
    brings = np.zeros((npl, TILE), dtype=np.int64)  # troops it brings (0 unless it comes)
    held = np.zeros((npl, TILE), dtype=np.int64)  # troops one condition alone holds back
    sole = np.zeros((npl, TILE), dtype=np.int64)  # that condition (else nf)
    leaves = np.zeros(TILE, dtype=np.int64)
    leave_row = np.zeros(npl * TILE, dtype=np.int64)  # withdrawals inside the horizon
    leave_pledge = np.zeros(npl * TILE, dtype=np.int64)
    leave_month = np.zeros(npl * TILE, dtype=np.int64)
    v_weighted = np.zeros((npl, TILE), dtype=np.int64)
    steady = np.zeros(TILE, dtype=np.int64)
    total = np.zeros(TILE, dtype=np.int64)
    change = np.zeros((months + 1, TILE), dtype=np.int64)  # troops withdrawn per month
    extra = np.zeros((nf + 1, TILE), dtype=np.int64)
    sums = np.zeros(TILE, dtype=np.int64)
    for r0 in range(0, rows, TILE):
        n = min(TILE, rows - r0)
        for r in range(n):  # transpose, eight at a time (kept scalar: no scatter stores)
            row = r0 + r
            for c in range(0, wide, 8):
                ut[c, r] = u[row, c]
                ut[c + 1, r] = u[row, c + 1]
                ut[c + 2, r] = u[row, c + 2]
                ut[c + 3, r] = u[row, c + 3]
                ut[c + 4, r] = u[row, c + 4]
                ut[c + 5, r] = u[row, c + 5]
                ut[c + 6, r] = u[row, c + 6]
                ut[c + 7, r] = u[row, c + 7]
            for c in range(wide, columns):
                ut[c, r] = u[row, c]
        for w in range(words):
            word_w = word[w]
            for r in range(n):
                word_w[r] = 0
            for j in range(64 * w, min(nf, 64 * w + 64)):
                bit = np.uint64(1) << np.uint64(j & 63)
                p = p_factor[j]
                col = ut[j]
                for r in range(n):
                    word_w[r] |= bit if col[r] < p else np.uint64(0)
        leaving = 0
        for i in range(npl):
            for r in range(n):
                failing[r] = 0
                at[r] = 0
                bits[r] = 0
            for w in range(words):
                mask = dep_mask[i, w]
                word_w = word[w]
                for r in range(n):
                    f = mask & ~word_w[r]
                    failing[r] += f != 0
                    at[r] = w if f != 0 else at[r]
                    bits[r] = f if f != 0 else bits[r]
            p = p_pledge[i]
            lo = low[i]
            width = span[i]
            limit = survive[leave_n[i]]
            own_col = ut[nf + i]
            size_col = ut[nf + npl + i]
            stay_col = ut[nf + 2 * npl + i]
            t_i = troops[i]
            b_i = brings[i]
            h_i = held[i]
            for r in range(n):
                own = own_col[r] < p
                t = lo + np.int64(math.floor(width * size_col[r]))
                f = bits[r]
                came = own & (failing[r] == 0)
                single = (f & (f - np.uint64(f != 0))) == 0  # at most one bit
                o = own & (failing[r] == 1) & single
                t_i[r] = t
                b_i[r] = t * came
                h_i[r] = t * o
                one[r] = o
                as_float[r] = float(f)
                leaves[r] = came & (1.0 - stay_col[r] > limit)
            s_i = sole[i]
            for r in range(n):
                # the bit's position: the exponent of the (exact) float of a power of two
                s_i[r] = 64 * at[r] + (as_int[r] >> 52) - 1023 if one[r] else nf
            for r in range(n):
                if leaves[r]:  # withdraws inside the horizon: stays ``stay`` months more
                    s = 1.0 - stay_col[r]
                    stay = 0
                    while s <= survive[stay + 1]:
                        stay += 1
                    leave_row[leaving] = r
                    leave_pledge[leaving] = i
                    leave_month[leaving] = arrival[i] + stay + 1
                    leaving += 1
        for b in range(bases):
            every = True
            for i in range(npl):
                every &= weight[b, i] == 1
            v = brings
            if not every:
                v = v_weighted
                for i in range(npl):
                    w_i = weight[b, i]
                    for r in range(n):
                        v[i, r] = brings[i, r] * w_i
            for r in range(n):
                steady[r] = 0
                total[r] = 0
            for i in range(npl):
                v_i = v[i]
                for r in range(n):
                    steady[r] += v_i[r]
            for k in range(leaving):
                change[leave_month[k], leave_row[k]] += v[leave_pledge[k], leave_row[k]]
            g = 0
            for m in range(months):
                while g < groups and arrive_month[g] == m:
                    for k in range(arrive_ptr[g], arrive_ptr[g + 1]):
                        v_i = v[arrive_idx[k]]
                        for r in range(n):
                            total[r] += v_i[r]
                    g += 1
                gone = change[m]
                above_min = 0
                above_max = 0
                for r in range(n):
                    total[r] -= gone[r]
                    gone[r] = 0
                    above_min += total[r] >= band_min
                    above_max += total[r] >= band_max
                reach_min[b, m] += above_min
                reach_max[b, m] += above_max
                h_m = hist[b, m]
                for r in range(n):
                    h_m[total[r] >> shift] += 1
            above_min = 0
            above_max = 0
            steady_total = 0
            h_m = hist[b, months]
            for r in range(n):
                above_min += steady[r] >= band_min
                above_max += steady[r] >= band_max
                steady_total += steady[r]
                h_m[steady[r] >> shift] += 1
            reach_min[b, months] += above_min
            reach_max[b, months] += above_max
            steady_sum[b] += steady_total
            # each pledge forced to come (its troops) or not (none)
            for i in range(npl):
                w_i = weight[b, i]
                v_i = v[i]
                t_i = troops[i]
                without = 0
                with_it = 0
                brought = 0
                sized = 0
                for r in range(n):
                    rest = steady[r] - v_i[r]
                    without += rest >= band_min
                    with_it += rest + t_i[r] * w_i >= band_min
                    brought += v_i[r]
                    sized += t_i[r]
                forced_false[b, i] += without
                forced_true[b, i] += with_it
                troops_false[b, i] += steady_total - brought
                troops_true[b, i] += steady_total - brought + sized * w_i
            # each factor forced to hold (the pledges it alone held back come) or to fail
            for j in range(nf + 1):
                e_j = extra[j]
                for r in range(n):
                    e_j[r] = 0
            for i in range(npl):
                w_i = weight[b, i]
                s_i = sole[i]
                h_i = held[i]
                for r in range(n):
                    extra[s_i[r], r] += h_i[r] * w_i
            for j in range(nf):
                for r in range(n):
                    sums[r] = 0
                for k in range(on_ptr[j], on_ptr[j + 1]):
                    v_i = v[on_idx[k]]
                    for r in range(n):
                        sums[r] += v_i[r]
                rest_j = on_rest[j]
                e_j = extra[j]
                on_true = 0
                on_false = 0
                troops_on = 0
                troops_off = 0
                for r in range(n):
                    on = steady[r] + e_j[r]
                    off = sums[r] if rest_j else steady[r] - sums[r]
                    on_true += on >= band_min
                    on_false += off >= band_min
                    troops_on += on
                    troops_off += off
                forced_true[b, npl + j] += on_true
                forced_false[b, npl + j] += on_false
                troops_true[b, npl + j] += troops_on
                troops_false[b, npl + j] += troops_off
            for c in range(lines):
                for r in range(n):
                    total[r] = 0
                    sums[r] = 0
                for k in range(line_ptr[c], line_ptr[c + 1]):
                    v_i = v[line_idx[k]]
                    for r in range(n):
                        total[r] += v_i[r]
                for k in range(alone_ptr[c], alone_ptr[c + 1]):
                    v_i = v[alone_idx[k]]
                    for r in range(n):
                        sums[r] += v_i[r]
                for r in range(n):
                    failing[r] = 0
                for w in range(words):
                    mask = backstop_mask[c, w]
                    word_w = word[w]
                    for r in range(n):
                        failing[r] |= (word_w[r] & mask) != 0
                need = required[c]
                short = 0
                short_alone = 0
                for r in range(n):
                    short += (total[r] < need) & (failing[r] == 0)
                    short_alone += sums[r] < need
                gap[b, c] += short
                gap_no_backstop[b, c] += short_alone


Kernel = Callable[..., None]


@functools.cache
def compiled() -> Kernel | None:
    """``count_block`` compiled by Numba, or None when Numba is not installed.

    Compiled once per machine: the machine code is cached on disk (beside this module, or
    in Numba's per-user cache folder); with no writable cache folder it is compiled in
    memory at the first call of each process instead.
    """
    try:
        import numba
    except ImportError:
        return None
    jit: Any = numba.njit
    try:
        return jit(cache=True, nogil=True, error_model="numpy")(count_block)  # type: ignore[no-any-return]
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return jit(cache=False, nogil=True, error_model="numpy")(count_block)  # type: ignore[no-any-return]
