"""Sweeps on Dask: time per variant, scaling from 1 to 2 workers, and the overhead of Dask
against a plain loop (issue 14).

Variants of paris-2025 (the parameters of ``examples/paris-2025-sweep.toml`` but the
sourcing plan's, a random design) × ``--draws`` draws each (default 10,000), run three
ways on the same variants:

- a plain loop in one process (``evaluate_batch`` over every variant): the reference;
- ``forcegen.sweep`` on a LocalCluster of 1 worker process (single-threaded);
- the same on 2 worker processes.

Each Dask time includes starting the cluster and streaming the results into Parquet, as a
user sees it. Reported: seconds, variants per second, the overhead of 1 worker against
the loop (target <= 10 %) and the scaling ratio t(1 worker) / t(2 workers) (2 at best).

The loop runs with BLAS and OpenMP held to one thread, as Dask holds its workers
(``OMP_NUM_THREADS=1`` and the like): otherwise OpenBLAS spreads the risk engine's matrix
products over both cores and the "plain loop in one process" uses two cores against one
worker's one (measured on a quiet machine, 300 variants: 13.2 s with two BLAS threads,
19.8 s with one; one Dask worker 23.4 s with its start-up).

The loop runs twice, before and after the Dask runs, and its reference time is the mean
of the two: on this shared virtual machine the same loop took 18.6 s and then 23.5 s a few
minutes apart, so a single loop run first biased the comparison.

Run: ``make bench`` (200 variants) or
``.venv/bin/python benchmarks/bench_sweep.py --variants 2000``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
import tomllib
from pathlib import Path

# One thread for BLAS and OpenMP, as in a Dask worker, set before NumPy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forcegen.analysis.sweeps.evaluate import evaluate_batch  # noqa: E402
from forcegen.io.sweeps import prepare, sweep  # noqa: E402


def spec_doc(variants: int, draws: int) -> dict[str, object]:
    doc = tomllib.loads((ROOT / "examples" / "paris-2025-sweep.toml").read_text("utf-8"))
    doc["sweep"].update(name="bench", design="random", samples=variants, seed=14)
    doc["engines"] = {"risk": {"draws": draws}}
    # the sourcing plan's limits move only the source engine, which the benchmark leaves out
    doc["parameters"] = [p for p in doc["parameters"] if not p["name"].startswith("sourcing.")]
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", type=int, default=200)
    ap.add_argument("--draws", type=int, default=10_000)
    args = ap.parse_args()
    doc = spec_doc(args.variants, args.draws)
    prepared = prepare(doc)
    n = len(prepared.variants)

    def loop() -> tuple[float, list[dict[str, object]]]:
        began = time.perf_counter()
        rows = evaluate_batch(prepared.base, prepared.spec, list(enumerate(prepared.variants)))
        return time.perf_counter() - began, rows

    t_first, loop_rows = loop()

    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for workers in (1, 2):
            out = Path(tmp) / f"w{workers}.parquet"
            start = time.perf_counter()
            frame = sweep(doc, out=out, workers=workers)
            times[workers] = time.perf_counter() - start
            assert len(frame) == n
            assert list(frame["p_min_steady"]) == [r["p_min_steady"] for r in loop_rows]
    t_last, _ = loop()  # the loop again after the Dask runs: the machine's speed drifts
    t_loop = (t_first + t_last) / 2

    print(f"bench_sweep  {dt.date.today()}  {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{n:,} variants of paris-2025 x {args.draws:,} draws, "
          f"{len(prepared.spec.parameters)} parameters")
    print(f"{'run':<22}{'seconds':>9}{'variants/s':>12}")
    print(f"{'plain loop, 1 process':<22}{t_loop:>9.1f}{n / t_loop:>12.2f}"
          f"   (mean of {t_first:.1f} s before and {t_last:.1f} s after the Dask runs)")
    for w, t in times.items():
        print(f"{f'Dask, {w} worker(s)':<22}{t:>9.1f}{n / t:>12.2f}")
    print(f"overhead of Dask (1 worker) against the loop: {times[1] / t_loop - 1:+.1%} "
          "(target <= +10 %)")
    print(f"scaling 1 -> 2 workers: {times[1] / times[2]:.2f}x (2.00 at best)")


if __name__ == "__main__":
    main()
