"""Web fixtures: one app on a temporary SQLite ledger (paris-2025 seeded on first start)
per module, and a user of every role with an API token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from forcegen.store.users import UserStore
from forcegen.web import WebSettings, create_app
from tests.web.support import PASSWORD, ROLES


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    folder: Path = tmp_path_factory.mktemp("web")
    application = create_app(WebSettings(db_url=f"sqlite:///{folder / 'ledger.sqlite'}",
                                         secret_key="test-secret", login_attempts=3))
    store: UserStore = application.state.users
    tokens = {}
    for name, (role, nations) in ROLES.items():
        user = store.add(name, PASSWORD, role, nations)
        tokens[name] = store.create_token(user, "tests")
    application.state.test_tokens = tokens
    return application


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
