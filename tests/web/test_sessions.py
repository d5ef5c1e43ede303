"""Logging in: session cookie flags, CSRF on writes made with the cookie, the login rate
limit, logging out."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.support import csrf_of, latest, login, source


def test_login_sets_an_httponly_samesite_cookie(app: FastAPI) -> None:
    with TestClient(app) as browser:
        r = login(browser, "vera")
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
        me = browser.get("/api/v1/me").json()
        assert me == {"id": me["id"], "name": "vera", "role": "viewer", "nations": [],
                      "disabled": False}


def test_cookie_is_secure_over_tls(app: FastAPI) -> None:
    with TestClient(app, base_url="https://testserver") as browser:
        r = login(browser, "vera")
        assert "secure" in r.headers["set-cookie"].lower()


def test_a_cookie_write_needs_the_csrf_token(app: FastAPI) -> None:
    with TestClient(app, raise_server_exceptions=False) as browser:
        login(browser, "anna")
        seen = latest(browser, app, "DNK", "DNK/any/1")["version"]
        body = {"modality": "offered", "source": source(), "expected_version": seen}
        refused = browser.put("/api/v1/pledges/DNK/any/1", json=body)
        assert refused.status_code == 403 and refused.json()["error"]["field"] == "csrf"
        csrf = csrf_of(browser.get("/").text)
        ok = browser.put("/api/v1/pledges/DNK/any/1", json=body,
                         headers={"X-CSRF-Token": csrf})
        assert ok.status_code == 200, ok.text


def test_wrong_passwords_are_rate_limited(app: FastAPI) -> None:
    with TestClient(app) as browser:
        for _ in range(3):  # the fixture allows 3 failures a minute
            assert login(browser, "ada", "wrong password").status_code == 401
        limited = login(browser, "ada", "wrong password")
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
        assert login(browser, "ada").status_code == 429  # even the right one, for now
        assert login(browser, "anna").status_code == 303  # others are not locked out


def test_login_form_needs_its_token_and_logout_ends_the_session(app: FastAPI) -> None:
    with TestClient(app) as browser:
        forged = browser.post("/login", data={"name": "vera", "password": "x", "csrf": "no"})
        assert forged.status_code == 403
        login(browser, "vera")
        csrf = csrf_of(browser.get("/").text)
        out = browser.post("/logout", data={"csrf": csrf}, follow_redirects=False)
        assert out.status_code == 303
        assert browser.get("/api/v1/me").status_code == 401
        page = browser.get("/", headers={"Accept": "text/html"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
