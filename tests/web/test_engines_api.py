"""The engines through the API: risk, the sourcing plan and the proposals are the CLI's
``--json`` documents for the same scenario and parameters; bad input gets a 4xx JSON
error naming the field; reading needs a login (any role); the what-if on conditions
changes a scratch copy only. The module's ledger is never written (each test reads)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from forcegen.cli import app as cli
from tests.web.support import ROLES, bearer


@pytest.fixture(scope="module")
def app(shared_app: FastAPI) -> FastAPI:
    """The engines' results are costly and these tests only read: one app per module."""
    return shared_app


runner = CliRunner()


def cli_json(*args: str) -> Any:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def api(client: TestClient, app: FastAPI, path: str, **params: Any) -> Any:
    r = client.get(path, params=params, headers=bearer(app, "vera"))
    assert r.status_code == 200, r.text
    return r.json()


def untimed(doc: dict[str, Any]) -> dict[str, Any]:
    """A sourcing document without its wall-clock timings (they differ run to run)."""
    return {k: v for k, v in doc.items() if k != "timings"}


# -- the same JSON as the CLI ------------------------------------------------------------
def test_risk_is_the_cli_json_of_the_ledger(client: TestClient, app: FastAPI) -> None:
    url = app.state.ledger.url
    doc = api(client, app, "/api/v1/risk", draws=3000, seed=7)
    assert doc == cli_json("risk", "--db", url, "--json", "--draws", "3000", "--seed", "7")
    assert doc["draws"] == 3000 and doc["seed"] == 7 and doc["scenario"] == "paris-2025"
    graded = api(client, app, "/api/v1/risk", draws=3000, seed=7, source_grade="true")
    assert graded == cli_json("risk", "--db", url, "--json", "--draws", "3000", "--seed", "7",
                              "--source-grade")
    assert graded["source_grade"] is True and graded != doc


def test_risk_defaults_are_the_cli_defaults(client: TestClient, app: FastAPI) -> None:
    doc = api(client, app, "/api/v1/risk")
    assert doc == cli_json("risk", "--db", app.state.ledger.url, "--json")
    assert (doc["draws"], doc["seed"]) == (100_000, 0)


@pytest.mark.parametrize("mode", ["pledges", "capacity"])
def test_source_is_the_cli_json(client: TestClient, app: FastAPI, mode: str) -> None:
    """The ledger was seeded from the embedded paris-2025, so its plan is the CLI's."""
    doc = api(client, app, "/api/v1/source", mode=mode)
    assert untimed(doc) == untimed(cli_json("source", "paris-2025", "--json", "--mode", mode))
    assert doc["mode"] == mode and doc["assignments"]
    # from the pledges alone (France's 10,000) lines stay open; asking by capacity fills all
    assert bool(doc["unfilled"]) is (mode == "pledges")


def test_source_time_limit_is_passed_on(client: TestClient, app: FastAPI) -> None:
    doc = api(client, app, "/api/v1/source", mode="capacity", time_limit=30)
    assert doc["time_limit"] == 30.0
    assert untimed(doc) == untimed(cli_json("source", "paris-2025", "--json", "--mode",
                                            "capacity", "--time-limit", "30"))


@pytest.mark.parametrize("nation", ["FRA", "nld"])
def test_proposal_is_the_cli_json(client: TestClient, app: FastAPI, nation: str) -> None:
    doc = api(client, app, f"/api/v1/proposals/{nation}")
    assert doc == cli_json("propose", nation, "--format", "json")
    assert doc["nation"] == nation.upper() and doc["sources"]


def test_france_is_asked_for_its_ten_thousand(client: TestClient, app: FastAPI) -> None:
    """Capacity mode asks France for the 10,000 it said it could commit, each period."""
    doc = api(client, app, "/api/v1/proposals/FRA")
    assert doc["peak_troops"] == 10_000
    assert set(doc["troops_by_period"].values()) == {10_000}


# -- bad input ---------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "params", "status", "field"), [
    ("/api/v1/risk", {"draws": 0}, 422, "draws"),
    ("/api/v1/risk", {"draws": 200_001}, 422, "draws"),
    ("/api/v1/risk", {"draws": "many"}, 422, "draws"),
    ("/api/v1/risk", {"seed": -1}, 422, "seed"),
    ("/api/v1/risk", {"seed": 2**32}, 422, "seed"),
    ("/api/v1/source", {"mode": "wishes"}, 422, "mode"),
    ("/api/v1/source", {"time_limit": 0}, 422, "time_limit"),
    ("/api/v1/source", {"time_limit": 61}, 422, "time_limit"),
    ("/api/v1/source", {"time_limit": "nan"}, 422, "time_limit"),
    ("/api/v1/proposals/XXX", {}, 404, "nation"),
    ("/api/v1/proposals/FRANCE", {}, 422, "nation"),
    ("/api/v1/proposals/FRA", {"time_limit": -1}, 422, "time_limit"),
])
def test_bad_input_names_the_field(client: TestClient, app: FastAPI, path: str,
                                   params: dict[str, Any], status: int, field: str) -> None:
    r = client.get(path, params=params, headers=bearer(app, "vera"))
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["field"] == field and error["status"] == status
    assert "Traceback" not in r.text


