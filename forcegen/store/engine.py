"""Engines for the ledger (SQLite or PostgreSQL, same code) and its Alembic migrations.

Alembic is configured from code: the scripts live in ``forcegen/store/migrations`` and
no ``alembic.ini`` is read from the working directory.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Final

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)

from forcegen.errors import Problem, ScenarioError, StoreUnavailable, UsageError
from forcegen.extras import require

#: The newest migration; tests check that it is the head of the migration scripts.
HEAD_REVISION = "0004"


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


#: Query parameters a PostgreSQL URL may carry (passed to libpq), and SQLite's.
PG_PARAMETERS: Final = frozenset({
    "connect_timeout", "options", "sslmode", "sslrootcert", "sslcert", "sslkey",
    "application_name", "target_session_attrs"})
SQLITE_PARAMETERS: Final = frozenset[str]()
_SSLMODES: Final = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
_PG_OPTION: Final = re.compile(r"-c\s*([a-z_]+)=([A-Za-z0-9_,.$\"' -]*)")
_PG_SETTABLE: Final = ("search_path", "application_name", "timezone")

#: PostgreSQL: how long a command waits for a lock, and how long one statement may run,
#: before it ends with a clear message (SQLite: its busy timeout, in seconds).
LOCK_TIMEOUT_S: float = 10.0
STATEMENT_TIMEOUT_S: float = 300.0
SQLITE_BUSY_TIMEOUT_S: float = 30.0
#: The key of the advisory lock that serialises migrations on PostgreSQL.
MIGRATION_LOCK_KEY: Final = 0x666F7263  # "forc"


def check_url(url: str) -> URL:
    """Parse a database URL and check what a library would otherwise choke on: the
    port, and the query parameters (known names, well-formed values)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise UsageError(f"--db: not a database URL: {safe_url(url)!r} ({exc})") from None
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise UsageError(f"--db: port {parsed.port} is out of range (1-65535)")
    backend = parsed.get_backend_name()
    allowed = SQLITE_PARAMETERS if backend == "sqlite" else PG_PARAMETERS
    for key, value in parsed.query.items():
        if key not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise UsageError(f"--db: unknown URL parameter {key!r} for {backend} "
                             f"(known: {known})")
        values = value if isinstance(value, tuple) else (value,)
        if len(values) != 1:
            raise UsageError(f"--db: URL parameter {key!r} is given {len(values)} times")
        problem = _parameter_problem(key, values[0])
        if problem:
            raise UsageError(f"--db: URL parameter {key}={values[0]!r}: {problem}")
    return parsed


def _parameter_problem(key: str, value: str) -> str | None:
    if key == "connect_timeout":
        if not value.isdigit() or not 0 < int(value) <= 3600:
            return "must be a whole number of seconds from 1 to 3600"
    elif key == "sslmode" and value not in _SSLMODES:
        return f"must be one of {', '.join(_SSLMODES)}"
    elif key == "options":
        rest = value.strip()
        while rest:
            m = _PG_OPTION.match(rest)
            if not m or m.group(1) not in _PG_SETTABLE:
                return ("must be '-c NAME=VALUE' settings, NAME one of "
                        f"{', '.join(_PG_SETTABLE)}")
            rest = rest[m.end():].strip()
    elif "\x00" in value:
        return "contains a NUL character"
    return None


def make_engine(url: str) -> Engine:
    """An engine for ``url``. SQLite gets foreign keys, WAL (readers never wait on a
    writer), a busy timeout, and write locks taken at BEGIN (so that racing writers
    queue instead of deadlocking); reads begin a plain (deferred) transaction.
    PostgreSQL gets lock and statement timeouts."""
    parsed = check_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            if not folder.is_dir():
                raise StoreUnavailable(f"{safe_url(url)}: folder {folder} does not exist")
        try:
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        except (NoSuchModuleError, ArgumentError, ImportError) as exc:
            raise StoreUnavailable(f"{safe_url(url)}: {exc}") from None

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            if database and database != ":memory:":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            if conn.get_execution_options().get("forcegen_read_only"):
                conn.exec_driver_sql("BEGIN")
            else:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    if parsed.get_backend_name() != "postgresql":
        raise StoreUnavailable(f"{safe_url(url)}: forcegen's ledger runs on SQLite "
                               "(sqlite:///FILE) or PostgreSQL (postgresql+psycopg://...)")
    if parsed.get_driver_name() == "psycopg":
        require("postgres", f"the PostgreSQL ledger at {safe_url(url)}")
    try:
        connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": 10}
        engine = create_engine(parsed, connect_args=connect_args)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreUnavailable(f"{safe_url(url)}: {exc}") from None

    @event.listens_for(engine, "connect")
    def _timeouts(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_S * 1000)}")
            cursor.execute(f"SET statement_timeout = {int(STATEMENT_TIMEOUT_S * 1000)}")
        dbapi_connection.commit()

    return engine


def _first_line(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return (text.strip().splitlines() or [""])[0]


@contextlib.contextmanager
def translate_errors(url: str) -> Iterator[None]:
    """Turn every database error into a domain error: 'does not answer' and 'busy'
    into StoreUnavailable, a refused value into a ScenarioError. An IntegrityError (a
    lost race) passes through: the callers turn it into StaleVersion or retry."""
    where = f"database {safe_url(url)}"
    try:
        yield
    except IntegrityError:
        raise
    except OperationalError as exc:
        code = getattr(exc.orig, "sqlstate", None)
        first = _first_line(exc)
        if code == "55P03" or "database is locked" in first:
            raise StoreUnavailable(
                f"{where} is busy: another command held a lock for longer than "
                f"{LOCK_TIMEOUT_S if code else SQLITE_BUSY_TIMEOUT_S:g} s; try again") from None
        if code == "57014":
            raise StoreUnavailable(
                f"{where}: a statement ran longer than {STATEMENT_TIMEOUT_S:g} s and was "
                "stopped; nothing was written") from None
        if exc.connection_invalidated:
            raise StoreUnavailable(f"{where}: connection lost") from None
        raise StoreUnavailable(f"{where} does not answer: {first}") from None
    except DataError as exc:
        raise ScenarioError([Problem(f"the database refused a value: {_first_line(exc)}")],
                            where) from None
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StoreUnavailable(f"{where}: connection lost") from None
        if "not a database" in str(exc.orig):
            raise StoreUnavailable(f"{safe_url(url)}: the file is not a database") from None
        raise StoreUnavailable(f"{where}: {_first_line(exc)}") from None
    except OverflowError:
        raise ScenarioError([Problem("a number is too large for the database")], where) from None


def migrations_dir() -> Path:
    return Path(str(resources.files("forcegen.store").joinpath("migrations")))


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> list[str]:
    """The revision ids of the migration scripts, oldest first."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    return [s.revision for s in reversed(list(ScriptDirectory.from_config(cfg).walk_revisions()))]


def check_revision(revision: str, *, also: tuple[str, ...]) -> None:
    """Refuse a target revision that is not a known script id (or ``also``'s words);
    relative targets (``-1``, ``+5``) are refused too."""
    known = known_revisions()
    if revision not in (*also, *known):
        raise UsageError(f"--revision: unknown revision {revision!r} "
                         f"(known: {', '.join((*also, *known))})")


@contextlib.contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A transaction for migrations; on PostgreSQL it first takes an advisory lock, so
    that concurrent `init`s run one after another (each later one finds the tables)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        yield conn


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with _migrating(engine) as conn:
        command.upgrade(_alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    with _migrating(engine) as conn:
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
