"""Reading a sweep's results: which parameters move the headline, and where the band is
reached with the fewest assumptions relaxed.

The ranking is **variance-based**: each parameter's first-order index is the share of the
headline's variance explained by that parameter alone, Var(E[Y | X]) / Var(Y) (the
correlation ratio η²), with E[Y | X] the mean of Y over the variants sharing a value of X
(a parameter with more than ``BINS`` distinct values is cut into ``BINS`` quantile bins).
It needs no model of the response; with few variants per bin it reads high, so compare
parameters with each other rather than with 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import BaseModel, Field

from forcegen.errors import UsageError

#: Quantile bins for a parameter with many distinct values (ranking and heat map).
BINS = 8
METHOD = ("variance-based: first-order index Var(E[Y|X])/Var(Y) per parameter "
          f"(correlation ratio; continuous parameters in {BINS} quantile bins)")
#: The headlines, most informative first: the first present in the results is used.
TARGETS = ("p_min_steady_with_priors", "p_min_steady", "p_min_month_12", "sourcing_coverage",
           "max_possible")
RELAXED = ("a parameter is relaxed when it is away from the scenario's own value (for one cut "
           "into quantile bins: outside the bin that holds the scenario's value)")


class Influence(BaseModel):
    parameter: str
    index: float = Field(description="share of the headline's variance, 0 to 1")
    levels: int = Field(description="distinct values or bins")


class HeatMap(BaseModel):
    x: str
    y: str
    x_labels: list[str]
    y_labels: list[str]
    values: list[list[float | None]] = Field(description="mean headline, rows y, columns x")


class RelaxedVariant(BaseModel):
    variant: int
    relaxed: list[str] = Field(description="parameters away from the scenario's value")
    values: dict[str, Any]
    headline: float


class SweepReport(BaseModel):
    sweep: str
    scenario: str
    variants: int
    failed: int = Field(description="variants the engines refused (see the error column)")
    target: str = Field(description="the headline column ranked")
    method: str
    band_reached: str = Field(description="what counts as reaching the band")
    relaxed_rule: str = Field(default=RELAXED, description="what counts as relaxed")
    ranking: list[Influence]
    heatmap: HeatMap | None
    fewest_relaxed: list[RelaxedVariant]
    reaching: int = Field(description="variants that reach the band")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _levels(series: pd.Series) -> pd.Series:
    """The level each variant's value falls in: itself, or its quantile bin."""
    if series.dtype.kind in "fi" and series.nunique() > BINS:
        return pd.qcut(series, BINS, duplicates="drop").astype(str)
    return series.astype(str)


def _label(level: Any) -> str:
    return str(level)


def first_order(frame: pd.DataFrame, parameter: str, target: str) -> tuple[float, int]:
    y = frame[target].astype(float)
    total = float(((y - y.mean()) ** 2).sum())
    levels = _levels(frame[parameter])
    if total == 0:
        return 0.0, int(levels.nunique())
    groups = y.groupby(levels, observed=True)
    between = float((groups.count() * (groups.mean() - y.mean()) ** 2).sum())
    return between / total, int(levels.nunique())


def _differs(value: Any, base: Any) -> bool:
    if base is None:
        return True
    if isinstance(base, bool) or isinstance(value, str):
        return bool(value != base)
    if isinstance(base, int | float):
        return not np.isclose(float(value), float(base))
    return bool(value != base)


def away(series: pd.Series, base: Any) -> pd.Series:
    """Whether each variant's value is away from the scenario's ``base``: a different
    value, or, for a parameter cut into quantile bins (as in the ranking), a value outside
    the bin that holds ``base``. No base value (a pledge with no number): always away."""
    numeric = isinstance(base, int | float) and not isinstance(base, bool)
    if numeric and series.dtype.kind in "fi" and series.nunique() > BINS:
        _, cut = pd.qcut(series, BINS, duplicates="drop", retbins=True)
        edges = np.asarray(cut, dtype=np.float64)
        values = series.to_numpy(dtype=float)
        home = _bin(np.array([float(base)]), edges)[0]
        return pd.Series((_bin(values, edges) != home) | (home < 0), index=series.index)
    return series.map(lambda v: _differs(v, base)).astype(bool)


