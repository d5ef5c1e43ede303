"""``forcegen users`` and ``forcegen serve``: users made from the command line can log in."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from forcegen.cli import app
from forcegen.store import Ledger
from forcegen.store.users import UserStore

runner = CliRunner()


def test_users_add_list_and_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    made = runner.invoke(app, ["users", "add", "lo", "--role", "liaison", "--nation", "fra",
                               "--nation", "DEU", "--db", url, "--json"],
                         input="long enough\nlong enough\n")
    assert made.exit_code == 0, made.output
    lo = {"id": 1, "name": "lo", "role": "liaison", "nations": ["FRA", "DEU"],
          "disabled": False}
    assert json.loads(made.stdout[made.stdout.index("{"):]) == lo
    listed = runner.invoke(app, ["users", "list", "--db", url, "--json"])
    assert json.loads(listed.stdout) == [lo]
    token = runner.invoke(app, ["users", "token", "lo", "--db", url]).stdout.strip()
    with Ledger(url) as ledger:
        store = UserStore(ledger)
        assert store.authenticate("lo", "long enough") is not None
        assert store.authenticate("lo", "wrong password") is None
        found = store.by_token(token)
        assert found is not None and found.name == "lo" and found.can_edit("FRA")
        assert not found.can_edit("GBR")


def test_users_add_refuses_bad_input_with_one_message(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    bad = runner.invoke(app, ["users", "add", "x", "--role", "liaison", "--password",
                              "short", "--db", url])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert "nation" in bad.stderr and "password" in bad.stderr
    ok = runner.invoke(app, ["users", "add", "x", "--role", "viewer", "--password",
                             "long enough", "--db", url])
    assert ok.exit_code == 0
    again = runner.invoke(app, ["users", "add", "x", "--role", "viewer", "--password",
                                "long enough", "--db", url])
    assert again.exit_code == 2 and "already exists" in again.stderr
    missing = runner.invoke(app, ["users", "token", "nobody", "--db", url])
    assert missing.exit_code == 2 and "nobody" in missing.stderr


def test_serve_binds_to_loopback_by_default() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.stdout
