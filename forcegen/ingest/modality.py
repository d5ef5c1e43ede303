"""Modality: how firm a position is, from the cues of a clause.

Every cue the rule set knows is found with its place; a cue inside a longer one is the
longer one's ("has not ruled out" is not "ruled out", "will not" is not "will"). In one
clause the weakest position wins: "could commit" is an offer, "is prepared to ... if
necessary" is conditional, "is considering ... only if" is still being weighed.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcegen.ingest.rules import MODALITY_ORDER, RuleSet, lowered

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    modality: str


def find_cues(text: str, rules: RuleSet, low: str | None = None) -> list[Cue]:
    """The cues in ``text``, in order, none inside another (``low``: the text lowered
    by :func:`forcegen.ingest.rules.lowered`, if at hand)."""
    low = lowered(text) if low is None else low
    found = [Cue(s, e, modality)
             for scan, modality in rules.cue_scans for s, e in scan.spans(text, low)]
    kept = [c for c in found
            if not any(o is not c and o.start <= c.start and c.end <= o.end
                       and (o.end - o.start) > (c.end - c.start) for o in found)]
    return sorted(set(kept), key=lambda c: (c.start, c.end))


def weakest(cues: list[Cue]) -> str:
    """The weakest modality among ``cues`` (``unknown`` when there are none)."""
    if not cues:
        return UNKNOWN
    return max((c.modality for c in cues), key=MODALITY_ORDER.index)
