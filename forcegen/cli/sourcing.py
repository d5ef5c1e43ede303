"""``forcegen source`` and ``forcegen propose``: the sourcing plan, and each nation's
contribution proposal."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from forcegen.cli.app import app
from forcegen.cli.support import JsonOpt, emit_json, handles_errors
from forcegen.errors import ScenarioError, UsageError

if TYPE_CHECKING:
    from forcegen.analysis.sourcing.result import SourcingResult
    from forcegen.model import Scenario

ScenarioArg = Annotated[str | None, typer.Argument(
    help="An embedded scenario name (see `forcegen scenarios`) or a TOML file. "
    "Default: paris-2025.")]
TimeLimitOpt = Annotated[float | None, typer.Option(
    "--time-limit", help="Seconds the whole optimisation may take: the plan's solve, then "
    "(at least 25% kept for them) the re-solves that price each caveat and limit. At the "
    "limit, the best plan found with its gap, labelled not proven optimal; a price whose "
    "re-solve stopped early is labelled so.")]


@app.command()
@handles_errors
def source(
    scenario: ScenarioArg = None,
    mode: Annotated[str, typer.Option(
        "--mode", help="pledges: fill the lines from what is on the table; capacity: what "
        "each nation should be asked for, within its sustainable capacity.")] = "pledges",
    json_: JsonOpt = False,
    time_limit: TimeLimitOpt = None,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Also write a chart of the plan to this file (.png, .svg or .pdf).")
    ] = None,
) -> None:
    """The best sourcing plan: who sends what, where and when, proven optimal by an exact
    solver (HiGHS), with each gap's reason and what each caveat costs."""
    from forcegen.analysis.sourcing.solve import check_time_limit
    from forcegen.io.catalogue import load_plannable

    if mode not in ("pledges", "capacity"):
        raise UsageError(f"--mode must be pledges or capacity, got {mode!r}")
    check_time_limit(time_limit)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"--plot: {plot}: use a .png, .svg or .pdf file name")
    scn = load_plannable(scenario or "paris-2025")
    result = optimize_located(scn, scenario or "paris-2025", mode=mode, time_limit=time_limit)
    if plot is not None:
        from forcegen.report.sourcing import plot_sourcing

        plot_sourcing(result, plot)
        sys.stderr.write(f"plot written to {plot}\n")
    if json_:
        emit_json(result.to_dict())
    else:
        from forcegen.report.console import make_console
        from forcegen.report.sourcing import sourcing_renderable

        names = {k: n.name for k, n in scn.nations.items()}
        make_console().print(sourcing_renderable(result, names))
    result.refuse_infeasible()


def optimize_located(scn: Scenario, name: str, **options: Any) -> SourcingResult:
    """``scn.sourcing.optimize``, its input problems placed in the scenario file."""
    from forcegen.io.catalogue import located

    try:
        return scn.sourcing.optimize(**options)
    except ScenarioError as exc:
        if exc.file is not None:
            raise
        raise located(name, exc.problems) from None


@app.command()
@handles_errors
def propose(
    nation: Annotated[str | None, typer.Argument(
        help="The nation (ISO 3166 alpha-3 code, e.g. FRA). Omit with --all.")] = None,
    scenario: ScenarioArg = None,
    format_: Annotated[str, typer.Option(
        "--format", help="md, html or json.")] = "md",
    all_: Annotated[bool, typer.Option(
        "--all", help="One proposal per nation of the plan and a coalition summary, "
        "written to --out (a folder).")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write to this file (with --all: this folder, default ./proposals).")
    ] = None,
    time_limit: TimeLimitOpt = None,
) -> None:
    """The contribution proposal the US asked of each European country, from the sourcing
    plan in capacity mode: troops by capability, area and period, security measures, the
    rotation pool and how long it holds, fair share, conditions, sources."""
    from forcegen.analysis.sourcing.proposal import coalition_summary, proposal_for
    from forcegen.analysis.sourcing.solve import check_time_limit
    from forcegen.io.catalogue import load_plannable
    from forcegen.report import proposal as render

    if format_ not in ("md", "html", "json"):
        raise UsageError(f"--format must be md, html or json, got {format_!r}")
    check_time_limit(time_limit)
    if all_ and scenario is None and nation is not None and not re.fullmatch(r"[A-Za-z]{3}",
                                                                             nation):
        nation, scenario = None, nation
    if all_ and nation is not None:
        raise UsageError("give a NATION or --all, not both")
    if not all_ and nation is None:
        raise UsageError("name a NATION (e.g. FRA), or use --all")
    scn = load_plannable(scenario or "paris-2025")
    if nation is not None and nation.upper() not in scn.nations:
        from forcegen.errors import NotFound

        raise NotFound(f"nation {nation!r} is not in scenario {scn.name!r} "
                       f"(nations: {', '.join(sorted(scn.nations))})")
    result = optimize_located(scn, scenario or "paris-2025", mode="capacity",
                              time_limit=time_limit, prices=False)
    result.require_plan()  # no proposal from a plan that does not exist: nothing written

    def text(doc: object) -> str:
        import json

        if format_ == "json":
            return json.dumps(doc.to_dict(), indent=2, ensure_ascii=False) + "\n"  # type: ignore[attr-defined]
        kind = "proposal" if doc.__class__.__name__ == "Proposal" else "summary"
        fn = getattr(render, f"{kind}_{'markdown' if format_ == 'md' else 'html'}")
        return str(fn(doc))

    if not all_:
        assert nation is not None
        body = text(proposal_for(scn, result, nation))
        if out is None:
            sys.stdout.write(body)
        else:
            out.write_text(body, encoding="utf-8")
            sys.stderr.write(f"proposal written to {out}\n")
        return
    folder = out or Path("proposals")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for iso in [f.nation for f in result.fair_share]:
        path = folder / f"{iso}.{format_}"
        path.write_text(text(proposal_for(scn, result, iso)), encoding="utf-8")
        written.append(path)
    path = folder / f"coalition.{format_}"
    path.write_text(text(coalition_summary(scn, result)), encoding="utf-8")
    written.append(path)
    sys.stderr.write(f"{len(written)} files written to {folder}\n")
