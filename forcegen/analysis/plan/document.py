"""The plan's document: what ``forcegen plan --json`` prints, what the API serves and what
the briefing renders, as typed models built from the plan's typed results.

``PlanDocument.model_json_schema()`` is its JSON Schema (``forcegen plan --schema``).
Field order here is the key order of the JSON document.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from forcegen.analysis.plan.burden import FairShareRow
from forcegen.analysis.plan.capacity import CapacityStep, CoalitionCapacity
from forcegen.analysis.plan.coverage import CapabilityCoverage
from forcegen.analysis.plan.inputs import UsedAssumption
from forcegen.analysis.plan.sustainment import LandForceBasis, SustainStatus
from forcegen.model import (
    FIGURE_NAMES,
    AgreementKind,
    Capability,
    ConditionKind,
    Modality,
    Nation,
    Pledge,
    Source,
)

if TYPE_CHECKING:
    from forcegen.analysis.plan.plan import PlanResult

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


# -- building it from the typed results ----------------------------------------------------

def reference_sources(nation: Nation | None) -> list[ReferenceSource]:
    """Each reference figure the nation has: figure, value, year, source and grade."""
    if nation is None:
        return []
    out = []
    for name in FIGURE_NAMES:
        fig = nation.figure(name)
        if fig is not None:
            out.append(ReferenceSource(figure=name, value=fig.value, year=fig.year,
                                       source=fig.source, grade=fig.grade))
    return out


def unique_sources(sources: list[Source]) -> list[Source]:
    """The sources in order, each once (a set of seen ones keeps this linear: 8,000
    pledges of one nation took 8.2 s with a list)."""
    out: list[Source] = []
    seen: set[Source] = set()
    for s in sources:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def conditions_doc(ps: list[Pledge]) -> list[ConditionDoc]:
    out: list[ConditionDoc] = []
    for p in ps:
        for c in p.conditions:
            d = ConditionDoc(kind=c.kind, detail=c.detail, interpretation=c.interpretation,
                             date=c.date,
                             sources=unique_sources(list(c.sources)))
            if d not in out:
                out.append(d)
    return out


def pledge_doc(p: Pledge) -> PledgeDoc:
    return PledgeDoc(capability=p.capability, modality=p.modality, troops_min=p.troops_min,
                     troops_max=p.troops_max, quantity=p.quantity, unit=p.unit, role=p.role,
                     caveats=list(p.caveats), interpretation=p.interpretation)


def nation_rows(result: PlanResult) -> list[NationRow]:
    scn = result.scenario
    rows = []
    for ns in result.sustainment.nations:
        ps = scn.pledges_of(ns.iso3)
        firm = min(ps, key=lambda p: p.modality.rank)
        burden = next((b for b in result.burden.nations if b.iso3 == ns.iso3), None)
        mins = [p.troops_min for p in ps if p.troops_min is not None]
        rows.append(NationRow(
            iso3=ns.iso3,
            name=scn.nation_name(ns.iso3),
            modality=firm.modality,
            role="; ".join(sorted({p.role for p in ps if p.role})),
            troops_min=sum(mins) if mins else None,
            troops_max=ns.deployed,
            conditions=conditions_doc(ps),
            sustainment_status=ns.status,
            sustainable_troops=ns.sustainable_troops,
            rotation_pool_required=ns.rotation_pool_required,
            usable_land_forces=ns.usable,
            months_sustainable=ns.months_sustainable,
            holdable_ratio=ns.holdable_ratio,
            status_by_ratio=ns.status_by_ratio,
            land_forces=ns.land_forces.troops,
            land_forces_basis=ns.land_forces.basis,
            land_forces_kind=ns.land_forces.kind,
            land_forces_source=ns.land_forces.source,
            land_forces_missing=ns.capacity.missing,
            land_forces_steps=ns.capacity.steps,
            deployable=ns.capacity.deployable,
            sustainable_by_ratio=ns.capacity.sustainable_by_ratio,
            fair_share_troops=burden.fair_share_troops if burden else None,
            fair_share_index=(round(burden.index, 3)
                              if burden and burden.index is not None else None),
            gdp_share=burden.gdp_share if burden else None,
            population_share=burden.population_share if burden else None,
            fair_share_shares=burden.shares if burden else {},
            reference_sources=reference_sources(scn.nations.get(ns.iso3)),
            pledges=[pledge_doc(p) for p in ps],
            sources=unique_sources([s for p in ps for s in p.sources]),
        ))
    return rows


def plan_document(result: PlanResult) -> PlanDocument:
    """The plan's document, built from its typed results."""
    scn, g, req = result.scenario, result.generation, result.scenario.requirement
    return PlanDocument(
        scenario=scn.name,
        title=scn.title,
        as_of=scn.as_of,
        headline=result.headline,
        target=Target(
            min_troops=req.min_troops,
            max_troops=req.max_troops,
            posture=req.posture,
            standoff_km=req.standoff_km,
            deployment_areas=list(req.deployment_areas),
            reinforceable=req.reinforceable,
            reinforcement_intent=req.reinforcement_intent,
            lead_nation=req.lead_nation,
            interpretation=req.interpretation,
            start=req.start,
            duration_months=result.sustainment.duration_months,
            tour_months=result.sustainment.tour_months,
            conditions=[TargetCondition(kind=c.kind, detail=c.detail,
                                        interpretation=c.interpretation,
                                        sources=unique_sources(list(c.sources)))
                        for c in req.conditions],
            sources=unique_sources(list(req.sources)),
        ),
        totals=Totals(
            **{m.value: g.total(m) for m in Modality},
            max_possible=g.max_possible,
            certain=g.certain,
        ),
        shortfall=Shortfall(certain=g.shortfall_certain, possible=g.shortfall_possible),
        unquantified=g.unquantified,
        nations=nation_rows(result),
        non_troop_participants=[
            NonTroopParticipant(
                iso3=c, name=scn.nation_name(c),
                reason="no armed forces (countries.csv): not a troop contributor; it may "
                       "still give money, equipment or civilians",
                pledges=[pledge_doc(p) for p in scn.pledges_of(c)],
                sources=unique_sources([s for p in scn.pledges_of(c) for s in p.sources]))
            for c in scn.without_armed_forces
        ],
        coalition_capacity=result.coalition[0],
        coalition_capacity_bases=result.coalition,
        fair_share=FairShareDoc(basis=result.burden.basis, weights=result.burden.weights,
                                coalition=result.burden.coalition,
                                bases=result.fair_share_bases),
        attendance=None if scn.attendance is None else AttendanceDoc(
            event=scn.attendance.event, nations=list(scn.attendance.nations),
            sources=unique_sources(list(scn.attendance.sources))),
        context=[ContextDoc(topic=n.topic, detail=n.detail,
                            sources=unique_sources(list(n.sources))) for n in scn.context],
        backstop=[
            BackstopDoc(provider=b.provider, capabilities=list(b.capabilities),
                        modality=b.modality, troops=b.troops, detail=b.detail,
                        interpretation=b.interpretation,
                        counted=b.modality.rank <= result.coverage.backstop_min_modality.rank,
                        sources=unique_sources(list(b.sources)))
            for b in scn.backstops
        ],
        backstop_min_modality=result.coverage.backstop_min_modality,
        capabilities=result.coverage.lines,
        unallocated_troops=result.coverage.unallocated_troops,
        agreements=[
            AgreementDoc(kind=a.kind, status=a.status,
                         parties=list(a.parties) or ALL_CONTRIBUTORS,
                         separate_from_nato=a.separate_from_nato, detail=a.detail,
                         interpretation=a.interpretation,
                         sources=unique_sources(list(a.sources)))
            for a in scn.agreements
        ],
        requests=[
            RequestDoc(requester=r.requester, addressees=r.addressees, asks=list(r.asks),
                       detail=r.detail, interpretation=r.interpretation,
                       sources=unique_sources(list(r.sources)))
            for r in scn.requests
        ],
        assumptions=result.assumptions,
    )
