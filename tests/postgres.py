"""The PostgreSQL test server, shared by the ledger and web fixtures: is it up, and a
fresh schema per test (dropped afterwards) in the ``test`` database.

PostgreSQL down: the PostgreSQL cases skip locally, and fail when ``CI=true``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable

import pytest

PG_SERVER = os.environ.get("FORCEGEN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_pg_state: dict[str, str | None] = {}

#: a test parametrised over both databases (``backend``)
BACKENDS = [pytest.param("sqlite", id="sqlite"),
            pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]


def pg_problem() -> str | None:
    """None if the PostgreSQL test server answers, else why not (checked once)."""
    if "problem" not in _pg_state:
        import psycopg

        conninfo = PG_SERVER.replace("postgresql+psycopg://", "postgresql://")
        try:
            with psycopg.connect(conninfo, connect_timeout=3):
                _pg_state["problem"] = None
        except psycopg.Error as exc:
            _pg_state["problem"] = str(exc).strip().splitlines()[0]
    return _pg_state["problem"]


def require_pg() -> None:
    """Skip (locally) or fail (``CI=true``) unless the PostgreSQL test server answers."""
    problem = pg_problem()
    if problem is None:
        return
    message = f"PostgreSQL test server {PG_SERVER} is down: {problem}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: PostgreSQL tests must run)")
    pytest.skip(message)


def pg_schema_url() -> tuple[str, Callable[[], None]]:
    """A fresh schema on the test server: its URL and how to drop it."""
    import psycopg

    schema = f"fg_{uuid.uuid4().hex[:12]}"
    conninfo = PG_SERVER.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    return f"{PG_SERVER}?options=-csearch_path%3D{schema}", drop
