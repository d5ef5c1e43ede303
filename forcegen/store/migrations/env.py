"""Alembic environment: runs on the connection that forcegen.store.engine passes in."""

from __future__ import annotations

from alembic import context

from forcegen.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("run the ledger migrations through `forcegen ledger upgrade`")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
