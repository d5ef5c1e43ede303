"""The domain model: pure, validated, no I/O beyond the embedded ISO table."""

from forcegen.model.capability import CAPABILITY_LABELS, Capability
from forcegen.model.nation import FIGURE_NAMES, Figure, Nation
from forcegen.model.pledge import Backstop, Condition, ConditionKind, Modality, Pledge, Source
from forcegen.model.requirement import CapabilityRequirement, ForceRequirement
from forcegen.model.scenario import Agreement, AgreementKind, Assumption, Request, Scenario

__all__ = [
    "CAPABILITY_LABELS",
    "FIGURE_NAMES",
    "Agreement",
    "AgreementKind",
    "Assumption",
    "Backstop",
    "Capability",
    "CapabilityRequirement",
    "Condition",
    "ConditionKind",
    "Figure",
    "ForceRequirement",
    "Modality",
    "Nation",
    "Pledge",
    "Request",
    "Scenario",
    "Source",
]
