"""Where and when the force deploys, line by line: the optional ``[sourcing]`` section.

A scenario without it stays valid; the sourcing optimiser then derives one area from
``requirement.deployment_areas``, one period covering the mission, and one line per
capability of ``requirement.capabilities``.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.bounds import MAX_NAME, Name, Text
from forcegen.model.capability import Capability
from forcegen.model.nation import ISO3

_NAME = r"^[a-z0-9][a-z0-9_-]*$"
_SOURCE_HELP = "a citation, or text starting with 'assumption'"


def _is_assumption(source: str) -> bool:
    return source.strip().lower().startswith("assumption")


class DeploymentArea(BaseModel):
    """A place the force is asked to be: how far from the line of contact, and whether in
    Ukraine or outside it (e.g. air policing from a neighbouring state)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(max_length=MAX_NAME, pattern=_NAME)
    title: Text = ""
    distance_km: float = Field(ge=0, allow_inf_nan=False,
                               description="km from the line of contact")
    in_ukraine: bool = True
    host: ISO3 | None = Field(default=None, description="host nation when outside Ukraine")
    max_nations: int | None = Field(default=None, gt=0, strict=True,
                                    description="cap on nations in this area per period")
    source: Text = Field(min_length=1, description=_SOURCE_HELP)

    @property
    def is_assumption(self) -> bool:
        return _is_assumption(self.source)


class Period(BaseModel):
    """A planning period (e.g. one tour), in months."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(max_length=MAX_NAME, pattern=_NAME)
    months: int = Field(gt=0, strict=True)
    source: Text = Field(min_length=1, description=_SOURCE_HELP)


class SourcingLine(BaseModel):
    """One requirement line of the sourcing plan: a capability, a number, an area, periods."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(max_length=MAX_NAME, pattern=_NAME)
    capability: Capability
    troops: int = Field(ge=0, strict=True)
    equipment: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    equipment_unit: Text = ""
    area: str = Field(max_length=MAX_NAME, pattern=_NAME)
    periods: tuple[Name, ...] = Field(default=(), description="empty: every period")
    priority: float = Field(default=1.0, gt=0, allow_inf_nan=False)
    must_fill: bool = Field(default=False, description="the plan must fill this line whole")
    source: Text = Field(min_length=1, description=_SOURCE_HELP)

    @model_validator(mode="after")
    def _consistent(self) -> SourcingLine:
        if self.equipment is not None and not self.equipment_unit:
            raise ValueError("equipment needs an equipment_unit (e.g. 'aircraft')")
        return self

    @property
    def is_assumption(self) -> bool:
        return _is_assumption(self.source)


class CaveatKind(StrEnum):
    EXCLUDE_AREA = "exclude_area"  # the nation will not serve in this area
    NEEDS_BACKSTOP = "needs_backstop"  # only with the US (or another) backstop in place
    MIN_CONTINGENT = "min_contingent"  # at least this many troops to an area, or none


class SourcingCaveat(BaseModel):
    """A limit a nation puts on how its troops may be used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nation: ISO3
    kind: CaveatKind
    area: str | None = Field(default=None, max_length=MAX_NAME, pattern=_NAME)
    troops: int | None = Field(default=None, gt=0, strict=True)
    source: Text = Field(min_length=1, description=_SOURCE_HELP)

    @model_validator(mode="after")
    def _consistent(self) -> SourcingCaveat:
        if self.kind is CaveatKind.EXCLUDE_AREA and self.area is None:
            raise ValueError("an exclude_area caveat needs an area")
        if self.kind is CaveatKind.MIN_CONTINGENT and self.troops is None:
            raise ValueError("a min_contingent caveat needs troops")
        return self

    @property
    def label(self) -> str:
        if self.kind is CaveatKind.EXCLUDE_AREA:
            return f"not in {self.area}"
        if self.kind is CaveatKind.MIN_CONTINGENT:
            return f"contingents of at least {self.troops:,} troops"
        return "only with the backstop in place"


class SourcingSetup(BaseModel):
    """Areas, periods, lines, national caveats and the limits of the sourcing plan."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    areas: tuple[DeploymentArea, ...] = ()
    periods: tuple[Period, ...] = ()
    lines: tuple[SourcingLine, ...] = ()
    caveats: tuple[SourcingCaveat, ...] = ()
    standoff_km: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    standoff_source: Text = ""
    backstop_in_place: bool = False
    backstop_source: Text = ""
    unnamed_pledge_capabilities: tuple[Capability, ...] = Field(
        default=(), description="capabilities a pledge naming none may fill")
    unnamed_pledge_source: Text = ""
    min_contingent: int = Field(default=1, gt=0, strict=True)
    min_contingent_source: Text = ""
    max_nations_per_area: int | None = Field(default=None, gt=0, strict=True)
    max_nations_source: Text = ""
    lead_hq_share: float = Field(default=0.0, ge=0, le=1, allow_inf_nan=False)
    lead_hq_source: Text = ""
    priorities_source: Text = Field(default="", description="where the lines' priorities "
                                    "come from (a citation, or 'assumption: ...')")
