"""Mutual defence: who must answer an attack on the force, how strongly, with what."""

from forcegen.analysis.defence.designs import DESIGNS, Design
from forcegen.analysis.defence.incident import IncidentResult, incident

__all__ = ["DESIGNS", "Design", "IncidentResult", "incident"]
