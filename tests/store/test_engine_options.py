"""Options are checked before they reach a library (issue 8, point 9): a bad port, an
unknown or malformed URL parameter, a bogus revision: a message and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from forcegen.cli import app
from forcegen.errors import UsageError
from forcegen.store import Ledger
from forcegen.store.engine import check_revision, check_url, safe_url

runner = CliRunner()
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.mark.parametrize("url, message", [
    ("postgresql+psycopg://postgres@127.0.0.1:abc/test", "not a database URL"),
    ("postgresql+psycopg://postgres@127.0.0.1:70000/test", "out of range"),
    (f"{PG}?connect_timeout=abc", "whole number of seconds"),
    (f"{PG}?connect_timeout=-1", "whole number of seconds"),
    (f"{PG}?sslmode=sometimes", "must be one of"),
    (f"{PG}?options=--search_path", "-c NAME=VALUE"),
    (f"{PG}?options=-cwork_mem%3D1", "-c NAME=VALUE"),
    (f"{PG}?foo=1", "unknown URL parameter 'foo'"),
    (f"{PG}?connect_timeout=1&connect_timeout=2", "given 2 times"),
    ("sqlite:///x.sqlite?mode=ro", "unknown URL parameter 'mode'"),
])
def test_bad_database_urls_are_usage_errors(url: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        check_url(url)
    result = runner.invoke(app, ["ledger", "init", "--db", url])
    assert result.exit_code == 2 and message.split("'")[0] in result.stderr
    assert "Traceback" not in result.output


def test_well_formed_urls_pass() -> None:
    assert check_url(f"{PG}?connect_timeout=3&options=-csearch_path%3Dfg_1").port == 5432


def test_a_password_is_hidden_even_in_an_unparsable_url() -> None:
    assert "secret" not in safe_url("postgresql://me:secret@host:abc/db")


@pytest.mark.parametrize("revision", ["bogus", "-1", "+5", "head+1", ""])
def test_unknown_revisions_are_refused(revision: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown revision"):
        check_revision(revision, also=("head",))
    url = f"sqlite:///{tmp_path / 'l.sqlite'}"
    result = runner.invoke(app, ["ledger", "upgrade", "--revision", revision, "--db", url])
    assert result.exit_code == 2 and "unknown revision" in result.stderr
    with Ledger(url) as ledger:
        assert ledger.revision() is None  # nothing was migrated
