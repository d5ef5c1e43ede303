"""Each nation's net sustainable capacity per period and its fair share: the one place
the sourcing plan reads them, so that the source can change without touching the rest.

Today both come from the plan: ``scn.plan().sustainment`` (troops a nation can hold
indefinitely through rotations) and ``scn.plan().burden`` (GDP- and population-weighted
share of the coalition).
"""

from __future__ import annotations

from dataclasses import dataclass

from forcegen.model import Scenario


@dataclass(frozen=True)
class NationBasis:
    """What the plan says about one nation, for sourcing."""

    iso3: str
    capacity: int | None  # troops it can hold per period, through rotations; None: no data
    capacity_basis: str  # how the capacity was found, with its source
    fair_share: float | None  # share of the coalition's effort; None: no data
    fair_share_troops: int | None


def nation_basis(scn: Scenario) -> dict[str, NationBasis]:
    """Capacity and fair share of every nation with a pledge, keyed by ISO3 code."""
    result = scn.plan()
    out: dict[str, NationBasis] = {}
    for ns in result.sustainment.nations:
        burden = next((b for b in result.burden.nations if b.iso3 == ns.iso3), None)
        basis = (f"{ns.land_forces.basis} x deployable share "
                 f"{result.sustainment.deployable_share:g} / rotation ratio "
                 f"{result.sustainment.rotation_ratio:g}"
                 + (f"; {ns.land_forces.source}" if ns.land_forces.source else ""))
        out[ns.iso3] = NationBasis(
            iso3=ns.iso3,
            capacity=ns.sustainable_troops,
            capacity_basis=basis if ns.sustainable_troops is not None else "no data",
            fair_share=burden.fair_share if burden else None,
            fair_share_troops=burden.fair_share_troops if burden else None,
        )
    return out
