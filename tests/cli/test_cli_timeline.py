"""``forcegen timeline``, ``plan --as-of`` on a history, ``plan --min-grade`` and
``ledger import coalition-2025`` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from forcegen.cli import app

runner = CliRunner()


def test_scenarios_lists_the_history() -> None:
    result = runner.invoke(app, ["scenarios", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["coalition-2025"]["as_of"] == "2026-02-25"
    assert rows["coalition-2025"]["pledges"] == 34


def test_timeline_json_and_plot(tmp_path: Path) -> None:
    plot = tmp_path / "timeline.png"
    result = runner.invoke(app, ["timeline", "coalition-2025", "--json", "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"nations", "totals"}
    cze = next(n for n in doc["nations"] if n["iso3"] == "CZE")
    assert [(p["date"], p["modality"], p["grade"]) for p in cze["positions"]] == [
        ("2025-02-20", "cautious", "B"), ("2025-03-21", "considering", "B"),
        ("2025-08-20", "considering", "B"), ("2026-01-06", "ruled_out", "C")]
    assert set(doc["totals"][0]) == {"date", "certain", "max_possible", "band_min",
                                     "band_max"}
    jan = next(t for t in doc["totals"] if t["date"] == "2026-01-08")
    assert (jan["max_possible"], jan["band_min"], jan["band_max"]) == (13_500, 15_000, 15_000)
    assert plot.stat().st_size > 10_000


def test_timeline_of_a_scenario_file_and_text() -> None:
    result = runner.invoke(app, ["timeline", "paris-2025"])
    assert result.exit_code == 0, result.output
    assert "positions by nation" in result.stdout and "FRA" in result.stdout


def test_timeline_bad_plot_name() -> None:
    result = runner.invoke(app, ["timeline", "--plot", "chart.txt"])
    assert result.exit_code == 2
    assert "use a .png, .svg or .pdf" in result.stderr


def test_plan_as_of_on_the_history() -> None:
    result = runner.invoke(app, ["plan", "coalition-2025", "--as-of", "2025-05-01", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["target"]["min_troops"], doc["target"]["max_troops"]) == (10_000, 20_000)
    assert doc["target"]["sources"][0]["outlet"] == "BBC (Daily8 copy)"
    assert (doc["totals"]["certain"], doc["totals"]["max_possible"]) == (0, 10_000)
    result = runner.invoke(app, ["plan", "paris-2025", "--as-of", "2025-05-01"])
    assert result.exit_code == 2 and "no history" in result.stderr


def test_plan_min_grade_hides_c_only_positions() -> None:
    args = ["plan", "coalition-2025", "--as-of", "2026-01-09", "--json"]
    full = json.loads(runner.invoke(app, args).stdout)
    result = runner.invoke(app, [*args, "--min-grade", "B"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    hidden = {h["nation"]: h for h in doc["grade_screen"]["hidden"]}
    # GBR's 9 January report (BritBrief, C) carries its figure from The Times (B): kept;
    # France's 6,000 (Le Monde via Axy Media, graded B/C, kept as C) and Italy: hidden
    assert "GBR" not in hidden and hidden["FRA"]["troops_max"] == 6_000
    assert hidden["ITA"]["grade"] == "C"
    assert full["totals"]["max_possible"] == 7_500 + 6_000
    assert doc["totals"]["max_possible"] == 7_500
    text = runner.invoke(app, [*args[:-1], "--min-grade", "B"])
    assert "resting only on sources below grade B" in text.stdout
    bad = runner.invoke(app, [*args, "--min-grade", "D"])
    assert bad.exit_code == 2 and "unknown grade" in bad.stderr


def test_ledger_import_replays_the_year(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    assert runner.invoke(app, ["ledger", "init", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["ledger", "import", "coalition-2025", "--db", db])
    assert result.exit_code == 0, result.output
    assert "coalition-2025" in result.stdout
    hist = json.loads(runner.invoke(app, ["ledger", "history", "GBR", "--db", db,
                                          "--json"]).stdout)
    assert len(hist) == 9
    text = runner.invoke(app, ["ledger", "history", "CZE", "--db", db]).stdout
    assert "[C]" in text and "[B]" in text
    as_of = json.loads(runner.invoke(app, ["ledger", "as-of", "2025-04-01", "--db", db,
                                           "--json"]).stdout)
    assert len(as_of["pledges"]) == 23
    diff = json.loads(runner.invoke(app, ["ledger", "diff", "2025-02-17", "2026-02-25",
                                          "--db", db, "--json"]).stdout)
    assert len(diff["changes"]) == 34
    plan = json.loads(runner.invoke(app, ["plan", "--db", db, "--as-of", "2025-05-01",
                                          "--json"]).stdout)
    assert plan["target"]["max_troops"] == 20_000
    tl = json.loads(runner.invoke(app, ["timeline", "--db", db, "--json"]).stdout)
    embedded = json.loads(runner.invoke(app, ["timeline", "coalition-2025", "--json"]).stdout)
    assert tl == embedded
