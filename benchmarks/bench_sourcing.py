"""Benchmark the sourcing optimiser on a generated conference of 60 nations x 400
requirement lines x 12 periods, against a greedy fill (what a spreadsheet planner does).

    .venv/bin/python benchmarks/bench_sourcing.py [--runs 3] [--seed 1] [--time-limit 120]

The instance is random test data, never facts: 60 nations (real ISO codes, invented
offers, capacities and fair shares), 10 areas (one inside the 100 km standoff), 400 lines
over 12 periods, pledges mode (each nation offers 3-5 capabilities), caveats (areas
excluded, minimum contingents, one nation needing the backstop), at most 15 nations per area
(``--max-nations``; about 15,000 troops are asked for per area and period),
a lead nation holding half of the headquarters troops. Both plans are scored by the same
objective. Targets: proven optimal within a 0.1 % gap in <= 30 s (median), model building
<= 25 % of the total.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import numpy as np

from forcegen.analysis.sourcing import Relaxation, SourcingInputs, SourcingMode, build_model
from forcegen.analysis.sourcing.build import COHESION_WEIGHT, FAIR_SHARE_WEIGHT, min_contingents
from forcegen.analysis.sourcing.build import eligibility as eligible_of
from forcegen.analysis.sourcing.inputs import CAPABILITIES, AreaInfo, CaveatInfo, LineInfo
from forcegen.analysis.sourcing.solve import solve
from forcegen.model import Capability
from forcegen.model.deployment import CaveatKind

TARGET_SECONDS = 30.0
TARGET_BUILD_SHARE = 0.25
TARGET_GAP = 1e-3
NATIONS = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
           "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
           "SVN", "ESP", "SWE", "GBR", "NOR", "ISL", "CHE", "ALB", "MNE", "MKD", "SRB", "BIH",
           "MDA", "GEO", "ARM", "AZE", "TUR", "UKR", "CAN", "USA", "AUS", "NZL", "JPN", "KOR",
           "BRA", "ARG", "CHL", "MEX", "IND", "IDN", "MYS", "SGP", "ZAF", "EGY", "MAR", "JOR"]


def generate(seed: int = 1, nations: int = 60, lines: int = 400, periods: int = 12,
             max_nations: int | None = 15) -> SourcingInputs:
    """A random conference (test data, not facts)."""
    rng = np.random.default_rng(seed)
    n_c = len(CAPABILITIES)
    areas = [AreaInfo(name=f"area-{i}", title=f"Area {i}",
                      distance_km=float(50 if i == 0 else rng.integers(150, 1200)),
                      in_ukraine=i < 8, max_nations=None, source="test data")
             for i in range(10)]
    line_list = []
    active = np.zeros((lines, periods), dtype=bool)
    for i in range(lines):
        cap = CAPABILITIES[int(rng.integers(n_c))]
        start = int(rng.integers(0, periods // 2))
        end = int(rng.integers(start + periods // 2, periods + 1))
        active[i, start:end] = True
        line_list.append(LineInfo(
            name=f"line-{i}", capability=cap, area=int(rng.integers(len(areas))),
            troops=int(rng.integers(1, 20)) * 50, priority=float(rng.integers(1, 4)),
            must_fill=False, equipment=None, equipment_unit="", source="test data"))
    capacity = rng.integers(4, 160, size=nations).astype(np.float64) * 100
    named = np.zeros((nations, n_c))
    for n in range(nations):
        caps = rng.choice(n_c, size=int(rng.integers(3, 6)), replace=False)
        named[n, caps] = rng.integers(2, 40, size=len(caps)) * 100
    lead = NATIONS.index("FRA")
    named[lead, CAPABILITIES.index(Capability.HQ_C2)] = 6000  # the lead nation offers HQ
    weight = rng.lognormal(0, 1, size=nations)
    fair = weight / weight.sum()
    caveats = [CaveatInfo(nation=int(n), kind=CaveatKind.EXCLUDE_AREA,
                          area=int(rng.integers(1, len(areas))), troops=None,
                          label="not in an area", source="test data")
               for n in rng.choice(nations, size=8, replace=False)]
    caveats += [CaveatInfo(nation=int(n), kind=CaveatKind.MIN_CONTINGENT, area=None,
                           troops=300, label="contingents of at least 300", source="test data")
                for n in rng.choice(nations, size=5, replace=False)]
    caveats.append(CaveatInfo(nation=3, kind=CaveatKind.NEEDS_BACKSTOP, area=None, troops=None,
                              label="only with the backstop", source="test data"))
    return SourcingInputs(
        mode=SourcingMode.PLEDGES, nations=NATIONS[:nations], lines=line_list, areas=areas,
        periods=[f"p{i + 1}" for i in range(periods)], period_months=[6] * periods,
        active=active, capacity=capacity, named_offer=named, unnamed_offer=np.zeros(nations),
        unnamed_allowed=np.zeros(n_c, dtype=bool), fair_share=fair, min_contingent=100,
        caveats=caveats, backstop_in_place=False, standoff_km=100.0,
        lead=lead, lead_hq_share=0.5, max_nations_per_area=max_nations)


def score(inp: SourcingInputs, x_n: np.ndarray, x_l: np.ndarray, x_p: np.ndarray,
          x: np.ndarray) -> dict[str, float]:
    """The optimiser's objective (and its parts) for any plan given as troops per
    (nation, line, period)."""
    coverage = float((inp.priority[x_l] * x).sum())
    per = np.zeros(len(inp.nations))
    np.add.at(per, x_n, x)
    target = inp.fair_share * float((inp.demand[:, None] * inp.active).sum())
    dev = float(np.abs(per - target).sum())
    presence = len({(n, inp.lines[ln].area, p) for n, ln, p, t in zip(x_n, x_l, x_p, x,
                                                                     strict=True) if t > 0})
    return {"objective": coverage - FAIR_SHARE_WEIGHT * dev - COHESION_WEIGHT * presence,
            "coverage": coverage, "troops": float(x.sum())}


def greedy(inp: SourcingInputs) -> dict[str, Any]:
    """Fill lines in priority order, biggest first; for each, the eligible nations with
    the most room left, each sending at least its minimum contingent to an area, never
    more nations per area than allowed, never above capacity or offer, and the other
    nations' headquarters troops never above what the lead nation's share allows."""
    started = time.perf_counter()
    elig = eligible_of(inp, Relaxation())
    mins = min_contingents(inp)
    cap_idx = inp.line_capability
    n_n, n_p = len(inp.nations), len(inp.periods)
    room_cap = np.repeat(inp.capacity[:, None], n_p, axis=1)
    room_offer = np.repeat(inp.named_offer[:, :, None], n_p, axis=2).copy()
    present: dict[tuple[int, int], set[int]] = {}
    area_left = np.zeros((len(inp.areas), n_p))
    np.add.at(area_left, inp.line_area, inp.demand[:, None] * inp.active)
    out_n, out_l, out_p, out_x = [], [], [], []
    hq = CAPABILITIES.index(Capability.HQ_C2)
    lead_hq = np.zeros(n_p)
    other_hq = np.zeros(n_p)
    share = inp.lead_hq_share
    order = sorted(range(len(inp.lines)), key=lambda i: (-inp.lines[i].priority,
                                                          -inp.lines[i].troops))
    for li in order:
        line = inp.lines[li]
        c = cap_idx[li]
        for p in np.nonzero(inp.active[li])[0]:
            need = line.troops
            here = present.setdefault((line.area, p), set())
            cands = [n for n in np.nonzero(elig[:, li])[0]]
            cands.sort(key=lambda n, p=p, c=c: -min(room_cap[n, p], room_offer[n, c, p]))
            for n in cands:
                if need <= 0:
                    break
                room = int(min(room_cap[n, p], room_offer[n, c, p], need))
                if c == hq and share > 0 and n != inp.lead:
                    room = min(room, int(lead_hq[p] * (1 - share) / share - other_hq[p]))
                if room <= 0:
                    continue
                if n not in here:
                    if len(here) >= (inp.max_nations_per_area or n_n) or room < mins[n]:
                        continue
                    here.add(n)
                room_cap[n, p] -= room
                room_offer[n, c, p] -= room
                need -= room
                if c == hq:
                    if n == inp.lead:
                        lead_hq[p] += room
                    else:
                        other_hq[p] += room
                out_n.append(n)
                out_l.append(li)
                out_p.append(p)
                out_x.append(room)
    seconds = time.perf_counter() - started
    result = score(inp, np.array(out_n), np.array(out_l), np.array(out_p),
                   np.array(out_x, dtype=np.float64))
    result["seconds"] = seconds
    return result


def run_once(inp: SourcingInputs, time_limit: float) -> dict[str, Any]:
    started = time.perf_counter()
    model = build_model(inp)
    built = time.perf_counter() - started
    sol = solve(model, time_limit=time_limit, mip_gap=TARGET_GAP)
    total = time.perf_counter() - started
    x = sol.x
    return {"build": built, "total": total, "status": sol.status.value,
            "objective": sol.objective, "bound": sol.bound, "gap": sol.gap,
            "columns": model.num_col, "rows": model.num_row, "nonzeros": model.num_nonzeros,
            "integers": model.num_integer,
            "score": score(inp, model.x_n, model.x_l, model.x_p, x)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--max-nations", type=int, default=15,
                    help="cap on nations per area and period (0: none)")
    args = ap.parse_args()
    inp = generate(args.seed, max_nations=args.max_nations or None)
    runs = [run_once(inp, args.time_limit) for _ in range(args.runs)]
    for r in runs:
        print(f"run: total {r['total']:.2f} s, build {r['build']:.3f} s, {r['status']}, "
              f"objective {r['objective']}, bound {r['bound']}, gap {r['gap']}")
    first = runs[0]
    total = statistics.median(r["total"] for r in runs)
    build = statistics.median(r["build"] for r in runs)
    g = greedy(inp)
    print(f"model: {first['columns']:,} columns ({first['integers']:,} integer), "
          f"{first['rows']:,} rows, {first['nonzeros']:,} non-zeros")
    print(f"optimiser: median total {total:.2f} s (target <= {TARGET_SECONDS:g} s, ratio "
          f"{total / TARGET_SECONDS:.2f}); median build {build:.3f} s = "
          f"{build / total:.1%} of the total (target <= {TARGET_BUILD_SHARE:.0%})")
    print(f"optimiser objective {first['score']['objective']:.1f} "
          f"(coverage {first['score']['coverage']:.0f}, troop-periods "
          f"{first['score']['troops']:.0f}); status {first['status']}, gap {first['gap']}")
    print(f"greedy    objective {g['objective']:.1f} (coverage {g['coverage']:.0f}, "
          f"troop-periods {g['troops']:.0f}) in {g['seconds']:.2f} s; optimiser/greedy "
          f"coverage {first['score']['coverage'] / g['coverage']:.3f}")
    required = float((inp.priority[:, None] * inp.demand[:, None] * inp.active).sum())
    print(f"priority-weighted troop-periods asked for: {required:.0f}")


if __name__ == "__main__":
    main()
