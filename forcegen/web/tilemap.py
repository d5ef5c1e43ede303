"""A tile-grid map of Europe: one square per country at a fixed (row, column), so that
every contributor is the same size whatever its area. Nations outside the grid (the
United States, Canada, Australia...) go on a row of their own below it."""

from __future__ import annotations

from typing import Any

GRID: dict[str, tuple[int, int]] = {
    "ISL": (0, 0), "NOR": (0, 4), "SWE": (0, 5), "FIN": (0, 6),
    "IRL": (1, 0), "GBR": (1, 1), "DNK": (1, 4), "EST": (1, 6),
    "BEL": (2, 2), "NLD": (2, 3), "DEU": (2, 4), "POL": (2, 5), "LVA": (2, 6),
    "FRA": (3, 2), "LUX": (3, 3), "CZE": (3, 4), "SVK": (3, 5), "LTU": (3, 6), "UKR": (3, 7),
    "PRT": (4, 0), "ESP": (4, 1), "CHE": (4, 2), "AUT": (4, 3), "HUN": (4, 4), "ROU": (4, 5),
    "MDA": (4, 6),
    "ITA": (5, 3), "SVN": (5, 4), "HRV": (5, 5), "SRB": (5, 6), "BGR": (5, 7),
    "MLT": (6, 3), "BIH": (6, 4), "MNE": (6, 5), "MKD": (6, 6), "TUR": (6, 7),
    "ALB": (7, 5), "GRC": (7, 6), "CYP": (7, 7),
}
ROWS = 1 + max(r for r, _ in GRID.values())


def tiles(nations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One tile per nation row of the plan: iso3, name, modality, troops, row, column
    (1-based, for CSS grid)."""
    out = []
    outside = 0
    for n in nations:
        place = GRID.get(n["iso3"])
        if place is None:
            place = (ROWS + 1, outside)
            outside += 1
        out.append({"iso3": n["iso3"], "name": n["name"], "modality": n["modality"],
                    "troops_max": n["troops_max"], "row": place[0] + 1, "col": place[1] + 1})
    return out
