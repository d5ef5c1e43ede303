"""Ledger fixtures: every ledger test runs on SQLite (a temporary file) and on
PostgreSQL (a fresh schema per test in the ``test`` database, dropped afterwards).

PostgreSQL down: the PostgreSQL cases skip locally, and fail when ``CI=true``.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from forcegen.io.document import scenario_from_document
from forcegen.model import Scenario
from forcegen.store import Ledger
from forcegen.store.ledger import Clock, system_clock

PG_SERVER = os.environ.get("FORCEGEN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_pg_state: dict[str, str | None] = {}


def _pg_problem() -> str | None:
    """None if the PostgreSQL test server answers, else why not (checked once)."""
    if "problem" not in _pg_state:
        import psycopg

        conninfo = PG_SERVER.replace("postgresql+psycopg://", "postgresql://")
        try:
            with psycopg.connect(conninfo, connect_timeout=3):
                _pg_state["problem"] = None
        except psycopg.Error as exc:
            _pg_state["problem"] = str(exc).strip().splitlines()[0]
    return _pg_state["problem"]


def _require_pg() -> None:
    problem = _pg_problem()
    if problem is None:
        return
    message = f"PostgreSQL test server {PG_SERVER} is down: {problem}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: PostgreSQL tests must run)")
    pytest.skip(message)


def _pg_schema_url() -> tuple[str, Callable[[], None]]:
    """A fresh schema on the test server: its URL and how to drop it."""
    import psycopg

    schema = f"fg_{uuid.uuid4().hex[:12]}"
    conninfo = PG_SERVER.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    return f"{PG_SERVER}?options=-csearch_path%3D{schema}", drop


BACKENDS = [pytest.param("sqlite", id="sqlite"),
            pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        _require_pg()
    return str(request.param)


@pytest.fixture
def make_url(backend: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Make URLs of fresh, empty databases of the test's backend."""
    drops: list[Callable[[], None]] = []
    count = 0

    def make() -> str:
        nonlocal count
        count += 1
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / f'ledger{count}.sqlite'}"
        url, drop = _pg_schema_url()
        drops.append(drop)
        return url

    yield make
    for drop in drops:
        drop()


@pytest.fixture
def db_url(make_url: Callable[[], str]) -> str:
    return make_url()


@pytest.fixture
def make_ledger(make_url: Callable[[], str]) -> Iterator[Callable[..., Ledger]]:
    """Make fresh, initialised ledgers (on the real clock unless given one); closed after
    the test."""
    made: list[Ledger] = []

    def make(clock: Clock = system_clock) -> Ledger:
        ledger = Ledger(make_url(), clock=clock)
        made.append(ledger)
        ledger.init()
        return ledger

    yield make
    for ledger in made:
        ledger.close()


@pytest.fixture
def ledger(make_ledger: Callable[..., Ledger]) -> Ledger:
    return make_ledger()


@pytest.fixture
def tiny() -> Callable[..., Scenario]:
    """Build :func:`tiny_scenario` (a fixture, as the test folders are not packages)."""
    return tiny_scenario


def tiny_scenario(as_of: dt.date = dt.date(2025, 1, 1),
                  pledges: list[dict[str, object]] | None = None,
                  name: str = "tiny") -> Scenario:
    """A hand-built scenario: a 1,000-2,000 troop force, the given pledges."""
    return scenario_from_document({
        "scenario": {"name": name, "title": "Tiny test force", "as_of": as_of},
        "requirement": {"min_troops": 1000, "max_troops": 2000},
        "pledges": pledges or [],
    })
