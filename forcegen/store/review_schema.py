"""The review queue's tables (Alembic revision 0002), on the ledger's metadata.

- ``review_claims``: one row per claim proposed from an article, never updated; its
  ``fingerprint`` (article text, key, modality, evidence) is unique, so the same article
  ingested twice proposes nothing new.
- ``review_decisions``: at most one row per claim (the primary key is the claim's id, so
  two reviewers cannot both decide it): accepted (with the edited claim and the pledge
  version it became) or rejected.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from forcegen.store.schema import metadata

review_claims = Table(
    "review_claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("fingerprint", String(64), nullable=False, unique=True),
    Column("article", Text, nullable=False),
    Column("article_fingerprint", String(64), nullable=False),
    Column("country", String(3), nullable=True),
    Column("claim_type", String(20), nullable=False),
    Column("quantity", BigInteger, nullable=True),
    Column("quantity_max", BigInteger, nullable=True),
    Column("modality", String(20), nullable=False),
    Column("body", JSON, nullable=False),
    Column("proposed_at", DateTime, nullable=False),
    Column("proposed_by", String(200), nullable=False),
)

review_decisions = Table(
    "review_decisions", metadata,
    Column("claim_id", Integer, ForeignKey("review_claims.id"), primary_key=True),
    Column("decision", String(10), nullable=False),
    Column("decided_at", DateTime, nullable=False),
    Column("decided_by", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("edited", JSON, nullable=True),
    Column("scenario", String(100), nullable=True),
    Column("pledge_key", String(100), nullable=True),
    Column("pledge_version", Integer, nullable=True),
)
