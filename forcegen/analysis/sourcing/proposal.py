"""The contribution proposal each nation owes (the US request for "detailed proposals"),
drawn from the sourcing plan in capacity mode: troops by capability, area and period,
equipment where the scenario has it, the security measures asked of it, the rotation
pool and how long it holds, its fair share, the conditions still to clear, and the
source or assumption behind every figure."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from forcegen.analysis.plan.assemble import (
    conditions_doc,
    pledge_doc,
    reference_sources,
    unique_sources,
)
from forcegen.analysis.plan.sustainment import (
    LandForceBasis,
    LandForces,
    NationSustainment,
    sustain,
)
from forcegen.analysis.sourcing.result import SourcingResult
from forcegen.errors import NotFound
from forcegen.model import Capability, Modality, Scenario, Source


def sources_doc(sources: list[Source]) -> list[dict[str, Any]]:
    return [s.model_dump(mode="json") for s in unique_sources(sources)]


class ProposalLine(BaseModel):
    capability: str
    capability_label: str
    area: str
    area_title: str
    in_ukraine: bool
    period: str
    troops: int = Field(description="troops")
    equipment: float | None = None
    equipment_unit: str = ""


class Proposal(BaseModel):
    """One nation's proposal. Every figure carries its source or the word assumption."""

    nation: str
    name: str
    scenario: str
    title: str
    as_of: str
    plan_status: str
    objective_text: str
    request: list[dict[str, Any]]
    lines: list[ProposalLine]
    troops_by_period: dict[str, int] = Field(description="troops deployed each period")
    peak_troops: int
    enablers: list[str] = Field(description="capabilities besides land manoeuvre asked of it")
    backstop_dependencies: list[str]
    rotation: dict[str, Any]
    fair_share: dict[str, Any]
    position: list[dict[str, Any]]
    conditions: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    reference_sources: dict[str, str]
    assumptions: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {**self.model_dump(), "lines": [ln.model_dump() for ln in self.lines]}


class CoalitionSummary(BaseModel):
    scenario: str
    title: str
    plan_status: str
    objective_text: str
    nations: list[dict[str, Any]]
    troops_required: int
    troops_filled: int
    unfilled: list[dict[str, Any]]
    assumptions: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()


def _request(scn: Scenario) -> list[dict[str, Any]]:
    return [{"requester": r.requester, "addressees": r.addressees, "asks": list(r.asks),
             "detail": r.detail, "sources": sources_doc(list(r.sources))}
            for r in scn.requests]


def _net_base_steps(ns: NationSustainment | None, lf: LandForces) -> str:
    """The capacity chain's steps up to the net deployable base (the deployable share and
    the rotation ratio are shown beside it)."""
    if ns is None or lf.troops is None:
        return lf.basis
    steps = []
    for step in ns.capacity.steps:
        steps.append(step.step)
        if step.step.startswith("= net deployable base"):
            break
    return "; ".join(steps)


