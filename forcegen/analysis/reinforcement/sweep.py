"""Many what-ifs in one batched run: each row closes a set of corridors and holds back a
set of nations; the flow steps every row together (see ``flow.run_flow``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from forcegen.analysis.reinforcement.flow import first_day, run_flow
from forcegen.analysis.reinforcement.inputs import (
    build_network,
    check_closed,
    nation_tiers,
    reinforcing_nations,
)
from forcegen.analysis.reinforcement.result import KEY_DAYS
from forcegen.analysis.reinforcement.simulate import default_thresholds
from forcegen.errors import UsageError
from forcegen.model import Scenario

if TYPE_CHECKING:
    import pandas as pd


class SweepRow(BaseModel):
    closed: list[str]
    withheld: list[str]
    troops_by_day: dict[str, int]
    threshold_days: dict[str, int | None] = Field(description="None: never reached")


class SweepResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    scenario: str
    horizon_days: int
    thresholds: dict[str, int]
    rows: list[SweepRow]

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([{"closed": ",".join(r.closed), "withheld": ",".join(r.withheld),
                              **{f"day_{k}": v for k, v in r.troops_by_day.items()},
                              **{f"reached_{k}": v for k, v in r.threshold_days.items()}}
                             for r in self.rows])


def sweep(scn: Scenario, closures: Sequence[Sequence[str]],
          withholdings: Sequence[Sequence[str]] | None = None, *,
          horizon: int | None = None) -> SweepResult:
    """Row ``i`` closes ``closures[i]`` and holds back the nations ``withholdings[i]``."""
    horizon = horizon if horizon is not None else scn.reinforcement_settings.horizon_days
    withholdings = withholdings if withholdings is not None else [()] * len(closures)
    if len(withholdings) != len(closures):
        raise UsageError("sweep: give one set of withheld nations per set of closures")
    nations = reinforcing_nations(scn)
    tiers, _ = nation_tiers(scn, nations)
    net = build_network(scn, nations, tiers, horizon)
    opens = np.ones((len(closures), len(net.corridors)), dtype=bool)
    keeps = np.ones((len(closures), len(nations)), dtype=bool)
    for r, (closed, held) in enumerate(zip(closures, withholdings, strict=True)):
        for name in check_closed(scn, closed):
            opens[r, net.corridors.index(name)] = False
        for code in held:
            if code not in nations:
                raise UsageError(f"sweep: {code!r} does not reinforce in {scn.name!r}")
            keeps[r, nations.index(code)] = False
    series = run_flow(net, opens, keeps).in_theatre(scn.reinforcement_settings.initial_troops)
    wanted = default_thresholds(scn)
    rows = [SweepRow(closed=list(closures[r]), withheld=list(withholdings[r]),
                     troops_by_day={str(d): int(series[r, min(d, horizon)]) for d in KEY_DAYS},
                     threshold_days={k: first_day(series[r], v) for k, v in wanted.items()})
            for r in range(len(closures))]
    return SweepResult(scenario=scn.name, horizon_days=horizon, thresholds=wanted, rows=rows)
