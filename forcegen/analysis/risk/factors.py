"""Build the risk model from a scenario: the random factors (shared conditions, national
conditions, backstops), and for each pledge its probability, its conditions, when it
can arrive and the distribution of its troops.

Every number comes from the scenario (its ``[odds]`` overrides) or from the named
defaults in ``forcegen/data/risk.csv``; each one used is recorded as an assumption.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from forcegen.analysis.plan.inputs import UsedAssumption
from forcegen.analysis.plan.plan import PlanResult
from forcegen.analysis.risk.capacity import NationCeiling, nation_ceilings
from forcegen.analysis.risk.defaults import RiskDefault, risk_default
from forcegen.model import Capability, Condition, ConditionKind, Modality, Pledge, Scenario
from forcegen.model.odds import SHARED_KINDS, ConditionOdds, PledgeOdds


class FactorScope(StrEnum):
    SHARED = "shared"  # one draw for the whole coalition
    NATIONAL = "national"  # one draw per nation (and condition)
    BACKSTOP = "backstop"  # a provider outside the force (not the US, which is shared)


class Shape(StrEnum):
    FIXED = "fixed"  # a single stated figure ("at least N", or min = max)
    RANGE = "range"  # uniform between the stated minimum and maximum
    UP_TO = "up_to"  # "up to N": uniform between shape.up_to_low_share x N and N
    PRIOR = "prior"  # no number: uniform between 0 and the nation's ceiling (a prior)
    NONE = "none"  # no number and nothing to base a prior on: counts 0


@dataclass(frozen=True)
class Factor:
    """A condition drawn once per Monte Carlo draw: true with ``probability``."""

    key: str
    label: str
    scope: FactorScope
    kind: ConditionKind | None
    nation: str | None
    probability: float
    ready_month: int = 0  # month from which it can hold a pledge's arrival


@dataclass(frozen=True)
class PledgeTerm:
    """One pledge as the simulation sees it."""

    index: int  # position in scenario.pledges
    nation: str
    modality: Modality
    capability: Capability | None
    probability: float
    factors: tuple[int, ...]  # indices into RiskModel.factors
    arrival_month: int
    shape: Shape
    low: int  # troops
    high: int  # troops

    @property
    def quantified(self) -> bool:
        return self.shape not in (Shape.PRIOR, Shape.NONE)

    @property
    def label(self) -> str:
        cap = f" {self.capability.value}" if self.capability else ""
        return f"{self.nation}{cap} ({self.modality.value})"


@dataclass(frozen=True)
class CapabilityLine:
    capability: Capability
    required: int  # troops
    backstop_factors: tuple[int, ...]  # factors whose truth closes the line's gap


@dataclass(frozen=True)
class PriorUsed:
    nation: str
    low: int
    high: int | None
    basis: str


@dataclass(frozen=True)
class RiskModel:
    """Everything the simulation draws from, fixed before any draw."""

    scenario: str
    as_of: dt.date
    band_min: int
    band_max: int
    horizon: int  # months; results for months 0..horizon
    hazard: float  # monthly withdrawal hazard
    factors: tuple[Factor, ...]
    pledges: tuple[PledgeTerm, ...]
    lines: tuple[CapabilityLine, ...]
    backstop_fills_whole_line: bool
    source_grade: bool
    priors: tuple[PriorUsed, ...] = ()
    assumptions: tuple[UsedAssumption, ...] = field(default=())


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` until ``end`` is reached (0 if already past)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day > start.day:
        months += 1
    return max(0, months)


class _Assumptions:
    """The record of every figure used, each once."""

    def __init__(self) -> None:
        self.items: dict[str, UsedAssumption] = {}

    def default(self, d: RiskDefault) -> float:
        self.items.setdefault(d.key, UsedAssumption(
            name=f"risk.{d.key}", value=d.value, unit=d.unit, source=d.citation,
            is_assumption=d.source.strip().lower().startswith("assumption")))
        return d.value

    def override(self, name: str, value: float | int, unit: str, source: str) -> float:
        self.items.setdefault(name, UsedAssumption(
            name=name, value=value, unit=unit, source=source,
            is_assumption=source.strip().lower().startswith("assumption")))
        return float(value)


def _odds_for(scn: Scenario, kind: ConditionKind, nation: str | None) -> ConditionOdds | None:
    if scn.odds is None:
        return None
    exact = [c for c in scn.odds.conditions if c.kind is kind and c.nation == nation]
    general = [c for c in scn.odds.conditions if c.kind is kind and c.nation is None]
    found = exact or general
    return found[0] if found else None


class _FactorBook:
    def __init__(self, scn: Scenario, used: _Assumptions) -> None:
        self.scn, self.used = scn, used
        self.factors: list[Factor] = []
        self.index: dict[str, int] = {}

    def condition(self, c: Condition, nation: str | None) -> int:
        shared = c.kind in SHARED_KINDS or nation is None
        key = c.kind.value if shared else f"{nation}:{c.kind.value}" + (
            f":{c.date.isoformat()}" if c.date else "")
        if key in self.index:
            return self.index[key]
        odds = _odds_for(self.scn, c.kind, None if shared else nation)
        base = f"condition.{c.kind.value}"
        if odds is not None:
            where = f"odds.{c.kind.value}" + (f".{odds.nation}" if odds.nation else "")
            p = self.used.override(f"{where}.probability", odds.probability, "probability",
                                   odds.source)
        else:
            p = self.used.default(risk_default(f"{base}.probability"))
        if odds is not None and odds.delay_months is not None:
            delay = int(self.used.override(f"{where}.delay_months", odds.delay_months,
                                           "months", odds.source))
        else:
            delay = int(self.used.default(risk_default(f"{base}.delay_months")))
        start = months_between(self.scn.as_of, c.date) if c.date else 0
        detail = f": {c.detail}" if c.detail else ""
        label = (c.kind.value.replace("_", " ") if shared
                 else f"{nation} {c.kind.value.replace('_', ' ')}{detail}")
        return self._add(Factor(key=key, label=label,
                                scope=FactorScope.SHARED if shared else FactorScope.NATIONAL,
                                kind=c.kind, nation=None if shared else nation,
                                probability=p, ready_month=start + delay))

    def backstop(self, provider: str, modality: Modality) -> int:
        if provider == "USA":
            return self.condition(Condition(kind=ConditionKind.US_BACKSTOP), None)
        key = f"backstop:{provider}"
        if key in self.index:
            return self.index[key]
        p = self.used.default(risk_default(f"modality.{modality.value}"))
        return self._add(Factor(key=key, label=f"{provider} backstop", scope=FactorScope.BACKSTOP,
                                kind=None, nation=provider, probability=p))

    def _add(self, f: Factor) -> int:
        self.index[f.key] = len(self.factors)
        self.factors.append(f)
        return self.index[f.key]


def _grade(p: Pledge) -> str:
    """The best grade among the position's sources (A best), or 'ungraded'."""
    grades = sorted(s.grade for s in p.sources if s.grade is not None)
    return grades[0] if grades else "ungraded"


