"""Force generation: troops by modality against the target band.

"Certain" counts only the stated minimum of committed pledges; "possible" counts the
largest number every pledge that is not ruled out allows. Pledges without a number
add nothing to either and are listed as unquantified: forcegen never guesses them.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from forcegen.model import Modality, Scenario


class ModalityTotal(BaseModel):
    modality: Modality
    troops: int = Field(description="troops: sum of the largest stated figure of each pledge")
    troops_min: int = Field(description="troops: sum of the stated minimum of each pledge")
    pledges: int
    unquantified: list[str] = Field(description="nations whose pledges here give no number")


class GenerationStatus(BaseModel):
    """Where the force stands against its band, in troops."""

    target_min: int
    target_max: int
    by_modality: list[ModalityTotal]
    certain: int = Field(description="troops: committed pledges' stated minimum")
    max_possible: int = Field(description="troops: every pledge not ruled out, at its largest")
    shortfall_certain: int = Field(description="troops below target_min counting only certain")
    shortfall_possible: int = Field(description="troops below target_min even if all hold")
    unquantified: list[str] = Field(description="nations in the force with no troop number")

    def total(self, modality: Modality) -> int:
        return next(t.troops for t in self.by_modality if t.modality is modality)


def generation_status(scn: Scenario) -> GenerationStatus:
    """Sum the scenario's troop pledges by modality and compare them with the band."""
    totals: list[ModalityTotal] = []
    quantified_nations = {p.nation for p in scn.pledges if p.troops_high is not None}
    no_forces = set(scn.without_armed_forces)  # no troop contributors: never "unquantified"
    for modality in Modality:
        ps = [p for p in scn.pledges if p.modality is modality]
        unq = sorted({p.nation for p in ps if p.troops_high is None}
                     - quantified_nations - no_forces)
        totals.append(ModalityTotal(
            modality=modality,
            troops=sum(p.troops_high or 0 for p in ps),
            troops_min=sum(p.troops_low for p in ps),
            pledges=len(ps),
            unquantified=unq if modality is not Modality.RULED_OUT else [],
        ))
    certain = sum(p.troops_low for p in scn.pledges if p.modality is Modality.COMMITTED)
    possible = sum(
        p.troops_high or 0 for p in scn.pledges if p.modality is not Modality.RULED_OUT
    )
    req = scn.requirement
    unquantified = [n for n in scn.troop_contributors if n not in quantified_nations]
    return GenerationStatus(
        target_min=req.min_troops,
        target_max=req.max_troops,
        by_modality=totals,
        certain=certain,
        max_possible=possible,
        shortfall_certain=max(0, req.min_troops - certain),
        shortfall_possible=max(0, req.min_troops - possible),
        unquantified=unquantified,
    )
