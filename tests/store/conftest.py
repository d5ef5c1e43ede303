"""Ledger fixtures: every ledger test runs on SQLite (a temporary file) and on
PostgreSQL (a fresh schema per test in the ``test`` database, dropped afterwards; see
``tests/postgres.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from forcegen.io.document import scenario_from_document
from forcegen.model import Scenario
from forcegen.store import Ledger
from forcegen.store.ledger import Clock, system_clock
from tests.postgres import BACKENDS, pg_schema_url, require_pg


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        require_pg()
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
        url, drop = pg_schema_url()
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
