"""Capability coverage: required against pledged troops per capability, with and
without the backstop (a provider outside the force, such as the US)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from forcegen.model import Capability, Modality, Scenario


class CapabilityCoverage(BaseModel):
    capability: Capability
    label: str
    required: int = Field(description="troops")
    pledged: int = Field(description="troops: pledges not ruled out, at their largest")
    gap: int = Field(description="troops still missing from European pledges")
    filled_by_backstop: bool = Field(description="a backstop offers this capability")
    backstop_providers: list[str]
    gap_with_backstop: int = Field(description="troops missing if the backstop comes")
    requirement_source: str


class CoverageResult(BaseModel):
    lines: list[CapabilityCoverage]
    unallocated_troops: int = Field(
        description="troops pledged with no capability named (not counted in any line)"
    )
    backstop_fills_whole_line: bool

    @property
    def gaps_without_backstop(self) -> list[Capability]:
        return [c.capability for c in self.lines if c.gap > 0]

    @property
    def gaps_with_backstop(self) -> list[Capability]:
        return [c.capability for c in self.lines if c.gap_with_backstop > 0]


def capability_coverage(scn: Scenario, *, backstop_fills_whole_line: bool) -> CoverageResult:
    """Compare each requirement line with the troops pledged for that capability.

    A backstop that is not ruled out "fills" a gap in a capability it offers; with
    ``backstop_fills_whole_line`` (an assumption the scenario names) it closes the
    whole gap, otherwise it is reported but the gap stays.
    """
    live = [p for p in scn.pledges if p.modality is not Modality.RULED_OUT]
    providers: dict[Capability, list[str]] = {}
    for b in scn.backstops:
        if b.modality is Modality.RULED_OUT:
            continue
        for cap in b.capabilities:
            providers.setdefault(cap, []).append(b.provider)
    lines = []
    for req in scn.requirement.capabilities:
        pledged = sum(p.troops_high or 0 for p in live if p.capability is req.capability)
        gap = max(0, req.troops - pledged)
        who = providers.get(req.capability, [])
        filled = gap > 0 and bool(who)
        lines.append(CapabilityCoverage(
            capability=req.capability,
            label=req.capability.label,
            required=req.troops,
            pledged=pledged,
            gap=gap,
            filled_by_backstop=filled,
            backstop_providers=who,
            gap_with_backstop=0 if filled and backstop_fills_whole_line else gap,
            requirement_source=req.source,
        ))
    unallocated = sum(p.troops_high or 0 for p in live if p.capability is None)
    return CoverageResult(
        lines=lines,
        unallocated_troops=unallocated,
        backstop_fills_whole_line=backstop_fills_whole_line,
    )
