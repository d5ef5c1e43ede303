"""Size and depth limits on what forcegen reads, so that no input can make it hang or
run out of memory; each refusal is a TooLarge with a clear message.

Numbers and strings are bounded in the model (``forcegen.model.bounds``); this module
bounds whole inputs: bytes read from a file, and how deeply a document nests.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, Final

from forcegen.errors import NotFound, Problem, ScenarioError, TooLarge

#: A scenario file (the embedded paris-2025 is about 40 kB).
MAX_SCENARIO_BYTES: Final = 8 * 1024 * 1024
#: A whole-ledger export (every version of every scenario).
MAX_EXPORT_BYTES: Final = 256 * 1024 * 1024
#: Tables and arrays inside one another (a scenario needs 5).
MAX_DEPTH: Final = 32

_BOM: Final = "\ufeff"


def read_text(path: str | Path, limit: int = MAX_SCENARIO_BYTES, *,
              what: str = "scenario file") -> str:
    """The UTF-8 text of a file, read no further than ``limit`` bytes; a leading
    byte-order mark is dropped. Special files (``/dev/zero``) are read with the same bound."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
        if stat.S_ISDIR(mode):
            raise NotFound(f"{p}: is a directory, not a {what}")
        if stat.S_ISSOCK(mode) or stat.S_ISBLK(mode):
            raise NotFound(f"{p}: is not a regular file, not a {what}")
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise NotFound(f"{p}: no such file") from None
    except IsADirectoryError:
        raise NotFound(f"{p}: is a directory, not a {what}") from None
    if len(data) > limit:
        raise TooLarge(f"{p}: larger than {limit // (1024 * 1024)} MB, the limit for a {what}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScenarioError([Problem("not UTF-8 text", None, line)], str(p)) from None
    return strip_bom(text)


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith(_BOM) else text


def check_size(text: str, limit: int = MAX_SCENARIO_BYTES, *, what: str = "scenario") -> None:
    if len(text) > limit:
        raise TooLarge(f"the {what} is larger than {limit // (1024 * 1024)} MB, the limit")


def depth(node: Any) -> int:
    """How deeply dicts and lists nest in ``node`` (a scalar is 0); iterative, so that a
    deep document cannot exhaust the stack."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(node, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((c, level) for c in children)
    return deepest


def check_depth(node: Any, *, file: str | None = None) -> None:
    if depth(node) > MAX_DEPTH:
        raise TooLarge(f"{file + ': ' if file else ''}tables and arrays nest more than "
                       f"{MAX_DEPTH} levels deep")


def too_deep(file: str | None = None) -> TooLarge:
    """The error for a parser that ran out of stack on nesting."""
    return TooLarge(f"{file + ': ' if file else ''}tables and arrays nest more than "
                    f"{MAX_DEPTH} levels deep")
