"""Hostile input and concurrent teams against the ledger (issue 8, points 1, 3, 6, 7,
8, 10), each on SQLite and on PostgreSQL: one bad-input table for both databases, a
cut-off export never imports, concurrent first use and writers without an expected
version all succeed, readers do not queue behind writers, a blocked command ends."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner, Result

from forcegen.cli import app
from forcegen.errors import ScenarioError, StoreUnavailable
from forcegen.io.catalogue import scenario_text
from forcegen.model import Scenario, Source
from forcegen.store import Ledger
from forcegen.store import engine as engines

runner = CliRunner()
SOURCE = Source(outlet="Wire", date=dt.date(2025, 3, 1))


def run(*args: str) -> Result:
    return runner.invoke(app, ["ledger", *args])


def history_length(url: str) -> int:
    return len(json.loads(run("history", "DEU", "--db", url, "--json").stdout))


SET_DEU = ("set", "DEU", "--modality", "offered", "--outlet", "Wire", "--date", "2025-03-01")

#: The same bad input, refused alike by both databases: option, value, what the message names.
BAD_SETS = [
    ("--troops-max", str(2**31), "troops_max"),
    ("--troops-max", str(2**63), "troops_max"),
    ("--troops-min", str(10**30), "troops_min"),
    ("--slot", str(2**31), "slot"),
    ("--author", "a" * 201, "author"),
    ("--reason", "why\x00", "reason"),
    ("--quote", "a\x00b", "quote"),
    ("--outlet", "x" * 201, "outlet"),
    ("--actor", "\x00", "actor"),
]


def test_the_bad_input_table_is_refused_alike_and_nothing_is_stored(
        db_url: str, tmp_path: Path) -> None:
    assert run("init", "--db", db_url).exit_code == 0
    assert run("import", "paris-2025", "--db", db_url).exit_code == 0
    before = history_length(db_url)
    for option, value, field in BAD_SETS:
        args = [a for a in SET_DEU if a != option]
        if option == "--outlet":
            args = [*SET_DEU[:4], "--date", "2025-03-01"]
        result = run(*args, option, value, "--db", db_url)
        assert result.exit_code == 2, (option, result.output)
        assert field in result.stderr and "Traceback" not in result.output, result.stderr
    long_name = scenario_text("paris-2025")[0].replace('name = "paris-2025"',
                                                       f'name = "{"a" * 101}"', 1)
    path = tmp_path / "long.toml"
    path.write_text(long_name, encoding="utf-8")
    result = run("import", str(path), "--db", db_url)
    assert result.exit_code == 2 and "at most 100 characters" in result.stderr
    assert history_length(db_url) == before
    assert json.loads(run("export", "--db", db_url).stdout)["manifest"]["scenarios"] == 1


def test_database_errors_are_translated_at_the_store_edge(ledger: Ledger) -> None:
    big = 2**40 if ledger.engine.dialect.name == "postgresql" else 2**64
    with pytest.raises(ScenarioError, match="database"), \
            engines.translate_errors(ledger.url), ledger.engine.connect() as conn:
        conn.execute(text("SELECT CAST(:x AS INTEGER)"), {"x": big})


# -- point 1: a cut-off export never imports -----------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "toml", "json"])
def test_a_truncated_export_never_imports(fmt: str, make_ledger: Callable[[], Ledger],
                                          paris_2025: Scenario) -> None:
    source = make_ledger()
    source.import_scenario(paris_2025, author="seed")
    source.set_pledge("DEU", modality="offered", source=SOURCE, author="ana")
    whole = source.export(fmt)  # type: ignore[arg-type]
    target = make_ledger()
    lines = whole.splitlines(keepends=True)
    for keep in (12, len(lines) // 2, len(lines) - 1):
        with pytest.raises(ScenarioError, match=r"incomplete|malformed|missing"):
            target.import_dump("".join(lines[:keep]), fmt)  # type: ignore[arg-type]
    assert target.scenarios() == []
    assert target.import_dump(whole, fmt) == ["paris-2025"]  # type: ignore[arg-type]


def test_an_altered_export_fails_its_checksum(make_ledger: Callable[[], Ledger],
                                              paris_2025: Scenario) -> None:
    source = make_ledger()
    source.import_scenario(paris_2025, author="seed")
    doc = json.loads(source.export("json"))
    doc["scenarios"][0]["pledges"][0]["versions"][0]["author"] = "mallory"
    target = make_ledger()
    with pytest.raises(ScenarioError, match="checksum"):
        target.import_dump(json.dumps(doc), "json")
    # without a manifest (format_version 1), only JSON, where a cut shows, is read
    toml = source.export("toml").replace("format_version = 2", "format_version = 1")
    toml = toml[: toml.index("[manifest]")]
    with pytest.raises(ScenarioError, match="format_version 1"):
        target.import_dump(toml, "toml")
    assert target.scenarios() == []


def test_a_csv_field_longer_than_131072_characters_round_trips(
        make_ledger: Callable[[], Ledger], paris_2025: Scenario) -> None:
    source = make_ledger()
    source.import_scenario(paris_2025, author="seed")
    quote = "«" + "x" * 200_000 + "»"
    source.set_pledge("DEU", modality="offered", author="ana",
                      source=Source(outlet="Wire", date=dt.date(2025, 3, 1), quote=quote))
    target = make_ledger()
    target.import_dump(source.export("csv"), "csv")
    assert target.history("DEU")[-1].pledge.sources[0].quote == quote


# -- points 6 and 7: concurrent first use, writers without an expected version ---------------
def _threads(target: Callable[[int], Any], n: int) -> list[Any]:
    results: list[Any] = [None] * n
    barrier = threading.Barrier(n)

    def work(i: int) -> None:
        barrier.wait(timeout=60)
        try:
            results[i] = target(i)
        except Exception as exc:  # collected, asserted on below
            results[i] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_concurrent_init_on_a_fresh_database_all_succeed(db_url: str) -> None:
    def init(_i: int) -> str:
        with Ledger(db_url) as ledger:
            return ledger.init()

    assert _threads(init, 4) == [engines.HEAD_REVISION] * 4


def test_writers_without_an_expected_version_all_succeed(ledger: Ledger,
                                                         paris_2025: Scenario) -> None:
    ledger.import_scenario(paris_2025, author="seed")

    def write(i: int) -> list[int]:
        with Ledger(ledger.url) as mine:
            return [mine.set_pledge("FRA", modality="offered", troops_max=1000 * i + k,
                                    source=SOURCE, author=f"w{i}").version for k in range(3)]

    results = _threads(write, 8)
    assert not [r for r in results if isinstance(r, Exception)], results
    versions = sorted(v for r in results for v in r)
    assert versions == list(range(2, 26))  # every edit kept, no version twice
    assert len(ledger.history("FRA")) == 25


# -- point 8: readers do not wait on writers; a blocked command ends ---------------------------
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_readers_do_not_queue_behind_a_writer(
        db_url: str, paris_2025: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "SQLITE_BUSY_TIMEOUT_S", 1.0)
    with Ledger(db_url) as ledger:
        ledger.init()
        ledger.import_scenario(paris_2025, author="seed")
        writer = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("INSERT INTO scenarios (name, created_at) VALUES ('x', '2025-01-01')")
            assert len(ledger.history("FRA")) == 1
            assert ledger.as_of(dt.date(2025, 2, 17)).pledges
            assert ledger.scenarios() == ["paris-2025"]  # the writer's row is not seen yet
            with pytest.raises(StoreUnavailable, match="busy"):
                ledger.set_pledge("FRA", modality="offered", source=SOURCE, author="ana")
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        mode = ledger.engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "wal"


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_a_command_blocked_on_postgresql_ends_with_a_clear_message(
        db_url: str, paris_2025: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    monkeypatch.setattr(engines, "LOCK_TIMEOUT_S", 0.3)
    with Ledger(db_url) as ledger:
        ledger.init()
        ledger.import_scenario(paris_2025, author="seed")
        schema = db_url.split("search_path%3D")[1]
        conninfo = db_url.split("?")[0].replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(conninfo) as holder:
            holder.execute(f'LOCK TABLE "{schema}".pledge_versions IN ACCESS EXCLUSIVE MODE')
            with pytest.raises(StoreUnavailable, match="busy"):
                ledger.set_pledge("FRA", modality="offered", source=SOURCE, author="ana")
            holder.rollback()
        assert len(ledger.history("FRA")) == 1


# -- point 10: terminal output is safe -------------------------------------------------------
def test_history_prints_no_escape_sequence_from_a_quote(db_url: str) -> None:
    assert run("init", "--db", db_url).exit_code == 0
    assert run("import", "paris-2025", "--db", db_url).exit_code == 0
    result = run(*SET_DEU[:4], "--outlet", "\x1b]0;pwned\x07", "--date", "2025-03-01",
                 "--quote", "\x1b[31mred", "--db", db_url)
    assert result.exit_code == 0, result.output
    out = run("history", "DEU", "--db", db_url).stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out and "\\x1b[31mred" in out
