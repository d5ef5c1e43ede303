"""Schemathesis against the OpenAPI spec: requests generated from the schema (valid and
invalid) never get a 5xx. Kept small for CI time: a few examples per operation.

The app is built when the module is collected (schemathesis parametrizes from the spec),
on a ledger in a temporary folder removed at exit.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from forcegen.store.users import UserStore
from forcegen.web import WebSettings, create_app
from tests.web.support import PASSWORD

_folder = Path(tempfile.mkdtemp(prefix="forcegen-schemathesis-"))
atexit.register(shutil.rmtree, _folder, True)
_app = create_app(WebSettings(db_url=f"sqlite:///{_folder / 'ledger.sqlite'}"))
_store: UserStore = _app.state.users
TOKEN = _store.create_token(_store.add("fuzz", PASSWORD, "analyst"), "schemathesis")
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _app)


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code < 500, (case.method, case.formatted_path, response.text)
