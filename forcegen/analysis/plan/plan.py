"""The plan: force generation, capability coverage, sustainment and burden sharing
in one typed result that the CLI, the API and the reports all render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from forcegen.analysis.plan.burden import BurdenResult, burden_sharing
from forcegen.analysis.plan.coverage import CoverageResult, capability_coverage
from forcegen.analysis.plan.document import (
    conditions_doc,
    pledge_doc,
    reference_sources,
    sources_doc,
)
from forcegen.analysis.plan.generation import GenerationStatus, generation_status
from forcegen.analysis.plan.inputs import UsedAssumption, check_plan_inputs, used_assumption
from forcegen.analysis.plan.sustainment import SustainmentResult, sustainment
from forcegen.errors import ScenarioError
from forcegen.model import Modality, Scenario

if TYPE_CHECKING:
    import pandas as pd

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
                "conditions": conditions_doc(ps),
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
                "reference_sources": reference_sources(scn.nations.get(ns.iso3)),
                "pledges": [pledge_doc(p) for p in ps],
                "sources": sources_doc([s for p in ps for s in p.sources]),
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
                "sources": sources_doc(list(req.sources)),
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
                    "sources": sources_doc(list(b.sources)),
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
                    "sources": sources_doc(list(a.sources)),
                }
                for a in scn.agreements
            ],
            "requests": [
                {
                    "requester": r.requester,
                    "addressees": r.addressees,
                    "asks": list(r.asks),
                    "detail": r.detail,
                    "sources": sources_doc(list(r.sources)),
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


def plan(scn: Scenario) -> PlanResult:
    """Run every analysis of the plan on one scenario."""
    problems = check_plan_inputs(scn)
    if problems:
        raise ScenarioError(problems)
    req = scn.requirement
    tour = req.tour_months or int(scn.assumption_value("tour_months"))
    duration = req.duration_months or int(scn.assumption_value("duration_months"))
    used = [used_assumption(a) for a in scn.assumptions]
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
