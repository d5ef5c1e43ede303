"""Building the plan's document (``analysis/plan/document.py``) from the plan's typed results:
the nation rows, the pledge and condition documents, and each source once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forcegen.analysis.plan.document import (
    ALL_CONTRIBUTORS,
    AgreementDoc,
    AttendanceDoc,
    BackstopDoc,
    ConditionDoc,
    ContextDoc,
    FairShareDoc,
    NationRow,
    NonTroopParticipant,
    PlanDocument,
    PledgeDoc,
    ReferenceSource,
    RequestDoc,
    Shortfall,
    Target,
    TargetCondition,
    Totals,
)
from forcegen.model import FIGURE_NAMES, Modality, Nation, Pledge, Source

if TYPE_CHECKING:
    from forcegen.analysis.plan.plan import PlanResult


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
