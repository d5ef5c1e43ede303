"""The sourcing plan for the terminal (it reads as a plan: by area, by nation, then the
gaps and their reasons) and as a chart."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from forcegen.analysis.sourcing.result import SourcingResult
from forcegen.report.safe import clean


def _num(v: float | None, fmt: str = ",.1f") -> str:
    return "-" if v is None else format(v, fmt)


def sourcing_renderable(result: SourcingResult, names: dict[str, str]) -> Group:
    parts: list[Any] = []
    head = Text()
    head.append(f"Sourcing plan, {result.mode.value} mode — scenario {result.scenario}\n",
                style="bold")
    style = "green" if result.proven_optimal else "bold red"
    head.append(result.status_label + "\n", style=style)
    head.append(f"Objective {_num(result.objective)}, bound {_num(result.bound)}, gap "
                f"{'-' if result.gap is None else format(result.gap, '.4%')}\n")
    head.append(f"Objective ({result.objective_kind}): {result.objective_text}\n", style="dim")
    head.append(f"Filled {result.troops_filled:,} of {result.troops_required:,} troop-periods "
                f"asked for (priority-weighted {result.coverage:,.0f} of "
                f"{result.coverage_max:,.0f}).")
    parts.append(Panel(head, title="forcegen source", border_style="blue"))
    if result.infeasible_because:
        parts.append(Panel("\n".join(result.infeasible_because),
                           title="Infeasible: lifting any one of these makes a plan possible",
                           border_style="red"))
    if result.infeasible_undecided:
        parts.append(Panel("\n".join(result.infeasible_undecided),
                           title="Not decided within the time budget: lifting these may or "
                           "may not make a plan possible", border_style="red"))

    periods = [p["name"] for p in result.periods]
    cell: dict[tuple[str, str, str], int] = defaultdict(int)
    for a in result.assignments:
        cell[(a.area, a.nation, a.period)] += a.troops
    by_area = Table(title="By area (troops per period)", box=box.SIMPLE_HEAD,
                    title_justify="left")
    by_area.add_column("Area")
    by_area.add_column("Nation")
    for p in periods:
        by_area.add_column(p, justify="right")
    for area in result.areas:
        nations = sorted({n for (a, n, _) in cell if a == area["name"]})
        where = f"{area['title']} ({'in Ukraine' if area['in_ukraine'] else 'outside Ukraine'}"
        where += f", {area['distance_km']:g} km)" if area["distance_km"] is not None else ")"
        if not nations:
            by_area.add_row(where, Text("no one", style="dim"), *["-" for _ in periods])
        for i, n in enumerate(nations):
            by_area.add_row(where if i == 0 else "", names.get(n, n),
                            *[f"{cell[(area['name'], n, p)]:,}" if cell[(area['name'], n, p)]
                              else "-" for p in periods])
    parts.append(by_area)

    by_nation = Table(title="By nation", box=box.SIMPLE_HEAD, title_justify="left",
                      caption="Capacity: troops it can hold per period through rotations. "
                      "Share: of all troop-periods assigned; fair share: GDP and population.",
                      caption_justify="left")
    for col, just in (("Nation", "left"), ("Lines", "left"), ("Troop-periods", "right"),
                      ("Capacity", "right"), ("Share", "right"), ("Fair share", "right")):
        by_nation.add_column(col, justify=just)  # type: ignore[arg-type]
    for f in result.fair_share:
        lines = sorted({a.requirement for a in result.of(f.nation)})
        by_nation.add_row(names.get(f.nation, f.nation), ", ".join(lines) or "-",
                          f"{f.troop_periods:,}", _num(f.capacity, ","), f"{f.share:.1%}",
                          "-" if f.fair_share is None else f"{f.fair_share:.1%}")
    for iso, why in result.left_out.items():
        by_nation.add_row(names.get(iso, iso), Text(clean(f"left out: {why}"), style="dim"),
                          "-", "-", "-", "-")
    parts.append(by_nation)

    gaps = Table(title="Gaps and their reasons", box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("Line", "Period", "Missing", "Reason", "Why"):
        gaps.add_column(col, justify="right" if col == "Missing" else "left")
    for u in result.unfilled:
        gaps.add_row(f"{u.requirement} ({u.capability}, {u.area})", u.period,
                     f"{u.troops:,} of {u.required:,}", u.reason.value, u.detail)
    if not result.unfilled and result.status.value in ("optimal", "time_limit"):
        gaps.add_row("every line filled", "", "", "", "")
    parts.append(gaps)

    costs = Table(title="What each caveat and limit costs", box=box.SIMPLE_HEAD,
                  title_justify="left",
                  caption=f"Found by {result.prices_by}." + (
                      "" if result.timings.pricing_budget_seconds is None else
                      f" Pricing budget: {result.timings.pricing_budget_seconds:.2f} s."),
                  caption_justify="left")
    for col in ("Nation", "Caveat or limit", "Coverage gain if lifted", "Troop-periods",
                "Note"):
        costs.add_column(col, justify="right" if col in ("Coverage gain if lifted",
                                                          "Troop-periods") else "left")
    for c in [*result.caveat_costs, *result.limit_costs]:
        costs.add_row(names.get(c.nation, c.nation) if c.nation else "all", c.caveat,
                      Text(c.label, style="" if c.proven else "bold red"),
                      "-" if c.troops_gain is None else f"{c.troops_gain:,}",
                      Text(clean(c.note), style="dim"))
    parts.append(costs)

    assumptions = Table(title="Assumptions and sources", box=box.SIMPLE_HEAD,
                        title_justify="left", caption="In yellow: an assumption.",
                        caption_justify="left")
    assumptions.add_column("Name")
    assumptions.add_column("Value")
    assumptions.add_column("Source")
    for used in result.assumptions:
        if used.name.startswith("sourcing."):
            assumptions.add_row(used.name, "-" if used.value is None else str(used.value),
                                Text(clean(used.source),
                                     style="yellow" if used.is_assumption else ""))
    parts.append(assumptions)
    return Group(*parts)


def plot_sourcing(result: SourcingResult, path: str | Path) -> Path:
    """Troops per line and period: filled by nation (stacked) against what is asked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = sorted({(u.requirement, u.period) for u in result.unfilled}
                  | {(a.requirement, a.period) for a in result.assignments})
    required: dict[tuple[str, str], int] = {}
    for u in result.unfilled:
        required[(u.requirement, u.period)] = u.required
    nations = sorted({a.nation for a in result.assignments})
    fig, ax = plt.subplots(figsize=(12, max(4, 0.3 * len(keys))), layout="constrained")
    ys = range(len(keys))
    left = [0.0] * len(keys)
    colours = plt.get_cmap("tab20").colors  # type: ignore[attr-defined]
    for i, n in enumerate(nations):  # 20 colours; past 20 nations, hatched
        vals = [float(sum(a.troops for a in result.assignments
                          if a.nation == n and (a.requirement, a.period) == k)) for k in keys]
        ax.barh(list(ys), vals, left=left, label=n, color=colours[i % len(colours)],
                hatch=None if i < len(colours) else "//", edgecolor="white", linewidth=0.3)
        left = [lft + v for lft, v in zip(left, vals, strict=True)]
    for y, k in zip(ys, keys, strict=True):
        if k in required:
            ax.plot([required[k], required[k]], [y - 0.4, y + 0.4], color="black")
    ax.set_yticks(list(ys), [f"{r} / {p}" for r, p in keys], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("troops (black mark: asked for, where not filled)")
    ax.set_title(f"Sourcing plan ({result.mode.value} mode): {result.status_label}")
    if nations:
        ax.legend(fontsize=7, ncol=2)
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out
