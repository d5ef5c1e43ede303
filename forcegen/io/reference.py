"""The embedded reference data: per-nation figures and doctrine figures, with sources.

This module reads package files; the core receives the `Nation` objects it builds.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel

from forcegen.errors import NotFound
from forcegen.model import Figure, Nation
from forcegen.model.iso import iso3_names
from forcegen.model.reinforcement import TierDefault

#: countries.csv columns per figure: (value, year, source, grade, scale to persons or USD)
_COLUMNS: dict[str, tuple[str, str, str, str, float]] = {
    "active_personnel": ("active_personnel", "active_year", "active_source", "active_grade", 1.0),
    "army_personnel": ("army_personnel", "army_year", "army_source", "army_grade", 1.0),
    "gdp_usd": ("gdp_usd_bn", "gdp_year", "gdp_source", "gdp_grade", 1e9),
    "population": ("population_m", "population_year", "population_source", "population_grade",
                   1e6),
    "defence_usd": ("defence_spending_usd_bn", "spending_year", "spending_source",
                    "spending_grade", 1e9),
}


class DoctrineFigure(BaseModel):
    key: str
    value: float
    unit: str
    description: str
    source: str
    grade: Literal["A", "B", "C"] | None = None
    is_assumption: bool = False


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("forcegen.data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _grade(raw: str) -> Literal["A", "B", "C"] | None:
    grades: dict[str, Literal["A", "B", "C"]] = {"A": "A", "B": "B", "C": "C"}
    return grades.get(raw.strip())


def _figure(row: dict[str, str], value_col: str, year_col: str, source_col: str,
            grade_col: str, scale: float) -> Figure | None:
    raw = row.get(value_col, "").strip()
    if not raw:
        return None
    year = row.get(year_col, "").strip()
    return Figure(value=round(float(raw) * scale, 3), year=int(year) if year else None,
                  source=row.get(source_col, "").strip() or "countries.csv (no source given)",
                  grade=_grade(row.get(grade_col, "")))


def _share_of_gdp(defence: Figure | None, gdp: Figure | None) -> Figure | None:
    """Defence spending as a % of GDP, derived from the two sourced figures."""
    if defence is None or gdp is None or gdp.value <= 0 or defence.year != gdp.year:
        return None
    grades = [g for g in (defence.grade, gdp.grade) if g is not None]
    return Figure(value=round(100 * defence.value / gdp.value, 3), year=defence.year,
                  source="Derived: defence spending (SIPRI) / GDP (World Bank), same year",
                  grade=max(grades) if len(grades) == 2 else None)


def _notes(row: dict[str, str]) -> str:
    parts = [row.get(c, "").strip() for c in ("conscripts_share_note",
                                               "deployable_land_forces_note")]
    return " ".join(p for p in parts if p)


@cache
def reference_nations() -> dict[str, Nation]:
    """Every nation in countries.csv, keyed by ISO 3166 alpha-3 code."""
    out: dict[str, Nation] = {}
    for row in _read("countries.csv"):
        figures = {name: _figure(row, *cols) for name, cols in _COLUMNS.items()}
        figures["defence_pct_gdp"] = _share_of_gdp(figures["defence_usd"], figures["gdp_usd"])
        flag = row.get("army_includes_conscripts", "").strip()
        out[row["iso3"]] = Nation(
            iso3=row["iso3"], name=row["name"], notes=_notes(row),
            army_includes_conscripts={"yes": True, "no": False}.get(flag), **figures)
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
    return {row["key"]: DoctrineFigure(
        key=row["key"], value=float(row["value"]), unit=row["unit"],
        description=row["description"], source=row["source"], grade=_grade(row["grade"]),
        is_assumption=row["source"].strip().lower().startswith("assumption"))
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
