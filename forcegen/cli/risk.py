"""``forcegen risk``: how likely the force reaches its band, by when, and what it hinges on."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from forcegen.cli.app import app
from forcegen.cli.support import JsonOpt, emit_json, handles_errors
from forcegen.errors import UsageError

#: Draws above which a progress bar is shown (on a terminal, or with --progress).
_LONG_RUN = 200_000


@app.command()
@handles_errors
def risk(
    scenario: Annotated[str | None, typer.Argument(
        help="An embedded scenario name (see `forcegen scenarios`) or a TOML file; "
        "with --db, a scenario in the ledger. Default: paris-2025, or the ledger's only one.")
    ] = None,
    draws: Annotated[int, typer.Option("--draws", help="Monte Carlo draws.")] = 100_000,
    seed: Annotated[int, typer.Option(
        "--seed", help="Random seed: the same seed gives the same result.")] = 0,
    source_grade: Annotated[bool, typer.Option(
        "--source-grade", help="Lower the probability of a position by the grade of its best "
        "source (A, B, C or ungraded; risk.csv: grade.*).")] = False,
    json_: JsonOpt = False,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Also write the fan chart and the tornado to this file "
        "(.png, .svg or .pdf).")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="Take the scenario from a pledge ledger at this database URL.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="With --db: the ledger as it stood on this date (YYYY-MM-DD).")] = None,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Show a progress bar on stderr (default: on a "
        f"terminal, for runs over {_LONG_RUN:,} draws).")] = None,
) -> None:
    """The chance of fielding the band's minimum and maximum month by month, quantiles of
    troops in place, capability gaps, and a tornado of what it hinges on; with quantified
    pledges only and with priors for pledges that give no number."""
    from forcegen.cli.dates import validate_date

    if plot is not None and plot.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"--plot: {plot}: use a .png, .svg or .pdf file name")
    when = validate_date(as_of, "--as-of") if as_of else None
    if db is not None:
        from forcegen.store import load_scenario_from_db

        scn = load_scenario_from_db(db, scenario, when)
    else:
        if when is not None:
            raise UsageError("--as-of needs --db (a scenario file has no history)")
        from forcegen.io.catalogue import load_plannable

        scn = load_plannable(scenario or "paris-2025")
    from forcegen.analysis.risk import check_draws, simulate

    check_draws(draws)
    show = progress if progress is not None else (sys.stderr.isatty() and draws > _LONG_RUN)
    if show:
        from rich.progress import Progress

        from forcegen.report.console import make_console

        with Progress(transient=True, console=make_console(stderr=True)) as bar:
            task = bar.add_task("drawing", total=draws)
            result = simulate(scn, draws=draws, seed=seed, source_grade=source_grade,
                              progress=lambda done: bar.update(task, completed=done))
    else:
        result = simulate(scn, draws=draws, seed=seed, source_grade=source_grade)
    if plot is not None:
        from forcegen.report.risk import plot_risk

        plot_risk(result, plot)
        sys.stderr.write(f"plot written to {plot}\n")
    if json_:
        emit_json(result.to_dict())
        return
    from forcegen.report.console import make_console
    from forcegen.report.risk import risk_renderable

    make_console().print(risk_renderable(result))

