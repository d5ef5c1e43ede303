"""Bad input to the risk engine gets one clear error (file, field and line where known);
the ``[odds]`` section round-trips, and files without it stay valid."""

from __future__ import annotations

import pytest

from forcegen.analysis.risk import MAX_DRAWS, simulate
from forcegen.analysis.risk.defaults import risk_defaults
from forcegen.errors import ScenarioError, TooLarge, UsageError
from forcegen.io.catalogue import scenario_text
from forcegen.io.toml import export_to_toml, scenario_from_toml_text
from forcegen.model import Modality, Scenario
from tests.analysis.risk.odds import with_odds
from tests.builders import nation, pledge, requirement, scenario

ODDS = """
[odds]
withdrawal_hazard_monthly = 0.01
withdrawal_source = "assumption: a test"

[[odds.conditions]]
kind = "ceasefire"
probability = 0.4
delay_months = 1
source = "assumption: a test"

[[odds.pledges]]
nation = "FRA"
probability = 0.9
source = "Some Wire, 2025-02-17"
"""


def paris_with(extra: str) -> Scenario:
    text, _ = scenario_text("paris-2025")
    return scenario_from_toml_text(text + extra, file="p.toml")


def error_of(extra: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        paris_with(extra)
    return info.value


def line_of(text: str, needle: str) -> int:
    base, _ = scenario_text("paris-2025")
    return (base + text).splitlines().index(needle) + 1


def test_old_files_stay_valid_and_odds_round_trip(paris_2025: Scenario) -> None:
    assert paris_2025.odds is None
    scn = paris_with(ODDS)
    assert scn.odds is not None and scn.odds.pledges[0].probability == 0.9
    assert scenario_from_toml_text(export_to_toml(scn)) == scn
    assert scenario_from_toml_text(export_to_toml(paris_2025)) == paris_2025


def test_overrides_are_used_and_recorded() -> None:
    result = simulate(paris_with(ODDS), draws=2_000, seed=0)
    fra = next(p for p in result.pledges if p.nation == "FRA")
    assert fra.probability == 0.9
    names = {a.name: a for a in result.assumptions}
    assert names["odds.pledge.FRA"].source == "Some Wire, 2025-02-17"
    assert not names["odds.pledge.FRA"].is_assumption
    assert names["odds.ceasefire.probability"].value == 0.4
    assert result.withdrawal_hazard_monthly == 0.01


def test_probability_outside_zero_one_names_field_and_line() -> None:
    bad = ODDS.replace("probability = 0.9", "probability = 1.5")
    err = error_of(bad)
    assert err.field == "odds.pledges[0].probability"
    assert err.line == line_of(bad, "probability = 1.5")
    assert "1.5" in str(err)


def test_condition_referenced_but_not_defined() -> None:
    extra = """
[[odds.conditions]]
kind = "parliamentary_approval"
nation = "FRA"
probability = 0.5
source = "assumption"
"""
    err = error_of(extra)
    assert err.field == "odds.conditions[0].kind"
    assert "not defined" in str(err) and "FRA" in str(err)
    assert err.line == line_of(extra, 'kind = "parliamentary_approval"')


def test_shared_condition_takes_no_nation() -> None:
    err = error_of('\n[[odds.conditions]]\nkind = "ceasefire"\nnation = "FRA"\n'
                   'probability = 0.5\nsource = "assumption"\n')
    assert err.field == "odds.conditions[0].nation" and "shared" in str(err)


def test_pledge_override_for_a_nation_without_a_pledge() -> None:
    err = error_of('\n[[odds.pledges]]\nnation = "ESP"\nprobability = 0.5\n'
                   'source = "assumption"\n')
    assert err.field == "odds.pledges[0].nation" and "ESP" in str(err)


def test_withdrawal_hazard_needs_a_source() -> None:
    err = error_of("\n[odds]\nwithdrawal_hazard_monthly = 0.01\n")
    assert err.field == "odds.withdrawal_source"


@pytest.mark.parametrize("draws", [0, -5, 2.5, True])
def test_draw_count_must_be_positive(draws: object) -> None:
    scn = with_odds(scenario([nation("FRA")], [pledge("FRA", troops_max=10)]))
    with pytest.raises(UsageError, match="positive whole number"):
        simulate(scn, draws=draws, seed=0)  # type: ignore[arg-type]


def test_draw_count_too_large() -> None:
    scn = with_odds(scenario([nation("FRA")], [pledge("FRA", troops_max=10)]))
    with pytest.raises(TooLarge, match="at most"):
        simulate(scn, draws=MAX_DRAWS + 1, seed=0)


def test_scenario_too_large_for_memory() -> None:
    codes = ["FRA", "DEU", "GBR", "POL", "NLD"]
    many = [pledge(c, troops_max=10) for c in codes for _ in range(400)]
    scn = scenario([nation(c) for c in codes], many, req=requirement())
    with pytest.raises(TooLarge, match="too large for memory"):
        simulate(scn, draws=10, seed=0)


def test_negative_seed_is_refused() -> None:
    scn = with_odds(scenario([nation("FRA")], [pledge("FRA", troops_max=10)]))
    with pytest.raises(UsageError, match="seed"):
        simulate(scn, draws=10, seed=-1)


def test_every_default_is_a_named_assumption_with_a_rationale() -> None:
    defaults = risk_defaults()
    for m in Modality:
        assert 0 <= defaults[f"modality.{m.value}"].value <= 1
    for key, d in defaults.items():
        assert d.rationale.strip() and d.source.strip(), key
        if d.unit == "probability":
            assert 0 <= d.value <= 1, key


def test_source_grade_lowers_by_the_best_grade(paris_2025: Scenario) -> None:
    plain = simulate(paris_2025, draws=1_000, seed=0)
    graded = simulate(paris_2025, draws=1_000, seed=0, source_grade=True)
    defaults = risk_defaults()
    for p0, p1, pledge_ in zip(plain.pledges, graded.pledges,
                               [p for p in paris_2025.pledges if p.modality is not
                                Modality.RULED_OUT], strict=True):
        grades = sorted(s.grade for s in pledge_.sources if s.grade)
        key = f"grade.{grades[0] if grades else 'ungraded'}"
        assert p1.probability == pytest.approx(p0.probability * defaults[key].value)
    assert not plain.source_grade and graded.source_grade


def test_coalition_2025_answers() -> None:
    from forcegen.io.catalogue import load_scenario

    result = load_scenario("coalition-2025").risk(draws=5_000, seed=1)
    assert result.scenario == "coalition-2025" and result.draws == 5_000
    w = result.with_priors.steady_state
    assert w.p_min >= result.quantified.steady_state.p_min  # priors only add troops
    # "No ground troops" is recorded as 0: the US gets no prior, so no invented US troops
    assert "USA" not in {p.nation for p in result.priors}
    assert "DEU" in {p.nation for p in result.priors}  # an unnumbered European offer does
