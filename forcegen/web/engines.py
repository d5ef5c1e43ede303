"""The engines the dashboard serves beside the plan: risk, the sourcing plan and each
nation's proposal, and the what-if that changes pledges or conditions in a scratch copy.

They run on the ledger's current scenario, as the plan does (``Analyses.scenario``), and
are cached under the ledger's fingerprint and their parameters (``Analyses.cached``): a
write anywhere changes the fingerprint, so a cached result is never stale. Each result is
the document the CLI's ``--json`` prints for the same scenario and parameters
(``forcegen risk --json``, ``forcegen source --json``, ``forcegen propose N --format json``).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from forcegen.errors import NotFound, UsageError
from forcegen.web.service import Analyses, apply_changes
from forcegen.web.whatif import apply_conditions

if TYPE_CHECKING:
    from forcegen.analysis.sourcing.result import SourcingResult

#: ``forcegen risk``'s default number of draws (the API's and the pages' default too).
DEFAULT_DRAWS = 100_000
#: The most draws one web request may ask for (about 1.2 s of one core for paris-2025;
#: the CLI allows more, a shared server should not).
MAX_DRAWS = 200_000
MAX_SEED = 2**32 - 1
#: The longest a web request may let the sourcing solver run, in seconds.
MAX_TIME_LIMIT = 60.0
#: Draws of the risk comparison a what-if on conditions shows when none are asked for.
WHAT_IF_DRAWS = 20_000
MODES = ("pledges", "capacity")
#: Locks that make one computation of a key at a time (a key's hash picks its lock;
#: re-entrant, as a proposal's run asks for the capacity plan's).
STRIPES = 16


def check_risk_params(draws: object, seed: object) -> tuple[int, int]:
    """``draws`` and ``seed`` within the web's bounds, else UsageError naming the field."""
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_DRAWS:
        raise UsageError(f"draws: must be a whole number from 1 to {MAX_DRAWS:,}, "
                         f"got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise UsageError(f"seed: must be a whole number from 0 to {MAX_SEED}, got {seed!r}")
    return draws, seed


def check_source_params(mode: str, time_limit: float | None) -> None:
    if mode not in MODES:
        raise UsageError(f"mode: must be pledges or capacity, got {mode!r}")
    if time_limit is not None and not (0 < time_limit <= MAX_TIME_LIMIT
                                       and math.isfinite(time_limit)):
        raise UsageError(f"time_limit: must be more than 0 and at most {MAX_TIME_LIMIT:g} "
                         f"seconds, got {time_limit!r}")


class Engines:
    """Risk, sourcing, proposals and the what-if, on the scenario ``analyses`` serves."""

    def __init__(self, analyses: Analyses) -> None:
        self.analyses = analyses
        self._locks = [threading.RLock() for _ in range(STRIPES)]

    def _once(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """The cached result of ``key``; computed by one thread at a time, so that the
        requests arriving meanwhile (say, every overview after a write) wait for that one
        run and read it from the cache instead of each running it again."""
        with self._locks[hash(key) % len(self._locks)]:
            return self.analyses.cached(key, compute)

    def risk(self, draws: int = DEFAULT_DRAWS, seed: int = 0,
             source_grade: bool = False) -> dict[str, Any]:
        """``forcegen risk --json --draws D --seed S`` of the ledger's scenario."""
        draws, seed = check_risk_params(draws, seed)
        doc: dict[str, Any] = self._once(
            ("risk", draws, seed, source_grade),
            lambda: self.analyses.scenario().risk(
                draws=draws, seed=seed, source_grade=source_grade).to_dict())
        return doc

    def source(self, mode: str = "pledges", time_limit: float | None = None
               ) -> dict[str, Any]:
        """``forcegen source --json --mode M [--time-limit T]`` of the ledger's scenario."""
        check_source_params(mode, time_limit)
        doc: dict[str, Any] = self._once(
            ("source", mode, time_limit),
            lambda: self.analyses.scenario().sourcing.optimize(
                mode=mode, time_limit=time_limit).to_dict())
        return doc

    def _capacity_plan(self, time_limit: float | None) -> SourcingResult:
        """The plan proposals are drawn from: capacity mode, no caveat prices (as
        ``forcegen propose`` solves it)."""
        result: SourcingResult = self._once(
            ("capacity-plan", time_limit),
            lambda: self.analyses.scenario().sourcing.optimize(
                mode="capacity", time_limit=time_limit, prices=False))
        return result

    def proposal(self, nation: str, time_limit: float | None = None) -> dict[str, Any]:
        """``forcegen propose NATION --format json`` of the ledger's scenario."""
        from forcegen.analysis.sourcing.proposal import proposal_for

        check_source_params("capacity", time_limit)
        iso3 = nation.upper()
        scn = self.analyses.scenario()
        if iso3 not in scn.nations:
            raise NotFound(f"nation: {nation!r} is not a nation of scenario {scn.name!r}")
        doc: dict[str, Any] = self._once(
            ("proposal", iso3, time_limit),
            lambda: proposal_for(scn, self._capacity_plan(time_limit), iso3).to_dict())
        return doc

    def what_if(self, changes: list[dict[str, Any]], conditions: list[dict[str, Any]],
                backstops: list[dict[str, Any]], risk: tuple[int, int] | None = None,
                ) -> dict[str, Any]:
        """The plan (and, with ``risk`` = (draws, seed) or any condition changed, the risk)
        of a scratch copy with some pledges, conditions or backstops changed, beside the
        recorded ones. Nothing is written."""
        if not (changes or conditions or backstops):
            raise UsageError("changes: give at least one pledge change, condition or "
                             "backstop to change")
        if risk is None and conditions:
            risk = (WHAT_IF_DRAWS, 0)
        scn = self.analyses.scenario()
        changed = apply_changes(scn, changes) if changes else scn
        changed, assumed = apply_conditions(changed, conditions, backstops)
        doc: dict[str, Any] = {"recorded": self.analyses.plan(),
                               "what_if": changed.plan().to_dict(), "assumed": assumed}
        if risk is not None:
            draws, seed = check_risk_params(*risk)
            doc["risk"] = {"draws": draws, "seed": seed,
                           "recorded": self.risk(draws, seed),
                           "what_if": changed.risk(draws=draws, seed=seed).to_dict()}
        return doc
