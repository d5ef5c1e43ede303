"""The typed result of the sourcing optimiser: what the CLI, the API and the proposals
render (``to_dict`` is the ``forcegen source --json`` document)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from forcegen.analysis.sourcing.inputs import SourcingMode
from forcegen.analysis.sourcing.solve import SolveStatus

if TYPE_CHECKING:
    import pandas as pd


class UnfilledReason(StrEnum):
    NO_OFFER = "no_offer"  # nobody offers that capability
    OFFERS_EXHAUSTED = "offers_exhausted"  # the offers of that capability are all used
    SUSTAINABILITY = "sustainability_limit"  # the nations able to serve are at capacity
    CAVEAT = "caveat"  # those who could serve exclude it by a caveat
    POSTURE = "posture"  # the area is closer to the line of contact than the standoff
    MIN_CONTINGENT = "min_contingent"  # what is left is below the smallest contingent
    COHESION = "cohesion_cap"  # the area already has as many nations as allowed
    LEAD_HQ = "lead_hq_share"  # the lead nation's headquarters share holds it back
    NOT_PROVEN = "not_proven_optimal"  # the solver stopped early; a better plan may fill it
    WITHIN_GAP = "within_gap"  # proven optimal within the gap; a plan filling it may exist
    OTHER = "other"


class Assignment(BaseModel):
    nation: str
    requirement: str
    capability: str
    area: str
    period: str
    troops: int = Field(description="troops")
    equipment: float | None = Field(default=None, description="pro rata of the line's")
    equipment_unit: str = ""


class Unfilled(BaseModel):
    requirement: str
    capability: str
    area: str
    period: str
    troops: int = Field(description="troops still missing")
    required: int = Field(description="troops the line asks for")
    reason: UnfilledReason
    detail: str


class FairShareRow(BaseModel):
    nation: str
    troop_periods: int = Field(description="troop-periods assigned")
    share: float = Field(description="share of all troop-periods assigned")
    fair_share: float | None = Field(description="GDP/population share of the coalition")
    deviation: float | None = Field(description="share - fair_share")
    capacity: int | None = Field(description="troops per period it can sustain")


class LimitCost(BaseModel):
    nation: str | None = None
    caveat: str = Field(description="the caveat or limit lifted")
    coverage_gain: float | None = Field(
        description="priority-weighted troop-periods gained; None: not priced")
    coverage_gain_bound: float | None = Field(
        default=None, description="when not proven: the most lifting it could gain (the "
        "re-solve's bound)")
    troops_gain: int | None = Field(description="troop-periods gained; None: not priced")
    proven: bool = Field(description="both solves proven optimal")
    source: str = ""
    note: str = Field(default="", description="why a price is not proven, or not there")

    @property
    def label(self) -> str:
        """The price as shown: the gain, or why there is none, marked when not proven."""
        if self.coverage_gain is None:
            return "not priced"
        if self.proven:
            return f"{self.coverage_gain:,.0f}"
        if self.coverage_gain_bound is not None:
            return (f"{self.coverage_gain:,.0f} to {self.coverage_gain_bound:,.0f} "
                    "(not proven optimal)")
        return f"{self.coverage_gain:,.0f} (not proven optimal)"


class CaveatRow(BaseModel):
    """A national caveat the plan kept (from the scenario, or a pledge's US-backstop
    condition)."""

    nation: str
    kind: str = Field(description="exclude_area | needs_backstop | min_contingent")
    caveat: str = Field(description="the caveat as shown")
    area: str | None = None
    troops: int | None = Field(default=None, description="troops (min_contingent)")
    source: str


class Timings(BaseModel):
    build_seconds: float
    solve_seconds: float
    explain_seconds: float
    pricing_budget_seconds: float | None = Field(
        default=None, description="seconds the pricing re-solves shared (None: no limit)")


class UsedAssumption(BaseModel):
    name: str
    value: bool | int | float | str | None
    unit: str
    source: str
    is_assumption: bool


class SourcingResult(BaseModel):
    scenario: str
    mode: SourcingMode
    status: SolveStatus
    objective_kind: str = "weighted"
    objective_text: str
    objective: float | None
    bound: float | None
    gap: float | None
    time_limit: float | None
    troops_required: int = Field(description="troop-periods asked for by the lines")
    troops_filled: int = Field(description="troop-periods assigned")
    coverage: float = Field(description="priority-weighted troop-periods assigned")
    coverage_max: float = Field(description="priority-weighted troop-periods asked for")
    areas: list[dict[str, Any]]
    periods: list[dict[str, Any]]
    assignments: list[Assignment]
    unfilled: list[Unfilled]
    fair_share: list[FairShareRow]
    caveats: list[CaveatRow] = Field(default_factory=list)
    caveat_costs: list[LimitCost]
    limit_costs: list[LimitCost]
    prices_by: str = Field(description="how the caveat and limit costs were found")
    infeasible_because: list[str] = Field(default_factory=list)
    infeasible_undecided: list[str] = Field(
        default_factory=list, description="groups whose re-solve ran out of budget")
    left_out: dict[str, str] = Field(default_factory=dict)
    assumptions: list[UsedAssumption]
    timings: Timings

    @property
    def proven_optimal(self) -> bool:
        return self.status is SolveStatus.OPTIMAL

    @property
    def status_label(self) -> str:
        if self.status is SolveStatus.OPTIMAL:
            return "proven optimal" + (f" (gap {self.gap:.2%})" if self.gap else "")
        if self.status is SolveStatus.TIME_LIMIT:
            gap = f"gap {self.gap:.2%}" if self.gap is not None else "gap unknown"
            return f"time limit reached: best plan found, NOT proven optimal ({gap})"
        if self.status is SolveStatus.INFEASIBLE:
            return "infeasible: no plan meets every limit"
        return "time limit reached before any plan was found"

    def refuse_infeasible(self) -> None:
        """Raise Infeasible, naming the constraint groups, when no plan meets every limit."""
        from forcegen.errors import Infeasible

        if self.infeasible_because or self.infeasible_undecided:
            found = ("lifting any one of these makes one possible: "
                     + "; ".join(self.infeasible_because)) if self.infeasible_because else ""
            open_ = ("not decided within the time budget: "
                     + "; ".join(self.infeasible_undecided)) if self.infeasible_undecided \
                else ""
            raise Infeasible("no sourcing plan meets every limit; "
                             + "; ".join(t for t in (found, open_) if t))

    def require_plan(self) -> None:
        """Raise unless there is a plan to draw proposals from: Infeasible when none meets
        every limit, UsageError when the time limit came before any was found."""
        from forcegen.errors import UsageError

        self.refuse_infeasible()
        if self.status is SolveStatus.NO_SOLUTION:
            raise UsageError(f"time limit {self.time_limit}: reached before any plan was "
                             "found; no proposal can be drawn (give the solver more time)")

    def of(self, nation: str) -> list[Assignment]:
        return [a for a in self.assignments if a.nation == nation]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``forcegen source --json`` and of the API."""
        return {
            "scenario": self.scenario,
            "mode": self.mode.value,
            "status": self.status.value,
            "status_label": self.status_label,
            "proven_optimal": self.proven_optimal,
            "objective_kind": self.objective_kind,
            "objective_text": self.objective_text,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "time_limit": self.time_limit,
            "troops_required": self.troops_required,
            "troops_filled": self.troops_filled,
            "coverage": self.coverage,
            "coverage_max": self.coverage_max,
            "areas": self.areas,
            "periods": self.periods,
            "assignments": [a.model_dump() for a in self.assignments],
            "unfilled": [{**u.model_dump(), "reason": u.reason.value} for u in self.unfilled],
            "fair_share": [f.model_dump() for f in self.fair_share],
            "caveats": [c.model_dump() for c in self.caveats],
            "caveat_costs": [c.model_dump() for c in self.caveat_costs],
            "limit_costs": [c.model_dump() for c in self.limit_costs],
            "prices_by": self.prices_by,
            "infeasible_because": self.infeasible_because,
            "infeasible_undecided": self.infeasible_undecided,
            "left_out": self.left_out,
            "assumptions": [a.model_dump() for a in self.assumptions],
            "timings": self.timings.model_dump(),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per assignment; ``troops`` in troops."""
        import pandas as pd

        cols = list(Assignment.model_fields)
        df = pd.DataFrame([a.model_dump() for a in self.assignments], columns=cols)
        df.attrs["unit"] = "troops"
        df.attrs["scenario"] = self.scenario
        return df
