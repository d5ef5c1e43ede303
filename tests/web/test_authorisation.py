"""Every write endpoint × every role × own / other nation: allowed, or 401 / 403, on
SQLite and PostgreSQL.

The liaison ``louis`` is assigned FRA (own); GBR is another nation. Analysts and admins
edit every nation; viewers none; nobody without a login. Users are the admin's; a token
is its owner's (or an admin's) to revoke. A test checks that every write endpoint in the
OpenAPI document is in the matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.postgres import BACKENDS
from tests.web.support import OTHER, OWN, PASSWORD, bearer, csrf_of, latest, login, source

WHO = [None, "vera", "anna", "louis", "ada"]
EDITORS = {"anna", "ada"}

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def expected_for_nation(who: str | None, nation: str, ok: int) -> int:
    if who is None:
        return 401
    if who in EDITORS or (who == "louis" and nation == OWN):
        return ok
    return 403


Call = Callable[[TestClient, FastAPI, str, dict[str, str]], Any]


def put_pledge(client: TestClient, app: FastAPI, nation: str, h: dict[str, str]) -> Any:
    seen = latest(client, app, nation, f"{nation}/any/1")["version"]
    return client.put(f"/api/v1/pledges/{nation}/any/1", headers=h, json={
        "modality": "offered", "troops_max": 1000, "source": source(),
        "expected_version": seen})


def create_pledge(client: TestClient, app: FastAPI, nation: str, h: dict[str, str]) -> Any:
    slot = 2 + len(client.get(f"/api/v1/pledges/{nation}/history",
                              headers=bearer(app, "anna")).json())
    return client.post("/api/v1/pledges", headers=h, json={
        "nation": nation, "slot": slot, "modality": "considering", "source": source()})


def retract_pledge(client: TestClient, app: FastAPI, nation: str, h: dict[str, str]) -> Any:
    made = create_pledge(client, app, nation, bearer(app, "anna")).json()
    return client.post(f"/api/v1/pledges/{nation}/any/{made['slot']}/retract", headers=h,
                       json={"source": source(), "expected_version": 1})


def _proposed(app: FastAPI, nation: str) -> int:
    from forcegen.store import ReviewQueue

    _proposed.count += 1  # type: ignore[attr-defined]
    n = _proposed.count  # type: ignore[attr-defined]
    evidence = f"{nation} could send up to {n} troops."
    (cid,) = ReviewQueue(app.state.ledger).propose([(f"fp-{n}", [{
        "article": "a.txt", "country": nation, "claim_type": "troops", "quantity_max": n,
        "unit": "troops", "modality": "offered", "evidence": evidence,
        "source": {"outlet": "Example Wire", "date": "2025-02-18"}}])], author="ingest").proposed
    return cid


_proposed.count = 0  # type: ignore[attr-defined]


def accept_claim(client: TestClient, app: FastAPI, nation: str, h: dict[str, str]) -> Any:
    return client.post(f"/api/v1/review/{_proposed(app, nation)}/accept", headers=h, json={})


def reject_claim(client: TestClient, app: FastAPI, nation: str, h: dict[str, str]) -> Any:
    return client.post(f"/api/v1/review/{_proposed(app, nation)}/reject", headers=h, json={})


def _seen(client: TestClient, app: FastAPI, nation: str) -> int:
    return int(latest(client, app, nation, f"{nation}/any/1")["version"])


def add_source(client: TestClient, app: FastAPI, nation: str, h: dict[str, str]) -> Any:
    return client.post(f"/api/v1/pledges/{nation}/any/1/sources", headers=h, json={
        "source": source("Added wire"), "expected_version": _seen(client, app, nation)})


def correct_source(client: TestClient, app: FastAPI, nation: str, h: dict[str, str]) -> Any:
    return client.put(f"/api/v1/pledges/{nation}/any/1/sources/0", headers=h, json={
        "source": source("Corrected wire"), "expected_version": _seen(client, app, nation)})


def withdraw_source(client: TestClient, app: FastAPI, nation: str,
                    h: dict[str, str]) -> Any:
    assert add_source(client, app, nation, bearer(app, "anna")).status_code == 201
    return client.delete(f"/api/v1/pledges/{nation}/any/1/sources/1", headers=h,
                         params={"expected_version": _seen(client, app, nation)})


def correct_report(client: TestClient, app: FastAPI, nation: str, h: dict[str, str]) -> Any:
    """A report only this nation's pledge cites, corrected wherever it is cited."""
    outlet = f"Only {nation} wire"
    made = client.post(f"/api/v1/pledges/{nation}/any/1/sources", headers=bearer(app, "anna"),
                       json={"source": source(outlet), "expected_version": _seen(
                           client, app, nation)})
    assert made.status_code == 201, made.text
    (report,) = client.get("/api/v1/sources", params={"outlet": outlet},
                           headers=bearer(app, "vera")).json()
    return client.patch(f"/api/v1/sources/{report['id']}", headers=h, json={
        "title": "corrected", "expected_versions": {c["key"]: c["version"]
                                                    for c in report["cited_by"]}})


