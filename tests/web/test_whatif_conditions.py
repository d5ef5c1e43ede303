"""``forcegen.web.whatif``: the scratch copy a what-if on conditions makes. A condition
taken as met or not is an ``[odds]`` override that replaces the scenario's own for the
same condition and keeps the others; a backstop's modality changes only that provider's;
the scenario passed in is never changed."""

from __future__ import annotations

import pytest

from forcegen.errors import NotFound, UsageError
from forcegen.model import ConditionKind, Modality, Scenario
from forcegen.model.odds import ConditionOdds, ScenarioOdds
from forcegen.web.whatif import apply_conditions, condition_options


def with_odds(scn: Scenario) -> Scenario:
    return scn.model_copy(update={"odds": ScenarioOdds(conditions=(
        ConditionOdds(kind=ConditionKind.ELECTION, nation="DEU", probability=0.9,
                      source="a poll"),
        ConditionOdds(kind=ConditionKind.ELECTION, nation="POL", probability=0.4,
                      source="another poll")))})


def test_a_condition_replaces_the_scenarios_own_odds_for_it(paris_2025: Scenario) -> None:
    scn = with_odds(paris_2025)
    changed, notes = apply_conditions(
        scn, [{"kind": "election", "nation": "DEU", "met": False}], [])
    assert changed.odds is not None
    odds = {(c.kind.value, c.nation): (c.probability, c.source)
            for c in changed.odds.conditions}
    assert odds == {("election", "DEU"): (0.0, "what-if (scratch copy, not in the ledger): "
                                                "not met"),
                    ("election", "POL"): (0.4, "another poll")}
    assert notes == ["condition election (DEU) taken as not met: probability 0"]
    assert scn.odds is not None and len(scn.odds.conditions) == 2  # the original as it was
    assert changed.pledges == scn.pledges and changed.backstops == scn.backstops


def test_met_means_certain_and_without_delay(paris_2025: Scenario) -> None:
    changed, _ = apply_conditions(paris_2025, [{"kind": "ceasefire", "met": True}], [])
    assert changed.odds is not None
    (odds,) = changed.odds.conditions
    assert (odds.kind, odds.nation, odds.probability, odds.delay_months) == (
        ConditionKind.CEASEFIRE, None, 1.0, 0)
    assert paris_2025.odds is None


def test_a_backstop_changes_only_its_provider(small_coalition: Scenario) -> None:
    changed, notes = apply_conditions(
        small_coalition, [], [{"provider": "USA", "modality": "committed"}])
    assert [b.modality for b in changed.backstops] == [Modality.COMMITTED]
    assert [b.modality for b in small_coalition.backstops] == [Modality.CONSIDERING]
    assert changed.backstops[0].capabilities == small_coalition.backstops[0].capabilities
    assert notes == ["USA backstop taken as committed"]  # not a nation of this scenario


def test_nothing_to_change_is_the_same_scenario(paris_2025: Scenario) -> None:
    assert apply_conditions(paris_2025, [], []) == (paris_2025, [])


def test_the_options_are_the_conditions_the_scenario_names(paris_2025: Scenario) -> None:
    values = [o["value"] for o in condition_options(paris_2025)]
    assert values[:2] == ["ceasefire:", "us_backstop:"]  # shared ones first
    assert {"election:DEU", "election:POL", "parliamentary_approval:NLD", "other:GBR",
            "domestic_politics:DEU", "domestic_politics:POL"} <= set(values)
    assert "election:FRA" not in values  # France names no election
    assert len(values) == len(set(values))


@pytest.mark.parametrize(("conditions", "backstops", "error", "field"), [
    ([{"kind": "ceasefire", "nation": "FRA", "met": True}], [], UsageError,
     "conditions[0].nation"),
    ([{"kind": "election", "nation": "ZZZ", "met": True}], [], NotFound,
     "conditions[0].nation"),
    ([{"kind": "election", "nation": "GBR", "met": True}], [], NotFound,
     "conditions[0].kind"),
    ([{"kind": "election", "nation": "DEU", "met": True},
      {"kind": "election", "nation": "DEU", "met": False}], [], UsageError, "conditions[1]"),
    ([], [{"provider": "GBR", "modality": "offered"}], NotFound, "backstops[0].provider"),
    ([], [{"provider": "USA", "modality": "offered"}, {"provider": "USA",
                                                       "modality": "committed"}],
     UsageError, "backstops[1].provider"),
])
def test_wrong_changes_name_the_field(paris_2025: Scenario, conditions: list[dict[str, object]],
                                      backstops: list[dict[str, object]],
                                      error: type[Exception], field: str) -> None:
    with pytest.raises(error) as raised:
        apply_conditions(paris_2025, conditions, backstops)
    assert str(raised.value).startswith(field + ":")
