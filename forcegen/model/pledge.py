"""Pledges: who offers what, how firmly, on what condition, according to whom."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.bounds import MAX_QUANTITY, Date, Months, Name, Text, Troops
from forcegen.model.capability import Capability
from forcegen.model.nation import ISO3


class Modality(StrEnum):
    """How firm a position is, firmest first."""

    COMMITTED = "committed"
    OFFERED = "offered"
    CONDITIONAL = "conditional"
    CONSIDERING = "considering"
    CAUTIOUS = "cautious"
    RULED_OUT = "ruled_out"

    @property
    def rank(self) -> int:
        """0 for the firmest (committed), 5 for ruled out."""
        return list(Modality).index(self)


class ConditionKind(StrEnum):
    CEASEFIRE = "ceasefire"
    US_BACKSTOP = "us_backstop"
    PARLIAMENTARY_APPROVAL = "parliamentary_approval"
    ELECTION = "election"
    DOMESTIC_POLITICS = "domestic_politics"
    OTHER = "other"


class Source(BaseModel):
    """Where a fact was reported: outlet, date, and the words that carry it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    outlet: Name = Field(min_length=1, pattern=r"\S")
    date: Date
    title: Text = ""
    url: Text = ""
    quote: Text = ""
    actor: Name = Field(
        default="", description="who said it, when the source names a person or office"
    )
    grade: Literal["A", "B", "C"] | None = Field(
        default=None, description="source quality: A an official text or a verbatim copy, "
        "B a major outlet or wire, C an aggregator, a mirror of unclear provenance or state media",
    )


class Condition(BaseModel):
    """Something a position depends on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ConditionKind
    detail: Text = ""
    date: Date | None = None
    sources: tuple[Source, ...] = ()
    interpretation: Text = Field(
        default="", exclude_if=lambda v: v == "",
        description="where the record reads more than its source says, and why")


class Pledge(BaseModel):
    """One nation's position on one contribution."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nation: ISO3
    modality: Modality
    capability: Capability | None = Field(
        default=None, description="None when the source gives no breakdown by capability"
    )
    troops_min: Troops | None = None
    troops_max: Troops | None = None
    quantity: float | None = Field(default=None, ge=0, le=MAX_QUANTITY, allow_inf_nan=False)
    unit: Name = ""
    role: Text = ""
    conditions: tuple[Condition, ...] = ()
    earliest: Date | None = None
    until: Date | None = None
    duration_months: Months | None = None
    caveats: tuple[Text, ...] = ()
    sources: tuple[Source, ...] = Field(min_length=1)
    interpretation: Text = Field(
        default="", exclude_if=lambda v: v == "",
        description="where the record reads more than its source says, and why")

    @model_validator(mode="after")
    def _consistent(self) -> Pledge:
        if (
            self.troops_min is not None
            and self.troops_max is not None
            and self.troops_min > self.troops_max
        ):
            raise ValueError(
                f"troops_min ({self.troops_min}) is above troops_max ({self.troops_max})"
            )
        if self.quantity is not None and not self.unit:
            raise ValueError("a quantity needs a unit (e.g. 'aircraft', 'ships')")
        if self.earliest and self.until and self.until < self.earliest:
            raise ValueError(
                f"dates out of order: until ({self.until}) is before earliest ({self.earliest})"
            )
        if self.modality is Modality.RULED_OUT and (self.troops_min or self.troops_max):
            raise ValueError("a ruled-out pledge cannot carry troops")
        return self

    @property
    def troops_high(self) -> int | None:
        """The largest number the sources allow (max, else min), None if none given."""
        return self.troops_max if self.troops_max is not None else self.troops_min

    @property
    def troops_low(self) -> int:
        """The number the sources guarantee: the stated minimum, else 0."""
        return self.troops_min or 0


class Backstop(BaseModel):
    """Support from outside the force: a provider's non-troop capabilities."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: ISO3
    capabilities: tuple[Capability, ...] = Field(min_length=1)
    modality: Modality
    troops: Troops = 0
    detail: Text = ""
    sources: tuple[Source, ...] = Field(min_length=1)
    interpretation: Text = Field(
        default="", exclude_if=lambda v: v == "",
        description="where the record reads more than its source says, and why")
