"""The typed result of a reinforcement simulation: troops in theatre day by day, when each
threshold is reached, which corridor binds, and the same with a corridor closed or a
nation withholding its tiers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from forcegen.analysis.reinforcement.inputs import TierUse

if TYPE_CHECKING:
    import pandas as pd

#: The days after the order every summary reports.
KEY_DAYS = (7, 30, 90)


class DayTroops(BaseModel):
    day: int
    troops: int = Field(description="troops in theatre at the end of the day")


class ThresholdDay(BaseModel):
    name: str
    troops: int
    day: int | None = Field(description="first day reached; None when never, within horizon")


class BindingPeriod(BaseModel):
    """Departure days on which this corridor ran full with troops still waiting for it."""

    from_day: int
    to_day: int
    corridor: str


class CorridorUse(BaseModel):
    name: str
    mode: str
    origins: list[str]
    transit: list[str]
    area: str
    throughput_per_day: int = Field(description="troops a day")
    transit_days: int
    closed: bool
    troops_carried: int = Field(description="troops that left by it within the horizon")
    days_at_capacity: int
    source: str
    is_assumption: bool


class NationFlow(BaseModel):
    nation: str
    name: str
    tier_troops: int = Field(description="troops in its tiers, after the capacity cap")
    capacity: int | None = Field(description="net deployable capacity, troops")
    withheld: bool
    troops_by_day: dict[str, int] = Field(description="troops of it in theatre by day 7, 30, 90")
    troops_at_horizon: int


class Variant(BaseModel):
    """The same simulation with one corridor closed or one nation withholding its tiers."""

    kind: str = Field(description="close | withhold")
    subject: str
    troops_by_day: dict[str, int]
    thresholds: list[ThresholdDay]


class AssumptionUse(BaseModel):
    name: str
    value: str | int | float | bool
    source: str
    is_assumption: bool


class ReinforcementResult(BaseModel):
    scenario: str
    title: str
    horizon_days: int
    initial_troops: int
    closed: list[str]
    withheld: list[str]
    days: list[DayTroops]
    thresholds: list[ThresholdDay]
    binding: list[BindingPeriod]
    corridors: list[CorridorUse]
    nations: list[NationFlow]
    tiers: list[TierUse]
    variants: list[Variant]
    capacity_basis: str
    assumptions: list[AssumptionUse]
    notes: list[str]

    def troops_on(self, day: int) -> int:
        """Troops in theatre at the end of ``day`` (the horizon's figure after it)."""
        return self.days[min(day, len(self.days) - 1)].troops

    def threshold(self, name: str) -> ThresholdDay:
        return next(t for t in self.thresholds if t.name == name)

    def nation(self, iso3: str) -> NationFlow:
        return next(n for n in self.nations if n.nation == iso3)

    def to_dict(self) -> dict[str, Any]:
        """The document ``forcegen reinforce --json`` prints."""
        return self.model_dump(mode="json")

    def to_frame(self) -> pd.DataFrame:
        """Troops in theatre by day (index ``day``; unit troops)."""
        import pandas as pd

        df = pd.DataFrame([d.model_dump() for d in self.days]).set_index("day")
        df.attrs["unit"] = "troops"
        return df
