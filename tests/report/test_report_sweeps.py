"""The sweep report's rendering: heat map cells of a share and of troops, the relaxed rule
under the table."""

from __future__ import annotations

import io

import pandas as pd
from rich.console import Console

from forcegen.analysis.sweeps.report import summarise_sweep
from forcegen.report.sweeps import cell_label, is_share, sweep_renderable


def test_cells_of_a_share_and_of_troops() -> None:
    assert is_share("sourcing_coverage") and is_share("p_min_steady")
    assert not is_share("max_possible")
    assert cell_label("sourcing_coverage", 0.524) == "0.52"
    assert cell_label("p_min_month_12", 0.5) == "0.50"
    assert cell_label("max_possible", 25000.0) == "25,000"


def test_the_relaxed_rule_is_printed_under_the_table() -> None:
    rows = [{"variant": i, "a": i % 2, "b": i // 2, "sourcing_coverage": 0.3 * (i % 2) + 0.4,
             "error": None} for i in range(4)]
    meta = {"name": "t", "scenario": "s", "band": {"min_troops": 1, "max_troops": 2},
            "parameters": [{"name": "a", "base": 0}, {"name": "b", "base": 0}]}
    report = summarise_sweep(pd.DataFrame(rows), meta)
    assert report.target == "sourcing_coverage"  # no risk columns: the coverage before troops
    out = io.StringIO()
    Console(file=out, width=200).print(sweep_renderable(report))
    text = out.getvalue()
    assert "A parameter is relaxed when it is away from the scenario's own value" in text
    assert "Reaching the band (sourcing_coverage >= 0.5): 2 variants" in text
