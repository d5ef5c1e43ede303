"""Replaying the embedded history coalition-2025 into a ledger (SQLite and PostgreSQL):
history, as-of, diff, the plan of a day and the timeline, against the fact sheet; and the
round trip of the history through export and import."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from forcegen.analysis.timeline import timeline
from forcegen.errors import AlreadyExists
from forcegen.io.catalogue import load_history
from forcegen.io.history import dated_states
from forcegen.model import Modality
from forcegen.store import Ledger, dump, load_scenario_from_db

EMBEDDED = resources.files("forcegen.scenarios").joinpath("coalition-2025.toml").read_text(
    "utf-8")


@pytest.fixture
def coalition(ledger: Ledger) -> Ledger:
    assert ledger.import_dump(EMBEDDED, "toml") == ["coalition-2025"]
    return ledger


def test_history_of_gbr(coalition: Ledger) -> None:
    versions = coalition.history("GBR")
    assert [v.version for v in versions] == list(range(1, 10))
    assert [str(v.effective_date) for v in versions] == [
        "2025-02-16", "2025-02-28", "2025-04-29", "2025-08-15", "2026-01-06", "2026-01-07",
        "2026-01-08", "2026-01-09", "2026-02-25"]
    assert [v.pledge.modality.value for v in versions] == (
        ["offered", "conditional", "offered", "offered"] + ["committed"] * 5)
    assert versions[6].pledge.troops_max == 7_500
    assert versions[6].pledge.sources[0].grade == "B"
    assert versions[0].pledge.sources[0].url.startswith("https://www.urdupoint.com/")


def test_as_of_and_czechia(coalition: Ledger) -> None:
    may = coalition.as_of(dt.date(2025, 5, 1))
    assert len({v.nation for v in may.pledges}) == 24  # 23 by 1 April, then TUR (13 April)
    cze = {d: next(v for v in coalition.as_of(dt.date.fromisoformat(d)).pledges
                   if v.nation == "CZE").pledge.modality
           for d in ("2025-02-20", "2025-12-31", "2026-01-06")}
    assert cze == {"2025-02-20": Modality.CAUTIOUS, "2025-12-31": Modality.CONSIDERING,
                   "2026-01-06": Modality.RULED_OUT}
    assert len({v.nation for v in coalition.as_of(dt.date(2026, 1, 1)).pledges}) == 33


def test_diff_lists_who_moved(coalition: Ledger) -> None:
    result = coalition.diff(dt.date(2025, 2, 17), dt.date(2026, 2, 25))
    kinds: dict[str, set[str]] = {}
    for c in result.changes:
        kinds.setdefault(c.kind.value, set()).add(c.nation)
    # on record by 17 February 2025: GBR DEU POL ESP SWE DNK NOR EST SVK; all have moved
    assert kinds["changed"] == {"GBR", "DEU", "POL", "ESP", "SWE", "DNK", "NOR", "EST", "SVK"}
    assert len(kinds["added"]) == 25 and "retracted" not in kinds


def test_plan_uses_the_requirement_of_the_day(coalition: Ledger) -> None:
    may = load_scenario_from_db(coalition.url, None, dt.date(2025, 5, 1))
    g = may.plan().generation
    assert (g.target_min, g.target_max, g.certain, g.max_possible) == (10_000, 20_000, 0,
                                                                        10_000)
    feb = load_scenario_from_db(coalition.url, None, dt.date(2025, 2, 17)).requirement
    assert (feb.min_troops, feb.max_troops) == (25_000, 30_000)
    jan = load_scenario_from_db(coalition.url, None, dt.date(2026, 1, 8)).plan().generation
    assert (jan.target_min, jan.max_possible) == (15_000, 7_500 + 6_000)


def test_timeline_from_the_ledger_equals_the_embedded_one(coalition: Ledger) -> None:
    name, states = coalition.states()
    data, _ = load_history("coalition-2025")  # type: ignore[misc]
    assert timeline(states, name) == timeline(dated_states(data)[1], name)
    tl = timeline(states, name)
    assert len(tl.nations) == 34
    assert [p.modality for p in tl.nation("CZE").positions] == [
        Modality.CAUTIOUS, Modality.CONSIDERING, Modality.CONSIDERING, Modality.RULED_OUT]


def test_round_trip_through_export_and_import(coalition: Ledger,
                                              make_ledger: object) -> None:
    exported = coalition.export("toml")
    body = "".join(line for line in EMBEDDED.splitlines(keepends=True)
                   if not line.startswith("#")).lstrip("\n")
    assert exported == body
    for fmt in ("json", "csv"):
        text = coalition.export(fmt)  # type: ignore[arg-type]
        other = make_ledger()  # type: ignore[operator]
        other.import_dump(text, fmt)
        assert other.export("toml") == body
        assert dump.parse(text, fmt) == dump.parse(EMBEDDED, "toml")
    with pytest.raises(AlreadyExists):
        coalition.import_dump(EMBEDDED, "toml")
