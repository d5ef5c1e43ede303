"""The pages render for a logged-in user, from the same documents as the API, and
escape what users typed."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.support import bearer, latest, login, source

PAGES = ["/", "/nations", "/nations/FRA", "/gaps", "/sustainment", "/timeline",
         "/timeline?as_of=2025-02-17", "/reinforce", "/incident?attacked=FRA", "/what-if"]


@pytest.fixture
def browser(app: FastAPI) -> TestClient:
    c = TestClient(app)
    login(c, "louis")
    return c


@pytest.mark.parametrize("path", PAGES)
def test_page_renders(browser: TestClient, path: str) -> None:
    r = browser.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "louis" in r.text


def test_overview_shows_the_band_and_the_certain_troops(browser: TestClient) -> None:
    text = browser.get("/").text
    assert "25,000" in text and "30,000" in text and 'id="max-possible">10,000' in text


def test_plotly_is_served_locally(browser: TestClient) -> None:
    js = browser.get("/static-plotly/plotly.min.js")
    assert js.status_code == 200 and b"plotly" in js.content[:2000].lower()
    assert "cdn" not in browser.get("/").text.lower()


def test_typed_text_is_escaped(browser: TestClient, app: FastAPI) -> None:
    seen = latest(browser, app, "FIN", "FIN/any/1")["version"]
    r = browser.put("/api/v1/pledges/FIN/any/1", headers=bearer(app, "anna"), json={
        "modality": "offered", "source": {**source(), "quote": "<script>alert(1)</script>"},
        "reason": "<b>bold</b>", "expected_version": seen})
    assert r.status_code == 200
    page = browser.get("/nations/FIN").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page


def test_a_liaison_sees_no_form_on_another_nation(browser: TestClient) -> None:
    assert 'id="read-only"' in browser.get("/nations/GBR").text
    assert 'action="/nations/FRA/pledge"' in browser.get("/nations/FRA").text


def test_what_if_form_shows_both_plans(browser: TestClient) -> None:
    page = browser.get("/what-if").text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = browser.post("/what-if", data={"csrf": csrf, "nation": "GBR", "modality": "committed",
                                       "troops_min": "4000", "troops_max": "4000"})
    assert r.status_code == 200 and "Recorded" in r.text and "What if" in r.text


def test_unknown_nation_page_is_404(browser: TestClient) -> None:
    r = browser.get("/nations/XYZ", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "XYZ" in r.text
