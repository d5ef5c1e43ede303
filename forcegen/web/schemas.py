"""Request bodies of the API: one family per entity (create / update / retract), strict
(unknown fields refused, strings and lists bounded)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from forcegen.model import Capability, Modality, Source
from forcegen.store.users import Role

Iso3 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$")]
Short = Annotated[str, StringConstraints(max_length=200)]
Long = Annotated[str, StringConstraints(max_length=2000)]
Troops = Annotated[int, Field(ge=0, le=10_000_000)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceIn(_Body):
    """Where the position was reported; its date is the version's effective date."""

    outlet: Annotated[str, StringConstraints(min_length=1, max_length=200)]
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


class WhatIf(_Body):
    changes: Annotated[list[WhatIfChange], Field(min_length=1, max_length=50)]


class UserCreate(_Body):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    password: Annotated[str, StringConstraints(min_length=8, max_length=200)]
    role: Role
    nations: Annotated[list[Iso3], Field(max_length=60)] = []


class TokenCreate(_Body):
    label: Annotated[str, StringConstraints(max_length=100)] = ""
