"""The Monte Carlo: vectorised NumPy draws in fixed-size blocks.

Draw ``d`` belongs to block ``d // BLOCK``; block ``b`` draws from its own generator,
``SeedSequence(seed, spawn_key=(b,))`` (the ``b``-th child of ``SeedSequence(seed)``),
one array of ``rows x columns`` uniforms. So the same seed gives the same draws however
the blocks are grouped into chunks or spread over workers, and the counts the blocks
return (a ``Tally``, integers only) add up to the same aggregate.

Columns of a block's uniforms: one per factor (true when below its probability), then
per pledge: whether it materialises (below its probability, its conditions apart),
its troops (a uniform integer in its range), and how long it stays (geometric, with the
monthly withdrawal hazard).

For each draw: a pledge is *in place* in month ``m`` when it materialises (itself and
every condition it hangs on), ``m`` is at or after its arrival month, and it has not yet
withdrawn. *Steady state* is every materialised pledge in place, before any withdrawal.
Two bases are counted side by side: quantified pledges only, and with the priors for
pledges that give no number.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from forcegen.analysis.risk.factors import RiskModel
from forcegen.analysis.risk.kernel import Kernel

#: Draws per block: fixed, so that results never depend on how the blocks are grouped.
BLOCK = 4096
#: Histogram bins per month at most (quantiles are exact to the bin width).
MAX_BINS = 4096

Counts = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


@dataclass
class Tally:
    """Integer counts over some blocks of draws; ``merge`` adds two tallies."""

    draws: int
    reach_min: Counts  # (2 bases, months + 1 steady) draws with troops >= band minimum
    reach_max: Counts  # (2, months + 1) draws with troops >= band maximum
    hist: Counts  # (2, months + 1, bins) draws per troop bin
    forced_true: Counts  # (2, pledges + factors) steady state >= minimum, term forced true
    forced_false: Counts  # (2, pledges + factors) the same, term forced false
    troops_true: Counts  # (2, pledges + factors) sum of steady-state troops, forced true
    troops_false: Counts  # (2, pledges + factors) the same, forced false
    gap: Counts  # (2, lines) steady state short of the line, backstop as drawn
    gap_no_backstop: Counts  # (2, lines) the same with every backstop absent
    steady_sum: Counts  # (2,) sum of steady-state troops

    def astuple(self) -> tuple[int | Counts, ...]:
        return (self.draws, self.reach_min, self.reach_max, self.hist, self.forced_true,
                self.forced_false, self.troops_true, self.troops_false, self.gap,
                self.gap_no_backstop, self.steady_sum)

    def merge(self, other: Tally) -> Tally:
        """The counts of both (a new tally)."""
        return Tally(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))  # type: ignore[arg-type]

    def add(self, other: Tally) -> None:
        """Add ``other``'s counts into this tally."""
        self.draws += other.draws
        for a, b in zip(self.astuple()[1:], other.astuple()[1:], strict=True):
            a += b  # type: ignore[operator]

    def equals(self, other: Tally) -> bool:
        return all(np.array_equal(a, b) for a, b in zip(self.astuple(), other.astuple(),
                                                        strict=True))


