"""The pledge ledger: scenarios, nations, pledges and sources, all versioned.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_scenarios"),
        sa.UniqueConstraint("name", name="uq_scenarios_name"),
    )
    op.create_table(
        "scenario_versions",
        sa.Column("scenario_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("scenario_id", "version", name="pk_scenario_versions"),
        sa.ForeignKeyConstraint(["scenario_id"], ["scenarios.id"],
                                name="fk_scenario_versions_scenario_id_scenarios"),
    )
    op.create_table(
        "nations",
        sa.Column("scenario_id", sa.Integer, nullable=False),
        sa.Column("scenario_version", sa.Integer, nullable=False),
        sa.Column("iso3", sa.String(3), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("scenario_id", "scenario_version", "iso3", name="pk_nations"),
        sa.ForeignKeyConstraint(["scenario_id", "scenario_version"],
                                ["scenario_versions.scenario_id", "scenario_versions.version"],
                                name="fk_nations_scenario_id_scenario_versions"),
    )
    op.create_table(
        "pledges",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("scenario_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("nation", sa.String(3), nullable=False),
        sa.Column("capability", sa.String(50), nullable=True),
        sa.Column("slot", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pledges"),
        sa.ForeignKeyConstraint(["scenario_id"], ["scenarios.id"],
                                name="fk_pledges_scenario_id_scenarios"),
        sa.UniqueConstraint("scenario_id", "key", name="uq_pledges_scenario_key"),
    )
    op.create_table(
        "pledge_versions",
        sa.Column("pledge_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("retracted", sa.Boolean, nullable=False),
        sa.Column("modality", sa.String(20), nullable=False),
        sa.Column("troops_min", sa.Integer, nullable=True),
        sa.Column("troops_max", sa.Integer, nullable=True),
        sa.Column("body", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("pledge_id", "version", name="pk_pledge_versions"),
        sa.ForeignKeyConstraint(["pledge_id"], ["pledges.id"],
                                name="fk_pledge_versions_pledge_id_pledges"),
    )
    op.create_index("ix_pledge_versions_effective", "pledge_versions",
                    ["pledge_id", "effective_date", "version"])
    op.create_table(
        "sources",
        sa.Column("pledge_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("outlet", sa.Text, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("pledge_id", "version", "position", name="pk_sources"),
        sa.ForeignKeyConstraint(["pledge_id", "version"],
                                ["pledge_versions.pledge_id", "pledge_versions.version"],
                                name="fk_sources_pledge_id_pledge_versions"),
    )


def downgrade() -> None:
    op.drop_table("sources")
    op.drop_index("ix_pledge_versions_effective", table_name="pledge_versions")
    op.drop_table("pledge_versions")
    op.drop_table("pledges")
    op.drop_table("nations")
    op.drop_table("scenario_versions")
    op.drop_table("scenarios")