NATION_WRITES: dict[str, tuple[Call, int]] = {
    "PUT pledge": (put_pledge, 200),
    "POST pledge": (create_pledge, 201),
    "POST retract": (retract_pledge, 200),
    "POST review accept": (accept_claim, 200),
    "POST review reject": (reject_claim, 200),
    "POST pledge source": (add_source, 201),
    "PUT pledge source": (correct_source, 200),
    "DELETE pledge source": (withdraw_source, 200),
    "PATCH source": (correct_report, 200),
}


@pytest.mark.parametrize("nation", [OWN, OTHER])
@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", list(NATION_WRITES))
def test_nation_writes(client: TestClient, app: FastAPI, endpoint: str, who: str | None,
                       nation: str) -> None:
    call, ok = NATION_WRITES[endpoint]
    r = call(client, app, nation, bearer(app, who))
    assert r.status_code == expected_for_nation(who, nation, ok), r.text


@pytest.mark.parametrize("who", WHO)
def test_create_user_is_for_admins(client: TestClient, app: FastAPI, who: str | None) -> None:
    r = client.post("/api/v1/users", headers=bearer(app, who), json={
        "name": f"new-{who}", "password": PASSWORD, "role": "viewer"})
    assert r.status_code == {None: 401, "ada": 201}.get(who, 403), r.text


def _user_id(client: TestClient, app: FastAPI, name: str) -> int:
    found = client.get("/api/v1/users", headers=bearer(app, "ada")).json()
    return next(int(u["id"]) for u in found if u["name"] == name)


@pytest.mark.parametrize("change", [{"role": "analyst"}, {"nations": ["FRA", "GBR"]},
                                    {"disabled": True}])
@pytest.mark.parametrize("who", WHO)
def test_changing_a_user_is_for_admins(client: TestClient, app: FastAPI, who: str | None,
                                       change: dict[str, Any]) -> None:
    louis = _user_id(client, app, "louis")
    r = client.patch(f"/api/v1/users/{louis}", headers=bearer(app, who), json=change)
    assert r.status_code == {None: 401, "ada": 200}.get(who, 403), r.text
    me = client.get("/api/v1/me", headers=bearer(app, "louis"))
    assert (me.status_code == 200 and me.json()["role"] == "liaison"
            and me.json()["nations"] == ["FRA"]) is (who != "ada")


def _token_of(client: TestClient, app: FastAPI, name: str) -> int:
    return int(client.get("/api/v1/tokens", headers=bearer(app, name)).json()[0]["id"])


@pytest.mark.parametrize("whose", ["own", "other"])
@pytest.mark.parametrize("who", WHO)
def test_revoking_a_token_is_for_its_owner_or_an_admin(client: TestClient, app: FastAPI,
                                                       who: str | None, whose: str) -> None:
    owner = who if whose == "own" and who is not None else "anna" if who != "anna" else "vera"
    tid = _token_of(client, app, owner)
    r = client.delete(f"/api/v1/tokens/{tid}", headers=bearer(app, who))
    allowed = who is not None and (whose == "own" or who == "ada")
    assert r.status_code == (401 if who is None else 200 if allowed else 403), r.text
    works = client.get("/api/v1/me", headers=bearer(app, owner)).status_code
    assert works == (401 if allowed else 200)


def test_the_matrix_covers_every_write_endpoint(client: TestClient) -> None:
    """A new write endpoint must join the matrix above (the what-if writes nothing)."""
    covered = {
        ("put", "/api/v1/pledges/{nation}/{capability}/{slot}"), ("post", "/api/v1/pledges"),
        ("post", "/api/v1/pledges/{nation}/{capability}/{slot}/retract"),
        ("post", "/api/v1/review/{claim_id}/accept"),
        ("post", "/api/v1/review/{claim_id}/reject"),
        ("post", "/api/v1/pledges/{nation}/{capability}/{slot}/sources"),
        ("put", "/api/v1/pledges/{nation}/{capability}/{slot}/sources/{index}"),
        ("delete", "/api/v1/pledges/{nation}/{capability}/{slot}/sources/{index}"),
        ("patch", "/api/v1/sources/{source_id}"), ("post", "/api/v1/users"),
        ("patch", "/api/v1/users/{user_id}"), ("post", "/api/v1/tokens"),
        ("delete", "/api/v1/tokens/{token_id}"), ("post", "/api/v1/what-if")}
    spec = client.get("/api/v1/openapi.json").json()
    writes = {(method, path) for path, ops in spec["paths"].items() for method in ops
              if method in ("post", "put", "patch", "delete")}
    assert writes == covered


