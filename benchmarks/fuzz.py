"""The long fuzz run (``make fuzz``): mutated embedded scenarios through ``forcegen
validate`` and ``forcegen plan --json``, in process, two worker processes.

Every case must end with exit code 0 or 2, print no traceback, and finish within the
harness's per-case timeout (``tests/fuzzing.py``). Prints the count of cases, the exit
codes seen, the slowest case and every failure (seed and case number reproduce it:
``tests.fuzzing.case_text(seed, n)``); exits 1 if any case failed.

Run: ``make fuzz`` or ``.venv/bin/python benchmarks/fuzz.py [--cases N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzzing import CaseTimeout, case_text, run_case


def _run(args: tuple[int, int, int]) -> tuple[collections.Counter[str], list[str], float]:
    seed, start, stop = args
    codes: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    slowest = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for n in range(start, stop):
            began = time.perf_counter()
            try:
                outcomes = run_case(case_text(seed, n), Path(folder))
            except CaseTimeout as exc:
                failures.append(f"case {seed}/{n}: {exc}")
                continue
            slowest = max(slowest, time.perf_counter() - began)
            for o in outcomes:
                codes[f"{o.command} exit {o.exit_code}"] += 1
                if not o.ok:
                    failures.append(f"case {seed}/{n}: {o.command} exit {o.exit_code}: "
                                    f"{o.output[-400:]}")
    return codes, failures, slowest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    chunk = min(-(-args.cases // (args.workers * 8)), 100)
    jobs = [(args.seed, s, min(s + chunk, args.cases)) for s in range(0, args.cases, chunk)]
    began = time.perf_counter()
    codes: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    slowest = 0.0
    done = 0
    with multiprocessing.Pool(args.workers) as pool:
        for c, f, s in pool.imap_unordered(_run, jobs):
            codes.update(c)
            failures.extend(f)
            slowest = max(slowest, s)
            done += c["validate exit 0"] + c["validate exit 2"] + sum(
                1 for line in f if "no answer" in line)
            print(f"  ... {done} cases done, {len(failures)} failures, "
                  f"{time.perf_counter() - began:.0f} s", flush=True)
    took = time.perf_counter() - began
    print(f"fuzz: {args.cases} cases (seed {args.seed}) in {took:.0f} s, "
          f"{args.workers} workers; slowest case {slowest:.2f} s")
    for key in sorted(codes):
        print(f"  {key}: {codes[key]}")
    print(f"  failures (exit not 0/2, traceback or timeout): {len(failures)}")
    for line in failures[:20]:
        print("   ", line)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
