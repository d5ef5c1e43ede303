"""Terminal safety (issue 8, point 10): text from data never reaches a terminal with
live control characters, and is never read as rich markup."""

from __future__ import annotations

import io

from rich.table import Table

from forcegen.report.safe import SafeConsole, clean, clean_tree


def test_control_characters_are_shown_as_escapes() -> None:
    assert clean("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"
    assert clean("\x1b[31mred") == "\\x1b[31mred"
    assert clean("a\u202eb\x9bc\x7f") == "a\\u202eb\\x9bc\\x7f"


def test_newlines_tabs_and_ordinary_text_are_kept() -> None:
    text = "Élysée:\n\t“nous sommes prêts” — 20 000 [1]"
    assert clean(text) == text


def test_clean_tree_reaches_every_string() -> None:
    doc = {"a": ["\x1b", {"b": ("\x07",)}], "n": 3, "\x1bk": None}
    assert clean_tree(doc) == {"a": ["\\x1b", {"b": ["\\x07"]}], "n": 3, "\\x1bk": None}


def render(renderable: object, *, terminal: bool = True) -> str:
    buf = io.StringIO()
    SafeConsole(file=buf, force_terminal=terminal, width=120).print(renderable)
    return buf.getvalue()


def test_the_safe_console_prints_no_escape_from_data() -> None:
    table = Table()
    table.add_column("quote")
    table.add_row("\x1b]0;pwned\x07 \x1b[31mred")
    out = render(table)
    assert "pwned" in out and "\x07" not in out and "\x1b]0" not in out
    assert "\x1b[31m" not in out and "\\x1b[31mred" in out


def test_the_safe_console_reads_no_markup_in_data() -> None:
    out = render("[bold red]alarm[/bold red]", terminal=False)
    assert "[bold red]alarm[/bold red]" in out


def test_text_objects_built_from_data_are_cleaned_too() -> None:
    """A report may build a rich ``Text`` from data (a note, a caveat, a source) rather
    than a string: the console cleans what it renders, not only the strings it is given."""
    from rich.console import Group
    from rich.text import Text

    note = Text("note: \x1b]0;pwned\x07 \x1b[31mred", style="dim")
    table = Table("caveat")
    table.add_row(Text("\x1b[2Jcleared"))
    out = render(Group(note, table), terminal=False)
    assert "\x1b" not in out and "\x07" not in out  # (rich's Text drops BEL itself)
    assert "\\x1b]0;pwned" in out and "\\x1b[31mred" in out and "\\x1b[2J" in out
