"""The embedded history coalition-2025, read without a database, against expectations read
by hand from the fact sheet (forcegen/data/coalition-2025-26.md, section 2 and 3.1)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from forcegen.errors import NotFound, UsageError
from forcegen.io.catalogue import embedded_scenarios, load_history, load_scenario
from forcegen.io.history import dated_states, scenario_at
from forcegen.model import Modality

ROOT = Path(__file__).resolve().parents[2]


def _modality(iso3: str, day: str) -> Modality | None:
    scn = load_scenario("coalition-2025", dt.date.fromisoformat(day))
    found = [p.modality for p in scn.pledges if p.nation == iso3]
    return found[0] if found else None


def test_listed_next_to_paris() -> None:
    assert {"paris-2025", "coalition-2025"} <= set(embedded_scenarios())
    assert load_history("paris-2025") is None


@pytest.mark.parametrize(("iso3", "day", "expected"), [
    ("CZE", "2025-02-19", None),                       # first row: 2025-02-20
    ("CZE", "2025-02-20", Modality.CAUTIOUS),
    ("CZE", "2025-03-21", Modality.CONSIDERING),        # President Pavel
    ("CZE", "2026-01-05", Modality.CONSIDERING),
    ("CZE", "2026-01-06", Modality.RULED_OUT),          # PM Babiš, new government
    ("ESP", "2025-03-05", Modality.RULED_OUT),          # 2024-12-19 baseline
    ("ESP", "2025-05-01", Modality.CAUTIOUS),
    ("ESP", "2026-02-25", Modality.CONSIDERING),
    ("DEU", "2025-05-01", Modality.CAUTIOUS),
    ("DEU", "2026-01-06", Modality.CONDITIONAL),        # neighbouring NATO territory
    ("USA", "2025-08-19", Modality.CONSIDERING),        # two rows that day: the later one
    ("GBR", "2026-02-25", Modality.COMMITTED),
])
def test_positions_on_chosen_dates(iso3: str, day: str, expected: Modality | None) -> None:
    assert _modality(iso3, day) == expected


def test_nations_on_record() -> None:
    assert len(load_scenario("coalition-2025", dt.date(2025, 4, 1)).nations) == 23
    assert len(load_scenario("coalition-2025", dt.date(2026, 1, 1)).nations) == 33  # not HUN
    latest = load_scenario("coalition-2025")
    assert len(latest.nations) == 34 and latest.as_of == dt.date(2026, 2, 25)


@pytest.mark.parametrize(("day", "band"), [
    ("2025-02-17", (25_000, 30_000)),
    ("2025-05-01", (10_000, 20_000)),
    ("2025-09-01", (5_000, 5_000)),
    ("2026-02-01", (15_000, 15_000)),
])
def test_requirement_of_the_day(day: str, band: tuple[int, int]) -> None:
    req = load_scenario("coalition-2025", dt.date.fromisoformat(day)).requirement
    assert (req.min_troops, req.max_troops) == band
    assert req.sources and all(s.grade for s in req.sources)


def test_before_the_first_requirement_and_a_file_without_history() -> None:
    with pytest.raises(NotFound, match="no requirement on or before 2025-02-16"):
        load_scenario("coalition-2025", dt.date(2025, 2, 16))
    with pytest.raises(UsageError, match="no history"):
        load_scenario("paris-2025", dt.date(2025, 2, 17))


def test_every_position_is_sourced_and_graded() -> None:
    data, _ = load_history("coalition-2025")  # type: ignore[misc]
    versions = [v for p in data["scenarios"][0]["pledges"] for v in p["versions"]]
    assert len(versions) == 96
    assert len(data["scenarios"][0]["pledges"]) == 34
    for v in versions:
        first = v["pledge"]["sources"][0]
        assert first["grade"] in ("A", "B", "C")
        assert first["url"].startswith("http") and first["quote"] and first["outlet"]
        assert first["date"] == v["effective_date"]


def test_figures_only_where_the_sheet_gives_them() -> None:
    scn = load_scenario("coalition-2025", dt.date(2026, 1, 8))
    figures = {p.nation: (p.troops_min, p.troops_max) for p in scn.pledges
               if p.troops_high is not None}
    assert figures == {"GBR": (None, 7_500), "FRA": (None, 6_000), "USA": (0, 0)}
    usa = next(p for p in scn.pledges if p.nation == "USA")  # "no ground troops"
    assert any("No ground troops" in c for c in usa.caveats) and usa.modality.value == "offered"
    fra = next(p for p in scn.pledges if p.nation == "FRA")
    assert any("not an official figure" in c for c in fra.caveats)
    may = load_scenario("coalition-2025", dt.date(2025, 5, 1))
    assert {p.nation: p.troops_max for p in may.pledges if p.troops_high} == {"GBR": 10_000}
    assert may.plan().generation.certain == 0


def test_dated_states_follow_the_versions() -> None:
    data, _ = load_history("coalition-2025")  # type: ignore[misc]
    name, states = dated_states(data)
    assert name == "coalition-2025"
    days = [s.date for s in states]
    assert days == sorted(set(days)) and days[0] == dt.date(2024, 12, 19)
    assert states[0].requirement is None
    last = scenario_at(data)
    assert set(states[-1].pledges) == set(last.pledges)


def test_json_export_is_read_alike(tmp_path: Path) -> None:
    data, _ = load_history("coalition-2025")  # type: ignore[misc]
    path = tmp_path / "history.json"
    path.write_text(json.dumps(data, default=str), "utf-8")
    assert load_scenario(path, dt.date(2025, 5, 1)) == load_scenario(
        "coalition-2025", dt.date(2025, 5, 1))


def test_embedded_file_is_built_from_the_fact_sheet() -> None:
    spec = importlib.util.spec_from_file_location("build", ROOT / "tools" /
                                                  "build_coalition_2025.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.main(["--check"]) == 0
