"""Quantities in a sentence: digits ("10,000"), words ("ten thousand", via text2num),
ranges ("25,000 to 30,000", "between 5,000 and 8,000"), bounds ("up to", "as many as",
"at least", "around") and their units (troops, aircraft, ships, euros...).

A number without a known unit after it (a year, a distance, a date) is not a quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forcegen.ingest.prefilter import finditer_at, safe_to_index
from forcegen.ingest.rules import RuleSet, lowered

WORD_NUMBERS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|thousand|million|billion")
_WORD = rf"(?:{WORD_NUMBERS})"
_WORDS = rf"\b{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*\b"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:million|billion|thousand|bn|m|k)\b)?"
NUMBER = rf"(?:(?:{_DIGITS}){_SCALE}|{_WORDS})"
_CURRENCY = r"[€$£]"
_RANGE_SEP = r"\s*(?:to|-|–|—|and|or)\s*"
QUANTITY = re.compile(
    rf"(?P<between>\bbetween\s+)?(?P<cur>{_CURRENCY})?(?P<a>{NUMBER})"
    rf"(?:{_RANGE_SEP}(?P<cur2>{_CURRENCY})?(?P<b>{NUMBER}))?",
    re.IGNORECASE)
SCALES = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
          "billion": 1_000_000_000, "bn": 1_000_000_000}
WORD = re.compile(r"[\w’'-]+")
#: Words that end the search for a number's unit ("1,340 kilometres of border").
UNIT_STOPS = frozenset({"of", "in", "for", "to", "from", "per", "with", "on", "at", "by"})
#: Where a quantity can start: a digit, a currency sign, or a word that is a number or
#: "between" (found on the lowered text; QUANTITY is then tried there only).
STARTS = re.compile(rf"[\d€$£]|\b(?:between|{WORD_NUMBERS})")
APPROX = re.compile(
    r"\b(?:around|about|some|roughly|approximately|nearly|almost|an\s+estimated)\s*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int  # end of the unit
    quantity: int | None
    quantity_max: int | None
    unit: str
    kind: str  # troops, materiel, money

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(v for v in (self.quantity, self.quantity_max) if v is not None)


def parse_number(text: str) -> int | None:
    """``"10,000"`` → 10000, ``"5 million"`` → 5000000, ``"ten thousand"`` → 10000."""
    text = text.strip().lower()
    m = re.fullmatch(rf"({_DIGITS})\s*(million|billion|thousand|bn|m|k)?", text)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= SCALES[m.group(2)]
        return round(value)
    from text_to_num import text2num

    try:
        return int(text2num(text.replace(" and ", " "), "en"))
    except ValueError:
        return None


def find_quantities(text: str, rules: RuleSet, lower: str | None = None) -> list[Quantity]:
    """Every number in ``text`` that counts something the rule set has a unit for
    (``lower``: the text lowered by :func:`forcegen.ingest.rules.lowered`, if at hand)."""
    out: list[Quantity] = []
    if safe_to_index(text):
        lower = lowered(text) if lower is None else lower
        found = finditer_at(QUANTITY, text, [m.start() for m in STARTS.finditer(lower)])
    else:
        found = QUANTITY.finditer(text)
    for m in found:
        if m.group("a").lower() in ("one", "zero") and not m.group("b"):
            continue  # "one of the", "no one": not a count
        a = parse_number(m.group("a"))
        b = parse_number(m.group("b")) if m.group("b") else None
        if a is None:
            continue
        symbol = m.group("cur") or m.group("cur2") or ""
        unit = _unit_after(text, m.end(), symbol, rules)
        if unit is None:
            continue
        unit_name, kind, unit_end = unit
        if b is not None and b < a:
            b = None  # "5,000 or 6" is not a range
        before = text[max(0, m.start() - 30):m.start()]
        low: int | None = a
        high: int | None = b
        if b is None:
            if rules.bound_max.search(before):
                low, high = None, a
            elif rules.bound_min.search(before) or APPROX.search(before):
                low, high = a, None
        out.append(Quantity(m.start(), unit_end, low, high, unit_name, kind))
    return out


def _unit_after(text: str, pos: int, symbol: str, rules: RuleSet) -> tuple[str, str, int] | None:
    """The unit a number at ``pos`` counts: a currency symbol before it, or a unit word
    within the next four words (stopping at a preposition)."""
    if symbol:
        for lex in rules.units:
            if lex.symbol == symbol:
                return lex.label, lex.kind, pos
    rest = text[pos:pos + 80]
    for i, word in enumerate(WORD.finditer(rest)):
        if i >= 4:
            break
        for lex in rules.units:
            hit = lex.pattern.match(rest, word.start())
            if hit is not None and _word_end(rest, hit.end()):
                return lex.label, lex.kind, pos + hit.end()
        if word.group(0).lower() in UNIT_STOPS:
            break
    return None


def _word_end(text: str, i: int) -> bool:
    return i >= len(text) or not (text[i].isalnum() or text[i] == "_")
