"""Pieces of the plan's JSON document: pledges, conditions and sources as plain dicts."""

from __future__ import annotations

from typing import Any

from forcegen.model import FIGURE_NAMES, Nation, Pledge, Source


def reference_sources(nation: Nation | None) -> dict[str, str]:
    """Figure name to 'source (year)' for each reference figure the nation has."""
    if nation is None:
        return {}
    out = {}
    for name in FIGURE_NAMES:
        fig = nation.figure(name)
        if fig is not None:
            out[name] = fig.source + (f" ({fig.year})" if fig.year else "")
    return out


def conditions_doc(ps: list[Pledge]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in ps:
        for c in p.conditions:
            d = {"kind": c.kind.value, "detail": c.detail,
                 "date": c.date.isoformat() if c.date else None,
                 "sources": sources_doc(list(c.sources))}
            if d not in out:
                out.append(d)
    return out


def pledge_doc(p: Pledge) -> dict[str, Any]:
    return {
        "capability": p.capability.value if p.capability else None,
        "modality": p.modality.value,
        "troops_min": p.troops_min,
        "troops_max": p.troops_max,
        "quantity": p.quantity,
        "unit": p.unit,
        "role": p.role,
        "caveats": list(p.caveats),
    }


def sources_doc(sources: list[Source]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for s in sources:
        d = {"outlet": s.outlet, "date": s.date.isoformat(), "title": s.title, "url": s.url,
             "quote": s.quote, "actor": s.actor}
        if d not in out:
            out.append(d)
    return out
