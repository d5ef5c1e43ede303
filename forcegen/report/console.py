"""The terminal every rendering prints to: a console that shows text from data safely
(see ``forcegen.report.safe``)."""

from __future__ import annotations

from rich.console import Console

from forcegen.report.safe import SafeConsole


def make_console(stderr: bool = False) -> Console:
    console = SafeConsole(stderr=stderr)
    if not console.is_terminal:
        console = SafeConsole(stderr=stderr, width=160)
    return console
