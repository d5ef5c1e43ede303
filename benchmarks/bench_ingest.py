"""Benchmark news ingestion: start-up (loading the pipeline) and articles per second.

    .venv/bin/python benchmarks/bench_ingest.py [--articles 300] [--runs 5]

Start-up: a fresh Python process imports forcegen.ingest and builds the extractor
(spaCy's blank English pipeline, the gazetteer's PhraseMatcher, the rule set), median of
``--runs`` processes. Throughput: ``--articles`` articles of about 800 words each, built
by shuffling the sentences of the development set (tests/data/ingest-dev: the seed and
constructed examples), read one after another in one process on one core, median of
``--runs``. Targets: start-up <= 1 s; >= 100 articles of 800 words per second.
"""

from __future__ import annotations

import argparse
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
STARTUP = ("import time; t = time.perf_counter(); "
           "from forcegen.ingest.claims import extractor; extractor('wire'); "
           "print(time.perf_counter() - t)")


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


def startup(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", STARTUP], check=True, capture_output=True,
                             text=True)
        times.append(float(out.stdout.strip()))
    return times


def throughput(batch: list[Article], runs: int) -> tuple[list[float], int]:
    ex = extractor("wire")
    ex.extract(batch[0])  # warm the caches (text2num, regex) before timing
    rates = []
    claims = 0
    for _ in range(runs):
        t = time.perf_counter()
        claims = sum(len(ex.extract(a)) for a in batch)
        rates.append(len(batch) / (time.perf_counter() - t))
    return rates, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    batch = articles(args.articles)
    words = statistics.mean(len(a.text.split()) for a in batch)
    starts = startup(args.runs)
    rates, claims = throughput(batch, args.runs)
    s, r = statistics.median(starts), statistics.median(rates)
    print(f"start-up: median {s:.3f} s of {args.runs} processes (max {max(starts):.3f} s); "
          f"target <= {TARGET_STARTUP_S} s; ratio {s / TARGET_STARTUP_S:.2f}")
    print(f"throughput: median {r:.0f} articles/s ({r * words:,.0f} words/s) over "
          f"{args.articles} articles of {words:.0f} words, {args.runs} runs (min {min(rates):.0f}); "
          f"{claims} claims per pass; target >= {TARGET_PER_S:.0f}/s; "
          f"ratio {r / TARGET_PER_S:.2f}")


if __name__ == "__main__":
    main()
