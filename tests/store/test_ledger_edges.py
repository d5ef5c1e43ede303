"""Bad input found in review: future dates on import, blank outlets, URLs that are not
ledgers, the default data folder. Each gets one message, exit 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from forcegen.cli import app
from forcegen.io.catalogue import load_scenario
from forcegen.io.toml import export_to_toml

runner = CliRunner()
PARIS = load_scenario("paris-2025")


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return runner.invoke(app, ["ledger", *args], env=env)


def future_copy(tmp_path: Path) -> Path:
    """paris-2025 moved to 2099: every source and as_of in the future."""
    text = export_to_toml(PARIS).replace("2025-02-17", "2099-02-17")
    text = text.replace("2024-12-27", "2098-12-27").replace("2025-01-08", "2099-01-08")
    path = tmp_path / "future.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_importing_a_future_dated_scenario_writes_nothing(db_url: str, tmp_path: Path) -> None:
    assert run("init", "--db", db_url).exit_code == 0
    result = run("import", str(future_copy(tmp_path)), "--db", db_url)
    assert result.exit_code == 2
    assert "in the future" in result.stderr and "Traceback" not in result.stderr
    listing = run("as-of", "2026-01-01", "--db", db_url)
    assert listing.exit_code == 2  # no scenario at all was written


def test_importing_a_future_dated_export_writes_nothing(db_url: str, tmp_path: Path) -> None:
    assert run("init", "--db", db_url).exit_code == 0
    assert run("import", "paris-2025", "--db", db_url).exit_code == 0
    dump = json.loads(run("export", "--format", "json", "--db", db_url).stdout)
    # a second, empty ledger receives the export with one version moved to 2099
    other = tmp_path / "other.sqlite"
    url = f"sqlite:///{other}"
    assert run("init", "--db", url).exit_code == 0
    dump["scenarios"][0]["pledges"][0]["versions"][0]["effective_date"] = "2099-01-01"
    del dump["manifest"]  # an edited export: as a JSON one without manifest (version 1)
    dump["format_version"] = 1
    path = tmp_path / "future.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    result = run("import", str(path), "--db", url)
    assert result.exit_code == 2 and "in the future" in result.stderr
    assert run("history", "FRA", "--db", url).exit_code == 2  # nothing there


def test_a_blank_outlet_is_refused(db_url: str) -> None:
    assert run("init", "--db", db_url).exit_code == 0
    assert run("import", "paris-2025", "--db", db_url).exit_code == 0
    result = run("set", "DEU", "--modality", "offered", "--outlet", "   ", "--date",
                 "2025-03-01", "--db", db_url)
    assert result.exit_code == 2 and "outlet" in result.stderr
    history = json.loads(run("history", "DEU", "--db", db_url, "--json").stdout)
    assert len(history) == 1


@pytest.mark.parametrize("url", ["mysql://x@localhost/db", "oracle://x@localhost/db"])
def test_other_databases_are_refused_clearly(url: str) -> None:
    result = run("init", "--db", url)
    assert result.exit_code == 2
    assert "SQLite" in result.stderr and "Traceback" not in result.stderr


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not SQLite\n" * 100, encoding="utf-8")
    result = run("init", "--db", f"sqlite:///{path}")
    assert result.exit_code == 2 and "not a database" in result.stderr
    assert path.read_text(encoding="utf-8").startswith("hello")


def test_default_ledger_folder_is_made_on_a_fresh_machine(tmp_path: Path) -> None:
    env: dict[str, str | None] = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
                                  "FORCEGEN_DB_URL": None}
    result = run("init", env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "forcegen" / "ledger.sqlite").is_file()
