"""The typed result of a risk run, the document ``forcegen risk --json`` prints, and a
pandas view."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from forcegen.analysis.plan.inputs import UsedAssumption

if TYPE_CHECKING:
    import pandas as pd


class Basis(StrEnum):
    QUANTIFIED = "quantified"  # pledges with a stated number only
    WITH_PRIORS = "with_priors"  # plus a prior for each pledge without a number


BASIS_LABELS = {
    Basis.QUANTIFIED: "quantified pledges only",
    Basis.WITH_PRIORS: "with priors for pledges that give no number",
}


class Quantiles(BaseModel):
    """Troops in place at the 5th, 25th, 50th, 75th and 95th percentile of the draws."""

    p5: int
    p25: int
    p50: int
    p75: int
    p95: int


class MonthRisk(BaseModel):
    month: int = Field(description="months after the scenario's date")
    date: dt.date
    p_min: float = Field(description="P(troops in place >= band minimum)")
    p_max: float = Field(description="P(troops in place >= band maximum)")
    p_min_se: float
    p_max_se: float
    quantiles: Quantiles


class SteadyState(BaseModel):
    """Every pledge that materialises in place, before any withdrawal."""

    p_min: float
    p_max: float
    p_min_se: float
    p_max_se: float
    quantiles: Quantiles
    mean: float = Field(description="mean troops")


class FactorKind(StrEnum):
    PLEDGE = "pledge"
    SHARED = "shared condition"
    NATIONAL = "national condition"
    BACKSTOP = "backstop"


class Sensitivity(BaseModel):
    """P(steady state >= band minimum) with one pledge or condition forced either way."""

    factor: str
    kind: FactorKind
    probability: float = Field(description="its own probability in the model")
    p_if_true: float
    p_if_false: float
    p_if_true_se: float
    p_if_false_se: float
    troops_if_true: float = Field(description="mean troops at steady state if it happens")
    troops_if_false: float = Field(description="mean troops at steady state if not")

    @property
    def swing(self) -> float:
        return self.p_if_true - self.p_if_false

    @property
    def swing_is_signal(self) -> bool:
        """The swing in P(>= minimum) exceeds two standard errors (else it is noise)."""
        noise: float = 2 * (self.p_if_true_se**2 + self.p_if_false_se**2) ** 0.5
        return abs(self.swing) > noise

    @property
    def troops_swing(self) -> float:
        return self.troops_if_true - self.troops_if_false


class CapabilityGap(BaseModel):
    capability: str
    required: int = Field(description="troops")
    p_gap: float = Field(description="P(pledged troops short of the line, backstop as drawn)")
    p_gap_without_backstop: float = Field(description="the same with no backstop at all")
    p_gap_se: float
    p_gap_without_backstop_se: float


class RiskBasis(BaseModel):
    """The results on one basis (quantified only, or with priors)."""

    basis: Basis
    months: list[MonthRisk]
    steady_state: SteadyState
    sensitivity: list[Sensitivity] = Field(
        description="ranked: largest swing in P(>= minimum) first, then in mean troops")
    capability_gaps: list[CapabilityGap]

    def to_dict(self) -> dict[str, Any]:
        return {
            "basis": self.basis.value,
            "basis_label": BASIS_LABELS[self.basis],
            "months": [m.model_dump(mode="json") for m in self.months],
            "steady_state": self.steady_state.model_dump(mode="json"),
            "sensitivity": [{**s.model_dump(mode="json"), "swing": s.swing,
                             "troops_swing": s.troops_swing} for s in self.sensitivity],
            "capability_gaps": [c.model_dump(mode="json") for c in self.capability_gaps],
        }


class PledgeRisk(BaseModel):
    """How the model reads one pledge."""

    nation: str
    modality: str
    capability: str | None
    probability: float = Field(description="its own, conditions apart")
    conditions: list[str]
    arrival_month: int
    shape: str
    troops_low: int
    troops_high: int
    quantified: bool


class PriorNote(BaseModel):
    nation: str
    troops_low: int
    troops_high: int | None = Field(description="None: nothing to base a prior on; counts 0")
    basis: str


class RiskResult(BaseModel):
    scenario: str
    as_of: dt.date
    draws: int
    seed: int
    block_size: int = Field(description="draws per block (each block has its own generator)")
    band_min: int
    band_max: int
    horizon_months: int
    withdrawal_hazard_monthly: float
    quantile_resolution: int = Field(description="troops: quantiles are exact to this width")
    source_grade: bool
    quantified: RiskBasis
    with_priors: RiskBasis
    pledges: list[PledgeRisk]
    priors: list[PriorNote]
    assumptions: list[UsedAssumption]

    def basis(self, which: Basis | str) -> RiskBasis:
        return self.quantified if Basis(which) is Basis.QUANTIFIED else self.with_priors

    @property
    def headline(self) -> str:
        q, w = self.quantified.steady_state, self.with_priors.steady_state
        n_prior = sum(1 for p in self.priors if p.troops_high)
        text = (f"Chance of fielding at least {self.band_min:,} troops once every pledge that "
                f"holds is in place: {q.p_min:.0%} counting quantified pledges only")
        if n_prior:
            text += (f"; {w.p_min:.0%} with priors for the {n_prior} pledges that give no "
                     "number (a prior is not a pledge)")
        return text + f". {self.draws:,} draws, seed {self.seed}."

    def summary(self) -> str:
        return self.headline

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``forcegen risk --json`` (and of the API). The top-level
        results count quantified pledges only; ``with_priors`` has the same keys."""
        q = self.quantified.to_dict()
        return {
            "scenario": self.scenario,
            "as_of": self.as_of.isoformat(),
            "headline": self.headline,
            "draws": self.draws,
            "seed": self.seed,
            "block_size": self.block_size,
            "band": {"min_troops": self.band_min, "max_troops": self.band_max},
            "horizon_months": self.horizon_months,
            "quantile_resolution": self.quantile_resolution,
            "source_grade": self.source_grade,
            **q,
            "with_priors": self.with_priors.to_dict(),
            "pledges": [p.model_dump(mode="json") for p in self.pledges],
            "priors": [p.model_dump(mode="json") for p in self.priors],
            "assumptions": [a.model_dump(mode="json") for a in self.assumptions],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per basis and month: probabilities, standard errors, quantiles (troops)."""
        import pandas as pd

        rows = []
        for b in (self.quantified, self.with_priors):
            for m in b.months:
                rows.append({"basis": b.basis.value, "month": m.month, "date": m.date,
                             "p_min": m.p_min, "p_min_se": m.p_min_se, "p_max": m.p_max,
                             "p_max_se": m.p_max_se, **m.quantiles.model_dump()})
        df = pd.DataFrame(rows).set_index(["basis", "month"])
        df.attrs["unit"] = "probability; quantiles p5..p95 in troops"
        df.attrs["scenario"] = self.scenario
        df.attrs["draws"] = self.draws
        df.attrs["seed"] = self.seed
        return df

    def sensitivity_frame(self, basis: Basis | str = Basis.WITH_PRIORS) -> pd.DataFrame:
        """The tornado as a table: one row per pledge or condition, largest swing first."""
        import pandas as pd

        rows = [{**s.model_dump(mode="json"), "swing": s.swing, "troops_swing": s.troops_swing}
                for s in self.basis(basis).sensitivity]
        df = pd.DataFrame(rows).set_index("factor")
        df.attrs["unit"] = "probability of reaching the band minimum at steady state"
        return df
