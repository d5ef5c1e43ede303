"""The analyses the app serves, on the scenario the ledger holds, cached under the
ledger's fingerprint (``Ledger.stamp``): a write anywhere (this app or the CLI) changes the
fingerprint, so a cached result is never stale.

Every result is the same ``to_dict()`` document the CLI's ``--json`` prints.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from forcegen.errors import NotFound, Problem, ScenarioError
from forcegen.model import Pledge, Scenario, Source
from forcegen.store import Ledger, pledge_key

CACHE_SIZE = 64
#: seconds the ledger's fingerprint is trusted before it is read again: this app's own
#: writes invalidate it at once, another process's writes show within this time
STAMP_TTL = 1.0


class Analyses:
    """Plan, timeline, reinforcement, incident and what-if on one ledger scenario."""

    def __init__(self, ledger: Ledger, scenario: str) -> None:
        self.ledger = ledger
        self.name = scenario
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._stamp: tuple[Any, ...] | None = None
        self._stamp_at = 0.0
        self._refreshing = False

    def stamp(self) -> tuple[Any, ...]:
        """The ledger's fingerprint, re-read at most every STAMP_TTL seconds, by one
        thread at a time (the others go on with the one they have meanwhile)."""
        now = time.monotonic()
        with self._lock:
            if self._stamp is not None and (now - self._stamp_at < STAMP_TTL
                                            or self._refreshing):
                return self._stamp
            self._refreshing = True
        try:
            value = self.ledger.stamp()
        finally:
            with self._lock:
                self._refreshing = False
        with self._lock:
            self._stamp, self._stamp_at = value, now
        return value

    def invalidate(self) -> None:
        """After a write through this app: read the fingerprint again."""
        with self._lock:
            self._stamp = None

    def peek(self, *key: Any) -> Any:
        """A cached result if it is current (no database access), else None."""
        with self._lock:
            if self._stamp is None or (time.monotonic() - self._stamp_at >= STAMP_TTL
                                       and not self._refreshing):
                return None
            return self._cache.get((self._stamp, *key))

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()`` once per ledger state and ``key`` (the engines' results use it)."""
        return self._cached(key, compute)

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        full = (self.stamp(), *key)
        with self._lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
        value = compute()
        with self._lock:
            self._cache[full] = value
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def scenario(self, as_of: dt.date | None = None) -> Scenario:
        scn: Scenario = self._cached(("scenario", as_of),
                                     lambda: self.ledger.scenario(self.name, as_of))
        return scn

    def plan(self, as_of: dt.date | None = None) -> dict[str, Any]:
        doc: dict[str, Any] = self._cached(("plan", as_of),
                                           lambda: self.scenario(as_of).plan().to_dict())
        return doc

    def overview_json(self) -> bytes:
        """The overview document, serialised once per ledger state."""
        def compute() -> bytes:
            doc = self.plan()
            part = {k: doc[k] for k in ("scenario", "as_of", "headline", "target", "totals",
                                        "shortfall", "capabilities", "unallocated_troops")}
            return json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode()

        body: bytes = self._cached(("overview",), compute)
        return body

    def timeline(self) -> dict[str, Any]:
        def compute() -> dict[str, Any]:
            from forcegen.analysis.timeline import timeline

            name, states = self.ledger.states(self.name)
            return timeline(states, name).to_dict()

        doc: dict[str, Any] = self._cached(("timeline",), compute)
        return doc

    def reinforce(self, close: tuple[str, ...] = (), withhold: tuple[str, ...] = (),
                  horizon: int | None = None) -> dict[str, Any]:
        doc: dict[str, Any] = self._cached(
            ("reinforce", close, withhold, horizon),
            lambda: self.scenario().reinforcement.simulate(
                close=close, withhold=withhold, horizon=horizon).to_dict())
        return doc

    def incident(self, attacked: tuple[str, ...], design: str, target: str,
                 area: str | None, close: tuple[str, ...]) -> dict[str, Any]:
        doc: dict[str, Any] = self._cached(
            ("incident", attacked, design, target, area, close),
            lambda: self.scenario().incident(list(attacked), design=design, target=target,
                                             area=area, close=close).to_dict())
        return doc

    def what_if(self, changes: Iterable[dict[str, Any]]) -> dict[str, Any]:
        """The plan with some pledges changed in a scratch copy, beside the recorded plan.
        Nothing is written."""
        scn = self.scenario()
        changed = apply_changes(scn, list(changes))
        return {"recorded": self.plan(), "what_if": changed.plan().to_dict()}


def apply_changes(scn: Scenario, changes: list[dict[str, Any]]) -> Scenario:
    """A copy of ``scn`` with each change (nation, capability, slot, modality, troops)
    replacing or adding a pledge; ScenarioError naming ``changes[i].field`` if wrong."""
    keyed: dict[str, Pledge] = {}
    order: list[str] = []
    seen: dict[tuple[str, str | None], int] = {}
    for p in scn.pledges:
        cap = p.capability.value if p.capability else None
        slot = seen.get((p.nation, cap), 0) + 1
        seen[(p.nation, cap)] = slot
        key = pledge_key(p.nation, cap, slot)
        keyed[key] = p
        order.append(key)
    for i, change in enumerate(changes):
        nation = str(change["nation"]).upper()
        if nation not in scn.nations:
            raise NotFound(f"changes[{i}].nation: {nation!r} is not a nation of "
                           f"scenario {scn.name!r}")
        key = pledge_key(nation, change.get("capability"), change.get("slot", 1))
        old = keyed.get(key)
        data = old.model_dump() if old is not None else {
            "nation": nation, "capability": change.get("capability"),
            "sources": [Source(outlet="what-if (scratch copy)", date=scn.as_of).model_dump()]}
        data.update(modality=change["modality"], troops_min=change.get("troops_min"),
                    troops_max=change.get("troops_max"))
        try:
            keyed[key] = Pledge.model_validate(data)
        except ValueError as exc:
            raise ScenarioError([Problem(str(exc).splitlines()[-1].strip(),
                                         f"changes[{i}]")]) from None
        if old is None:
            order.append(key)
    doc = scn.model_dump()
    doc["pledges"] = [keyed[k].model_dump() for k in order]
    try:
        return Scenario.model_validate(doc)
    except ValueError as exc:
        raise ScenarioError([Problem(str(exc).splitlines()[-1].strip(), "changes")]) from None
