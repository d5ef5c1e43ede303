"""The review queue: claims proposed from articles and the reviewers' decisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_claims",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("article", sa.Text, nullable=False),
        sa.Column("article_fingerprint", sa.String(64), nullable=False),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("claim_type", sa.String(20), nullable=False),
        sa.Column("quantity", sa.BigInteger, nullable=True),
        sa.Column("quantity_max", sa.BigInteger, nullable=True),
        sa.Column("modality", sa.String(20), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("proposed_at", sa.DateTime, nullable=False),
        sa.Column("proposed_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_review_claims"),
        sa.UniqueConstraint("fingerprint", name="uq_review_claims_fingerprint"),
    )
    op.create_table(
        "review_decisions",
        sa.Column("claim_id", sa.Integer, nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("edited", sa.JSON, nullable=True),
        sa.Column("scenario", sa.String(100), nullable=True),
        sa.Column("pledge_key", sa.String(100), nullable=True),
        sa.Column("pledge_version", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("claim_id", name="pk_review_decisions"),
        sa.ForeignKeyConstraint(["claim_id"], ["review_claims.id"],
                                name="fk_review_decisions_claim_id_review_claims"),
    )


def downgrade() -> None:
    op.drop_table("review_decisions")
    op.drop_table("review_claims")
