"""The domain model: pure, validated, no I/O beyond the embedded ISO table."""

from forcegen.model.capability import CAPABILITY_LABELS, Capability
from forcegen.model.nation import FIGURE_NAMES, Figure, Nation
from forcegen.model.odds import ConditionOdds, PledgeOdds, ScenarioOdds
from forcegen.model.planning import Attendance, ContextNote, RotationOverride, StandingCommitment
from forcegen.model.pledge import Backstop, Condition, ConditionKind, Modality, Pledge, Source
from forcegen.model.requirement import CapabilityRequirement, ForceRequirement
from forcegen.model.scenario import Agreement, AgreementKind, Assumption, Request, Scenario

__all__ = [
    "CAPABILITY_LABELS",
    "FIGURE_NAMES",
    "Agreement",
    "AgreementKind",
    "Assumption",
    "Attendance",
    "Backstop",
    "Capability",
    "CapabilityRequirement",
    "Condition",
    "ConditionKind",
    "ConditionOdds",
    "ContextNote",
    "Figure",
    "ForceRequirement",
    "Modality",
    "Nation",
    "Pledge",
    "PledgeOdds",
    "Request",
    "RotationOverride",
    "Scenario",
    "ScenarioOdds",
    "Source",
    "StandingCommitment",
]
