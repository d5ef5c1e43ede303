"""``forcegen.sweep(spec, client=None)``: a sweep from file to results.

Loads the sweep and its base scenario, draws the variants, runs them on a Dask client
(the one given, one on ``scheduler``, or a ``LocalCluster``), streams each finished batch
into the Parquet results (``out``) and returns them as a pandas DataFrame.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import CancelledError
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forcegen.analysis.sweeps.run import PreparedSweep, prepare_sweep, run_sweep
from forcegen.analysis.sweeps.spec import SweepSpec
from forcegen.errors import ClusterUnavailable, ScenarioError
from forcegen.io.cluster import dask_client, worker_count
from forcegen.io.locate import undotted
from forcegen.io.results import ResultsFile
from forcegen.io.sweepfile import base_scenario, load_sweep, spec_from_document, sweep_file_lines

if TYPE_CHECKING:
    import pandas as pd
    from distributed import Client

Progress = Callable[[int, int], None]


def prepare(spec: SweepSpec | str | Path | Mapping[str, Any]) -> PreparedSweep:
    """A sweep (a SweepSpec, a sweep file, or the file's content as a dict), checked
    against its base scenario; problems name the sweep file's lines."""
    file: str | None = None
    if isinstance(spec, str | Path):
        file = str(spec)
        spec = load_sweep(spec)
    elif not isinstance(spec, SweepSpec):
        spec = spec_from_document(dict(spec))
    try:
        return prepare_sweep(spec, base_scenario(spec))
    except ScenarioError as exc:
        if exc.file is not None or file is None:
            raise
        from forcegen.io.locate import locate

        lines = sweep_file_lines(file)
        raise ScenarioError([type(p)(p.message, p.field, locate(lines, undotted(p.field))
                                     if p.field else p.line) for p in exc.problems],
                            file) from None


def sweep(spec: SweepSpec | str | Path | Mapping[str, Any], client: Client | None = None, *,
          out: str | Path | None = None, scheduler: str | None = None,
          workers: int | None = None, processes: bool = True,
          progress: Progress | None = None) -> pd.DataFrame:
    """Run a sweep and return one row per variant: its index and seed, the parameters,
    then the headline figures (see ``forcegen.analysis.sweeps.evaluate.UNITS``).

    With ``out``, results stream into that Parquet file and a run interrupted earlier
    resumes where it stopped. Without ``client``, a Dask client on ``scheduler`` or on a
    ``LocalCluster`` of ``workers`` (``processes=False``: threads in this process).
    """
    prepared = prepare(spec)
    results = ResultsFile(Path(out), prepared.columns, prepared.metadata()) if out else None
    done = results.done() if results is not None else set()
    if len(done) == len(prepared.variants):  # nothing left: no cluster needed
        rows: list[dict[str, Any]] = []
        return _finish(prepared, results, rows, 0)
    if client is not None:
        return _run(prepared, client, results, done, progress)
    with dask_client(scheduler, workers=workers, processes=processes) as own:
        return _run(prepared, own, results, done, progress)


def _run(prepared: PreparedSweep, client: Client, results: ResultsFile | None,
         done: set[int], progress: Progress | None) -> pd.DataFrame:
    from distributed import KilledWorker

    executor = client.get_executor(pure=False)  # type: ignore[no-untyped-call]
    rows: list[dict[str, Any]] = []
    write = results.write if results is not None else rows.extend
    try:
        computed = run_sweep(prepared, executor, write, skip=done,
                             workers=worker_count(client), progress=progress)
    except (CancelledError, KilledWorker) as exc:
        kept = (f"the {len(results.done()):,} variants finished are kept in "
                f"{results.parts}; run the same sweep again to resume"
                if results is not None else "without a results file, nothing was kept")
        what = ("a worker died running variants" if isinstance(exc, KilledWorker)
                else "the cluster went away (its scheduler stopped answering)")
        raise ClusterUnavailable(f"sweep {prepared.spec.name!r}: {what}; {kept}") from None
    return _finish(prepared, results, rows, computed)


def _finish(prepared: PreparedSweep, results: ResultsFile | None, rows: list[dict[str, Any]],
            computed: int) -> pd.DataFrame:
    import pandas as pd

    from forcegen.io.results import read_results

    if results is None:
        frame = pd.DataFrame(rows, columns=list(prepared.columns))
        frame = frame.sort_values("variant", ignore_index=True)
    else:
        results.finish()
        frame, _ = read_results(results.out)
    frame.attrs.update(sweep=prepared.spec.name, computed=computed)
    return frame
