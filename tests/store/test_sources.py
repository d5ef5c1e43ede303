"""Sources through the ledger, on both databases: adding, correcting and withdrawing a
pledge's source, and correcting a report wherever it is cited, write new versions with
the position unchanged, dated by their latest source; all or nothing; a stale or racing
edit gets StaleVersion; the export keeps every version."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest

from forcegen.errors import Conflict, NotFound, ScenarioError, StaleVersion
from forcegen.model import Scenario, Source
from forcegen.store import Ledger
from forcegen.store.sources import (
    cite_source,
    correct_citation,
    correct_report,
    read_reports,
    report_id,
    withdraw_citation,
)

WIRE = {"outlet": "Example Wire", "date": "2025-01-10", "title": "Europe weighs a force"}


def seeded(ledger: Ledger, tiny: Callable[..., Scenario]) -> Ledger:
    """FRA offers up to 3,000 and DEU considers, both on the same wire story (their own
    quotes); POL is cautious on another report."""
    ledger.import_scenario(tiny(as_of=dt.date(2025, 1, 20), pledges=[
        {"nation": "FRA", "modality": "offered", "troops_max": 3000,
         "sources": [{**WIRE, "quote": "France could send 3,000"}]},
        {"nation": "DEU", "modality": "considering",
         "sources": [{**WIRE, "quote": "Germany is considering"}]},
        {"nation": "POL", "modality": "cautious",
         "sources": [{"outlet": "PAP", "date": "2025-01-12"}]}]), author="seed")
    return ledger


def test_report_ids_name_the_report_not_the_quote() -> None:
    a = Source.model_validate({**WIRE, "quote": "one", "actor": "a minister"})
    b = Source.model_validate({**WIRE, "quote": "two"})
    assert report_id(a) == report_id(b) and len(report_id(a)) == 16
    assert report_id(a) != report_id(a.model_copy(update={"url": "https://example.org"}))


def test_reports_list_their_citing_pledges(ledger: Ledger,
                                           tiny: Callable[..., Scenario]) -> None:
    found = read_reports(seeded(ledger, tiny))
    assert [(r.outlet, [c.key for c in r.cited_by]) for r in found] == [
        ("PAP", ["POL/any/1"]), ("Example Wire", ["FRA/any/1", "DEU/any/1"])]


def test_a_cited_source_dates_the_new_version(ledger: Ledger,
                                              tiny: Callable[..., Scenario]) -> None:
    seeded(ledger, tiny)
    later = Source(outlet="Le Monde", date=dt.date(2025, 2, 1), quote="confirmed")
    v2 = cite_source(ledger, "FRA/any/1", later, expected_version=1, author="ana")
    assert (v2.version, v2.effective_date, v2.author) == (2, dt.date(2025, 2, 1), "ana")
    assert v2.pledge.model_dump(exclude={"sources"}) == ledger.history(
        "FRA")[0].pledge.model_dump(exclude={"sources"})
    assert [p.version for p in ledger.as_of(dt.date(2025, 1, 31)).pledges
            if p.nation == "FRA"] == [1]
    assert [len(p.pledge.sources) for p in ledger.current().pledges
            if p.nation == "FRA"] == [2]
    v3 = correct_citation(ledger, "FRA/any/1", 1, later.model_copy(
        update={"date": dt.date(2025, 1, 25)}), expected_version=2, author="ben")
    assert (v3.version, v3.effective_date) == (3, dt.date(2025, 1, 25))
    v4 = withdraw_citation(ledger, "FRA/any/1", 1, expected_version=3, author="ana")
    assert (v4.version, v4.effective_date, v4.reason) == (
        4, dt.date(2025, 1, 10), "source 1 withdrawn")
    with pytest.raises(Conflict, match="at least one"):
        withdraw_citation(ledger, "FRA/any/1", 0, expected_version=4, author="ana")
    with pytest.raises(NotFound, match="sources 0 to 0"):
        correct_citation(ledger, "FRA/any/1", 3, later, expected_version=4, author="ana")
    with pytest.raises(StaleVersion, match="version 4 is the latest"):
        cite_source(ledger, "FRA/any/1", later, expected_version=3, author="ana")
    with pytest.raises(ScenarioError, match="in the future") as future:
        cite_source(ledger, "FRA/any/1", later.model_copy(
            update={"date": dt.date(2999, 1, 1)}), expected_version=4, author="ana")
    assert future.value.field == "sources[1].date"
    assert [v.version for v in ledger.history("FRA")] == [1, 2, 3, 4]


def test_a_report_is_corrected_everywhere_or_nowhere(ledger: Ledger,
                                                     tiny: Callable[..., Scenario]) -> None:
    seeded(ledger, tiny)
    (wire,) = [r for r in read_reports(ledger) if r.outlet == "Example Wire"]
    with pytest.raises(StaleVersion):  # DEU moved on meanwhile: nothing is written
        cite_source(ledger, "DEU/any/1", Source(outlet="dpa", date=dt.date(2025, 1, 11)),
                    expected_version=1, author="ben")
        correct_report(ledger, wire.id, {"url": "https://example.org/w"},
                       expected={"FRA/any/1": 1, "DEU/any/1": 1}, author="ana")
    assert [v.version for v in ledger.history("FRA")] == [1]
    done = correct_report(ledger, wire.id, {"url": "https://example.org/w"},
                          expected={"FRA/any/1": 1, "DEU/any/1": 2}, author="ana")
    assert [(v.key, v.version) for v in done.versions] == [("FRA/any/1", 2), ("DEU/any/1", 3)]
    (fixed,) = [r for r in read_reports(ledger) if r.outlet == "Example Wire"]
    assert fixed.id == done.id != wire.id and fixed.url == "https://example.org/w"
    assert [c.quote for c in fixed.cited_by] == ["France could send 3,000",
                                                "Germany is considering"]
    with pytest.raises(NotFound):
        correct_report(ledger, wire.id, {"url": "x"}, expected={"FRA/any/1": 2},
                       author="ana")
    with pytest.raises(ScenarioError, match="not a field of a report"):
        correct_report(ledger, done.id, {"quote": "x"}, expected={"FRA/any/1": 2},
                       author="ana")


def test_the_export_keeps_source_revisions(make_ledger: Callable[..., Ledger],
                                           tiny: Callable[..., Scenario]) -> None:
    first = seeded(make_ledger(), tiny)
    cite_source(first, "POL/any/1", Source(outlet="Rzeczpospolita", date=dt.date(2025, 1, 13)),
                expected_version=1, author="ana")
    text = first.export("json")
    second = make_ledger()
    second.import_dump(text)
    assert second.export("json") == text
    assert [len(v.pledge.sources) for v in second.history("POL")] == [1, 2]


def test_racing_source_edits_one_wins(db_url: str, tiny: Callable[..., Scenario]) -> None:
    with Ledger(db_url) as setup:
        setup.init()
        seeded(setup, tiny)
    barrier = threading.Barrier(2)
    results: dict[str, Any] = {}

    def edit(author: str) -> None:
        with Ledger(db_url) as ledger:
            barrier.wait(timeout=30)
            try:
                results[author] = cite_source(
                    ledger, "DEU/any/1", Source(outlet=author, date=dt.date(2025, 1, 15)),
                    expected_version=1, author=author).version
            except StaleVersion as exc:
                results[author] = exc

    threads = [threading.Thread(target=edit, args=(who,)) for who in ("ana", "ben")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(type(r).__name__ for r in results.values()) == ["StaleVersion", "int"]
    with Ledger(db_url) as ledger:
        assert [v.version for v in ledger.history("DEU")] == [1, 2]
