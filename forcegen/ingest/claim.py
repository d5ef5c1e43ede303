"""A claim read from an article: its type, nation, numbers, modality and evidence."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict


class ClaimType(StrEnum):
    TROOPS = "troops"
    CAPABILITY = "capability"
    MONEY = "money"
    STANCE = "stance"
    CONDITION = "condition"


class ClaimModality(StrEnum):
    COMMITTED = "committed"
    OFFERED = "offered"
    CONDITIONAL = "conditional"
    CONSIDERING = "considering"
    CAUTIOUS = "cautious"
    RULED_OUT = "ruled_out"
    UNKNOWN = "unknown"


class ClaimSource(BaseModel):
    """The article a claim was read from."""

    model_config = ConfigDict(frozen=True)

    outlet: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None


class Claim(BaseModel):
    """One claim an article makes about one nation (``country`` None: the whole force)."""

    model_config = ConfigDict(frozen=True)

    article: str
    country: str | None
    claim_type: ClaimType
    quantity: int | None = None
    quantity_max: int | None = None
    unit: str | None = None
    capability: str | None = None
    taxonomy: tuple[str, ...] = ()
    modality: ClaimModality
    condition: str | None = None
    actor: str | None = None
    attribution: str | None = None
    evidence: str
    source: ClaimSource
    rule: str = "clause"

    @property
    def key(self) -> tuple[str | None, str, int | None, int | None]:
        """What the scoring compares: country, claim type and numbers."""
        return (self.country, self.claim_type.value, self.quantity, self.quantity_max)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
