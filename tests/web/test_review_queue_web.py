"""The review queue over the web: a reviewer accepts or rejects proposed claims, only for
the nations they may edit; an accepted claim is a new pledge version sourced to the article."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from forcegen.store import ReviewQueue
from tests.web.support import bearer, csrf_of, login

SOURCE = {"outlet": "Example Wire", "title": "Paris weighs a force", "date": "2025-02-18",
          "url": "https://example.org/a"}


def claim(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "article": "a.txt", "country": "FRA", "claim_type": "troops", "quantity": None,
        "quantity_max": 12000, "unit": "troops", "capability": None, "taxonomy": [],
        "modality": "offered", "condition": None, "actor": "a minister",
        "evidence": "France could commit up to 12,000 <troops>.", "source": SOURCE}
    return {**base, **fields}


def propose(app: FastAPI, *claims: dict[str, Any]) -> list[int]:
    queue = ReviewQueue(app.state.ledger)
    return queue.propose([("fp-" + claims[0]["evidence"], list(claims))],
                         author="ingest").proposed


def test_liaison_accepts_own_nation_only(client: TestClient, app: FastAPI) -> None:
    fra, gbr = propose(app, claim(), claim(country="GBR", quantity_max=None,
                                           modality="conditional",
                                           evidence="The UK would send troops if necessary."))
    louis = bearer(app, "louis")
    assert client.post(f"/api/v1/review/{gbr}/accept", headers=louis, json={}).status_code == 403
    assert client.post(f"/api/v1/review/{fra}/accept", headers=bearer(app, "vera"),
                       json={}).status_code == 403
    done = client.post(f"/api/v1/review/{fra}/accept", headers=louis,
                       json={"edits": {"modality": "committed"}, "reason": "confirmed"})
    assert done.status_code == 200, done.text
    pledge = done.json()["pledge"]
    assert pledge["nation"] == "FRA" and pledge["author"] == "louis"
    assert pledge["pledge"]["modality"] == "committed"
    assert pledge["pledge"]["sources"][-1]["outlet"] == "Example Wire"
    again = client.post(f"/api/v1/review/{fra}/accept", headers=louis, json={})
    assert again.status_code == 409  # decisions are final
    rejected = client.post(f"/api/v1/review/{gbr}/reject", headers=bearer(app, "anna"),
                           json={"reason": "misread"})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    waiting = client.get("/api/v1/review", params={"status": "proposed"},
                         headers=louis).json()
    assert fra not in [c["id"] for c in waiting] and gbr not in [c["id"] for c in waiting]


def test_review_page_shows_the_evidence_escaped_and_decides(app: FastAPI) -> None:
    (cid,) = propose(app, claim(evidence="France may send <b>5,000</b> troops.",
                                quantity_max=5000))
    with TestClient(app) as browser:
        login(browser, "anna")
        page = browser.get("/review").text
        assert "&lt;b&gt;5,000&lt;/b&gt;" in page and "<b>5,000</b>" not in page
        r = browser.post(f"/review/{cid}", data={"csrf": csrf_of(page), "decision": "reject",
                                                 "reason": "duplicate"},
                         follow_redirects=False)
        assert r.status_code == 303
        assert f'aria-label="claim {cid}"' not in browser.get("/review").text
