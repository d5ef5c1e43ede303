"""Planning facts a scenario adds to the reference data: standing commitments that tie up a
nation's land forces, per-nation rotation overrides, and context notes from the sources."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from forcegen.model.bounds import MAX_NAME, Text
from forcegen.model.nation import ISO3
from forcegen.model.pledge import Source


class StandingCommitment(BaseModel):
    """Troops a nation already keeps on a standing task (eFP, domestic operations, ...),
    deducted from its land forces before its deployable share is taken."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nation: ISO3
    name: str = Field(min_length=1, max_length=MAX_NAME)
    troops: int = Field(ge=0, strict=True)
    year: int | None = Field(default=None, ge=1900, le=2100)
    source: Text = Field(min_length=1, description="a citation, or text starting 'assumption'")
    grade: Literal["A", "B", "C"] | None = None

    @property
    def is_assumption(self) -> bool:
        return self.source.strip().lower().startswith("assumption")


class RotationOverride(BaseModel):
    """A nation's own rotation ratio or tour length, where it differs from the scenario's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nation: ISO3
    rotation_ratio: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    tour_months: int | None = Field(default=None, gt=0, strict=True)
    source: Text = Field(min_length=1, description="a citation, or text starting 'assumption'")

    @property
    def is_assumption(self) -> bool:
        return self.source.strip().lower().startswith("assumption")


class ContextNote(BaseModel):
    """A point of the sources that is no pledge but frames the plan."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: Text = Field(min_length=1)
    detail: Text = ""
    sources: tuple[Source, ...] = Field(min_length=1)


class Attendance(BaseModel):
    """Who attended the meeting that frames the plan: a basis for fair shares."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event: Text = Field(min_length=1)
    nations: tuple[ISO3, ...] = Field(min_length=1)
    sources: tuple[Source, ...] = Field(min_length=1)
