"""``forcegen reinforce`` and ``forcegen incident`` on paris-2025: the JSON keys the checks
use, the plots, and bad input (one message, exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from forcegen.cli import app
from forcegen.io.catalogue import scenario_text

runner = CliRunner()


def test_reinforce_json_keys() -> None:
    result = runner.invoke(app, ["reinforce", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"days", "thresholds", "binding", "corridors"} <= set(doc)
    assert set(doc["days"][0]) >= {"day", "troops"}
    assert len(doc["days"]) == 181 and doc["days"][-1]["day"] == 180
    assert {t["name"] for t in doc["thresholds"]} >= {"band minimum", "double the initial force"}
    assert all(set(t) >= {"name", "troops", "day"} for t in doc["thresholds"])
    assert all(set(b) >= {"from_day", "to_day", "corridor"} for b in doc["binding"])
    assert all(set(c) >= {"name", "throughput_per_day", "transit_days", "closed"}
               for c in doc["corridors"])
    assert all(set(a) >= {"name", "value", "source", "is_assumption"}
               for a in doc["assumptions"])
    troops = [d["troops"] for d in doc["days"]]
    assert troops == sorted(troops)  # troops only arrive


def test_reinforce_close_and_plot(tmp_path: Path) -> None:
    out = tmp_path / "curve.png"
    result = runner.invoke(app, ["reinforce", "--close", "air-rzeszow", "--json",
                                 "--plot", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    closed = {c["name"]: c["closed"] for c in doc["corridors"]}
    assert closed["air-rzeszow"] and not closed["rail-przemysl"]
    assert out.stat().st_size > 10_000


def test_reinforce_text() -> None:
    result = runner.invoke(app, ["reinforce", "paris-2025"])
    assert result.exit_code == 0, result.output
    assert "band minimum" in result.stdout and "rail-przemysl" in result.stdout


def test_incident_json_keys(tmp_path: Path) -> None:
    out = tmp_path / "matrix.png"
    result = runner.invoke(app, ["incident", "--attacked", "FRA", "--json", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"design", "attacked", "parties"} <= set(doc)
    assert doc["design"] == "as-agreed" and doc["attacked"] == ["FRA"]
    for p in doc["parties"]:
        assert set(p) >= {"party", "bound", "clause", "strength", "troops_by_day",
                          "depends_on_us"}
        assert set(p["troops_by_day"]) == {"7", "30", "90"}
    nld = next(p for p in doc["parties"] if p["party"] == "NLD")
    assert nld["depends_on_us"] and nld["strength"] == "consultation"
    assert out.stat().st_size > 5_000


def test_incident_designs() -> None:
    listed = runner.invoke(app, ["incident", "--list-designs", "--json"])
    names = [d["name"] for d in json.loads(listed.stdout)]
    assert names[:2] == ["as-agreed", "as-drafted"] and "article-5" in names
    for name in names:
        result = runner.invoke(app, ["incident", "--attacked", "FRA,GBR", "--design", name])
        assert result.exit_code == 0, (name, result.output)
    text = runner.invoke(app, ["incident", "--list-designs"]).stdout
    assert "article-42-7" in text


def test_bad_input_is_one_message_and_exit_2(tmp_path: Path) -> None:
    for args, words in [
        (["incident", "--attacked", "XXX"], "'XXX' is neither a party"),
        (["incident", "--attacked", "FRA", "--design", "nope"], "unknown design 'nope'"),
        (["incident"], "--attacked is required"),
        (["reinforce", "--close", "tunnel"], "no corridor named 'tunnel'"),
        (["reinforce", "--withhold", "USA"], "does not reinforce"),
        (["reinforce", "--plot", str(tmp_path / "x.gif")], "use a .png"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.stderr and "Traceback" not in result.output


def test_negative_throughput_file_is_exit_2(tmp_path: Path) -> None:
    text, _ = scenario_text("paris-2025")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("throughput_per_day = 2500", "throughput_per_day = -2500"))
    result = runner.invoke(app, ["reinforce", str(bad)])
    assert result.exit_code == 2
    assert "throughput_per_day" in result.stderr and "bad.toml:" in result.stderr
