"""Mutual defence: an agreement's clauses and its parties' national caveats.

A clause binds its parties when one of them is attacked in a way its trigger names, in an
area it covers; how strongly is its obligation strength. A national caveat can exclude a
party from an area or a trigger, or make its answer depend on US backing.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from forcegen.model.bounds import MAX_NAME, Name, Text
from forcegen.model.nation import ISO3


class ObligationStrength(StrEnum):
    """How strongly a clause binds, strongest first."""

    AUTOMATIC_ASSISTANCE = "automatic_assistance"  # must assist, by all the means it has
    ACTION_DEEMED_NECESSARY = "action_deemed_necessary"  # acts, but chooses how (Art. 5)
    CONSULTATION = "consultation"  # must consult, nothing more

    @property
    def rank(self) -> int:
        """0 for the strongest."""
        return list(ObligationStrength).index(self)

    @property
    def obliges_action(self) -> bool:
        return self is not ObligationStrength.CONSULTATION


class Trigger(StrEnum):
    FORCES_IN_AREA = "forces_in_area"  # an armed attack on a party's forces in the area
    TERRITORY = "territory"  # an armed attack on a party's territory


class DefenceClause(BaseModel):
    """One obligation of a mutual-defence agreement."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=MAX_NAME, pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    parties: tuple[ISO3, ...] = Field(
        default=(), description="who is bound; empty: the agreement's parties")
    protects: tuple[ISO3, ...] = Field(
        default=(), description="whose attack triggers it; empty: the agreement's parties")
    triggers: tuple[Trigger, ...] = Field(default=(Trigger.FORCES_IN_AREA,), min_length=1)
    areas: tuple[Name, ...] = Field(default=(), description="areas covered; empty: every area")
    strength: ObligationStrength
    draft: bool = Field(default=False, description="in a draft, absent from the published text")
    text: Text = ""
    source: Text = Field(min_length=1, description="a citation, or text starting 'assumption'")

    @property
    def is_assumption(self) -> bool:
        return self.source.strip().lower().startswith("assumption")


class NationalCaveat(BaseModel):
    """A party's reservation on its obligations."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    party: ISO3
    excludes_areas: tuple[Name, ...] = ()
    excludes_triggers: tuple[Trigger, ...] = ()
    requires_us: bool = Field(default=False, description="its answer rests on US backing")
    detail: Text = ""
    source: Text = Field(min_length=1)
