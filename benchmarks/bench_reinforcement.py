"""Benchmark the reinforcement flow: 40 nations, 8 corridors, 180 days.

    .venv/bin/python benchmarks/bench_reinforcement.py [--runs 5] [--sweep 1000]

A synthetic scenario (test data, not facts): the 40 nations with embedded reference
figures, the default NATO Force Model tiers (capped at each nation's
net deployable capacity), 8 corridors with seeded random throughput (300-3,000 troops a
day) and transit (1-15 days), some open to a subset of nations. Timed:

* one run: ``scn.reinforcement.simulate()`` (the detailed run plus its variants: each
  corridor closed, each nation withholding), median of ``--runs``; target <= 1 s;
* a corridor-closure sweep of ``--sweep`` runs (each run closes a seeded random set of
  corridors): ``scn.reinforcement.sweep(...)``, median of 3; target <= 60 s for 1,000;
* for reference, the same closures one ``simulate(sweep=False)`` at a time, on 50 of them,
  scaled to the sweep size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from forcegen.io.document import scenario_from_document
from forcegen.io.reference import reference_nations
from forcegen.model import Scenario

TARGET_ONE_S = 1.0
TARGET_SWEEP_S = 60.0


def bench_scenario(seed: int = 1) -> Scenario:
    rng = random.Random(seed)
    nations = sorted(reference_nations())[:40]  # every nation with reference figures
    assert len(nations) == 40, f"only {len(nations)} nations have reference data"
    corridors = []
    for i in range(8):
        origins = rng.sample(nations, 12) if i % 3 == 2 else []
        corridors.append({"name": f"c{i}", "mode": rng.choice(["air", "rail", "road", "sea"]),
                          "origins": origins, "throughput_per_day": rng.randint(300, 3000),
                          "transit_days": rng.randint(1, 15),
                          "source": "assumption: benchmark data"})
    pledge = {"modality": "considering", "sources": [
        {"outlet": "benchmark", "date": "2025-01-01"}]}
    return scenario_from_document({
        "scenario": {"name": "bench", "title": "Synthetic benchmark force",
                     "as_of": "2025-02-17"},
        "requirement": {"min_troops": 25000, "max_troops": 30000,
                        "deployment_areas": ["area"]},
        "pledges": [{"nation": n, **pledge} for n in nations],
        "corridors": corridors,
        "reinforcement_settings": {"horizon_days": 180,
                                   "default_tiers_from": "nato_force_model"},
        "assumptions": [
            {"name": "rotation_ratio", "from_doctrine": "rotation_multiplier_harmony"},
            {"name": "deployable_share", "from_doctrine": "deployable_share"},
            {"name": "tour_months", "from_doctrine": "tour_months"},
            {"name": "duration_months", "value": 36, "source": "assumption"},
            {"name": "land_share_of_active", "value": 0.5, "source": "assumption"},
            {"name": "fair_share_gdp_weight", "value": 0.5, "source": "assumption"},
            {"name": "backstop_fills_whole_line", "value": True, "source": "assumption"},
        ]})


def timed(fn: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sweep", type=int, default=1000)
    args = ap.parse_args()
    scn = bench_scenario()
    res = scn.reinforcement.simulate()  # warm-up, and a sanity line
    print(f"scenario: {len(res.nations)} nations, {len(res.corridors)} corridors, "
          f"{res.horizon_days} days; {res.troops_on(180):,} troops by day 180; "
          f"{len(res.variants)} variants per run")
    one = timed(scn.reinforcement.simulate, args.runs)
    m1 = statistics.median(one)
    print(f"one run (simulate, with variants): median {m1:.3f} s, min {min(one):.3f} s, "
          f"target {TARGET_ONE_S} s, ratio {m1 / TARGET_ONE_S:.2f}")
    rng = random.Random(7)
    names = [c.name for c in scn.corridors]
    closures = [rng.sample(names, rng.randint(1, 3)) for _ in range(args.sweep)]
    sw = timed(lambda: scn.reinforcement.sweep(closures), 3)
    ms = statistics.median(sw)
    scale = 1000 / args.sweep
    print(f"sweep of {args.sweep} closures (batched): median {ms:.2f} s, min {min(sw):.2f} s; "
          f"per 1,000: {ms * scale:.2f} s, target {TARGET_SWEEP_S} s, "
          f"ratio {ms * scale / TARGET_SWEEP_S:.3f}")
    few = closures[:50]
    t0 = time.perf_counter()
    for c in few:
        scn.reinforcement.simulate(close=c, sweep=False)
    each = (time.perf_counter() - t0) / len(few)
    print(f"reference, one simulate(sweep=False) per closure: {each * 1000:.1f} ms each, "
          f"{each * args.sweep:.1f} s for {args.sweep}")
    check = scn.reinforcement.sweep(closures[:5])
    for row, c in zip(check.rows, closures[:5], strict=True):
        single = scn.reinforcement.simulate(close=c, sweep=False)
        assert row.troops_by_day == {str(d): single.troops_on(d) for d in (7, 30, 90)}
    print("batched rows equal single runs (5 checked)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
