"""A nation's net deployable capacity: the ceiling no readiness tier may exceed.

The one place the reinforcement engine reads capacity. Today it is the plan's sustainment
figure ``usable`` (land forces x deployable share); the lead may switch this function to
``forcegen.analysis.plan.capacity.nation_capacity(scn)`` (field ``deployable``) at merge.
"""

from __future__ import annotations

from forcegen.analysis.plan.sustainment import land_forces
from forcegen.model import Scenario

#: What the figures below rest on, shown with every result.
CAPACITY_BASIS = ("net deployable capacity = the plan's usable land forces "
                  "(land forces x deployable_share)")


def deployable_capacity(scn: Scenario, nations: list[str]) -> dict[str, int | None]:
    """Troops each nation can deploy at most; None where no figure allows a judgement."""
    sustainment = scn.plan().sustainment
    judged = {n.iso3: n for n in sustainment.nations}
    out: dict[str, int | None] = {}
    for iso3 in nations:
        ns = judged.get(iso3)
        if ns is not None and ns.usable is not None:
            out[iso3] = ns.usable
            continue
        # not judged by the plan (no live pledge): the same arithmetic on its land forces
        lf = land_forces(scn.nations.get(iso3), sustainment.land_share_of_active)
        out[iso3] = (None if lf.troops is None
                     else int(lf.troops * sustainment.deployable_share))
    return out
