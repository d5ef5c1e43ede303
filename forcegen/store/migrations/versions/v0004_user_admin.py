"""Managing users: a user may be disabled, an API token revoked, and every change to a
user (added, role or nations changed, disabled, enabled, token revoked) is on the record.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (nullable columns): SQLite rebuilding ``users`` would trip the
    # foreign keys that point at it
    op.add_column("users", sa.Column("disabled_at", sa.DateTime, nullable=True))
    op.add_column("api_tokens", sa.Column("revoked_at", sa.DateTime, nullable=True))
    op.add_column("api_tokens", sa.Column("revoked_by", sa.String(100), nullable=True))
    op.create_table(
        "user_events",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_user_events"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_user_events_user_id_users"),
    )
    op.create_index("ix_user_events_user", "user_events", ["user_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_user_events_user", table_name="user_events")
    op.drop_table("user_events")
    op.drop_column("api_tokens", "revoked_by")  # SQLite: ALTER TABLE DROP COLUMN (3.35+)
    op.drop_column("api_tokens", "revoked_at")
    op.drop_column("users", "disabled_at")
