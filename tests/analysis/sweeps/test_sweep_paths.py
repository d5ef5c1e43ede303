"""Parameter paths: every kind the issue names (an assumption, a pledge's modality,
probability or troops, coalition membership, the backstop's firmness, and the limits of
the sourcing plan) moves the engine that reads it; a path to something the scenario does
not have is refused before anything runs, never silently ignored; the scenario's own
value of each (what "relaxed" is measured from) is the value the engines read."""

from __future__ import annotations

import pytest

from forcegen.analysis.sweeps.apply import apply_values, base_value
from forcegen.analysis.sweeps.run import prepare_sweep
from forcegen.analysis.sweeps.spec import SweepSpec
from forcegen.errors import ScenarioError
from forcegen.model import Modality, Scenario


def spec(params: list[dict[str, object]]) -> SweepSpec:
    return SweepSpec.model_validate({"name": "t", "scenario": "paris-2025",
                                     "parameters": params})


@pytest.mark.parametrize(("name", "value", "message"), [
    # a shared condition is drawn once for the coalition: a national override is ignored
    ("conditions.ceasefire.FRA.probability", 0.5, "one condition for the whole coalition"),
    ("conditions.us_backstop.DEU.probability", 0.5, "one condition for the whole coalition"),
    # no pledge of the Netherlands hangs on an election; nothing hangs on a capability
    ("conditions.election.NLD.probability", 0.5, "no pledge of NLD carries one"),
    ("conditions.capability.probability", 0.5, "not a condition kind"),
    # the US ruled out troops: "true" would not bring it in
    ("coalition.USA", True, "vary pledges.USA.modality instead"),
    ("sourcing.min_contingent", "big", "needs a number"),
    ("sourcing.backstop_in_place", 1, "needs true or false"),
    ("sourcing.areas", 1, "not a parameter forcegen can vary"),
])
def test_paths_to_nothing_are_refused(paris_2025: Scenario, name: str, value: object,
                                      message: str) -> None:
    with pytest.raises(ScenarioError, match=message) as info:
        prepare_sweep(spec([{"name": name, "values": [value]}]), paris_2025)
    assert info.value.problems[0].field == "parameters[0]"


def test_conditions_the_scenario_has_are_accepted(paris_2025: Scenario) -> None:
    # the requirement's ceasefire, Germany's election, the US backstop (a requirement
    # condition in paris-2025), and a national kind for every nation that carries it
    s = spec([{"name": n, "values": [0.25]} for n in (
        "conditions.ceasefire.probability", "conditions.election.DEU.probability",
        "conditions.us_backstop.probability", "conditions.domestic_politics.probability",
        "conditions.parliamentary_approval.NLD.probability")])
    assert len(prepare_sweep(s, paris_2025).variants) == 1


def test_coalition_check_reads_the_base_not_the_order(small_coalition: Scenario) -> None:
    # POL ruled out in the base: refused whether or not its modality is set first
    for values in ({"coalition.POL": True},
                   {"pledges.POL.modality": "offered", "coalition.POL": True}):
        with pytest.raises(ScenarioError, match="POL has ruled out every pledge"):
            apply_values(small_coalition, values)


def test_sourcing_limits_are_set_as_assumptions(paris_2025: Scenario) -> None:
    v = apply_values(paris_2025, {"sourcing.backstop_in_place": True,
                                  "sourcing.min_contingent": 299.6,
                                  "sourcing.standoff_km": 50,
                                  "sourcing.max_nations_per_area": 2,
                                  "sourcing.lead_hq_share": 0.25})
    s = v.sourcing_setup
    assert s is not None and paris_2025.sourcing_setup is not None
    assert (s.backstop_in_place, s.min_contingent, s.standoff_km, s.max_nations_per_area,
            s.lead_hq_share) == (True, 300, 50.0, 2, 0.25)
    assert s.backstop_source == s.min_contingent_source == "assumption: a value set by the sweep"
    # the rest of the section is the scenario's
    assert s.areas == paris_2025.sourcing_setup.areas
    assert s.lines == paris_2025.sourcing_setup.lines


def test_sourcing_limit_moves_the_optimiser(paris_2025: Scenario) -> None:
    """A standoff of 1,200 km keeps every paris-2025 area (Kyiv 450 km, the west 1,000 km,
    Odesa 200 km from the line of contact) closed: nothing can be assigned."""
    base = paris_2025.sourcing.optimize(prices=False)
    closed = apply_values(paris_2025, {"sourcing.standoff_km": 1200}).sourcing.optimize(
        prices=False)
    assert base.troops_filled > 0
    assert closed.troops_filled == 0


def test_base_values_are_what_the_engines_read(paris_2025: Scenario) -> None:
    # no [odds] in paris-2025: a probability's own value is risk.csv's default
    assert paris_2025.odds is None
    assert base_value(paris_2025, "conditions.ceasefire.probability") == 0.5
    assert base_value(paris_2025, "conditions.election.DEU.probability") == 0.7
    assert base_value(paris_2025, "pledges.DEU.probability") == 0.2  # cautious
    assert base_value(paris_2025, "pledges.FRA.probability") == 0.35  # considering
    assert base_value(paris_2025, "odds.withdrawal_hazard_monthly") == 0.005
    assert base_value(paris_2025, "sourcing.min_contingent") == 150
    assert base_value(paris_2025, "pledges.GBR.troops") is None  # no number given
    # an override is the value once there is one
    v = apply_values(paris_2025, {"conditions.ceasefire.probability": 0.9,
                                  "pledges.DEU.probability": 0.6})
    assert base_value(v, "conditions.ceasefire.probability") == 0.9
    assert base_value(v, "pledges.DEU.probability") == 0.6
    assert base_value(v, "conditions.election.DEU.probability") == 0.7


def test_each_kind_of_parameter_moves_its_engine(paris_2025: Scenario) -> None:
    """Hand-checked directions on paris-2025: a number for the UK raises the maximum
    possible by that number; the backstop's firmness decides whether it counts against the
    capability gaps (it counts from 'offered'); Poland leaving removes its pledge."""
    gbr = apply_values(paris_2025, {"pledges.GBR.troops": 5000}).plan()
    assert gbr.generation.max_possible == paris_2025.plan().generation.max_possible + 5000

    def counted(modality: str) -> bool:
        plan = apply_values(paris_2025, {"backstops.USA.modality": modality}).plan()
        return any(line.filled_by_backstop for line in plan.coverage.lines)
    assert not counted("considering") and counted("offered") and counted("committed")

    out = apply_values(paris_2025, {"coalition.POL": False})
    assert all(p.modality is Modality.RULED_OUT for p in out.pledges_of("POL"))
