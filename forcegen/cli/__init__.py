"""The ``forcegen`` command: thin commands that parse, call one library function and
render its result. Every ForcegenError becomes one message on stderr and exit code 2.

One module per command group; each registers its commands on ``forcegen.cli.app.app``.
"""

from __future__ import annotations

from forcegen.cli import ingest as _ingest  # noqa: F401  (ingest, review, eval-ingest)
from forcegen.cli import plan as _plan  # noqa: F401  (registers plan, validate)
from forcegen.cli import reference as _reference  # noqa: F401  (scenarios, nations, doctrine)
from forcegen.cli import reinforcement as _reinforcement  # noqa: F401  (reinforce, incident)
from forcegen.cli import risk as _risk  # noqa: F401  (risk)
from forcegen.cli import sourcing as _sourcing  # noqa: F401  (source, propose)
from forcegen.cli import sweeps as _sweeps  # noqa: F401  (sweep, sweep-report)
from forcegen.cli import timeline as _timeline  # noqa: F401  (timeline)
from forcegen.cli import web as _web  # noqa: F401  (serve)
from forcegen.cli.app import app
from forcegen.cli.ledger import ledger_app
from forcegen.cli.web import users_app

app.add_typer(ledger_app, name="ledger", help="The pledge ledger: history with sources.")
app.add_typer(users_app, name="users", help="The web app's users and API tokens.")

__all__ = ["app", "main"]


def main() -> None:
    app()
