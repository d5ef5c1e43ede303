"""Positions over time: per nation, the modality of each dated state; the force's totals
against the band of each date."""

from forcegen.analysis.timeline.states import DatedState, states_of_scenario
from forcegen.analysis.timeline.timeline import (
    NationPosition,
    NationTimeline,
    Timeline,
    TimelineTotal,
    timeline,
)

__all__ = ["DatedState", "NationPosition", "NationTimeline", "Timeline", "TimelineTotal",
           "states_of_scenario", "timeline"]
