"""``forcegen sweep`` and ``forcegen sweep-report``: every assumption varied at once, on
this machine or a Dask cluster, and what moves the answer."""

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
def sweep(
    file: Annotated[Path, typer.Argument(help="The sweep file (TOML): base scenario, "
                                         "parameters, design, engines.")],
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="A Dask scheduler's address (tcp://host:8786); default: a "
        "local cluster on this machine.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", help="Workers of the local cluster (default: one per core).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="The results file (Parquet); default: NAME.parquet after the sweep's "
        "name. An interrupted sweep resumes from it.")] = None,
    threads: Annotated[bool, typer.Option(
        "--threads", help="Run the local cluster's workers as threads of this process "
        "(no start-up cost; for small sweeps).")] = False,
    json_: JsonOpt = False,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Show a progress bar on stderr (default: on a "
        "terminal).")] = None,
) -> None:
    """Run every variant of a sweep through the engines (plan, risk, source) on Dask and
    stream one row per variant into Parquet; run again to resume an interrupted sweep."""
    from forcegen.io.sweepfile import load_sweep
    from forcegen.io.sweeps import sweep as run

    spec = load_sweep(file)
    target = out or Path(f"{spec.name}.parquet")
    if target.suffix.lower() != ".parquet":
        raise UsageError(f"--out: {target}: use a .parquet file name")
    show = progress if progress is not None else sys.stderr.isatty()
    try:
        if show:
            from rich.progress import Progress

            from forcegen.report.console import make_console

            with Progress(console=make_console(stderr=True)) as bar:
                task = bar.add_task(f"sweep {spec.name}", total=None)
                frame = run(file, out=target, scheduler=scheduler, workers=workers,
                            processes=not threads,
                            progress=lambda done, total: bar.update(task, completed=done,
                                                                    total=total))
        else:
            frame = run(file, out=target, scheduler=scheduler, workers=workers,
                        processes=not threads)
    except KeyboardInterrupt:
        sys.stderr.write(f"interrupted: finished variants are kept in {target}.parts; "
                         "run the same command again to resume\n")
        raise typer.Exit(130) from None
    computed = int(frame.attrs.get("computed", len(frame)))
    failed = int(frame["error"].notna().sum())
    doc = {"sweep": spec.name, "out": str(target), "variants": len(frame),
           "computed": computed, "resumed": len(frame) - computed, "failed": failed}
    if json_:
        emit_json(doc)
        return
    sys.stdout.write(f"sweep {spec.name!r}: {len(frame):,} variants in {target} "
                     f"({computed:,} computed now, {len(frame) - computed:,} already there"
                     + (f"; {failed:,} refused by the engines, see the error column"
                        if failed else "") + ")\n")


@app.command("sweep-report")
@handles_errors
def sweep_report(
    results: Annotated[Path, typer.Argument(help="A sweep's results file (Parquet).")],
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Also write the heat map and the ranking to this file "
        "(.png, .svg or .pdf).")] = None,
    target: Annotated[str | None, typer.Option(
        "--target", help="The headline to rank (default: p_min_steady_with_priors, "
        "else p_min_steady, ...; max_possible for plan-only sweeps).")] = None,
    threshold: Annotated[float, typer.Option(
        "--threshold", help="A probability headline reaches the band at this value.")] = 0.5,
    json_: JsonOpt = False,
) -> None:
    """Which parameters move the headline most (variance-based ranking), a heat map over
    the two most influential, and the variants that reach the band with the fewest
    assumptions relaxed."""
    if plot is not None and plot.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"--plot: {plot}: use a .png, .svg or .pdf file name")
    from forcegen.analysis.sweeps.report import summarise_sweep
    from forcegen.io.results import read_results

    frame, meta = read_results(results)
    report = summarise_sweep(frame, meta, target=target, threshold=threshold)
    if plot is not None:
        from forcegen.report.sweeps import plot_sweep

        plot_sweep(report, plot)
        sys.stderr.write(f"plot written to {plot}\n")
    if json_:
        emit_json(report.to_dict())
        return
    from forcegen.report.console import make_console
    from forcegen.report.sweeps import sweep_renderable

    make_console().print(sweep_renderable(report))
