"""Build forcegen/data/countries.csv from the shared edition: the shared columns unchanged,
plus a grade per figure and a conscript flag per army figure, by the rules stated here.

Grades: A official or primary (a publisher's table, or a verbatim copy of one);
B major outlet, wire or defence press reporting an official figure;
C secondary compilation, mirror or state media.

Run: python docs/grade_countries.py /work/shared/data/countries.csv > forcegen/data/countries.csv
"""

from __future__ import annotations

import csv
import sys

#: (text found in a source cell, grade, why), first match wins
RULES: list[tuple[str, str, str]] = [
    ("Defence Expenditure of NATO Countries", "A", "NATO official table (workbook copy)"),
    ("SIPRI", "A", "SIPRI database (workbook copy)"),
    ("World Bank", "A", "World Bank WDI (API extract)"),
    ("BMVg", "A", "ministry table, verbatim reproduction"),
    ("Quarterly service personnel statistics", "B", "MoD statistics via defence press"),
    ("World Factbook", "C", "secondary compilation, rounded, read via a mirror"),
]

#: whether the army figure counts conscripts, from conscripts_share_note (None: no figure)
CONSCRIPTS_IN_ARMY = {"DNK", "FIN", "NOR", "LTU", "TUR", "GRC"}

FIGURES = (("active", "active_source"), ("army", "army_source"), ("gdp", "gdp_source"),
           ("population", "population_source"), ("spending", "spending_source"))


def grade(source: str) -> str:
    for needle, g, _why in RULES:
        if needle in source:
            return g
    raise SystemExit(f"no grade rule for source: {source[:80]!r}")


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    extra = [f"{name}_grade" for name, _ in FIGURES] + ["army_includes_conscripts"]
    out = csv.DictWriter(sys.stdout, fieldnames=fields + extra, lineterminator="\n")
    out.writeheader()
    for row in rows:
        for name, col in FIGURES:
            row[f"{name}_grade"] = grade(row[col]) if row[col].strip() else ""
        has_army = bool(row["army_personnel"].strip()) and float(row["army_personnel"]) > 0
        row["army_includes_conscripts"] = (
            ("yes" if row["iso3"] in CONSCRIPTS_IN_ARMY else "no") if has_army else "")
        out.writerow(row)


if __name__ == "__main__":
    main(sys.argv[1])
