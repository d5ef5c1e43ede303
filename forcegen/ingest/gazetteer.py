"""Nations in text: names, adjectives, demonyms, capitals and seats of government, leaders,
groups of nations ("Nordic and Baltic nations") — read from ``forcegen/data/gazetteer.csv``
and ``forcegen/data/nation_groups.csv`` (plus every ISO 3166 short name) and matched with a
spaCy PhraseMatcher.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from forcegen.model.iso import iso3_names

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Kinds of mention that name a place as well as a government: they stand for the
#: government only where they act or speak ("Oslo said", "Washington has ruled out").
PLACE_KINDS = frozenset({"capital", "seat"})
#: Nouns that make a group adjective a group of nations ("Nordic countries").
GROUP_NOUNS = frozenset({"nations", "countries", "states", "governments", "allies", "partners",
                         "members", "neighbours", "neighbors", "capitals", "ministers",
                         "leaders", "militaries"})
#: Words skipped when looking for the preposition before a mention ("from the five ...").
SKIPPED_BEFORE = frozenset({"the", "a", "an", "its", "their", "all", "both", "three", "five",
                            "four", "two", "six", "seven", "eight", "other", "some", "several",
                            "fellow", "key"})


@dataclass(frozen=True)
class Mention:
    """A span of a document that names one nation or a group of nations."""

    start: int
    end: int
    text: str
    nations: tuple[str, ...]
    kind: str
    after_preposition: bool
    acting: bool  # a capital or seat used for its government; always True for other kinds

    @property
    def is_group(self) -> bool:
        return self.kind == "group"


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("forcegen.data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def entries() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Every (phrase, kind, nations) the gazetteer knows."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    names = iso3_names()
    for row in _read("gazetteer.csv"):
        if row["iso3"] not in names:
            raise ValueError(f"gazetteer.csv: unknown ISO3 code {row['iso3']!r}")
        out.append((row["phrase"], row["kind"], (row["iso3"],)))
    known = {p for p, _, _ in out}
    for iso3, name in names.items():
        if name not in known and "," not in name and "(" not in name:
            out.append((name, "name", (iso3,)))
    for row in _read("nation_groups.csv"):
        out.append((row["phrase"], "group", tuple(row["members"].split())))
    return tuple(out)


class Gazetteer:
    """Finds nation mentions in a spaCy Doc."""

    def __init__(self, nlp: Language, outlets: tuple[str, ...], prepositions: frozenset[str]):
        from spacy.matcher import PhraseMatcher

        self.prepositions = prepositions
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.kinds: dict[str, tuple[str, tuple[str, ...]]] = {}
        for i, (phrase, kind, nations) in enumerate(entries()):
            variants = {phrase}
            if phrase.startswith("the "):
                variants.add("The " + phrase[4:])
            key = f"g{i}"
            self.kinds[key] = (kind, nations)
            self.matcher.add(key, [nlp.make_doc(v) for v in variants])
        self.kinds["outlet"] = ("outlet", ())
        self.matcher.add("outlet", [nlp.make_doc(o) for o in outlets])
        self._strings = nlp.vocab.strings

    def mentions(self, doc: Doc) -> list[Mention]:
        from spacy.util import filter_spans

        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label_ = self._strings[match_id]
            spans.append(span)
        out = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            kind, nations = self.kinds[span.label_]
            if kind == "outlet":
                continue
            if kind == "group" and not self._is_group(doc, span.end, span.text):
                continue
            before = self._word_before(doc, span.start)
            after_prep = before in self.prepositions
            acting = True
            if kind in PLACE_KINDS:
                nxt = doc[span.end] if span.end < len(doc) else None
                acting = (not after_prep and nxt is not None
                          and (nxt.is_lower or nxt.text in ("'s", "’s")))
            out.append(Mention(span.start_char, span.end_char, span.text, nations, kind,
                               after_prep, acting))
        return out

    @staticmethod
    def _is_group(doc: Doc, end: int, text: str) -> bool:
        """A group adjective names its members only before a noun of nations
        ("Nordic countries", "Nordic and Baltic nations"); plurals always do."""
        if text.endswith("s"):
            return True
        for tok in doc[end:end + 4]:
            low = tok.lower_
            if low in GROUP_NOUNS:
                return True
            if low not in ("and", ",", "-", "or") and not tok.text[:1].isupper():
                return False
        return False

    @staticmethod
    def _word_before(doc: Doc, start: int) -> str:
        i = start - 1
        while i >= 0 and (doc[i].lower_ in SKIPPED_BEFORE or doc[i].like_num):
            i -= 1
        return doc[i].lower_ if i >= 0 else ""