def proposal_for(scn: Scenario, result: SourcingResult, nation: str) -> Proposal:
    """The proposal of one nation from a sourcing plan (best made in capacity mode)."""
    result.require_plan()  # no proposal from a plan that does not exist
    nation = nation.upper()
    if nation not in scn.nations:
        raise NotFound(f"nation {nation!r} is not in scenario {scn.name!r} "
                       f"(nations: {', '.join(sorted(scn.nations))})")
    plan = scn.plan()
    areas = {a["name"]: a for a in result.areas}
    lines = [ProposalLine(
        capability=a.capability, capability_label=Capability(a.capability).label,
        area=a.area, area_title=str(areas[a.area]["title"]),
        in_ukraine=bool(areas[a.area]["in_ukraine"]), period=a.period, troops=a.troops,
        equipment=a.equipment, equipment_unit=a.equipment_unit) for a in result.of(nation)]
    by_period = {p["name"]: sum(ln.troops for ln in lines if ln.period == p["name"])
                 for p in result.periods}
    months = {p["name"]: int(p["months"]) for p in result.periods}
    peak = max(by_period.values(), default=0)
    served = sum(months[p] for p, t in by_period.items() if t > 0)
    ns = next((s for s in plan.sustainment.nations if s.iso3 == nation), None)
    sus = plan.sustainment
    lf = ns.land_forces if ns else LandForces(troops=None, kind=LandForceBasis.NONE,
                                              basis="no pledge: not assessed", source="")
    ratio = ns.capacity.rotation_ratio if ns else sus.rotation_ratio
    held_up = sustain(
        peak or None, lf.troops, rotation_ratio=ratio,
        deployable_share=sus.deployable_share, tour_months=sus.tour_months,
        duration_months=max(served, 1))
    usable, pool, sustainable = held_up.usable, held_up.pool, held_up.sustainable
    status, held = held_up.status, held_up.months
    rotation = {
        "peak_troops": peak,
        "rotation_ratio": ratio,
        "rotation_pool_required": pool,
        "land_forces": lf.troops, "land_forces_basis": _net_base_steps(ns, lf),
        "land_forces_source": lf.source,
        "deployable_share": sus.deployable_share,
        "usable_land_forces": usable,
        "sustainable_troops": sustainable,
        "status": status.value,
        "months_with_fresh_units": held,
        "months_asked": served,
        "tour_months": sus.tour_months,
        "commitment": (
            "no troops asked" if not peak else
            f"{peak:,} troops for {served} months; a pool of {pool:,} troops"
            + (" is within its usable land forces: it can hold them indefinitely"
               if status.value == "sustainable" else
               f" is beyond its usable land forces ({usable:,}): fresh units for "
               f"{held} months" if usable is not None and held is not None else "")),
    }
    fair = next((f for f in result.fair_share if f.nation == nation), None)
    per_period_asked = result.troops_required / max(len(result.periods), 1)
    fair_doc: dict[str, Any] = {
        "fair_share": fair.fair_share if fair else None,
        "share": fair.share if fair else None,
        "deviation": fair.deviation if fair else None,
        "fair_share_troops": (round(fair.fair_share * per_period_asked)
                              if fair and fair.fair_share is not None else None),
        "basis": f"share of the coalition ({plan.burden.basis}) weighted "
                 + ", ".join(f"{k} {v:g}" for k, v in plan.burden.weights.items())
                 + ", times the troops the lines ask for",
    }
    enablers = sorted({Capability(ln.capability).label for ln in lines
                       if ln.capability != Capability.LAND_MANOEUVRE.value})
    deps = []
    for c in result.caveats:
        if c.nation == nation:
            deps.append(f"caveat: {c.caveat} ({c.source})")
    for b in scn.backstops:
        if b.modality is Modality.RULED_OUT:
            continue
        caps = ", ".join(c.label for c in b.capabilities)
        deps.append(f"{scn.nation_name(b.provider)} backstop ({b.modality.value}): {caps}")
    pledges = scn.pledges_of(nation)
    return Proposal(
        nation=nation, name=scn.nation_name(nation), scenario=scn.name, title=scn.title,
        as_of=scn.as_of.isoformat(), plan_status=result.status_label,
        objective_text=result.objective_text, request=_request(scn), lines=lines,
        troops_by_period=by_period, peak_troops=peak, enablers=enablers,
        backstop_dependencies=deps, rotation=rotation, fair_share=fair_doc,
        position=[pledge_doc(p).model_dump(mode="json") for p in pledges],
        conditions=[c.model_dump(mode="json") for c in conditions_doc(pledges)] + [
            {"kind": c.kind.value, "detail": f"for the whole force: {c.detail}",
             "date": c.date.isoformat() if c.date else None,
             "sources": sources_doc(list(c.sources))} for c in scn.requirement.conditions],
        sources=sources_doc([s for p in pledges for s in p.sources]),
        reference_sources={
            r.figure: f"{r.value:,.0f} ({r.year or 'year not given'}): {r.source}"
            + (f" [grade {r.grade}]" if r.grade else "")
            for r in reference_sources(scn.nations.get(nation))},
        assumptions=[a.model_dump() for a in result.assumptions if a.is_assumption],
    )


def coalition_summary(scn: Scenario, result: SourcingResult) -> CoalitionSummary:
    """One row per nation of the plan, and the gaps left."""
    result.require_plan()
    rows = []
    for f in result.fair_share:
        mine = result.of(f.nation)
        periods = {a.period for a in mine}
        peak = max((sum(a.troops for a in mine if a.period == p) for p in periods), default=0)
        rows.append({"nation": f.nation, "name": scn.nation_name(f.nation), "peak_troops": peak,
                     "troop_periods": f.troop_periods, "share": f.share,
                     "fair_share": f.fair_share, "deviation": f.deviation,
                     "capacity": f.capacity})
    for iso, why in result.left_out.items():
        rows.append({"nation": iso, "name": scn.nation_name(iso), "peak_troops": 0,
                     "troop_periods": 0, "share": 0.0, "fair_share": None, "deviation": None,
                     "capacity": None, "left_out": why})
    return CoalitionSummary(
        scenario=scn.name, title=scn.title, plan_status=result.status_label,
        objective_text=result.objective_text, nations=rows,
        troops_required=result.troops_required, troops_filled=result.troops_filled,
        unfilled=[{**u.model_dump(), "reason": u.reason.value} for u in result.unfilled],
        assumptions=[a.model_dump() for a in result.assumptions if a.is_assumption])

