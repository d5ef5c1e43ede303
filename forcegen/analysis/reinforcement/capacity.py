"""A nation's net deployable capacity: the ceiling no readiness tier may exceed.

The one place the reinforcement engine reads capacity: the plan's net capacity chain,
``forcegen.analysis.plan.capacity.nation_capacity(scn)``, field ``deployable`` (army, minus
conscripts where the data say so, minus standing commitments, x deployable share).
"""

from __future__ import annotations

from forcegen.analysis.plan.capacity import nation_capacity
from forcegen.model import Scenario

#: What the figures below rest on, shown with every result.
CAPACITY_BASIS = ("net deployable capacity = the plan's capacity chain (army, minus "
                  "conscripts where flagged, minus standing commitments, x deployable_share)")


def deployable_capacity(scn: Scenario, nations: list[str]) -> dict[str, int | None]:
    """Troops each nation can deploy at most; None where no figure allows a judgement."""
    caps = nation_capacity(scn, nations)
    return {iso3: caps[iso3].deployable if iso3 in caps else None for iso3 in nations}
