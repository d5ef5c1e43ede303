"""Benchmark the pledge ledger on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_ledger.py [--versions 100000] [--runs 15]

Imports a synthetic ledger export of 100,000 pledge versions (60 nations with real ISO
codes x 5 capability lines, about 333 versions each, dated 2020-2025), then times
``as_of`` on random dates (median of ``--runs``) and the history of one nation.
The positions are random test data, never facts; nation figures are the embedded
reference data. Targets: import <= 20 s on SQLite, as_of <= 50 ms median on both.
PostgreSQL: FORCEGEN_BENCH_PG (default postgresql+psycopg://postgres@127.0.0.1:5432/test),
in a scratch schema dropped afterwards; skipped if the server does not answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from forcegen.io.document import scenario_from_document
from forcegen.io.reference import nation
from forcegen.model import Modality
from forcegen.store import Ledger
from forcegen.store.writes import nation_row, scenario_document

PG = os.environ.get("FORCEGEN_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TARGET_IMPORT_S = 20.0
TARGET_AS_OF_MS = 50.0
NATIONS = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
           "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
           "SVN", "ESP", "SWE", "GBR", "NOR", "ISL", "CHE", "ALB", "MNE", "MKD", "SRB", "BIH",
           "MDA", "GEO", "ARM", "AZE", "TUR", "UKR", "CAN", "USA", "AUS", "NZL", "JPN", "KOR",
           "BRA", "ARG", "CHL", "MEX", "IND", "IDN", "MYS", "SGP", "ZAF", "EGY", "MAR", "JOR"]
CAPABILITIES = [None, "land_manoeuvre", "logistics", "medical", "air_defence"]
START = dt.date(2020, 1, 1)
DAYS = 6 * 365


def synthetic_export(versions: int, seed: int = 1) -> str:
    """A ledger export (JSON) with ``versions`` pledge versions."""
    rng = random.Random(seed)
    scn = scenario_from_document({
        "scenario": {"name": "bench", "title": "Synthetic benchmark force", "as_of": START},
        "requirement": {"min_troops": 25000, "max_troops": 30000},
        "nations": [{"iso3": c} for c in NATIONS]})
    recorded = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    keys = [(n, c) for n in NATIONS for c in CAPABILITIES]
    per = versions // len(keys)
    extra = versions - per * len(keys)
    modalities = [m for m in Modality if m is not Modality.RULED_OUT]
    pledges = []
    for i, (code, cap) in enumerate(keys):
        count = per + (1 if i < extra else 0)
        days = sorted(rng.randrange(DAYS) for _ in range(count))
        vs = []
        for v, day in enumerate(days, start=1):
            when = START + dt.timedelta(days=day)
            hi = rng.randrange(0, 5000, 50)
            vs.append({
                "version": v, "effective_date": when.isoformat(),
                "recorded_at": (recorded + dt.timedelta(seconds=i * 1000 + v)).isoformat(),
                "author": rng.choice(["ana", "ben", "cem"]), "reason": "synthetic",
                "retracted": False,
                "pledge": {"nation": code, "capability": cap,
                           "modality": rng.choice(modalities).value,
                           "troops_min": hi // 2, "troops_max": hi,
                           "sources": [{"outlet": "Synthetic Wire", "date": when.isoformat(),
                                        "quote": f"{code} could send up to {hi} troops"}]},
            })
        pledges.append({"key": f"{code}/{cap or 'any'}/1", "nation": code, "capability": cap,
                        "slot": 1, "position": i, "versions": vs})
    dump = {"format": "forcegen-ledger", "format_version": 1, "scenarios": [{
        "name": "bench", "created_at": recorded.isoformat(),
        "versions": [{"version": 1, "effective_date": START.isoformat(),
                      "recorded_at": recorded.isoformat(), "author": "bench", "reason": "",
                      "document": scenario_document(scn),
                      "nations": [nation_row(nation(c)) for c in NATIONS]}],
        "pledges": pledges}]}
    return json.dumps(dump)


def bench(url: str, text: str, runs: int, seed: int = 2) -> dict[str, Any]:
    rng = random.Random(seed)
    with Ledger(url) as ledger:
        ledger.init()
        t = time.perf_counter()
        ledger.import_dump(text)
        import_s = time.perf_counter() - t
        as_of_ms, sizes = [], []
        ledger.as_of(START + dt.timedelta(days=DAYS // 2))  # warm
        for _ in range(runs):
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            t = time.perf_counter()
            state = ledger.as_of(day)
            as_of_ms.append((time.perf_counter() - t) * 1000)
            sizes.append(len(state.pledges))
        history_ms = []
        for _ in range(max(3, runs // 3)):
            t = time.perf_counter()
            rows = ledger.history("FRA")
            history_ms.append((time.perf_counter() - t) * 1000)
    return {"import_s": import_s, "as_of_ms": statistics.median(as_of_ms),
            "as_of_max_ms": max(as_of_ms), "pledges_per_state": statistics.median(sizes),
            "history_ms": statistics.median(history_ms), "history_rows": len(rows),
            "runs": runs}


def pg_schema() -> tuple[str, Any] | None:
    import psycopg

    conninfo = PG.replace("postgresql+psycopg://", "postgresql://")
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL skipped: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return None

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return f"{PG}?options=-csearch_path%3D{schema}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from rich.console import Console
    from rich.table import Table

    console = Console()
    with console.status("generating the synthetic ledger export..."):
        text = synthetic_export(args.versions)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp, console.status("SQLite..."):
        results["SQLite"] = bench(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", text, args.runs)
    pg = pg_schema()
    if pg is not None:
        url, drop = pg
        try:
            with console.status("PostgreSQL..."):
                results["PostgreSQL"] = bench(url, text, args.runs)
        finally:
            drop()
    table = Table(title=f"Ledger benchmark: {args.versions:,} pledge versions, "
                  f"{len(NATIONS)} nations, {os.cpu_count()} cores, {dt.date.today()}",
                  title_justify="left")
    for col in ("database", "import (s)", "vs 20 s", "as_of median (ms)", "vs 50 ms",
                "as_of max (ms)", "history FRA (ms, rows)"):
        table.add_column(col, justify="left" if col == "database" else "right")
    for name, r in results.items():
        table.add_row(name, f"{r['import_s']:.2f}", f"{r['import_s'] / TARGET_IMPORT_S:.2f}",
                      f"{r['as_of_ms']:.1f}", f"{r['as_of_ms'] / TARGET_AS_OF_MS:.2f}",
                      f"{r['as_of_max_ms']:.1f}",
                      f"{r['history_ms']:.0f} ({r['history_rows']:,})")
    console.print(table)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
