"""Helpers for the risk tests: a scenario with its own odds, and exact answers by
enumeration."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

from forcegen.model import Scenario

#: Every tolerance is this many standard errors of the exact answer.
Z = 4.0


def with_odds(scn: Scenario, *, pledges: dict[str, float] | None = None,
              conditions: Sequence[dict[str, Any]] = (), hazard: float | None = 0.0) -> Scenario:
    """``scn`` with an ``[odds]`` section: each nation's pledge probability, condition
    overrides, and the monthly withdrawal hazard (0 by default: no erosion)."""
    odds: dict[str, Any] = {
        "pledges": [{"nation": n, "probability": p, "source": "assumption: test"}
                    for n, p in (pledges or {}).items()],
        "conditions": [{"source": "assumption: test", **c} for c in conditions],
    }
    if hazard is not None:
        odds["withdrawal_hazard_monthly"] = hazard
        odds["withdrawal_source"] = "assumption: test"
    return Scenario.model_validate({**scn.model_dump(), "odds": odds})


def p_at_least(probs: Sequence[float], troops: Sequence[int], x: float) -> float:
    """P(sum of troops of the pledges that come >= x), pledges independent, by enumeration."""
    total = 0.0
    for came in itertools.product((False, True), repeat=len(probs)):
        weight = math.prod(p if c else 1 - p for p, c in zip(probs, came, strict=True))
        if sum(t for t, c in zip(troops, came, strict=True) if c) >= x:
            total += weight
    return total


def within(estimate: float, exact: float, draws: int) -> bool:
    """``estimate`` lies within Z standard errors of ``exact`` (equal when the SE is 0)."""
    se = math.sqrt(exact * (1 - exact) / draws)
    return abs(estimate - exact) <= Z * se if se > 0 else estimate == exact
