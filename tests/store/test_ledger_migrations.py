"""Migrations: upgrade from empty to head and back down, on both databases."""

from __future__ import annotations

from sqlalchemy import inspect

from forcegen.store import Ledger
from forcegen.store.engine import HEAD_REVISION, script_head

TABLES = {"scenarios", "scenario_versions", "nations", "pledges", "pledge_versions", "sources",
          "review_claims", "review_decisions", "users", "api_tokens", "user_events"}


def test_head_constant_is_the_scripts_head() -> None:
    assert script_head() == HEAD_REVISION


def test_upgrade_from_empty_and_downgrade_back(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        assert ledger.revision() is None
        assert ledger.upgrade() == HEAD_REVISION
        with ledger.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
        assert ledger.upgrade() == HEAD_REVISION  # idempotent
        ledger.downgrade("base")
        assert ledger.revision() is None
        with ledger.engine.connect() as conn:
            assert not TABLES & set(inspect(conn).get_table_names())
        assert ledger.init() == HEAD_REVISION


def test_migrations_match_the_schema(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from forcegen.store.schema import metadata

    with Ledger(db_url) as ledger:
        ledger.init()
        with ledger.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
