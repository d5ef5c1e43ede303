"""The plan: force generation, capability coverage, sustainment and burden sharing
in one typed result that the CLI, the API and the reports all render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from forcegen.analysis.plan.assemble import plan_document
from forcegen.analysis.plan.burden import (
    BurdenResult,
    FairShareRow,
    burden_sharing,
    fair_share_basis,
    fair_share_sensitivity,
    weights_from,
)
from forcegen.analysis.plan.capacity import (
    CoalitionCapacity,
    NationCapacity,
    coalition_capacity,
    nation_capacity,
)
from forcegen.analysis.plan.coverage import CoverageResult, capability_coverage
from forcegen.analysis.plan.document import PlanDocument
from forcegen.analysis.plan.generation import GenerationStatus, generation_status
from forcegen.analysis.plan.inputs import (
    OPTIONAL_ASSUMPTIONS,
    UsedAssumption,
    check_plan_inputs,
    used_assumption,
)
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
    capacity: dict[str, NationCapacity]
    coalition: list[CoalitionCapacity]
    fair_share_bases: list[FairShareRow]
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
        c = self.coalition[0]
        text += (f" Together the named nations could sustain about {c.sustainable:,} "
                 f"(net capacity at rotation ratio {self.sustainment.rotation_ratio:g})")
        if c.without_data:
            text += f"; {len(c.without_data)} have no land-force figure"
        return text + "."

    def document(self) -> PlanDocument:
        """The typed document of ``forcegen plan --json``, the API and the briefing."""
        return plan_document(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``forcegen plan --json`` and of the API."""
        return self.document().model_dump(mode="json")

    def nations_frame(self) -> pd.DataFrame:
        """One row per nation; troop columns in troops."""
        import pandas as pd

        rows = [r.model_dump(mode="json", exclude={
                    "pledges", "sources", "conditions", "land_forces_steps",
                    "reference_sources", "status_by_ratio", "sustainable_by_ratio",
                    "fair_share_shares"})
                for r in self.document().nations]
        df = pd.DataFrame(rows).set_index("iso3")
        df.attrs["unit"] = "troops"
        df.attrs["scenario"] = self.scenario.name
        return df

    def capabilities_frame(self) -> pd.DataFrame:
        """One row per capability line; troop columns in troops."""
        import pandas as pd

        rows = [c.model_dump() for c in self.coverage.lines]
        df = pd.DataFrame(rows).set_index("capability")
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
                name=f"requirement.{line.capability.value}",
                value=line.troops if not line.enablers
                else f"{line.troops} in theatre + {line.enablers} enablers", unit="troops",
                source=line.source, is_assumption=True))
    for name, default in _DEFAULTS.items():
        if not scn.has_assumption(name):
            used.append(UsedAssumption(
                name=name, value=default, unit="",
                source=f"assumption: forcegen's default ({OPTIONAL_ASSUMPTIONS[name]})",
                is_assumption=True))
    basis = fair_share_basis(scn)
    min_modality = Modality(str(scn.assumption("backstop_min_modality").value)) if (
        scn.has_assumption("backstop_min_modality")) else Modality.OFFERED
    whole = (scn.assumption("backstop_fills_whole_line").value is True
             if scn.has_assumption("backstop_fills_whole_line") else True)
    caps = nation_capacity(scn)
    bases = ["named"] + (["attendees"] if scn.attendance is not None else [])
    focus: list[str] = [c for c in ("FRA", "GBR") if c in scn.nations]
    focus = focus or scn.troop_contributors[:2]
    return PlanResult(
        scenario=scn,
        generation=generation_status(scn),
        coverage=capability_coverage(scn, backstop_fills_whole_line=whole,
                                     backstop_min_modality=min_modality),
        sustainment=sustainment(scn, tour_months=tour, duration_months=duration),
        burden=burden_sharing(scn, weights=weights_from(scn), basis=basis),
        capacity=caps,
        coalition=[coalition_capacity(scn, b, caps) for b in bases],
        fair_share_bases=fair_share_sensitivity(scn, focus),
        assumptions=used,
    )


#: defaults the plan uses when the scenario does not name the assumption
_DEFAULTS: dict[str, bool | int | float | str] = {
    "fair_share_basis": "named",
    "backstop_min_modality": "offered",
    "backstop_fills_whole_line": True,
}
