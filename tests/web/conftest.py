"""Web fixtures: a fresh app per test on its own ledger (paris-2025 seeded) with a user of
every role and an API token each.

The ledger is SQLite by default: a copy of one seeded file made once per session. A module
that sets ``pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)``
also runs on PostgreSQL: a fresh schema per test in the ``test`` database, migrated and
seeded by the app itself on first start, dropped afterwards (``tests/postgres.py``). The
engines' modules, which only read and whose results are costly, share one app per module
(``shared_app``).
The users are written straight into their tables with one Argon2 hash made per session,
with light parameters (hashing and verifying passwords at full cost, per test, would cost
more than the rest of the setup).
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import insert

from forcegen.store import Ledger
from forcegen.store.schema import api_tokens, users
from forcegen.store.users import hash_password, token_digest
from forcegen.store.writes import now
from forcegen.web import WebSettings, create_app
from forcegen.web.app import seed
from tests.postgres import pg_schema_url, require_pg
from tests.web.support import PASSWORD, ROLES


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    name = str(getattr(request, "param", "sqlite"))
    if name == "postgresql":
        require_pg()
    return name


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite ledger with paris-2025 imported, as `forcegen serve` seeds it."""
    path = tmp_path_factory.mktemp("web-template") / "ledger.sqlite"
    with Ledger(f"sqlite:///{path}") as ledger:
        seed(ledger, "paris-2025")
    return path


@pytest.fixture(scope="session")
def password_hash() -> str:
    """An Argon2 hash of PASSWORD with light parameters (a hash carries its parameters,
    so the app verifies it as it is; users made by the app get the full ones)."""
    from argon2 import PasswordHasher

    light = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    assert light.startswith("$argon2id$") and hash_password(PASSWORD) != light
    return light


@pytest.fixture
def db_url(backend: str, tmp_path: Path, seeded_sqlite: Path) -> Iterator[str]:
    if backend == "sqlite":
        shutil.copyfile(seeded_sqlite, tmp_path / "ledger.sqlite")
        yield f"sqlite:///{tmp_path / 'ledger.sqlite'}"
        return
    url, drop = pg_schema_url()
    try:
        yield url
    finally:
        drop()


def add_users(app: FastAPI, password_hash: str) -> dict[str, str]:
    """The ROLES users, each with an API token (returned by name)."""
    tokens = {}
    ledger: Ledger = app.state.ledger
    with ledger.engine.begin() as conn:
        for name, (role, nations) in ROLES.items():
            uid = conn.execute(insert(users).values(
                name=name, password_hash=password_hash, role=role, nations=nations,
                created_at=now()).returning(users.c.id)).scalar_one()
            tokens[name] = "fg_" + secrets.token_urlsafe(32)
            conn.execute(insert(api_tokens).values(
                user_id=uid, token_hash=token_digest(tokens[name]), label="tests",
                created_at=now()))
    return tokens


def make_app(db_url: str, password_hash: str) -> FastAPI:
    application = create_app(WebSettings(db_url=db_url, secret_key="test-secret",
                                         login_attempts=3))
    application.state.test_tokens = add_users(application, password_hash)
    return application


@pytest.fixture
def app(db_url: str, password_hash: str) -> Iterator[FastAPI]:
    application = make_app(db_url, password_hash)
    yield application
    application.state.ledger.close()


@pytest.fixture(scope="module")
def shared_app(seeded_sqlite: Path, password_hash: str,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """One app for a whole module (SQLite), for modules whose results are costly and that
    only read (the engines'): they override ``app`` with it."""
    path = tmp_path_factory.mktemp("web-shared") / "ledger.sqlite"
    shutil.copyfile(seeded_sqlite, path)
    application = make_app(f"sqlite:///{path}", password_hash)
    yield application
    application.state.ledger.close()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
