"""Sources through the ledger over the API, on SQLite and PostgreSQL: reports listed with
the pledges citing them; a pledge's source added, corrected, withdrawn; a report corrected
wherever it is cited. Each is a new version of the pledges concerned, by the user, under
optimistic locking (a stale edit gets 409 with the newer version), positions unchanged.

paris-2025 cites two reports: the seed article (dated 17 Feb 2025), cited by the 13
European pledges (NLD twice: two quotes), and the same article as the US pledge cites it
(its outlet names the Washington Post differently).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.postgres import BACKENDS
from tests.web.support import bearer, latest, source

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)

EUROPEANS = ["FRA", "GBR", "DEU", "POL", "NLD", "DNK", "FIN", "ISL", "NOR", "SWE", "EST",
             "LVA", "LTU"]


def reports(client: TestClient, app: FastAPI, **params: str) -> list[dict[str, Any]]:
    r = client.get("/api/v1/sources", params=params, headers=bearer(app, "vera"))
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def seed_report(client: TestClient, app: FastAPI) -> dict[str, Any]:
    (found,) = [r for r in reports(client, app) if len(r["cited_by"]) > 1]
    return found


def test_reports_list_the_pledges_citing_them(client: TestClient, app: FastAPI) -> None:
    found = reports(client, app)
    assert len(found) == 2
    usa, seed = found  # same date; the US outlet sorts first (")" before ";")
    assert [c["key"] for c in usa["cited_by"]] == ["USA/any/1"]
    assert seed["date"] == "2025-02-17" and seed["outlet"].startswith("Seed article")
    assert sorted({c["key"] for c in seed["cited_by"]}) == sorted(
        f"{n}/any/1" for n in EUROPEANS)
    nld = [c for c in seed["cited_by"] if c["nation"] == "NLD"]
    assert [c["index"] for c in nld] == [0, 1] and nld[0]["quote"] != nld[1]["quote"]
    assert [r["id"] for r in reports(client, app, nation="usa")] == [usa["id"]]
    assert [r["id"] for r in reports(client, app, outlet="CITING")] == [usa["id"]]
    one = client.get(f"/api/v1/sources/{seed['id']}", headers=bearer(app, "vera"))
    assert one.status_code == 200 and one.json() == seed


def test_add_correct_and_withdraw_a_pledges_source(client: TestClient,
                                                   app: FastAPI) -> None:
    h = bearer(app, "anna")
    url = "/api/v1/pledges/FRA/any/1/sources"
    added = client.post(url, headers=h, json={
        "source": source("Le Monde", "2025-03-01"), "expected_version": 1})
    assert added.status_code == 201, added.text
    v2 = added.json()
    assert v2["version"] == 2 and v2["author"] == "anna"
    assert v2["reason"] == "source added: Le Monde"
    assert v2["effective_date"] == "2025-03-01"  # its latest source's date
    assert [s["outlet"] for s in v2["pledge"]["sources"]][1] == "Le Monde"
    assert (v2["pledge"]["modality"], v2["pledge"]["troops_max"]) == ("considering", 10000)

    listed = client.get(url, headers=bearer(app, "vera")).json()
    assert listed["version"] == 2 and [s["index"] for s in listed["sources"]] == [0, 1]

    fixed = client.put(f"{url}/1", headers=h, json={
        "source": {**source("Le Monde", "2025-02-28"), "actor": "Emmanuel Macron"},
        "reason": "the print edition's date", "expected_version": 2})
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["version"] == 3 and fixed.json()["effective_date"] == "2025-02-28"
    assert fixed.json()["pledge"]["sources"][1]["actor"] == "Emmanuel Macron"

    gone = client.delete(f"{url}/1", headers=h, params={"expected_version": 3})
    assert gone.status_code == 200, gone.text
    assert gone.json()["version"] == 4 and len(gone.json()["pledge"]["sources"]) == 1
    assert gone.json()["effective_date"] == "2025-02-17"

    last = client.delete(f"{url}/0", headers=h, params={"expected_version": 4})
    assert last.status_code == 409 and last.json()["error"]["field"] == "index"
    history = client.get("/api/v1/pledges/FRA/history", headers=h).json()
    assert [(v["version"], v["author"]) for v in history] == [
        (1, "forcegen serve"), (2, "anna"), (3, "anna"), (4, "anna")]
    recorded = dt.datetime.fromisoformat(history[-1]["recorded_at"])
    assert abs(dt.datetime.now(dt.UTC) - recorded) < dt.timedelta(minutes=5)


def test_a_stale_source_edit_gets_409_with_the_newer_version(client: TestClient,
                                                             app: FastAPI) -> None:
    h = bearer(app, "anna")
    url = "/api/v1/pledges/GBR/any/1/sources"
    body = {"source": source("The Times"), "expected_version": 1}
    assert client.post(url, headers=h, json=body).status_code == 201
    stale = client.post(url, headers=bearer(app, "ada"), json=body)
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["type"] == "StaleVersion" and error["current"]["version"] == 2
    assert error["current"]["author"] == "anna"
    assert error["current"]["pledge"]["sources"][1]["outlet"] == "The Times"
    assert latest(client, app, "GBR", "GBR/any/1")["version"] == 2  # nothing written


def test_correct_a_report_wherever_it_is_cited(client: TestClient, app: FastAPI) -> None:
    h = bearer(app, "anna")
    seed = seed_report(client, app)
    plan_before = client.get("/api/v1/plan", headers=h).json()["totals"]
    expected = {c["key"]: c["version"] for c in seed["cited_by"]}
    r = client.patch(f"/api/v1/sources/{seed['id']}", headers=h, json={
        "url": "https://example.org/paris-meeting", "title": "Emergency Paris meeting",
        "reason": "the article's address", "expected_versions": expected})
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["id"] != seed["id"] and len(done["versions"]) == 13
    assert {v["version"] for v in done["versions"]} == {2}
    assert {v["author"] for v in done["versions"]} == {"anna"}
    assert client.get(f"/api/v1/sources/{seed['id']}", headers=h).status_code == 404
    now = client.get(f"/api/v1/sources/{done['id']}", headers=h).json()
    assert now["url"] == "https://example.org/paris-meeting"
    assert now["title"] == "Emergency Paris meeting" and now["outlet"] == seed["outlet"]
    assert [c["quote"] for c in now["cited_by"]] == [c["quote"] for c in seed["cited_by"]]
    assert client.get("/api/v1/plan", headers=h).json()["totals"] == plan_before
    nld = latest(client, app, "NLD", "NLD/any/1")["pledge"]["sources"]
    assert [s["url"] for s in nld] == ["https://example.org/paris-meeting"] * 2


def test_a_report_correction_must_name_every_citing_pledge(client: TestClient,
                                                           app: FastAPI) -> None:
    h = bearer(app, "anna")
    seed = seed_report(client, app)
    expected = {c["key"]: c["version"] for c in seed["cited_by"]}
    short = dict(list(expected.items())[1:])
    r = client.patch(f"/api/v1/sources/{seed['id']}", headers=h,
                     json={"title": "x", "expected_versions": short})
    assert r.status_code == 409 and r.json()["error"]["field"] == "expected_versions"
    assert r.json()["error"]["current"]["id"] == seed["id"]
    stale = client.patch(f"/api/v1/sources/{seed['id']}", headers=h,
                         json={"title": "x", "expected_versions": {**expected, "FRA/any/1": 7}})
    assert stale.status_code == 409 and stale.json()["error"]["current"]["version"] == 1
    assert latest(client, app, "DEU", "DEU/any/1")["version"] == 1  # nothing written
    same = client.patch(f"/api/v1/sources/{seed['id']}", headers=h,
                        json={"date": seed["date"], "expected_versions": expected})
    assert same.status_code == 400 and same.json()["error"]["field"] == "date"


def test_a_liaison_corrects_only_reports_of_their_own_nations(client: TestClient,
                                                              app: FastAPI) -> None:
    seed = seed_report(client, app)
    expected = {c["key"]: c["version"] for c in seed["cited_by"]}
    r = client.patch(f"/api/v1/sources/{seed['id']}", headers=bearer(app, "louis"),
                     json={"title": "x", "expected_versions": expected})
    assert r.status_code == 403 and r.json()["error"]["field"] == "nation"
    own = client.post("/api/v1/pledges/FRA/any/1/sources", headers=bearer(app, "louis"),
                      json={"source": source("Ouest-France"), "expected_version": 1})
    assert own.status_code == 201
    (mine,) = reports(client, app, outlet="Ouest-France")
    fixed = client.patch(f"/api/v1/sources/{mine['id']}", headers=bearer(app, "louis"),
                         json={"grade": "B", "expected_versions": {"FRA/any/1": 2}})
    assert fixed.status_code == 200, fixed.text
    assert latest(client, app, "FRA", "FRA/any/1")["pledge"]["sources"][1]["grade"] == "B"


def test_bad_source_input_gets_a_json_error_naming_the_field(client: TestClient,
                                                             app: FastAPI) -> None:
    h = {**bearer(app, "anna"), "Content-Type": "application/json"}
    url = "/api/v1/pledges/FRA/any/1/sources"
    malformed = client.post(url, content=b'{"source": ', headers=h)
    assert malformed.status_code == 422 and malformed.json()["error"]["type"]
    wrong = client.post(url, headers=h, json={"source": source(), "expected_version": "one"})
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "expected_version"
    no_date = client.post(url, headers=h, json={"source": {"outlet": "X"},
                                                "expected_version": 1})
    assert no_date.status_code == 422 and no_date.json()["error"]["field"] == "source.date"
    for where, body in ((url, {"source": {**source(), "quote": "a\x00b"},
                               "expected_version": 1}),
                        ("/api/v1/pledges/FRA/any/1", {
                            "modality": "offered", "source": {**source(), "actor": "a\x00"},
                            "expected_version": 1})):
        nul = client.request("PUT" if where.endswith("/1") else "POST", where, headers=h,
                             json=body)
        assert nul.status_code == 422 and nul.json()["error"]["field"].startswith("source.")
    extra = client.post(url, headers=h, json={"source": source(), "expected_version": 1,
                                              "troops": 5})
    assert extra.status_code == 422 and extra.json()["error"]["field"] == "troops"
    unknown = client.post("/api/v1/pledges/XXX/any/1/sources", headers=h,
                          json={"source": source(), "expected_version": 1})
    assert unknown.status_code == 404 and unknown.json()["error"]["field"] == "nation"
    no_pledge = client.post("/api/v1/pledges/ITA/any/1/sources", headers=h,
                            json={"source": source(), "expected_version": 1})
    assert no_pledge.status_code == 404 and no_pledge.json()["error"]["field"] == "key"
    future = client.post(url, headers=h, json={"source": source(date="2999-01-01"),
                                               "expected_version": 1})
    assert future.status_code == 422 and future.json()["error"]["field"] == "sources[1].date"
    index = client.put(f"{url}/5", headers=h, json={"source": source(),
                                                    "expected_version": 1})
    assert index.status_code == 404 and index.json()["error"]["field"] == "index"
    bad_id = client.get("/api/v1/sources/not-an-id", headers=h)
    assert bad_id.status_code == 422 and bad_id.json()["error"]["field"] == "source_id"
    huge = json.dumps({"source": {**source(), "quote": "x" * 100_000},
                       "expected_version": 1}).encode()
    too_big = client.post(url, content=huge, headers=h)
    assert too_big.status_code == 413 and too_big.json()["error"]["field"] == "body"
    empty = client.patch(f"/api/v1/sources/{'0' * 16}", headers=h,
                         json={"title": "x", "expected_versions": {}})
    assert empty.status_code == 422 and empty.json()["error"]["field"] == "expected_versions"
    assert latest(client, app, "FRA", "FRA/any/1")["version"] == 1  # nothing written


def test_a_retracted_pledge_keeps_its_sources(client: TestClient, app: FastAPI) -> None:
    h = bearer(app, "anna")
    gone = client.post("/api/v1/pledges/ISL/any/1/retract", headers=h, json={
        "source": source("RUV"), "expected_version": 1})
    assert gone.status_code == 200
    r = client.post("/api/v1/pledges/ISL/any/1/sources", headers=h,
                    json={"source": source("Morgunbladid"), "expected_version": 2})
    assert r.status_code == 409 and "retracted" in r.json()["error"]["message"]
