"""Capability coverage: required against pledged troops per capability, with and
without the backstop (a provider outside the force, such as the US).

Each requirement line has troops required in theatre and enablers (troops a provider may
supply from outside the theatre). Pledges fill the in-theatre troops first, then the
enablers. A backstop provides enablers only, never in-theatre troops, and counts only at
the firmness the user chooses (default: offered or firmer)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from forcegen.model import Capability, Modality, Scenario


class CapabilityCoverage(BaseModel):
    capability: Capability
    label: str
    required: int = Field(description="troops: in theatre plus enablers")
    in_theatre: int = Field(description="troops required in theatre")
    enablers: int = Field(description="troops of enablers, which a backstop may provide")
    pledged: int = Field(description="troops: pledges not ruled out, at their largest")
    gap: int = Field(description="troops still missing from European pledges")
    gap_in_theatre: int = Field(description="in-theatre troops missing (no backstop fills them)")
    gap_enablers: int = Field(description="enabler troops missing from European pledges")
    filled_by_backstop: bool = Field(
        description="a backstop firm enough offers this capability's missing enablers")
    backstop_providers: list[str] = Field(description="backstops offering it, any firmness")
    backstop_counted: list[str] = Field(description="backstops firm enough to count")
    gap_with_backstop: int = Field(description="troops missing if the backstop comes")
    requirement_source: str


class CoverageResult(BaseModel):
    lines: list[CapabilityCoverage]
    unallocated_troops: int = Field(
        description="troops pledged with no capability named (not counted in any line)"
    )
    backstop_fills_whole_line: bool
    backstop_min_modality: Modality

    @property
    def gaps_without_backstop(self) -> list[Capability]:
        return [c.capability for c in self.lines if c.gap > 0]

    @property
    def gaps_with_backstop(self) -> list[Capability]:
        return [c.capability for c in self.lines if c.gap_with_backstop > 0]


def capability_coverage(scn: Scenario, *, backstop_fills_whole_line: bool = True,
                        backstop_min_modality: Modality = Modality.OFFERED) -> CoverageResult:
    """Compare each requirement line with the troops pledged for that capability.

    A backstop at ``backstop_min_modality`` or firmer "fills" the missing enablers of a
    capability it offers; with ``backstop_fills_whole_line`` it closes that whole enabler
    gap, otherwise it is reported but the gap stays. It never fills in-theatre troops.
    """
    live = [p for p in scn.pledges if p.modality is not Modality.RULED_OUT]
    providers: dict[Capability, list[str]] = {}
    counted: dict[Capability, list[str]] = {}
    for b in scn.backstops:
        if b.modality is Modality.RULED_OUT:
            continue
        for cap in b.capabilities:
            providers.setdefault(cap, []).append(b.provider)
            if b.modality.rank <= backstop_min_modality.rank:
                counted.setdefault(cap, []).append(b.provider)
    lines = []
    for req in scn.requirement.capabilities:
        pledged = sum(p.troops_high or 0 for p in live if p.capability is req.capability)
        gap_in = max(0, req.troops - pledged)
        gap_en = max(0, req.enablers - max(0, pledged - req.troops))
        who = counted.get(req.capability, [])
        filled = gap_en > 0 and bool(who)
        lines.append(CapabilityCoverage(
            capability=req.capability,
            label=req.capability.label,
            required=req.troops + req.enablers,
            in_theatre=req.troops,
            enablers=req.enablers,
            pledged=pledged,
            gap=gap_in + gap_en,
            gap_in_theatre=gap_in,
            gap_enablers=gap_en,
            filled_by_backstop=filled,
            backstop_providers=providers.get(req.capability, []),
            backstop_counted=who,
            gap_with_backstop=gap_in + (0 if filled and backstop_fills_whole_line else gap_en),
            requirement_source=req.source,
        ))
    unallocated = sum(p.troops_high or 0 for p in live if p.capability is None)
    return CoverageResult(
        lines=lines,
        unallocated_troops=unallocated,
        backstop_fills_whole_line=backstop_fills_whole_line,
        backstop_min_modality=backstop_min_modality,
    )
