"""Plotly figures (plain JSON-ready dicts, as in ``charts``) for the engines' pages: the
risk fan chart and tornado, the sourcing plan by area and period. Built from the result
documents (the CLI's ``--json``), so a chart shows exactly what the API returns."""

from __future__ import annotations

from typing import Any

from forcegen.web.charts import LAYOUT

#: (basis key, colour as r,g,b, label): the same colours as ``forcegen risk --plot``.
BASES = (("with_priors", "33,102,172", "with priors"),
         ("quantified", "178,24,43", "quantified only"))
BAND_COLOUR = "rgba(77,146,33,0.2)"
MISSING_COLOUR = "#bbbbbb"


def _basis(doc: dict[str, Any], key: str) -> dict[str, Any]:
    """A risk document's basis: ``quantified`` is at the top level, ``with_priors`` nested."""
    basis: dict[str, Any] = doc["with_priors"] if key == "with_priors" else doc
    return basis


def fan_chart(doc: dict[str, Any], *, height: int = 420) -> dict[str, Any]:
    """Troops in place month by month: the 5-95 % and 25-75 % bands and the median of
    both bases, with the requirement's band drawn across."""
    data: list[dict[str, Any]] = []
    for key, rgb, label in BASES:
        months = _basis(doc, key)["months"]
        x = [m["month"] for m in months]

        def q(name: str, months: list[dict[str, Any]] = months) -> list[int]:
            return [m["quantiles"][name] for m in months]

        for lo, hi, alpha, span in (("p5", "p95", 0.15, "5-95 %"), ("p25", "p75", 0.3,
                                                                   "25-75 %")):
            data.append({"type": "scatter", "mode": "lines", "x": x, "y": q(lo),
                         "line": {"width": 0}, "showlegend": False, "hoverinfo": "skip",
                         "legendgroup": f"{key}-{span}"})
            data.append({"type": "scatter", "mode": "lines", "x": x, "y": q(hi),
                         "line": {"width": 0}, "fill": "tonexty",
                         "fillcolor": f"rgba({rgb},{alpha})", "name": f"{label}: {span}",
                         "legendgroup": f"{key}-{span}"})
        data.append({"type": "scatter", "mode": "lines", "x": x, "y": q("p50"),
                     "line": {"color": f"rgb({rgb})"}, "name": f"{label}: median"})
    band = doc["band"]
    return {
        "data": data,
        "layout": {
            **LAYOUT, "height": height,
            "title": {"text": f"Troops in place: {doc['draws']:,} draws, seed {doc['seed']}"},
            "xaxis": {"title": {"text": f"months after {doc['as_of']}"},
                      "range": [0, doc["horizon_months"]]},
            "yaxis": {"title": {"text": "troops in place"}, "rangemode": "tozero"},
            "shapes": [{"type": "rect", "xref": "paper", "x0": 0, "x1": 1,
                        "y0": band["min_troops"], "y1": band["max_troops"],
                        "fillcolor": BAND_COLOUR, "line": {"width": 0}, "layer": "below"}],
            "annotations": [{"xref": "paper", "x": 1, "y": band["max_troops"],
                             "xanchor": "right", "yanchor": "bottom", "showarrow": False,
                             "text": f"band {band['min_troops']:,}-{band['max_troops']:,}"}],
            "legend": {"orientation": "h", "y": -0.2},
        },
    }


def _is_signal(s: dict[str, Any]) -> bool:
    """The swing in P(>= minimum) exceeds two standard errors (``Sensitivity``)."""
    noise: float = 2 * (s["p_if_true_se"] ** 2 + s["p_if_false_se"] ** 2) ** 0.5
    return bool(abs(s["swing"]) > noise)


def tornado(doc: dict[str, Any], *, top: int = 12) -> dict[str, Any]:
    """What reaching the band's minimum hinges on: each pledge or condition forced to
    happen or not; as ``forcegen risk --plot`` draws it (on troops when the minimum is out
    of reach whichever way any one goes)."""
    basis = _basis(doc, "with_priors" if doc["priors"] else "quantified")
    rows = basis["sensitivity"]
    steady = basis["steady_state"]
    by_chance = any(_is_signal(s) for s in rows)
    minimum = f"{doc['band']['min_troops']:,}"
    if by_chance:
        rows = rows[:top][::-1]
        base = steady["p_min"]
        hi = [s["p_if_true"] - base for s in rows]
        lo = [s["p_if_false"] - base for s in rows]
        axis = {"title": {"text": f"P(>= {minimum} troops at steady state)"},
                "range": [0, 1], "tickformat": ".0%"}
    else:
        rows = sorted(rows, key=lambda s: -abs(s["troops_swing"]))[:top][::-1]
        base = steady["mean"]
        hi = [s["troops_if_true"] - base for s in rows]
        lo = [s["troops_if_false"] - base for s in rows]
        axis = {"title": {"text": f"mean troops at steady state (P(>= {minimum}) stays near "
                                  f"{steady['p_min']:.1%} whichever way any one goes)"}}
    names = [s["factor"] for s in rows]
    bar = {"type": "bar", "orientation": "h", "y": names, "base": base}
    return {
        "data": [{**bar, "x": hi, "name": "if it happens", "marker": {"color": "#4393c3"}},
                 {**bar, "x": lo, "name": "if not", "marker": {"color": "#d6604d"}}],
        "layout": {**LAYOUT, "height": max(300, 60 + 28 * len(rows)), "barmode": "overlay",
                   "title": {"text": "What it hinges on"}, "xaxis": axis,
                   "yaxis": {"automargin": True},
                   "margin": {"l": 220, "r": 20, "t": 40, "b": 60},
                   "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": base,
                               "x1": base, "y0": 0, "y1": 1, "line": {"color": "#000"}}]},
    }


def sourcing_bars(doc: dict[str, Any]) -> dict[str, Any]:
    """Troops by area and period, stacked by nation, with what is still missing."""
    areas = {a["name"]: a["title"] for a in doc["areas"]}
    slots = [(a, p["name"]) for a in areas for p in doc["periods"]]
    x = [[areas[a] for a, _ in slots], [p for _, p in slots]]
    nations = list(dict.fromkeys(a["nation"] for a in doc["assignments"]))
    data: list[dict[str, Any]] = []
    for n in nations:
        troops: dict[tuple[str, str], int] = {}
        for a in doc["assignments"]:
            if a["nation"] == n:
                slot = (a["area"], a["period"])
                troops[slot] = troops.get(slot, 0) + a["troops"]
        data.append({"type": "bar", "name": n, "x": x,
                     "y": [troops.get(s, 0) for s in slots]})
    missing = {s: 0 for s in slots}
    for u in doc["unfilled"]:
        slot = (u["area"], u["period"])
        missing[slot] = missing.get(slot, 0) + u["troops"]
    data.append({"type": "bar", "name": "missing", "x": x,
                 "y": [missing[s] for s in slots], "marker": {"color": MISSING_COLOUR}})
    return {"data": data,
            "layout": {**LAYOUT, "barmode": "stack", "height": 420,
                       "title": {"text": f"Sourcing plan ({doc['mode']} mode): troops by "
                                         "area and period"},
                       "yaxis": {"title": {"text": "troops"}}}}
