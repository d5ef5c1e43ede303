"""The admin's users page and everyone's tokens page: forms with the session's CSRF
token; what a form changes shows on the page and in the API."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.support import PASSWORD, bearer, csrf_of, login


def admin(app: FastAPI) -> tuple[TestClient, str]:
    browser = TestClient(app, raise_server_exceptions=False)
    assert login(browser, "ada").status_code == 303
    return browser, csrf_of(browser.get("/admin/users").text)


def test_only_admins_see_the_users_page(app: FastAPI) -> None:
    with TestClient(app, raise_server_exceptions=False) as browser:
        login(browser, "anna")
        assert 'href="/admin/users"' not in browser.get("/").text
        r = browser.get("/admin/users", headers={"Accept": "text/html"})
        assert r.status_code == 403 and "only an admin" in r.text
    browser, _ = admin(app)
    page = browser.get("/admin/users").text
    assert 'href="/admin/users"' in page
    for name in ("vera", "anna", "louis", "ada"):
        assert f'aria-label="user {name}"' in page


def test_add_change_disable_and_enable_a_user_on_the_page(app: FastAPI) -> None:
    browser, csrf = admin(app)
    r = browser.post("/admin/users", follow_redirects=False, data={
        "csrf": csrf, "name": "lena", "password": PASSWORD, "role": "liaison",
        "nations": "deu, pol"})
    assert r.status_code == 303 and r.headers["location"] == "/admin/users?done=added+lena"
    page = browser.get(r.headers["location"]).text
    assert "Done: added lena." in page and "DEU, POL" in page
    users = browser.get("/api/v1/users", headers=bearer(app, "ada")).json()
    lena = next(u for u in users if u["name"] == "lena")
    assert lena["role"] == "liaison" and lena["nations"] == ["DEU", "POL"]
    changed = browser.post(f"/admin/users/{lena['id']}", follow_redirects=False, data={
        "csrf": csrf, "action": "change", "role": "liaison", "nations": "EST"})
    assert changed.status_code == 303
    off = browser.post(f"/admin/users/{lena['id']}", follow_redirects=False,
                       data={"csrf": csrf, "action": "disable"})
    assert off.status_code == 303
    assert 'aria-label="enable lena"' in browser.get("/admin/users").text
    with TestClient(app) as other:
        assert login(other, "lena").status_code == 401
    browser.post(f"/admin/users/{lena['id']}", data={"csrf": csrf, "action": "enable"})
    with TestClient(app) as other:
        assert login(other, "lena").status_code == 303
        assert other.get("/api/v1/me").json()["nations"] == ["EST"]
    record = browser.get(f"/api/v1/users/{lena['id']}", headers=bearer(app, "ada")).json()
    assert [e["action"] for e in record["events"]] == ["added", "changed", "disabled",
                                                        "enabled"]
    assert {e["author"] for e in record["events"]} == {"ada"}


def test_bad_forms_say_what_is_wrong(app: FastAPI) -> None:
    browser, csrf = admin(app)
    short = browser.post("/admin/users", data={
        "csrf": csrf, "name": "kim", "password": "short", "role": "viewer"})
    assert short.status_code == 422 and "password" in short.text
    nowhere = browser.post("/admin/users", data={
        "csrf": csrf, "name": "kim", "password": PASSWORD, "role": "liaison"})
    assert nowhere.status_code == 422 and "a liaison needs at least one nation" in nowhere.text
    twice = browser.post("/admin/users", data={
        "csrf": csrf, "name": "vera", "password": PASSWORD, "role": "viewer"})
    assert twice.status_code == 409 and "already exists" in twice.text
    forged = browser.post("/admin/users", data={
        "csrf": "forged", "name": "kim", "password": PASSWORD, "role": "viewer"},
        headers={"Accept": "application/json"})
    assert forged.status_code == 403 and forged.json()["error"]["field"] == "csrf"
    ada = next(u["id"] for u in browser.get("/api/v1/users").json() if u["name"] == "ada")
    last = browser.post(f"/admin/users/{ada}", data={"csrf": csrf, "action": "disable"})
    assert last.status_code == 409 and "last active admin" in last.text
    odd = browser.post(f"/admin/users/{ada}", data={"csrf": csrf, "action": "delete"})
    assert odd.status_code == 400 and "unknown action" in odd.text
    names = [u["name"] for u in browser.get("/api/v1/users").json()]
    assert "kim" not in names


def test_a_token_made_on_the_page_is_shown_once_and_revoked_there(app: FastAPI) -> None:
    with TestClient(app) as browser:
        login(browser, "vera")
        csrf = csrf_of(browser.get("/tokens").text)
        made = browser.post("/tokens", data={"csrf": csrf, "label": "my notebook"})
        assert made.status_code == 201
        token = made.text.split('id="new-token"', 1)[1].split("<code>", 1)[1].split("<", 1)[0]
        assert token.startswith("fg_") and made.headers["cache-control"] == "no-store"
        assert token not in browser.get("/tokens").text
        me = browser.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json()["name"] == "vera"
        tid = next(t["id"] for t in browser.get("/api/v1/tokens").json()
                   if t["label"] == "my notebook")
        r = browser.post(f"/tokens/{tid}/revoke", data={"csrf": csrf}, follow_redirects=False)
        assert r.status_code == 303
        gone = browser.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert gone.status_code == 401
