"""The plan: force generation, capability coverage, sustainment and burden sharing
in one typed result that the CLI, the API and the reports all render."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from forcegen.analysis.plan.burden import BurdenResult, burden_sharing
from forcegen.analysis.plan.coverage import CoverageResult, capability_coverage
from forcegen.analysis.plan.generation import GenerationStatus, generation_status
from forcegen.analysis.plan.sustainment import SustainmentResult, sustainment
from forcegen.errors import Problem, ScenarioError
from forcegen.model import FIGURE_NAMES, Assumption, Modality, Nation, Pledge, Scenario, Source

if TYPE_CHECKING:
    import pandas as pd

#: The assumptions each analysis needs, and what they mean.
PLAN_ASSUMPTIONS: dict[str, str] = {
    "rotation_ratio": "pool of troops per deployed soldier (tour + interval) / tour",
    "deployable_share": "share of land forces usable for deployment",
    "land_share_of_active": "share of active personnel in land forces, where no army figure",
    "fair_share_gdp_weight": "weight of GDP (against population) in the fair share",
    "backstop_fills_whole_line": "a backstop capability closes the whole gap in its line",
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

    def number(n: str, *, whole: bool = False, share: bool = False) -> None:
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

    number("rotation_ratio")
    number("deployable_share", share=True)
    number("land_share_of_active", share=True)
    number("fair_share_gdp_weight", share=True)
    number("tour_months", whole=True)
    number("duration_months", whole=True)
    if "backstop_fills_whole_line" in index:
        i = index["backstop_fills_whole_line"]
        if not isinstance(scn.assumptions[i].value, bool):
            problems.append(Problem("assumption 'backstop_fills_whole_line' must be true or "
                                    f"false, got {scn.assumptions[i].value!r}",
                                    f"assumptions[{i}].value"))
    return problems


class PlanResult(BaseModel):
    scenario: Scenario
    generation: GenerationStatus
    coverage: CoverageResult
    sustainment: SustainmentResult
    burden: BurdenResult
    assumptions: list[UsedAssumption]

    # -- rendering -------------------------------------------------------------
    @property
    def headline(self) -> str:
        g = self.generation
        scn = self.scenario
        quantified = [
            f"{scn.nation_name(p.nation)} {p.troops_high:,}"
            for p in scn.pledges
            if p.modality is not Modality.RULED_OUT and p.troops_high is not None
        ]
        text = (
            f"Target {g.target_min:,}-{g.target_max:,} troops. Committed: {g.certain:,}. "
            f"At most {g.max_possible:,} if every pledge with a number holds"
            + (f" ({', '.join(quantified)})" if quantified else "")
            + f": {g.shortfall_possible:,} short of the minimum."
        )
        if g.unquantified:
            text += f" {len(g.unquantified)} nations in talks have given no number."
        return text

    def nation_rows(self) -> list[dict[str, Any]]:
        scn = self.scenario
        rows = []
        for ns in self.sustainment.nations:
            ps = scn.pledges_of(ns.iso3)
            firm = min(ps, key=lambda p: p.modality.rank)
            burden = next((b for b in self.burden.nations if b.iso3 == ns.iso3), None)
            mins = [p.troops_min for p in ps if p.troops_min is not None]
            rows.append({
                "iso3": ns.iso3,
                "name": scn.nation_name(ns.iso3),
                "modality": firm.modality.value,
                "role": "; ".join(sorted({p.role for p in ps if p.role})),
                "troops_min": sum(mins) if mins else None,
                "troops_max": ns.deployed,
                "conditions": _conditions(ps),
                "sustainment_status": ns.status.value,
                "sustainable_troops": ns.sustainable_troops,
                "rotation_pool_required": ns.rotation_pool_required,
                "usable_land_forces": ns.usable,
                "months_sustainable": ns.months_sustainable,
                "land_forces": ns.land_forces.troops,
                "land_forces_basis": ns.land_forces.basis,
                "land_forces_kind": ns.land_forces.kind,
                "land_forces_source": ns.land_forces.source,
                "fair_share_troops": burden.fair_share_troops if burden else None,
                "fair_share_index": (round(burden.index, 3)
                                     if burden and burden.index is not None else None),
                "gdp_share": burden.gdp_share if burden else None,
                "population_share": burden.population_share if burden else None,
                "reference_sources": _reference_sources(scn.nations.get(ns.iso3)),
                "pledges": [_pledge_dict(p) for p in ps],
                "sources": _sources([s for p in ps for s in p.sources]),
            })
        return rows

    def capability_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "capability": c.capability.value,
                "label": c.label,
                "required": c.required,
                "pledged": c.pledged,
                "gap": c.gap,
                "filled_by_backstop": c.filled_by_backstop,
                "backstop_providers": c.backstop_providers,
                "gap_with_backstop": c.gap_with_backstop,
                "requirement_source": c.requirement_source,
            }
            for c in self.coverage.lines
        ]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``forcegen plan --json`` and of the API."""
        scn, g, req = self.scenario, self.generation, self.scenario.requirement
        totals: dict[str, int] = {t.modality.value: t.troops for t in g.by_modality}
        totals["max_possible"] = g.max_possible
        totals["certain"] = g.certain
        return {
            "scenario": scn.name,
            "title": scn.title,
            "as_of": scn.as_of.isoformat(),
            "headline": self.headline,
            "target": {
                "min_troops": req.min_troops,
                "max_troops": req.max_troops,
                "posture": req.posture,
                "standoff_km": req.standoff_km,
                "deployment_areas": list(req.deployment_areas),
                "reinforceable": req.reinforceable,
                "reinforcement_intent": req.reinforcement_intent,
                "lead_nation": req.lead_nation,
                "start": req.start.isoformat() if req.start else None,
                "duration_months": self.sustainment.duration_months,
                "tour_months": self.sustainment.tour_months,
                "conditions": [{"kind": c.kind.value, "detail": c.detail}
                               for c in req.conditions],
                "sources": _sources(list(req.sources)),
            },
            "totals": totals,
            "shortfall": {"certain": g.shortfall_certain, "possible": g.shortfall_possible},
            "unquantified": g.unquantified,
            "nations": self.nation_rows(),
            "backstop": [
                {
                    "provider": b.provider,
                    "capabilities": [c.value for c in b.capabilities],
                    "modality": b.modality.value,
                    "troops": b.troops,
                    "detail": b.detail,
                    "sources": _sources(list(b.sources)),
                }
                for b in scn.backstops
            ],
            "capabilities": self.capability_rows(),
            "unallocated_troops": self.coverage.unallocated_troops,
            "agreements": [
                {
                    "kind": a.kind.value,
                    "status": a.status,
                    "parties": list(a.parties) or "all contributors",
                    "separate_from_nato": a.separate_from_nato,
                    "detail": a.detail,
                    "sources": _sources(list(a.sources)),
                }
                for a in scn.agreements
            ],
            "requests": [
                {
                    "requester": r.requester,
                    "addressees": r.addressees,
                    "asks": list(r.asks),
                    "detail": r.detail,
                    "sources": _sources(list(r.sources)),
                }
                for r in scn.requests
            ],
            "assumptions": [a.model_dump() for a in self.assumptions],
        }

    def nations_frame(self) -> pd.DataFrame:
        """One row per nation; troop columns in troops."""
        import pandas as pd

        rows = [{k: v for k, v in r.items() if k not in ("pledges", "sources", "conditions")}
                for r in self.nation_rows()]
        df = pd.DataFrame(rows).set_index("iso3")
        df.attrs["unit"] = "troops"
        df.attrs["scenario"] = self.scenario.name
        return df

    def capabilities_frame(self) -> pd.DataFrame:
        """One row per capability line; troop columns in troops."""
        import pandas as pd

        df = pd.DataFrame(self.capability_rows()).set_index("capability")
        df.attrs["unit"] = "troops"
        df.attrs["scenario"] = self.scenario.name
        return df


