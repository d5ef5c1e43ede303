"""Build the sourcing model as sparse arrays (no solver, no Python loop per variable).

Variables
  x[n,l,p]  troops of nation n on line l in period p (integer), only where n may serve
  y[n,a,p]  1 if nation n is present in area a in period p (binary)
  u[n,c,p]  troops of an offer naming no capability used for capability c (pledges mode)
  dev[n,p]  |troops of n - fair share of n x troops asked for|, each period (continuous)

Constraints (each a named group, so that the explanations can lift one at a time)
  demand        sum_n x[n,l,p] <= troops of line l (= when the line must be filled)
  capacity      sum_l x[n,l,p] <= net sustainable capacity of n, each period
  offers        pledges mode: what each nation put on the table, by capability
  min_contingent  sum_{l in a} x[n,l,p] >= minimum contingent * y[n,a,p]
  presence      sum_{l in a} x[n,l,p] <= (what n could send to a) * y[n,a,p]
  cohesion      sum_n y[n,a,p] <= nations allowed per area
  lead_hq       the lead nation holds at least its share of headquarters troops (only when
                the scenario names a lead nation that is in the pool)
  fair_share    dev[n,p] >= +-(troops of n in p - f_n x troops asked for in p)
Caveats and the standoff act on which x exist.

Objective (weighted, maximised): sum priority_l x[n,l,p] - 0.01 sum dev[n] - 0.1 sum y.
One troop-period of the lowest priority (1) weighs more than the fair-share and cohesion
terms it can move, so coverage comes first; fair shares second; fewer nations per area
third. Weighted, not lexicographic: one solve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from forcegen.analysis.sourcing.inputs import CAPABILITIES, SourcingInputs, SourcingMode
from forcegen.model import Capability
from forcegen.model.deployment import CaveatKind

FAIR_SHARE_WEIGHT = 0.01  # per troop-period of deviation from the fair share
COHESION_WEIGHT = 0.1  # per nation present in an area in a period
OBJECTIVE_TEXT = (
    "weighted (one solve), maximised: priority-weighted troop-periods covered "
    f"- {FAIR_SHARE_WEIGHT:g} x troops away from each nation's fair share of the troops "
    "asked for, each period "
    f"- {COHESION_WEIGHT:g} x nations present per area and period; a troop-period of "
    "priority 1 outweighs what it can move in the other two terms, so coverage comes "
    "first, fair shares second, fewer nations per area third")

GROUPS = ("capacity", "offers", "caveats", "standoff", "min_contingent", "cohesion", "lead_hq")

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Relaxation:
    """What to lift when re-solving: caveats by index, and whole constraint groups."""

    caveats: frozenset[int] = frozenset()
    groups: frozenset[str] = frozenset()


@dataclass
class ModelBlock:
    """One period's mixed-integer model in column-wise sparse form, with the maps back to
    the plan. Nothing links two periods, so each period is solved on its own."""

    inputs: SourcingInputs
    relaxation: Relaxation
    cost: Floats  # to maximise
    lower: Floats
    upper: Floats
    integer: npt.NDArray[np.bool_]
    a_start: Ints  # column starts (CSC)
    a_index: Ints  # row of each non-zero
    a_value: Floats
    row_lower: Floats
    row_upper: Floats
    row_groups: dict[str, tuple[int, int]]  # group -> [first row, end row)
    x_n: Ints
    x_l: Ints
    x_p: Ints
    y_n: Ints
    y_a: Ints
    y_p: Ints
    y_slice: slice
    dev_slice: slice
    dev_nations: Ints

    @property
    def num_col(self) -> int:
        return len(self.cost)

    @property
    def num_row(self) -> int:
        return len(self.row_lower)

    @property
    def num_x(self) -> int:
        return len(self.x_n)

    def group_rows(self, group: str) -> range:
        start, end = self.row_groups.get(group, (0, 0))
        return range(start, end)


class _Rows:
    """Collects constraint rows as (row, column, value) triplets, group by group."""

    def __init__(self) -> None:
        self.r: list[Ints] = []
        self.c: list[Ints] = []
        self.v: list[Floats] = []
        self.lo: list[Floats] = []
        self.hi: list[Floats] = []
        self.count = 0
        self.groups: dict[str, tuple[int, int]] = {}

    def add(self, group: str, rows: Ints, cols: Ints, vals: Floats, lo: Floats,
            hi: Floats) -> None:
        """``rows`` are 0-based within this block; ``lo``/``hi`` one per block row."""
        start = self.count
        self.r.append(rows.astype(np.int64) + start)
        self.c.append(cols.astype(np.int64))
        self.v.append(vals.astype(np.float64))
        self.lo.append(lo.astype(np.float64))
        self.hi.append(hi.astype(np.float64))
        self.count += len(lo)
        first, _ = self.groups.get(group, (start, start))
        self.groups[group] = (first, self.count)


def eligibility(inp: SourcingInputs, relax: Relaxation = Relaxation()) -> npt.NDArray[np.bool_]:
    """N x L: may nation n serve on line l, given offers, caveats and the standoff."""
    n, lines = len(inp.nations), len(inp.lines)
    cap = inp.line_capability
    if inp.mode is SourcingMode.CAPACITY or "offers" in relax.groups:
        ok = np.ones((n, lines), dtype=bool)
    else:
        ok = (inp.named_offer[:, cap] > 0) | (
            (inp.unnamed_offer > 0)[:, None] & inp.unnamed_allowed[cap][None, :])
    if inp.standoff_km is not None and "standoff" not in relax.groups:
        dist = np.array([a.distance_km if a.distance_km is not None else np.inf
                         for a in inp.areas])
        ok &= (dist[inp.line_area] >= inp.standoff_km)[None, :]
    if "caveats" not in relax.groups:
        for i, cv in enumerate(inp.caveats):
            if i in relax.caveats:
                continue
            if cv.kind is CaveatKind.EXCLUDE_AREA:
                ok[cv.nation, inp.line_area == cv.area] = False
            elif cv.kind is CaveatKind.NEEDS_BACKSTOP and not inp.backstop_in_place:
                ok[cv.nation, :] = False
    return ok


def min_contingents(inp: SourcingInputs, relax: Relaxation = Relaxation()) -> Floats:
    """N: the smallest contingent each nation may send to an area (troops)."""
    if "min_contingent" in relax.groups:
        return np.zeros(len(inp.nations))
    m = np.full(len(inp.nations), float(inp.min_contingent))
    if "caveats" not in relax.groups:
        for i, cv in enumerate(inp.caveats):
            if cv.kind is CaveatKind.MIN_CONTINGENT and i not in relax.caveats and cv.troops:
                m[cv.nation] = max(m[cv.nation], cv.troops)
    return m


def _segment_sum_rows(keys: Ints) -> tuple[Ints, Ints]:
    """Unique keys and, for each entry, the index of its key (its row)."""
    uniq, inv = np.unique(keys, return_inverse=True)
    return uniq, inv.astype(np.int64)


@dataclass
class SourcingModel:
    """The whole model: one block per period (nothing links two periods: capacity,
    contingents, cohesion, the headquarters share and fair shares all hold per period)."""

    inputs: SourcingInputs
    relaxation: Relaxation
    blocks: list[ModelBlock]
    eligible: npt.NDArray[np.bool_]  # N x L: who may serve where (offers, caveats, standoff)

    def _cat(self, name: str) -> Ints:
        parts = [getattr(b, name) for b in self.blocks]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    @property
    def x_n(self) -> Ints:
        return self._cat("x_n")

    @property
    def x_l(self) -> Ints:
        return self._cat("x_l")

    @property
    def x_p(self) -> Ints:
        return self._cat("x_p")

    @property
    def num_x(self) -> int:
        return sum(b.num_x for b in self.blocks)

    @property
    def num_col(self) -> int:
        return sum(b.num_col for b in self.blocks)

    @property
    def num_row(self) -> int:
        return sum(b.num_row for b in self.blocks)

    @property
    def num_nonzeros(self) -> int:
        return sum(len(b.a_value) for b in self.blocks)

    @property
    def num_integer(self) -> int:
        return sum(int(b.integer.sum()) for b in self.blocks)


def build_model(inp: SourcingInputs, relax: Relaxation = Relaxation()) -> SourcingModel:
    """The mixed-integer model for one set of inputs (and what to lift, if anything)."""
    elig = eligibility(inp, relax)
    mins = min_contingents(inp, relax)
    cap = inp.capacity if "capacity" not in relax.groups else np.full(len(inp.nations), np.inf)
    blocks = [_build_block(inp, relax, p, elig, mins, cap) for p in range(len(inp.periods))]
    return SourcingModel(inputs=inp, relaxation=relax, blocks=blocks, eligible=elig)


def _build_block(inp: SourcingInputs, relax: Relaxation, period: int,
                 elig: npt.NDArray[np.bool_], mins: Floats, cap: Floats) -> ModelBlock:
    """The model of one period."""
    n_n, n_p, n_a = len(inp.nations), len(inp.periods), len(inp.areas)
    n_c = len(CAPABILITIES)
    demand, prio = inp.demand, inp.priority
    line_cap, line_area = inp.line_capability, inp.line_area
    active = np.zeros_like(inp.active)
    active[:, period] = inp.active[:, period]

    # -- x: nation x line x period where the nation may serve and the line is required
    mask = elig[:, :, None] & active[None, :, :] & (demand > 0)[None, :, None]
    x_n, x_l, x_p = (a.astype(np.int64) for a in np.nonzero(mask))
    nx = len(x_n)
    x_hi = np.minimum(demand[x_l], cap[x_n])
    if inp.mode is SourcingMode.PLEDGES and "offers" not in relax.groups:
        offer = inp.named_offer[x_n, line_cap[x_l]] + np.where(
            inp.unnamed_allowed[line_cap[x_l]], inp.unnamed_offer[x_n], 0.0)
        x_hi = np.minimum(x_hi, offer)
    x_hi = np.floor(x_hi)

    # -- y: nation present in an area in a period
    y_key = (x_n * n_a + line_area[x_l]) * n_p + x_p
    y_keys, x_to_y = _segment_sum_rows(y_key)
    ny = len(y_keys)
    y_n = y_keys // (n_a * n_p)
    y_a = (y_keys // n_p) % n_a
    y_p = y_keys % n_p
    y0 = nx

    # -- u: unnamed offers put to a capability (pledges mode)
    use_u = inp.mode is SourcingMode.PLEDGES and "offers" not in relax.groups
    if use_u:
        u_key_all = (x_n * n_c + line_cap[x_l]) * n_p + x_p
        ncp_keys, x_to_ncp = _segment_sum_rows(u_key_all)
        ncp_n = ncp_keys // (n_c * n_p)
        ncp_c = (ncp_keys // n_p) % n_c
        ncp_p = ncp_keys % n_p
        has_u = (inp.unnamed_offer[ncp_n] > 0) & inp.unnamed_allowed[ncp_c]
        u_of = np.full(len(ncp_keys), -1, dtype=np.int64)
        u_of[has_u] = np.arange(int(has_u.sum())) + y0 + ny
        nu = int(has_u.sum())
    else:
        nu = 0
    u0 = y0 + ny

    # -- dev and T
    fair_n = np.nonzero(~np.isnan(inp.fair_share))[0].astype(np.int64)
    d0 = u0 + nu
    ndev = len(fair_n)
    n_col = d0 + ndev

    cost = np.zeros(n_col)
    cost[:nx] = prio[x_l]
    cost[y0:y0 + ny] = -COHESION_WEIGHT
    cost[d0:d0 + ndev] = -FAIR_SHARE_WEIGHT
    lower = np.zeros(n_col)
    upper = np.full(n_col, np.inf)
    upper[:nx] = x_hi
    upper[y0:y0 + ny] = 1.0
    integer = np.zeros(n_col, dtype=bool)
    integer[:y0 + ny] = True

    rows = _Rows()
    ones_x = np.ones(nx)
    # demand: one row per (line, period)
    lp_keys, x_to_lp = _segment_sum_rows(x_l * n_p + x_p)
    lp_l = lp_keys // n_p
    must = np.array([line.must_fill for line in inp.lines], dtype=bool)
    rows.add("demand", x_to_lp, np.arange(nx), ones_x,
             np.where(must[lp_l], demand[lp_l], 0.0), demand[lp_l])
    # must-fill lines with no one able to serve: an empty row that cannot be met
    needed = must[:, None] & active & (demand > 0)[:, None]
    covered = np.zeros_like(needed)
    covered[lp_l, lp_keys % n_p] = True
    orphan_l, _ = np.nonzero(needed & ~covered)
    if len(orphan_l):
        rows.add("demand", np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0),
                 demand[orphan_l], demand[orphan_l])
    # capacity: one row per (nation, period) with a finite limit
    np_keys, x_to_np = _segment_sum_rows(x_n * n_p + x_p)
    lim = cap[np_keys // n_p]
    finite = np.isfinite(lim)
    if finite.any():
        keep = finite[x_to_np]
        renum = np.cumsum(finite) - 1
        rows.add("capacity", renum[x_to_np[keep]], np.nonzero(keep)[0], ones_x[keep],
                 np.full(int(finite.sum()), -np.inf), np.floor(lim[finite]))
    # offers: per (nation, capability, period) named offer plus unnamed use; unnamed total
    if use_u:
        r_x = x_to_ncp
        c_u = u_of[has_u]
        rows.add("offers",
                 np.concatenate([r_x, np.nonzero(has_u)[0]]),
                 np.concatenate([np.arange(nx), c_u]),
                 np.concatenate([ones_x, -np.ones(nu)]),
                 np.full(len(ncp_keys), -np.inf), inp.named_offer[ncp_n, ncp_c])
        if nu:
            up_keys, u_to_np = _segment_sum_rows(ncp_n[has_u] * n_p + ncp_p[has_u])
            rows.add("offers", u_to_np, c_u, np.ones(nu), np.full(len(up_keys), -np.inf),
                     inp.unnamed_offer[up_keys // n_p])
    # min_contingent: per y
    m_y = mins[y_n]
    with_min = m_y > 0
    if with_min.any():
        renum = np.cumsum(with_min) - 1
        keep = with_min[x_to_y]
        cols_y = y0 + np.nonzero(with_min)[0]
        rows.add("min_contingent",
                 np.concatenate([renum[x_to_y[keep]], np.arange(len(cols_y))]),
                 np.concatenate([np.nonzero(keep)[0], cols_y]),
                 np.concatenate([ones_x[keep], -m_y[with_min]]),
                 np.zeros(len(cols_y)), np.full(len(cols_y), np.inf))
    # presence: sum_{l in a} x[n,l,p] <= (what n could send there) * y[n,a,p]
    big_m = np.zeros(ny)
    np.add.at(big_m, x_to_y, x_hi)
    big_m = np.minimum(big_m, cap[y_n])
    rows.add("presence", np.concatenate([x_to_y, np.arange(ny)]),
             np.concatenate([np.arange(nx), y0 + np.arange(ny)]),
             np.concatenate([ones_x, -big_m]), np.full(ny, -np.inf), np.zeros(ny))
    # cohesion: nations per area and period
    k_area = np.array([a.max_nations or inp.max_nations_per_area or 0 for a in inp.areas],
                      dtype=np.float64)
    if "cohesion" not in relax.groups and (k_area > 0).any():
        ap_keys, y_to_ap = _segment_sum_rows(y_a * n_p + y_p)
        k = k_area[ap_keys // n_p]
        capped = k > 0
        renum = np.cumsum(capped) - 1
        keep = capped[y_to_ap]
        rows.add("cohesion", renum[y_to_ap[keep]], y0 + np.nonzero(keep)[0],
                 np.ones(int(keep.sum())), np.full(int(capped.sum()), -np.inf), k[capped])
    # lead_hq: per period, lead's hq troops >= share x all hq troops
    hq = line_cap[x_l] == CAPABILITIES.index(Capability.HQ_C2)
    share = inp.lead_hq_share
    if "lead_hq" not in relax.groups and share > 0 and hq.any() and inp.lead is not None:
        coef = np.where(x_n[hq] == inp.lead, 1.0 - share, -share)
        p_keys, x_to_p = _segment_sum_rows(x_p[hq])
        rows.add("lead_hq", x_to_p, np.nonzero(hq)[0], coef, np.zeros(len(p_keys)),
                 np.full(len(p_keys), np.inf))
    # fair_share: dev[n] >= |troop-periods of n - f_n x troop-periods asked for|
    if ndev:
        target = inp.fair_share[fair_n] * float((demand[:, None] * active).sum())
        in_fair = ~np.isnan(inp.fair_share[x_n])
        xf = np.nonzero(in_fair)[0]
        pos = np.full(n_n, -1, dtype=np.int64)
        pos[fair_n] = np.arange(ndev)
        r_x = pos[x_n[xf]]
        for sign in (1.0, -1.0):
            rows.add("fair_share", np.concatenate([r_x, np.arange(ndev)]),
                     np.concatenate([xf, d0 + np.arange(ndev)]),
                     np.concatenate([sign * np.ones(len(xf)), -np.ones(ndev)]),
                     np.full(ndev, -np.inf), sign * target)

    r = np.concatenate(rows.r) if rows.r else np.zeros(0, np.int64)
    c = np.concatenate(rows.c) if rows.c else np.zeros(0, np.int64)
    v = np.concatenate(rows.v) if rows.v else np.zeros(0)
    order = np.lexsort((r, c))
    a_index, a_value = r[order], v[order]
    a_start = np.zeros(n_col + 1, dtype=np.int64)
    np.cumsum(np.bincount(c, minlength=n_col), out=a_start[1:])
    return ModelBlock(
        inputs=inp, relaxation=relax, cost=cost, lower=lower, upper=upper, integer=integer,
        a_start=a_start, a_index=a_index, a_value=a_value,
        row_lower=np.concatenate(rows.lo) if rows.lo else np.zeros(0),
        row_upper=np.concatenate(rows.hi) if rows.hi else np.zeros(0),
        row_groups=rows.groups, x_n=x_n, x_l=x_l, x_p=x_p, y_n=y_n, y_a=y_a, y_p=y_p,
        y_slice=slice(y0, y0 + ny), dev_slice=slice(d0, d0 + ndev), dev_nations=fair_n,
    )
