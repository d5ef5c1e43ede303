"""The timeline: who stood where on each date, and the force's totals against the band.

Pure: it takes a sequence of dated states (from a ledger, a ledger export or a scenario
file) and computes; it reads nothing. A nation's position on a date aggregates its
pledges: the firmest modality, the sum of the stated minimums and of the largest stated
figures (None when no pledge gives one), and the best grade among their sources. A
position is recorded on each date where the nation's pledges changed: a new report, even
with the same modality, is a new mark. Totals follow the plan's rules: *certain* counts
the stated minimum of committed pledges, *max possible* the largest figure of every pledge
not ruled out; pledges without a number add nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from forcegen.analysis.grades import Grade, best_grade
from forcegen.analysis.timeline.states import DatedState
from forcegen.errors import UsageError
from forcegen.model import Modality, Pledge

if TYPE_CHECKING:
    import pandas as pd


class NationPosition(BaseModel):
    """A nation's position from ``date`` until its next position (modality None: no
    pledge any more, e.g. retracted)."""

    date: dt.date
    modality: Modality | None
    troops_min: int | None = Field(description="troops: sum of stated minimums")
    troops_max: int | None = Field(description="troops: sum of the largest stated figures")
    grade: Grade | None = Field(description="best source grade (A best); None if ungraded")


class NationTimeline(BaseModel):
    iso3: str
    positions: list[NationPosition]

    def at(self, date: dt.date) -> NationPosition | None:
        """The position in force on ``date`` (None before the first one)."""
        found = None
        for p in self.positions:
            if p.date > date:
                break
            found = p
        return found


class TimelineTotal(BaseModel):
    date: dt.date
    certain: int = Field(description="troops: committed pledges' stated minimum")
    max_possible: int = Field(description="troops: every pledge not ruled out, at its largest")
    band_min: int | None = Field(description="troops: the requirement's lower end that day")
    band_max: int | None = Field(description="troops: the requirement's upper end that day")


class Timeline(BaseModel):
    """Per nation, its positions over time; per date, the totals against the band."""

    scenario: str = ""
    nations: list[NationTimeline]
    totals: list[TimelineTotal]

    def nation(self, iso3: str) -> NationTimeline:
        for n in self.nations:
            if n.iso3 == iso3:
                return n
        from forcegen.errors import NotFound

        raise NotFound(f"the timeline has no position of {iso3!r}")

    def on_record(self, date: dt.date) -> list[str]:
        """Nations with a position on or before ``date``."""
        return [n.iso3 for n in self.nations if n.at(date) is not None]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_frame(self) -> pd.DataFrame:
        """One row per nation position (troops)."""
        import pandas as pd

        rows = [{"iso3": n.iso3, **p.model_dump()} for n in self.nations for p in n.positions]
        frame = pd.DataFrame(rows, columns=["iso3", "date", "modality", "troops_min",
                                            "troops_max", "grade"])
        frame.attrs["unit"] = "troops"
        return frame


def _position(date: dt.date, pledges: list[Pledge]) -> NationPosition:
    if not pledges:
        return NationPosition(date=date, modality=None, troops_min=None, troops_max=None,
                              grade=None)
    lows = [p.troops_min for p in pledges if p.troops_min is not None]
    highs = [p.troops_high for p in pledges if p.troops_high is not None]
    return NationPosition(
        date=date,
        modality=min((p.modality for p in pledges), key=lambda m: m.rank),
        troops_min=sum(lows) if lows else None,
        troops_max=sum(h for h in highs if h is not None) if highs else None,
        grade=best_grade(s for p in pledges for s in p.sources),
    )


def timeline(states: Sequence[DatedState], scenario: str = "") -> Timeline:
    """The timeline of a sequence of dated states, in strictly increasing date order."""
    for before, after in itertools.pairwise(states):
        if after.date <= before.date:
            raise UsageError(f"timeline: states out of order ({after.date} after "
                             f"{before.date}); give one state per date, oldest first")
    order: list[str] = []
    last: dict[str, tuple[Pledge, ...]] = {}
    positions: dict[str, list[NationPosition]] = {}
    totals = []
    for state in states:
        mine: dict[str, list[Pledge]] = {}
        for p in state.pledges:
            mine.setdefault(p.nation, []).append(p)
            if p.nation not in positions:
                order.append(p.nation)
                positions[p.nation] = []
        for iso3 in order:
            now = tuple(mine.get(iso3, ()))
            if (iso3 in last and last[iso3] == now) or (iso3 not in last and not now):
                continue
            last[iso3] = now
            positions[iso3].append(_position(state.date, list(now)))
        req = state.requirement
        totals.append(TimelineTotal(
            date=state.date,
            certain=sum(p.troops_low for p in state.pledges if p.modality is Modality.COMMITTED),
            max_possible=sum(p.troops_high or 0 for p in state.pledges
                             if p.modality is not Modality.RULED_OUT),
            band_min=req.min_troops if req else None,
            band_max=req.max_troops if req else None,
        ))
    return Timeline(scenario=scenario,
                    nations=[NationTimeline(iso3=c, positions=positions[c]) for c in order],
                    totals=totals)
