"""`forcegen ledger ...` through Typer's CliRunner: results, JSON, and bad input
(exit code 2, one line on stderr, no traceback, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from forcegen.cli import app
from forcegen.store.engine import HEAD_REVISION

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["ledger", *args])


@pytest.fixture
def db(db_url: str) -> str:
    assert run("init", "--db", db_url).exit_code == 0
    result = run("import", "paris-2025", "--db", db_url, "--author", "ana")
    assert result.exit_code == 0, result.output
    assert result.stdout == "paris-2025: 14 added, 0 changed, 0 retracted, 0 unchanged\n"
    return db_url


SET_FRA = ("set", "FRA", "--modality", "committed", "--troops-max", "12000",
           "--outlet", "Le Monde", "--date", "2025-03-01", "--quote", "jusqu'à 12 000",
           "--actor", "Élysée", "--author", "ben", "--reason", "confirmed")


def test_set_history_as_of_diff(db: str) -> None:
    result = run(*SET_FRA, "--expected-version", "1", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == "FRA/any/1 version 2: committed up to 12,000 troops\n"

    history = json.loads(run("history", "FRA", "--db", db, "--json").stdout)
    assert [(v["version"], v["author"], v["pledge"]["modality"]) for v in history] == [
        (1, "ana", "considering"), (2, "ben", "committed")]
    assert history[1]["pledge"]["sources"][0]["actor"] == "Élysée"
    human = run("history", "FRA", "--db", db)
    assert human.exit_code == 0 and "Le Monde" in human.stdout and "ben" in human.stdout

    then = json.loads(run("as-of", "2025-02-17", "--db", db, "--json").stdout)
    assert [(p["key"], p["version"]) for p in then["pledges"]][:2] == [
        ("FRA/any/1", 1), ("GBR/any/1", 1)]
    assert run("as-of", "2025-02-17", "--db", db).exit_code == 0

    changes = json.loads(run("diff", "2025-02-17", "2025-03-01", "--db", db, "--json").stdout)
    assert [(c["kind"], c["key"]) for c in changes["changes"]] == [("changed", "FRA/any/1")]
    human = run("diff", "2025-02-17", "2025-03-01", "--db", db)
    assert "changed" in human.stdout and "FRA/any/1" in human.stdout

    retract = run("set", "USA", "--retract", "--outlet", "AP", "--date", "2025-03-02",
                  "--reason", "position withdrawn", "--db", db, "--json")
    assert retract.exit_code == 0, retract.output
    assert json.loads(retract.stdout)["retracted"] is True
    changes = json.loads(run("diff", "2025-03-01", "2025-03-02", "--db", db, "--json").stdout)
    assert [(c["kind"], c["key"]) for c in changes["changes"]] == [("retracted", "USA/any/1")]
    now = json.loads(run("as-of", "2025-03-02", "--db", db, "--json").stdout)
    assert "USA/any/1" not in [p["key"] for p in now["pledges"]]


def test_plan_reads_the_ledger(db: str) -> None:
    result = runner.invoke(app, ["plan", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == runner.invoke(app, ["plan", "--json"]).stdout


@pytest.mark.parametrize("fmt", ["json", "toml", "csv"])
def test_export_import_export_is_identical(db: str, make_url: object, tmp_path: Path,
                                           fmt: str) -> None:
    assert run(*SET_FRA, "--db", db).exit_code == 0
    first = tmp_path / f"ledger.{fmt}"
    assert run("export", "--db", db, "--format", fmt, "--output", str(first)).exit_code == 0
    assert callable(make_url)
    other = make_url()
    assert run("init", "--db", other).exit_code == 0
    result = run("import", str(first), "--db", other)
    assert result.exit_code == 0, result.output
    assert result.stdout == "imported ledger export: paris-2025\n"
    second = tmp_path / f"again.{fmt}"
    assert run("export", "--db", other, "--format", fmt, "-o", str(second)).exit_code == 0
    assert second.read_bytes() == first.read_bytes()


BAD = [
    (("set", "XXX", "--modality", "offered", "--outlet", "A", "--date", "2025-03-01"),
     "unknown country code 'XXX'"),
    (("set", "FRA", "--modality", "offered", "--date", "2025-03-01"), "needs an outlet"),
    (("set", "FRA", "--modality", "offered", "--outlet", "A"), "needs a date"),
    (("set", "FRA", "--modality", "offered", "--outlet", "A", "--date", "2999-01-01"),
     "in the future"),
    (("set", "FRA", "--modality", "offered", "--outlet", "A", "--date", "1 March"),
     "not an ISO date"),
    (("set", "FRA", "--modality", "sure", "--outlet", "A", "--date", "2025-03-01"),
     "unknown modality 'sure'"),
    (("set", "FRA", "--modality", "offered", "--outlet", "A", "--date", "2025-03-01",
      "--expected-version", "0"), "version 1 is the latest (recorded by ana"),
    (("history", "GBR", "--key", "GBR/any/9"), "no pledge GBR/any/9"),
    (("as-of", "2025-13-01"), "not an ISO date"),
    (("diff", "2025-03-01", "2025-02-01"), "before the start"),
    (("export", "--format", "xml"), "unknown format 'xml'"),
    (("import", "no-such-scenario"), "no embedded scenario named 'no-such-scenario'"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a[:2]) + f"-{i}"
                                                        for i, (a, _) in enumerate(BAD)])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
        db: str, args: tuple[str, ...], message: str) -> None:
    before = run("export", "--db", db).stdout
    result = run(*args, "--db", db)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert run("export", "--db", db).stdout == before


def test_malformed_import_file(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "x"\nas_of = 2025-01-01\nbroken = [\n', "utf-8")
    before = run("export", "--db", db).stdout
    result = run("import", str(bad), "--db", db)
    assert result.exit_code == 2 and "malformed TOML" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "forcegen-ledger", "scenarios": [{"name": 1}]}', "utf-8")
    result = run("import", str(broken), "--db", db)
    assert result.exit_code == 2 and "scenarios[0]" in result.stderr
    assert run("export", "--db", db).stdout == before


def test_unreachable_and_uninitialised_databases(tmp_path: Path) -> None:
    down = run("as-of", "2025-02-17", "--db",
               "postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=2")
    assert down.exit_code == 2 and "does not answer" in down.stderr
    assert down.stderr.count("\n") == 1
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    fresh = run("history", "FRA", "--db", empty)
    assert fresh.exit_code == 2 and "not initialised" in fresh.stderr
    nowhere = run("init", "--db", "sqlite:////no/such/folder/x.sqlite")
    assert nowhere.exit_code == 2 and "does not exist" in nowhere.stderr
    nonsense = run("init", "--db", "not a url")
    assert nonsense.exit_code == 2 and "not a database URL" in nonsense.stderr


def test_default_db_comes_from_the_environment(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'env.sqlite'}"
    monkeypatch.setenv("FORCEGEN_DB_URL", url)
    result = run("init", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"db": url, "revision": HEAD_REVISION}
    from forcegen.settings import Settings

    assert Settings().db_url == url
    # unset: the per-user data folder (here a temporary one, never the real user's)
    monkeypatch.delenv("FORCEGEN_DB_URL")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert Settings().db_url == f"sqlite:///{tmp_path / 'data' / 'forcegen' / 'ledger.sqlite'}"
