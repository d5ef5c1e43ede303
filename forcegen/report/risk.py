"""Renderings of a risk result: the terminal summary, and the fan chart with the tornado."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from forcegen.analysis.risk.result import BASIS_LABELS, RiskBasis, RiskResult
from forcegen.report.safe import clean

#: Months shown in the terminal table (every month is in --json and to_frame()).
_EVERY = 3


def _pct(p: float) -> str:
    return f"{p:.1%}"


def _months_table(result: RiskResult) -> Table:
    q, w = result.quantified, result.with_priors
    t = Table(title="Troops in place by month (P = probability; quantiles in troops)",
              box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("month", justify="right")
    t.add_column("date")
    t.add_column(f"P(>= {result.band_min:,})\nquantified", justify="right")
    t.add_column(f"P(>= {result.band_min:,})\nwith priors", justify="right")
    t.add_column(f"P(>= {result.band_max:,})\nwith priors", justify="right")
    t.add_column("median\nquantified", justify="right")
    t.add_column("5%-95% with priors", justify="right")
    for mq, mw in zip(q.months, w.months, strict=True):
        if mq.month % _EVERY and mq.month != result.horizon_months:
            continue
        t.add_row(str(mq.month), mq.date.isoformat(),
                  f"{_pct(mq.p_min)} ± {mq.p_min_se:.1%}", f"{_pct(mw.p_min)} ± {mw.p_min_se:.1%}",
                  _pct(mw.p_max), f"{mq.quantiles.p50:,}",
                  f"{mw.quantiles.p5:,}-{mw.quantiles.p95:,}")
    return t


def _tornado_table(b: RiskBasis, top: int = 10) -> Table:
    t = Table(title=f"What it hinges on ({BASIS_LABELS[b.basis]}): P(>= minimum at steady "
              "state) if it happens / if not", box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("pledge or condition")
    t.add_column("kind")
    t.add_column("own P", justify="right")
    t.add_column("if it happens", justify="right")
    t.add_column("if not", justify="right")
    t.add_column("swing", justify="right")
    t.add_column("mean troops\nif it happens / if not", justify="right")
    for s in b.sensitivity[:top]:
        t.add_row(s.factor, s.kind.value, _pct(s.probability), _pct(s.p_if_true),
                  _pct(s.p_if_false), f"{s.swing:+.1%}",
                  f"{s.troops_if_true:,.0f} / {s.troops_if_false:,.0f}")
    return t


def _gaps_table(result: RiskResult) -> Table:
    t = Table(title="Capability gaps at steady state", box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("capability")
    t.add_column("required", justify="right")
    t.add_column("P(gap) with priors", justify="right")
    t.add_column("P(gap) without backstop", justify="right")
    for g in result.with_priors.capability_gaps:
        t.add_row(g.capability, f"{g.required:,}", _pct(g.p_gap), _pct(g.p_gap_without_backstop))
    return t


def risk_renderable(result: RiskResult) -> RenderableType:
    """The terminal summary of ``forcegen risk``."""
    q, w = result.quantified.steady_state, result.with_priors.steady_state
    lines = [
        Text(result.headline, style="bold"),
        Text(f"Steady state (every pledge that holds in place, before withdrawals): "
             f"P(>= {result.band_min:,}) {_pct(q.p_min)} ± {q.p_min_se:.1%} quantified, "
             f"{_pct(w.p_min)} ± {w.p_min_se:.1%} with priors; "
             f"P(>= {result.band_max:,}) {_pct(q.p_max)} / {_pct(w.p_max)}."),
    ]
    priors = [p for p in result.priors]
    if priors:
        text = "; ".join(f"{p.nation} 0-{p.troops_high:,} ({p.basis})" if p.troops_high
                         else f"{p.nation}: none ({p.basis})" for p in priors)
        lines.append(Text("Priors (not pledges): " + clean(text), style="dim"))
    parts: list[RenderableType] = [*lines, _months_table(result)]
    if any(s.swing_is_signal for s in result.quantified.sensitivity):
        parts.append(_tornado_table(result.quantified))
    parts.append(_tornado_table(result.with_priors))
    if result.with_priors.capability_gaps:
        parts.append(_gaps_table(result))
    n_assumed = sum(1 for a in result.assumptions if a.is_assumption)
    parts.append(Text(f"{len(result.assumptions)} figures used, {n_assumed} of them named "
                      "assumptions (see --json: assumptions).", style="dim"))
    return Group(*parts)


def plot_risk(result: RiskResult, path: str | Path, *, top: int = 12) -> Path:
    """The fan chart of troops in place over time with the band drawn (both bases), and
    the tornado of what reaching the minimum hinges on. PNG, SVG or PDF by suffix."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 6.5), layout="constrained",
                                   gridspec_kw={"width_ratios": [1.3, 1]})
    styles = ((result.with_priors, "#2166ac", "with priors"),
              (result.quantified, "#b2182b", "quantified only"))
    for b, colour, label in styles:
        months = [m.month for m in b.months]
        p5 = [m.quantiles.p5 for m in b.months]
        p25 = [m.quantiles.p25 for m in b.months]
        p50 = [m.quantiles.p50 for m in b.months]
        p75 = [m.quantiles.p75 for m in b.months]
        p95 = [m.quantiles.p95 for m in b.months]
        ax1.fill_between(months, p5, p95, color=colour, alpha=0.15, linewidth=0,
                         label=f"{label}: 5-95 %")
        ax1.fill_between(months, p25, p75, color=colour, alpha=0.3, linewidth=0,
                         label=f"{label}: 25-75 %")
        ax1.plot(months, p50, color=colour, label=f"{label}: median")
    ax1.axhspan(result.band_min, result.band_max, color="#4d9221", alpha=0.2,
                label=f"band {result.band_min:,}-{result.band_max:,}")
    ax1.set_xlabel(f"months after {result.as_of.isoformat()}")
    ax1.set_ylabel("troops in place")
    ax1.set_xlim(0, result.horizon_months)
    ax1.set_ylim(bottom=0)
    ax1.set_title(f"Troops in place: {result.draws:,} draws, seed {result.seed}")
    ax1.legend(loc="upper left", fontsize=7)

    b = result.with_priors if result.priors else result.quantified
    by_chance = any(s.swing_is_signal for s in b.sensitivity)
    rows = b.sensitivity[:top][::-1]
    if by_chance:  # P(>= minimum at steady state)
        base = b.steady_state.p_min
        hi = [s.p_if_true - base for s in rows]
        lo = [s.p_if_false - base for s in rows]
        ax2.set_xlim(0, 1)
        ax2.set_xlabel(f"P(>= {result.band_min:,} troops at steady state)")
    else:  # the minimum is out of reach either way: what moves the troops
        rows = sorted(b.sensitivity, key=lambda s: -abs(s.troops_swing))[:top][::-1]
        base = b.steady_state.mean
        hi = [s.troops_if_true - base for s in rows]
        lo = [s.troops_if_false - base for s in rows]
        ax2.set_xlabel(f"mean troops at steady state\n(P(>= {result.band_min:,}) stays near "
                       f"{b.steady_state.p_min:.1%} whichever way any one goes)")
    ys = list(range(len(rows)))
    ax2.barh(ys, hi, left=base, color="#4393c3", label="if it happens")
    ax2.barh(ys, lo, left=base, color="#d6604d", label="if not")
    ax2.axvline(base, color="black", linewidth=0.8)
    ax2.set_yticks(ys, [f"{s.factor} [{s.kind.value}]" for s in rows], fontsize=7)
    ax2.set_title(f"What it hinges on\n({BASIS_LABELS[b.basis]})", fontsize=10)
    ax2.legend(loc="lower right", fontsize=7)
    fig.suptitle(f"{result.scenario}: political risk (as of {result.as_of}). "
                 "Priors are not pledges.", fontsize=11)
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
