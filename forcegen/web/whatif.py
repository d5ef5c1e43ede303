"""What-if on conditions: a scratch copy of the scenario in which a condition is taken as
met or not, or a backstop's firmness is changed. The ledger is never touched.

A condition "met" is a risk override of its probability to 1 with no delay; "not met" an
override to 0 (``[odds]``, the same section a scenario file uses, sourced "what-if").
The US backstop condition and a ceasefire are one event for the whole coalition
(``SHARED_KINDS``); any other kind is drawn per nation, so it is named with its nation,
or with none to mean every mention of that kind. A backstop's modality decides whether it
fills enabler gaps in the plan (``backstop_min_modality``) and, ruled out, drops out of
the risk model.
"""

from __future__ import annotations

from typing import Any

from forcegen.errors import NotFound, Problem, ScenarioError, UsageError
from forcegen.model import ConditionKind, Modality, Scenario
from forcegen.model.odds import SHARED_KINDS, ConditionOdds, ScenarioOdds

SOURCE = "what-if (scratch copy, not in the ledger)"


def _mentions(scn: Scenario) -> set[tuple[ConditionKind, str | None]]:
    """(kind, nation) of every condition the scenario names; nation None for the shared
    kinds and for the requirement's own conditions."""
    found: set[tuple[ConditionKind, str | None]] = set()
    for c in scn.requirement.conditions:
        found.add((c.kind, None))
    for p in scn.pledges:
        if p.modality is Modality.RULED_OUT:
            continue
        for c in p.conditions:
            found.add((c.kind, None if c.kind in SHARED_KINDS else p.nation))
    if any(b.provider == "USA" and b.modality is not Modality.RULED_OUT
           for b in scn.backstops):
        found.add((ConditionKind.US_BACKSTOP, None))
    return found


def condition_options(scn: Scenario) -> list[dict[str, Any]]:
    """The conditions a what-if may take as met or not: shared ones first, then each
    nation's, with a label."""
    found = _mentions(scn)
    kinds = {k for k, _ in found}
    options = []
    for kind, nation in sorted(found, key=lambda kn: (kn[1] is not None, kn[1] or "",
                                                      kn[0].value)):
        label = kind.value.replace("_", " ")
        if nation is None:
            label += " (whole coalition)" if kind in SHARED_KINDS else " (every mention)"
        else:
            label = f"{scn.nation_name(nation)}: {label}"
        options.append({"kind": kind.value, "nation": nation, "label": label,
                        "value": f"{kind.value}:{nation or ''}"})
    for kind in sorted(kinds - SHARED_KINDS, key=lambda k: k.value):
        if (kind, None) not in found:
            options.append({"kind": kind.value, "nation": None,
                            "label": f"{kind.value.replace('_', ' ')} (every mention)",
                            "value": f"{kind.value}:"})
    return options


def _condition_odds(scn: Scenario, i: int, change: dict[str, Any]
                    ) -> tuple[ConditionOdds, str]:
    kind = ConditionKind(change["kind"])
    nation = change.get("nation")
    nation = str(nation).upper() if nation else None
    where = f"conditions[{i}]"
    if kind in SHARED_KINDS and nation is not None:
        raise UsageError(f"{where}.nation: a {kind.value} condition is one event for the "
                         "whole coalition; give no nation")
    if nation is not None and nation not in scn.nations:
        raise NotFound(f"{where}.nation: {nation!r} is not a nation of scenario "
                       f"{scn.name!r}")
    found = _mentions(scn)
    if nation is None and not any(k is kind for k, _ in found):
        raise NotFound(f"{where}.kind: scenario {scn.name!r} names no {kind.value} "
                       "condition")
    if nation is not None and (kind, nation) not in found:
        raise NotFound(f"{where}.kind: no pledge of {nation} names a {kind.value} "
                       "condition")
    met = bool(change["met"])
    who = "the whole coalition" if kind in SHARED_KINDS else (
        nation or f"every mention of {kind.value}")
    note = (f"condition {kind.value} ({who}) taken as "
            + ("met: probability 1, no delay" if met else "not met: probability 0"))
    odds = ConditionOdds(kind=kind, nation=nation, probability=1.0 if met else 0.0,
                         delay_months=0 if met else None,
                         source=f"{SOURCE}: {'met' if met else 'not met'}")
    return odds, note


def apply_conditions(scn: Scenario, conditions: list[dict[str, Any]],
                     backstops: list[dict[str, Any]]) -> tuple[Scenario, list[str]]:
    """A copy of ``scn`` with each condition taken as met or not and each backstop's
    modality changed, and a note of each assumption made; UsageError / NotFound naming
    ``conditions[i].field`` or ``backstops[i].field`` if wrong."""
    if not conditions and not backstops:
        return scn, []
    notes: list[str] = []
    overrides: dict[tuple[ConditionKind, str | None], ConditionOdds] = {}
    for i, change in enumerate(conditions):
        odds, note = _condition_odds(scn, i, change)
        if (odds.kind, odds.nation) in overrides:
            raise UsageError(f"conditions[{i}]: {odds.kind.value}"
                             f"{' of ' + odds.nation if odds.nation else ''} is given twice")
        overrides[(odds.kind, odds.nation)] = odds
        notes.append(note)
    modality: dict[str, Modality] = {}
    providers = {b.provider for b in scn.backstops}
    for i, change in enumerate(backstops):
        provider = str(change["provider"]).upper()
        if provider not in providers:
            raise NotFound(f"backstops[{i}].provider: {provider!r} is not a backstop "
                           f"provider of scenario {scn.name!r} "
                           f"({', '.join(sorted(providers)) or 'none'})")
        if provider in modality:
            raise UsageError(f"backstops[{i}].provider: {provider} is given twice")
        modality[provider] = Modality(change["modality"])
        notes.append(f"{scn.nation_name(provider)} backstop taken as "
                     f"{modality[provider].value}")
    doc = scn.model_dump()
    if overrides:
        section = scn.odds or ScenarioOdds()
        kept = [c for c in section.conditions if (c.kind, c.nation) not in overrides]
        doc["odds"] = section.model_copy(
            update={"conditions": (*overrides.values(), *kept)}).model_dump()
    if modality:
        doc["backstops"] = [
            {**b.model_dump(), "modality": modality.get(b.provider, b.modality)}
            for b in scn.backstops]
    try:
        return Scenario.model_validate(doc), notes
    except ValueError as exc:
        raise ScenarioError([Problem(str(exc).splitlines()[-1].strip(),
                                     "conditions")]) from None
