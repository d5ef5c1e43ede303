"""The ledger's tables. Nothing is updated in place or deleted: every change is a row.

- ``scenarios``: one row per scenario name (its identity).
- ``scenario_versions``: the scenario document minus pledges and nations, as JSON, one
  row per version, with author, recorded_at, reason and effective date.
- ``nations``: the nations (with their reference figures) of each scenario version.
- ``pledges``: one row per pledge identity (``NATION/capability-or-any/slot``).
- ``pledge_versions``: the append-only history of each pledge; the primary key
  ``(pledge_id, version)`` is what makes two racing writers unable to both win.
- ``sources``: where each pledge version was reported (outlet, date, quote, actor...),
  one row per source, to search by outlet, actor or date. The version's ``body`` (the
  whole pledge as JSON) carries the same sources, so that reading a state is one query;
  rows are never updated, so the two cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

scenarios = Table(
    "scenarios", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
)

scenario_versions = Table(
    "scenario_versions", metadata,
    Column("scenario_id", Integer, ForeignKey("scenarios.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("effective_date", Date, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("document", JSON, nullable=False),
)

nations = Table(
    "nations", metadata,
    Column("scenario_id", Integer, primary_key=True),
    Column("scenario_version", Integer, primary_key=True),
    Column("iso3", String(3), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("notes", Text, nullable=False),
    Column("figures", JSON, nullable=False),
    ForeignKeyConstraint(["scenario_id", "scenario_version"],
                         ["scenario_versions.scenario_id", "scenario_versions.version"]),
)

pledges = Table(
    "pledges", metadata,
    Column("id", Integer, primary_key=True),
    Column("scenario_id", Integer, ForeignKey("scenarios.id"), nullable=False),
    Column("key", String(100), nullable=False),
    Column("nation", String(3), nullable=False),
    Column("capability", String(50), nullable=True),
    Column("slot", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("scenario_id", "key", name="uq_pledges_scenario_key"),
)

pledge_versions = Table(
    "pledge_versions", metadata,
    Column("pledge_id", Integer, ForeignKey("pledges.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("effective_date", Date, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("retracted", Boolean, nullable=False),
    Column("modality", String(20), nullable=False),
    Column("troops_min", Integer, nullable=True),
    Column("troops_max", Integer, nullable=True),
    Column("body", JSON, nullable=False),
    Index("ix_pledge_versions_effective", "pledge_id", "effective_date", "version"),
)

sources = Table(
    "sources", metadata,
    Column("pledge_id", Integer, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("outlet", Text, nullable=False),
    Column("date", Date, nullable=False),
    Column("title", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("quote", Text, nullable=False),
    Column("actor", Text, nullable=False),
    ForeignKeyConstraint(["pledge_id", "version"],
                         ["pledge_versions.pledge_id", "pledge_versions.version"]),
)

# -- the web app's users, their API tokens and what was done to them (0003, 0004) ------
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("nations", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("disabled_at", DateTime, nullable=True),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(100), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
    Column("revoked_by", String(100), nullable=True),
)

#: every change to a user, on the record (revision 0004): who made it, when, what
user_events = Table(
    "user_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("action", String(20), nullable=False),
    Column("detail", JSON, nullable=False),
    Index("ix_user_events_user", "user_id", "id"),
)
