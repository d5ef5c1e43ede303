"""A plain per-draw Python implementation of the risk model: the oracle the vectorised
engine is checked against (same uniforms in, same counts out), and the per-draw
reference the benchmark times.

It reads the model's own terms (factors, pledges, lines), not the engine's arrays.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from forcegen.analysis.risk.factors import RiskModel


class Counts:
    """The same counts as the engine's Tally, as plain lists."""

    def __init__(self, model: RiskModel, bins: int) -> None:
        months = model.horizon + 1
        terms = len(model.pledges) + len(model.factors)
        lines = len(model.lines)
        self.draws = 0
        self.reach_min = [[0] * (months + 1) for _ in range(2)]
        self.reach_max = [[0] * (months + 1) for _ in range(2)]
        self.hist = [[[0] * bins for _ in range(months + 1)] for _ in range(2)]
        self.forced_true = [[0] * terms for _ in range(2)]
        self.forced_false = [[0] * terms for _ in range(2)]
        self.troops_true = [[0] * terms for _ in range(2)]
        self.troops_false = [[0] * terms for _ in range(2)]
        self.gap = [[0] * lines for _ in range(2)]
        self.gap_no_backstop = [[0] * lines for _ in range(2)]
        self.steady_sum = [0, 0]


def count_draws(model: RiskModel, rows: Iterable[Sequence[float]], bin_width: int,
                bins: int) -> Counts:
    """Count every draw, one row of uniforms at a time (the engine's column layout)."""
    out = Counts(model, bins)
    nf, npl = len(model.factors), len(model.pledges)
    months = model.horizon + 1
    keep = 1.0 - model.hazard
    backstop_factors = {j for line in model.lines for j in line.backstop_factors}
    for u in rows:
        out.draws += 1
        holds = [u[j] < f.probability for j, f in enumerate(model.factors)]
        came, troops, leave = [], [], []
        for i, p in enumerate(model.pledges):
            came.append(u[nf + i] < p.probability and all(holds[j] for j in p.factors))
            troops.append(p.low + math.floor((p.high - p.low + 1) * u[nf + npl + i]))
            w = u[nf + 2 * npl + i]
            if model.hazard > 0 and w < 1 - keep ** max(months - p.arrival_month - 1, 0):
                stay = math.floor(math.log1p(-w) / math.log1p(-model.hazard))
                leave.append(min(p.arrival_month + stay + 1, months))
            else:
                leave.append(months)
        for basis in (0, 1):
            counted = [p.quantified or basis == 1 for p in model.pledges]
            v = [troops[i] if came[i] and counted[i] else 0 for i in range(npl)]
            arrive = [p.arrival_month for p in model.pledges]
            totals = [sum(v[i] for i in range(npl) if arrive[i] <= m < leave[i])
                      for m in range(months)]
            steady = sum(v)
            out.steady_sum[basis] += steady
            totals.append(steady)
            for m, total in enumerate(totals):
                out.reach_min[basis][m] += total >= model.band_min
                out.reach_max[basis][m] += total >= model.band_max
                out.hist[basis][m][int(total // bin_width)] += 1
            for i in range(npl):
                with_i = steady - v[i] + (troops[i] if counted[i] else 0)
                without = steady - v[i]
                out.forced_true[basis][i] += with_i >= model.band_min
                out.forced_false[basis][i] += without >= model.band_min
                out.troops_true[basis][i] += with_i
                out.troops_false[basis][i] += without
            for j in range(nf):
                forced_on = [*holds]
                forced_on[j] = True
                on = sum(troops[i] for i, p in enumerate(model.pledges) if counted[i]
                         and u[nf + i] < p.probability and all(forced_on[k] for k in p.factors))
                off = sum(v[i] for i, p in enumerate(model.pledges) if j not in p.factors)
                out.forced_true[basis][npl + j] += on >= model.band_min
                out.forced_false[basis][npl + j] += off >= model.band_min
                out.troops_true[basis][npl + j] += on
                out.troops_false[basis][npl + j] += off
            for c, line in enumerate(model.lines):
                mine = [i for i, p in enumerate(model.pledges) if p.capability is line.capability]
                present = any(holds[j] for j in line.backstop_factors)
                out.gap[basis][c] += sum(v[i] for i in mine) < line.required and not present
                alone = sum(v[i] for i in mine
                            if not set(model.pledges[i].factors) & backstop_factors)
                out.gap_no_backstop[basis][c] += alone < line.required
    return out
