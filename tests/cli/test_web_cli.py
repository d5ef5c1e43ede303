"""``forcegen users`` and ``forcegen serve``: users made from the command line can log in."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from forcegen.cli import app
from forcegen.cli.support import author_name
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


def test_users_set_disable_enable_and_revoke(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    db = ["--db", url, "--author", "chief"]
    assert runner.invoke(app, ["users", "add", "lo", "--role", "liaison", "--nation", "FRA",
                               "--password", "long enough", *db]).exit_code == 0
    moved = runner.invoke(app, ["users", "set", "lo", "--nation", "deu", "--nation", "POL",
                                *db])
    assert moved.exit_code == 0 and moved.stdout == "user lo: liaison for DEU, POL\n"
    promoted = runner.invoke(app, ["users", "set", "lo", "--role", "analyst", *db, "--json"])
    assert json.loads(promoted.stdout)["nations"] == []
    off = runner.invoke(app, ["users", "disable", "lo", *db])
    assert off.exit_code == 0 and off.stdout == "user lo: analyst (disabled)\n"
    listed = runner.invoke(app, ["users", "list", "--db", url])
    assert listed.stdout.rstrip().endswith("(disabled)")
    assert runner.invoke(app, ["users", "enable", "lo", *db]).exit_code == 0
    token = json.loads(runner.invoke(app, ["users", "token", "lo", "--label", "nb", "--db",
                                           url, "--json"]).stdout)
    tokens = runner.invoke(app, ["users", "tokens", "lo", "--db", url, "--json"])
    assert [(t["id"], t["label"], t["revoked_at"]) for t in json.loads(tokens.stdout)] == [
        (token["id"], "nb", None)]
    assert token["token"] not in tokens.stdout
    gone = runner.invoke(app, ["users", "revoke", str(token["id"]), *db])
    assert gone.exit_code == 0 and gone.stdout == f"token {token['id']} of lo: revoked\n"
    with Ledger(url) as ledger:
        store = UserStore(ledger)
        assert store.by_token(token["token"]) is None
        lo = store.named("lo")
        assert [(e.action, e.author) for e in store.events(lo.id)] == [
            ("added", "chief"), ("changed", "chief"), ("changed", "chief"),
            ("disabled", "chief"), ("enabled", "chief"), ("token issued", author_name(None)),
            ("token revoked", "chief")]


def test_users_commands_refuse_bad_input(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    assert runner.invoke(app, ["users", "add", "ada", "--role", "admin", "--password",
                               "long enough", "--db", url]).exit_code == 0
    for args, words in [(["set", "ada"], "--role"), (["set", "nobody", "--role", "viewer"],
                                                      "nobody"),
                        (["set", "ada", "--role", "viewer"], "last active admin"),
                        (["disable", "ada"], "last active admin"),
                        (["set", "ada", "--nation", "FRA"], "only a liaison"),
                        (["revoke", "7"], "no API token with id 7")]:
        r = runner.invoke(app, ["users", *args, "--db", url])
        assert r.exit_code == 2 and words in r.stderr and "Traceback" not in r.output, args


def test_serve_binds_to_loopback_by_default() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.stdout
