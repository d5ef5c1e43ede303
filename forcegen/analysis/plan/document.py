"""The plan's document: what ``forcegen plan --json`` prints, what the API serves and what
the briefing renders, as typed models built from the plan's typed results.

``PlanDocument.model_json_schema()`` is its JSON Schema (``forcegen plan --schema``).
Field order here is the key order of the JSON document.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from forcegen.analysis.plan.burden import FairShareRow
from forcegen.analysis.plan.capacity import CapacityStep, CoalitionCapacity
from forcegen.analysis.plan.coverage import CapabilityCoverage
from forcegen.analysis.plan.inputs import UsedAssumption
from forcegen.analysis.plan.sustainment import LandForceBasis, SustainStatus
from forcegen.model import (
    AgreementKind,
    Capability,
    ConditionKind,
    Modality,
    Source,
)

ALL_CONTRIBUTORS = "all contributors"


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True)


class TargetCondition(_Doc):
    kind: ConditionKind
    detail: str
    interpretation: str = Field(description="where the record reads more than its source")
    sources: list[Source]


class Target(_Doc):
    """The force the scenario asks for: the troop band, posture, areas and rotations."""

    min_troops: int = Field(description="troops")
    max_troops: int = Field(description="troops")
    posture: str
    standoff_km: float | None = Field(description="km")
    deployment_areas: list[str]
    reinforceable: bool
    reinforcement_intent: str
    lead_nation: str | None
    interpretation: str = Field(description="where the record reads more than its source")
    start: dt.date | None
    duration_months: int = Field(description="months")
    tour_months: int = Field(description="months")
    conditions: list[TargetCondition]
    sources: list[Source]


class Totals(_Doc):
    """Troops by modality (largest stated figure of each pledge), then the two sums."""

    committed: int = Field(description="troops")
    offered: int = Field(description="troops")
    conditional: int = Field(description="troops")
    considering: int = Field(description="troops")
    cautious: int = Field(description="troops")
    ruled_out: int = Field(description="troops")
    max_possible: int = Field(description="troops: every pledge not ruled out, at its largest")
    certain: int = Field(description="troops: committed pledges' stated minimum")


class Shortfall(_Doc):
    certain: int = Field(description="troops below the band's minimum counting only certain")
    possible: int = Field(description="troops below the band's minimum even if all hold")


class ConditionDoc(_Doc):
    kind: ConditionKind
    detail: str
    interpretation: str
    date: dt.date | None
    sources: list[Source]


class PledgeDoc(_Doc):
    capability: Capability | None
    modality: Modality
    troops_min: int | None = Field(description="troops")
    troops_max: int | None = Field(description="troops")
    quantity: float | None
    unit: str
    role: str
    caveats: list[str]
    interpretation: str = Field(description="where the record reads more than its source")


class ReferenceSource(_Doc):
    """One reference figure behind a nation's numbers, with its source and grade."""

    figure: str
    value: float
    year: int | None
    source: str
    grade: Literal["A", "B", "C"] | None = Field(
        description="A official or primary; B major outlet or wire; C secondary or mirror")


class NationRow(_Doc):
    """One contributor: its position, sustainment and burden, with the figures' sources."""

    iso3: str
    name: str
    modality: Modality = Field(description="the firmest of the nation's positions")
    role: str
    troops_min: int | None = Field(description="troops")
    troops_max: int | None = Field(description="troops")
    conditions: list[ConditionDoc]
    sustainment_status: SustainStatus
    sustainable_troops: int | None = Field(description="troops")
    rotation_pool_required: int | None = Field(description="troops")
    usable_land_forces: int | None = Field(description="troops")
    months_sustainable: int | None = Field(description="months, at the central ratio")
    holdable_ratio: float | None = Field(
        description="largest rotation ratio at which the nation holds its pledge")
    status_by_ratio: dict[str, SustainStatus] = Field(
        description="sustainment at each ratio of the range")
    land_forces: int | None = Field(description="troops: the net deployable base")
    land_forces_basis: str = Field(description="the steps the land forces rest on")
    land_forces_kind: LandForceBasis
    land_forces_source: str
    land_forces_missing: str = Field(description="why there is no figure, when there is none")
    land_forces_steps: list[CapacityStep] = Field(description="the net capacity chain")
    deployable: int | None = Field(description="troops: land forces x deployable share")
    sustainable_by_ratio: dict[str, int | None] = Field(
        description="troops sustainable at each ratio of the range")
    fair_share_troops: int | None = Field(description="troops")
    fair_share_index: float | None = Field(description="troops / fair share, 3 decimals")
    gdp_share: float | None
    population_share: float | None
    fair_share_shares: dict[str, float] = Field(description="share of the basis, per weight")
    reference_sources: list[ReferenceSource]
    pledges: list[PledgeDoc]
    sources: list[Source]


class BackstopDoc(_Doc):
    provider: str
    capabilities: list[Capability]
    modality: Modality
    troops: int = Field(description="troops")
    detail: str
    interpretation: str
    counted: bool = Field(description="firm enough to fill enabler gaps (backstop_min_modality)")
    sources: list[Source]


class NonTroopParticipant(_Doc):
    iso3: str
    name: str
    reason: str
    pledges: list[PledgeDoc]
    sources: list[Source]


class FairShareDoc(_Doc):
    basis: str = Field(description="named | attendees | list:...")
    weights: dict[str, float]
    coalition: list[str]
    bases: list[FairShareRow] = Field(description="focus nations' shares on each basis")


class AttendanceDoc(_Doc):
    event: str
    nations: list[str]
    sources: list[Source]


class ContextDoc(_Doc):
    topic: str
    detail: str
    sources: list[Source]


class AgreementDoc(_Doc):
    kind: AgreementKind
    status: str
    parties: list[str] | Literal["all contributors"]
    separate_from_nato: bool
    detail: str
    interpretation: str
    sources: list[Source]


class RequestDoc(_Doc):
    requester: str
    addressees: str
    asks: list[str]
    detail: str
    interpretation: str
    sources: list[Source]


class PlanDocument(_Doc):
    """The plan of one scenario, as ``forcegen plan --json`` prints it."""

    scenario: str
    title: str
    as_of: dt.date
    headline: str
    target: Target
    totals: Totals
    shortfall: Shortfall
    unquantified: list[str] = Field(description="nations in the force with no troop number")
    nations: list[NationRow]
    non_troop_participants: list[NonTroopParticipant] = Field(
        description="nations with no armed forces: no troop contributors")
    coalition_capacity: CoalitionCapacity = Field(
        description="what the fair-share basis' nations could sustain together (named)")
    coalition_capacity_bases: list[CoalitionCapacity]
    fair_share: FairShareDoc
    attendance: AttendanceDoc | None
    context: list[ContextDoc]
    backstop: list[BackstopDoc]
    backstop_min_modality: Modality
    capabilities: list[CapabilityCoverage]
    unallocated_troops: int = Field(description="troops pledged that name no capability")
    agreements: list[AgreementDoc]
    requests: list[RequestDoc]
    assumptions: list[UsedAssumption]
