"""``forcegen serve`` (the dashboard and API) and ``forcegen users`` (who may log in).

Thin commands: the web app, uvicorn and the user store are imported inside them.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from forcegen.cli.app import app
from forcegen.cli.support import DbOpt, JsonOpt, emit_json, handles_errors
from forcegen.errors import NotFound

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
    db: DbOpt = None, json_: JsonOpt = False,
) -> None:
    """Add a user who can log in to `forcegen serve`."""
    from forcegen.store import Ledger
    from forcegen.store.users import UserStore

    with Ledger(db) as ledger:
        ledger.init()
        user = UserStore(ledger).add(name, password, role, nation or [])
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
        sys.stdout.write(f"{u.name:20} {u.role.value:8} {', '.join(u.nations)}\n")


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
        user = next((u for u in store.list() if u.name == name), None)
        if user is None:
            raise NotFound(f"NAME: no user named {name!r}")
        token = store.create_token(user, label)
    if json_:
        emit_json({"user": name, "token": token})
    else:
        sys.stdout.write(token + "\n")
