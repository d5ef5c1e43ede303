"""Request bodies of the API: one family per entity (create / update / retract), strict
(unknown fields refused, strings and lists bounded)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from forcegen.model import Capability, ConditionKind, Modality, Source
from forcegen.model.bounds import no_nul
from forcegen.store.users import Role
from forcegen.web.engines import MAX_DRAWS, MAX_SEED, WHAT_IF_DRAWS

Iso3 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$")]
#: texts refuse NUL here, at the edge (the model and PostgreSQL refuse it too, later)
Short = Annotated[str, StringConstraints(max_length=200), AfterValidator(no_nul)]
Long = Annotated[str, StringConstraints(max_length=2000), AfterValidator(no_nul)]
Troops = Annotated[int, Field(ge=0, le=10_000_000)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceIn(_Body):
    """Where the position was reported; its date is the version's effective date."""

    outlet: Annotated[str, StringConstraints(min_length=1, max_length=200),
                      AfterValidator(no_nul)]
    date: dt.date
    title: Short = ""
    url: Short = ""
    quote: Long = ""
    actor: Short = ""
    grade: Annotated[str, StringConstraints(pattern=r"^[ABC]$")] | None = None

    def to_source(self) -> Source:
        return Source(outlet=self.outlet, date=self.date, title=self.title, url=self.url,
                      quote=self.quote, actor=self.actor, grade=self.grade)


class PledgeUpdate(_Body):
    """A nation's new position on an existing pledge (a new version)."""

    modality: Modality
    troops_min: Troops | None = None
    troops_max: Troops | None = None
    source: SourceIn
    reason: Short = ""
    expected_version: Annotated[int, Field(ge=0, description="the version you saw")]


class PledgeCreate(_Body):
    """A new pledge (its first version)."""

    nation: Iso3
    capability: Capability | None = None
    slot: Annotated[int, Field(ge=1, le=100)] = 1
    modality: Modality
    troops_min: Troops | None = None
    troops_max: Troops | None = None
    source: SourceIn
    reason: Short = ""


class PledgeRetract(_Body):
    """The position no longer holds: who reported that, and the version you saw."""

    source: SourceIn
    reason: Short = ""
    expected_version: Annotated[int, Field(ge=1)]


class WhatIfChange(_Body):
    nation: Iso3
    capability: Capability | None = None
    slot: Annotated[int, Field(ge=1, le=100)] = 1
    modality: Modality
    troops_min: Troops | None = None
    troops_max: Troops | None = None


class ConditionChange(_Body):
    """A condition taken as met (probability 1, no delay) or not (probability 0)."""

    kind: ConditionKind
    nation: Iso3 | None = Field(default=None, description=(
        "the nation whose condition it is; none for a ceasefire or the US backstop (one "
        "event for the whole coalition), or for every mention of the kind"))
    met: bool


class BackstopChange(_Body):
    """A backstop provider's firmness (modality) changed."""

    provider: Iso3
    modality: Modality


class RiskParams(_Body):
    draws: Annotated[int, Field(ge=1, le=MAX_DRAWS)] = WHAT_IF_DRAWS
    seed: Annotated[int, Field(ge=0, le=MAX_SEED)] = 0


class WhatIf(_Body):
    """Pledges, conditions or backstops changed in a scratch copy (at least one). The risk
    comparison is made when ``risk`` is given or a condition is changed (20,000 draws,
    seed 0 unless given)."""

    changes: Annotated[list[WhatIfChange], Field(max_length=50)] = []
    conditions: Annotated[list[ConditionChange], Field(max_length=50)] = []
    backstops: Annotated[list[BackstopChange], Field(max_length=20)] = []
    risk: RiskParams | None = None


class UserCreate(_Body):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100),
                    AfterValidator(no_nul)]
    password: Annotated[str, StringConstraints(min_length=8, max_length=200)]
    role: Role
    nations: Annotated[list[Iso3], Field(max_length=60)] = []


class TokenCreate(_Body):
    label: Annotated[str, StringConstraints(max_length=100), AfterValidator(no_nul)] = ""
