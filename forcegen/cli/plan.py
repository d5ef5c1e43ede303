"""``forcegen plan`` and ``forcegen validate``: the plan of a scenario, and checking a file."""

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
def plan(
    scenario: Annotated[str | None, typer.Argument(
        help="An embedded scenario name (see `forcegen scenarios`) or a TOML file; "
        "with --db, a scenario in the ledger. Default: paris-2025, or the ledger's only one.")
    ] = None,
    json_: JsonOpt = False,
    db: Annotated[str | None, typer.Option(
        "--db", help="Run the plan from a pledge ledger at this database URL.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="With --db or a history (e.g. coalition-2025): the pledges and the "
        "requirement as they stood on this date (YYYY-MM-DD).")] = None,
    min_grade: Annotated[str | None, typer.Option(
        "--min-grade", help="Leave out (and list) the positions that rest only on sources "
        "graded below this: A (official), B (major outlet or wire) or C.")] = None,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Also write a chart of the plan to this file (.png, .svg or .pdf).")
    ] = None,
    schema: Annotated[bool, typer.Option(
        "--schema", help="Print the JSON Schema of the --json document and exit.")] = False,
) -> None:
    """Where the force stands: troops by modality against the band, capability gaps with
    and without the backstop, sustainment through rotations, and burden sharing."""
    if schema:
        from forcegen.analysis.plan.document import PlanDocument

        emit_json(PlanDocument.model_json_schema(mode="serialization"))
        return
    from forcegen.cli.dates import validate_date

    when = validate_date(as_of, "--as-of") if as_of else None
    if min_grade is not None and min_grade.upper() not in ("A", "B", "C"):
        raise UsageError(f"--min-grade: unknown grade {min_grade!r} (A, B or C)")
    if db is not None:
        from forcegen.store import load_scenario_from_db

        scn = load_scenario_from_db(db, scenario, when)
    else:
        from forcegen.io.catalogue import load_plannable

        scn = load_plannable("paris-2025" if scenario is None else scenario, when)
    screen = None
    if min_grade is not None:
        from forcegen.analysis.grades import screen_by_grade

        scn, screen = screen_by_grade(scn, min_grade.upper())  # type: ignore[arg-type]
    result = scn.plan()
    if plot is not None:
        from forcegen.report.plot import plot_plan

        if plot.suffix.lower() not in (".png", ".svg", ".pdf"):
            raise UsageError(f"--plot: {plot}: use a .png, .svg or .pdf file name")
        plot_plan(result, plot)
        sys.stderr.write(f"plot written to {plot}\n")
    if json_:
        doc = result.to_dict()
        if screen is not None:
            doc["grade_screen"] = screen.to_dict()
        emit_json(doc)
        return
    from forcegen.report.console import make_console
    from forcegen.report.plan import plan_renderable

    console = make_console()
    console.print(plan_renderable(result))
    if screen is not None:
        from forcegen.report.timeline import grade_screen_renderable

        console.print(grade_screen_renderable(screen))


@app.command()
@handles_errors
def validate(
    file: Annotated[Path, typer.Argument(help="The scenario TOML file to check.")],
) -> None:
    """Check a scenario file; print each problem with file, field and line."""
    from forcegen.io.catalogue import load_plannable
    from forcegen.report.safe import clean

    scn = load_plannable(str(file))
    sys.stdout.write(
        f"{clean(str(file))}: ok — scenario {scn.name!r}, {len(scn.nations)} nations, "
        f"{len(scn.pledges)} pledges, {len(scn.assumptions)} assumptions\n"
    )
