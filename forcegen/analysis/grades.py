"""Source grades: how much a position rests on, and screening out the weakest.

A source's grade is A (an official text, or a verbatim copy of one), B (a major outlet or
wire) or C (an aggregator, a mirror of unclear provenance, or state media). A pledge
*rests only on* grades below a threshold when every one of its sources is graded and
none reaches it; a pledge with an ungraded source is kept (its grade is unknown, not low).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, Field

from forcegen.model import Modality, Pledge, Scenario, Source

Grade = Literal["A", "B", "C"]
GRADES: tuple[Grade, ...] = ("A", "B", "C")


def best_grade(sources: Iterable[Source]) -> Grade | None:
    """The best grade among the sources (A best), None when none is graded."""
    graded = [s.grade for s in sources if s.grade is not None]
    return min(graded) if graded else None


def rests_below(pledge: Pledge, min_grade: Grade) -> bool:
    """True when every source of the pledge is graded and all are below ``min_grade``."""
    grades = [s.grade for s in pledge.sources]
    return all(g is not None and GRADES.index(g) > GRADES.index(min_grade) for g in grades)


class HiddenPledge(BaseModel):
    nation: str
    modality: Modality
    grade: Grade | None
    troops_min: int | None
    troops_max: int | None
    sources: list[str] = Field(description="outlet and date of each source")


class GradeScreen(BaseModel):
    """Which pledges a minimum source grade left out of the plan."""

    min_grade: Grade
    hidden: list[HiddenPledge]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def screen_by_grade(scn: Scenario, min_grade: Grade) -> tuple[Scenario, GradeScreen]:
    """The scenario without the pledges that rest only on sources below ``min_grade``."""
    kept, hidden = [], []
    for p in scn.pledges:
        if rests_below(p, min_grade):
            hidden.append(HiddenPledge(
                nation=p.nation, modality=p.modality, grade=best_grade(p.sources),
                troops_min=p.troops_min, troops_max=p.troops_max,
                sources=[f"{s.outlet}, {s.date}" for s in p.sources]))
        else:
            kept.append(p)
    return scn.model_copy(update={"pledges": tuple(kept)}), GradeScreen(
        min_grade=min_grade, hidden=hidden)
