"""What the plan needs from a scenario beyond what the model validates: the named
assumptions, their checks, and the record of each assumption used."""

from __future__ import annotations

import math

from pydantic import BaseModel

from forcegen.errors import Problem
from forcegen.model import Assumption, Modality, Scenario
from forcegen.model.bounds import MAX_ASSUMPTION, MAX_MONTHS

#: The largest rotation ratio the plan accepts (doctrine gives 3 to 5).
MAX_ROTATION_RATIO = 100.0

#: The assumptions each analysis needs, and what they mean.
PLAN_ASSUMPTIONS: dict[str, str] = {
    "rotation_ratio": "central rotation ratio: pool per deployed soldier, (tour + interval) / tour",
    "deployable_share": "share of land forces usable for deployment",
}

#: Assumptions the plan reads when the scenario names them.
OPTIONAL_ASSUMPTIONS: dict[str, str] = {
    "rotation_ratio_low": "low end of the rotation-ratio sensitivity range",
    "rotation_ratio_high": "high end of the rotation-ratio sensitivity range",
    "land_share_of_active": "share of active personnel in land forces, where no army figure "
                            "(without it, a missing army figure stays missing)",
    "fair_share_basis": "coalition the fair shares divide among: named, attendees, list:A,B",
    "fair_share_gdp_weight": "weight of GDP (against population) in the fair share",
    "backstop_min_modality": "the firmness from which a backstop counts (default offered)",
    "backstop_fills_whole_line": "a counted backstop closes the whole enabler gap in its line",
}


class UsedAssumption(BaseModel):
    name: str
    value: bool | int | float | str
    unit: str
    source: str
    is_assumption: bool


def check_plan_inputs(scn: Scenario) -> list[Problem]:
    """What the plan needs from a scenario beyond what the model validates."""
    index = {a.name: i for i, a in enumerate(scn.assumptions)}
    problems = [
        Problem(f"missing assumption {n!r} ({why}); add it under [[assumptions]]", "assumptions")
        for n, why in PLAN_ASSUMPTIONS.items() if n not in index
    ]
    for n in ("tour_months", "duration_months"):
        if getattr(scn.requirement, n) is None and n not in index:
            problems.append(Problem(
                f"neither requirement.{n} nor an assumption {n!r} is given", f"requirement.{n}"))

    def number(n: str, *, whole: bool = False, share: bool = False, low: float = 0.0,
               high: float = MAX_ASSUMPTION) -> None:
        if n not in index:
            return
        v = scn.assumptions[index[n]].value
        field = f"assumptions[{index[n]}].value"
        if isinstance(v, bool) or not isinstance(v, int | float) or not (
            math.isfinite(v) and v > 0
        ):
            problems.append(Problem(f"assumption {n!r} must be a positive number, got {v!r}",
                                    field))
        elif whole and not float(v).is_integer():
            problems.append(Problem(f"assumption {n!r} must be a whole number of months, "
                                    f"got {v!r}", field))
        elif share and v > 1:
            problems.append(Problem(f"assumption {n!r} is a share and must be at most 1, "
                                    f"got {v!r}", field))
        elif not low <= v <= high:
            problems.append(Problem(f"assumption {n!r} must be between {low:g} and {high:g}, "
                                    f"got {v!r}", field))

    # a rotation pool holds at least the deployed troops themselves
    number("rotation_ratio", low=1.0, high=MAX_ROTATION_RATIO)
    number("rotation_ratio_low", low=1.0, high=MAX_ROTATION_RATIO)
    number("rotation_ratio_high", low=1.0, high=MAX_ROTATION_RATIO)
    number("deployable_share", share=True)
    number("land_share_of_active", share=True)
    number("fair_share_gdp_weight", share=True)
    weights = [f"fair_share_weight_{k}" for k in ("gdp", "population", "defence", "army")]
    for w in weights:
        if w in index:
            v = scn.assumptions[index[w]].value
            if isinstance(v, bool) or not isinstance(v, int | float) or not (
                    math.isfinite(v) and v >= 0):
                problems.append(Problem(f"assumption {w!r} must be a number of at least 0, "
                                        f"got {v!r}", f"assumptions[{index[w]}].value"))
    if not any(w in index for w in weights) and "fair_share_gdp_weight" not in index:
        problems.append(Problem(
            "missing fair-share weights: add fair_share_weight_gdp (and _population, _defence, "
            "_army) or fair_share_gdp_weight under [[assumptions]]", "assumptions"))
    if "fair_share_basis" in index:
        i = index["fair_share_basis"]
        v = scn.assumptions[i].value
        if not isinstance(v, str) or not (v in ("named", "attendees") or (
                v.startswith("list:") and v.removeprefix("list:").strip())):
            problems.append(Problem("assumption 'fair_share_basis' must be 'named', 'attendees' "
                                    f"or 'list:FRA,GBR,...', got {v!r}", f"assumptions[{i}].value"))
        elif v == "attendees" and scn.attendance is None:
            problems.append(Problem("fair_share_basis is 'attendees' but the scenario has no "
                                    "[attendance]", f"assumptions[{i}].value"))
    if "backstop_min_modality" in index:
        i = index["backstop_min_modality"]
        v = scn.assumptions[i].value
        if not isinstance(v, str) or v not in [m.value for m in Modality]:
            problems.append(Problem("assumption 'backstop_min_modality' must be one of "
                                    + ", ".join(m.value for m in Modality) + f", got {v!r}",
                                    f"assumptions[{i}].value"))
    number("tour_months", whole=True, high=MAX_MONTHS)
    number("duration_months", whole=True, high=MAX_MONTHS)
    if "backstop_fills_whole_line" in index:
        i = index["backstop_fills_whole_line"]
        if not isinstance(scn.assumptions[i].value, bool):
            problems.append(Problem("assumption 'backstop_fills_whole_line' must be true or "
                                    f"false, got {scn.assumptions[i].value!r}",
                                    f"assumptions[{i}].value"))
    return problems


def used_assumption(a: Assumption) -> UsedAssumption:
    return UsedAssumption(name=a.name, value=a.value, unit=a.unit, source=a.source,
                          is_assumption=a.is_assumption)
