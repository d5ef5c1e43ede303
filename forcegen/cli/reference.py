"""``forcegen scenarios``, ``nations``, ``doctrine``: embedded scenarios, reference data."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from forcegen.cli.app import app
from forcegen.cli.support import JsonOpt, emit_json, handles_errors


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
    from forcegen.io.catalogue import embedded_scenarios, load_scenario

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
    scenario: Annotated[str, typer.Option(
        "--scenario", help="Scenario (name or TOML file) whose assumptions and standing "
        "commitments the capacity chain uses.")] = "paris-2025",
) -> None:
    """The reference figures per nation (sources, years, grades) and each nation's net
    deployable capacity, step by step."""
    from forcegen.analysis.plan.capacity import capacity_of
    from forcegen.io.catalogue import load_scenario
    from forcegen.io.reference import nation, reference_nations

    chosen = [nation(c.upper()) for c in codes] if codes else list(
        reference_nations().values())
    scn = load_scenario(scenario)
    caps = [capacity_of(n, scn) for n in chosen]
    if json_:
        emit_json([{**n.model_dump(mode="json"), "capacity": c.model_dump(mode="json")}
                   for n, c in zip(chosen, caps, strict=True)])
        return
    from forcegen.report.console import make_console
    from forcegen.report.reference import capacity_table, nations_table

    console = make_console()
    console.print(nations_table(chosen, sources=not no_sources))
    console.print(capacity_table(caps, scn.name))


@app.command()
@handles_errors
def doctrine(json_: JsonOpt = False) -> None:
    """The doctrine figures (usability targets, tour lengths, rotation ratios) with sources."""
    from forcegen.io.reference import doctrine as figures

    chosen = list(figures().values())
    if json_:
        emit_json([f.model_dump() for f in chosen])
        return
    from forcegen.report.console import make_console
    from forcegen.report.reference import doctrine_table

    make_console().print(doctrine_table(chosen))
