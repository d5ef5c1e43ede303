"""Helpers shared by the web tests: roles, tokens, login, reading a pledge."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"
#: name -> (role, nations)
ROLES: dict[str, tuple[str, list[str]]] = {
    "vera": ("viewer", []),
    "anna": ("analyst", []),
    "louis": ("liaison", ["FRA"]),
    "ada": ("admin", []),
}
OWN, OTHER = "FRA", "GBR"


def bearer(app: FastAPI, name: str | None) -> dict[str, str]:
    if name is None:
        return {}
    return {"Authorization": f"Bearer {app.state.test_tokens[name]}"}


def latest(client: TestClient, app: FastAPI, nation: str, key: str) -> dict[str, Any]:
    r = client.get(f"/api/v1/pledges/{nation}/history", headers=bearer(app, "anna"))
    assert r.status_code == 200, r.text
    versions = [v for v in r.json() if v["key"] == key]
    return versions[-1]  # type: ignore[no-any-return]


def source(outlet: str = "Le Monde", date: str = "2025-03-01") -> dict[str, Any]:
    return {"outlet": outlet, "date": date, "quote": "a reported position"}


def login(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    return client.post("/login", data={"name": name, "password": password, "csrf": csrf},
                       follow_redirects=False)


def csrf_of(html: str) -> str:
    return html.split('name="csrf" value="', 1)[1].split('"', 1)[0]
