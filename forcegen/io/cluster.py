"""The Dask cluster a sweep runs on: a ``LocalCluster`` here, or an existing scheduler.

Both give a ``distributed.Client``; the sweep uses it only through
``client.get_executor()``, so the same code path runs either way.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from forcegen.errors import ClusterUnavailable, UsageError

if TYPE_CHECKING:
    from distributed import Client

#: Seconds to wait for a scheduler to answer before giving up.
CONNECT_TIMEOUT = 8.0


def _need_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError("sweeps run on Dask: install forcegen with the [dask] extra "
                         "(pip install 'forcegen[dask]')") from None


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, *, workers: int | None = None,
                processes: bool = True, timeout: float | None = None) -> Iterator[Client]:
    """A client on ``scheduler`` (an address such as ``tcp://host:8786``), or on a new
    ``LocalCluster`` of ``workers`` single-threaded workers (default: one per core;
    ``processes=False``: threads of this process, no start-up cost but one GIL)."""
    _need_dask()
    from distributed import Client, LocalCluster

    if workers is not None and workers <= 0:
        raise UsageError(f"--workers must be positive, got {workers}")
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    if scheduler is not None:
        if workers is not None:
            raise UsageError("--workers sizes a local cluster; with --scheduler the "
                             "cluster has its own workers")
        try:
            client = Client(scheduler, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterUnavailable(f"the Dask scheduler at {scheduler} did not answer "
                                     f"within {timeout:.0f} s ({exc})") from None
        try:
            yield client
        finally:
            client.close()  # type: ignore[no-untyped-call]
        return
    n = workers or os.cpu_count() or 1
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=":0",
        silence_logs=logging.ERROR)
    with cluster, Client(cluster, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        yield client


def worker_count(client: Client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))
