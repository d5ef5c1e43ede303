"""Laws of the reinforcement flow (``forcegen.analysis.reinforcement.flow``).

1. It gives the same answers as a discrete-event model written with SimPy, unit batch by
   unit batch, from the rule in the flow's docstring (random small networks).
2. A batched run (many closures and withholdings at once) equals each run alone.
3. Troops are conserved: what arrives never exceeds what was ready, and with wide enough
   corridors and a long enough horizon everything that was ready arrives.
4. The same inputs give the same output (no randomness, no global state).
"""

from __future__ import annotations

import numpy as np
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis.reinforcement.flow import FlowNetwork, run_flow

HORIZON = 40


def simpy_arrivals(net: FlowNetwork, open_: list[bool], keep: list[bool]) -> np.ndarray:
    """(N, H+1) arrivals per nation and day, by a SimPy event model of the same rule:
    tiers join their nation's queue at the start of their day; at mid-day corridors
    dispatch fastest first, a slower corridor leaving alone what faster ones serving the
    same nations can still deliver no later; a batch lands ``transit`` days later."""
    n_nations, n_days = net.ready.shape
    env = simpy.Environment()
    queue = [0] * n_nations
    out = np.zeros((n_nations, n_days), dtype=np.int64)
    order = list(range(len(net.corridors)))  # already fastest first

    def serves(k: int) -> set[int]:
        return {n for n in range(n_nations) if net.eligible[k, n]}

    def release(n: int, day: int, troops: int):  # type: ignore[no-untyped-def]
        yield env.timeout(day)
        queue[n] += troops

    def land(n: int, troops: int, transit: int):  # type: ignore[no-untyped-def]
        yield env.timeout(transit)
        day = int(env.now)  # dispatch at d + 0.5 lands at d + transit + 0.5
        if day < n_days:
            out[n, day] += troops

    def dispatcher():  # type: ignore[no-untyped-def]
        yield env.timeout(0.5)
        while env.now < n_days:
            for k in order:
                cap = int(net.throughput[k]) if open_[k] else 0
                reserve = sum(
                    (int(net.throughput[j]) if open_[j] else 0)
                    * (int(net.transit[k]) - int(net.transit[j]))
                    for j in order if net.transit[j] < net.transit[k]
                    and serves(j) >= serves(k))
                waiting = sum(queue[n] for n in serves(k))
                room = min(cap, max(0, waiting - reserve))
                for n in range(n_nations):
                    if room == 0:
                        break
                    if n in serves(k) and queue[n]:
                        take = min(room, queue[n])
                        queue[n] -= take
                        room -= take
                        env.process(land(n, take, int(net.transit[k])))
            yield env.timeout(1)

    for n in range(n_nations):
        for day in range(n_days):
            if keep[n] and net.ready[n, day]:
                env.process(release(n, day, int(net.ready[n, day])))
    env.process(dispatcher())
    env.run(until=n_days + 0.25)
    return out


@st.composite
def networks(draw: st.DrawFn) -> tuple[FlowNetwork, list[bool], list[bool]]:
    n = draw(st.integers(1, 4))
    k = draw(st.integers(1, 4))
    ready = np.zeros((n, HORIZON + 1), dtype=np.int64)
    for i in range(n):
        for _ in range(draw(st.integers(0, 3))):
            ready[i, draw(st.integers(0, HORIZON))] += draw(st.integers(0, 400))
    transit = sorted(draw(st.lists(st.integers(0, 12), min_size=k, max_size=k)))
    eligible = np.array([[draw(st.booleans()) or j == 0 for i in range(n)]
                         for j in range(k)], dtype=bool)
    net = FlowNetwork(
        nations=tuple(f"N{i}" for i in range(n)),
        corridors=tuple(f"c{j}" for j in range(k)), ready=ready, eligible=eligible,
        throughput=np.array(draw(st.lists(st.integers(0, 150), min_size=k, max_size=k)),
                            dtype=np.int64),
        transit=np.array(transit, dtype=np.int64), horizon=HORIZON)
    open_ = draw(st.lists(st.booleans(), min_size=k, max_size=k))
    keep = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return net, open_, keep


@settings(max_examples=60, deadline=None)
@given(networks())
def test_same_answers_as_the_simpy_model(case: tuple[FlowNetwork, list[bool], list[bool]]
                                         ) -> None:
    net, open_, keep = case
    run = run_flow(net, np.array([open_]), np.array([keep]), detail=True)
    assert run.by_nation is not None
    np.testing.assert_array_equal(run.by_nation[0], simpy_arrivals(net, open_, keep))
    np.testing.assert_array_equal(run.arrivals[0], run.by_nation[0].sum(axis=0))


@settings(max_examples=40, deadline=None)
@given(networks(), st.data())
def test_batched_runs_equal_single_runs(case: tuple[FlowNetwork, list[bool], list[bool]],
                                        data: st.DataObject) -> None:
    net, _, _ = case
    rows = data.draw(st.integers(1, 5))
    k, n = len(net.corridors), len(net.nations)
    opens = np.array(data.draw(st.lists(st.lists(st.booleans(), min_size=k, max_size=k),
                                        min_size=rows, max_size=rows)), dtype=bool)
    keeps = np.array(data.draw(st.lists(st.lists(st.booleans(), min_size=n, max_size=n),
                                        min_size=rows, max_size=rows)), dtype=bool)
    batched = run_flow(net, opens, keeps).arrivals
    for r in range(rows):
        np.testing.assert_array_equal(batched[r], run_flow(net, opens[r:r + 1],
                                                           keeps[r:r + 1]).arrivals[0])


@settings(max_examples=40, deadline=None)
@given(networks())
def test_troops_are_conserved(case: tuple[FlowNetwork, list[bool], list[bool]]) -> None:
    net, open_, keep = case
    run = run_flow(net, np.array([open_]), np.array([keep]))
    ready = int((net.ready * np.array(keep)[:, None]).sum())
    assert int(run.arrivals.sum()) <= ready
    # wide open: one corridor for all, room for everything, nothing in transit
    wide = FlowNetwork(nations=net.nations, corridors=("all",), ready=net.ready,
                       eligible=np.ones((1, len(net.nations)), dtype=bool),
                       throughput=np.array([10**9]), transit=np.array([0]),
                       horizon=net.horizon)
    assert int(run_flow(wide).arrivals.sum()) == int(net.ready.sum())
    assert np.array_equal(run_flow(net, np.array([open_]), np.array([keep])).arrivals,
                          run.arrivals)
