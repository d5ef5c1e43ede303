"""Benchmark news ingestion: start-up (loading the pipeline) and articles per second.

    .venv/bin/python benchmarks/bench_ingest.py [--articles 300] [--runs 5]

Start-up: a fresh Python process imports forcegen.ingest and builds the extractor
(spaCy's blank English pipeline, the gazetteer's PhraseMatcher, the rule set), median of
``--runs`` processes. Throughput: ``--articles`` articles of about 800 words each, built
by shuffling the sentences of the development set (tests/data/ingest-dev: the seed and
constructed examples), read one after another in one process on one core, median of
``--runs``. Wall time and the process's CPU time are both reported: on a machine shared
with other jobs the CPU time is the fairer measure of one core.
Targets: start-up <= 1 s; >= 100 articles of 800 words per second.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from forcegen.ingest.claims import extractor
from forcegen.ingest.read import Article, ArticleMeta

DEV = Path(__file__).resolve().parents[1] / "tests" / "data" / "ingest-dev" / "articles"
TARGET_STARTUP_S = 1.0
TARGET_PER_S = 100.0
WORDS = 800
STARTUP = ("import time; t, c = time.perf_counter(), time.process_time(); "
           "from forcegen.ingest.claims import extractor; extractor('wire'); "
           "print(time.perf_counter() - t, time.process_time() - c)")


def articles(n: int, seed: int = 1) -> list[Article]:
    """``n`` articles of about 800 words, each a shuffle of the dev set's paragraphs."""
    paragraphs = []
    for path in sorted(DEV.glob("*.txt")):
        lines = path.read_text("utf-8").splitlines()
        paragraphs += [ln for ln in lines if len(ln.split()) > 6 and ":" not in ln[:8]]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body: list[str] = []
        while sum(len(p.split()) for p in body) < WORDS:
            body.append(rng.choice(paragraphs))
        out.append(Article(f"bench-{i}.txt", "\n\n".join(body), ArticleMeta(), f"{i}"))
    return out


def startup(runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each start-up, in a fresh process."""
    wall, cpu = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", STARTUP], check=True, capture_output=True,
                             text=True)
        w, c = out.stdout.split()
        wall.append(float(w))
        cpu.append(float(c))
    return wall, cpu


def throughput(batch: list[Article], runs: int) -> tuple[list[float], list[float], int]:
    """Articles per second of wall time and of CPU time (the process's own), per run."""
    ex = extractor("wire")
    ex.extract(batch[0])  # warm the caches (text2num, regex) before timing
    wall, cpu = [], []
    claims = 0
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        claims = sum(len(ex.extract(a)) for a in batch)
        wall.append(len(batch) / (time.perf_counter() - t))
        cpu.append(len(batch) / (time.process_time() - c))
    return wall, cpu, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    batch = articles(args.articles)
    words = statistics.mean(len(a.text.split()) for a in batch)
    start_wall, start_cpu = startup(args.runs)
    rate_wall, rate_cpu, claims = throughput(batch, args.runs)
    sw, sc = statistics.median(start_wall), statistics.median(start_cpu)
    rw, rc = statistics.median(rate_wall), statistics.median(rate_cpu)
    print(f"start-up: median {sw:.3f} s wall, {sc:.3f} s CPU, of {args.runs} processes; "
          f"target <= {TARGET_STARTUP_S} s; ratio {sw / TARGET_STARTUP_S:.2f} (wall), "
          f"{sc / TARGET_STARTUP_S:.2f} (CPU)")
    print(f"throughput: median {rw:.0f} articles/s wall, {rc:.0f} articles/s CPU "
          f"({rc * words:,.0f} words per CPU second) over {args.articles} articles of "
          f"{words:.0f} words, {args.runs} runs; {claims} claims per pass; "
          f"target >= {TARGET_PER_S:.0f}/s; ratio {rw / TARGET_PER_S:.2f} (wall), "
          f"{rc / TARGET_PER_S:.2f} (CPU)")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")

if __name__ == "__main__":
    main()
