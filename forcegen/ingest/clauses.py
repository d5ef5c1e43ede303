"""Cutting a sentence into clauses, setting asides apart, and naming who speaks."""

from __future__ import annotations

import re

from forcegen.ingest.rules import RuleSet


# -- clauses ------------------------------------------------------------------------------
def mask(text: str, rules: RuleSet) -> tuple[str, list[tuple[int, int]]]:
    """The sentence with asides blanked out (same length, so offsets hold), and where."""
    spans = [(m.start(), m.end()) for pattern in rules.asides for m in pattern.finditer(text)]
    if not spans:
        return text, []
    chars = list(text)
    for a, b in spans:
        keep_comma = text[b - 1] == ","
        chars[a:b] = " " * (b - a)
        if keep_comma:
            chars[b - 1] = ","
    return "".join(chars), spans


def clauses(text: str, boundaries: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    start = 0
    for b, _ in boundaries:
        if b > start:
            out.append((start, b))
        start = b
    out.append((start, len(text)))
    return out


def clause_of(text: str, pos: int, boundaries: list[tuple[int, int]]) -> tuple[int, int]:
    for start, end in clauses(text, boundaries):
        if start <= pos < end:
            return start, end
    return 0, len(text)


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def attribution_of(sentence: str, rules: RuleSet) -> str | None:
    for pattern in rules.attribution:
        m = pattern.search(sentence)
        if m:
            return m.group("who").strip()
    return None


def actor_of(span: str, rules: RuleSet) -> tuple[str | None, bool]:
    """A person or office named in a speaker span: a name after a title ("Prime Minister
    Keir Starmer"), else the title with its nation's adjective ("Danish defence
    minister"); ministries and officials are not actors."""
    m = rules.titles.search(span)
    if m is None:
        return None, False


    name = re.match(r"\s+((?:[A-Z][\w’'-]+\s*){1,3})", span[m.end():])
    if name:
        return name.group(1).strip(), False
    before = span[:m.start()].split()
    title = m.group(0).lower()
    if before and before[-1][:1].isupper() and before[-1].lower() not in ("the", "a", "an"):
        return f"{before[-1]} {title}", False
    if before and before[-1].lower() in ("its", "their"):
        return title, True
    return None, False