# -- who may read --------------------------------------------------------------------------
READS = ["/api/v1/risk?draws=500", "/api/v1/source", "/api/v1/proposals/FRA"]


@pytest.mark.parametrize("who", [None, *ROLES])
@pytest.mark.parametrize("path", READS)
def test_reads_need_a_login_and_no_more(client: TestClient, app: FastAPI, path: str,
                                        who: str | None) -> None:
    r = client.get(path, headers=bearer(app, who))
    assert r.status_code == (401 if who is None else 200), r.text


def test_the_engines_are_in_the_openapi_spec(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/risk", "/api/v1/source", "/api/v1/proposals/{nation}"):
        assert "get" in spec["paths"][path]
    draws = next(p for p in spec["paths"]["/api/v1/risk"]["get"]["parameters"]
                 if p["name"] == "draws")
    assert draws["schema"]["maximum"] == 200_000 and draws["schema"]["minimum"] == 1
    what_if = spec["components"]["schemas"]["WhatIf"]["properties"]
    assert {"changes", "conditions", "backstops", "risk"} <= set(what_if)


# -- what-if on conditions -------------------------------------------------------------------
def what_if(client: TestClient, app: FastAPI, body: dict[str, Any]) -> Any:
    r = client.post("/api/v1/what-if", headers=bearer(app, "vera"), json=body)
    assert r.status_code == 200, r.text
    return r.json()


def factor(risk: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in risk["with_priors"]["sensitivity"]
                                 if s["factor"] == name)
    return found


def test_force_condition_not_met_leaves_no_troops(client: TestClient, app: FastAPI) -> None:
    """Every pledge hangs on the force's own US-backing condition (Brekelmans' remark, a
    condition of the force): if it is not met, no draw has a single troop in place."""
    stamp = app.state.ledger.stamp()
    doc = what_if(client, app, {"conditions": [{"kind": "us_backstop", "met": False}],
                                "risk": {"draws": 4000, "seed": 3}})
    new, old = doc["risk"]["what_if"], doc["risk"]["recorded"]
    for basis in (new, new["with_priors"]):
        assert basis["steady_state"]["mean"] == 0 and basis["steady_state"]["quantiles"][
            "p95"] == 0
    assert old["with_priors"]["steady_state"]["mean"] > 0
    assert old == api(client, app, "/api/v1/risk", draws=4000, seed=3)
    assert doc["what_if"] == doc["recorded"]  # a condition does not move the plan's totals
    assert doc["assumed"] == ["condition us_backstop (the whole coalition) taken as not met: "
                              "probability 0"]
    assert app.state.ledger.stamp() == stamp


def test_condition_met_is_a_sourced_override(client: TestClient, app: FastAPI) -> None:
    stamp = app.state.ledger.stamp()
    doc = what_if(client, app, {"conditions": [{"kind": "us_backstop", "met": True}]})
    new, old = doc["risk"]["what_if"], doc["risk"]["recorded"]
    assert (doc["risk"]["draws"], doc["risk"]["seed"]) == (20_000, 0)  # the default
    used = {a["name"]: a for a in new["assumptions"]}
    assert used["odds.us_backstop.probability"]["value"] == 1.0
    assert used["odds.us_backstop.probability"]["source"].startswith("what-if")
    assert "odds.us_backstop.probability" not in {a["name"] for a in old["assumptions"]}
    assert factor(new, "us backstop")["probability"] == 1.0
    assert factor(old, "us backstop")["probability"] == 0.5
    assert new["with_priors"]["steady_state"]["mean"] > old["with_priors"]["steady_state"][
        "mean"]
    assert app.state.ledger.stamp() == stamp


def test_a_nations_condition(client: TestClient, app: FastAPI) -> None:
    """Germany's position not surviving its election: that factor drawn with probability
    0 (0.7 recorded, risk.csv), every other factor as recorded."""
    doc = what_if(client, app, {"conditions": [
        {"kind": "election", "nation": "deu", "met": False}]})
    new, old = doc["risk"]["what_if"], doc["risk"]["recorded"]
    name = "DEU election: federal election"
    assert (factor(old, name)["probability"], factor(new, name)["probability"]) == (0.7, 0.0)
    others = {s["factor"]: s["probability"] for s in old["with_priors"]["sensitivity"]
              if s["factor"] != name}
    assert {s["factor"]: s["probability"] for s in new["with_priors"]["sensitivity"]
            if s["factor"] != name} == others


def test_backstop_firmness_fills_its_enabler_gaps(client: TestClient, app: FastAPI) -> None:
    """The US backstop, recorded as considering, does not count; taken as offered it
    closes the enabler gap of each line it offers (backstop_fills_whole_line)."""
    stamp = app.state.ledger.stamp()
    before = client.get("/api/v1/pledges", headers=bearer(app, "vera")).json()
    doc = what_if(client, app, {"backstops": [{"provider": "usa", "modality": "offered"}]})
    assert "risk" not in doc
    offered = {"intelligence", "air_surveillance", "air_defence"}
    old = {c["capability"]: c for c in doc["recorded"]["capabilities"]}
    new = {c["capability"]: c for c in doc["what_if"]["capabilities"]}
    assert doc["recorded"]["backstop"][0]["counted"] is False
    assert doc["what_if"]["backstop"][0]["counted"] is True
    for cap, line in new.items():
        if cap in offered:
            assert line["gap_with_backstop"] == line["gap_in_theatre"]
            assert old[cap]["gap_with_backstop"] == old[cap]["gap"]
        else:
            assert line == old[cap]
    assert any(old[c]["gap_with_backstop"] > new[c]["gap_with_backstop"] for c in offered)
    assert app.state.ledger.stamp() == stamp
    assert client.get("/api/v1/pledges", headers=bearer(app, "vera")).json() == before


def test_pledge_and_condition_together(client: TestClient, app: FastAPI) -> None:
    doc = what_if(client, app, {
        "changes": [{"nation": "GBR", "modality": "committed", "troops_min": 5000,
                     "troops_max": 5000}],
        "conditions": [{"kind": "ceasefire", "met": True}], "risk": {"draws": 2000}})
    assert doc["what_if"]["totals"]["certain"] == doc["recorded"]["totals"]["certain"] + 5000
    assert doc["risk"]["draws"] == 2000
    assert factor(doc["risk"]["what_if"], "ceasefire")["probability"] == 1.0


@pytest.mark.parametrize(("body", "status", "field"), [
    ({}, 400, "changes"),
    ({"conditions": [{"kind": "us_backstop", "nation": "FRA", "met": True}]}, 400,
     "conditions[0].nation"),
    ({"conditions": [{"kind": "election", "nation": "XYZ", "met": True}]}, 404,
     "conditions[0].nation"),
    ({"conditions": [{"kind": "election", "nation": "FRA", "met": True}]}, 404,
     "conditions[0].kind"),
    ({"conditions": [{"kind": "ceasefire", "met": True},
                     {"kind": "ceasefire", "met": False}]}, 400, "conditions[1]"),
    ({"conditions": [{"kind": "weather", "met": True}]}, 422, "conditions.0.kind"),
    ({"conditions": [{"kind": "ceasefire", "met": "perhaps"}]}, 422, "conditions.0.met"),
    ({"backstops": [{"provider": "FRA", "modality": "offered"}]}, 404,
     "backstops[0].provider"),
    ({"backstops": [{"provider": "USA", "modality": "eager"}]}, 422, "backstops.0.modality"),
    ({"conditions": [{"kind": "ceasefire", "met": True}], "risk": {"draws": 200_001}}, 422,
     "risk.draws"),
])
def test_what_if_bad_input_names_the_field(client: TestClient, app: FastAPI,
                                           body: dict[str, Any], status: int,
                                           field: str) -> None:
    stamp = app.state.ledger.stamp()
    r = client.post("/api/v1/what-if", headers=bearer(app, "vera"), json=body)
    assert r.status_code == status, r.text
    assert r.json()["error"]["field"] == field
    assert app.state.ledger.stamp() == stamp


# -- the cache follows the ledger ------------------------------------------------------------
def test_a_write_is_seen_at_once(tmp_path: Path) -> None:
    """Results are cached under the ledger's fingerprint: an edit through the app shows in
    the next answer (on a ledger of its own: this module's others are never written)."""
    from forcegen.web import WebSettings, create_app

    fresh = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'ledger.sqlite'}"))
    store = fresh.state.users
    token = store.create_token(store.add("anna", "correct horse battery", "analyst"), "t")
    h = {"Authorization": f"Bearer {token}"}
    with TestClient(fresh) as c:
        before = c.get("/api/v1/risk", params={"draws": 2000}, headers=h).json()
        plan_before = c.get("/api/v1/source", headers=h).json()
        assert c.get("/api/v1/risk", params={"draws": 2000}, headers=h).json() == before
        seen = c.get("/api/v1/pledges/GBR/history", headers=h).json()[-1]["version"]
        put = c.put("/api/v1/pledges/GBR/any/1", headers=h, json={
            "modality": "committed", "troops_min": 5_000, "troops_max": 5_000,
            "source": {"outlet": "Downing Street", "date": "2025-03-01"},
            "expected_version": seen})
        assert put.status_code == 200, put.text
        after = c.get("/api/v1/risk", params={"draws": 2000}, headers=h).json()
        plan_after = c.get("/api/v1/source", headers=h).json()
    gbr = [(p["modality"], p["troops_low"], p["troops_high"], p["quantified"])
           for p in after["pledges"] if p["nation"] == "GBR"]
    assert gbr == [("committed", 5_000, 5_000, True)]
    assert after["as_of"] == "2025-03-01" and before["as_of"] == "2025-02-17"
    assert "GBR" in plan_before["left_out"] and "GBR" not in plan_after["left_out"]
    assert plan_after["troops_filled"] > plan_before["troops_filled"]
