"""The web app's settings: the ledger, the scenario it shows, the cookie secret, limits."""

from __future__ import annotations

import secrets

from pydantic import BaseModel, ConfigDict, Field


class WebSettings(BaseModel):
    """What ``create_app`` needs. ``secret_key`` signs the session cookies: set it (from
    ``FORCEGEN_SECRET_KEY``) to keep sessions across restarts; by default a fresh random
    key is made at each start, so everyone logs in again after a restart."""

    model_config = ConfigDict(frozen=True)

    db_url: str
    scenario: str = "paris-2025"
    seed_scenario: bool = Field(True, description="import the scenario on first start")
    secret_key: str = Field(default_factory=lambda: secrets.token_urlsafe(32))
    max_body_bytes: int = Field(64 * 1024, description="bytes; larger request bodies get 413")
    session_hours: int = 12
    login_attempts: int = Field(5, description="failed logins per name and client per window")
    login_window_seconds: int = 60
