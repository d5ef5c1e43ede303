"""A sweep, as data: the base scenario, the parameters to vary, the design and the engines.

A sweep file (TOML) reads into ``SweepSpec`` (``forcegen.io.sweepfile``); so does a plain
dict in Python. Each parameter is a list of values, a range or a distribution; the design
is a full grid, a Latin hypercube or a random sample, drawn from the sweep's seed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from forcegen.analysis.sourcing.inputs import SourcingMode

#: The most variants one sweep may have (a grid grows fast).
MAX_VARIANTS = 1_000_000

Value = bool | int | float | str


class DesignKind(StrEnum):
    GRID = "grid"  # every combination of the listed values and ranges
    LATIN_HYPERCUBE = "latin_hypercube"  # one sample in each of n strata of every parameter
    RANDOM = "random"  # n independent samples


class Range(BaseModel):
    """``start``, ``start + step``, ... up to ``stop`` included."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: float
    stop: float
    step: float

    def points(self) -> list[float]:
        if self.step <= 0 or self.stop < self.start:
            return []
        n = int((self.stop - self.start) / self.step + 1e-9) + 1
        return [round(self.start + i * self.step, 12) for i in range(n)]


class DistributionKind(StrEnum):
    UNIFORM = "uniform"  # low, high
    NORMAL = "normal"  # mean, sd
    TRIANGULAR = "triangular"  # low, mode, high


class Distribution(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: DistributionKind
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _complete(self) -> Distribution:
        need = {DistributionKind.UNIFORM: ("low", "high"),
                DistributionKind.NORMAL: ("mean", "sd"),
                DistributionKind.TRIANGULAR: ("low", "mode", "high")}[self.kind]
        missing = [k for k in need if getattr(self, k) is None]
        if missing:
            raise ValueError(f"a {self.kind.value} distribution needs {', '.join(missing)}")
        if self.low is not None and self.high is not None and self.high <= self.low:
            raise ValueError(f"high ({self.high}) must be above low ({self.low})")
        if (self.kind is DistributionKind.TRIANGULAR and self.mode is not None
                and self.low is not None and self.high is not None
                and not self.low <= self.mode <= self.high):
            raise ValueError(f"mode ({self.mode}) must lie between low and high")
        return self


class Parameter(BaseModel):
    """One thing to vary, named by its path in the scenario (see ``sweeps.apply``), with
    exactly one of ``values``, ``range`` or ``distribution``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    values: tuple[Value, ...] | None = None
    range: Range | None = None
    distribution: Distribution | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Parameter:
        given = [k for k in ("values", "range", "distribution") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of values, range or distribution"
                             + (f" (got {', '.join(given)})" if given else ""))
        return self

    @field_validator("values")
    @classmethod
    def _values(cls, values: tuple[Value, ...] | None) -> tuple[Value, ...] | None:
        if values is None:
            return None
        if not values:
            raise ValueError("values is empty: give at least one value")
        kinds = {value_kind(v) for v in values}
        if len(kinds) > 1 and not kinds <= {"int", "float"}:
            raise ValueError("values must all be of one kind (numbers, true/false or text)")
        return values

    @field_validator("range")
    @classmethod
    def _range(cls, r: Range | None) -> Range | None:
        if r is not None and not r.points():
            raise ValueError(f"the range from {r.start:g} to {r.stop:g} by {r.step:g} is empty")
        return r

    @property
    def discrete(self) -> tuple[Value, ...] | None:
        """The finite set of values, or None for a distribution."""
        if self.values is not None:
            return self.values
        if self.range is not None:
            pts = self.range.points()
            if all(float(p).is_integer() for p in (self.range.start, self.range.step)):
                return tuple(int(p) for p in pts)
            return tuple(pts)
        return None

    @property
    def kind(self) -> str:
        """The column kind of its values: bool, int, float or str."""
        if self.distribution is not None:
            return "float"
        kinds = {value_kind(v) for v in self.discrete or ()}
        if kinds == {"int"}:
            return "int"
        return "float" if kinds <= {"int", "float"} else kinds.pop()


def value_kind(v: Value) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    return "float" if isinstance(v, float) else "str"


class Design(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: DesignKind = DesignKind.GRID
    samples: int | None = Field(default=None, gt=0, strict=True,
                                description="variants for latin_hypercube and random")

    @model_validator(mode="after")
    def _samples(self) -> Design:
        if self.kind is not DesignKind.GRID and self.samples is None:
            raise ValueError(f"a {self.kind.value} design needs samples (how many variants)")
        if self.samples is not None and self.samples > MAX_VARIANTS:
            raise ValueError(f"samples: at most {MAX_VARIANTS:,}")
        return self


class RiskOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    draws: int = Field(default=10_000, gt=0, le=100_000_000, strict=True)
    source_grade: bool = False


class SourceOptions(BaseModel):
    """The sourcing optimiser's options (``scn.sourcing.optimize``). A time limit makes a
    variant's answer depend on the speed of the worker that ran it: leave it unset for a
    sweep that must repeat exactly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: SourcingMode = SourcingMode.PLEDGES
    time_limit: float | None = Field(default=None, gt=0, allow_inf_nan=False)


class Engines(BaseModel):
    """Which engines run on each variant; the plan always runs (its figures are cheap)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    plan: dict[str, Any] = Field(default_factory=dict, description="no options yet")
    risk: RiskOptions | None = None
    source: SourceOptions | None = None


class SweepSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    scenario: str = Field(min_length=1, description="an embedded scenario or a TOML file")
    seed: int = Field(default=0, ge=0, strict=True)
    design: Design = Field(default_factory=Design)
    parameters: tuple[Parameter, ...] = Field(min_length=1)
    engines: Engines = Field(default_factory=Engines)
    batch_size: int | None = Field(default=None, gt=0, strict=True,
                                   description="variants per task; default: sized to the run")

    @model_validator(mode="after")
    def _names(self) -> SweepSpec:
        seen: set[str] = set()
        for p in self.parameters:
            if p.name in seen:
                raise ValueError(f"parameter {p.name!r} is given twice")
            seen.add(p.name)
        if self.design.kind is DesignKind.GRID:
            for p in self.parameters:
                if p.distribution is not None:
                    raise ValueError(f"parameter {p.name!r}: a grid needs values or a range, "
                                     "not a distribution (or use latin_hypercube or random)")
        return self

    def identity(self) -> dict[str, Any]:
        """What makes two runs the same sweep (batch size aside)."""
        return self.model_dump(mode="json", exclude={"batch_size"})
