"""``forcegen timeline``: who stood where, when; the stated troops against the band."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from forcegen.cli.app import app
from forcegen.cli.support import JsonOpt, emit_json, handles_errors
from forcegen.errors import UsageError


@app.command()
@handles_errors
def timeline(
    scenario: Annotated[str | None, typer.Argument(
        help="A history (an embedded one such as coalition-2025, or a ledger export file), "
        "a scenario file (each pledge dated by its latest source), or with --db a scenario "
        "in the ledger. Default: coalition-2025, or the ledger's only scenario.")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="Replay the pledge ledger at this database URL.")] = None,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Also write the chart to this file (.png, .svg or .pdf): a row per "
        "nation coloured by modality, then the totals against the band.")] = None,
    json_: JsonOpt = False,
) -> None:
    """Per nation, the position over time with a mark at each dated source; the coalition's
    stated troops (certain, max possible) and the requirement band over time."""
    from forcegen.analysis.timeline import states_of_scenario
    from forcegen.analysis.timeline import timeline as compute

    if plot is not None and plot.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"--plot: {plot}: use a .png, .svg or .pdf file name")
    if db is not None:
        from forcegen.store import Ledger

        with Ledger(db) as ledger:
            name, states = ledger.states(scenario)
    else:
        from forcegen.io.catalogue import load_history, load_scenario
        from forcegen.io.history import dated_states

        target = scenario or "coalition-2025"
        history = load_history(target)
        if history is not None:
            name, states = dated_states(history[0], None, file=history[1])
        else:
            scn = load_scenario(target)
            name, states = scn.name, states_of_scenario(scn)
    result = compute(states, name)
    if plot is not None:
        from forcegen.report.timeline import plot_timeline

        plot_timeline(result, plot)
        sys.stderr.write(f"plot written to {plot}\n")
    if json_:
        emit_json(result.to_dict())
        return
    from forcegen.report.console import make_console
    from forcegen.report.timeline import timeline_renderable

    make_console().print(timeline_renderable(result))
