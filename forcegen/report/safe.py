"""Terminal safety: text from data (a quote, an outlet, a file name) never reaches a
terminal with its control characters live.

A quote holding ``ESC ] 0 ; ...`` could retitle the window, ``ESC [ 31 m`` recolour
what follows, a bidi override reorder a line. :func:`clean` shows each such character
as a visible escape (``\\x1b``, ``\\u202e``); newlines and tabs stay. Everything the
CLI renders from data goes through it: :class:`SafeConsole` cleans every string it
renders (and reads none as rich markup), ``clean_tree`` a whole result document, and
the error edge cleans each message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides and
# isolates; line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with every control character shown as an escape (newline, tab kept)."""
    return _UNSAFE.sub(_escape, text)


def clean_tree(node: Any) -> Any:
    """Every string in a document (dicts, lists, tuples) cleaned; other values as is."""
    if isinstance(node, str):
        return clean(node)
    if isinstance(node, dict):
        return {clean_tree(k): clean_tree(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [clean_tree(v) for v in node]
    return node


class SafeConsole(Console):
    """A rich Console that cleans every string it renders and reads no markup in it
    (a quote saying ``[red]`` is shown as written). Strings are cleaned before layout;
    what reaches the output as a ``Text`` built elsewhere is cleaned segment by segment
    (rich's own control segments, such as cursor moves, are left as they are)."""

    def render(self, renderable: RenderableType,
               options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or not _UNSAFE.search(segment.text):
                yield segment
            else:
                yield Segment(clean(segment.text), segment.style, segment.control)

    def render_str(self, text: str, *, style: str | Style = "", justify: Any = None,
                   overflow: Any = None, emoji: bool | None = None,
                   markup: bool | None = None, highlight: bool | None = None,
                   highlighter: Any = None) -> Text:
        return super().render_str(clean(text), style=style, justify=justify,
                                  overflow=overflow, emoji=False, markup=False,
                                  highlight=highlight, highlighter=highlighter)
