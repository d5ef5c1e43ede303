"""``forcegen serve`` (the dashboard and API) and ``forcegen users`` (who may log in).

Thin commands: the web app, uvicorn and the user store are imported inside them.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from forcegen.cli.app import app
from forcegen.cli.support import (
    AuthorOpt,
    DbOpt,
    JsonOpt,
    author_name,
    emit_json,
    handles_errors,
)
from forcegen.errors import UsageError

users_app = typer.Typer(
    name="users",
    help="The web app's users: roles viewer, analyst, liaison (with nations) and admin.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.command()
@handles_errors
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    scenario: Annotated[str, typer.Option(
        "--scenario", help="The scenario to show; imported on first start if the ledger "
        "is empty.")] = "paris-2025",
) -> None:
    """Start the coalition dashboard and the API (/api/v1, documented at /api/docs).
    The ledger is created, and the scenario imported, on first start."""
    import uvicorn

    from forcegen.settings import Settings
    from forcegen.web import WebSettings, create_app

    settings = Settings()
    web = WebSettings(db_url=db or settings.db_url, scenario=scenario,
                      **({"secret_key": settings.secret_key} if settings.secret_key else {}))
    application = create_app(web)
    sys.stderr.write(f"forcegen: serving {scenario} on http://{host}:{port}/ "
                     "(log in as a user made with `forcegen users add`)\n")
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)


@users_app.command("add")
@handles_errors
def add_user(
    name: Annotated[str, typer.Argument(help="The login name.")],
    role: Annotated[str, typer.Option(
        "--role", help="viewer, analyst, liaison or admin.")],
    nation: Annotated[list[str] | None, typer.Option(
        "--nation", help="For a liaison: a nation they may edit (ISO3; repeat).")] = None,
    password: Annotated[str, typer.Option(
        "--password", prompt=True, hide_input=True, confirmation_prompt=True,
        help="The password (asked for if not given; at least 8 characters).")] = "",
    db: DbOpt = None, author: AuthorOpt = None, json_: JsonOpt = False,
) -> None:
    """Add a user who can log in to `forcegen serve`."""
    from forcegen.store import Ledger
    from forcegen.store.users import UserStore

    with Ledger(db) as ledger:
        ledger.init()
        user = UserStore(ledger).add(name, password, role, nation or [],
                                     author=author_name(author))
    if json_:
        emit_json(user.to_dict())
    else:
        extra = f" for {', '.join(user.nations)}" if user.nations else ""
        sys.stdout.write(f"user {user.name}: {user.role.value}{extra}\n")


@users_app.command("list")
@handles_errors
def list_users(db: DbOpt = None, json_: JsonOpt = False) -> None:
    """The users, with role and nations."""
    from forcegen.store import Ledger
    from forcegen.store.users import UserStore

    with Ledger(db) as ledger:
        found = UserStore(ledger).list()
    if json_:
        emit_json([u.to_dict() for u in found])
        return
    for u in found:
        state = " (disabled)" if u.disabled else ""
        sys.stdout.write(f"{u.name:20} {u.role.value:8} {', '.join(u.nations)}{state}\n")


@users_app.command("token")
@handles_errors
def make_token(
    name: Annotated[str, typer.Argument(help="The user the token acts for.")],
    label: Annotated[str, typer.Option("--label", help="What the token is for.")] = "",
    db: DbOpt = None, json_: JsonOpt = False,
) -> None:
    """Make an API token for a user (printed once; send it as `Authorization: Bearer`)."""
    from forcegen.store import Ledger
    from forcegen.store.users import UserStore

    with Ledger(db) as ledger:
        store = UserStore(ledger)
        record, token = store.issue_token(store.named(name), label, author=author_name(None))
    if json_:
        emit_json({"token": token, "user": name, "id": record.id, "label": record.label})
    else:
        sys.stdout.write(token + "\n")


def _print_user(user: Any, json_: bool) -> None:
    if json_:
        emit_json(user.to_dict())
        return
    extra = f" for {', '.join(user.nations)}" if user.nations else ""
    state = " (disabled)" if user.disabled else ""
    sys.stdout.write(f"user {user.name}: {user.role.value}{extra}{state}\n")


@users_app.command("set")
@handles_errors
def set_user(
    name: Annotated[str, typer.Argument(help="The login name.")],
    role: Annotated[str | None, typer.Option(
        "--role", help="The new role: viewer, analyst, liaison or admin.")] = None,
    nation: Annotated[list[str] | None, typer.Option(
        "--nation", help="For a liaison: the nations they may edit, replacing the ones "
        "they had (ISO3; repeat).")] = None,
    db: DbOpt = None, author: AuthorOpt = None, json_: JsonOpt = False,
) -> None:
    """Change a user's role or nations (recorded with the author and time). A running
    `forcegen serve` applies it within 10 seconds."""
    from forcegen.store import Ledger
    from forcegen.store.users import UserStore

    if role is None and nation is None:
        raise UsageError("give --role or --nation (or both)")
    with Ledger(db) as ledger:
        store = UserStore(ledger)
        user = store.change(store.named(name).id, author=author_name(author), role=role,
                            nations=nation)
    _print_user(user, json_)


def _set_disabled(name: str, disabled: bool, db: str | None, author: str | None,
                  json_: bool) -> None:
    from forcegen.store import Ledger
    from forcegen.store.users import UserStore

    with Ledger(db) as ledger:
        store = UserStore(ledger)
        user = store.change(store.named(name).id, author=author_name(author),
                            disabled=disabled)
    _print_user(user, json_)


@users_app.command("disable")
@handles_errors
def disable_user(name: Annotated[str, typer.Argument(help="The login name.")],
                 db: DbOpt = None, author: AuthorOpt = None, json_: JsonOpt = False) -> None:
    """Disable a user: no login, no API token (kept on the record, never deleted). A
    running `forcegen serve` refuses them within 10 seconds."""
    _set_disabled(name, True, db, author, json_)


@users_app.command("enable")
@handles_errors
def enable_user(name: Annotated[str, typer.Argument(help="The login name.")],
                db: DbOpt = None, author: AuthorOpt = None, json_: JsonOpt = False) -> None:
    """Enable a disabled user again (their tokens that were not revoked work again)."""
    _set_disabled(name, False, db, author, json_)


@users_app.command("tokens")
@handles_errors
def list_tokens(
    name: Annotated[str | None, typer.Argument(help="Only this user's tokens.")] = None,
    db: DbOpt = None, json_: JsonOpt = False,
) -> None:
    """The API tokens (id, user, label, made, revoked); never the tokens themselves."""
    from forcegen.store import Ledger
    from forcegen.store.users import UserStore

    with Ledger(db) as ledger:
        store = UserStore(ledger)
        found = store.tokens(store.named(name).id if name is not None else None)
    if json_:
        emit_json([t.to_dict() for t in found])
        return
    for t in found:
        revoked = (f"revoked {t.revoked_at:%Y-%m-%d %H:%M} by {t.revoked_by}"
                   if t.revoked_at else "active")
        sys.stdout.write(f"{t.id:>5} {t.user:20} {t.label:20} {t.created_at:%Y-%m-%d %H:%M} "
                         f"{revoked}\n")


@users_app.command("revoke")
@handles_errors
def revoke_token(
    token_id: Annotated[int, typer.Argument(help="The token's id (see `forcegen users "
                                            "tokens`).", min=1)],
    db: DbOpt = None, author: AuthorOpt = None, json_: JsonOpt = False,
) -> None:
    """Revoke an API token. A running `forcegen serve` refuses it within 10 seconds
    (at once when revoked through the app)."""
    from forcegen.store import Ledger
    from forcegen.store.users import UserStore

    with Ledger(db) as ledger:
        record, _ = UserStore(ledger).revoke_token(token_id, author=author_name(author))
    if json_:
        emit_json(record.to_dict())
    else:
        sys.stdout.write(f"token {record.id} of {record.user}: revoked\n")