@pytest.mark.parametrize("who", WHO)
def test_tokens_are_for_anyone_logged_in(client: TestClient, app: FastAPI,
                                         who: str | None) -> None:
    r = client.post("/api/v1/tokens", headers=bearer(app, who), json={"label": "notebook"})
    assert r.status_code == (401 if who is None else 201)
    if who is not None:
        token = r.json()["token"]
        me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json()["name"] == who


@pytest.mark.parametrize("nation", [OWN, OTHER])
@pytest.mark.parametrize("who", WHO)
def test_the_nation_page_form(app: FastAPI, who: str | None, nation: str) -> None:
    with TestClient(app, raise_server_exceptions=False) as browser:
        if who is not None:
            assert login(browser, who).status_code == 303
        page = browser.get("/nations/FRA")  # any page carries the session's token
        csrf = csrf_of(page.text) if who is not None else ""
        seen = latest(browser, app, nation, f"{nation}/any/1")["version"]
        r = browser.post(f"/nations/{nation}/pledge", follow_redirects=False, data={
            "csrf": csrf, "key": f"{nation}/any/1", "expected_version": str(seen),
            "modality": "offered", "troops_max": "2000", "outlet": "Form test",
            "date": "2025-03-03"}, headers={"Accept": "application/json"})
        assert r.status_code == expected_for_nation(who, nation, 303), r.text


ADMIN_FORMS: dict[str, Callable[[TestClient, FastAPI], tuple[str, dict[str, str]]]] = {
    "add user": lambda c, app: ("/admin/users", {
        "name": "newcomer", "password": PASSWORD, "role": "viewer"}),
    "change user": lambda c, app: (f"/admin/users/{_user_id(c, app, 'vera')}", {
        "action": "change", "role": "analyst"}),
    "disable user": lambda c, app: (f"/admin/users/{_user_id(c, app, 'vera')}", {
        "action": "disable"}),
    "revoke token": lambda c, app: (f"/admin/tokens/{_token_of(c, app, 'vera')}/revoke", {}),
}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("form", list(ADMIN_FORMS))
def test_the_admin_page_forms(app: FastAPI, who: str | None, form: str) -> None:
    with TestClient(app, raise_server_exceptions=False) as browser:
        if who is not None:
            assert login(browser, who).status_code == 303
        csrf = csrf_of(browser.get("/tokens").text) if who is not None else ""
        action, data = ADMIN_FORMS[form](browser, app)
        r = browser.post(action, data={"csrf": csrf, **data}, follow_redirects=False,
                         headers={"Accept": "application/json"})
        assert r.status_code == {None: 401, "ada": 303}.get(who, 403), r.text
        vera = client_me(browser, app)
        assert (vera == (200, "viewer")) is (who != "ada" or form == "add user")


def client_me(client: TestClient, app: FastAPI) -> tuple[int, str | None]:
    r = client.get("/api/v1/me", headers=bearer(app, "vera"))
    return r.status_code, r.json().get("role")


@pytest.mark.parametrize("who", WHO)
def test_the_token_page_forms_are_for_anyone_logged_in(app: FastAPI, who: str | None) -> None:
    with TestClient(app, raise_server_exceptions=False) as browser:
        if who is not None:
            assert login(browser, who).status_code == 303
        csrf = csrf_of(browser.get("/tokens").text) if who is not None else ""
        made = browser.post("/tokens", data={"csrf": csrf, "label": "form"},
                            headers={"Accept": "application/json"})
        assert made.status_code == (401 if who is None else 201), made.text
        own = _token_of(browser, app, who or "vera")
        other = _token_of(browser, app, "anna" if who != "anna" else "vera")
        for tid, allowed in ((other, who == "ada"), (own, True)):
            r = browser.post(f"/tokens/{tid}/revoke", data={"csrf": csrf},
                             follow_redirects=False, headers={"Accept": "application/json"})
            assert r.status_code == (401 if who is None else 303 if allowed else 403)
