"""What every ``forcegen`` command shares: the error edge and JSON output.

Each ForcegenError (and file-system error) becomes one message on stderr and exit code 2;
no traceback reaches the user.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from forcegen.errors import ForcegenError

P = ParamSpec("P")
R = TypeVar("R")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Database URL of the ledger (default: FORCEGEN_DB_URL, else a SQLite file "
    "in the user data folder).")]
AuthorOpt = Annotated[str | None, typer.Option(
    "--author", help="Who records this (default: the login name).")]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Write ``error: message`` to stderr and return the Exit to raise (a usage error's
    exit code, ``UsageError.exit_code``, unless told otherwise)."""
    from forcegen.report.safe import clean

    sys.stderr.write(f"error: {clean(message)}\n")
    return typer.Exit(code)


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn domain errors (and file-system errors) into one message and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ForcegenError as exc:
            msg = str(exc)
            if "\n" in msg:
                msg = "\n  " + msg.replace("\n", "\n  ")
            raise fail(msg, exc.exit_code) from None
        except OSError as exc:
            raise fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")) from None

    return wrapper


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def author_name(author: str | None) -> str:
    """The author to record: the one given, else the login name."""
    if author:
        return author
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
