"""forcegen's settings: one object, read from ``FORCEGEN_*`` environment variables.

``FORCEGEN_DB_URL``: the pledge ledger's database (SQLAlchemy URL). Default: a SQLite
file ``ledger.sqlite`` in the per-user data directory; ``postgresql+psycopg://...`` for
PostgreSQL.

``FORCEGEN_SECRET_KEY``: the key that signs ``forcegen serve``'s session cookies. Unset: a
random key at each start (everyone logs in again after a restart).
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_db_url() -> str:
    """``sqlite:///<user data dir>/ledger.sqlite``; the folder is made if missing."""
    folder = Path(user_data_dir("forcegen"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'ledger.sqlite'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FORCEGEN_", extra="ignore")

    db_url: str = Field(default_factory=default_db_url,
                        description="the pledge ledger's database URL (SQLAlchemy form)")
    secret_key: str | None = Field(default=None,
                                   description="signs the web app's session cookies")
