"""Plots of forcegen results (matplotlib, written to a file; no display needed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forcegen.analysis.plan.plan import PlanResult
from forcegen.extras import require
from forcegen.model import Modality

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_COLOURS = {
    Modality.COMMITTED: "#1b7837",
    Modality.OFFERED: "#7fbf7b",
    Modality.CONDITIONAL: "#fdb863",
    Modality.CONSIDERING: "#92c5de",
    Modality.CAUTIOUS: "#c2a5cf",
}


def plot_plan(result: PlanResult, path: str | Path) -> Path:
    """Write :func:`plan_figure` to ``path`` (PNG, SVG or PDF by its suffix)."""
    fig = plan_figure(result)
    import matplotlib.pyplot as plt

    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def plan_figure(result: PlanResult) -> Figure:
    """Two panels: troops by modality against the band, and capability gaps with and
    without the backstop."""
    require("plot", "--plot (a chart of the plan)")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    g, cov = result.generation, result.coverage
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(13, 6.5), gridspec_kw={"width_ratios": [1, 1.6]}, layout="constrained"
    )
    rows = [("All pledges", None)] + [
        (result.scenario.nation_name(n.iso3), n) for n in result.sustainment.nations
        if n.iso3 in result.scenario.contributors
    ]
    ys = list(range(len(rows)))
    left = 0
    for m in _COLOURS:
        troops = g.total(m)
        if troops:
            ax1.barh([0], [troops], left=left, color=_COLOURS[m], label=f"{m.value} {troops:,}")
            left += troops
    for y, (_, ns) in zip(ys[1:], rows[1:], strict=True):
        assert ns is not None
        modality = min((p.modality for p in result.scenario.pledges_of(ns.iso3)),
                       key=lambda m: m.rank)
        if ns.deployed:
            ax1.barh([y], [ns.deployed], color=_COLOURS.get(modality, "#999999"))
        else:
            ax1.text(50, y, f"{modality.value}, no number", va="center", fontsize=7,
                     color="#555555")
        if ns.sustainable_troops:
            ax1.plot([ns.sustainable_troops], [y], marker="|", markersize=12, color="black")
    ax1.plot([], [], marker="|", markersize=12, color="black", linestyle="none",
             label="sustainable indefinitely")
    ax1.axvspan(g.target_min, g.target_max, color="#d6604d", alpha=0.2,
                label=f"target band {g.target_min:,}-{g.target_max:,}")
    ax1.set_xlim(0, max(g.target_max, g.max_possible) * 1.1)
    ax1.set_yticks(ys, [r[0] for r in rows], fontsize=8)
    ax1.invert_yaxis()
    ax1.set_xlabel("troops (largest stated figure)")
    ax1.set_title(f"Force generation: {len(g.unquantified)} nations give no number")
    ax1.legend(loc="lower right", fontsize=7)

    names = [c.label for c in cov.lines]
    cap_ys = list(range(len(names)))
    ax2.barh(cap_ys, [c.required for c in cov.lines], color="#dddddd", label="required")
    ax2.barh(cap_ys, [c.pledged for c in cov.lines], color="#4393c3", label="pledged")
    ax2.barh(cap_ys, [c.gap - c.gap_with_backstop for c in cov.lines],
             left=[c.pledged for c in cov.lines], color="#f4a582", hatch="//",
             label="gap the backstop would fill")
    ax2.set_yticks(cap_ys, names, fontsize=8)
    ax2.invert_yaxis()
    ax2.set_xlabel("troops")
    title = "Capabilities: required, pledged, backstop"
    if cov.unallocated_troops:
        title += f"\n({cov.unallocated_troops:,} pledged troops name no capability)"
    ax2.set_title(title)
    ax2.legend(loc="lower right", fontsize=8)
    fig.suptitle(f"{result.scenario.title} — as of {result.scenario.as_of}", fontsize=11)
    if any(line.is_assumption for line in result.scenario.requirement.capabilities):
        ax2.set_xlabel("troops (requirement lines are assumptions of the scenario)")
    return fig
