"""The index of first literals: hand-read literal sets, and the law that a pattern tried
only where its literals occur finds exactly what ``finditer`` finds (every rule pattern of
the built-in rule set and the quantity pattern, on texts mixing the genre's words with
capitals, digits, currency signs and the characters case-insensitive matching treats
specially)."""

from __future__ import annotations

import dataclasses
import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.ingest.prefilter import (
    Indexed,
    finditer_at,
    first_literals,
    safe_to_index,
    starts,
)
from forcegen.ingest.quantities import find_quantities
from forcegen.ingest.rules import RuleSet, Scan, get_rule_set, lowered

WIRE = get_rule_set("wire")


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"(?:(?:force\s+)?headquarters|command\s+and\s+control)\b", 0,
     {"force", "headquarters", "command"}),
    (r"(?:does|do|did)\s+not", 0, {"do", "did"}),  # "does" is found with "do"
    (r"(?:presidential\s+|general\s+)?elections?", 0, {"presidential", "general", "election"}),
    (r"(?-i:\bmay\b)", re.IGNORECASE, {"may"}),
    (r"(?:US|U\.S\.)\s+backing", re.IGNORECASE, {"us", "u.s."}),
    (r"ab*c", 0, {"ab", "ac"}),
    (r"(?=foo)bar|baz", 0, {"bar", "baz"}),
    (r"(?<!not )ready\s+to", 0, {"ready"}),
    (r"abcdefghijklmnopq", 0, {"abcdefghijkl"}),  # read up to twelve characters
])
def test_first_literals_by_hand(pattern: str, flags: int, expected: set[str]) -> None:
    assert first_literals(pattern, flags) == expected


@pytest.mark.parametrize("pattern", [
    r"s[ck]eptical",  # one known character, then a class
    r"[€$£]?\d+",  # a class first
    r"x",  # too short to be worth an index
    r"(?:ab)?",  # may match empty
    r"\w+ing",
    r".?ready",
])
def test_no_index_where_a_match_may_start_otherwise(pattern: str) -> None:
    assert first_literals(pattern) is None


def test_starts_and_finditer_at() -> None:
    low = "the force headquarters and force command"
    assert starts(low, frozenset({"force", "command"})) == [4, 27, 33]
    rx = re.compile(r"force\s+(?:headquarters|command)")
    got = [m.span() for m in finditer_at(rx, low, [4, 27, 33])]
    assert got == [m.span() for m in rx.finditer(low)] == [(4, 22), (27, 40)]


def test_case_traps_turn_the_index_off() -> None:
    assert safe_to_index("Plain ASCII text") and safe_to_index("curly ’quotes’ and é")
    for trap in "\u0130\u0131\u017f\u212a":
        assert not safe_to_index(f"a {trap} b")
    # a long s is an s to case-insensitive matching, but not in the lowered text
    said = Indexed(re.compile(r"\b(?:said|told)\b", re.IGNORECASE))
    text = "He \u017faid so"
    assert [m.span() for m in said.finditer(text, lowered(text))] == [(3, 7)]


WORDS = [
    "France", "the", "UK", "U.S.", "Washington", "said", "SAID", "told", "has", "ruled",
    "out", "not", "could", "commit", "up", "to", "10,000", "troops", "€2 billion", "$",
    "£", "5", "between", "5,000", "and", "8,000", "ten", "thousand", "Thirty-one",
    "elections", "presidential", "parliamentary", "approval", "air", "defence",
    "headquarters", "command", "control", "is", "sending", "may", "May", "if", "only",
    "necessary", "ceasefire", "cease-fire", "fighter", "jets", "ships", "frigates",
    "remain", "cautious", "considering", "offered", "ready", "prepared", "will", "would",
    "\u0130stanbul", "\u017fix", "\u212aelvin", "d\u0131d", "’s", ",", ".", ";", "(", ")",
    "—", "–", "-", "often", "someone", "tenfold", "seventy", "one", "none", "hundred",
]
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


def _plain(scan: Scan, text: str) -> list[tuple[int, int]]:
    return dataclasses.replace(scan, firsts=None).spans(text, lowered(text))


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_indexed_scans_find_what_finditer_finds(text: str) -> None:
    low = lowered(text)
    scans = [s for s, _ in WIRE.cue_scans] + [s for s, _ in WIRE.capability_scans] + [
        s for s, _ in WIRE.condition_scans]
    for scan in scans:
        assert scan.spans(text, low) == _plain(scan, text), scan.rx.pattern
    assert ([m.span() for m in WIRE.speech_index.finditer(text, low)]
            == [m.span() for m in WIRE.speech_verbs.finditer(text)])


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_indexed_quantities_are_the_plain_ones(text: str) -> None:
    fast = find_quantities(text, WIRE)
    with mock.patch("forcegen.ingest.quantities.safe_to_index", lambda _: False):
        plain = find_quantities(text, WIRE)
    assert fast == plain


def test_the_built_in_rules_use_the_index() -> None:
    """The patterns the engine cannot jump into are indexed (several first words, or
    run as written): the speed work is in place, not silently off."""
    rules: RuleSet = WIRE
    indexed = [s for s, _ in (*rules.cue_scans, *rules.capability_scans,
                              *rules.condition_scans) if s.firsts is not None]
    assert len(indexed) >= 15
    assert rules.speech_index.firsts is not None and "said" in rules.speech_index.firsts
