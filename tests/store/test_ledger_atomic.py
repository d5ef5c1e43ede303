"""Writes are single transactions: a failure part-way leaves the ledger unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from forcegen.errors import NotFound, ScenarioError, StaleVersion
from forcegen.model import Scenario, Source
from forcegen.store import Ledger, writes


class Boom(RuntimeError):
    pass


def test_exception_in_the_middle_of_an_import_leaves_the_store_unchanged(
        ledger: Ledger, paris_2025: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger.import_scenario(paris_2025.model_copy(update={"pledges": paris_2025.pledges[:3]}),
                           author="ana")
    before = ledger.export()
    real = writes.insert_versions
    calls = 0

    def flaky(*args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise Boom("disk on fire")
        real(*args, **kwargs)

    monkeypatch.setattr(writes, "insert_versions", flaky)
    with pytest.raises(Boom):
        ledger.import_scenario(paris_2025, author="ben", reason="full file")
    assert calls == 5
    assert ledger.export() == before


def test_exception_in_the_middle_of_a_first_import_leaves_the_store_empty(
        ledger: Ledger, paris_2025: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    before = ledger.export()

    def fail(*args: Any, **kwargs: Any) -> None:
        raise Boom("half-way")

    monkeypatch.setattr(writes, "insert_versions", fail)
    with pytest.raises(Boom):
        ledger.import_scenario(paris_2025, author="ana")
    assert ledger.export() == before
    assert ledger.scenarios() == []


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"nation": "XXX"}, NotFound, "unknown country code 'XXX'"),
    ({"source": Source(outlet="A", date=dt.date(2099, 1, 1))}, ScenarioError, "in the future"),
    ({"expected_version": 0}, StaleVersion, "version 1 is the latest"),
    ({"troops_min": 9, "troops_max": 1}, ScenarioError, "above troops_max"),
    ({"modality": "ruled_out", "troops_max": 5}, ScenarioError, "cannot carry troops"),
    ({"scenario": "nope"}, NotFound, "no scenario named 'nope'"),
    ({"capability": "cavalry"}, ScenarioError, "unknown capability 'cavalry'"),
    ({"modality": "sure"}, ScenarioError, "modality"),
])
def test_bad_edits_write_nothing(ledger: Ledger, paris_2025: Scenario, kwargs: dict[str, Any],
                                 error: type[Exception], message: str) -> None:
    ledger.import_scenario(paris_2025, author="ana")
    before = ledger.export()
    args: dict[str, Any] = {"nation": "FRA", "modality": "committed", "author": "ben",
                            "source": Source(outlet="A", date=dt.date(2025, 3, 1)),
                            **kwargs}
    with pytest.raises(error, match=message):
        ledger.set_pledge(**args)
    assert ledger.export() == before
