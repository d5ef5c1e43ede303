"""A sweep's report on the terminal, and its heat map and ranking as a plot."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from forcegen.analysis.sweeps.report import SweepReport
from forcegen.report.safe import clean


def _value(v: object) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def sweep_renderable(report: SweepReport) -> RenderableType:
    head = Text(clean(f"Sweep {report.sweep!r} of {report.scenario}: {report.variants:,} variants")
                + (f", {report.failed:,} without a result" if report.failed else "")
                + f". Headline: {report.target}.", style="bold")
    rank = Table(title="What moves the headline most", box=box.SIMPLE, title_justify="left",
                 caption=f"Ranking {report.method}.", caption_justify="left")
    rank.add_column("parameter")
    rank.add_column("first-order index", justify="right")
    rank.add_column("levels", justify="right")
    for r in report.ranking:
        rank.add_row(r.parameter, f"{r.index:.3f}", str(r.levels))
    parts: list[RenderableType] = [head, rank]
    if report.heatmap is not None:
        h = report.heatmap
        heat = Table(title=f"Mean {report.target}: {h.y} (rows) by {h.x} (columns)",
                     box=box.SIMPLE, title_justify="left")
        heat.add_column(h.y)
        for label in h.x_labels:
            heat.add_column(label, justify="right")
        for label, row in zip(h.y_labels, h.values, strict=True):
            heat.add_row(label, *("-" if v is None else f"{v:.3g}" for v in row))
        parts.append(heat)
    few = Table(title=f"Reaching the band ({report.band_reached}): {report.reaching:,} "
                "variants; those with the fewest parameters away from the scenario's value",
                box=box.SIMPLE, title_justify="left",
                caption=report.relaxed_rule[:1].upper() + report.relaxed_rule[1:] + ".",
                caption_justify="left")
    few.add_column("variant", justify="right")
    few.add_column("relaxed", justify="right")
    few.add_column(report.target, justify="right")
    few.add_column("parameters away from the scenario's value")
    for v in report.fewest_relaxed:
        few.add_row(str(v.variant), str(len(v.relaxed)), f"{v.headline:.3g}",
                    ", ".join(f"{p} = {_value(v.values[p])}" for p in v.relaxed) or "none")
    parts.append(few if report.fewest_relaxed else Text(
        f"No variant reaches the band ({report.band_reached})."))
    return Group(*parts)


def is_share(target: str) -> bool:
    """Whether a headline is a share between 0 and 1 (a probability, the coverage)."""
    return target.startswith("p_") or target == "sourcing_coverage"


def cell_label(target: str, value: float) -> str:
    """A heat map cell's label: a share to two places, troops in thousands' commas."""
    return f"{value:.2f}" if is_share(target) else f"{value:,.0f}"


def plot_sweep(report: SweepReport, path: str | Path) -> Path:
    """The heat map of the headline over the two most influential parameters, beside the
    ranking. PNG, SVG or PDF by suffix."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 6), layout="constrained",
                                   gridspec_kw={"width_ratios": [1.3, 1]})
    h = report.heatmap
    if h is not None:
        grid = np.array([[np.nan if v is None else v for v in row] for row in h.values])
        share = is_share(report.target)
        image = ax1.imshow(grid, origin="lower", aspect="auto", cmap="viridis",
                           vmin=0 if share else None, vmax=1 if share else None)
        ax1.set_xticks(range(len(h.x_labels)), h.x_labels, rotation=45, ha="right",
                       fontsize=7)
        ax1.set_yticks(range(len(h.y_labels)), h.y_labels, fontsize=7)
        ax1.set_xlabel(h.x)
        ax1.set_ylabel(h.y)
        for (i, j), v in np.ndenumerate(grid):
            if not np.isnan(v):
                ax1.text(j, i, cell_label(report.target, v),
                         ha="center", va="center", fontsize=7, color="white")
        fig.colorbar(image, ax=ax1, label=f"mean {report.target}")
        ax1.set_title(f"Mean {report.target} over the two most influential parameters")
    else:
        ax1.text(0.5, 0.5, "a heat map needs two parameters", ha="center", va="center")
        ax1.set_axis_off()
    rows = report.ranking[::-1]
    ax2.barh(range(len(rows)), [r.index for r in rows], color="#4393c3")
    ax2.set_yticks(range(len(rows)), [r.parameter for r in rows], fontsize=7)
    ax2.set_xlim(0, 1)
    ax2.set_xlabel("first-order index: share of the headline's variance")
    ax2.set_title("Variance-based ranking", fontsize=10)
    fig.suptitle(f"Sweep {report.sweep!r} of {report.scenario}: {report.variants:,} variants",
                 fontsize=11)
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
