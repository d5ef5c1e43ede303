"""Quantities: digits, words, ranges, bounds, units; numbers of nothing are not quantities."""

from __future__ import annotations

import pytest

from forcegen.ingest.quantities import find_quantities, parse_number
from forcegen.ingest.rules import get_rule_set


def one(text: str) -> tuple[int | None, int | None, str]:
    found = find_quantities(text, get_rule_set("wire"))
    assert len(found) == 1, found
    q = found[0]
    return q.quantity, q.quantity_max, q.unit


@pytest.mark.parametrize(("text", "expected"), [
    ("could commit up to 10,000 troops", (None, 10000, "troops")),
    ("a force of 25,000 to 30,000 troops", (25000, 30000, "troops")),
    ("between 5,000 and 8,000 soldiers", (5000, 8000, "troops")),
    ("as many as 5,000 troops", (None, 5000, "troops")),
    ("around 150 soldiers", (150, None, "troops")),
    ("at least 2,500 personnel", (2500, None, "troops")),
    ("ten thousand troops", (10000, None, "troops")),
    ("two maritime patrol aircraft", (2, None, "aircraft")),
    ("four mine-hunting vessels", (4, None, "ships")),
    ("5 million euros", (5000000, None, "EUR")),
    ("€2.5 billion in aid", (2500000000, None, "EUR")),
    ("1 billion euros", (1000000000, None, "EUR")),
    ("$400 million", (400000000, None, "USD")),
    ("twenty-five thousand peacekeepers", (25000, None, "troops")),
])
def test_quantities(text: str, expected: tuple[int | None, int | None, str]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize("text", [
    "its own 1,340-kilometre border with Russia",
    "on February 17, 2025",
    "one of the five Nordic countries",
    "within 30 days of a ceasefire",
])
def test_numbers_of_nothing_are_not_quantities(text: str) -> None:
    assert find_quantities(text, get_rule_set("wire")) == []


def test_parse_number() -> None:
    assert parse_number("10,000") == 10000
    assert parse_number("1.5 million") == 1500000
    assert parse_number("three hundred") == 300
    assert parse_number("no number") is None
