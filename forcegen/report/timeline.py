"""The timeline rendered: a chart (a row per nation coloured by modality, a mark at each
dated source; below, the stated troops against the band over time) and terminal tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from forcegen.analysis.grades import GradeScreen
from forcegen.analysis.timeline import Timeline
from forcegen.model import Modality

#: Firm to soft: greens, amber, blues, purple; ruled out in grey.
COLOURS = {
    Modality.COMMITTED: "#1b7837",
    Modality.OFFERED: "#7fbf7b",
    Modality.CONDITIONAL: "#fdb863",
    Modality.CONSIDERING: "#92c5de",
    Modality.CAUTIOUS: "#c2a5cf",
    Modality.RULED_OUT: "#bdbdbd",
}
_MARKERS = {"A": "D", "B": "o", "C": "x", None: "."}


def plot_timeline(tl: Timeline, path: str | Path, *, title: str = "") -> Path:
    """Write the timeline chart (PNG, SVG or PDF by the suffix); returns the path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import StrMethodFormatter

    mdates: Any = matplotlib.dates  # untyped in matplotlib's stubs

    days = [t.date for t in tl.totals] or [dt.date.today()]
    end = max(days) + dt.timedelta(days=14)
    start = min(days)
    n = len(tl.nations)
    fig, (ax, ax2) = plt.subplots(
        2, 1, figsize=(13, 3.2 + 0.27 * n + 3.2), sharex=True, layout="constrained",
        gridspec_kw={"height_ratios": [max(n, 4) * 0.27 + 0.6, 3.0]})
    for y, nation in enumerate(tl.nations):
        for i, pos in enumerate(nation.positions):
            until = nation.positions[i + 1].date if i + 1 < len(nation.positions) else end
            if pos.modality is not None:
                ax.barh(y, mdates.date2num(until) - mdates.date2num(pos.date),
                        left=mdates.date2num(pos.date), height=0.72,
                        color=COLOURS[pos.modality], edgecolor="white", linewidth=0.4)
            ax.plot(mdates.date2num(pos.date), y, marker=_MARKERS[pos.grade], color="black",
                    markersize=3.5, linestyle="none", markeredgewidth=0.9)
            before = nation.positions[i - 1].troops_max if i else None
            if pos.troops_max is not None and pos.troops_max != before:
                ax.text(mdates.date2num(pos.date) + 2, y, f"≤{pos.troops_max:,}",
                        fontsize=6.5, va="center", color="white", fontweight="bold")
    ax.set_yticks(range(n), [t.iso3 for t in tl.nations], fontsize=7)
    ax.xaxis.set_tick_params(labelbottom=True, labelsize=7)
    ax.set_ylim(n - 0.5, -0.5)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    handles: list[Any] = [Patch(color=c, label=m.value.replace("_", " "))
                          for m, c in COLOURS.items()]
    handles += [Line2D([], [], marker=_MARKERS[g], color="black", linestyle="none",
                       markersize=4, label=f"source, grade {g}") for g in ("A", "B", "C")]
    if any(p.grade is None for nation in tl.nations for p in nation.positions):
        handles.append(Line2D([], [], marker=_MARKERS[None], color="black", linestyle="none",
                              markersize=4, label="source, ungraded"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7,
              frameon=False, title="position / dated source", title_fontsize=7)
    ax.set_title("Positions by nation (a mark at each dated source; ≤ the largest stated "
                 "figure)", fontsize=9, loc="left")

    xs = [mdates.date2num(t.date) for t in tl.totals] + [mdates.date2num(end)]
    def steps(values: list[float | None]) -> list[float]:
        return [float("nan") if v is None else float(v) for v in [*values, values[-1]]]

    if tl.totals:
        lo = steps([t.band_min for t in tl.totals])
        hi = steps([t.band_max for t in tl.totals])
        ax2.fill_between(xs, lo, hi, step="post", color="#d6604d", alpha=0.2,
                         label="requirement band")
        ax2.step(xs, hi, where="post", color="#d6604d", linewidth=0.8)
        ax2.step(xs, lo, where="post", color="#d6604d", linewidth=0.8)
        ax2.step(xs, steps([t.max_possible for t in tl.totals]), where="post",
                 color="#2166ac", linewidth=1.6, label="max possible (largest stated figures)")
        ax2.step(xs, steps([t.certain for t in tl.totals]), where="post", color="#1b7837",
                 linewidth=1.6, label="certain (committed minimums)")
    ax2.set_ylabel("troops")
    top = max([t.band_max or 0 for t in tl.totals] + [t.max_possible for t in tl.totals] + [1])
    ax2.set_ylim(-0.02 * top, top * 1.08)  # a certain total of 0 stays visible
    ax2.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax2.grid(color="#eeeeee")
    ax2.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7, frameon=False)
    ax2.set_title("Stated troops against the requirement band", fontsize=9, loc="left")
    if (end - start).days > 90:
        ax2.xaxis.set_major_locator(mdates.MonthLocator())
        ax2.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    else:
        locator = mdates.AutoDateLocator()
        ax2.xaxis.set_major_locator(locator)
        ax2.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax2.set_xlim(mdates.date2num(start) - 5, mdates.date2num(end))
    ax2.tick_params(axis="x", labelsize=7)
    fig.suptitle(title or f"Timeline: {tl.scenario}", fontsize=11)
    out = Path(path)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def timeline_renderable(tl: Timeline) -> Any:
    """Two tables: each nation's positions in date order, and the totals by date."""
    from rich.console import Group
    from rich.markup import escape
    from rich.table import Table

    nations = Table(title=f"{tl.scenario}: positions by nation", title_justify="left")
    nations.add_column("nation")
    nations.add_column(escape("positions (date modality [best grade] ≤ largest figure)"))
    for n in tl.nations:
        parts = []
        for p in n.positions:
            text = f"{p.date} {p.modality.value if p.modality else 'withdrawn'}"
            if p.grade:
                text += f" [{p.grade}]"
            if p.troops_max is not None:
                text += f" ≤{p.troops_max:,}"
            parts.append(text)
        nations.add_row(n.iso3, escape(" → ".join(parts)))
    totals = Table(title="Totals against the band (troops)", title_justify="left")
    for col in ("date", "certain", "max possible", "band"):
        totals.add_column(col, justify="left" if col == "date" else "right")
    previous = None
    for t in tl.totals:
        row = (t.certain, t.max_possible, t.band_min, t.band_max)
        if row == previous:
            continue
        previous = row
        band = "" if t.band_min is None else f"{t.band_min:,}-{t.band_max or 0:,}"
        totals.add_row(t.date.isoformat(), f"{t.certain:,}", f"{t.max_possible:,}", band)
    totals.caption = "a row where a total or the band changes"
    return Group(nations, totals)


def grade_screen_renderable(screen: GradeScreen) -> Any:
    """The positions a minimum source grade left out of the plan."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Left out: {len(screen.hidden)} positions resting only on sources "
                  f"below grade {screen.min_grade}", title_justify="left")
    for col in ("nation", "modality", "grade", "troops", "sources"):
        table.add_column(col)
    for h in screen.hidden:
        troops = "" if h.troops_max is None else f"≤{h.troops_max:,}"
        table.add_row(h.nation, h.modality.value, h.grade or "", troops,
                      escape("; ".join(h.sources)))
    return table
