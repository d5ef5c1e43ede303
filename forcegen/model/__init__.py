"""The domain model: pure, validated, no I/O beyond the embedded ISO table.

Names are imported lazily (on first use), so that a part of forcegen that needs one
enum (the news reader's capability taxonomy) does not build every model class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forcegen.model.capability import CAPABILITY_LABELS, Capability
    from forcegen.model.nation import FIGURE_NAMES, Figure, Nation
    from forcegen.model.odds import ConditionOdds, PledgeOdds, ScenarioOdds
    from forcegen.model.planning import (
        Attendance,
        ContextNote,
        RotationOverride,
        StandingCommitment,
    )
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

_LAZY = {
    "CAPABILITY_LABELS": "forcegen.model.capability",
    "Capability": "forcegen.model.capability",
    "FIGURE_NAMES": "forcegen.model.nation",
    "Figure": "forcegen.model.nation",
    "Nation": "forcegen.model.nation",
    "ConditionOdds": "forcegen.model.odds",
    "PledgeOdds": "forcegen.model.odds",
    "ScenarioOdds": "forcegen.model.odds",
    "Attendance": "forcegen.model.planning",
    "ContextNote": "forcegen.model.planning",
    "RotationOverride": "forcegen.model.planning",
    "StandingCommitment": "forcegen.model.planning",
    "Backstop": "forcegen.model.pledge",
    "Condition": "forcegen.model.pledge",
    "ConditionKind": "forcegen.model.pledge",
    "Modality": "forcegen.model.pledge",
    "Pledge": "forcegen.model.pledge",
    "Source": "forcegen.model.pledge",
    "CapabilityRequirement": "forcegen.model.requirement",
    "ForceRequirement": "forcegen.model.requirement",
    "Agreement": "forcegen.model.scenario",
    "AgreementKind": "forcegen.model.scenario",
    "Assumption": "forcegen.model.scenario",
    "Request": "forcegen.model.scenario",
    "Scenario": "forcegen.model.scenario",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # once imported, a plain attribute
        return value
    raise AttributeError(f"module 'forcegen.model' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
