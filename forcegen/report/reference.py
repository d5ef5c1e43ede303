"""Rich tables of the embedded reference data: nations' figures and doctrine figures."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from forcegen.analysis.plan.capacity import NationCapacity
from forcegen.io.reference import DoctrineFigure
from forcegen.model import Nation


def nations_table(nations: list[Nation], *, sources: bool = True) -> Table:
    table = Table(title="Reference figures (value (year) \\[grade]; A official or primary, "
                  "B major outlet or wire, C secondary or mirror)", box=box.SIMPLE_HEAD,
                  title_justify="left")
    for col in ("Nation", "Active", "Army", "GDP (USD bn)", "Population (m)",
                "Defence (USD bn)", "Defence % GDP"):
        table.add_column(col, justify="left" if col == "Nation" else "right")
    if sources:
        table.add_column("Sources (figure \\[grade]: source)")
    for n in nations:
        def cell(fig: Any, scale: float = 1.0, fmt: str = ",.0f") -> str:
            if fig is None:
                return "missing"
            year = f" ({fig.year})" if fig.year else ""
            return format(fig.value / scale, fmt) + year + f" [{fig.grade or '?'}]"
        row = [f"{n.name} ({n.iso3})" + ("" if n.has_armed_forces else "\nno armed forces"),
               cell(n.active_personnel), cell(n.army_personnel),
               cell(n.gdp_usd, 1e9, ",.1f"), cell(n.population, 1e6, ",.2f"),
               cell(n.defence_usd, 1e9, ",.2f"), cell(n.defence_pct_gdp, 1.0, ".2f")]
        if sources:
            seen: list[str] = []
            for name in ("active_personnel", "army_personnel", "gdp_usd", "population",
                         "defence_usd", "defence_pct_gdp"):
                fig = getattr(n, name)
                if fig is not None:
                    seen.append(f"{name} [{fig.grade or '?'}]: {fig.source}")
            row.append("\n".join(seen))
        table.add_row(*row)
    return table


def capacity_table(caps: list[NationCapacity], scenario: str) -> Table:
    """Each nation's net capacity chain, the steps resting on assumptions marked."""
    table = Table(title=f"Deployable capacity, step by step (assumptions of scenario "
                  f"{scenario}; troops after each step)", box=box.SIMPLE_HEAD,
                  title_justify="left")
    for col, just in (("Nation", "left"), ("Step", "left"), ("Troops", "right"),
                      ("Source", "left")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for cap in caps:
        for i, st in enumerate(cap.steps):
            src = Text("ASSUMPTION ", style="bold yellow") if st.is_assumption else Text()
            src.append(st.source)
            table.add_row(f"{cap.name} ({cap.iso3})" if i == 0 else "", st.step,
                          "-" if st.value is None else format(st.value, ","), src)
        by = ", ".join(f"{v:,} at ratio {k}" if v is not None else f"- at ratio {k}"
                       for k, v in cap.sustainable_by_ratio.items())
        table.add_row("", Text("sustainable across the range", style="bold"), "", by)
    return table


def doctrine_table(figures: list[DoctrineFigure]) -> Table:
    """The doctrine figures (usability targets, tour lengths, rotation ratios), sourced."""
    table = Table(title="Doctrine figures", title_justify="left")
    for col in ("key", "value", "unit", "description", "source", "grade"):
        table.add_column(col)
    for f in figures:
        table.add_row(f.key, f"{f.value:g}", f.unit, f.description, f.source, f.grade or "-")
    return table
