"""Engines for the ledger (SQLite or PostgreSQL, same code) and its Alembic migrations.

Alembic is configured from code: the scripts live in ``forcegen/store/migrations`` and
no ``alembic.ini`` is read from the working directory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)

from forcegen.errors import StoreUnavailable

#: The newest migration; tests check that it is the head of the migration scripts.
HEAD_REVISION = "0003"


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, a busy timeout and write locks
    taken at BEGIN (so that racing writers queue instead of deadlocking)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreUnavailable(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            if not folder.is_dir():
                raise StoreUnavailable(f"{safe_url(url)}: folder {folder} does not exist")
        try:
            engine = create_engine(parsed, connect_args={"timeout": 30})
        except (NoSuchModuleError, ArgumentError, ImportError) as exc:
            raise StoreUnavailable(f"{safe_url(url)}: {exc}") from None

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    try:
        connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": 10}
        if parsed.get_backend_name() != "postgresql":
            raise StoreUnavailable(f"{safe_url(url)}: forcegen's ledger runs on SQLite "
                                   "(sqlite:///FILE) or PostgreSQL (postgresql+psycopg://...)")
        return create_engine(parsed, connect_args=connect_args)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreUnavailable(f"{safe_url(url)}: {exc}") from None


@contextlib.contextmanager
def translate_errors(url: str) -> Iterator[None]:
    """Turn 'the database does not answer' into StoreUnavailable."""
    try:
        yield
    except OperationalError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreUnavailable(f"database {safe_url(url)} does not answer: {first}") from None
    except IntegrityError:
        raise  # a lost race: the callers turn it into StaleVersion
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StoreUnavailable(f"database {safe_url(url)}: connection lost") from None
        if isinstance(exc, DatabaseError) and "not a database" in str(exc.orig):
            raise StoreUnavailable(f"{safe_url(url)}: the file is not a database") from None
        raise


def migrations_dir() -> Path:
    return Path(str(resources.files("forcegen.store").joinpath("migrations")))


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), revision)


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def script_head() -> str | None:
    """The head of the migration scripts (reads the scripts; for tests and `upgrade`)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    head: str | None = ScriptDirectory.from_config(cfg).get_current_head()
    return head
