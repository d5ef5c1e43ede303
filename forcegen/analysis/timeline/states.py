"""Dated states: the pledges and the requirement as they stood at the end of a day."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from forcegen.model import ForceRequirement, Pledge, Scenario


class DatedState(BaseModel):
    """The pledges in force on a date, and the requirement of that date (None: none yet)."""

    model_config = ConfigDict(frozen=True)

    date: dt.date
    pledges: tuple[Pledge, ...]
    requirement: ForceRequirement | None = None


def states_of_scenario(scn: Scenario) -> list[DatedState]:
    """A scenario file as a history: each pledge counts from its latest source's date (as
    ``ledger import`` dates it), under the file's one requirement."""
    dated = [(max(s.date for s in p.sources), p) for p in scn.pledges]
    days = sorted({d for d, _ in dated})
    return [DatedState(date=day, pledges=tuple(p for d, p in dated if d <= day),
                       requirement=scn.requirement) for day in days]
