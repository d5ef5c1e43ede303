"""The ``forcegen`` Typer application that every command group registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="forcegen",
    help="Plan, track and stress-test a multinational deterrence / reassurance force.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
