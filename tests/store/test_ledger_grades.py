"""A source's grade survives every path: scenario TOML, the ledger (import, set, history),
and the three export formats; a wrong grade is refused with file, field and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forcegen.cli import app
from forcegen.errors import ScenarioError
from forcegen.io.toml import export_to_toml, scenario_from_toml_text
from forcegen.model import Modality, Source
from forcegen.store import Ledger, dump

GRADED = """\
[scenario]
name = "graded"
title = "Graded sources"
as_of = 2025-03-01

[requirement]
min_troops = 1000
max_troops = 2000

[[sources]]
id = "wire"
outlet = "A wire"
date = 2025-02-20
grade = "B"

[[pledges]]
nation = "FRA"
modality = "offered"
troops_max = 500
sources = [{ ref = "wire", quote = "500" }, { outlet = "Mirror", date = 2025-02-21, grade = "C" }]
"""


def test_toml_round_trip() -> None:
    scn = scenario_from_toml_text(GRADED)
    assert [s.grade for s in scn.pledges[0].sources] == ["B", "C"]
    assert scenario_from_toml_text(export_to_toml(scn)) == scn


def test_wrong_grade_names_field_and_line() -> None:
    with pytest.raises(ScenarioError) as info:
        scenario_from_toml_text(GRADED.replace('grade = "B"', 'grade = "D"'), file="g.toml")
    (problem,) = info.value.problems
    assert problem.field == "pledges[0].sources[0].grade" and problem.line == 20


@pytest.mark.parametrize("fmt", ["json", "toml", "csv"])
def test_ledger_and_exports_keep_grades(ledger: Ledger, make_ledger: object,
                                        fmt: str) -> None:
    ledger.import_scenario(scenario_from_toml_text(GRADED), author="t")
    ledger.set_pledge("DEU", modality=Modality.CAUTIOUS, author="t",
                      source=Source(outlet="State media", date=dt.date(2025, 2, 25),
                                    grade="C"))
    assert [s.grade for s in ledger.history("FRA")[0].pledge.sources] == ["B", "C"]
    assert ledger.history("DEU")[0].pledge.sources[0].grade == "C"
    text = ledger.export(fmt)  # type: ignore[arg-type]
    other = make_ledger()  # type: ignore[operator]
    other.import_dump(text, fmt)
    assert other.export(fmt) == text
    grades = [s.grade for sc in dump.parse(text, fmt).scenarios for p in sc.pledges
              for v in p.versions for s in v.pledge.sources]
    assert grades == ["B", "C", "C"]


def test_cli_set_grade(tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    path = tmp_path / "graded.toml"
    path.write_text(GRADED, "utf-8")
    assert runner.invoke(app, ["ledger", "init", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["ledger", "import", str(path), "--db", db]).exit_code == 0
    base = ["ledger", "set", "DEU", "--modality", "cautious", "--outlet", "X",
            "--date", "2025-02-25", "--db", db]
    bad = runner.invoke(app, [*base, "--grade", "E"])
    assert bad.exit_code == 2 and "unknown grade" in bad.stderr
    assert runner.invoke(app, [*base, "--grade", "A"]).exit_code == 0
    with Ledger(db) as ledger:
        assert ledger.history("DEU")[0].pledge.sources[0].grade == "A"
