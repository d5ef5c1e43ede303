"""Claims in the making: one draft per clause, merged per sentence (the weakest modality,
conditions united), and an article's claims without repeats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forcegen.ingest.claim import Claim, ClaimType
from forcegen.ingest.modality import UNKNOWN
from forcegen.ingest.quantities import Quantity
from forcegen.ingest.rules import MODALITY_ORDER


@dataclass
class Draft:
    """A claim before its sentence, source and actor are attached."""

    country: str | None
    claim_type: ClaimType
    modality: str
    quantity: Quantity | None = None
    capabilities: tuple[tuple[str, str], ...] = ()
    conditions: tuple[str, ...] = ()
    rule: str = "clause"


def merge_sentence(drafts: list[Draft]) -> list[Draft]:
    """One draft per key within a sentence (weakest modality, conditions united); a
    condition stated beside another claim of the same nation is that claim's condition."""
    merged: dict[tuple[Any, ...], Draft] = {}
    for d in drafts:
        q = d.quantity
        key = (d.country, d.claim_type, q.quantity if q else None, q.quantity_max if q else None)
        old = merged.get(key)
        if old is None:
            merged[key] = d
            continue
        if old.rule == "participation" and d.rule != "participation":
            merged[key] = d
            continue
        if d.rule == "participation":
            continue
        old.modality = max(old.modality, d.modality, key=rank)
        old.conditions = tuple(dict.fromkeys(old.conditions + d.conditions))
        old.capabilities = tuple(dict.fromkeys(old.capabilities + d.capabilities))
    out = list(merged.values())
    for d in [d for d in out if d.claim_type is ClaimType.CONDITION]:
        others = [o for o in out if o.country == d.country and o is not d
                  and o.rule != "participation"]
        if others:
            for o in others:
                o.conditions = tuple(dict.fromkeys(o.conditions + d.conditions))
            out.remove(d)
    return out


def rank(modality: str) -> int:
    return MODALITY_ORDER.index(modality) if modality != UNKNOWN else -1


def dedupe(claims: list[Claim]) -> list[Claim]:
    """An article's claims without repeats: a claim said twice (same key, modality,
    condition and capability) is kept once, and a participation stance gives way to any
    other claim with the same key."""
    firm = {c.key for c in claims if c.rule != "participation"}
    out: dict[tuple[Any, ...], Claim] = {}
    for c in claims:
        if c.rule == "participation" and c.key in firm:
            continue
        out.setdefault((*c.key, c.modality, c.condition, c.capability), c)
    return list(out.values())
