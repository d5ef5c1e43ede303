"""Reinforcement and incident results for the terminal (rich) and as plots (matplotlib):
the reinforcement curve with its thresholds, and the response matrix as a table."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from forcegen.analysis.defence.incident import IncidentResult
from forcegen.analysis.reinforcement.result import KEY_DAYS, ReinforcementResult
from forcegen.report.safe import clean


def _day(day: int | None) -> str:
    return "never" if day is None else f"day {day}"


def reinforcement_renderable(r: ReinforcementResult) -> RenderableType:
    head = Text.assemble(
        (f"{r.title}\n", "bold"),
        f"Troops in theatre after an order ({r.horizon_days} days; "
        f"{r.initial_troops:,} already there)",
        *( [f"; closed: {', '.join(r.closed)}"] if r.closed else []),
        *( [f"; withheld: {', '.join(r.withheld)}"] if r.withheld else []),
    )
    days = Table(box=box.SIMPLE, title="Troops in theatre")
    for d in KEY_DAYS:
        days.add_column(f"day {d}", justify="right")
    days.add_column(f"day {r.horizon_days}", justify="right")
    days.add_row(*(f"{r.troops_on(d):,}" for d in (*KEY_DAYS, r.horizon_days)))
    thresholds = Table(box=box.SIMPLE, title="Thresholds")
    for col in ("threshold", "troops", "reached"):
        thresholds.add_column(col, justify="right" if col != "threshold" else "left")
    for t in r.thresholds:
        thresholds.add_row(t.name, f"{t.troops:,}", _day(t.day))
    corridors = Table(box=box.SIMPLE, title="Corridors (lines of communication)")
    for col in ("corridor", "mode", "via", "troops/day", "transit days", "carried",
                "days full", "status"):
        corridors.add_column(col)
    for c in r.corridors:
        corridors.add_row(c.name, c.mode, ", ".join(c.transit) or "-",
                          f"{c.throughput_per_day:,}", str(c.transit_days),
                          f"{c.troops_carried:,}", str(c.days_at_capacity),
                          "closed" if c.closed else ("assumption" if c.is_assumption else ""))
    binding = Table(box=box.SIMPLE, title="Binding corridor (departure days)")
    binding.add_column("days")
    binding.add_column("corridor")
    for b in r.binding:
        binding.add_row(f"{b.from_day}-{b.to_day}", b.corridor)
    nations = Table(box=box.SIMPLE, title="By nation (troops in theatre)")
    for col in ("nation", "tiers", "capacity", *(f"day {d}" for d in KEY_DAYS)):
        nations.add_column(col, justify="left" if col == "nation" else "right")
    for n in r.nations:
        cap = "-" if n.capacity is None else f"{n.capacity:,}"
        nations.add_row(n.name + (" (withheld)" if n.withheld else ""), f"{n.tier_troops:,}",
                        cap, *(f"{n.troops_by_day[str(d)]:,}" for d in KEY_DAYS))
    variants = Table(box=box.SIMPLE, title="What if (one change at a time)")
    variants.add_column("change")
    for d in KEY_DAYS:
        variants.add_column(f"day {d}", justify="right")
    for t in r.thresholds:
        variants.add_column(t.name, justify="right")
    for v in r.variants:
        variants.add_row(f"{v.kind} {v.subject}", *(f"{v.troops_by_day[str(d)]:,}"
                                                     for d in KEY_DAYS),
                         *(_day(t.day) for t in v.thresholds))
    parts: list[RenderableType] = [head, days, thresholds, corridors]
    if r.binding:
        parts.append(binding)
    parts.append(nations)
    if r.variants:
        parts.append(variants)
    assumed = [a for a in r.assumptions if a.is_assumption]
    if assumed:
        parts.append(Text(f"{len(assumed)} figures are assumptions (see --json "
                          "'assumptions'); capacity: " + clean(r.capacity_basis), style="dim"))
    parts.extend(Text(clean(f"note: {n}"), style="dim") for n in r.notes)
    return Group(*parts)


def incident_renderable(r: IncidentResult) -> RenderableType:
    head = Text.assemble(
        (f"Attack on {', '.join(r.attacked)}", "bold"),
        f" ({r.target.value.replace('_', ' ')}{', ' + r.area if r.area else ''}) — design "
        f"{r.design}: {r.design_title}")
    matrix = Table(box=box.SIMPLE, title="Response matrix")
    for col in ("party", "bound", "clause", "strength", *(f"day {d}" for d in KEY_DAYS),
                "US", "why"):
        matrix.add_column(col)
    for p in r.parties:
        matrix.add_row(
            p.name + (" (attacked)" if p.attacked else ""),
            Text("yes", style="green") if p.bound else Text("no", style="red"),
            (p.clause or "-") + (" (draft)" if p.draft else ""),
            p.strength.value.replace("_", " ") if p.strength else "-",
            *(f"{p.troops_by_day[str(d)]:,}" for d in KEY_DAYS),
            "depends" if p.depends_on_us else "", p.reason)
    compare = Table(box=box.SIMPLE, title="The same incident under each design")
    for col in ("design", "bound", "obliged to act", "consult only",
                *(f"day {d}" for d in KEY_DAYS)):
        compare.add_column(col)
    for c in r.comparison:
        compare.add_row(c.design, str(len(c.bound)), str(len(c.obliged_to_act)),
                        str(len(c.consult_only)),
                        *(f"{c.obliged_troops_by_day[str(d)]:,}" for d in KEY_DAYS))
    us = Text(clean("What rests on the US: "
                    + ("; ".join(r.depends_on_us) or "nothing recorded")))
    return Group(head, matrix, compare, us,
                 *(Text(clean(f"note: {n}"), style="dim") for n in r.notes))


def plot_reinforcement(r: ReinforcementResult, path: str | Path) -> Path:
    """Troops in theatre per day with the thresholds, and each corridor closure dashed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 6), layout="constrained")
    xs = [d.day for d in r.days]
    ax.plot(xs, [d.troops for d in r.days], color="#2166ac", linewidth=2.2,
            label="troops in theatre")
    colours = ["#b2182b", "#ef8a62", "#762a83", "#1b7837"]
    for i, t in enumerate(r.thresholds):
        colour = colours[i % len(colours)]
        ax.axhline(t.troops, color=colour, linestyle=":", linewidth=1)
        label = f"{t.name} {t.troops:,}: {_day(t.day)}"
        if t.day is not None:
            ax.plot([t.day], [t.troops], marker="o", color=colour, label=label)
        else:
            ax.plot([], [], marker="o", color=colour, label=label)
    for b in r.binding:
        ax.axvspan(b.from_day, b.to_day + 1, color="#999999", alpha=0.08)
    ax.plot([], [], color="#999999", alpha=0.3, linewidth=8,
            label="a corridor binds (departure days)")
    ax.set_xlim(0, r.horizon_days)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("days after the order")
    ax.set_ylabel("troops in theatre")
    title = f"{r.title}\nReinforcement curve"
    if r.closed:
        title += f" — closed: {', '.join(r.closed)}"
    ax.set_title(title, fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    if any(a.is_assumption for a in r.assumptions):
        fig.text(0.01, 0.005, "tiers and corridors rest partly on assumptions "
                 "(see --json 'assumptions')", fontsize=7, color="#555555")
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def plot_response_matrix(r: IncidentResult, path: str | Path) -> Path:
    """The response matrix as a table figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    header = ["party", "bound", "clause", "strength", *(f"day {d}" for d in KEY_DAYS), "US"]
    cells = [[p.party + (" *" if p.attacked else ""), "yes" if p.bound else "no",
              (p.clause or "-") + (" (draft)" if p.draft else ""),
              p.strength.value.replace("_", " ") if p.strength else "-",
              *(f"{p.troops_by_day[str(d)]:,}" for d in KEY_DAYS),
              "depends" if p.depends_on_us else ""] for p in r.parties]
    fig, ax = plt.subplots(figsize=(11, 0.9 + 0.32 * (len(cells) + 1)), layout="constrained")
    ax.axis("off")
    table = ax.table(cellText=cells, colLabels=header, loc="center", cellLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    for i, p in enumerate(r.parties, start=1):
        table[i, 1].set_facecolor("#d9f0d3" if p.bound else "#fddbc7")
    ax.set_title(f"Attack on {', '.join(r.attacked)} ({r.target.value.replace('_', ' ')}) — "
                 f"design {r.design}   (* attacked)", fontsize=10)
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
