"""The ``forcegen`` command: thin commands that parse, call one library function and
render its result. Every ForcegenError becomes one message on stderr and exit code 2."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from forcegen.cli_support import JsonOpt, emit_json, fail, handles_errors

app = typer.Typer(
    name="forcegen",
    help="Plan, track and stress-test a multinational deterrence / reassurance force.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
        "--as-of", help="With --db: the ledger as it stood on this date (YYYY-MM-DD).")] = None,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Also write a chart of the plan to this file (.png, .svg or .pdf).")
    ] = None,
) -> None:
    """Where the force stands: troops by modality against the band, capability gaps with
    and without the backstop, sustainment through rotations, and burden sharing."""
    from forcegen.files import validate_date

    when = validate_date(as_of, "--as-of") if as_of else None
    if db is not None:
        from forcegen.store import load_scenario_from_db

        scn = load_scenario_from_db(db, scenario, when)
    else:
        if when is not None:
            raise fail("--as-of needs --db (a scenario file has no history)")
        from forcegen.files import load_plannable

        scn = load_plannable(scenario or "paris-2025")
    result = scn.plan()
    if plot is not None:
        from forcegen.plot import plot_plan

        if plot.suffix.lower() not in (".png", ".svg", ".pdf"):
            raise fail(f"--plot: {plot}: use a .png, .svg or .pdf file name")
        plot_plan(result, plot)
        sys.stderr.write(f"plot written to {plot}\n")
    if json_:
        emit_json(result.to_dict())
        return
    from forcegen.render import make_console, plan_renderable

    make_console().print(plan_renderable(result))


@app.command()
@handles_errors
def validate(
    file: Annotated[Path, typer.Argument(help="The scenario TOML file to check.")],
) -> None:
    """Check a scenario file; print each problem with file, field and line."""
    from forcegen.files import load_plannable

    scn = load_plannable(str(file))
    sys.stdout.write(
        f"{file}: ok — scenario {scn.name!r}, {len(scn.nations)} nations, "
        f"{len(scn.pledges)} pledges, {len(scn.assumptions)} assumptions\n"
    )


@app.command()
@handles_errors
def scenarios(
    show: Annotated[str | None, typer.Option(
        "--show", help="Print this embedded scenario's TOML (to copy and edit).")] = None,
    json_: JsonOpt = False,
) -> None:
    """List the embedded scenarios."""
    from importlib import resources

    from forcegen.errors import NotFound
    from forcegen.files import embedded_scenarios, load_scenario

    names = embedded_scenarios()
    if show is not None:
        if show not in names:
            raise NotFound(f"no embedded scenario named {show!r} (embedded: {', '.join(names)})")
        text = resources.files("forcegen.scenarios").joinpath(f"{show}.toml").read_text("utf-8")
        sys.stdout.write(text)
        return
    rows = []
    for name in names:
        scn = load_scenario(name)
        rows.append({"name": name, "title": scn.title, "as_of": scn.as_of.isoformat(),
                     "pledges": len(scn.pledges)})
    if json_:
        emit_json(rows)
        return
    for r in rows:
        sys.stdout.write(f"{r['name']}\t{r['as_of']}\t{r['title']} ({r['pledges']} pledges)\n")


@app.command()
@handles_errors
def nations(
    codes: Annotated[list[str] | None, typer.Argument(
        help="ISO 3166 alpha-3 codes to show (default: all with reference data).")] = None,
    json_: JsonOpt = False,
    no_sources: Annotated[bool, typer.Option("--no-sources", help="Hide the sources.")] = False,
) -> None:
    """The embedded reference figures per nation, with their sources and years."""
    from forcegen.reference import nation, reference_nations

    chosen = [nation(c.upper()) for c in codes] if codes else list(
        reference_nations().values())
    if json_:
        emit_json([n.model_dump(mode="json") for n in chosen])
        return
    from forcegen.render import make_console, nations_table

    make_console().print(nations_table(chosen, sources=not no_sources))


@app.command()
@handles_errors
def doctrine(json_: JsonOpt = False) -> None:
    """The doctrine figures (usability targets, tour lengths, rotation ratios) with sources."""
    from forcegen.reference import doctrine as figures

    rows = [f.model_dump() for f in figures().values()]
    if json_:
        emit_json(rows)
        return
    from rich.table import Table

    from forcegen.render import make_console

    table = Table(title="Doctrine figures", title_justify="left")
    for col in ("key", "value", "unit", "description", "source"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["key"], f"{r['value']:g}", r["unit"], r["description"], r["source"])
    make_console().print(table)


from forcegen.ledger_cli import ledger_app  # noqa: E402  (after the app's own commands)

app.add_typer(ledger_app, name="ledger", help="The pledge ledger: history with sources.")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
