"""Each nation's net sustainable capacity per period and its fair share: the one place
the sourcing plan reads them, so that the source can change without touching the rest.

Capacity comes from the capacity chain (``analysis/plan/capacity.py``: army, minus
conscripts and standing commitments, x deployable share, / rotation ratio), the troops a
nation can hold indefinitely through rotations; the fair share from burden sharing
(``analysis/plan/burden.py``) on the scenario's basis and weights. Both are the figures
``scn.plan()`` reports, computed without running the rest of the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcegen.analysis.plan.burden import burden_sharing, fair_share_basis, weights_from
from forcegen.analysis.plan.capacity import NationCapacity, nation_capacity
from forcegen.analysis.plan.inputs import check_plan_inputs
from forcegen.errors import ScenarioError
from forcegen.model import Scenario


@dataclass(frozen=True)
class NationBasis:
    """What the plan says about one nation, for sourcing."""

    iso3: str
    capacity: int | None  # troops it can hold per period, through rotations; None: no data
    capacity_basis: str  # how the capacity was found, with its source
    fair_share: float | None  # share of the coalition's effort; None: no data
    fair_share_troops: int | None


def _chain_text(cap: NationCapacity) -> str:
    """The capacity chain in one line: each step, its value and its source."""
    if cap.sustainable is None:
        return f"no data: {cap.missing}"
    if not cap.has_armed_forces:
        return cap.missing
    return "; ".join(f"{s.step} -> {'-' if s.value is None else f'{s.value:,}'}"
                     + ("" if s.source == "computed" else f" ({s.source})")
                     for s in cap.steps)


def nation_basis(scn: Scenario) -> dict[str, NationBasis]:
    """Capacity and fair share of every nation with a pledge, keyed by ISO3 code. The
    plan's input checks come first (a bad scenario is refused as ``forcegen plan`` would)."""
    problems = check_plan_inputs(scn)
    if problems:
        raise ScenarioError(problems)
    pledged = list(dict.fromkeys(p.nation for p in scn.pledges))
    caps = nation_capacity(scn, pledged)
    burden = burden_sharing(scn, weights=weights_from(scn), basis=fair_share_basis(scn))
    shares = {b.iso3: b for b in burden.nations}
    out: dict[str, NationBasis] = {}
    for iso3 in pledged:
        cap = caps.get(iso3)
        fair = shares.get(iso3)
        out[iso3] = NationBasis(
            iso3=iso3,
            capacity=cap.sustainable if cap is not None else None,
            capacity_basis=_chain_text(cap) if cap is not None else "no reference data",
            fair_share=fair.fair_share if fair else None,
            fair_share_troops=fair.fair_share_troops if fair else None,
        )
    return out
