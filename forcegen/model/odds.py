"""A scenario's own risk figures: overrides of the default probabilities, per condition
and per pledge, each with its source (or the word "assumption").

The defaults live in ``forcegen/data/risk.csv``; a scenario only says where it knows
better. Every field is optional, so files written before this section stay valid.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from forcegen.model.bounds import Text
from forcegen.model.capability import Capability
from forcegen.model.nation import ISO3
from forcegen.model.pledge import ConditionKind

#: Conditions that are one event for the whole coalition: drawn once, so every pledge
#: hanging on them falls with them. Every other kind is drawn per nation.
SHARED_KINDS: frozenset[ConditionKind] = frozenset(
    {ConditionKind.CEASEFIRE, ConditionKind.US_BACKSTOP})


class ConditionOdds(BaseModel):
    """The chance a condition is met (for an election: that the position survives it),
    and how many months it holds a pledge back."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ConditionKind
    nation: ISO3 | None = Field(
        default=None, description="None: every mention of this kind (shared conditions)")
    probability: float = Field(ge=0, le=1, allow_inf_nan=False)
    delay_months: int | None = Field(default=None, ge=0, strict=True)
    source: Text = Field(min_length=1, description="a citation, or text starting with 'assumption'")


class PledgeOdds(BaseModel):
    """The chance one nation's pledge materialises, its conditions apart."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nation: ISO3
    capability: Capability | None = Field(
        default=None, description="which of the nation's pledges; None: all of them")
    probability: float = Field(ge=0, le=1, allow_inf_nan=False)
    source: Text = Field(min_length=1, description="a citation, or text starting with 'assumption'")


class ScenarioOdds(BaseModel):
    """The optional ``[odds]`` section of a scenario file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    withdrawal_hazard_monthly: float | None = Field(default=None, ge=0, lt=1,
                                                    allow_inf_nan=False)
    withdrawal_source: Text = ""
    conditions: tuple[ConditionOdds, ...] = ()
    pledges: tuple[PledgeOdds, ...] = ()
