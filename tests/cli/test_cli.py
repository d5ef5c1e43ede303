"""Every command of the CLI, through Typer's runner, with its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forcegen.cli import app
from forcegen.io.toml import export_to_toml
from forcegen.model import Scenario

runner = CliRunner()

MINIMAL = """\
[scenario]
name = "mini"
title = "Two nations"
as_of = 2025-03-01

[requirement]
min_troops = 1000
max_troops = 2000

[[assumptions]]
name = "rotation_ratio"
value = 5
source = "assumption"

[[assumptions]]
name = "deployable_share"
value = 0.4
source = "assumption"

[[assumptions]]
name = "land_share_of_active"
value = 0.5
source = "assumption"

[[assumptions]]
name = "fair_share_gdp_weight"
value = 0.5
source = "assumption"

[[assumptions]]
name = "backstop_fills_whole_line"
value = true
source = "assumption"

[[assumptions]]
name = "tour_months"
value = 6
source = "assumption"

[[assumptions]]
name = "duration_months"
value = 12
source = "assumption"

[[pledges]]
nation = "FRA"
modality = "committed"
troops_min = 500
troops_max = 800
sources = [{ outlet = "Test Wire", date = 2025-02-01, quote = "France will send 500 to 800." }]
"""


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for cmd in ("plan", "validate", "scenarios", "nations", "doctrine"):
        assert cmd in result.stdout


def test_plan_default_is_the_paris_briefing() -> None:
    result = runner.invoke(app, ["plan"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Target 25,000-30,000 troops" in out
    assert "France (FRA)" in out and "up to 10,000" in out
    assert "ASSUMPTION" in out  # assumptions are shown as such
    assert "Keir Starmer" in out  # sources are shown
    assert "Coalition capacity (named)" in out and "Coalition capacity (attendees)" in out
    assert "Interpretations" in out and "no substantive discussions" in out
    assert "Deployable capacity, step by step" in out
    assert "basis used 'named'" in out


def test_plan_json_carries_the_figures() -> None:
    result = runner.invoke(app, ["plan", "paris-2025", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["scenario"] == "paris-2025"
    assert doc["target"]["min_troops"] == 25000 and doc["target"]["max_troops"] == 30000
    assert doc["totals"]["considering"] == 10000 and doc["totals"]["max_possible"] == 10000
    fra = next(n for n in doc["nations"] if n["iso3"] == "FRA")
    assert fra["sources"][0]["outlet"] and fra["sources"][0]["date"] == "2025-02-17"
    assert doc["backstop"][0]["provider"] == "USA" and doc["backstop"][0]["troops"] == 0
    rotation = next(a for a in doc["assumptions"] if a["name"] == "rotation_ratio")
    assert rotation["is_assumption"] is True
    assert set(doc["coalition_capacity"]) >= {"basis", "nations", "land_forces", "deployable",
                                              "sustainable", "band_min", "band_max"}
    assert fra["land_forces"] == 113000
    assert all({"step", "value", "source", "is_assumption"} <= set(s)
               for s in fra["land_forces_steps"])
    assert all(r["grade"] in ("A", "B", "C") for r in fra["reference_sources"])
    assert "ISL" not in [n["iso3"] for n in doc["nations"]]


def test_plan_json_equals_the_library_result(paris_2025: object) -> None:
    from forcegen.io.catalogue import load_scenario

    result = runner.invoke(app, ["plan", "--json"])
    assert json.loads(result.stdout) == json.loads(
        json.dumps(load_scenario("paris-2025").plan().to_dict()))


def test_plan_of_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    result = runner.invoke(app, ["plan", str(path), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["totals"]["committed"] == 800 and doc["totals"]["certain"] == 500


def test_plan_of_an_exported_scenario_matches(tmp_path: Path, paris_2025: Scenario) -> None:
    path = write(tmp_path, export_to_toml(paris_2025))
    a = runner.invoke(app, ["plan", str(path), "--json"])
    b = runner.invoke(app, ["plan", "--json"])
    assert json.loads(a.stdout) == json.loads(b.stdout)


def test_validate_ok(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(write(tmp_path, MINIMAL))])
    assert result.exit_code == 0
    assert "ok" in result.stdout and "1 pledges" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("troops_min = 500", "troops_min = -5", "pledges[0].troops_min", 48),
        ("troops_max = 800", "troops_max = 400", "pledges[0]", 45),
        ('nation = "FRA"', 'nation = "XXX"', "pledges[0].nation", 46),
        ('modality = "committed"', 'modality = "promised"', "pledges[0].modality", 47),
        ("max_troops = 2000", "max_troops = 500", "requirement", 6),
        ("date = 2025-02-01", "date = 2025-04-01", "pledges[0].sources[0].date", 50),
        ('[[pledges]]\n', '[[pledges]]\ncapability = "space"\n', "pledges[0].capability", 46),
        ('[[pledges]]\n', '[[pledges]]\ntroopz = 3\n', "pledges[0].troopz", 46),
    ],
)
def test_validate_bad_input_names_file_field_and_line(
    tmp_path: Path, old: str, new: str, field: str, line: int
) -> None:
    assert old in MINIMAL
    path = write(tmp_path, MINIMAL.replace(old, new, 1))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    err = result.stderr
    assert "Traceback" not in err
    assert str(path) in err
    assert field in err
    assert f":{line}:" in err


def test_validate_malformed_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("max_troops = 2000", "max_troops = = 2000"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "malformed TOML" in result.stderr and f"{path}:8:" in result.stderr


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_unknown_embedded_name_is_exit_2() -> None:
    result = runner.invoke(app, ["plan", "atlantis"])
    assert result.exit_code == 2
    assert "paris-2025" in result.stderr  # says what exists


def test_missing_assumption_is_reported(tmp_path: Path) -> None:
    text = MINIMAL.replace('name = "rotation_ratio"', 'name = "rotation_ratio_x"')
    result = runner.invoke(app, ["validate", str(write(tmp_path, text))])
    assert result.exit_code == 2
    assert "rotation_ratio" in result.stderr


def test_as_of_without_db_is_refused() -> None:
    result = runner.invoke(app, ["plan", "--as-of", "2025-02-17"])
    assert result.exit_code == 2
    assert "--db" in result.stderr


def test_bad_as_of_date_is_refused() -> None:
    result = runner.invoke(app, ["plan", "--as-of", "17/02/2025"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_scenarios_lists_paris() -> None:
    result = runner.invoke(app, ["scenarios"])
    assert result.exit_code == 0 and "paris-2025" in result.stdout
    doc = json.loads(runner.invoke(app, ["scenarios", "--json"]).stdout)
    paris = next(row for row in doc if row["name"] == "paris-2025")
    assert paris["pledges"] == 14


def test_scenarios_show_prints_editable_toml(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scenarios", "--show", "paris-2025"])
    assert result.exit_code == 0
    path = write(tmp_path, result.stdout)
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert runner.invoke(app, ["scenarios", "--show", "nope"]).exit_code == 2


def test_nations_shows_figures_with_sources() -> None:
    result = runner.invoke(app, ["nations", "FRA", "--json"])
    assert result.exit_code == 0
    (fra,) = json.loads(result.stdout)
    assert fra["army_personnel"]["value"] == 120000
    assert "World Factbook" in fra["army_personnel"]["source"]
    assert fra["army_personnel"]["grade"] == "C"
    # the net capacity chain, with the steps resting on assumptions marked
    steps = fra["capacity"]["steps"]
    assert [s["value"] for s in steps] == [120000, 120000, 113000, 113000, 45200, 11300]
    assert [s["is_assumption"] for s in steps][-1] is True
    table = runner.invoke(app, ["nations"])
    assert table.exit_code == 0 and "Iceland (ISL)" in table.stdout
    assert "no armed forces" in table.stdout


def test_nations_shows_the_capacity_chain() -> None:
    result = runner.invoke(app, ["nations", "FRA"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Deployable capacity, step by step" in out
    assert "Operation Sentinelle" in out and "113,000" in out and "11,300" in out
    assert "ASSUMPTION" in out and "[C]" in out


def test_nations_unknown_code_is_exit_2() -> None:
    result = runner.invoke(app, ["nations", "XXX"])
    assert result.exit_code == 2 and "XXX" in result.stderr


def test_nations_known_code_without_data() -> None:
    doc = json.loads(runner.invoke(app, ["nations", "BRA", "--json"]).stdout)
    assert doc[0]["name"] == "Brazil" and doc[0]["active_personnel"] is None


def test_doctrine_lists_sourced_figures() -> None:
    doc = json.loads(runner.invoke(app, ["doctrine", "--json"]).stdout)
    by_key = {d["key"]: d for d in doc}
    assert by_key["deployable_share"]["value"] == 0.4
    assert "nato.int" in by_key["sustainable_share"]["source"]
    assert runner.invoke(app, ["doctrine"]).exit_code == 0


def test_plan_plot_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "plan.png"
    result = runner.invoke(app, ["plan", "--plot", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 10_000
    json.loads(result.stdout)  # --json output stays clean JSON


def test_plan_plot_refuses_unknown_suffix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", "--plot", str(tmp_path / "plan.gif")])
    assert result.exit_code == 2 and ".png" in result.stderr


@pytest.mark.parametrize(
    ("name", "bad", "message"),
    [
        ("rotation_ratio", "nan", "must be finite"),
        ("rotation_ratio", "inf", "must be finite"),
        ("rotation_ratio", "1e308", "must be finite and at most"),
        ("rotation_ratio", "5e-324", "between 1 and 100"),
        ("rotation_ratio", "1" + "0" * 400, "must be finite and at most"),
        ("duration_months", "1" + "0" * 400, "must be finite and at most"),
        ("rotation_ratio", '"five"', "positive number"),
        ("deployable_share", "1.5", "at most 1"),
        ("land_share_of_active", "-0.5", "positive number"),
        ("duration_months", "-36", "positive number"),
        ("tour_months", "0", "positive number"),
        ("tour_months", "6.5", "whole number"),
        ("backstop_fills_whole_line", "7", "true or false"),
    ],
)
def test_bad_assumption_values_are_caught_by_validate_and_plan(
    tmp_path: Path, name: str, bad: str, message: str
) -> None:
    lines = MINIMAL.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line == f'name = "{name}"\n')
    assert lines[at + 1].startswith("value = ")
    lines[at + 1] = f"value = {bad}\n"
    path = write(tmp_path, "".join(lines))
    for cmd in ("validate", "plan"):
        result = runner.invoke(app, [cmd, str(path)])
        assert result.exit_code == 2, (cmd, result.output)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert f"{path}:{at + 2}: assumptions[" in result.stderr


@pytest.mark.parametrize(
    ("name", "bad", "message"),
    [
        ("fair_share_basis", '"everyone"', "'named', 'attendees'"),
        ("fair_share_basis", '"attendees"', "has no [attendance]"),
        ("backstop_min_modality", '"firm"', "must be one of"),
    ],
)
def test_bad_basis_and_firmness_are_caught(tmp_path: Path, name: str, bad: str,
                                           message: str) -> None:
    text = MINIMAL + f'\n[[assumptions]]\nname = "{name}"\nvalue = {bad}\nsource = "assumption"\n'
    path = write(tmp_path, text)
    result = runner.invoke(app, ["plan", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.stderr
    assert "assumptions[" in result.stderr


@pytest.mark.parametrize("field", ["min_troops = 1000", "max_troops = 2000",
                                   "troops_max = 800"])
def test_a_boolean_is_not_a_number_of_troops(tmp_path: Path, field: str) -> None:
    key = field.split(" = ")[0]
    path = write(tmp_path, MINIMAL.replace(field, f"{key} = true"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and key in result.stderr and "integer" in result.stderr


def test_plan_schema_is_the_document_schema() -> None:
    from forcegen.analysis.plan.document import PlanDocument

    result = runner.invoke(app, ["plan", "--schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == PlanDocument.model_json_schema(mode="serialization")
    assert json.loads(result.stdout)["title"] == "PlanDocument"
