"""One place says how each error is answered: exit code for the CLI, HTTP status for the API."""

from __future__ import annotations

import pytest

from forcegen.errors import (
    AlreadyExists,
    Conflict,
    ForcegenError,
    Infeasible,
    IngestError,
    NotFound,
    Problem,
    ScenarioError,
    StaleVersion,
    StoreUnavailable,
    TooLarge,
    UsageError,
    exit_code,
    http_status,
)


@pytest.mark.parametrize(("exc", "status"), [
    (UsageError("--as-of needs --db"), 400),
    (ScenarioError([Problem("bad", "pledges[0].troops_max", 12)]), 422),
    (NotFound("no such scenario"), 404),
    (StaleVersion("you edited version 1"), 409),
    (AlreadyExists("already in the ledger"), 409),
    (Infeasible("no plan"), 422),
    (IngestError("binary file"), 422),
    (TooLarge("over 10 MB"), 413),
    (StoreUnavailable("down"), 503),
])
def test_each_error_has_one_exit_code_and_status(exc: ForcegenError, status: int) -> None:
    assert exit_code(exc) == 2
    assert http_status(exc) == status


def test_a_bug_is_not_a_user_error() -> None:
    assert exit_code(ValueError("bug")) == 1
    assert http_status(KeyError("bug")) == 500


def test_already_imported_is_a_conflict_but_not_a_stale_edit() -> None:
    assert isinstance(AlreadyExists("x"), Conflict)
    assert not isinstance(AlreadyExists("x"), StaleVersion)
    assert not isinstance(UsageError("x"), ScenarioError)
