"""The typed result on paris-2025: honest bases, the frame, the document, the plot."""

from __future__ import annotations

from pathlib import Path

from forcegen.analysis.risk.result import Basis
from forcegen.model import Scenario
from forcegen.report.risk import plot_risk


def test_paris_quantified_only_never_reaches_the_band(paris_2025: Scenario) -> None:
    """Only France gives a number ("up to 10,000"): quantified alone, 25,000 is out of
    reach in every draw; the priors are listed as priors, never as pledges."""
    result = paris_2025.risk(draws=20_000, seed=4)
    assert result.quantified.steady_state.p_min == 0.0
    assert all(m.quantiles.p95 <= 10_000 for m in result.quantified.months)
    fra = next(p for p in result.pledges if p.nation == "FRA")
    assert (fra.shape, fra.troops_low, fra.troops_high, fra.quantified) == (
        "up_to", 5_000, 10_000, True)
    assert all(not p.quantified for p in result.pledges if p.nation != "FRA")
    isl = next(p for p in result.priors if p.nation == "ISL")
    assert not isl.troops_high  # no armed forces: sustainable capacity 0, no prior troops
    assert result.with_priors.steady_state.mean > result.quantified.steady_state.mean


def test_frame_and_document(paris_2025: Scenario, tmp_path: Path) -> None:
    result = paris_2025.risk(draws=5_000, seed=0)
    df = result.to_frame()
    assert df.index.names == ["basis", "month"]
    assert len(df) == 2 * (result.horizon_months + 1)
    assert df.loc[(Basis.QUANTIFIED.value, 0), "p_min"] == 0.0
    assert {"p_min", "p_min_se", "p_max", "p5", "p95"} <= set(df.columns)
    assert df.attrs["seed"] == 0 and df.attrs["draws"] == 5_000
    tornado = result.sensitivity_frame()
    assert "ceasefire" in tornado.index
    doc = result.to_dict()
    assert doc["with_priors"]["basis"] == "with_priors"
    assert all(a["is_assumption"] for a in doc["assumptions"])  # risk.csv: all assumptions
    out = plot_risk(result, tmp_path / "risk.svg")
    assert out.read_text("utf-8").startswith("<?xml")
