"""Whole-process timings of the commands people run most.

Targets (issue 2), on the project's 2-core machine: ``forcegen --help`` <= 0.3 s and
``forcegen plan`` <= 1 s, median of several runs. Also reports bare interpreter start-up
(``python -c pass``) as the floor no command can go below.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_cli.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import track

BIN = Path(sys.executable).parent
CASES = [
    ("python -c pass (floor)", [sys.executable, "-c", "pass"], None),
    ("forcegen --help", [str(BIN / "forcegen"), "--help"], 0.3),
    ("forcegen plan", [str(BIN / "forcegen"), "plan"], 1.0),
    ("forcegen plan --json", [str(BIN / "forcegen"), "plan", "--json"], 1.0),
]


def time_once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"# bench_cli {dt.date.today()} — {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, median of {args.runs} runs (1 warm-up)")
    print("| command | median s | min s | target s | median / target |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, cmd, target in CASES:
        time_once(cmd)  # warm the file cache
        times = [time_once(cmd) for _ in track(range(args.runs), description=name,
                                               transient=True, console=Console(stderr=True))]
        med = statistics.median(times)
        ratio = f"{med / target:.2f}" if target else "-"
        print(f"| `{name}` | {med:.3f} | {min(times):.3f} | {target or '-'} | {ratio} |")


if __name__ == "__main__":
    main()
