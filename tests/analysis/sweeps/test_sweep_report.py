"""The sweep report on hand-made results: the variance-based index, the heat map and the
variants with the fewest assumptions relaxed, checked against hand computation."""

from __future__ import annotations

import pandas as pd
import pytest

from forcegen.analysis.sweeps.report import away, first_order, summarise_sweep
from forcegen.errors import UsageError

META = {"name": "t", "scenario": "paris-2025", "band": {"min_troops": 25000,
                                                         "max_troops": 30000},
        "parameters": [{"name": "a", "base": 1}, {"name": "b", "base": "x"},
                       {"name": "c", "base": True}]}


def frame() -> pd.DataFrame:
    # y = 0.5 * a + (0.2 if b == "y" else 0); c has no effect
    rows = []
    i = 0
    for a in (0, 1):
        for b in ("x", "y"):
            for c in (True, False):
                rows.append({"variant": i, "a": a, "b": b, "c": c,
                             "p_min_steady": 0.5 * a + (0.2 if b == "y" else 0.0),
                             "max_possible": 20000 + 10000 * a, "error": None})
                i += 1
    return pd.DataFrame(rows)


def test_first_order_index_by_hand() -> None:
    df = frame()
    # Var(y) over 8 rows: y in {0, .2, .5, .7} twice each, mean .35
    # Var(E[y|a]) share: a explains 0.25^2*8 = 0.5 of total 8*(.1225+.0225)= ...
    total = sum((y - 0.35) ** 2 for y in df["p_min_steady"])
    assert first_order(df, "a", "p_min_steady")[0] == pytest.approx(8 * 0.25**2 / total)
    assert first_order(df, "b", "p_min_steady")[0] == pytest.approx(8 * 0.1**2 / total)
    assert first_order(df, "c", "p_min_steady")[0] == pytest.approx(0.0)


def test_report_ranks_draws_the_heat_map_and_finds_the_fewest_relaxed() -> None:
    report = summarise_sweep(frame(), META, threshold=0.5)
    assert report.target == "p_min_steady"
    assert [r.parameter for r in report.ranking] == ["a", "b", "c"]
    assert "variance-based" in report.method
    h = report.heatmap
    assert h is not None and (h.x, h.y) == ("a", "b")
    assert h.x_labels == ["0", "1"] and h.y_labels == ["x", "y"]
    assert h.values == [[pytest.approx(0.0), pytest.approx(0.5)],
                        [pytest.approx(0.2), pytest.approx(0.7)]]
    # reaching 0.5 needs a = 1 (the base): the fewest relaxed is a=1, b=x, c=True
    assert report.reaching == 4
    best = report.fewest_relaxed[0]
    assert best.relaxed == [] and best.values == {"a": 1, "b": "x", "c": True}
    assert [len(v.relaxed) for v in report.fewest_relaxed] == [0, 1, 1, 2]


def test_plan_only_results_rank_max_possible_against_the_band() -> None:
    report = summarise_sweep(frame().drop(columns="p_min_steady"), META)
    assert report.target == "max_possible"
    assert report.reaching == 4 and "25,000" in report.band_reached


def test_unknown_target_is_refused() -> None:
    with pytest.raises(UsageError, match="no column 'nope'"):
        summarise_sweep(frame(), META, target="nope")


def test_a_continuous_parameter_is_relaxed_outside_the_bin_of_the_base() -> None:
    """16 values 0, 1, ..., 15 cut into 8 quantile bins of two; the base 4.5 lies in
    the bin (3.75, 5.625] holding 4 and 5: those two are not relaxed, all others are."""
    s = pd.Series([float(v) for v in range(16)])
    got = away(s, 4.5)
    assert [v for v, moved in zip(range(16), got, strict=True) if not moved] == [4, 5]
    assert away(s, 99.0).all()  # a base outside every bin: every variant moved
    assert away(s, None).all()  # no base value: every value is an assumption
    assert list(away(pd.Series([True, False]), True)) == [False, True]
    assert list(away(pd.Series([3.0, 3.5]), 3)) == [False, True]


def test_fewest_relaxed_counts_a_continuous_parameter_near_its_base_as_kept() -> None:
    rows = [{"variant": i, "x": float(i), "k": "a" if i % 2 else "b",
             "p_min_steady": i / 15, "error": None} for i in range(16)]
    meta = {**META, "parameters": [{"name": "x", "base": 14.2}, {"name": "k", "base": "a"}]}
    report = summarise_sweep(pd.DataFrame(rows), meta, threshold=0.5)
    # x = 14 and 15 share the bin of 14.2; k = "a" for odd variants
    assert report.fewest_relaxed[0].variant == 15 and report.fewest_relaxed[0].relaxed == []
    assert [(v.variant, v.relaxed) for v in report.fewest_relaxed[1:3]] == [
        (14, ["k"]), (13, ["x"])]
    assert "quantile bin" in report.relaxed_rule
