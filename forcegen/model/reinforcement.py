"""Reinforcement inputs: readiness tiers per nation and lines of communication.

A *readiness tier* says how many of a nation's troops can move, and how many days after
an order they are ready to. A *corridor* (line of communication) carries troops from home
to a deployment area: so many troops a day, so many days in transit, through named
transit countries. Both carry a source, or the word "assumption".
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.bounds import MAX_NAME, Text
from forcegen.model.nation import ISO3


def _is_assumption(source: str) -> bool:
    return source.strip().lower().startswith("assumption")


class CorridorMode(StrEnum):
    AIR = "air"
    RAIL = "rail"
    ROAD = "road"
    SEA = "sea"


class Corridor(BaseModel):
    """A line of communication from home nations to a deployment area."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(max_length=MAX_NAME, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    mode: CorridorMode
    origins: tuple[ISO3, ...] = Field(
        default=(), description="nations that can use it; empty: every nation")
    transit: tuple[ISO3, ...] = Field(default=(), description="transit countries, in order")
    area: str = Field(default="", max_length=MAX_NAME,
                      description="deployment area reached; empty: the first")
    throughput_per_day: int = Field(ge=0, strict=True, description="troops a day")
    transit_days: int = Field(ge=0, le=3650, strict=True, description="days from departure")
    detail: Text = ""
    source: Text = Field(min_length=1, description="a citation, or text starting 'assumption'")

    @property
    def is_assumption(self) -> bool:
        return _is_assumption(self.source)


class ReadinessTier(BaseModel):
    """So many troops of one nation, ready to move so many days after an order: all on
    ``days_to_move``, or evenly from ``ready_from`` to ``days_to_move`` when given."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nation: ISO3
    tier: str = Field(min_length=1, max_length=MAX_NAME, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    days_to_move: int = Field(ge=0, le=3650, strict=True)
    ready_from: int | None = Field(default=None, ge=0, le=3650, strict=True)
    troops: int = Field(ge=0, strict=True)
    source: Text = Field(min_length=1, description="a citation, or text starting 'assumption'")

    @model_validator(mode="after")
    def _band(self) -> ReadinessTier:
        if self.ready_from is not None and self.ready_from > self.days_to_move:
            raise ValueError(f"ready_from ({self.ready_from}) is after days_to_move "
                             f"({self.days_to_move})")
        return self

    @property
    def is_assumption(self) -> bool:
        return _is_assumption(self.source)


class TierDefault(BaseModel):
    """A default tier: a share of each nation's active personnel, ready after so many days
    (the NATO Force Model's tiers shared out pro rata; see forcegen/data/readiness.csv)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: str = Field(min_length=1, max_length=MAX_NAME, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    days_to_move: int = Field(ge=0, le=3650, strict=True)
    ready_from: int | None = Field(default=None, ge=0, le=3650, strict=True)
    share_of_active: float = Field(ge=0, le=1, allow_inf_nan=False)
    source: Text = Field(min_length=1)

    @property
    def is_assumption(self) -> bool:
        return _is_assumption(self.source) or "unverified" in self.source.lower()


class ReinforcementSettings(BaseModel):
    """How a reinforcement is simulated for this scenario."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    horizon_days: int = Field(default=180, gt=0, le=3650, strict=True)
    initial_troops: int = Field(
        default=0, ge=0, strict=True,
        description="troops already in theatre when the order is given")
    nations: tuple[ISO3, ...] = Field(
        default=(), description="who reinforces; empty: every contributor")
    default_tiers: tuple[TierDefault, ...] = Field(
        default=(), description="tiers for nations the scenario gives none")
