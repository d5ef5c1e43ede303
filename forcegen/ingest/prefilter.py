"""Run a pattern only where it can start: an index of its first literal words.

Most rule patterns begin with one of a few literal words ("(?:force\\s+)?headquarters|
command\\s+and\\s+control"), but a pattern that starts with an optional group or an
alternation gives the regex engine no literal to jump to, so it tries every position of
the article. :func:`first_literals` reads the pattern's syntax tree and returns the
literals every match must start with; :func:`finditer_at` then finds where they occur
(``str.find``, in C) and tries the pattern at those positions only, in order, keeping the
matches ``finditer`` would keep (none overlapping, each the leftmost from where the last
one ended). Positions where no literal starts cannot start a match, so the matches are
exactly ``finditer``'s.

The literals are looked for in the lowered text. That finds every place a match can start
when the pattern runs on the lowered text, and when it runs case-insensitively on the
original text unless the text holds one of the four characters Python's case-insensitive
matching takes for an ASCII letter although they do not lower to one (:data:`CASE_TRAPS`):
then the pattern runs everywhere, as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

#: Characters that case-insensitive matching equates with an ASCII letter but that do not
#: lower to it: dotted capital I, dotless i, long s, the Kelvin sign.
CASE_TRAPS = frozenset("\u0130\u0131\u017f\u212a")
#: Literals shorter than this occur too often to be worth an index.
MIN_LITERAL = 2
#: Literals are read up to this many characters (enough to be rare).
MAX_LITERAL = 12
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_UNKNOWN = (None, None)  # an item standing for "anything may follow"

Items = Sequence[tuple[Any, Any]]


def first_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lowered literals every match of ``pattern`` starts with (ASCII, the fewest that
    cover all), or None when some match may start otherwise (a class, any character, an
    empty match) or with fewer than :data:`MIN_LITERAL` known characters."""
    found = _prefixes(list(sre_parse.parse(pattern, flags)), MAX_LITERAL)
    if any(len(f) < MIN_LITERAL for f in found):
        return None
    return frozenset(f for f in found if not any(g != f and f.startswith(g) for g in found))


def _prefixes(items: Items, budget: int) -> set[str]:
    """The literal prefixes of every match of ``items`` (up to ``budget`` characters);
    "" where a match may start with no known literal."""
    if not items or budget == 0:
        return {""}
    (op, av), rest = items[0], list(items[1:])
    if op in _ZERO_WIDTH:
        return _prefixes(rest, budget)
    if op is sre.LITERAL:
        c = chr(av)
        if not c.isascii():
            return {""}
        return {c.lower() + s for s in _prefixes(rest, budget - 1)}
    if op is sre.SUBPATTERN:
        return _prefixes(list(av[-1]) + rest, budget)
    if op is sre.BRANCH:
        return set().union(*(_prefixes(list(alt) + rest, budget) for alt in av[1]))
    if op in _REPEATS:
        low, _, body = av
        once = _prefixes([*body, _UNKNOWN], budget)  # the first time round, then unknown
        return once | _prefixes(rest, budget) if low == 0 else once
    return {""}  # a class, any character, a back reference, _UNKNOWN: no literal known


def starts(low: str, literals: frozenset[str]) -> list[int]:
    """Every position of ``low`` where one of ``literals`` begins, in order."""
    out: set[int] = set()
    for lit in literals:
        i = low.find(lit)
        while i >= 0:
            out.add(i)
            i = low.find(lit, i + 1)
    return sorted(out)


def finditer_at(rx: re.Pattern[str], src: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """The matches ``rx.finditer(src)`` gives, trying ``rx`` only at ``positions`` (which
    must include every position a match can start at; ``rx`` never matches empty)."""
    end = 0
    for p in positions:
        if p < end:
            continue
        m = rx.match(src, p)
        if m is not None:
            yield m
            end = m.end()


def safe_to_index(text: str) -> bool:
    """Whether the lowered text shows every place a case-insensitive match can start."""
    return text.isascii() or not any(c in text for c in CASE_TRAPS)


class Indexed:
    """A compiled pattern and its first literals: ``finditer`` gives ``rx.finditer``'s
    matches, trying ``rx`` only where a literal starts when that is safe."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.firsts = first_literals(rx.pattern, rx.flags)

    def finditer(self, text: str, low: str) -> Iterator[re.Match[str]]:
        """The matches in ``text`` (``low``: the same text lowered, same length)."""
        if self.firsts is not None and safe_to_index(text):
            return finditer_at(self.rx, text, starts(low, self.firsts))
        return self.rx.finditer(text)