def _probability(scn: Scenario, p: Pledge, used: _Assumptions, source_grade: bool) -> float:
    odds: PledgeOdds | None = None
    if scn.odds is not None:
        matches = [o for o in scn.odds.pledges if o.nation == p.nation
                   and o.capability in (None, p.capability)]
        exact = [o for o in matches if o.capability is not None]
        found = exact or matches
        odds = found[0] if found else None
    if odds is not None:
        cap = f".{odds.capability.value}" if odds.capability else ""
        prob = used.override(f"odds.pledge.{p.nation}{cap}", odds.probability, "probability",
                             odds.source)
    else:
        prob = used.default(risk_default(f"modality.{p.modality.value}"))
    if source_grade:
        prob *= used.default(risk_default(f"grade.{_grade(p)}"))
    return prob


def _shape(p: Pledge, used: _Assumptions) -> tuple[Shape, int, int]:
    lo, hi = p.troops_min, p.troops_max
    if lo is not None and hi is not None and lo < hi:
        used.default(risk_default("shape.range"))
        return Shape.RANGE, lo, hi
    if lo is not None:
        return Shape.FIXED, lo, lo
    if hi is not None:
        share = used.default(risk_default("shape.up_to_low_share"))
        return Shape.UP_TO, int(share * hi), hi
    return Shape.NONE, 0, 0


