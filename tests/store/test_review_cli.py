"""`forcegen ingest --db` and `forcegen review` through Typer's CliRunner, on SQLite and
PostgreSQL: the seed's claims go through review into the ledger with their sources."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from forcegen.cli import app

runner = CliRunner()
SEED = Path(__file__).resolve().parents[1] / "data" / "ingest-dev" / "articles" / (
    "00_seed_paris_meeting.txt")


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def test_seed_through_review_into_the_ledger(db_url: str) -> None:
    assert run("ledger", "init", "--db", db_url).exit_code == 0
    assert run("ledger", "import", "paris-2025", "--db", db_url).exit_code == 0
    ingest = ("ingest", str(SEED), "--db", db_url, "--outlet", "Seed article",
              "--date", "2025-02-17", "--json", "--author", "ana")
    first = run(*ingest)
    assert first.exit_code == 0, first.output
    n = len(json.loads(first.stdout))
    assert f"{n} claims proposed, 0 already there" in first.stderr
    again = run(*ingest)
    assert f"0 claims proposed, {n} already there" in again.stderr

    queue = json.loads(run("review", "list", "--db", db_url, "--json").stdout)
    assert len(queue) == n
    fra = next(q for q in queue if q["claim"]["country"] == "FRA"
               and q["claim"]["claim_type"] == "troops")
    accepted = run("review", "accept", str(fra["id"]), "--db", db_url, "--modality",
                   "committed", "--author", "ben", "--json")
    assert accepted.exit_code == 0, accepted.output
    doc = json.loads(accepted.stdout)
    assert doc["pledge"]["key"] == "FRA/any/1"
    assert doc["pledge"]["pledge"]["troops_max"] == 10000
    source = doc["pledge"]["pledge"]["sources"][0]
    assert source["outlet"] == "Seed article"
    assert source["quote"].startswith("France has taken the lead in planning")

    history = json.loads(run("ledger", "history", "FRA", "--db", db_url, "--json").stdout)
    assert history[-1]["pledge"]["modality"] == "committed"
    assert history[-1]["author"] == "ben"

    rus = next(q for q in queue if q["claim"]["country"] is None)  # the whole force
    refused = run("review", "accept", str(rus["id"]), "--db", db_url)
    assert refused.exit_code == 2 and "--country" in refused.stderr
    rejected = run("review", "reject", str(rus["id"]), "--db", db_url, "--reason", "force size")
    assert rejected.stdout == f"claim {rus['id']} rejected\n"
    left = json.loads(run("review", "--db", db_url, "--json").stdout)
    assert len(left) == n - 2
    listing = run("review", "list", "--db", db_url, "--status", "all")
    assert listing.exit_code == 0 and "accepted" in listing.stdout
    bad = run("review", "list", "--db", db_url, "--status", "maybe")
    assert bad.exit_code == 2 and "--status" in bad.stderr
