"""``forcegen.web.engines``: a result is computed once per ledger state and parameters,
even when requests for it arrive together (they wait for the one run, then read it)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from fastapi import FastAPI

from forcegen.model import Scenario
from forcegen.web.engines import Engines


@pytest.fixture(scope="module")
def app(shared_app: FastAPI) -> FastAPI:
    """The engines' results are costly and these tests only read: one app per module."""
    return shared_app


def test_simultaneous_requests_run_the_engine_once(app: FastAPI,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[tuple[int, int]] = []
    real = Scenario.risk

    def slow_risk(self: Scenario, **kw: Any) -> Any:
        runs.append((kw["draws"], kw["seed"]))
        time.sleep(0.3)  # long enough for the other threads to arrive meanwhile
        return real(self, **kw)

    monkeypatch.setattr(Scenario, "risk", slow_risk)
    engines: Engines = app.state.engines
    docs: list[dict[str, Any]] = []
    threads = [threading.Thread(target=lambda: docs.append(engines.risk(1500, 11)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert runs == [(1500, 11)]
    assert len(docs) == 4 and all(d == docs[0] for d in docs)
    engines.risk(1500, 12)  # other parameters: a run of their own
    assert runs == [(1500, 11), (1500, 12)]


def test_a_proposal_may_ask_for_its_plan_under_the_same_lock(app: FastAPI) -> None:
    """A proposal's run asks for the capacity plan under another key; with every key on
    one lock (as two keys may be), the re-entrant lock lets it through."""
    engines = Engines(app.state.analyses)
    engines._locks = [threading.RLock()]
    done: list[dict[str, Any]] = []
    worker = threading.Thread(target=lambda: done.append(engines.proposal("FRA")),
                              daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the proposal waited for its own lock"
    assert done[0]["nation"] == "FRA"
    assert engines.proposal("fra") is done[0]  # from the cache
