"""``forcegen reinforce`` and ``forcegen incident``: how fast the force can grow, and who
must answer an attack on it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from forcegen.cli.app import app
from forcegen.cli.support import JsonOpt, emit_json, handles_errors
from forcegen.errors import UsageError

ScenarioArg = Annotated[str | None, typer.Argument(
    help="An embedded scenario name (see `forcegen scenarios`) or a TOML file. "
    "Default: paris-2025.")]
PlotOpt = Annotated[Path | None, typer.Option(
    "--plot", help="Also write a chart to this file (.png, .svg or .pdf).")]
CloseOpt = Annotated[list[str] | None, typer.Option(
    "--close", help="Close this corridor throughout (repeat for several).")]


def _check_plot(plot: Path | None) -> None:
    if plot is not None and plot.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"--plot: {plot}: use a .png, .svg or .pdf file name")


@app.command()
@handles_errors
def reinforce(
    scenario: ScenarioArg = None,
    json_: JsonOpt = False,
    plot: PlotOpt = None,
    close: CloseOpt = None,
    withhold: Annotated[list[str] | None, typer.Option(
        "--withhold", help="A nation holds back its tiers: ISO3, or ISO3:TIER for one tier "
        "(repeat for several).")] = None,
    horizon: Annotated[int | None, typer.Option(
        "--horizon", help="Days to simulate after the order (default: the scenario's, "
        "else 180).")] = None,
) -> None:
    """How many troops can be in theatre by each day after an order: readiness tiers
    flowing through the corridors, the day each threshold is reached, the binding
    corridor, and the same with each corridor closed or each nation withholding."""
    from forcegen.io.catalogue import load_plannable

    _check_plot(plot)
    scn = load_plannable(scenario or "paris-2025")
    result = scn.reinforcement.simulate(close=close or (), withhold=withhold or (),
                                        horizon=horizon)
    if plot is not None:
        from forcegen.report.reinforcement import plot_reinforcement

        plot_reinforcement(result, plot)
        sys.stderr.write(f"plot written to {plot}\n")
    if json_:
        emit_json(result.to_dict())
        return
    from forcegen.report.console import make_console
    from forcegen.report.reinforcement import reinforcement_renderable

    make_console().print(reinforcement_renderable(result))


@app.command()
@handles_errors
def incident(
    scenario: ScenarioArg = None,
    attacked: Annotated[str | None, typer.Option(
        "--attacked", help="Contingents (ISO3 codes, comma-separated, e.g. FRA,GBR) or a "
        "deployment area that comes under attack.")] = None,
    design: Annotated[str, typer.Option(
        "--design", help="The agreement design to judge by (see --list-designs).")
    ] = "as-agreed",
    target: Annotated[str, typer.Option(
        "--target", help="What is attacked: forces_in_area or territory.")
    ] = "forces_in_area",
    area: Annotated[str | None, typer.Option(
        "--area", help="The deployment area of the attack (default: the first).")] = None,
    close: CloseOpt = None,
    list_designs: Annotated[bool, typer.Option(
        "--list-designs", help="List the agreement designs and exit.")] = False,
    json_: JsonOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Who must answer an attack on the force: each party, whether it is bound and under
    which clause, the troops it can bring by day 7, 30 and 90, what rests on the US; and
    the same incident under each agreement design."""
    from forcegen.analysis.defence.designs import DESIGNS

    if list_designs:
        if json_:
            emit_json([{"name": d.name, "title": d.title, "description": d.description}
                       for d in DESIGNS.values()])
        else:
            for d in DESIGNS.values():
                sys.stdout.write(f"{d.name:14} {d.title}: {d.description}\n")
        return
    if not attacked:
        raise UsageError("--attacked is required (e.g. --attacked FRA,GBR)")
    _check_plot(plot)
    from forcegen.io.catalogue import load_plannable

    scn = load_plannable(scenario or "paris-2025")
    result = scn.incident(attacked.split(","), design=design, target=target, area=area,
                          close=tuple(close or ()))
    if plot is not None:
        from forcegen.report.reinforcement import plot_response_matrix

        plot_response_matrix(result, plot)
        sys.stderr.write(f"plot written to {plot}\n")
    if json_:
        emit_json(result.to_dict())
        return
    from forcegen.report.console import make_console
    from forcegen.report.reinforcement import incident_renderable

    make_console().print(incident_renderable(result))