class Plan:
    """The model as arrays, prepared once for every block."""

    def __init__(self, model: RiskModel) -> None:
        self.model = model
        f, p = len(model.factors), len(model.pledges)
        self.n_factors, self.n_pledges = f, p
        self.columns = f + 3 * p
        self.months = model.horizon + 1
        top = int(sum(max(x.high, 0) for x in model.pledges))
        # troop sums stay exact integers in float32 below 2**24
        self.dtype = np.float32 if top < 2**24 else np.float64
        self.p_factor = np.array([x.probability for x in model.factors], dtype=np.float64)
        self.p_pledge = np.array([x.probability for x in model.pledges], dtype=np.float64)
        self.low = np.array([x.low for x in model.pledges], dtype=np.float64)
        self.span = np.array([x.high - x.low + 1 for x in model.pledges], dtype=np.float64)
        self.fixed = bool(np.all(self.span == 1))
        self.arrival = np.array([x.arrival_month for x in model.pledges], dtype=np.int64)
        quantified = np.array([x.quantified for x in model.pledges], dtype=bool)
        #: pledge columns of each basis' own group: quantified, then those with a prior
        self.groups = (np.flatnonzero(quantified), np.flatnonzero(~quantified))
        self.deps = [tuple(x.factors) for x in model.pledges]
        self.packed = f <= 64
        bit = [np.uint64(1) << np.uint64(j) for j in range(min(f, 64))]
        self.masks = np.array([sum((int(bit[j]) for j in d), 0) if self.packed else 0
                               for d in self.deps], dtype=np.uint64)
        self.bits = np.array([int(b) for b in bit], dtype=np.uint64)
        self.dep_matrix = np.zeros((f, p), dtype=np.int32)
        for i, d in enumerate(self.deps):
            self.dep_matrix[list(d), i] = 1
        self.n_deps = self.dep_matrix.sum(axis=0)
        # withdrawal: survive[k] = (1 - hazard)**k by repeated products (non-increasing,
        # the same on every machine); a pledge in place from its arrival stays ``stay``
        # more months, the number of k >= 1 with 1 - u <= survive[k] (u its uniform), so
        # it leaves inside the horizon iff 1 - u > survive[months - arrival - 1]
        survive = [1.0]
        for _ in range(self.months):
            survive.append(survive[-1] * (1.0 - model.hazard))
        self.survive = np.array(survive, dtype=np.float64)
        self.leave_n = np.maximum(self.months - self.arrival - 1, 0)
        self.survive_at_n = self.survive[self.leave_n]
        self.line_cols = [np.array([i for i, t in enumerate(model.pledges)
                                    if t.capability is line.capability], dtype=np.int64)
                          for line in model.lines]
        self.required = np.array([line.required for line in model.lines], dtype=np.float64)
        backstops = sorted({j for line in model.lines for j in line.backstop_factors})
        self.on_backstop = np.array([bool(set(d) & set(backstops)) for d in self.deps],
                                    dtype=bool)
        # a power of two, so that troops x (1 / width) is exact
        self.bin_width = 1 << max(0, (-(-(top + 1) // MAX_BINS) - 1).bit_length())
        self.bins = top // self.bin_width + 1
        # one product per group gives, per draw: steady-state troops, troops lost if each
        # factor fails, per capability line with and without backstop-bound pledges, and
        # troops arrived by each month (before withdrawals)
        lines = len(model.lines)
        line_of = np.zeros((p, lines))
        for c, cols in enumerate(self.line_cols):
            line_of[cols, c] = 1.0
        arrived = (np.arange(self.months)[None, :] >= self.arrival[:, None]).astype(float)
        self.sums: Floats = np.hstack([np.ones((p, 1)), self.dep_matrix.T.astype(float), line_of,
                               line_of * ~self.on_backstop[:, None], arrived]).astype(self.dtype)
        self.at = np.cumsum([0, 1, f, lines, lines, self.months])
        self.backstop_lines = [(c, list(line.backstop_factors))
                               for c, line in enumerate(model.lines) if line.backstop_factors]

    @functools.cached_property
    def kernel_args(self) -> tuple[object, ...]:
        """The model as the compiled kernel takes it (``engine.kernel_args``)."""
        from forcegen.analysis.risk.engine import kernel_args

        return kernel_args(self)

    def empty(self) -> Tally:
        terms = self.n_pledges + self.n_factors
        lines = len(self.model.lines)
        z = np.zeros
        return Tally(0, z((2, self.months + 1), np.int64), z((2, self.months + 1), np.int64),
                     z((2, self.months + 1, self.bins), np.int64), z((2, terms), np.int64),
                     z((2, terms), np.int64), z((2, terms), np.int64), z((2, terms), np.int64),
                     z((2, lines), np.int64), z((2, lines), np.int64), z(2, np.int64))

    def failing(self, holds: Bools) -> npt.NDArray[np.uint64] | npt.NDArray[np.int32]:
        """(rows, pledges): the pledge's conditions that fail, as a bit word (up to 64
        factors), else as a count."""
        if not self.packed:
            return np.asarray((~holds).astype(np.int32) @ self.dep_matrix)
        word = np.zeros((holds.shape[0], 8), dtype=np.uint8)
        if self.n_factors:
            packed = np.packbits(~holds, axis=1, bitorder="little")
            word[:, :packed.shape[1]] = packed
        return np.asarray(word.view("<u8") & self.masks)

    def sole_failure(self, fails: npt.NDArray[np.uint64] | npt.NDArray[np.int32], holds: Bools,
                     candidates: Bools) -> tuple[Counts, Counts, Counts]:
        """(rows, pledges, factors) of each candidate pledge whose conditions all hold but
        exactly one: forcing that factor to hold brings the pledge."""
        if self.packed:
            one = np.bitwise_count(fails) == 1
            one &= candidates
            r, i = np.nonzero(one)
            j = np.log2(fails[r, i].astype(np.float64)).astype(np.int64)  # exact: 2**j
            return r, i, j
        r, i = np.nonzero(candidates & (fails == 1))
        if r.size == 0:
            return r, i, np.zeros(0, dtype=np.int64)
        j = np.argmax(~holds[r] & (self.dep_matrix.T[i] > 0), axis=1).astype(np.int64)
        return r, i, j


def block_generator(seed: int, block: int) -> np.random.Generator:
    """Block ``block``'s generator: the ``block``-th child of ``SeedSequence(seed)``."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))


def block_uniforms(plan: Plan, seed: int, block: int, rows: int) -> Floats:
    """The uniforms block ``block`` consumes: the first ``rows`` of its ``BLOCK`` rows."""
    return block_generator(seed, block).random((rows, plan.columns))


@dataclass
class _Draws:
    """One block's draws, as the counting of each basis needs them."""

    rows: int
    troops: Floats  # (rows, pledges) troops each pledge would bring
    v: Floats  # (rows, pledges) troops it brings (0 unless it comes)
    leave: tuple[Counts, Counts, Counts]  # (row, pledge, month) of withdrawals in the horizon
    sole: tuple[Counts, Counts, Counts]  # (row, pledge, factor) held back by one factor alone
    present: dict[int, Bools]  # capability line -> backstop there, per draw


def _draw_block(plan: Plan, u: Floats) -> _Draws:
    rows = u.shape[0]
    nf, npl, months = plan.n_factors, plan.n_pledges, plan.months
    holds: Bools = u[:, :nf] < plan.p_factor
    fails = plan.failing(holds)
    own: Bools = u[:, nf:nf + npl] < plan.p_pledge
    came = fails == 0
    came &= own
    if plan.fixed:
        troops = np.broadcast_to(plan.low.astype(plan.dtype), (rows, npl))
    else:
        buf = np.multiply(plan.span, u[:, nf + npl:nf + 2 * npl])
        np.floor(buf, out=buf)
        buf += plan.low
        troops = buf.astype(plan.dtype)
    v = np.where(came, troops, plan.dtype(0))
    # withdrawals inside the horizon (geometric: in place from arrival for 1 + stay months)
    s = np.subtract(1.0, u[:, nf + 2 * npl:])  # exact: u is a multiple of 2**-53
    early = s > plan.survive_at_n
    early &= came
    wr, wi = np.nonzero(early)
    stay = np.searchsorted(-plan.survive[1:], -s[wr, wi], side="right")
    leave = (wr, wi, np.minimum(plan.arrival[wi] + stay + 1, months))
    present = {c: np.asarray(holds[:, js].any(axis=1)) for c, js in plan.backstop_lines}
    return _Draws(rows, troops, v, leave, plan.sole_failure(fails, holds, own), present)


def _group_sums(plan: Plan, d: _Draws, cols: Counts) -> tuple[Floats, Floats, Floats]:
    """For the pledges ``cols``: the product sums (see Plan.sums), troops withdrawn per
    month, and troops each factor alone holds back, per draw."""
    nf, months = max(plan.n_factors, 1), plan.months
    everything = cols.size == plan.n_pledges
    sums = d.v @ plan.sums if everything else d.v[:, cols] @ plan.sums[cols]
    wr, wi, wm = d.leave
    sr, si, sj = d.sole
    if not everything:
        keep = np.isin(wi, cols)
        wr, wi, wm = wr[keep], wi[keep], wm[keep]
        keep = np.isin(si, cols)
        sr, si, sj = sr[keep], si[keep], sj[keep]
    gone = np.bincount(wr * (months + 1) + wm, weights=d.v[wr, wi],
                       minlength=d.rows * (months + 1)).reshape(d.rows, months + 1)
    extra = np.bincount(sr * nf + sj, weights=d.troops[sr, si],
                        minlength=d.rows * nf).reshape(d.rows, nf)
    return sums, gone.astype(np.float64, copy=False), extra.astype(np.float64, copy=False)


def _count_basis(plan: Plan, d: _Draws, sums: Floats, gone: Floats, extra: Floats,
                 counted: Counts, t: Tally, into: tuple[int, ...]) -> None:
    """Add the counts of one basis (pledges ``counted``) to ``t`` at each basis in ``into``."""
    m = plan.model
    rows, npl, nf, months = d.rows, plan.n_pledges, plan.n_factors, plan.months
    bmin, bmax = m.band_min, m.band_max
    a = plan.at
    count = np.count_nonzero
    steady = sums[:, 0]
    totals = np.empty((rows, months + 1), dtype=plan.dtype)
    np.subtract(sums[:, a[4]:a[5]], np.cumsum(gone[:, :months], axis=1),
                out=totals[:, :months])
    totals[:, months] = steady
    reach_min = count(totals >= bmin, axis=0)
    reach_max = count(totals >= bmax, axis=0)
    idx = np.multiply(totals, plan.dtype(1.0 / plan.bin_width)).astype(np.int64)
    idx += np.arange(months + 1, dtype=np.int64) * plan.bins
    hist = np.bincount(idx.ravel(), minlength=(months + 1) * plan.bins).reshape(
        months + 1, plan.bins)
    steady_sum = int(steady.sum(dtype=np.float64))
    reached = int(count(steady >= bmin))
    # each pledge forced to come / not to come (pledges outside the basis change nothing)
    f_true = np.full(npl + nf, reached, dtype=np.int64)
    f_false = f_true.copy()
    s_true = np.full(npl + nf, steady_sum, dtype=np.int64)
    s_false = s_true.copy()
    if counted.size:
        everything = counted.size == npl
        v = d.v if everything else d.v[:, counted]
        size = d.troops if everything else d.troops[:, counted]
        rest = steady[:, None] - v
        f_false[counted] = count(rest >= bmin, axis=0)
        rest += size
        f_true[counted] = count(rest >= bmin, axis=0)
        v_sum = v.sum(axis=0, dtype=np.float64).astype(np.int64)
        s_true[counted] += size.sum(axis=0, dtype=np.float64).astype(np.int64) - v_sum
        s_false[counted] -= v_sum
    # each factor forced to hold (pledges it alone held back come) / to fail
    if nf:
        extra += steady[:, None]
        without = steady[:, None] - sums[:, a[1]:a[2]]
        f_true[npl:] = count(extra >= bmin, axis=0)
        f_false[npl:] = count(without >= bmin, axis=0)
        s_true[npl:] = extra.sum(axis=0).astype(np.int64)
        s_false[npl:] = without.sum(axis=0, dtype=np.float64).astype(np.int64)
    short = sums[:, a[2]:a[3]] < plan.required
    for c, here in d.present.items():
        short[:, c] &= ~here
    gap = count(short, axis=0)
    gap_alone = count(sums[:, a[3]:a[4]] < plan.required, axis=0)
    for b in into:
        t.reach_min[b] += reach_min
        t.reach_max[b] += reach_max
        t.hist[b] += hist
        t.steady_sum[b] += steady_sum
        t.forced_true[b] += f_true
        t.forced_false[b] += f_false
        t.troops_true[b] += s_true
        t.troops_false[b] += s_false
        t.gap[b] += gap
        t.gap_no_backstop[b] += gap_alone


def _count_block(plan: Plan, u: Floats, t: Tally) -> None:
    """Add the counts of one block's draws (``u``: its uniforms) into ``t``: basis 0
    counts the quantified pledges, basis 1 adds the pledges with a prior (when there are
    none, the two bases are the same counts)."""
    d = _draw_block(plan, u)
    t.draws += d.rows
    quantified, priors = plan.groups
    sums, gone, extra = _group_sums(plan, d, quantified)
    if not priors.size:
        _count_basis(plan, d, sums, gone, extra, quantified, t, (0, 1))
        return
    _count_basis(plan, d, sums, gone, extra.copy(), quantified, t, (0,))
    more = _group_sums(plan, d, priors)
    _count_basis(plan, d, sums + more[0], gone + more[1], extra + more[2],
                 np.sort(np.concatenate([quantified, priors])), t, (1,))


def run_blocks(plan: Plan, seed: int, draws: int, first: int, last: int,
               kernel: Kernel | None = None) -> Tally:
    """Count blocks ``first`` (inclusive) to ``last`` (exclusive) of a run of ``draws``,
    with the per-draw ``kernel`` (see ``kernel.choose``) or else the NumPy path: the
    same counts either way."""
    total = plan.empty()
    if kernel is not None:
        counts = total.astuple()[1:]
        for b in range(first, last):
            rows = min(BLOCK, draws - b * BLOCK)
            if rows <= 0:
                break
            kernel(block_uniforms(plan, seed, b, rows), *plan.kernel_args, *counts)
            total.draws += rows
        if not plan.groups[1].size:  # no priors: basis 1 is basis 0
            for a in counts:
                a[1] = a[0]  # type: ignore[index]
        return total
    # small products: one BLAS thread is fastest, and leaves the other cores to others
    with threadpool_limits(limits=1, user_api="blas"):
        for b in range(first, last):
            rows = min(BLOCK, draws - b * BLOCK)
            if rows <= 0:
                break
            _count_block(plan, block_uniforms(plan, seed, b, rows), total)
    return total


def n_blocks(draws: int) -> int:
    return -(-draws // BLOCK)


def run(plan: Plan, seed: int, draws: int, *, chunk_blocks: int = 4,
        progress: Callable[[int], None] | None = None, kernel: Kernel | None = None) -> Tally:
    """Every block of a run, ``chunk_blocks`` at a time; ``progress(draws done)``."""
    total = plan.empty()
    blocks = n_blocks(draws)
    for first in range(0, blocks, chunk_blocks):
        last = min(blocks, first + chunk_blocks)
        total.add(run_blocks(plan, seed, draws, first, last, kernel))
        if progress is not None:
            progress(total.draws)
    return total
