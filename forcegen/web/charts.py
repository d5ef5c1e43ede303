"""Plotly figures (as plain JSON-ready dicts) for the pages, built from the result
documents; the browser draws them with the plotly.min.js the app serves."""

from __future__ import annotations

from typing import Any

MODALITY_COLOURS = {
    "committed": "#1a7f37", "offered": "#4c9f38", "conditional": "#d4a72c",
    "considering": "#e0823d", "cautious": "#b8b8b8", "ruled_out": "#8c1c13",
}
LAYOUT = {"margin": {"l": 60, "r": 20, "t": 40, "b": 40}, "height": 360,
          "font": {"family": "system-ui, sans-serif", "size": 12}}


def modality_bars(plan: dict[str, Any]) -> dict[str, Any]:
    """Troops by modality, with the requirement band as two lines."""
    totals, target = plan["totals"], plan["target"]
    names = list(MODALITY_COLOURS)
    return {
        "data": [{"type": "bar", "x": names, "y": [totals[m] for m in names],
                  "marker": {"color": [MODALITY_COLOURS[m] for m in names]},
                  "name": "troops"}],
        "layout": {**LAYOUT, "title": {"text": "Troops by modality (largest stated figure)"},
                   "yaxis": {"title": {"text": "troops"}},
                   "shapes": [_hline(target["min_troops"]), _hline(target["max_troops"])]},
    }


def _hline(y: int) -> dict[str, Any]:
    return {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "line": {"dash": "dash", "color": "#333"}}


def gaps_bars(plan: dict[str, Any]) -> dict[str, Any]:
    lines = plan["capabilities"]
    labels = [c["label"] for c in lines]
    return {
        "data": [
            {"type": "bar", "name": "required", "x": labels, "y": [c["required"] for c in lines]},
            {"type": "bar", "name": "pledged", "x": labels, "y": [c["pledged"] for c in lines]},
            {"type": "bar", "name": "gap without backstop", "x": labels,
             "y": [c["gap"] for c in lines]},
            {"type": "bar", "name": "gap with backstop", "x": labels,
             "y": [c["gap_with_backstop"] for c in lines]},
        ],
        "layout": {**LAYOUT, "barmode": "group", "title": {"text": "Capability lines (troops)"},
                   "yaxis": {"title": {"text": "troops"}}},
    }


def timeline_lines(timeline: dict[str, Any]) -> dict[str, Any]:
    totals = timeline["totals"]
    dates = [t["date"] for t in totals]

    def line(key: str, name: str, dash: str = "solid") -> dict[str, Any]:
        return {"type": "scatter", "mode": "lines", "line": {"shape": "hv", "dash": dash},
                "x": dates, "y": [t[key] for t in totals], "name": name}

    return {"data": [line("certain", "certain"), line("max_possible", "max possible"),
                     line("band_min", "band minimum", "dash"),
                     line("band_max", "band maximum", "dash")],
            "layout": {**LAYOUT, "title": {"text": "Stated troops against the band"},
                       "yaxis": {"title": {"text": "troops"}}}}


def reinforcement_curve(result: dict[str, Any]) -> dict[str, Any]:
    days = result["days"]
    data = [{"type": "scatter", "mode": "lines", "name": "troops in theatre",
             "x": [d["day"] for d in days], "y": [d["troops"] for d in days]}]
    return {"data": data,
            "layout": {**LAYOUT, "title": {"text": "Troops in theatre by day after the order"},
                       "xaxis": {"title": {"text": "day"}},
                       "yaxis": {"title": {"text": "troops"}}}}
