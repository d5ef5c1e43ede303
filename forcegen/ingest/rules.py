"""Rule sets: the cues, lexicons and patterns extraction reads, as data.

A rule set is a TOML file of the shape of ``forcegen/data/ingest_rules.toml`` (the built-in
``wire`` rule set). Rule sets live in a registry: the built-in registers itself there like
any other, and :func:`register_rule_set` adds one (a name and a factory, e.g. another
outlet's house style or another language of the genre).

    >>> from forcegen.ingest.rules import register_rule_set, RuleSet
    >>> register_rule_set("my-wire", lambda: RuleSet.from_file("my-wire.toml"))  # doctest: +SKIP
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from forcegen.errors import IngestError, NotFound
from forcegen.ingest.prefilter import (
    Indexed,
    finditer_at,
    first_literals,
    safe_to_index,
    starts,
)
from forcegen.model import Capability

#: Claim modalities, firmest first; in a clause the weakest cue wins.
MODALITY_ORDER = ("committed", "offered", "conditional", "considering", "cautious", "ruled_out")

FLAGS = re.IGNORECASE


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CASE_ESCAPE = re.compile(r"\\[A-Z]|\(\?-i:")


def lowered(text: str) -> str:
    """``text`` in lower case, the same length (so offsets hold): ``str.lower`` unless a
    character lowers to two, then only the ASCII capitals."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(ASCII_LOWER)


