"""What a nation could send when it names no number: its fair share and its capacity.

The one place the risk engine reads a nation's capacity, so that a better measure (net
sustainable capacity) can replace the plan's sustainment figure here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcegen.analysis.plan.capacity import nation_capacity
from forcegen.analysis.plan.plan import PlanResult


@dataclass(frozen=True)
class NationCeiling:
    """The figures a prior for a pledge without a number rests on (troops)."""

    iso3: str
    fair_share_troops: int | None
    sustainable_troops: int | None

    @property
    def cap(self) -> int | None:
        """The prior's upper end: the fair share, capped by sustainable capacity."""
        known = [v for v in (self.fair_share_troops, self.sustainable_troops) if v is not None]
        return min(known) if known else None

    @property
    def basis(self) -> str:
        parts = []
        if self.fair_share_troops is not None:
            parts.append(f"fair share {self.fair_share_troops:,}")
        if self.sustainable_troops is not None:
            parts.append(f"sustainable capacity {self.sustainable_troops:,}")
        return ", ".join(parts) or "no fair-share or capacity figure"


def nation_ceilings(plan: PlanResult) -> dict[str, NationCeiling]:
    """Per contributor: fair-share troops (burden sharing) and the troops it can hold
    indefinitely through rotations (the net capacity chain, ``nation_capacity``; 0 for a
    nation without armed forces)."""
    codes = [n.iso3 for n in plan.sustainment.nations]
    capacity = nation_capacity(plan.scenario, codes)
    out: dict[str, NationCeiling] = {}
    for iso3 in codes:
        burden = next((b for b in plan.burden.nations if b.iso3 == iso3), None)
        cap = capacity.get(iso3)
        sustainable = None if cap is None else (cap.sustainable if cap.has_armed_forces else 0)
        out[iso3] = NationCeiling(
            iso3=iso3,
            fair_share_troops=burden.fair_share_troops if burden else None,
            sustainable_troops=sustainable,
        )
    return out
