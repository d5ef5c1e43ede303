"""Small sourcing instances built as arrays, and a brute-force solver that knows nothing
of the mixed-integer model: it enumerates every whole-troop plan, keeps those that meet
every limit, and scores them by the documented objective."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from forcegen.analysis.sourcing.build import COHESION_WEIGHT, FAIR_SHARE_WEIGHT
from forcegen.analysis.sourcing.inputs import (
    CAPABILITIES,
    AreaInfo,
    CaveatInfo,
    LineInfo,
    SourcingInputs,
    SourcingMode,
)
from forcegen.model import Capability
from forcegen.model.deployment import CaveatKind

NATIONS = ["FRA", "GBR", "DEU", "POL"]
CAPS = [Capability.LAND_MANOEUVRE, Capability.HQ_C2, Capability.LOGISTICS]
MAX_PLANS = 60_000


def inputs(*, mode: SourcingMode = SourcingMode.CAPACITY, nations: int = 2,
           lines: list[tuple[Capability, int, int, float]] | None = None,
           periods: int = 1, active: np.ndarray | None = None,
           capacity: list[float] | None = None, named: dict[tuple[int, Capability], float]
           | None = None, unnamed: list[float] | None = None,
           allowed: tuple[Capability, ...] = (), fair: list[float] | None = None,
           min_contingent: int = 1, caveats: list[CaveatInfo] | None = None,
           distances: list[float] | None = None, standoff: float | None = None,
           max_nations: int | None = None, lead: int | None = None,
           lead_hq_share: float = 0.0, backstop: bool = False,
           must_fill: set[int] | None = None) -> SourcingInputs:
    """An instance; ``lines`` are (capability, troops, area, priority)."""
    lines = lines or [(Capability.LAND_MANOEUVRE, 4, 0, 1.0)]
    distances = distances or [500.0]
    named_arr = np.zeros((nations, len(CAPABILITIES)))
    for (n, c), v in (named or {}).items():
        named_arr[n, CAPABILITIES.index(c)] = v
    return SourcingInputs(
        mode=mode, nations=NATIONS[:nations],
        lines=[LineInfo(name=f"l{i}", capability=c, area=a, troops=t, priority=pr,
                        must_fill=i in (must_fill or set()), equipment=None,
                        equipment_unit="", source="test")
               for i, (c, t, a, pr) in enumerate(lines)],
        areas=[AreaInfo(name=f"a{i}", title=f"a{i}", distance_km=d, in_ukraine=True,
                        max_nations=None, source="test") for i, d in enumerate(distances)],
        periods=[f"p{i}" for i in range(periods)], period_months=[6] * periods,
        active=active if active is not None else np.ones((len(lines), periods), dtype=bool),
        capacity=np.array(capacity if capacity is not None else [np.inf] * nations, dtype=float),
        named_offer=named_arr,
        unnamed_offer=np.array(unnamed if unnamed is not None else [0.0] * nations),
        unnamed_allowed=np.array([c in allowed for c in CAPABILITIES]),
        fair_share=np.array(fair if fair is not None else [np.nan] * nations, dtype=float),
        min_contingent=min_contingent, caveats=caveats or [], backstop_in_place=backstop,
        standoff_km=standoff, lead=lead, lead_hq_share=lead_hq_share,
        max_nations_per_area=max_nations)


@dataclass
class BruteForce:
    objective: float
    coverage: float
    plans: int


def may_serve(inp: SourcingInputs, n: int, li: int) -> bool:
    """Offers, standoff and caveats, read straight from the inputs."""
    line = inp.lines[li]
    c = CAPABILITIES.index(line.capability)
    if inp.mode is SourcingMode.PLEDGES and not (
            inp.named_offer[n, c] > 0 or (inp.unnamed_offer[n] > 0 and inp.unnamed_allowed[c])):
        return False
    dist = inp.areas[line.area].distance_km
    if inp.standoff_km is not None and dist is not None and dist < inp.standoff_km:
        return False
    for cv in inp.caveats:
        if cv.nation != n:
            continue
        if cv.kind is CaveatKind.EXCLUDE_AREA and cv.area == line.area:
            return False
        if cv.kind is CaveatKind.NEEDS_BACKSTOP and not inp.backstop_in_place:
            return False
    return True


def objective_of(inp: SourcingInputs, x_n: np.ndarray, x_l: np.ndarray, x_p: np.ndarray,
                 x: np.ndarray) -> float:
    """The documented objective of a plan given as troops per (nation, line, period)."""
    value = float((inp.priority[x_l] * x).sum())
    for p in range(len(inp.periods)):
        asked = float((inp.demand * inp.active[:, p]).sum())
        for n in range(len(inp.nations)):
            mine = (x_n == n) & (x_p == p)
            if not np.isnan(inp.fair_share[n]):
                value -= FAIR_SHARE_WEIGHT * abs(x[mine].sum() - inp.fair_share[n] * asked)
            areas = {int(inp.line_area[li]) for li in x_l[mine & (x > 0)]}
            value -= COHESION_WEIGHT * len(areas)
    return value


def plan_count(inp: SourcingInputs) -> int:
    """How many plans ``brute_force`` would enumerate."""
    count = 1
    for n in range(len(inp.nations)):
        for li, line in enumerate(inp.lines):
            for p in range(len(inp.periods)):
                if inp.active[li, p] and line.troops > 0 and may_serve(inp, n, li):
                    hi = min(line.troops, inp.capacity[n])
                    if inp.mode is SourcingMode.PLEDGES:
                        c = CAPABILITIES.index(line.capability)
                        hi = min(hi, inp.named_offer[n, c]
                                 + (inp.unnamed_offer[n] if inp.unnamed_allowed[c] else 0))
                    count *= int(hi) + 1
    return count


def brute_force(inp: SourcingInputs) -> BruteForce | None:
    """The best plan by enumeration (None: no plan meets every limit)."""
    n_n, n_l, n_p = len(inp.nations), len(inp.lines), len(inp.periods)
    mins = np.full(n_n, float(inp.min_contingent))
    for cv in inp.caveats:
        if cv.kind is CaveatKind.MIN_CONTINGENT and cv.troops:
            mins[cv.nation] = max(mins[cv.nation], cv.troops)
    keys = [(n, li, p) for n in range(n_n) for li in range(n_l) for p in range(n_p)
            if inp.active[li, p] and inp.lines[li].troops > 0 and may_serve(inp, n, li)]
    domains = []
    for n, li, _ in keys:
        hi = min(inp.lines[li].troops, inp.capacity[n])
        if inp.mode is SourcingMode.PLEDGES:
            c = CAPABILITIES.index(inp.lines[li].capability)
            hi = min(hi, inp.named_offer[n, c]
                     + (inp.unnamed_offer[n] if inp.unnamed_allowed[c] else 0))
        domains.append(range(int(hi) + 1))
    size = int(np.prod([len(d) for d in domains])) if domains else 1
    assert size <= MAX_PLANS, size
    grid = np.array(list(itertools.product(*domains)), dtype=float).reshape(size, len(keys))
    ok = np.ones(size, dtype=bool)
    kn = np.array([k[0] for k in keys], dtype=int)
    kl = np.array([k[1] for k in keys], dtype=int)
    kp = np.array([k[2] for k in keys], dtype=int)
    prio = np.array([inp.lines[li].priority for li in kl])
    objective = grid @ prio if len(keys) else np.zeros(size)
    coverage = objective.copy()
    for li, line in enumerate(inp.lines):
        for p in range(n_p):
            if not inp.active[li, p]:
                continue
            filled = grid[:, (kl == li) & (kp == p)].sum(axis=1)
            ok &= filled <= line.troops
            if line.must_fill:
                ok &= filled == line.troops
    for p in range(n_p):
        asked = sum(ln.troops for li, ln in enumerate(inp.lines) if inp.active[li, p])
        present_count = np.zeros((size, len(inp.areas)))
        for n in range(n_n):
            mine = (kn == n) & (kp == p)
            total = grid[:, mine].sum(axis=1)
            ok &= total <= inp.capacity[n]
            if not np.isnan(inp.fair_share[n]):
                objective -= FAIR_SHARE_WEIGHT * np.abs(total - inp.fair_share[n] * asked)
            if inp.mode is SourcingMode.PLEDGES:
                over = np.zeros(size)
                for c in range(len(CAPABILITIES)):
                    q = grid[:, mine & (np.array([CAPABILITIES.index(inp.lines[li].capability)
                                                  for li in kl]) == c)].sum(axis=1)
                    over += np.maximum(q - inp.named_offer[n, c], 0)
                    if not inp.unnamed_allowed[c]:  # only named offers fill it
                        ok &= q <= inp.named_offer[n, c]
                ok &= over <= inp.unnamed_offer[n]
            for a in range(len(inp.areas)):
                here = grid[:, mine & (np.array([inp.lines[li].area for li in kl]) == a)]
                t = here.sum(axis=1)
                ok &= (t == 0) | (t >= mins[n])
                present = t > 0
                present_count[:, a] += present
                objective -= COHESION_WEIGHT * present
        for a, area in enumerate(inp.areas):
            k = area.max_nations or inp.max_nations_per_area
            if k:
                ok &= present_count[:, a] <= k
        if inp.lead_hq_share > 0 and inp.lead is not None:  # no lead named: no share
            hq = (kp == p) & np.array([inp.lines[li].capability is Capability.HQ_C2
                                        for li in kl], dtype=bool)
            lead_hq = grid[:, hq & (kn == inp.lead)]
            ok &= lead_hq.sum(axis=1) >= inp.lead_hq_share * grid[:, hq].sum(axis=1) - 1e-9
    if not ok.any():
        return None
    best = int(np.argmax(np.where(ok, objective, -np.inf)))
    return BruteForce(objective=float(objective[best]), coverage=float(coverage[best]),
                      plans=int(ok.sum()))


@st.composite
def small_instances(draw: st.DrawFn) -> SourcingInputs:
    """At most 4 nations, 5 lines, 2 periods, with every kind of limit."""
    n_n = draw(st.integers(1, 4))
    n_p = draw(st.integers(1, 2))
    n_a = draw(st.integers(1, 2))
    n_l = draw(st.integers(1, 5))
    mode = draw(st.sampled_from(list(SourcingMode)))
    lines = [(draw(st.sampled_from(CAPS)), draw(st.integers(0, 3) if draw(st.integers(0, 9)) == 0
                                             else st.integers(1, 3)), draw(st.integers(0, n_a - 1)),
              float(draw(st.integers(1, 3)))) for _ in range(n_l)]
    active = np.array([[draw(st.integers(0, 3)) > 0 for _ in range(n_p)] for _ in range(n_l)])
    capacity = [float(draw(st.integers(1, 4))) for _ in range(n_n)]
    named = {(n, c): float(draw(st.integers(0, 3))) for n in range(n_n) for c in CAPS
             if draw(st.booleans())}
    unnamed = [float(draw(st.integers(0, 2))) for _ in range(n_n)]
    allowed = tuple(c for c in CAPS if draw(st.booleans()))
    fair_raw = [draw(st.one_of(st.none(), st.integers(1, 5))) for _ in range(n_n)]
    total = sum(f for f in fair_raw if f) or 1
    fair = [np.nan if f is None else f / total for f in fair_raw]
    caveats = []
    for n in range(n_n):
        kind = draw(st.sampled_from([None, None, *CaveatKind]))
        if kind is CaveatKind.EXCLUDE_AREA:
            caveats.append(CaveatInfo(n, kind, draw(st.integers(0, n_a - 1)), None, "x", "t"))
        elif kind is CaveatKind.MIN_CONTINGENT:
            caveats.append(CaveatInfo(n, kind, None, draw(st.integers(2, 3)), "m", "t"))
        elif kind is CaveatKind.NEEDS_BACKSTOP:
            caveats.append(CaveatInfo(n, kind, None, None, "b", "t"))
    distances = [float(draw(st.sampled_from([50, 300, 300]))) for _ in range(n_a)]
    inp = inputs(
        mode=mode, nations=n_n, lines=lines, periods=n_p, active=active, capacity=capacity,
        named=named, unnamed=unnamed, allowed=allowed, fair=fair,
        min_contingent=draw(st.integers(1, 2)), caveats=caveats, distances=distances,
        standoff=draw(st.sampled_from([None, 100.0])),
        max_nations=draw(st.sampled_from([None, 1, 2])),
        lead=draw(st.sampled_from([None, 0])), lead_hq_share=draw(st.sampled_from([0.0, 0.5])),
        backstop=draw(st.booleans()),
        must_fill={i for i in range(n_l) if draw(st.integers(0, 9)) == 0})
    return inp