def _bin(x: npt.NDArray[np.float64], edges: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """The quantile bin of each x, as ``pd.qcut`` cuts them ((a, b], the first [a, b]);
    -1 outside the edges."""
    inside = (x >= edges[0]) & (x <= edges[-1])
    return np.where(inside, np.maximum(np.searchsorted(edges, x, side="left"), 1), -1)


def _order(labels: pd.Series) -> list[str]:
    """Levels in their natural order (numbers and bins ascending)."""
    def key(s: str) -> tuple[int, float, str]:
        t = s.lstrip("([").split(",")[0]
        try:
            return (0, float(t), s)
        except ValueError:
            return (1, 0.0, s)
    return sorted(labels.unique(), key=key)


def summarise_sweep(frame: pd.DataFrame, meta: dict[str, Any], *, target: str | None = None,
                    threshold: float = 0.5, top: int = 10) -> SweepReport:
    """Rank the parameters by their first-order index on ``target``, draw the heat map
    over the two that matter most, and list the variants that reach the band (a
    probability headline at least ``threshold``; ``max_possible`` at least the band's
    minimum) with the fewest parameters away from the scenario's own value."""
    params = [p["name"] for p in meta["parameters"]]
    base = {p["name"]: p["base"] for p in meta["parameters"]}
    if target is None:
        target = next((t for t in TARGETS if t in frame.columns), None)
    if target is None or target not in frame.columns:
        have = [t for t in TARGETS if t in frame.columns]
        raise UsageError(f"no column {target!r} in the results (headlines: {', '.join(have)})")
    if not 0 <= threshold <= 1:
        raise UsageError(f"--threshold is a probability between 0 and 1, got {threshold}")
    ok = frame[frame["error"].isna()] if "error" in frame.columns else frame
    ok = ok[ok[target].notna()]
    ranking = sorted((Influence(parameter=p, index=i, levels=n)
                      for p in params for i, n in [first_order(ok, p, target)] if len(ok)),
                     key=lambda r: -r.index)
    heat = None
    if len(ranking) >= 2 and len(ok):
        x, y = ranking[0].parameter, ranking[1].parameter
        lx, ly = _levels(ok[x]), _levels(ok[y])
        table = ok[target].astype(float).groupby([ly, lx], observed=True).mean()
        xs, ys = _order(lx), _order(ly)
        heat = HeatMap(x=x, y=y, x_labels=xs, y_labels=ys, values=[
            [float(table[(b, a)]) if (b, a) in table.index else None for a in xs] for b in ys])
    if target == "max_possible":
        band_min = int(meta["band"]["min_troops"])
        reached = ok[ok[target] >= band_min]
        rule = f"max_possible >= the band's minimum ({band_min:,} troops)"
    else:
        reached = ok[ok[target] >= threshold]
        rule = f"{target} >= {threshold:g}"
    moved = pd.DataFrame({p: away(ok[p], base[p]) for p in params}, index=ok.index)
    found = []
    for i, row in reached.iterrows():
        relaxed = [p for p in params if bool(moved.at[i, p])]
        found.append(RelaxedVariant(variant=int(row["variant"]), relaxed=relaxed,
                                    values={p: _plain(row[p]) for p in params},
                                    headline=float(row[target])))
    found.sort(key=lambda r: (len(r.relaxed), -r.headline, r.variant))
    return SweepReport(sweep=meta["name"], scenario=meta["scenario"], variants=len(frame),
                       failed=len(frame) - len(ok), target=target, method=METHOD,
                       band_reached=rule, ranking=ranking, heatmap=heat,
                       fewest_relaxed=found[:top], reaching=len(found))


def _plain(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v
