"""Parameter paths: how a sweep names a thing in the scenario and sets it in a variant.

    assumptions.NAME                         an assumption's value (rotation_ratio, ...)
    pledges.ISO3[.CAPABILITY].modality       a pledge's modality (committed ... ruled_out)
    pledges.ISO3[.CAPABILITY].probability    the chance it materialises ([odds] override)
    pledges.ISO3[.CAPABILITY].troops         its largest figure (troops_max; min capped)
    coalition.ISO3                           true: as in the scenario; false: out (ruled out)
    backstops.ISO3.modality                  the backstop's firmness
    conditions.KIND[.ISO3].probability       the chance a condition holds ([odds] override)
    odds.withdrawal_hazard_monthly           the monthly withdrawal hazard
    requirement.min_troops / max_troops      the band
    sourcing.NAME                            a limit of the sourcing plan: standoff_km,
                                             backstop_in_place, min_contingent,
                                             max_nations_per_area, lead_hq_share

A variant is the scenario's document with these set, validated again as a Scenario. A
path to something the scenario does not have (an assumption, a pledge, a backstop, a
condition no pledge carries) is refused, never silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from forcegen.analysis.risk.defaults import risk_default
from forcegen.errors import Problem, ScenarioError
from forcegen.model import Scenario
from forcegen.model.deployment import SourcingSetup
from forcegen.model.odds import SHARED_KINDS
from forcegen.model.pledge import ConditionKind, Modality

_SOURCE = "assumption: a value set by the sweep"
_PLEDGE_FIELDS = ("modality", "probability", "troops")
#: The sourcing limits a sweep may vary: field -> (kind, the field holding its source).
SOURCING_LIMITS = {"standoff_km": ("float", "standoff_source"),
                   "backstop_in_place": ("bool", "backstop_source"),
                   "min_contingent": ("int", "min_contingent_source"),
                   "max_nations_per_area": ("int", "max_nations_source"),
                   "lead_hq_share": ("float", "lead_hq_source")}


def _fail(name: str, message: str) -> ScenarioError:
    return ScenarioError([Problem(f"{name!r}: {message}", "parameters")])


def _pledges(doc: dict[str, Any], iso3: str, capability: str | None) -> list[dict[str, Any]]:
    return [p for p in doc["pledges"] if p["nation"] == iso3
            and (capability is None or _str(p.get("capability")) == capability)]


def _str(v: Any) -> str | None:
    return None if v is None else str(getattr(v, "value", v))


def _odds(doc: dict[str, Any]) -> dict[str, Any]:
    if doc.get("odds") is None:
        doc["odds"] = {"withdrawal_hazard_monthly": None, "withdrawal_source": "",
                       "conditions": [], "pledges": []}
    odds: dict[str, Any] = doc["odds"]
    odds["conditions"] = list(odds["conditions"])
    odds["pledges"] = list(odds["pledges"])
    return odds


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(name, f"needs a number, got {value!r}")
    return float(value)


def _probability(name: str, value: Any) -> float:
    p = _number(name, value)
    if not 0 <= p <= 1:
        raise _fail(name, f"a probability lies between 0 and 1, got {value!r}")
    return p


def _set(doc: dict[str, Any], name: str, value: Any) -> None:
    """Set parameter ``name`` to ``value`` in the scenario document ``doc`` (in place)."""
    parts = name.split(".")
    head = parts[0]
    if head == "assumptions" and len(parts) == 2:
        for a in doc["assumptions"]:
            if a["name"] == parts[1]:
                old = a["value"]
                if isinstance(old, bool) != isinstance(value, bool) or (
                        isinstance(old, str) != isinstance(value, str)):
                    raise _fail(name, f"the scenario's value is {old!r}; got {value!r}")
                if isinstance(old, int) and not isinstance(old, bool):
                    value = round(value)
                a["value"] = value
                a["source"] = _SOURCE
                return
        known = ", ".join(a["name"] for a in doc["assumptions"])
        raise _fail(name, f"the scenario has no assumption {parts[1]!r} (it has {known})")
    if head == "pledges" and len(parts) in (3, 4) and parts[-1] in _PLEDGE_FIELDS:
        iso3, field = parts[1], parts[-1]
        capability = parts[2] if len(parts) == 4 else None
        found = _pledges(doc, iso3, capability)
        if not found:
            what = f" with capability {capability!r}" if capability else ""
            raise _fail(name, f"the scenario has no pledge of {iso3}{what}")
        for p in found:
            if field == "modality":
                if value not in {m.value for m in Modality}:
                    raise _fail(name, f"{value!r} is not a modality "
                                f"({', '.join(m.value for m in Modality)})")
                p["modality"] = value
            elif field == "troops":
                troops = round(_number(name, value))
                if troops < 0:
                    raise _fail(name, f"troops cannot be negative, got {value!r}")
                p["troops_max"] = troops
                if p.get("troops_min") is not None:
                    p["troops_min"] = min(p["troops_min"], troops)
            else:
                prob = _probability(name, value)
                odds = _odds(doc)
                odds["pledges"] = [o for o in odds["pledges"] if not (
                    o["nation"] == iso3 and _str(o.get("capability")) == capability)]
                odds["pledges"].append({"nation": iso3, "capability": capability,
                                        "probability": prob, "source": _SOURCE})
                return
        return
    if head == "coalition" and len(parts) == 2:
        if not isinstance(value, bool):
            raise _fail(name, f"coalition membership is true or false, got {value!r}")
        if not _pledges(doc, parts[1], None):
            raise _fail(name, f"the scenario has no pledge of {parts[1]}")
        if parts[1] not in doc["_live"]:
            raise _fail(name, f"{parts[1]} has ruled out every pledge in the scenario, so true "
                        f"would not bring it in: vary pledges.{parts[1]}.modality instead")
        if not value:
            doc["_out"].add(parts[1])
        return
    if head == "backstops" and len(parts) == 3 and parts[2] == "modality":
        found = [b for b in doc["backstops"] if b["provider"] == parts[1]]
        if not found:
            raise _fail(name, f"the scenario has no backstop from {parts[1]}")
        if value not in {m.value for m in Modality}:
            raise _fail(name, f"{value!r} is not a modality")
        for b in found:
            b["modality"] = value
        return
    if head == "conditions" and len(parts) in (3, 4) and parts[-1] == "probability":
        if parts[1] not in {k.value for k in ConditionKind}:
            raise _fail(name, f"{parts[1]!r} is not a condition kind "
                        f"({', '.join(k.value for k in ConditionKind)})")
        nation = parts[2] if len(parts) == 4 else None
        if nation is not None and ConditionKind(parts[1]) in SHARED_KINDS:
            raise _fail(name, f"{parts[1]} is one condition for the whole coalition, drawn "
                        f"once: use conditions.{parts[1]}.probability")
        if not _has_condition(doc, parts[1], nation):
            whose = f"no pledge of {nation} carries" if nation else "nothing in it carries"
            raise _fail(name, f"the scenario has no {parts[1]} condition ({whose} one)")
        odds = _odds(doc)
        odds["conditions"] = [c for c in odds["conditions"] if not (
            _str(c["kind"]) == parts[1] and c.get("nation") == nation)]
        odds["conditions"].append({"kind": parts[1], "nation": nation,
                                   "probability": _probability(name, value),
                                   "source": _SOURCE})
        return
    if name == "odds.withdrawal_hazard_monthly":
        odds = _odds(doc)
        odds["withdrawal_hazard_monthly"] = _number(name, value)
        odds["withdrawal_source"] = _SOURCE
        return
    if head == "requirement" and len(parts) == 2 and parts[1] in ("min_troops", "max_troops"):
        doc["requirement"][parts[1]] = round(_number(name, value))
        return
    if head == "sourcing" and len(parts) == 2 and parts[1] in SOURCING_LIMITS:
        kind, source = SOURCING_LIMITS[parts[1]]
        if kind == "bool":
            if not isinstance(value, bool):
                raise _fail(name, f"needs true or false, got {value!r}")
        else:
            value = round(_number(name, value)) if kind == "int" else _number(name, value)
        setup = doc.get("sourcing_setup") or SourcingSetup().model_dump()
        doc["sourcing_setup"] = {**setup, parts[1]: value, source: _SOURCE}
        return
    raise _fail(name, "not a parameter forcegen can vary; use assumptions.NAME, "
                "pledges.ISO3[.CAPABILITY].modality|probability|troops, coalition.ISO3, "
                "backstops.ISO3.modality, conditions.KIND[.ISO3].probability, "
                "odds.withdrawal_hazard_monthly, requirement.min_troops|max_troops or "
                f"sourcing.{'|'.join(SOURCING_LIMITS)}")


def _has_condition(doc: dict[str, Any], kind: str, nation: str | None) -> bool:
    """Whether a condition of ``kind`` (of ``nation``'s pledges) is in the scenario: the
    risk engine draws only those (a US backstop counts as the us_backstop condition)."""
    found = [] if nation else list(doc["requirement"].get("conditions") or ())
    for p in doc["pledges"]:
        if nation is None or p["nation"] == nation:
            found.extend(p.get("conditions") or ())
    if kind == ConditionKind.US_BACKSTOP.value and any(
            b["provider"] == "USA" for b in doc["backstops"]):
        return True
    return any(_str(c["kind"]) == kind for c in found)


def apply_values(base: Scenario, values: Mapping[str, Any]) -> Scenario:
    """The variant of ``base`` with each parameter set to its value."""
    doc = base.model_dump()
    doc["_out"] = set()
    doc["_live"] = {p.nation for p in base.pledges if p.modality is not Modality.RULED_OUT}
    for name, value in values.items():
        _set(doc, name, value)
    out: set[str] = doc.pop("_out")
    doc.pop("_live")
    if out:  # a nation out of the coalition: its pledges ruled out, its overrides dropped
        for p in doc["pledges"]:
            if p["nation"] in out:
                p.update(modality=Modality.RULED_OUT.value, troops_min=None, troops_max=None)
        if doc.get("odds"):
            doc["odds"]["pledges"] = [o for o in doc["odds"]["pledges"]
                                      if o["nation"] not in out]
    for p in doc["pledges"]:  # a ruled-out position carries no troops
        if _str(p["modality"]) == Modality.RULED_OUT.value:
            p.update(troops_min=None, troops_max=None)
    if doc.get("odds"):  # overrides of pledges now ruled out no longer apply
        live = {(p["nation"], _str(p.get("capability"))) for p in doc["pledges"]
                if _str(p["modality"]) != Modality.RULED_OUT.value}
        doc["odds"]["pledges"] = [o for o in doc["odds"]["pledges"] if any(
            n == o["nation"] and (o.get("capability") is None or _str(o["capability"]) == c)
            for n, c in live)]
    try:
        return Scenario.model_validate(doc)
    except ValidationError as exc:
        problems = [Problem(e["msg"], ".".join(str(x) for x in e["loc"]))
                    for e in exc.errors()]
        raise ScenarioError(problems) from None


def base_value(base: Scenario, name: str) -> Any:
    """The value a parameter has in the scenario as the engines read it: an override or
    setting where the scenario has one, else the engine's named default (a pledge's or a
    condition's probability from ``risk.csv``); None where there is none (a pledge with
    no number)."""
    parts = name.split(".")
    head = parts[0]
    if head == "assumptions":
        return base.assumption(parts[1]).value
    if head == "pledges":
        cap = parts[2] if len(parts) == 4 else None
        found = [p for p in base.pledges if p.nation == parts[1]
                 and (cap is None or _str(p.capability) == cap)]
        if parts[-1] == "modality":
            return found[0].modality.value
        if parts[-1] == "troops":
            return found[0].troops_high
        overrides = [o for o in (base.odds.pledges if base.odds else ())
                     if o.nation == parts[1] and _str(o.capability) in (None, cap)]
        if overrides:
            return overrides[0].probability
        return risk_default(f"modality.{found[0].modality.value}").value
    if head == "coalition":
        return any(p.modality is not Modality.RULED_OUT for p in base.pledges_of(parts[1]))
    if head == "backstops":
        return next(b.modality.value for b in base.backstops if b.provider == parts[1])
    if head == "requirement":
        return getattr(base.requirement, parts[1])
    if head == "conditions":
        nation = parts[2] if len(parts) == 4 else None
        conditions = base.odds.conditions if base.odds else ()
        exact = [c for c in conditions if c.kind.value == parts[1] and c.nation == nation]
        general = [c for c in conditions if c.kind.value == parts[1] and c.nation is None]
        if exact or general:
            return (exact or general)[0].probability
        return risk_default(f"condition.{parts[1]}.probability").value
    if name == "odds.withdrawal_hazard_monthly":
        if base.odds is not None and base.odds.withdrawal_hazard_monthly is not None:
            return base.odds.withdrawal_hazard_monthly
        return risk_default("withdrawal_hazard_monthly").value
    if head == "sourcing":
        return getattr(base.sourcing_setup or SourcingSetup(), parts[1])
    return None
