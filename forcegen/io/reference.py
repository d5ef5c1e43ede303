"""The embedded reference data: per-nation figures and doctrine figures, with sources.

This module reads package files; the core receives the `Nation` objects it builds.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from pydantic import BaseModel

from forcegen.errors import NotFound
from forcegen.model import Figure, Nation
from forcegen.model.iso import iso3_names
from forcegen.model.reinforcement import TierDefault

#: countries.csv column prefix for each figure: (value column, year column, source column)
_COLUMNS: dict[str, tuple[str, str, str]] = {
    "active_personnel": ("active_personnel", "active_personnel_year", "active_personnel_source"),
    "army_personnel": ("army_personnel", "army_year", "army_source"),
    "gdp_usd": ("gdp_usd", "gdp_year", "gdp_source"),
    "population": ("population", "population_year", "population_source"),
    "defence_usd": ("defence_usd", "defence_year", "defence_source"),
    "defence_pct_gdp": ("defence_pct_gdp", "defence_year", "defence_source"),
}


class DoctrineFigure(BaseModel):
    key: str
    value: float
    unit: str
    description: str
    source: str


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("forcegen.data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _figure(row: dict[str, str], value_col: str, year_col: str, source_col: str) -> Figure | None:
    raw = row.get(value_col, "").strip()
    if not raw:
        return None
    year = row.get(year_col, "").strip()
    return Figure(value=float(raw), year=int(year) if year else None,
                  source=row.get(source_col, "").strip() or "countries.csv (no source given)")


@cache
def reference_nations() -> dict[str, Nation]:
    """Every nation in countries.csv, keyed by ISO 3166 alpha-3 code."""
    out: dict[str, Nation] = {}
    for row in _read("countries.csv"):
        figures = {name: _figure(row, *cols) for name, cols in _COLUMNS.items()}
        out[row["iso3"]] = Nation(iso3=row["iso3"], name=row["name"],
                                  notes=row.get("notes", "").strip(), **figures)
    return out


def nation(iso3: str) -> Nation:
    """The reference nation, or a bare one (ISO name, no figures) if the code is valid."""
    ref = reference_nations().get(iso3)
    if ref is not None:
        return ref
    names = iso3_names()
    if iso3 not in names:
        raise NotFound(f"unknown country code {iso3!r} (expected an ISO 3166-1 alpha-3 code)")
    return Nation(iso3=iso3, name=names[iso3])


@cache
def doctrine() -> dict[str, DoctrineFigure]:
    """The doctrine figures forcegen computes with, keyed by name."""
    return {row["key"]: DoctrineFigure(key=row["key"], value=float(row["value"]), unit=row["unit"],
                                       description=row["description"], source=row["source"])
            for row in _read("doctrine.csv")}


@cache
def readiness_defaults() -> dict[str, list[TierDefault]]:
    """The default readiness tiers by set name (``nato_force_model``), from readiness.csv.
    A tier whose figures are not verified carries 'assumption' in its source."""
    out: dict[str, list[TierDefault]] = {}
    for row in _read("readiness.csv"):
        verified = row["verified"].strip().lower() == "true"
        source = (f"readiness.csv:{row['set']}.{row['tier']} — days: {row['days_source']}; "
                  f"troops: {row['troops_source']}")
        if not verified:
            source = "assumption (tier size unverified): " + source
        out.setdefault(row["set"], []).append(TierDefault(
            tier=row["tier"], days_to_move=int(row["days_to_move"]),
            ready_from=int(row["ready_from"]) if row["ready_from"].strip() else None,
            share_of_active=float(row["share_of_active"]), source=source))
    return out
