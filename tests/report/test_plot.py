"""The plan's chart: the bars carry the plan's figures (small_coalition, by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcegen.model import Scenario

pytest.importorskip("matplotlib")  # the plot extra; the test environment has every extra

from matplotlib.axes import Axes
from matplotlib.container import BarContainer

from forcegen.report.plot import plan_figure, plot_plan


def bars(ax: Axes, label: str) -> list[float]:
    [container] = [c for c in ax.containers
                   if isinstance(c, BarContainer) and c.get_label() == label]
    return [patch.get_width() for patch in container]


def test_capability_panel_shows_required_pledged_and_backstop(
        small_coalition: Scenario) -> None:
    fig = plan_figure(small_coalition.plan())
    caps = fig.axes[1]
    # lines: land, intelligence, air defence, logistics
    assert bars(caps, "required") == [5_000, 800, 1_000, 500]
    assert bars(caps, "pledged") == [3_600, 0, 1_200, 1_000]
    # the USA only considers its backstop (intelligence, air defence): it fills nothing
    assert bars(caps, "gap the backstop would fill") == [0, 0, 0, 0]
    assert "2,000 pledged troops name no capability" in caps.get_title()


def test_force_panel_stacks_modalities_and_draws_each_nation(small_coalition: Scenario) -> None:
    fig = plan_figure(small_coalition.plan())
    force = fig.axes[0]
    assert bars(force, "offered 6,200") == [6_200]
    assert bars(force, "conditional 1,000") == [1_000]
    assert bars(force, "considering 600") == [600]
    labels = [t.get_text() for t in force.get_yticklabels()]
    assert labels == ["All pledges", "FRA", "DEU", "FIN", "GBR", "NLD"]  # POL ruled out
    per_nation = [p.get_width() for p in force.patches if p.get_y() > 0.5]
    assert per_nation[:5] == [3_000, 600, 1_200, 1_000, 2_000]


def test_plot_plan_writes_the_file(small_coalition: Scenario, tmp_path: Path) -> None:
    out = plot_plan(small_coalition.plan(), tmp_path / "plan.svg")
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
