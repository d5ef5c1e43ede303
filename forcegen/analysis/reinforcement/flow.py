"""The reinforcement flow: a day-stepped, vectorised discrete-event model.

Each day ``d`` (0 = the order):

1. the troops whose tier is ready on day ``d`` join their nation's queue;
2. corridors dispatch in order, fastest first (transit days, then name): a corridor takes
   up to its daily throughput from the queues of the nations that may use it, nations in
   their fixed order. A slower corridor ``k`` leaves alone the troops that a faster open
   corridor ``j`` serving the same nations can still deliver no later, by leaving on the
   next ``T_k - T_j`` days: ``C_j * (T_k - T_j)`` troops for each such ``j``. So a unit
   takes a slow corridor only when waiting for a fast one would get it there later;
3. what a corridor takes on day ``d`` arrives on day ``d + transit_days``.

That is the discrete-event model a SimPy version would run (one event per corridor per
day), written as array operations so that many runs (a corridor-closure sweep) step
together: every array carries a leading run axis ``R``. Troop counts stay integers, so
two runs of the same inputs give the same answer, bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class FlowNetwork:
    """The compiled inputs: ``N`` nations, ``K`` corridors (dispatch order), days 0..H."""

    nations: tuple[str, ...]
    corridors: tuple[str, ...]
    ready: Ints  # (N, H+1) troops becoming ready on each day
    eligible: Bools  # (K, N) may nation n use corridor k
    throughput: Ints  # (K,) troops a day
    transit: Ints  # (K,) days
    horizon: int


@dataclass(frozen=True)
class FlowRun:
    """Troops per day for ``R`` runs."""

    arrivals: Ints  # (R, H+1) troops arriving on each day
    by_nation: Ints | None  # (R, N, H+1) arrivals per nation, when asked
    shipped: Ints | None  # (R, K, H+1) departures per corridor and day, when asked
    waiting: Ints | None  # (R, K, H+1) troops still waiting for each corridor after dispatch

    def in_theatre(self, initial: int = 0) -> Ints:
        """(R, H+1) troops in theatre at the end of each day."""
        return initial + np.cumsum(self.arrivals, axis=1)


def run_flow(net: FlowNetwork, open_: Bools | None = None, keep: Bools | None = None,
             *, detail: bool = False) -> FlowRun:
    """Step the flow. ``open_`` (R, K): corridors open in each run; ``keep`` (R, N):
    nations that send their tiers in each run. Both default to everything, one run."""
    n_nations, n_days = net.ready.shape
    n_corr = len(net.corridors)
    if open_ is None:
        open_ = np.ones((1, n_corr), dtype=bool)
    if keep is None:
        keep = np.ones((open_.shape[0], n_nations), dtype=bool)
    runs = open_.shape[0]
    cap = open_.astype(np.int64) * net.throughput[None, :]  # (R, K)
    queue = np.zeros((runs, n_nations), dtype=np.int64)
    arrivals = np.zeros((runs, n_days), dtype=np.int64)
    by_nation = np.zeros((runs, n_nations, n_days), dtype=np.int64) if detail else None
    shipped = np.zeros((runs, n_corr, n_days), dtype=np.int64) if detail else None
    waiting = np.zeros((runs, n_corr, n_days), dtype=np.int64) if detail else None
    kept = keep.astype(np.int64)
    eligible = net.eligible.astype(np.int64)
    reserve = cap @ _lead(net).T  # (R, K) troops faster corridors can still deliver in time
    transit = [int(t) for t in net.transit]
    rows = [eligible[k] for k in range(n_corr)]
    for day in range(n_days):
        queue += net.ready[None, :, day] * kept
        if not queue.any():  # nothing waiting anywhere: no corridor moves today
            continue
        for k in range(n_corr):
            avail = queue * rows[k]
            total = avail.sum(axis=1)
            room = np.minimum(np.maximum(total - reserve[:, k], 0), cap[:, k])
            if (room >= total).all():  # room for every eligible troop: take them all
                take, sent = avail, total
            elif not room.any():
                continue
            else:
                before = np.cumsum(avail, axis=1) - avail
                take = np.minimum(np.maximum(room[:, None] - before, 0), avail)
                sent = room
            queue -= take
            arrive = day + transit[k]
            if arrive < n_days:
                arrivals[:, arrive] += sent
                if by_nation is not None:
                    by_nation[:, :, arrive] += take
            if shipped is not None:
                shipped[:, k, day] = sent
        if waiting is not None:
            waiting[:, :, day] = queue @ eligible.T
    return FlowRun(arrivals=arrivals, by_nation=by_nation, shipped=shipped, waiting=waiting)


def _lead(net: FlowNetwork) -> Ints:
    """(K, K): ``lead[k, j] = T_k - T_j`` days when corridor ``j`` is faster than ``k`` and
    serves every nation ``k`` serves, else 0."""
    t = net.transit
    covers = (net.eligible[None, :, :] >= net.eligible[:, None, :]).all(axis=2)  # [k, j]
    lead: Ints = (np.clip(t[:, None] - t[None, :], 0, None) * covers).astype(np.int64)
    return lead


def first_day(in_theatre: Ints, troops: int) -> int | None:
    """The first day a 1-D series reaches ``troops``; None when it never does."""
    hits = np.flatnonzero(in_theatre >= troops)
    return int(hits[0]) if hits.size else None
