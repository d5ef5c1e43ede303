"""The briefing renders the typed document: figures, and the reference data behind them."""

from __future__ import annotations

import io

from rich.console import Console

from forcegen.analysis.plan.plan import PlanResult
from forcegen.model import Scenario
from forcegen.report.plan import plan_renderable


def briefing(result: PlanResult) -> str:
    console = Console(record=True, width=220, file=io.StringIO())
    console.print(plan_renderable(result))
    return console.export_text()


def test_briefing_shows_the_hand_computed_figures(small_coalition: Scenario) -> None:
    text = briefing(small_coalition.plan())
    fin = next(x for x in text.splitlines() if x.strip().startswith("FIN (FIN)"))
    # FIN: 1,200 offered; usable 4,800 < pool 6,000: short after 4 tours = 24 months;
    # sustainable 4,800 / 5 = 960; land forces 12,000* (half its 24,000 actives)
    for figure in ("1,200", "short (24 months)", "960", "6,000", "12,000*"):
        assert figure in fin
    assert "2,000 pledged troops name no capability" in text
