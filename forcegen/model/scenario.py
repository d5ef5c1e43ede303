"""The root object: a force requirement, the nations, their pledges, and the assumptions."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from forcegen.errors import NotFound, Problem, ScenarioError
from forcegen.model.bounds import MAX_ASSUMPTION, MAX_NAME, MAX_SCENARIO_NAME, Date, Name, Text
from forcegen.model.checks import odds_problems, reinforcement_problems, sourcing_problems
from forcegen.model.defence import DefenceClause, NationalCaveat
from forcegen.model.deployment import SourcingSetup
from forcegen.model.nation import ISO3, Nation
from forcegen.model.odds import ScenarioOdds
from forcegen.model.planning import Attendance, ContextNote, RotationOverride, StandingCommitment
from forcegen.model.pledge import (
    Backstop,
    Condition,
    Modality,
    Pledge,
    Source,
)
from forcegen.model.reinforcement import Corridor, ReadinessTier, ReinforcementSettings
from forcegen.model.requirement import ForceRequirement

if TYPE_CHECKING:
    from forcegen.analysis.defence.incident import IncidentResult
    from forcegen.analysis.plan.plan import PlanResult
    from forcegen.analysis.reinforcement.accessor import ReinforcementAccessor
    from forcegen.analysis.risk.result import RiskResult
    from forcegen.analysis.sourcing.accessor import SourcingAccessor


class Assumption(BaseModel):
    """A named number the analyses rest on, with its source or the word 'assumption'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_.]*$", max_length=MAX_NAME)
    value: bool | int | float | Text
    unit: Name = ""
    source: Text = Field(min_length=1, description="a citation, or text starting with 'assumption'")
    description: Text = ""

    @field_validator("value")
    @classmethod
    def _bounded(cls, value: bool | int | float | str) -> bool | int | float | str:
        if isinstance(value, int) and not isinstance(value, bool):
            ok = abs(value) <= MAX_ASSUMPTION
        else:
            ok = not isinstance(value, float) or (
                math.isfinite(value) and abs(value) <= MAX_ASSUMPTION)
        if not ok:
            raise ValueError(f"a number assumption must be finite and at most "
                             f"{MAX_ASSUMPTION:.0e} in size")
        return value

    @property
    def is_assumption(self) -> bool:
        return self.source.strip().lower().startswith("assumption")


class AgreementKind(StrEnum):
    MUTUAL_DEFENCE = "mutual_defence"
    STATUS_OF_FORCES = "status_of_forces"
    OTHER = "other"


class Agreement(BaseModel):
    """An arrangement among contributors, e.g. a mutual-defence pact outside NATO."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: AgreementKind
    status: Text = Field(min_length=1, description="proposed, under discussion, signed, ...")
    parties: tuple[ISO3, ...] = Field(
        default=(), description="empty: every contributor to the force"
    )
    non_parties: tuple[ISO3, ...] = Field(
        default=(), description="contributors that are not parties (e.g. did not sign)")
    separate_from_nato: bool = False
    detail: Text = ""
    clauses: tuple[DefenceClause, ...] = Field(
        default=(), description="mutual defence: the obligations, published and draft")
    caveats: tuple[NationalCaveat, ...] = ()
    sources: tuple[Source, ...] = Field(min_length=1)
    interpretation: Text = Field(
        default="", exclude_if=lambda v: v == "",
        description="where the record reads more than its source says, and why")


class Request(BaseModel):
    """What one party asked of the others (e.g. the US request for proposals)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    requester: ISO3
    addressees: Text = Field(min_length=1)
    asks: tuple[Text, ...] = Field(min_length=1)
    detail: Text = ""
    sources: tuple[Source, ...] = Field(min_length=1)
    interpretation: Text = Field(
        default="", exclude_if=lambda v: v == "",
        description="where the record reads more than its source says, and why")