def build_model(scn: Scenario, plan: PlanResult, *, source_grade: bool = False) -> RiskModel:
    """The risk model of a scenario; ``plan`` supplies the horizon, fair shares and capacity."""
    used = _Assumptions()
    book = _FactorBook(scn, used)
    common = [book.condition(c, None) for c in scn.requirement.conditions]
    ceilings: dict[str, NationCeiling] = nation_ceilings(plan)
    live = [(i, p) for i, p in enumerate(scn.pledges) if p.modality is not Modality.RULED_OUT]
    unnumbered: dict[str, int] = {}
    for _, p in live:
        if p.troops_high is None:
            unnumbered[p.nation] = unnumbered.get(p.nation, 0) + 1
    terms: list[PledgeTerm] = []
    priors: list[PriorUsed] = []
    for i, p in live:
        own = [book.condition(c, p.nation) for c in p.conditions]
        deps = tuple(dict.fromkeys([*common, *own]))
        shape, lo, hi = _shape(p, used)
        if shape is Shape.NONE:
            ceiling = ceilings.get(p.nation)
            cap = ceiling.cap if ceiling else None
            basis = ceiling.basis if ceiling else "no fair-share or capacity figure"
            priors.append(PriorUsed(nation=p.nation, low=0,
                                    high=None if cap is None else cap // unnumbered[p.nation],
                                    basis=basis))
            if cap is not None and cap > 0:
                used.default(risk_default("prior.no_number"))
                shape, hi = Shape.PRIOR, cap // unnumbered[p.nation]
        mobilise = int(used.default(risk_default(f"mobilisation.{p.modality.value}")))
        ready = max((book.factors[f].ready_month for f in deps), default=0)
        earliest = months_between(scn.as_of, p.earliest) if p.earliest else 0
        terms.append(PledgeTerm(
            index=i, nation=p.nation, modality=p.modality, capability=p.capability,
            probability=_probability(scn, p, used, source_grade), factors=deps,
            arrival_month=max(earliest, ready + mobilise), shape=shape, low=lo, high=hi))
    fills = plan.coverage.backstop_fills_whole_line
    providers: dict[Capability, list[int]] = {}
    for b in scn.backstops:
        if b.modality is Modality.RULED_OUT:
            continue
        f = book.backstop(b.provider, b.modality)
        for capability in b.capabilities:
            providers.setdefault(capability, []).append(f)
    lines = tuple(CapabilityLine(capability=r.capability, required=r.troops,
                                 backstop_factors=tuple(providers.get(r.capability, ()))
                                 if fills else ())
                  for r in scn.requirement.capabilities)
    odds = scn.odds
    if odds is not None and odds.withdrawal_hazard_monthly is not None:
        hazard = used.override("odds.withdrawal_hazard_monthly", odds.withdrawal_hazard_monthly,
                               "probability per month", odds.withdrawal_source)
    else:
        hazard = used.default(risk_default("withdrawal_hazard_monthly"))
    return RiskModel(
        scenario=scn.name, as_of=scn.as_of,
        band_min=scn.requirement.min_troops, band_max=scn.requirement.max_troops,
        horizon=plan.sustainment.duration_months, hazard=hazard,
        factors=tuple(book.factors), pledges=tuple(terms), lines=lines,
        backstop_fills_whole_line=fills, source_grade=source_grade,
        priors=tuple(priors), assumptions=tuple(used.items.values()),
    )
