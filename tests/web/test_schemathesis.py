"""Schemathesis against the OpenAPI spec: requests generated from the schema (valid and
invalid) never get a 5xx. Kept small for CI time: a few examples per operation.

Every operation as an analyst; the users, tokens and sources operations also as an admin
on an app of their own (so that what the admin fuzzing disables or revokes does not starve
the analyst's run), as an active admin with a fresh token per case (a case may revoke the
token it runs on, or disable its user once it has made another admin).
The apps are built when the module is collected (schemathesis parametrizes from the
spec), on ledgers in a temporary folder removed at exit.
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


_admin_app = create_app(WebSettings(db_url=f"sqlite:///{_folder / 'admin.sqlite'}"))
_admins: UserStore = _admin_app.state.users
ADMIN = _admins.add("root", PASSWORD, "admin")
for _name, _role, _nations in (("lia", "liaison", ["FRA"]), ("vi", "viewer", [])):
    _admins.create_token(_admins.add(_name, PASSWORD, _role, _nations), "schemathesis")
admin_schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _admin_app).include(
    path_regex=r"^/api/v1/(users|tokens|sources|pledges/.*/sources)")


@admin_schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors_as_admin(case: Any) -> None:
    # an earlier case may have made another admin and then disabled or demoted this one
    _admins.change(ADMIN.id, author="schemathesis", role="admin", disabled=False)
    token = _admins.create_token(ADMIN, "case")
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, (case.method, case.formatted_path, response.text)
