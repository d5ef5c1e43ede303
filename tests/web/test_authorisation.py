"""Every write endpoint × every role × own / other nation: allowed, or 401 / 403.

The liaison ``louis`` is assigned FRA (own); GBR is another nation. Analysts and admins
edit every nation; viewers none; nobody without a login.
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


NATION_WRITES: dict[str, tuple[Call, int]] = {
    "PUT pledge": (put_pledge, 200),
    "POST pledge": (create_pledge, 201),
    "POST retract": (retract_pledge, 200),
    "POST review accept": (accept_claim, 200),
    "POST review reject": (reject_claim, 200),
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
