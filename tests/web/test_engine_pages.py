"""The engines' pages render the API's documents: the risk fan chart with the band and the
tornado, the sourcing plan by area and nation with each gap's reason, each nation's
proposal with its sources, the overview's fan chart, and the what-if panel's condition
form (a scratch copy: the ledger's stamp does not move)."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.support import bearer, csrf_of, login


@pytest.fixture(scope="module")
def app(shared_app: FastAPI) -> FastAPI:
    """The engines' results are costly and these tests only read: one app per module."""
    return shared_app

PAGES = ["/risk", "/risk?draws=2000&seed=1&source_grade=true", "/sourcing",
         "/sourcing?mode=capacity", "/proposals/FRA", "/proposals/isl"]


@pytest.fixture(scope="module")
def browser(app: FastAPI) -> TestClient:
    c = TestClient(app)
    login(c, "louis")
    return c


def figure(page: str, chart_id: str) -> dict[str, Any]:
    """The Plotly figure a page carries for the chart ``chart_id``."""
    start = page.index(f'data-chart="{chart_id}">') + len(f'data-chart="{chart_id}">')
    found: dict[str, Any] = json.loads(page[start:page.index("</script>", start)])
    return found


def api(client: TestClient, app: FastAPI, path: str) -> Any:
    r = client.get(path, headers=bearer(app, "vera"))
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("path", PAGES)
def test_page_renders(browser: TestClient, path: str) -> None:
    r = browser.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "louis" in r.text


def test_risk_page_draws_the_band_and_the_tornado(browser: TestClient, app: FastAPI) -> None:
    page = browser.get("/risk?draws=3000&seed=5").text
    doc = api(browser, app, "/api/v1/risk?draws=3000&seed=5")
    fan = figure(page, "risk-fan-chart")
    (band,) = fan["layout"]["shapes"]
    assert (band["y0"], band["y1"]) == (25_000, 30_000)
    medians = {t["name"]: t["y"] for t in fan["data"] if t.get("name", "").endswith("median")}
    assert medians["quantified only: median"] == [m["quantiles"]["p50"] for m in doc["months"]]
    assert medians["with priors: median"] == [
        m["quantiles"]["p50"] for m in doc["with_priors"]["months"]]
    tornado = figure(page, "risk-tornado")
    factors = [s["factor"] for s in doc["with_priors"]["sensitivity"]]
    assert set(tornado["data"][0]["y"]) <= set(factors)
    assert len(tornado["data"][0]["y"]) == min(12, len(factors))
    assert html.escape(doc["headline"], quote=False) in page


def test_overview_has_the_risk_fan_chart(browser: TestClient, app: FastAPI) -> None:
    page = browser.get("/").text
    fan = figure(page, "risk-fan-chart")
    doc = api(browser, app, "/api/v1/risk")  # the defaults: one cached run serves both
    assert fan["layout"]["title"]["text"] == "Troops in place: 100,000 draws, seed 0"
    assert fan["data"][-1]["y"] == [m["quantiles"]["p50"] for m in doc["months"]]


def test_sourcing_page_lists_every_gap_with_its_reason(browser: TestClient,
                                                       app: FastAPI) -> None:
    page = browser.get("/sourcing").text
    doc = api(browser, app, "/api/v1/source")
    gaps = page[page.index('id="sourcing-gaps"'):]
    gaps = gaps[:gaps.index("</table>")]
    assert gaps.count("<tr>") == 1 + len(doc["unfilled"])
    for reason in {u["reason"] for u in doc["unfilled"]}:
        assert reason.replace("_", " ") in gaps
    for f in doc["fair_share"]:
        assert f'href="/proposals/{f["nation"]}"' in page
    chart = figure(page, "sourcing-chart")
    placed = sum(sum(t["y"]) for t in chart["data"] if t["name"] != "missing")
    missing = sum(sum(t["y"]) for t in chart["data"] if t["name"] == "missing")
    assert placed == sum(a["troops"] for a in doc["assignments"])
    assert missing == sum(u["troops"] for u in doc["unfilled"])


