"""From a scenario to the numbers the sourcing model is built from: nations, lines,
areas, periods, offers, capacities, fair shares and caveats, as plain arrays.

Two sourcing modes: ``pledges`` (what is on the table: each pledge's largest figure, for
its capability, or for the capabilities a named assumption allows when it names none)
and ``capacity`` (what each nation should be asked for: any capability, bounded by its
net sustainable capacity per period).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from forcegen.analysis.sourcing.basis import NationBasis, nation_basis
from forcegen.errors import Problem, ScenarioError
from forcegen.model import Capability, ConditionKind, Modality, Scenario
from forcegen.model.deployment import CaveatKind, SourcingSetup

CAPABILITIES: list[Capability] = list(Capability)


class SourcingMode(StrEnum):
    PLEDGES = "pledges"
    CAPACITY = "capacity"


@dataclass(frozen=True)
class AreaInfo:
    name: str
    title: str
    distance_km: float | None  # None: not given (derived area)
    in_ukraine: bool
    max_nations: int | None
    source: str


@dataclass(frozen=True)
class LineInfo:
    name: str
    capability: Capability
    area: int
    troops: int
    priority: float
    must_fill: bool
    equipment: float | None
    equipment_unit: str
    source: str


@dataclass(frozen=True)
class CaveatInfo:
    nation: int
    kind: CaveatKind
    area: int | None
    troops: int | None
    label: str
    source: str


@dataclass(frozen=True)
class AssumptionUse:
    name: str
    value: bool | int | float | str | None
    unit: str
    source: str

    @property
    def is_assumption(self) -> bool:
        return self.source.strip().lower().startswith("assumption")


@dataclass(frozen=True)
class SourcingInputs:
    """Everything the model needs, indexed: nations n, lines l, areas a, periods p,
    capabilities c (the order of ``CAPABILITIES``)."""

    mode: SourcingMode
    nations: list[str]
    lines: list[LineInfo]
    areas: list[AreaInfo]
    periods: list[str]
    period_months: list[int]
    active: npt.NDArray[np.bool_]  # L x P: line l is required in period p
    capacity: npt.NDArray[np.float64]  # N: troops per period (inf: no limit known)
    named_offer: npt.NDArray[np.float64]  # N x C: troops offered for capability c
    unnamed_offer: npt.NDArray[np.float64]  # N: troops offered naming no capability
    unnamed_allowed: npt.NDArray[np.bool_]  # C: what an unnamed offer may fill
    fair_share: npt.NDArray[np.float64]  # N: share of the coalition (nan: no data)
    min_contingent: int  # troops, every nation
    caveats: list[CaveatInfo]
    backstop_in_place: bool
    standoff_km: float | None
    lead: int | None
    lead_hq_share: float
    max_nations_per_area: int | None
    assumptions: list[AssumptionUse] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)  # nation -> why not in the pool
    basis: dict[str, NationBasis] = field(default_factory=dict)

    @property
    def line_capability(self) -> npt.NDArray[np.int64]:
        return np.array([CAPABILITIES.index(line.capability) for line in self.lines],
                        dtype=np.int64)

    @property
    def line_area(self) -> npt.NDArray[np.int64]:
        return np.array([line.area for line in self.lines], dtype=np.int64)

    @property
    def demand(self) -> npt.NDArray[np.float64]:
        return np.array([line.troops for line in self.lines], dtype=np.float64)

    @property
    def priority(self) -> npt.NDArray[np.float64]:
        return np.array([line.priority for line in self.lines], dtype=np.float64)


def _setup(scn: Scenario, duration_months: int) -> tuple[SourcingSetup, list[AssumptionUse]]:
    """The scenario's [sourcing] section, with what it leaves out derived from the
    requirement (and said so)."""
    setup = scn.sourcing_setup or SourcingSetup()
    notes: list[AssumptionUse] = []
    update: dict[str, object] = {}
    if not setup.areas:
        from forcegen.model.deployment import DeploymentArea

        name = scn.requirement.deployment_areas[0] if scn.requirement.deployment_areas else ""
        update["areas"] = (DeploymentArea.model_construct(
            name="theatre", title=name or "the theatre", distance_km=-1.0, in_ukraine=True,
            host=None, max_nations=None,
            source="derived: requirement.deployment_areas (no [[sourcing.areas]])"),)
    if not setup.periods:
        from forcegen.model.deployment import Period

        update["periods"] = (Period.model_construct(
            name="mission", months=duration_months,
            source="derived: the mission's duration (no [[sourcing.periods]])"),)
    if not setup.lines:
        from forcegen.model.deployment import SourcingLine

        areas = update.get("areas", setup.areas)
        assert isinstance(areas, tuple)
        update["lines"] = tuple(SourcingLine.model_construct(
            name=c.capability.value, capability=c.capability, troops=c.troops,
            equipment=None, equipment_unit="", area=areas[0].name, periods=(), priority=1.0,
            must_fill=False, source=c.source) for c in scn.requirement.capabilities)
    if update:
        setup = setup.model_copy(update=update)
    return setup, notes


def sourcing_inputs(scn: Scenario, mode: SourcingMode | str = SourcingMode.PLEDGES
                    ) -> SourcingInputs:
    """Read a scenario into the arrays of the sourcing model (no solving)."""
    try:
        mode = SourcingMode(mode)
    except ValueError:
        from forcegen.errors import UsageError

        raise UsageError(f"unknown sourcing mode {mode!r} (use pledges or capacity)") from None
    basis = nation_basis(scn)  # the plan's input checks come first
    req = scn.requirement
    duration = req.duration_months or int(scn.assumption_value("duration_months"))
    setup, notes = _setup(scn, duration)
    problems: list[Problem] = []

    areas = [AreaInfo(name=a.name, title=a.title or a.name,
                      distance_km=None if a.distance_km < 0 else a.distance_km,
                      in_ukraine=a.in_ukraine, max_nations=a.max_nations, source=a.source)
             for a in setup.areas]
    area_index = {a.name: i for i, a in enumerate(areas)}
    periods = [p.name for p in setup.periods]
    lines = [LineInfo(name=s.name, capability=s.capability, area=area_index[s.area],
                      troops=s.troops, priority=s.priority, must_fill=s.must_fill,
                      equipment=s.equipment, equipment_unit=s.equipment_unit, source=s.source)
             for s in setup.lines]
    active = np.zeros((len(lines), len(periods)), dtype=bool)
    for i, s in enumerate(setup.lines):
        if s.periods:
            active[i, [periods.index(p) for p in s.periods]] = True
        else:
            active[i, :] = True

    # -- the pool of nations ------------------------------------------------------
    live = [p for p in scn.pledges if p.modality is not Modality.RULED_OUT]
    left_out: dict[str, str] = {}
    pool: list[str] = []
    for p in scn.pledges:
        if p.nation in pool or p.nation in left_out:
            continue
        mine = [q for q in live if q.nation == p.nation]
        if not mine:
            left_out[p.nation] = "ruled out"
        elif mode is SourcingMode.PLEDGES and all(q.troops_high is None for q in mine):
            left_out[p.nation] = "no troop number on the table"
        elif mode is SourcingMode.CAPACITY and basis[p.nation].capacity is None:
            left_out[p.nation] = "no land-force figure: no sustainable capacity known"
        elif mode is SourcingMode.CAPACITY and basis[p.nation].capacity == 0:
            left_out[p.nation] = f"no sustainable capacity ({basis[p.nation].capacity_basis})"
        else:
            pool.append(p.nation)
    n_of = {iso: i for i, iso in enumerate(pool)}
    n = len(pool)
    capacity = np.array([math.inf if (c := basis[iso].capacity) is None else float(c)
                         for iso in pool], dtype=np.float64)
    named = np.zeros((n, len(CAPABILITIES)))
    unnamed = np.zeros(n)
    if mode is SourcingMode.PLEDGES:
        for q in live:
            if q.nation in n_of and q.troops_high is not None:
                if q.capability is None:
                    unnamed[n_of[q.nation]] += q.troops_high
                else:
                    named[n_of[q.nation], CAPABILITIES.index(q.capability)] += q.troops_high
    allowed = np.array([c in setup.unnamed_pledge_capabilities for c in CAPABILITIES])
    if mode is SourcingMode.PLEDGES and unnamed.any() and not allowed.any():
        problems.append(Problem(
            "pledges name no capability but sourcing.unnamed_pledge_capabilities is empty: "
            "name the capabilities such a pledge may fill (an assumption)",
            "sourcing.unnamed_pledge_capabilities"))
    fair = np.array([basis[iso].fair_share if basis[iso].fair_share is not None else np.nan
                     for iso in pool], dtype=np.float64)

    # -- caveats: the scenario's, and a pledge's US-backstop condition ---------------
    caveats: list[CaveatInfo] = []
    pledged = {p.nation for p in scn.pledges}
    for i, given in enumerate(setup.caveats):
        if given.nation not in pledged:  # a limit on no one: most likely a wrong code
            problems.append(Problem(
                f"nation {given.nation!r} has no pledge in this scenario: a caveat limits how "
                "a contributor's troops are used", f"sourcing.caveats[{i}].nation"))
        if given.nation not in n_of:
            continue
        caveats.append(CaveatInfo(nation=n_of[given.nation], kind=given.kind,
                                  area=None if given.area is None else area_index[given.area],
                                  troops=given.troops, label=given.label, source=given.source))
    for iso in pool:
        if any(cv.nation == n_of[iso] and cv.kind is CaveatKind.NEEDS_BACKSTOP
               for cv in caveats):
            continue
        conds = [(cond, q) for q in live if q.nation == iso for cond in q.conditions
                 if cond.kind is ConditionKind.US_BACKSTOP]
        if conds:
            cond, q = conds[0]
            src = (cond.sources or q.sources)[0]
            caveats.append(CaveatInfo(
                nation=n_of[iso], kind=CaveatKind.NEEDS_BACKSTOP, area=None, troops=None,
                label="only with the backstop in place",
                source=f"{src.outlet}, {src.date}: {cond.detail or 'US backstop condition'}"))
    if problems:
        raise ScenarioError(problems)

    standoff = setup.standoff_km if setup.standoff_km is not None else req.standoff_km
    used = [
        AssumptionUse("sourcing.standoff_km", standoff, "km",
                      setup.standoff_source or ("requirement.standoff_km" if standoff is not None
                                                else "not given: no standoff limit")),
        AssumptionUse("sourcing.backstop_in_place", setup.backstop_in_place, "",
                      setup.backstop_source or "default: no backstop assumed"),
        AssumptionUse("sourcing.min_contingent", setup.min_contingent, "troops",
                      setup.min_contingent_source or "default: no minimum"),
        AssumptionUse("sourcing.max_nations_per_area", setup.max_nations_per_area, "nations",
                      setup.max_nations_source or "default: no cap"),
        AssumptionUse("sourcing.lead_hq_share", setup.lead_hq_share, "share of hq_c2 troops",
                      setup.lead_hq_source or "default: no share asked of the lead nation"),
    ]
    if mode is SourcingMode.PLEDGES and unnamed.any():
        used.append(AssumptionUse(
            "sourcing.unnamed_pledge_capabilities",
            ", ".join(c.value for c in setup.unnamed_pledge_capabilities), "",
            setup.unnamed_pledge_source or "assumption"))
    for a in setup.areas:
        used.append(AssumptionUse(f"sourcing.areas.{a.name}",
                                  None if a.distance_km < 0 else a.distance_km,
                                  "km from the line of contact", a.source))
    for pr in setup.periods:
        used.append(AssumptionUse(f"sourcing.periods.{pr.name}", pr.months, "months", pr.source))
    if any(line.priority != 1.0 for line in setup.lines):
        used.append(AssumptionUse(
            "sourcing.priorities", ", ".join(f"{line.name} {line.priority:g}"
                                             for line in setup.lines), "",
            setup.priorities_source or "not given: see each line's source"))
    for line in setup.lines:  # sourced lines too: every figure is shown with its source
        used.append(AssumptionUse(f"sourcing.lines.{line.name}", line.troops, "troops",
                                  line.source))
    used.extend(notes)
    for named_value in scn.assumptions:
        used.append(AssumptionUse(named_value.name, named_value.value, named_value.unit,
                                  named_value.source))
    return SourcingInputs(
        mode=mode, nations=pool, lines=lines, areas=areas, periods=periods,
        period_months=[p.months for p in setup.periods], active=active, capacity=capacity,
        named_offer=named, unnamed_offer=unnamed, unnamed_allowed=allowed, fair_share=fair,
        min_contingent=setup.min_contingent, caveats=caveats,
        backstop_in_place=setup.backstop_in_place, standoff_km=standoff,
        lead=n_of.get(req.lead_nation) if req.lead_nation else None,
        lead_hq_share=setup.lead_hq_share, max_nations_per_area=setup.max_nations_per_area,
        assumptions=used, left_out=left_out, basis=basis,
    )
