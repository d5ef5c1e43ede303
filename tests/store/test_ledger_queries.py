"""as_of, history, diff and current on a hand-built history, with exact answers.

The history (scenario ``tiny``, imported with as_of 2025-01-01):

- FRA v1 offered, up to 500 (reported 2025-01-01); v2 committed 400-500 (2025-02-01)
- DEU v1 cautious (reported 2024-12-20); v2 retracted (2025-02-10)
- POL v1 offered, 300 (2025-02-05), added after the import
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from forcegen.errors import NotFound, UsageError
from forcegen.model import Modality, Scenario, Source
from forcegen.store import ChangeKind, Ledger, load_scenario_from_db

Tiny = Callable[..., Scenario]

D = dt.date


def src(outlet: str, date: dt.date, quote: str = "") -> dict[str, object]:
    return {"outlet": outlet, "date": date, "quote": quote}


@pytest.fixture
def history_ledger(ledger: Ledger, tiny: Tiny) -> Ledger:
    scn = tiny(pledges=[
        {"nation": "FRA", "modality": "offered", "troops_max": 500,
         "sources": [src("Le Monde", D(2025, 1, 1), "up to 500")]},
        {"nation": "DEU", "modality": "cautious", "sources": [src("FAZ", D(2024, 12, 20))]},
    ])
    ledger.import_scenario(scn, author="ana", reason="first import")
    ledger.set_pledge("FRA", modality="committed", troops_min=400, troops_max=500,
                      source=Source(outlet="Reuters", date=D(2025, 2, 1), actor="Élysée"),
                      author="ben", reason="confirmed", expected_version=1)
    ledger.set_pledge("DEU", modality=None, retract=True,
                      source=Source(outlet="Spiegel", date=D(2025, 2, 10)),
                      author="ana", reason="withdrawn", expected_version=1)
    ledger.set_pledge("POL", modality="offered", troops_min=300, troops_max=300,
                      source=Source(outlet="TVN24", date=D(2025, 2, 5)),
                      author="cem", expected_version=0)
    return ledger


def keys(ledger: Ledger, date: dt.date) -> list[tuple[str, int]]:
    return [(v.key, v.version) for v in ledger.as_of(date).pledges]


def test_as_of_takes_each_pledges_latest_version_effective_by_then(
        history_ledger: Ledger) -> None:
    assert keys(history_ledger, D(2024, 12, 19)) == []
    assert keys(history_ledger, D(2024, 12, 31)) == [("DEU/any/1", 1)]
    assert keys(history_ledger, D(2025, 1, 1)) == [("FRA/any/1", 1), ("DEU/any/1", 1)]
    assert keys(history_ledger, D(2025, 2, 1)) == [("FRA/any/1", 2), ("DEU/any/1", 1)]
    assert keys(history_ledger, D(2025, 2, 5)) == [
        ("FRA/any/1", 2), ("DEU/any/1", 1), ("POL/any/1", 1)]
    assert keys(history_ledger, D(2025, 2, 10)) == [("FRA/any/1", 2), ("POL/any/1", 1)]


def test_current_is_the_latest_state(history_ledger: Ledger) -> None:
    state = history_ledger.current()
    assert state.as_of is None
    assert [(v.key, v.version, v.pledge.modality) for v in state.pledges] == [
        ("FRA/any/1", 2, Modality.COMMITTED), ("POL/any/1", 1, Modality.OFFERED)]
    fra = state.pledges[0]
    assert (fra.pledge.troops_min, fra.pledge.troops_max, fra.troops) == (400, 500, "400-500")
    assert (fra.author, fra.reason, fra.effective_date) == ("ben", "confirmed", D(2025, 2, 1))
    assert fra.recorded_at.tzinfo is not None


def test_history_of_a_nation_has_every_version_with_sources(history_ledger: Ledger) -> None:
    fra = history_ledger.history("fra")
    assert [(v.version, v.author, v.pledge.modality.value) for v in fra] == [
        (1, "ana", "offered"), (2, "ben", "committed")]
    assert [[(s.outlet, s.date, s.quote, s.actor) for s in v.pledge.sources] for v in fra] == [
        [("Le Monde", D(2025, 1, 1), "up to 500", "")],
        [("Reuters", D(2025, 2, 1), "", "Élysée")]]
    deu = history_ledger.history("DEU", key="DEU/any/1")
    assert [(v.version, v.retracted, v.reason) for v in deu] == [
        (1, False, "first import"), (2, True, "withdrawn")]
    with pytest.raises(NotFound, match="no pledge by GBR"):
        history_ledger.history("GBR")


def test_diff_lists_added_changed_and_retracted(history_ledger: Ledger) -> None:
    result = history_ledger.diff(D(2025, 1, 1), D(2025, 2, 10))
    assert [(c.kind, c.key, c.old.version if c.old else None, c.new.version if c.new else None)
            for c in result.changes] == [
        (ChangeKind.CHANGED, "FRA/any/1", 1, 2),
        (ChangeKind.RETRACTED, "DEU/any/1", 1, 2),
        (ChangeKind.ADDED, "POL/any/1", None, 1)]
    changed = result.changes[0]
    assert changed.old and changed.new
    assert (changed.old.pledge.modality, changed.new.pledge.modality) == (
        Modality.OFFERED, Modality.COMMITTED)
    assert history_ledger.diff(D(2025, 2, 2), D(2025, 2, 4)).changes == []
    assert [c.kind for c in history_ledger.diff(D(2024, 12, 1), D(2025, 1, 1)).changes] == [
        ChangeKind.ADDED, ChangeKind.ADDED]
    with pytest.raises(UsageError, match="before the start"):
        history_ledger.diff(D(2025, 2, 10), D(2025, 1, 1))


def test_scenario_from_the_ledger_as_of_a_date(history_ledger: Ledger) -> None:
    then = load_scenario_from_db(history_ledger.url, "tiny", D(2025, 2, 5))
    assert then.as_of == D(2025, 2, 5)
    assert [(p.nation, p.modality.value) for p in then.pledges] == [
        ("FRA", "committed"), ("DEU", "cautious"), ("POL", "offered")]
    assert set(then.nations) == {"FRA", "DEU", "POL"}
    now = load_scenario_from_db(history_ledger.url)
    assert now.as_of == D(2025, 2, 10)
    assert [p.nation for p in now.pledges] == ["FRA", "POL"]
    with pytest.raises(NotFound, match="no version on or before 2024-12-31"):
        load_scenario_from_db(history_ledger.url, "tiny", D(2024, 12, 31))
    with pytest.raises(NotFound, match="no scenario named 'other'"):
        load_scenario_from_db(history_ledger.url, "other")


def test_reimporting_a_newer_file_records_only_the_differences(ledger: Ledger,
                                                               tiny: Tiny) -> None:
    first = tiny(pledges=[
        {"nation": "FRA", "modality": "offered", "sources": [src("A", D(2025, 1, 1))]},
        {"nation": "DEU", "modality": "cautious", "sources": [src("B", D(2025, 1, 1))]},
        {"nation": "DEU", "modality": "offered", "capability": "logistics",
         "sources": [src("B", D(2025, 1, 1))]},
    ])
    summary = ledger.import_scenario(first, author="ana")
    assert (summary.scenario_version, summary.added) == (1, 3)
    second = tiny(as_of=D(2025, 3, 1), pledges=[
        {"nation": "FRA", "modality": "committed", "sources": [src("A", D(2025, 3, 1))]},
        {"nation": "DEU", "modality": "offered", "capability": "logistics",
         "sources": [src("B", D(2025, 1, 1))]},
        {"nation": "ITA", "modality": "considering", "sources": [src("C", D(2025, 2, 1))]},
    ])
    summary = ledger.import_scenario(second, author="ben", reason="March file")
    assert summary.model_dump() == {"scenario": "tiny", "scenario_version": 2, "added": 1,
                                    "changed": 1, "retracted": 1, "unchanged": 1, "older": 0}
    assert [v.key for v in ledger.current().pledges] == [
        "FRA/any/1", "DEU/logistics/1", "ITA/any/1"]
    assert [(c.kind.value, c.key) for c in ledger.diff(D(2025, 1, 1), D(2025, 3, 1)).changes] == [
        ("changed", "FRA/any/1"), ("retracted", "DEU/any/1"), ("added", "ITA/any/1")]
    assert ledger.scenario(as_of=D(2025, 1, 1)).as_of == D(2025, 1, 1)


def test_backfilled_report_counts_from_its_own_date(ledger: Ledger, tiny: Tiny) -> None:
    """A report recorded late but dated earlier shows up in as_of from its date on."""
    ledger.import_scenario(tiny(pledges=[
        {"nation": "FRA", "modality": "considering", "sources": [src("A", D(2025, 1, 1))]}]),
        author="ana")
    ledger.set_pledge("FRA", modality="offered", source=Source(outlet="B", date=D(2025, 3, 1)),
                      author="ana", expected_version=1)
    ledger.set_pledge("FRA", modality="conditional",
                      source=Source(outlet="C", date=D(2025, 2, 1)), author="ben",
                      expected_version=2)
    assert keys(ledger, D(2025, 1, 31)) == [("FRA/any/1", 1)]
    assert keys(ledger, D(2025, 2, 1)) == [("FRA/any/1", 3)]
    assert keys(ledger, D(2025, 3, 1)) == [("FRA/any/1", 3)]


def test_sources_table_lists_who_said_what(history_ledger: Ledger) -> None:
    """The normalised sources rows, searchable in SQL, match the versions' sources."""
    from sqlalchemy import select

    from forcegen.store.schema import pledges, sources

    query = (select(pledges.c.key, sources.c.version, sources.c.outlet, sources.c.date,
                    sources.c.actor)
             .join(pledges, pledges.c.id == sources.c.pledge_id)
             .order_by(pledges.c.position, sources.c.version, sources.c.position))
    with history_ledger.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(query)]
    assert rows == [
        ("FRA/any/1", 1, "Le Monde", D(2025, 1, 1), ""),
        ("FRA/any/1", 2, "Reuters", D(2025, 2, 1), "Élysée"),
        ("DEU/any/1", 1, "FAZ", D(2024, 12, 20), ""),
        ("DEU/any/1", 2, "Spiegel", D(2025, 2, 10), ""),
        ("POL/any/1", 1, "TVN24", D(2025, 2, 5), ""),
    ]
