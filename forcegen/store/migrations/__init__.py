"""Alembic migrations of the pledge ledger (configured from code, see engine.py)."""
