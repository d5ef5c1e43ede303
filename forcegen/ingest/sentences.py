"""Sentences, split by rule, and spaCy's blank English pipeline (no model download)."""

from __future__ import annotations

import importlib
import re
import sys
import types
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language


@cache
def pipeline() -> Language:
    """spaCy's blank English pipeline (no model download): its tokenizer feeds the
    gazetteer's PhraseMatcher."""
    return import_spacy().blank("en")  # type: ignore[no-any-return]


def import_spacy() -> types.ModuleType:
    """``import spacy``, without its command line.

    spaCy's ``__init__`` imports ``spacy.cli.info`` for the one name ``spacy.info``, and
    with it the whole command line (model download, project tooling, an HTTP client):
    about a third of spaCy's import time, none of it needed for a blank pipeline. While
    spaCy imports, ``spacy.cli.info`` is a stand-in whose ``info`` imports the real one
    when called; then the stand-in goes, so ``import spacy.cli`` (or ``spacy.cli``, an
    attribute resolved on first use) gives the real command line, as before.
    """
    if "spacy" in sys.modules or "spacy.cli.info" in sys.modules:
        return importlib.import_module("spacy")
    stand_in = types.ModuleType("spacy.cli.info", "stand-in while spaCy imports")
    setattr(stand_in, "info", _info)  # noqa: B010
    setattr(stand_in, "__getattr__", _real_info_attribute)  # noqa: B010
    sys.modules["spacy.cli.info"] = stand_in
    try:
        spacy = importlib.import_module("spacy")
    finally:
        if sys.modules.get("spacy.cli.info") is stand_in:
            del sys.modules["spacy.cli.info"]
    if "spacy.cli" not in sys.modules and not hasattr(spacy, "__getattr__"):
        setattr(spacy, "__getattr__", _spacy_attribute)  # noqa: B010
    return spacy


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real one, imported on first use."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _real_info_attribute(name: str) -> Any:
    """Any other name asked of the stand-in (by a later spaCy): the real module's."""
    if name.startswith("__"):  # the import system asking whether it is a package
        raise AttributeError(name)
    sys.modules.pop("spacy.cli.info", None)
    return getattr(importlib.import_module("spacy.cli.info"), name)


def _spacy_attribute(name: str) -> Any:
    """``spacy.cli``, imported when first asked for (``import spacy`` used to)."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


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
