"""What the ledger's queries return: typed records, rendered alike by CLI and API."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from forcegen.model import Capability, Pledge


class PledgeVersion(BaseModel):
    """One version of one pledge: the position, who recorded it, when, why, from where."""

    model_config = ConfigDict(frozen=True)

    scenario: str
    key: str
    nation: str
    capability: Capability | None
    slot: int
    version: int
    effective_date: dt.date
    recorded_at: dt.datetime
    author: str
    reason: str
    retracted: bool
    pledge: Pledge

    @property
    def troops(self) -> str:
        """The troop figure as the sources give it (``""`` when they give none)."""
        lo, hi = self.pledge.troops_min, self.pledge.troops_max
        if lo is not None and hi is not None:
            return f"{lo:,}" if lo == hi else f"{lo:,}-{hi:,}"
        if hi is not None:
            return f"up to {hi:,}"
        if lo is not None:
            return f"at least {lo:,}"
        return ""

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class LedgerState(BaseModel):
    """The pledges of one scenario as they stood on a date (None: as they stand now)."""

    scenario: str
    as_of: dt.date | None
    pledges: list[PledgeVersion]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class ChangeKind(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    RETRACTED = "retracted"


class PledgeChange(BaseModel):
    kind: ChangeKind
    key: str
    nation: str
    old: PledgeVersion | None
    new: PledgeVersion | None


class LedgerDiff(BaseModel):
    """What changed in a scenario's pledges between two dates (inclusive of the end)."""

    scenario: str
    start: dt.date
    end: dt.date
    changes: list[PledgeChange]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class ImportSummary(BaseModel):
    """What one import wrote."""

    scenario: str
    scenario_version: int | None
    added: int = 0
    changed: int = 0
    retracted: int = 0
    unchanged: int = 0
    older: int = Field(default=0, description="pledges where the ledger holds a later "
                       "report than the file; the ledger's is kept")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