def test_proposal_page_shows_the_plan_and_its_sources(browser: TestClient,
                                                     app: FastAPI) -> None:
    page = browser.get("/proposals/FRA").text
    doc = api(browser, app, "/api/v1/proposals/FRA")
    assert 'id="proposal-peak">10,000<' in page
    assert page.count("<tr><td>") >= len(doc["lines"])
    for s in doc["sources"]:
        assert html.escape(s["quote"], quote=False) in page
    assert "Operation Sentinelle" in page  # the standing commitment behind its land forces


def test_nation_page_links_to_its_proposal(browser: TestClient) -> None:
    assert 'href="/proposals/GBR"' in browser.get("/nations/GBR").text


def test_bad_page_input_is_refused(browser: TestClient) -> None:
    unknown = browser.get("/proposals/XYZ", headers={"Accept": "text/html"})
    assert unknown.status_code == 404 and "XYZ" in unknown.text
    assert browser.get("/risk?draws=0", headers={"Accept": "text/html"}).status_code == 422
    assert browser.get("/sourcing?mode=x", headers={"Accept": "text/html"}).status_code == 422


def test_what_if_condition_form(browser: TestClient, app: FastAPI) -> None:
    page = browser.get("/what-if").text
    assert 'value="parliamentary_approval:NLD"' in page and 'value="us_backstop:"' in page
    stamp = app.state.ledger.stamp()
    r = browser.post("/what-if/condition", data={
        "csrf": csrf_of(page), "condition": "parliamentary_approval:NLD", "met": "no",
        "provider": "USA", "backstop_modality": "offered"})
    assert r.status_code == 200, r.text
    assert "parliamentary_approval (NLD) taken as not met" in r.text
    assert "United States backstop taken as offered" in r.text
    assert 'id="what-if-risk"' in r.text
    assert app.state.ledger.stamp() == stamp


def test_what_if_condition_form_needs_its_token(browser: TestClient) -> None:
    r = browser.post("/what-if/condition", data={"csrf": "forged", "condition": "ceasefire:",
                                                 "met": "yes"},
                     headers={"Accept": "application/json"})
    assert r.status_code == 403


@pytest.mark.parametrize("path", ["/risk", "/sourcing", "/proposals/FRA"])
def test_pages_need_a_login(app: FastAPI, path: str) -> None:
    with TestClient(app) as anonymous:
        r = anonymous.get(path, headers={"Accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login"
        posted = anonymous.post("/what-if/condition", data={"condition": "ceasefire:"},
                                headers={"Accept": "application/json"})
        assert posted.status_code == 401


def test_sourcing_page_shows_unpriced_caveats_and_undecided_groups(
        browser: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # a price never re-solved (the budget used up) has no figure; an area with no distance
    # (one derived from the requirement) has none shown; groups not decided in time are named
    from forcegen.web.engines import Engines

    real = Engines.source

    def doctored(self: Engines, mode: str = "pledges",
                 time_limit: float | None = None) -> dict[str, Any]:
        doc = dict(real(self, mode, time_limit))
        doc["areas"] = [{**doc["areas"][0], "distance_km": None}, *doc["areas"][1:]]
        doc["caveat_costs"] = [{"nation": "FRA", "caveat": "not in kyiv", "coverage_gain": None,
                                "coverage_gain_bound": None, "troops_gain": None,
                                "proven": False, "source": "assumption: test",
                                "note": "not priced: the pricing budget was used up"}]
        doc["limit_costs"] = [{"nation": None, "caveat": "the standoff", "coverage_gain": 3.0,
                               "coverage_gain_bound": 7.0, "troops_gain": 3, "proven": False,
                               "source": "", "note": "re-solve stopped at its time budget"}]
        doc["infeasible_undecided"] = ["cohesion: the cap on nations per area"]
        return doc

    monkeypatch.setattr(Engines, "source", doctored)
    r = browser.get("/sourcing?mode=pledges&time_limit=7")
    assert r.status_code == 200, r.text
    text = html.unescape(r.text)
    assert "not priced" in text and "not priced: the pricing budget was used up" in text
    assert "3.0 to 7.0" in text
    assert "Not decided within the time budget" in text
