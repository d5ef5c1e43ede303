"""Users and API tokens over the API, on SQLite and PostgreSQL: an admin adds, changes,
disables and enables users, on the record; a change, a disabled user or a revoked token
takes effect at the next request, although the app caches who is asking; tokens are
stored as digests only."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from forcegen.store.schema import api_tokens
from tests.postgres import BACKENDS
from tests.web.support import PASSWORD, bearer, login

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def user_id(client: TestClient, app: FastAPI, name: str) -> int:
    found = client.get("/api/v1/users", headers=bearer(app, "ada")).json()
    return next(int(u["id"]) for u in found if u["name"] == name)


def as_token(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_admin_adds_and_changes_a_user_on_the_record(client: TestClient,
                                                     app: FastAPI) -> None:
    h = bearer(app, "ada")
    made = client.post("/api/v1/users", headers=h, json={
        "name": "lena", "password": PASSWORD, "role": "liaison", "nations": ["deu"]})
    assert made.status_code == 201, made.text
    uid = made.json()["id"]
    assert made.json() == {"id": uid, "name": "lena", "role": "liaison", "nations": ["DEU"],
                           "disabled": False}
    more = client.patch(f"/api/v1/users/{uid}", headers=h, json={"nations": ["DEU", "POL"]})
    assert more.status_code == 200 and more.json()["nations"] == ["DEU", "POL"]
    analyst = client.patch(f"/api/v1/users/{uid}", headers=h, json={"role": "analyst"})
    assert analyst.json()["role"] == "analyst" and analyst.json()["nations"] == []
    record = client.get(f"/api/v1/users/{uid}", headers=h).json()
    assert [(e["action"], e["author"]) for e in record["events"]] == [
        ("added", "ada"), ("changed", "ada"), ("changed", "ada")]
    assert record["events"][1]["detail"] == {"nations": [["DEU"], ["DEU", "POL"]]}
    assert record["events"][2]["detail"] == {"role": ["liaison", "analyst"],
                                             "nations": [["DEU", "POL"], []]}
    when = dt.datetime.fromisoformat(record["events"][2]["recorded_at"])
    assert abs(dt.datetime.now(dt.UTC) - when) < dt.timedelta(minutes=5)


def test_a_role_change_applies_at_once(client: TestClient, app: FastAPI) -> None:
    louis = bearer(app, "louis")
    assert client.get("/api/v1/me", headers=louis).json()["role"] == "liaison"  # cached
    uid = user_id(client, app, "louis")
    r = client.patch(f"/api/v1/users/{uid}", headers=bearer(app, "ada"),
                     json={"role": "viewer"})
    assert r.status_code == 200, r.text
    assert client.get("/api/v1/me", headers=louis).json()["role"] == "viewer"
    refused = client.post("/api/v1/pledges/FRA/any/1/sources", headers=louis, json={
        "source": {"outlet": "Le Figaro", "date": "2025-03-01"}, "expected_version": 1})
    assert refused.status_code == 403


def test_a_disabled_user_is_refused_at_once(app: FastAPI) -> None:
    with TestClient(app, raise_server_exceptions=False) as browser:
        assert login(browser, "louis").status_code == 303
        token = as_token(app.state.test_tokens["louis"])
        assert browser.get("/api/v1/me").status_code == 200  # session, now cached
        assert browser.get("/api/v1/me", headers=token).status_code == 200  # token, cached
        uid = user_id(browser, app, "louis")
        off = browser.patch(f"/api/v1/users/{uid}", headers=bearer(app, "ada"),
                            json={"disabled": True})
        assert off.status_code == 200 and off.json()["disabled"] is True
        assert browser.get("/api/v1/me").status_code == 401
        assert browser.get("/api/v1/me", headers=token).status_code == 401
        assert login(browser, "louis").status_code == 401
        on = browser.patch(f"/api/v1/users/{uid}", headers=bearer(app, "ada"),
                           json={"disabled": False})
        assert on.status_code == 200
        assert browser.get("/api/v1/me", headers=token).status_code == 200
        events = browser.get(f"/api/v1/users/{uid}", headers=bearer(app, "ada")).json()
        assert [e["action"] for e in events["events"]] == ["disabled", "enabled"]


def test_the_last_admin_stays(client: TestClient, app: FastAPI) -> None:
    h = bearer(app, "ada")
    ada = user_id(client, app, "ada")
    demote = client.patch(f"/api/v1/users/{ada}", headers=h, json={"role": "analyst"})
    assert demote.status_code == 409 and demote.json()["error"]["field"] == "role"
    off = client.patch(f"/api/v1/users/{ada}", headers=h, json={"disabled": True})
    assert off.status_code == 409
    anna = user_id(client, app, "anna")
    assert client.patch(f"/api/v1/users/{anna}", headers=h,
                        json={"role": "admin"}).status_code == 200
    assert client.patch(f"/api/v1/users/{ada}", headers=h,
                        json={"role": "analyst"}).status_code == 200
    assert client.get("/api/v1/users", headers=h).status_code == 403  # no longer an admin


def test_tokens_are_listed_and_revoked(client: TestClient, app: FastAPI) -> None:
    vera = bearer(app, "vera")
    made = client.post("/api/v1/tokens", headers=vera, json={"label": "notebook"})
    assert made.status_code == 201
    token, tid = made.json()["token"], made.json()["id"]
    mine = client.get("/api/v1/tokens", headers=vera).json()
    assert [(t["label"], t["user"]) for t in mine] == [("tests", "vera"), ("notebook", "vera")]
    assert all("token" not in t and "token_hash" not in t for t in mine)
    assert client.get("/api/v1/me", headers=as_token(token)).status_code == 200  # cached
    gone = client.delete(f"/api/v1/tokens/{tid}", headers=vera)
    assert gone.status_code == 200 and gone.json()["revoked_by"] == "vera"
    assert client.get("/api/v1/me", headers=as_token(token)).status_code == 401
    again = client.delete(f"/api/v1/tokens/{tid}", headers=vera)
    assert again.status_code == 200 and again.json()["revoked_at"] == gone.json()["revoked_at"]
    assert client.get("/api/v1/me", headers=vera).status_code == 200  # her other token

    anna_tid = client.get("/api/v1/tokens", headers=bearer(app, "anna")).json()[0]["id"]
    assert client.delete(f"/api/v1/tokens/{anna_tid}", headers=vera).status_code == 403
    anna_id = user_id(client, app, "anna")
    assert client.get("/api/v1/tokens", params={"user_id": anna_id},
                      headers=vera).status_code == 403
    seen = client.get("/api/v1/tokens", params={"user_id": anna_id},
                      headers=bearer(app, "ada")).json()
    assert [t["id"] for t in seen] == [anna_tid]
    assert client.get("/api/v1/me", headers=bearer(app, "anna")).status_code == 200
    revoked = client.delete(f"/api/v1/tokens/{anna_tid}", headers=bearer(app, "ada"))
    assert revoked.status_code == 200 and revoked.json()["revoked_by"] == "ada"
    assert client.get("/api/v1/me", headers=bearer(app, "anna")).status_code == 401
    events = client.get(f"/api/v1/users/{anna_id}", headers=bearer(app, "ada")).json()
    assert [(e["action"], e["author"]) for e in events["events"]] == [("token revoked", "ada")]
    missing = client.delete("/api/v1/tokens/99999", headers=vera)
    assert missing.status_code == 404 and missing.json()["error"]["field"] == "token"


def test_tokens_are_stored_as_digests_only(client: TestClient, app: FastAPI) -> None:
    token = client.post("/api/v1/tokens", headers=bearer(app, "vera"),
                        json={"label": "x"}).json()["token"]
    with app.state.ledger.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(api_tokens))]
    stored = json.dumps(rows, default=str)
    assert token not in stored and token[3:] not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in [r["token_hash"] for r in rows]


@pytest.mark.parametrize(("body", "field", "status"), [
    ({"role": "general"}, "role", 422),
    ({"nations": ["XXX"]}, "nations", 422),
    ({"nations": ["FRANCE"]}, "nations.0", 422),
    ({"role": "viewer", "nations": ["FRA"]}, "nations", 422),
    ({"password": "short"}, "password", 422),
    ({"disabled": [1]}, "disabled", 422),
    ({"rank": "major"}, "rank", 422),
])
def test_bad_user_changes_name_the_field(client: TestClient, app: FastAPI,
                                         body: dict[str, Any], field: str,
                                         status: int) -> None:
    louis = user_id(client, app, "louis")
    r = client.patch(f"/api/v1/users/{louis}", headers=bearer(app, "ada"), json=body)
    assert r.status_code == status and r.json()["error"]["field"] == field, r.text
    assert client.get("/api/v1/me", headers=bearer(app, "louis")).json()["nations"] == ["FRA"]


def test_bad_user_requests(client: TestClient, app: FastAPI) -> None:
    h = {**bearer(app, "ada"), "Content-Type": "application/json"}
    louis = user_id(client, app, "louis")
    malformed = client.patch(f"/api/v1/users/{louis}", content=b"{role", headers=h)
    assert malformed.status_code == 422 and malformed.json()["error"]["type"]
    unknown = client.patch("/api/v1/users/4242", headers=h, json={"role": "viewer"})
    assert unknown.status_code == 404 and unknown.json()["error"]["field"] == "user"
    huge = json.dumps({"password": "x" * 100_000}).encode()
    too_big = client.patch(f"/api/v1/users/{louis}", content=huge, headers=h)
    assert too_big.status_code == 413 and too_big.json()["error"]["field"] == "body"
    nul = client.post("/api/v1/users", headers=h, json={
        "name": "a\x00b", "password": PASSWORD, "role": "viewer"})
    assert nul.status_code == 422 and nul.json()["error"]["field"] == "name"
    label = client.post("/api/v1/tokens", headers=h, json={"label": "a\x00b"})
    assert label.status_code == 422 and label.json()["error"]["field"] == "label"
    twice = client.post("/api/v1/users", headers=h, json={
        "name": "louis", "password": PASSWORD, "role": "viewer"})
    assert twice.status_code == 409 and twice.json()["error"]["field"] == "name"
