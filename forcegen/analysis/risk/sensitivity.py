"""From counts to results: probabilities with their standard errors, quantiles from the
histograms, and the tornado (each pledge and condition forced either way, ranked by swing).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from forcegen.analysis.risk.factors import FactorScope, RiskModel
from forcegen.analysis.risk.result import (
    Basis,
    CapabilityGap,
    FactorKind,
    MonthRisk,
    Quantiles,
    RiskBasis,
    Sensitivity,
    SteadyState,
)
from forcegen.analysis.risk.simulate import Counts, Plan, Tally

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)

_KINDS = {FactorScope.SHARED: FactorKind.SHARED, FactorScope.NATIONAL: FactorKind.NATIONAL,
          FactorScope.BACKSTOP: FactorKind.BACKSTOP}


def standard_error(p: float, n: int) -> float:
    """The standard error of a proportion ``p`` estimated from ``n`` draws."""
    return math.sqrt(max(p * (1 - p), 0.0) / n) if n else 0.0


def add_months(start: dt.date, months: int) -> dt.date:
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    for day in range(start.day, 27, -1):  # clamp to the month's last day
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, min(start.day, 28))


def quantiles(hist: Counts, width: int) -> Quantiles:
    """The 5/25/50/75/95th percentile of troops from one histogram row: the lower edge of
    the first bin where the cumulative count reaches the quantile (exact when width is 1)."""
    cum = np.cumsum(hist)
    n = int(cum[-1])
    out = []
    for q in QUANTILES:
        rank = max(1, math.ceil(q * n))
        out.append(int(np.searchsorted(cum, rank)) * width)
    return Quantiles(p5=out[0], p25=out[1], p50=out[2], p75=out[3], p95=out[4])


def _rank(s: Sensitivity) -> tuple[float, float, str]:
    """Largest swing in P(>= minimum) first where it exceeds two standard errors (else
    it is noise and counts as none), then largest swing in mean troops."""
    swing = abs(s.swing) if s.swing_is_signal else 0.0
    return -swing, -abs(s.troops_swing), s.factor


def _basis(model: RiskModel, plan: Plan, t: Tally, b: int) -> RiskBasis:
    n = t.draws

    def p(count: int | np.int64) -> tuple[float, float]:
        value = int(count) / n
        return value, standard_error(value, n)

    months = []
    for m in range(plan.months):
        p_min, se_min = p(t.reach_min[b, m])
        p_max, se_max = p(t.reach_max[b, m])
        months.append(MonthRisk(month=m, date=add_months(model.as_of, m), p_min=p_min,
                                p_max=p_max, p_min_se=se_min, p_max_se=se_max,
                                quantiles=quantiles(t.hist[b, m], plan.bin_width)))
    s_min, s_min_se = p(t.reach_min[b, -1])
    s_max, s_max_se = p(t.reach_max[b, -1])
    steady = SteadyState(p_min=s_min, p_max=s_max, p_min_se=s_min_se, p_max_se=s_max_se,
                         quantiles=quantiles(t.hist[b, -1], plan.bin_width),
                         mean=int(t.steady_sum[b]) / n)
    names = [(term.label, FactorKind.PLEDGE, term.probability) for term in model.pledges]
    names += [(f.label, _KINDS[f.scope], f.probability) for f in model.factors]
    sens = []
    for k, (label, kind, prob) in enumerate(names):
        p_true, se_true = p(t.forced_true[b, k])
        p_false, se_false = p(t.forced_false[b, k])
        sens.append(Sensitivity(factor=label, kind=kind, probability=prob, p_if_true=p_true,
                                p_if_false=p_false, p_if_true_se=se_true,
                                p_if_false_se=se_false,
                                troops_if_true=int(t.troops_true[b, k]) / n,
                                troops_if_false=int(t.troops_false[b, k]) / n))
    sens.sort(key=_rank)
    gaps = []
    for c, line in enumerate(model.lines):
        g, g_se = p(t.gap[b, c])
        g0, g0_se = p(t.gap_no_backstop[b, c])
        gaps.append(CapabilityGap(capability=line.capability.value, required=line.required,
                                  p_gap=g, p_gap_without_backstop=g0, p_gap_se=g_se,
                                  p_gap_without_backstop_se=g0_se))
    return RiskBasis(basis=Basis.QUANTIFIED if b == 0 else Basis.WITH_PRIORS, months=months,
                     steady_state=steady, sensitivity=sens, capability_gaps=gaps)


def summarise(model: RiskModel, plan: Plan, t: Tally) -> tuple[RiskBasis, RiskBasis]:
    """The two bases of a finished run: quantified only, and with priors."""
    return _basis(model, plan, t, 0), _basis(model, plan, t, 1)
