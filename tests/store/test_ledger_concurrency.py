"""Two editors racing on one pledge: exactly one wins, the other gets StaleVersion;
after the loser retries on the new version, both edits are in the history."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from forcegen.errors import StaleVersion
from forcegen.model import Scenario, Source
from forcegen.store import Ledger
from forcegen.store.queries import read_versions
from forcegen.store.schema import pledge_versions


def _edit(url: str, author: str, troops: int, barrier: threading.Barrier,
          results: dict[str, Any]) -> None:
    with Ledger(url) as ledger:
        barrier.wait(timeout=30)
        try:
            v = ledger.set_pledge("FRA", modality="committed", troops_max=troops,
                                  source=Source(outlet=author, date=dt.date(2025, 3, 1)),
                                  author=author, expected_version=1)
            results[author] = v.version
        except StaleVersion as exc:
            results[author] = exc


def _race(url: str) -> tuple[str, str, StaleVersion]:
    barrier = threading.Barrier(2)
    results: dict[str, Any] = {}
    threads = [threading.Thread(target=_edit, args=(url, who, n, barrier, results))
               for who, n in (("ana", 8000), ("ben", 9000))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    winners = [who for who, r in results.items() if r == 2]
    losers = [who for who, r in results.items() if isinstance(r, StaleVersion)]
    assert len(winners) == 1 and len(losers) == 1, results
    return winners[0], losers[0], results[losers[0]]


def _retry_and_check(ledger: Ledger, winner: str, loser: str) -> None:
    v = ledger.set_pledge("FRA", modality="committed", troops_max=7000, author=loser,
                          source=Source(outlet=loser, date=dt.date(2025, 3, 2)),
                          expected_version=2)
    assert v.version == 3
    assert [(h.version, h.author) for h in ledger.history("FRA")] == [
        (1, "seed"), (2, winner), (3, loser)]


def test_two_threads_racing_exactly_one_wins(ledger: Ledger, paris_2025: Scenario) -> None:
    ledger.import_scenario(paris_2025, author="seed")
    winner, loser, exc = _race(ledger.url)
    assert "version 2 is the latest" in str(exc) and f"recorded by {winner}" in str(exc)
    _retry_and_check(ledger, winner, loser)


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_racing_writers_that_both_read_the_old_version_cannot_both_win(
        ledger: Ledger, paris_2025: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both read version 1 before either writes; the database's key stops the second.
    (PostgreSQL only: SQLite takes the write lock at BEGIN, so there the second writer
    waits and then reads version 2, which the test above covers.)"""
    ledger.import_scenario(paris_2025, author="seed")
    both_read = threading.Barrier(2)
    first_read = threading.local()
    seen: list[int] = []

    def read_then_wait(*args: Any, **kwargs: Any) -> Any:
        rows = read_versions(*args, **kwargs)
        if not getattr(first_read, "done", False):
            first_read.done = True
            seen.append(rows[0].version)
            both_read.wait(timeout=30)
        return rows

    monkeypatch.setattr("forcegen.store.ledger.read_versions", read_then_wait)
    winner, loser, exc = _race(ledger.url)
    assert seen == [1, 1]  # both editors read version 1 before either wrote
    assert "version 2 is the latest" in str(exc)
    monkeypatch.undo()
    _retry_and_check(ledger, winner, loser)


def test_the_database_refuses_a_second_row_for_the_same_version(
        ledger: Ledger, paris_2025: Scenario) -> None:
    ledger.import_scenario(paris_2025, author="seed")
    row = {"pledge_id": 1, "version": 1, "effective_date": dt.date(2025, 1, 1),
           "recorded_at": dt.datetime(2025, 1, 1), "author": "x", "reason": "",
           "retracted": False, "modality": "offered", "troops_min": None,
           "troops_max": None, "body": {}}
    with pytest.raises(IntegrityError), ledger.engine.begin() as conn:
        conn.execute(insert(pledge_versions), [row])


RACER = textwrap.dedent("""
    import datetime as dt, json, pathlib, sys, time
    from forcegen.errors import StaleVersion
    from forcegen.model import Source
    from forcegen.store import Ledger
    url, author, go = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    with Ledger(url) as ledger:
        ledger.current()  # connected and warm
        print("ready", flush=True)
        while not go.exists():
            time.sleep(0.005)
        try:
            v = ledger.set_pledge("FRA", modality="committed", troops_max=8000, author=author,
                                  source=Source(outlet=author, date=dt.date(2025, 3, 1)),
                                  expected_version=1)
            print(json.dumps({"won": v.version}))
        except StaleVersion as exc:
            print(json.dumps({"stale": str(exc)}))
""")


@pytest.mark.slow
@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_two_processes_racing_exactly_one_wins(ledger: Ledger, paris_2025: Scenario,
                                               tmp_path: Path) -> None:
    ledger.import_scenario(paris_2025, author="seed")
    go = tmp_path / "go"
    procs = {who: subprocess.Popen([sys.executable, "-c", RACER, ledger.url, who, str(go)],
                                   stdout=subprocess.PIPE, text=True)
             for who in ("ana", "ben")}
    for p in procs.values():
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "ready"
    time.sleep(0.05)
    go.touch()
    results = {}
    for who, p in procs.items():
        out, _ = p.communicate(timeout=60)
        assert p.returncode == 0
        results[who] = json.loads(out.strip().splitlines()[-1])
    winners = [w for w, r in results.items() if r.get("won") == 2]
    losers = [w for w, r in results.items() if "stale" in r]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "version 2 is the latest" in results[losers[0]]["stale"]
    _retry_and_check(ledger, winners[0], losers[0])
