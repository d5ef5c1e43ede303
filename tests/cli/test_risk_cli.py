"""``forcegen risk`` through Typer's runner: the JSON keys, the plot, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from forcegen.cli import app

runner = CliRunner()


def test_risk_json_has_the_documented_keys() -> None:
    result = runner.invoke(app, ["risk", "paris-2025", "--json", "--draws", "20000",
                                 "--seed", "7"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["draws"] == 20_000 and doc["seed"] == 7
    month = doc["months"][0]
    assert {"month", "p_min", "p_max", "p_min_se", "quantiles"} <= set(month)
    assert set(month["quantiles"]) == {"p5", "p25", "p50", "p75", "p95"}
    assert len(doc["months"]) == doc["horizon_months"] + 1 == 37
    assert {"p_min", "p_max"} <= set(doc["steady_state"])
    assert {"factor", "p_if_true", "p_if_false"} <= set(doc["sensitivity"][0])
    assert {"capability", "p_gap", "p_gap_without_backstop"} <= set(doc["capability_gaps"][0])
    assert all({"name", "value", "source", "is_assumption"} <= set(a)
               for a in doc["assumptions"])
    names = {a["name"] for a in doc["assumptions"]}
    for p in doc["pledges"]:  # every modality's default probability used is listed
        assert f"risk.modality.{p['modality']}" in names
    assert "risk.prior.no_number" in names and "risk.condition.ceasefire.probability" in names
    # the same keys with priors; quantified only, France's "up to 10,000" cannot reach 25,000
    assert set(doc["with_priors"]) >= {"months", "steady_state", "sensitivity",
                                       "capability_gaps"}
    assert doc["steady_state"]["p_min"] == 0.0
    assert all(m["quantiles"]["p95"] <= 10_000 for m in doc["months"])
    assert {p["nation"] for p in doc["priors"]} == {
        "GBR", "DEU", "POL", "NLD", "DNK", "FIN", "ISL", "NOR", "SWE", "EST", "LVA", "LTU"}


def test_same_seed_same_document() -> None:
    args = ["risk", "--json", "--draws", "5000", "--seed", "3"]
    assert runner.invoke(app, args).stdout == runner.invoke(app, args).stdout


def test_risk_text_and_plot(tmp_path: Path) -> None:
    out = tmp_path / "risk.png"
    result = runner.invoke(app, ["risk", "--draws", "5000", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000
    assert "quantified pledges only" in result.stdout
    assert "a prior is not a pledge" in result.stdout
    assert "What it hinges on" in result.stdout


def test_bad_draws_exit_2() -> None:
    for bad in ("0", "-3"):
        result = runner.invoke(app, ["risk", "--draws", bad])
        assert result.exit_code == 2
        assert "draws must be a positive whole number" in result.output
    result = runner.invoke(app, ["risk", "--draws", "1000000000"])
    assert result.exit_code == 2 and "too many" in result.output


def test_bad_options_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["risk", "--plot", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and ".png" in result.output
    result = runner.invoke(app, ["risk", "--as-of", "2025-02-20"])
    assert result.exit_code == 2 and "--db" in result.output


def test_bad_probability_in_file_exit_2(tmp_path: Path) -> None:
    from forcegen.io.catalogue import scenario_text

    text, _ = scenario_text("paris-2025")
    path = tmp_path / "s.toml"
    path.write_text(text + '\n[[odds.pledges]]\nnation = "FRA"\nprobability = -0.2\n'
                    'source = "assumption"\n', encoding="utf-8")
    result = runner.invoke(app, ["risk", str(path)])
    assert result.exit_code == 2
    assert "odds.pledges[0].probability" in result.output and "Traceback" not in result.output


def test_risk_from_the_ledger_as_of_a_date(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    assert runner.invoke(app, ["ledger", "init", "--db", url]).exit_code == 0
    assert runner.invoke(app, ["ledger", "import", "paris-2025", "--db", url]).exit_code == 0
    args = ["risk", "--db", url, "--as-of", "2025-02-20", "--draws", "5000", "--json"]
    from_db = runner.invoke(app, args)
    assert from_db.exit_code == 0, from_db.output
    doc = json.loads(from_db.stdout)
    assert doc["scenario"] == "paris-2025" and doc["as_of"] == "2025-02-20"
    embedded = json.loads(runner.invoke(app, ["risk", "--draws", "5000", "--json"]).stdout)
    assert doc["steady_state"] == embedded["steady_state"]  # same pledges, same seed
