"""Running a sweep on any ``concurrent.futures`` executor, batch by batch.

Dask's ``client.get_executor()`` is one (``forcegen.io.cluster`` opens the client: the
analyses import no Dask); a process pool is another. Each finished
batch goes at once to ``write`` (the Parquet parts, ``forcegen.io.results``), so an
interrupted sweep loses at most the batches in flight; variants in ``skip`` (already in
the results) are not computed again.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from typing import Any

from forcegen.analysis.sweeps.apply import apply_values, base_value
from forcegen.analysis.sweeps.design import Variant, variants
from forcegen.analysis.sweeps.evaluate import columns, evaluate_batch
from forcegen.analysis.sweeps.spec import SweepSpec
from forcegen.errors import Problem, ScenarioError, UsageError
from forcegen.model import Scenario

Row = dict[str, Any]
#: The most variants in one task (a batch is also the unit lost on interruption).
MAX_BATCH = 64
#: Tasks per worker the default batch size aims at: enough to balance the load.
TASKS_PER_WORKER = 8


@dataclass(frozen=True)
class PreparedSweep:
    """A sweep checked against its base scenario, with its variants drawn."""

    spec: SweepSpec
    base: Scenario
    variants: list[Variant] = field(repr=False)
    fingerprint: str

    @property
    def columns(self) -> dict[str, str]:
        return columns(self.spec)

    def metadata(self) -> dict[str, Any]:
        """What a results file records about its sweep (read back by ``sweep-report``)."""
        req = self.base.requirement
        return {"fingerprint": self.fingerprint, "name": self.spec.name,
                "scenario": self.base.name, "variants": len(self.variants),
                "band": {"min_troops": req.min_troops, "max_troops": req.max_troops},
                "parameters": [{"name": p.name, "base": base_value(self.base, p.name)}
                               for p in self.spec.parameters],
                "spec": self.spec.identity()}


def prepare_sweep(spec: SweepSpec, base: Scenario) -> PreparedSweep:
    """Check every parameter against ``base`` and draw the variants. A parameter the
    scenario does not have is refused here, before anything runs."""
    if spec.engines.source is not None:
        from forcegen.analysis.sourcing.inputs import sourcing_inputs

        try:
            sourcing_inputs(base, spec.engines.source.mode)
        except ScenarioError as exc:
            raise UsageError(f"engines.source: the scenario {base.name} cannot be sourced "
                             f"({exc})") from None
    problems: list[Problem] = []
    for i, p in enumerate(spec.parameters):
        for value in p.discrete or (_probe(p),):
            try:
                apply_values(base, {p.name: value})
            except ScenarioError as exc:
                problems.append(Problem(exc.problems[0].message if exc.problems[0].field
                                        == "parameters" else f"{p.name!r} = {value!r} makes "
                                        f"the scenario invalid: {exc}", f"parameters[{i}]"))
                break
    if problems:
        raise ScenarioError(problems)
    identity = {"spec": spec.identity(), "base": base.model_dump(mode="json")}
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
    return PreparedSweep(spec, base, variants(spec), digest[:16])


def _probe(p: Any) -> float:
    """A value inside a parameter's distribution, to check its path."""
    d = p.distribution
    if d.mean is not None:
        return float(d.mean)
    return float(d.mode if d.mode is not None else (d.low + d.high) / 2)


def batch_size(spec: SweepSpec, todo: int, workers: int) -> int:
    if spec.batch_size is not None:
        return spec.batch_size
    return max(1, min(MAX_BATCH, math.ceil(todo / (max(workers, 1) * TASKS_PER_WORKER))))


def batches(todo: list[tuple[int, Variant]], size: int) -> Iterator[list[tuple[int, Variant]]]:
    for start in range(0, len(todo), size):
        yield todo[start:start + size]


def run_sweep(prepared: PreparedSweep, executor: Executor, write: Callable[[list[Row]], None],
              *, skip: Iterable[int] = (), workers: int = 1,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Run the variants not in ``skip`` on ``executor``; hand each finished batch's rows
    to ``write``. Returns how many variants were computed. At most two batches per worker
    are in flight, so rows stream out as the run goes. A batch that fails (its worker or
    the cluster gone) raises its error once the batches finished beside it are written."""
    done = set(skip)
    todo = [(i, v) for i, v in enumerate(prepared.variants) if i not in done]
    total, finished = len(prepared.variants), len(prepared.variants) - len(todo)
    if progress:
        progress(finished, total)
    size = batch_size(prepared.spec, len(todo), workers)
    pending = batches(todo, size)
    running: set[Future[list[Row]]] = set()
    limit = 2 * max(workers, 1) + 1
    try:
        while True:
            for batch in pending:
                running.add(executor.submit(evaluate_batch, prepared.base, prepared.spec, batch))
                if len(running) >= limit:
                    break
            if not running:
                return len(todo)
            ready, running = wait(running, return_when=FIRST_COMPLETED)
            failed: Future[list[Row]] | None = None
            for fut in ready:  # write every finished batch before raising a failure
                if fut.cancelled() or fut.exception() is not None:
                    failed = failed or fut
                    continue
                rows = fut.result()
                write(rows)
                finished += len(rows)
            if progress:
                progress(finished, total)
            if failed is not None:
                failed.result()  # raises its error (or CancelledError)
    finally:
        for fut in running:
            fut.cancel()