class Scenario(BaseModel):
    """Everything forcegen knows about one planned force, at one date."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=MAX_SCENARIO_NAME)
    title: Text = Field(min_length=1)
    as_of: Date
    summary: Text = ""
    requirement: ForceRequirement
    nations: dict[str, Nation] = Field(default_factory=dict)
    pledges: tuple[Pledge, ...] = ()
    backstops: tuple[Backstop, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    requests: tuple[Request, ...] = ()
    corridors: tuple[Corridor, ...] = ()
    readiness: tuple[ReadinessTier, ...] = ()
    reinforcement_settings: ReinforcementSettings = Field(default_factory=ReinforcementSettings)
    assumptions: tuple[Assumption, ...] = ()
    attendance: Attendance | None = None
    commitments: tuple[StandingCommitment, ...] = Field(default=(), exclude_if=lambda v: not v)
    rotations: tuple[RotationOverride, ...] = Field(default=(), exclude_if=lambda v: not v)
    context: tuple[ContextNote, ...] = Field(default=(), exclude_if=lambda v: not v)
    odds: ScenarioOdds | None = Field(
        default=None, description="overrides of the default risk probabilities ([odds] section)")
    sourcing_setup: SourcingSetup | None = Field(
        default=None, alias="sourcing",
        description="areas, periods, lines and caveats for the sourcing plan (optional)")

    model_config = ConfigDict(extra="forbid", frozen=True, validate_by_name=True,
                              validate_by_alias=True)

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        problems: list[Problem] = []
        for key, nation in self.nations.items():
            if key != nation.iso3:
                problems.append(Problem(f"key {key!r} differs from iso3 {nation.iso3!r}",
                                        f"nations.{key}"))

        def need(code: str | None, field: str) -> None:
            if code is not None and code not in self.nations:
                problems.append(Problem(f"nation {code!r} has no entry in nations", field))

        def dated(sources: tuple[Source, ...], field: str) -> None:
            for j, s in enumerate(sources):
                if s.date > self.as_of:
                    problems.append(Problem(
                        f"source dated {s.date} is after the scenario's as_of date {self.as_of}",
                        f"{field}.sources[{j}].date"))

        def conditions(conds: tuple[Condition, ...], field: str) -> None:
            for j, c in enumerate(conds):
                dated(c.sources, f"{field}.conditions[{j}]")

        need(self.requirement.lead_nation, "requirement.lead_nation")
        dated(self.requirement.sources, "requirement")
        conditions(self.requirement.conditions, "requirement")
        for i, p in enumerate(self.pledges):
            need(p.nation, f"pledges[{i}].nation")
            n = self.nations.get(p.nation)
            if n is not None and not n.has_armed_forces and (p.troops_min or p.troops_max):
                problems.append(Problem(
                    f"{n.name} has no armed forces (countries.csv) and cannot pledge troops; "
                    "record money, equipment or civilians without a troop number",
                    f"pledges[{i}].troops_max"))
            dated(p.sources, f"pledges[{i}]")
            conditions(p.conditions, f"pledges[{i}]")
        for i, b in enumerate(self.backstops):
            need(b.provider, f"backstops[{i}].provider")
            dated(b.sources, f"backstops[{i}]")
        for i, a in enumerate(self.agreements):
            for j, code in enumerate(a.parties):
                need(code, f"agreements[{i}].parties[{j}]")
            for j, code in enumerate(a.non_parties):
                need(code, f"agreements[{i}].non_parties[{j}]")
            for j, clause in enumerate(a.clauses):
                for k, code in enumerate(clause.parties):
                    need(code, f"agreements[{i}].clauses[{j}].parties[{k}]")
                for k, code in enumerate(clause.protects):
                    need(code, f"agreements[{i}].clauses[{j}].protects[{k}]")
            for j, caveat in enumerate(a.caveats):
                need(caveat.party, f"agreements[{i}].caveats[{j}].party")
            dated(a.sources, f"agreements[{i}]")
        problems.extend(reinforcement_problems(self))
        for i, r in enumerate(self.requests):
            need(r.requester, f"requests[{i}].requester")
            dated(r.sources, f"requests[{i}]")
        if self.attendance is not None:
            for j, code in enumerate(self.attendance.nations):
                need(code, f"attendance.nations[{j}]")
            dated(self.attendance.sources, "attendance")
        for i, c in enumerate(self.commitments):
            need(c.nation, f"commitments[{i}].nation")
        for i, rot in enumerate(self.rotations):
            need(rot.nation, f"rotations[{i}].nation")
        for i, note in enumerate(self.context):
            dated(note.sources, f"context[{i}]")
        if self.sourcing_setup is not None:
            problems.extend(sourcing_problems(self.sourcing_setup, need))
        seen: set[str] = set()
        for i, assumption in enumerate(self.assumptions):
            if assumption.name in seen:
                problems.append(Problem(f"assumption {assumption.name!r} is defined twice",
                                        f"assumptions[{i}].name"))
            seen.add(assumption.name)
        if self.odds is not None:
            problems.extend(odds_problems(self, self.odds))
        if problems:
            raise ScenarioError(problems)
        return self

    # -- look-ups ---------------------------------------------------------------
    def assumption(self, name: str) -> Assumption:
        for a in self.assumptions:
            if a.name == name:
                return a
        raise NotFound(f"scenario {self.name!r} has no assumption named {name!r}")

    def assumption_value(self, name: str) -> float:
        value = self.assumption(name).value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScenarioError([Problem(f"assumption {name!r} must be a number, got {value!r}",
                                         "assumptions")])
        return float(value)

    def nation_name(self, iso3: str) -> str:
        nation = self.nations.get(iso3)
        return nation.name if nation else iso3

    @property
    def contributors(self) -> list[str]:
        """Nations with at least one pledge that is not ruled out, in first-mention order."""
        out: list[str] = []
        for p in self.pledges:
            if p.modality is not Modality.RULED_OUT and p.nation not in out:
                out.append(p.nation)
        return out

    @property
    def attendees(self) -> list[str]:
        return list(self.attendance.nations) if self.attendance is not None else []

    @property
    def troop_contributors(self) -> list[str]:
        """Contributors that have armed forces: the nations that can send troops."""
        return [c for c in self.contributors
                if (n := self.nations.get(c)) is None or n.has_armed_forces]

    @property
    def without_armed_forces(self) -> list[str]:
        """Nations in the scenario whose reference data say they have no armed forces."""
        seen = dict.fromkeys(p.nation for p in self.pledges)
        return [c for c in seen if (n := self.nations.get(c)) is not None
                and not n.has_armed_forces]

    def has_assumption(self, name: str) -> bool:
        return any(a.name == name for a in self.assumptions)

    def pledges_of(self, iso3: str) -> list[Pledge]:
        return [p for p in self.pledges if p.nation == iso3]

    # -- analyses (accessors delegate to free functions) -------------------------
    def plan(self) -> PlanResult:
        from forcegen.analysis.plan.plan import plan

        return plan(self)

    @property
    def reinforcement(self) -> ReinforcementAccessor:
        """``scn.reinforcement.simulate(close=..., withhold=...)``."""
        from forcegen.analysis.reinforcement.accessor import ReinforcementAccessor

        return ReinforcementAccessor(self)

    def incident(self, attacked: list[str] | tuple[str, ...], *, design: str = "as-agreed",
                 target: str = "forces_in_area", area: str | None = None,
                 close: tuple[str, ...] = ()) -> IncidentResult:
        """Who must answer an attack on these contingents (ISO3 codes) or areas."""
        from forcegen.analysis.defence.incident import incident

        return incident(self, attacked, design=design, target=target, area=area, close=close)

    def risk(
        self, *, draws: int = 100_000, seed: int = 0, source_grade: bool = False
    ) -> RiskResult:
        """How likely the force reaches its band, month by month: a seeded Monte Carlo
        over the pledges and their conditions (``forcegen.analysis.risk``)."""
        from forcegen.analysis.risk import simulate

        return simulate(self, draws=draws, seed=seed, source_grade=source_grade)

    @property
    def sourcing(self) -> SourcingAccessor:
        """The sourcing optimiser: ``scn.sourcing.optimize(mode=...)``."""
        from forcegen.analysis.sourcing.accessor import SourcingAccessor

        return SourcingAccessor(self)

