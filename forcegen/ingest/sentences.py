"""Sentences, split by rule, and spaCy's blank English pipeline (no model download)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@cache
def pipeline() -> Language:
    """spaCy's blank English pipeline (no model download): its tokenizer feeds the
    gazetteer's PhraseMatcher."""
    import spacy

    return spacy.blank("en")


#: Where a sentence ends: . ! or ? (and closing quotes), space, then a capital, digit or
#: opening quote; not after an abbreviation or an initial ("U.S.", "Mr.", "J.").
SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
ABBREVIATIONS = frozenset({"u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "gen", "lt",
                           "col", "st", "sgt", "capt", "adm", "prof", "jr", "sr", "no", "vs",
                           "e.g", "i.e", "gov", "sen", "rep", "maj", "brig", "cmdr", "inc",
                           "co", "corp", "jan", "feb", "aug", "sept", "oct", "nov", "dec"})


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph as (start, end) offsets, split by rule."""
    out = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        word = text[:m.start()].rsplit(None, 1)[-1] if text[:m.start()].strip() else ""
        word = word.lstrip("(\"“‘").lower()
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        end = m.start() + len(m.group(0).rstrip())
        out.append((start, end))
        start = m.end()
    if start < len(text.rstrip()):
        out.append((start, len(text.rstrip())))
    return out
