"""forcegen: plan, track and stress-test a multinational deterrence / reassurance force.

    >>> import forcegen
    >>> scn = forcegen.load_scenario("paris-2025")
    >>> result = scn.plan()
    >>> result.generation.max_possible
    10000

Names are imported lazily so that ``forcegen --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from forcegen.analysis.plan.plan import PlanResult
    from forcegen.io.catalogue import embedded_scenarios, load_scenario
    from forcegen.io.sweeps import sweep
    from forcegen.io.toml import export_to_toml, import_from_toml
    from forcegen.model import Scenario

__all__ = [
    "PlanResult",
    "Scenario",
    "embedded_scenarios",
    "export_to_toml",
    "import_from_toml",
    "load_scenario",
    "sweep",
]

_LAZY = {
    "load_scenario": "forcegen.io.catalogue",
    "import_from_toml": "forcegen.io.toml",
    "export_to_toml": "forcegen.io.toml",
    "embedded_scenarios": "forcegen.io.catalogue",
    "Scenario": "forcegen.model",
    "PlanResult": "forcegen.analysis.plan.plan",
    "sweep": "forcegen.io.sweeps",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'forcegen' has no attribute {name!r}")