def _top_level(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (split at ``|`` outside groups and sets)."""
    out, depth, start, i, in_set = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


@dataclass(frozen=True)
class Scan:
    """A case-insensitive pattern made fast: matched case-sensitively on the lowered text,
    with its leading word boundary checked afterwards, so that the regex engine can jump
    to its first literal (about fifty times faster over an article). A pattern that needs
    case (``(?-i:...)``) or a capital escape runs as written, case-insensitively. Where the
    engine has no single literal to jump to (the pattern starts with one of several words,
    or runs case-insensitively), it is tried only where one of its first literals occurs
    (:mod:`forcegen.ingest.prefilter`): the same matches, found sooner."""

    rx: re.Pattern[str]
    on_lower: bool
    boundary: bool
    firsts: frozenset[str] | None = None

    @classmethod
    def of(cls, pattern: str) -> Scan:
        if _CASE_ESCAPE.search(pattern):
            firsts = first_literals(pattern, FLAGS)
            return cls(re.compile(pattern, FLAGS), False, False, firsts)
        parts = _top_level(pattern)
        boundary = all(p.startswith("\\b") for p in parts)
        body = ("|".join(p[2:] for p in parts) if boundary else pattern).lower()
        firsts = first_literals(body)
        return cls(re.compile(body), True, boundary,
                   firsts if firsts is not None and len(firsts) > 1 else None)

    def spans(self, text: str, low: str) -> list[tuple[int, int]]:
        src = low if self.on_lower else text
        if self.firsts is not None and (self.on_lower or safe_to_index(text)):
            found: Iterable[re.Match[str]] = finditer_at(self.rx, src, starts(low, self.firsts))
        else:
            found = self.rx.finditer(src)
        out = []
        for m in found:
            s = m.start()
            if self.boundary and s > 0 and (src[s - 1].isalnum() or src[s - 1] == "_"):
                continue
            out.append((s, m.end()))
        return out


@dataclass(frozen=True)
class Lexeme:
    """A pattern and what it stands for (a capability, a condition, a unit)."""

    pattern: re.Pattern[str]
    label: str
    taxonomy: str = ""
    kind: str = ""
    symbol: str = ""

    @property
    def scan(self) -> Scan:
        return Scan.of(self.pattern.pattern)


@dataclass(frozen=True)
class RuleSet:
    """Everything extraction needs to know about the language of the genre."""

    name: str
    description: str
    non_contributors: frozenset[str]
    prepositions: frozenset[str]
    speech_verbs: re.Pattern[str]
    speech_index: Indexed
    request_verbs: re.Pattern[str]
    clause_boundaries: re.Pattern[str]
    asides: tuple[re.Pattern[str], ...]
    requirement: re.Pattern[str]
    participation: re.Pattern[str]
    abstention: re.Pattern[str]
    force_before: tuple[re.Pattern[str], ...]
    force_after: tuple[re.Pattern[str], ...]
    titles: re.Pattern[str]
    attribution: tuple[re.Pattern[str], ...]
    outlets: tuple[str, ...]
    cues: tuple[tuple[re.Pattern[str], str], ...]
    cue_scans: tuple[tuple[Scan, str], ...]
    capability_scans: tuple[tuple[Scan, Lexeme], ...]
    condition_scans: tuple[tuple[Scan, Lexeme], ...]
    troop_nouns: re.Pattern[str]
    units: tuple[Lexeme, ...]
    bound_max: re.Pattern[str]
    bound_min: re.Pattern[str]
    capabilities: tuple[Lexeme, ...]
    conditions: tuple[Lexeme, ...]

    @classmethod
    def from_file(cls, path: str | Path) -> RuleSet:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise IngestError(f"{path}: not a valid rule set: {exc}") from None
        return cls.from_dict(data, str(path))

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "rule set") -> RuleSet:
        try:
            return _build(data)
        except (KeyError, TypeError) as exc:
            raise IngestError(f"{where}: missing or malformed entry {exc}") from None
        except re.error as exc:
            raise IngestError(f"{where}: bad pattern {exc.pattern!r}: {exc}") from None
        except ValueError as exc:
            raise IngestError(f"{where}: {exc}") from None


def _rx(pattern: str, flags: int = FLAGS) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _build(d: dict[str, Any]) -> RuleSet:
    cues: list[tuple[re.Pattern[str], str]] = []
    for block in d["modality"]:
        modality = block["modality"]
        if modality not in MODALITY_ORDER:
            raise ValueError(f"unknown modality {modality!r}")
        cues.extend((_rx(c), modality) for c in block["cues"])
    capabilities = []
    for c in d["capability"]:
        if c["taxonomy"]:
            Capability(c["taxonomy"])  # ValueError names the unknown capability
        capabilities.append(Lexeme(_rx(c["pattern"]), c["label"], taxonomy=c["taxonomy"]))
    conditions = [Lexeme(_rx(c["pattern"]), c["label"]) for c in d["condition"]]
    return RuleSet(
        name=d["name"], description=d.get("description", ""),
        non_contributors=frozenset(d["non_contributors"]),
        prepositions=frozenset(p.lower() for p in d["prepositions"]),
        speech_verbs=_rx(d["speech_verbs"]), speech_index=Indexed(_rx(d["speech_verbs"])),
        request_verbs=_rx(d["request_verbs"]),
        clause_boundaries=_rx(d["clause_boundaries"]),
        asides=tuple(_rx(a) for a in d["asides"]),
        requirement=_rx(d["requirement"]), participation=_rx(d["participation"]),
        abstention=_rx(d["abstention"]),
        force_before=tuple(_rx(p) for p in d["force_size"]),
        force_after=tuple(_rx(p) for p in d["force_size_after"]),
        titles=_rx(d["titles"]),
        attribution=tuple(re.compile(p) for p in d["attribution"]),  # case matters: names
        outlets=tuple(d["outlets"]),
        cues=tuple(cues),
        cue_scans=tuple((Scan.of(p.pattern), m) for p, m in cues),
        troop_nouns=_rx(d["troops"]["nouns"]),
        units=tuple(Lexeme(_rx(u["pattern"]), u["unit"], kind=u["kind"],
                           symbol=u.get("symbol", "")) for u in d["unit"]),
        bound_max=_rx(d["bounds"]["max"]), bound_min=_rx(d["bounds"]["min"]),
        capabilities=tuple(capabilities),
        conditions=tuple(conditions),
        capability_scans=tuple((c.scan, c) for c in capabilities),
        condition_scans=tuple((c.scan, c) for c in conditions),
    )


# -- the registry ------------------------------------------------------------------------
_FACTORIES: dict[str, Callable[[], RuleSet]] = {}


def register_rule_set(name: str, factory: Callable[[], RuleSet]) -> None:
    """Make a rule set available by name (``forcegen ingest --rules NAME``)."""
    _FACTORIES[name] = factory
    get_rule_set.cache_clear()


def rule_set_names() -> list[str]:
    return sorted(_FACTORIES)


@cache
def get_rule_set(name: str = "wire") -> RuleSet:
    """The rule set registered under ``name``, or read from a TOML file at that path."""
    factory = _FACTORIES.get(name)
    if factory is not None:
        return factory()
    if name.endswith(".toml"):
        path = Path(name)
        if not path.is_file():
            raise NotFound(f"rule set file {name} does not exist")
        return RuleSet.from_file(path)
    raise NotFound(f"no rule set named {name!r} (known: {', '.join(rule_set_names())}; "
                   "or give a .toml file)")


def _builtin_wire() -> RuleSet:
    text = resources.files("forcegen.data").joinpath("ingest_rules.toml").read_text("utf-8")
    return RuleSet.from_dict(tomllib.loads(text), "forcegen/data/ingest_rules.toml")


register_rule_set("wire", _builtin_wire)
