"""What the force must be: size, composition, posture, timing."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.bounds import MAX_KM, MAX_TROOPS, Date, Months, Text, Troops
from forcegen.model.capability import Capability
from forcegen.model.nation import ISO3
from forcegen.model.pledge import Condition, Source


class CapabilityRequirement(BaseModel):
    """One line of the force's composition, in troops."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    capability: Capability
    troops: Troops = Field(description="troops required in theatre")
    enablers: int = Field(
        default=0, ge=0, le=MAX_TROOPS, strict=True,
        description="troops of enablers the line also needs, which a provider may supply "
        "from outside the theatre (a backstop can fill these, never the in-theatre troops)")
    source: Text = Field(
        min_length=1, description="a citation, or text starting with 'assumption'"
    )

    @property
    def is_assumption(self) -> bool:
        return self.source.strip().lower().startswith("assumption")


class ForceRequirement(BaseModel):
    """The force the coalition wants to field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_troops: Troops = Field(gt=0)
    max_troops: Troops = Field(gt=0)
    posture: Text = ""
    standoff_km: float | None = Field(default=None, ge=0, le=MAX_KM, allow_inf_nan=False)
    deployment_areas: tuple[Text, ...] = ()
    start: Date | None = None
    end: Date | None = None
    duration_months: Months | None = None
    tour_months: Months | None = None
    reinforceable: bool = False
    reinforcement_intent: Text = ""
    lead_nation: ISO3 | None = None
    capabilities: tuple[CapabilityRequirement, ...] = ()
    conditions: tuple[Condition, ...] = ()
    sources: tuple[Source, ...] = ()
    interpretation: Text = Field(
        default="", exclude_if=lambda v: v == "",
        description="where the record reads more than its source says, and why")

    @model_validator(mode="after")
    def _consistent(self) -> ForceRequirement:
        if self.min_troops > self.max_troops:
            raise ValueError(
                f"min_troops ({self.min_troops}) is above max_troops ({self.max_troops})"
            )
        if self.start and self.end and self.end <= self.start:
            raise ValueError(
                f"dates out of order: end ({self.end}) is not after start ({self.start})"
            )
        seen: set[Capability] = set()
        for line in self.capabilities:
            if line.capability in seen:
                raise ValueError(f"capability {line.capability.value!r} is listed twice")
            seen.add(line.capability)
        return self