def _reference_sources(nation: Nation | None) -> dict[str, str]:
    """Figure name to 'source (year)' for each reference figure the nation has."""
    if nation is None:
        return {}
    out = {}
    for name in FIGURE_NAMES:
        fig = nation.figure(name)
        if fig is not None:
            out[name] = fig.source + (f" ({fig.year})" if fig.year else "")
    return out


def _conditions(ps: list[Pledge]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in ps:
        for c in p.conditions:
            d = {"kind": c.kind.value, "detail": c.detail,
                 "date": c.date.isoformat() if c.date else None,
                 "sources": _sources(list(c.sources))}
            if d not in out:
                out.append(d)
    return out


def _pledge_dict(p: Pledge) -> dict[str, Any]:
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


def _sources(sources: list[Source]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for s in sources:
        d = {"outlet": s.outlet, "date": s.date.isoformat(), "title": s.title, "url": s.url,
             "quote": s.quote, "actor": s.actor}
        if d not in out:
            out.append(d)
    return out


def _used(a: Assumption) -> UsedAssumption:
    return UsedAssumption(name=a.name, value=a.value, unit=a.unit, source=a.source,
                          is_assumption=a.is_assumption)


def plan(scn: Scenario) -> PlanResult:
    """Run every analysis of the plan on one scenario."""
    problems = check_plan_inputs(scn)
    if problems:
        raise ScenarioError(problems)
    req = scn.requirement
    tour = req.tour_months or int(scn.assumption_value("tour_months"))
    duration = req.duration_months or int(scn.assumption_value("duration_months"))
    used = [_used(a) for a in scn.assumptions]
    for line in req.capabilities:
        if line.is_assumption:
            used.append(UsedAssumption(
                name=f"requirement.{line.capability.value}", value=line.troops, unit="troops",
                source=line.source, is_assumption=True))
    return PlanResult(
        scenario=scn,
        generation=generation_status(scn),
        coverage=capability_coverage(
            scn, backstop_fills_whole_line=scn.assumption("backstop_fills_whole_line").value is True
        ),
        sustainment=sustainment(
            scn,
            rotation_ratio=scn.assumption_value("rotation_ratio"),
            deployable_share=scn.assumption_value("deployable_share"),
            land_share_of_active=scn.assumption_value("land_share_of_active"),
            tour_months=tour,
            duration_months=duration,
        ),
        burden=burden_sharing(scn, gdp_weight=scn.assumption_value("fair_share_gdp_weight")),
        assumptions=used,
    )
