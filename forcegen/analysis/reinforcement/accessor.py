"""``scn.reinforcement``: the reinforcement engine as an accessor on the Scenario."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from forcegen.analysis.reinforcement.result import ReinforcementResult
from forcegen.analysis.reinforcement.sweep import SweepResult
from forcegen.model import Scenario


class ReinforcementAccessor:
    """``scn.reinforcement.simulate(close=["rail-przemysl"], withhold=["FRA"])``."""

    def __init__(self, scn: Scenario) -> None:
        self._scn = scn

    def simulate(self, *, close: Iterable[str] = (), withhold: Iterable[str] = (),
                 horizon: int | None = None, thresholds: dict[str, int] | None = None,
                 sweep: bool = True) -> ReinforcementResult:
        from forcegen.analysis.reinforcement.simulate import simulate

        return simulate(self._scn, close=close, withhold=withhold, horizon=horizon,
                        thresholds=thresholds, sweep=sweep)

    def sweep(self, closures: Sequence[Sequence[str]],
              withholdings: Sequence[Sequence[str]] | None = None, *,
              horizon: int | None = None) -> SweepResult:
        """Many closures (and withholdings) in one batched run."""
        from forcegen.analysis.reinforcement.sweep import sweep

        return sweep(self._scn, closures, withholdings, horizon=horizon)
