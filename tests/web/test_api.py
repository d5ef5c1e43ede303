"""The API: the CLI's --json documents, pledge edits through the ledger with optimistic
locking, and bad input answered with a 4xx JSON error naming the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.postgres import BACKENDS
from tests.web.support import bearer, latest, source

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "paris-2025.plan.json"

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def test_plan_is_the_cli_json_of_the_seeded_ledger(client: TestClient, app: FastAPI) -> None:
    r = client.get("/api/v1/plan", headers=bearer(app, "vera"))
    assert r.status_code == 200
    doc = r.json()
    golden = json.loads(GOLDEN.read_text("utf-8"))
    assert doc["scenario"] == "paris-2025"
    assert doc["totals"] == golden["totals"]
    assert doc["target"]["min_troops"] == 25000 and doc["target"]["max_troops"] == 30000


def test_overview_holds_band_totals_and_gaps(client: TestClient, app: FastAPI) -> None:
    doc = client.get("/api/v1/overview", headers=bearer(app, "vera")).json()
    assert set(doc) >= {"target", "totals", "shortfall", "capabilities"}
    assert doc["totals"]["max_possible"] == 10000  # France's "up to 10,000"


def test_timeline_reinforce_incident_answer(client: TestClient, app: FastAPI) -> None:
    h = bearer(app, "vera")
    assert client.get("/api/v1/timeline", headers=h).json()["scenario"] == "paris-2025"
    reinforce = client.get("/api/v1/reinforce", headers=h).json()
    assert reinforce["scenario"] == "paris-2025" and reinforce["days"]
    incident = client.get("/api/v1/incident", params={"attacked": "FRA"}, headers=h)
    assert incident.status_code == 200 and incident.json()["attacked"] == ["FRA"]


def test_reading_needs_a_login(client: TestClient) -> None:
    r = client.get("/api/v1/plan")
    assert r.status_code == 401 and r.json()["error"]["status"] == 401
    bad = client.get("/api/v1/plan", headers={"Authorization": "Bearer fg_nonsense"})
    assert bad.status_code == 401


def test_edit_is_versioned_and_a_stale_edit_gets_409_with_the_newer(
        client: TestClient, app: FastAPI) -> None:
    h = bearer(app, "anna")
    seen = latest(client, app, "DEU", "DEU/any/1")["version"]
    body = {"modality": "considering", "troops_max": 1500, "source": source("Der Spiegel"),
            "reason": "new report", "expected_version": seen}
    first = client.put("/api/v1/pledges/DEU/any/1", json=body, headers=h)
    assert first.status_code == 200, first.text
    assert first.json()["version"] == seen + 1 and first.json()["author"] == "anna"
    again = client.put("/api/v1/pledges/DEU/any/1", json=body, headers=h)
    assert again.status_code == 409
    error = again.json()["error"]
    assert error["type"] == "StaleVersion" and error["current"]["version"] == seen + 1
    assert error["current"]["pledge"]["troops_max"] == 1500
    history = client.get("/api/v1/pledges/DEU/history", headers=h).json()
    assert [v["version"] for v in history if v["key"] == "DEU/any/1"][-2:] == [seen, seen + 1]


def test_what_if_changes_a_scratch_copy_only(client: TestClient, app: FastAPI) -> None:
    h = bearer(app, "vera")
    before = client.get("/api/v1/pledges", headers=h).json()
    r = client.post("/api/v1/what-if", headers=h, json={"changes": [
        {"nation": "GBR", "modality": "committed", "troops_min": 5000, "troops_max": 5000}]})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["what_if"]["totals"]["committed"] == doc["recorded"]["totals"]["committed"] + 5000
    assert doc["what_if"]["totals"]["certain"] == doc["recorded"]["totals"]["certain"] + 5000
    assert client.get("/api/v1/pledges", headers=h).json() == before


def test_create_then_retract_a_pledge(client: TestClient, app: FastAPI) -> None:
    h = bearer(app, "anna")
    made = client.post("/api/v1/pledges", headers=h, json={
        "nation": "ITA", "modality": "considering", "source": source("ANSA")})
    assert made.status_code == 201, made.text
    assert made.json()["key"] == "ITA/any/1" and made.json()["version"] == 1
    twice = client.post("/api/v1/pledges", headers=h, json={
        "nation": "ITA", "modality": "considering", "source": source("ANSA")})
    assert twice.status_code == 409
    gone = client.post("/api/v1/pledges/ITA/any/1/retract", headers=h, json={
        "source": source("ANSA", "2025-03-02"), "expected_version": 1})
    assert gone.status_code == 200 and gone.json()["retracted"] is True
    keys = [p["key"] for p in client.get("/api/v1/pledges", headers=h).json()["pledges"]]
    assert "ITA/any/1" not in keys


def test_bad_input_gets_a_json_error_naming_the_field(client: TestClient, app: FastAPI) -> None:
    h = {**bearer(app, "anna"), "Content-Type": "application/json"}
    malformed = client.put("/api/v1/pledges/FRA/any/1", content=b"{not json", headers=h)
    assert malformed.status_code == 422 and malformed.json()["error"]["type"]
    wrong = client.put("/api/v1/pledges/FRA/any/1", headers=h, json={
        "modality": "committed", "troops_max": "many", "source": source(),
        "expected_version": 1})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["field"] == "troops_max"
    unknown = client.put("/api/v1/pledges/XXX/any/1", headers=h, json={
        "modality": "committed", "source": source(), "expected_version": 0})
    assert unknown.status_code == 404 and "XXX" in unknown.json()["error"]["message"]
    bad_cap = client.put("/api/v1/pledges/FRA/tanks/1", headers=h, json={
        "modality": "committed", "source": source(), "expected_version": 0})
    assert bad_cap.status_code == 404 and bad_cap.json()["error"]["field"] == "capability"
    future = client.put("/api/v1/pledges/FRA/any/1", headers=h, json={
        "modality": "committed", "source": source(date="2999-01-01"), "expected_version": 1})
    assert future.status_code == 422 and future.json()["error"]["field"] == "date"


def test_oversized_bodies_are_refused(client: TestClient, app: FastAPI) -> None:
    h = {**bearer(app, "anna"), "Content-Type": "application/json"}
    huge = json.dumps({"changes": [], "pad": "x" * 100_000}).encode()
    r = client.post("/api/v1/what-if", content=huge, headers=h)
    assert r.status_code == 413 and r.json()["error"]["field"] == "body"


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/plan" in spec["paths"] and "/api/v1/pledges" in spec["paths"]
    assert "put" in spec["paths"]["/api/v1/pledges/{nation}/{capability}/{slot}"]
