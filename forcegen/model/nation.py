"""Nations and their reference figures, each figure with its source and year."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from forcegen.model.bounds import MAX_FIGURE, Name, Text
from forcegen.model.iso import is_iso3


def _check_iso3(code: str) -> str:
    if not is_iso3(code):
        raise ValueError(f"unknown country code {code!r} (expected an ISO 3166-1 alpha-3 code)")
    return code


ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", max_length=3), AfterValidator(_check_iso3)]


class Figure(BaseModel):
    """One reference number with the year it describes and where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float = Field(ge=0, le=MAX_FIGURE, allow_inf_nan=False)
    year: int | None = Field(default=None, ge=1900, le=2100)
    source: Text = Field(min_length=1)
    grade: Literal["A", "B", "C"] | None = Field(
        default=None,
        description="A official or primary (or a verbatim copy of one); B major outlet, wire or "
        "reference compilation; C secondary, mirror or state media",
    )


FIGURE_NAMES = (
    "active_personnel",
    "army_personnel",
    "gdp_usd",
    "population",
    "defence_usd",
    "defence_pct_gdp",
)


class Nation(BaseModel):
    """A country with the reference figures forcegen knows about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    iso3: ISO3
    name: Name = Field(min_length=1)
    active_personnel: Figure | None = None
    army_personnel: Figure | None = None
    gdp_usd: Figure | None = None
    population: Figure | None = None
    defence_usd: Figure | None = None
    defence_pct_gdp: Figure | None = None
    army_includes_conscripts: bool | None = Field(
        default=None, description="the army figure counts conscripts (None: not known)")
    notes: Text = ""

    @property
    def has_armed_forces(self) -> bool:
        """False only when the reference data say the nation has no armed forces (zero)."""
        return self.active_personnel is None or self.active_personnel.value > 0

    def figure(self, name: str) -> Figure | None:
        if name not in FIGURE_NAMES:
            raise KeyError(name)
        fig: Figure | None = getattr(self, name)
        return fig
