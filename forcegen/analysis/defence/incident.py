"""``incident(scn, attacked)``: the response matrix for an attack on the force.

For each party: is it bound, under which clause and how strongly, what national caveat
excludes it, what troops it can bring by day 7, 30 and 90 (from the reinforcement model),
and whether its answer rests on the US. The same incident is then summed up under every
agreement design, side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from forcegen.analysis.defence.designs import DESIGNS, Design
from forcegen.analysis.reinforcement.result import KEY_DAYS
from forcegen.analysis.reinforcement.simulate import simulate
from forcegen.errors import NotFound, UsageError
from forcegen.model import Agreement, AgreementKind, ConditionKind, Modality, Scenario
from forcegen.model.defence import DefenceClause, ObligationStrength, Trigger

US = "USA"


class PartyResponse(BaseModel):
    party: str
    name: str
    attacked: bool
    bound: bool
    clause: str | None
    strength: ObligationStrength | None
    draft: bool = Field(description="bound only by a clause absent from the published text")
    excluded_by: str | None = Field(description="the national caveat that excludes it")
    reason: str
    troops_by_day: dict[str, int] = Field(description="troops it can have in theatre by day")
    depends_on_us: bool
    us_dependency: str = ""


class UsBackstop(BaseModel):
    provider: str
    commitment: ObligationStrength | None = Field(description="None: no clause binds the US")
    clause: str | None
    modality: str | None = Field(description="the US backstop's position in the scenario")
    capabilities: list[str]
    detail: str


class DesignSummary(BaseModel):
    design: str
    title: str
    bound: list[str]
    obliged_to_act: list[str]
    consult_only: list[str]
    obliged_troops_by_day: dict[str, int]


class IncidentResult(BaseModel):
    scenario: str
    design: str
    design_title: str
    attacked: list[str]
    area: str
    target: Trigger
    agreement_status: str | None
    parties: list[PartyResponse]
    obliged_troops_by_day: dict[str, int] = Field(
        description="troops by day of the parties bound to act (automatic or as deemed "
        "necessary)")
    us_backstop: UsBackstop
    depends_on_us: list[str]
    comparison: list[DesignSummary]
    assumptions: list[dict[str, Any]]
    notes: list[str]

    def party(self, iso3: str) -> PartyResponse:
        return next(p for p in self.parties if p.party == iso3)

    def to_dict(self) -> dict[str, Any]:
        """The document ``forcegen incident --json`` prints."""
        return self.model_dump(mode="json")


def mutual_defence(scn: Scenario) -> Agreement | None:
    return next((a for a in scn.agreements if a.kind is AgreementKind.MUTUAL_DEFENCE), None)


def design_named(name: str) -> Design:
    if name not in DESIGNS:
        raise UsageError(f"--design: unknown design {name!r} "
                         f"(`forcegen incident --list-designs`: {', '.join(DESIGNS)})")
    return DESIGNS[name]


def _parties(scn: Scenario, agreement: Agreement | None) -> list[str]:
    base = list(agreement.parties) if agreement and agreement.parties else scn.contributors
    outside = set(agreement.non_parties) if agreement else set()
    return [p for p in dict.fromkeys(base) if p not in outside]


def _resolve_attacked(scn: Scenario, parties: list[str], attacked: Iterable[str],
                      area: str | None) -> tuple[list[str], str]:
    areas = list(scn.requirement.deployment_areas)
    codes: list[str] = []
    where = area
    for item in attacked:
        item = item.strip()
        if not item:
            continue
        if item in areas:  # an area: every party's contingent there
            where = item
            codes.extend(parties)
            continue
        code = item.upper()
        if code not in parties and code not in scn.contributors:
            raise UsageError(
                f"--attacked: {item!r} is neither a party, a contributor nor a deployment "
                f"area of scenario {scn.name!r} (parties: {', '.join(parties) or 'none'}; "
                f"areas: {', '.join(areas) or 'none'})")
        codes.append(code)
    if not codes:
        raise UsageError("--attacked: name at least one contingent (ISO3) or area")
    if where is not None and areas and where not in areas:
        raise UsageError(f"--area: {where!r} is not a deployment area of scenario "
                         f"{scn.name!r} ({', '.join(areas)})")
    return list(dict.fromkeys(codes)), where if where is not None else (areas[:1] or [""])[0]


def _us_dependency(scn: Scenario, agreement: Agreement | None, party: str) -> str:
    if agreement is not None:
        for c in agreement.caveats:
            if c.party == party and c.requires_us:
                return f"caveat: {c.detail or 'requires US backing'}"
    for p in scn.pledges_of(party):
        for cond in p.conditions:
            if cond.kind is ConditionKind.US_BACKSTOP:
                return f"pledge condition: {cond.detail or 'US backstop'}"
    return ""


def _judge(party: str, attacked: list[str], parties: list[str], clauses: list[DefenceClause],
           agreement: Agreement | None, target: Trigger, area: str
           ) -> tuple[DefenceClause | None, str | None, str]:
    """(strongest applicable clause, excluding caveat, reason)."""
    others = [a for a in attacked if a != party]
    if not others:
        return None, None, "attacked itself; no other party attacked"
    applicable = []
    for c in clauses:
        bound = c.parties or tuple(parties)
        protected = c.protects or tuple(parties)
        if party not in bound:
            continue
        if not any(a in protected for a in others):
            continue
        if target not in c.triggers:
            continue
        if c.areas and area not in c.areas:
            continue
        applicable.append(c)
    if not applicable:
        why = "no clause binds it" if party not in parties else (
            f"no clause covers an attack on {target.value.replace('_', ' ')}"
            + (f" in {area}" if area else ""))
        return None, None, why
    best = min(applicable, key=lambda c: (c.strength.rank, c.draft, c.name))
    if agreement is not None:
        for cav in agreement.caveats:
            if cav.party != party:
                continue
            if area and area in cav.excludes_areas:
                return best, cav.detail or f"excludes {area}", f"caveat excludes {area}"
            if target in cav.excludes_triggers:
                return best, cav.detail or f"excludes {target.value}", \
                    f"caveat excludes {target.value.replace('_', ' ')}"
    return best, None, f"bound by {best.name} ({best.strength.value.replace('_', ' ')})"


def _respond(scn: Scenario, agreement: Agreement | None, design: Design, attacked: list[str],
             target: Trigger, area: str, troops: dict[str, dict[str, int]]
             ) -> list[PartyResponse]:
    parties = _parties(scn, agreement)
    clauses = design.clauses_for(agreement)
    everyone = list(parties)
    for c in clauses:
        everyone.extend(p for p in c.parties if p not in everyone)
    zero = {str(d): 0 for d in KEY_DAYS}
    out = []
    for p in everyone:
        clause, excluded, reason = _judge(p, attacked, parties, clauses, agreement, target, area)
        dep = _us_dependency(scn, agreement, p)
        out.append(PartyResponse(
            party=p, name=scn.nation_name(p), attacked=p in attacked,
            bound=clause is not None and excluded is None,
            clause=clause.name if clause else None,
            strength=clause.strength if clause else None,
            draft=bool(clause and clause.draft), excluded_by=excluded, reason=reason,
            troops_by_day=troops.get(p, zero), depends_on_us=bool(dep), us_dependency=dep))
    return out


def _obliged(rows: list[PartyResponse]) -> dict[str, int]:
    return {str(d): sum(r.troops_by_day[str(d)] for r in rows
                        if r.bound and r.strength is not None and r.strength.obliges_action)
            for d in KEY_DAYS}


def incident(scn: Scenario, attacked: Iterable[str], *, design: str = "as-agreed",
             target: str = "forces_in_area", area: str | None = None,
             close: Iterable[str] = ()) -> IncidentResult:
    """The response matrix for an attack on these contingents (ISO3) or areas."""
    chosen = design_named(design)
    try:
        trigger = Trigger(target)
    except ValueError:
        raise UsageError(f"--target: {target!r} is not one of "
                         f"{', '.join(t.value for t in Trigger)}") from None
    agreement = mutual_defence(scn)
    if agreement is None and chosen.from_scenario:
        raise NotFound(f"scenario {scn.name!r} has no mutual-defence agreement; "
                       f"try a model design ({', '.join(d for d in DESIGNS if d != design)})")
    parties = _parties(scn, agreement)
    codes, where = _resolve_attacked(scn, parties, attacked, area)
    flow = simulate(scn, close=close, sweep=False)
    troops = {n.nation: n.troops_by_day for n in flow.nations}
    rows = _respond(scn, agreement, chosen, codes, trigger, where, troops)

    comparison = []
    for d in DESIGNS.values():
        if d.from_scenario and agreement is None:
            continue
        r = _respond(scn, agreement, d, codes, trigger, where, troops)
        comparison.append(DesignSummary(
            design=d.name, title=d.title, bound=[x.party for x in r if x.bound],
            obliged_to_act=[x.party for x in r if x.bound and x.strength is not None
                            and x.strength.obliges_action],
            consult_only=[x.party for x in r if x.bound
                          and x.strength is ObligationStrength.CONSULTATION],
            obliged_troops_by_day=_obliged(r)))

    us_row = next((r for r in rows if r.party == US), None)
    backstop = next((b for b in scn.backstops if b.provider == US), None)
    us = UsBackstop(
        provider=US,
        commitment=us_row.strength if us_row and us_row.bound else None,
        clause=us_row.clause if us_row and us_row.bound else None,
        modality=backstop.modality.value if backstop else None,
        capabilities=[c.value for c in backstop.capabilities] if backstop else [],
        detail=backstop.detail if backstop else "the scenario records no US backstop")
    depends = [f"{r.party}: {r.us_dependency}" for r in rows if r.depends_on_us]
    if backstop is not None:
        state = (f"bound by {us.clause} ({us.commitment.value})" if us.commitment
                 else f"no clause binds the US; its backstop is {backstop.modality.value}")
        depends.append(f"{', '.join(us.capabilities)} rest on the US backstop: {state}")
    notes = []
    if backstop is not None and backstop.modality is Modality.RULED_OUT:
        notes.append("the US backstop is ruled out")
    if agreement is not None and not agreement.clauses:
        notes.append("the agreement states no clauses: under as-agreed no party is bound")
    notes.append("contingents are not placed by area in the scenario: an attack on an area "
                 "counts as an attack on every party's contingent there")
    notes.extend(flow.notes)
    clauses = chosen.clauses_for(agreement)
    assumptions = [{"name": f"clause.{c.name}", "value": c.strength.value, "source": c.source,
                    "is_assumption": c.is_assumption} for c in clauses]
    assumptions += [a.model_dump() for a in flow.assumptions]
    return IncidentResult(
        scenario=scn.name, design=chosen.name, design_title=chosen.title, attacked=codes,
        area=where, target=trigger, agreement_status=agreement.status if agreement else None,
        parties=rows, obliged_troops_by_day=_obliged(rows), us_backstop=us,
        depends_on_us=depends, comparison=comparison, assumptions=assumptions, notes=notes)
