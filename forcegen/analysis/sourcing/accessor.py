"""``scn.sourcing``: the sourcing optimiser as an accessor on the scenario."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forcegen.analysis.sourcing.inputs import SourcingMode

if TYPE_CHECKING:
    from forcegen.analysis.sourcing.result import SourcingResult
    from forcegen.model import Scenario


class SourcingAccessor:
    """``scn.sourcing.optimize(mode="capacity")`` chains build → solve → explain."""

    def __init__(self, scn: Scenario) -> None:
        self._scn = scn

    def optimize(self, *, mode: SourcingMode | str = SourcingMode.PLEDGES,
                 time_limit: float | None = None, prices: bool = True) -> SourcingResult:
        from forcegen.analysis.sourcing.optimize import optimize

        return optimize(self._scn, mode=mode, time_limit=time_limit, prices=prices)
