"""The optional reinforcement and mutual-defence sections of a scenario file: they
round-trip, old files stay valid, and bad values get file, field and line."""

from __future__ import annotations

import pytest

from forcegen.errors import ScenarioError
from forcegen.io.catalogue import load_scenario
from forcegen.io.toml import export_to_toml, scenario_from_toml_text

HEAD = """\
[scenario]
name = "lines"
title = "Line numbers"
as_of = 2025-02-17

[requirement]
min_troops = 100
max_troops = 200
deployment_areas = ["west"]
"""


def error_of(toml_text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        scenario_from_toml_text(toml_text, file="s.toml")
    return info.value


def test_paris_round_trips_with_its_new_sections() -> None:
    scn = load_scenario("paris-2025")
    assert scn.corridors and scn.reinforcement_settings.default_tiers
    assert scn.agreements[0].clauses[0].strength == "consultation"
    assert scn.agreements[0].clauses[0].is_assumption
    assert all(c.is_assumption for c in scn.corridors)
    assert all(t.is_assumption for t in scn.reinforcement_settings.default_tiers)
    assert scenario_from_toml_text(export_to_toml(scn)) == scn


def test_a_file_without_the_sections_stays_valid_and_exports_none() -> None:
    scn = scenario_from_toml_text(HEAD)
    assert scn.corridors == () and scn.readiness == ()
    text = export_to_toml(scn)
    assert "reinforcement_settings" not in text and scenario_from_toml_text(text) == scn


def test_tiers_and_clauses_round_trip() -> None:
    scn = scenario_from_toml_text(HEAD + """
[[readiness]]
nation = "FRA"
tier = "vjtf"
days_to_move = 5
troops = 1000
source = "assumption: test"

[[corridors]]
name = "road"
mode = "road"
origins = ["FRA"]
transit = ["DEU", "POL"]
area = "west"
throughput_per_day = 500
transit_days = 3
source = "assumption: test"

[[agreements]]
kind = "mutual_defence"
status = "draft"
sources = [{ outlet = "X", date = 2025-01-01 }]

[[agreements.clauses]]
name = "us-support"
parties = ["USA"]
strength = "action_deemed_necessary"
draft = true
source = "assumption: test"

[[agreements.caveats]]
party = "POL"
excludes_areas = ["east"]
source = "assumption: test"
""")
    assert set(scn.nations) >= {"FRA", "DEU", "POL", "USA"}
    assert scenario_from_toml_text(export_to_toml(scn)) == scn


def test_negative_throughput_names_file_field_and_line() -> None:
    err = error_of(HEAD + """
[[corridors]]
name = "road"
mode = "road"
throughput_per_day = -5
transit_days = 3
source = "assumption: test"
""")
    assert (err.line, err.field) == (14, "corridors[0].throughput_per_day")
    assert "s.toml:14: corridors[0].throughput_per_day" in str(err)
    assert "-5" in str(err)


def test_tier_above_active_forces_names_the_line() -> None:
    err = error_of(HEAD + """
[[readiness]]
nation = "EST"
tier = "all"
days_to_move = 5
troops = 900000
source = "assumption: test"
""")
    assert err.field == "readiness[0].troops" and err.line == 15
    assert "more than its" in str(err) and "active personnel" in str(err)


def test_corridor_to_an_unknown_area() -> None:
    err = error_of(HEAD + """
[[corridors]]
name = "road"
mode = "road"
area = "north"
throughput_per_day = 5
transit_days = 3
source = "assumption: test"
""")
    assert err.field == "corridors[0].area" and "'north' is not one of" in str(err)


def test_unknown_default_tier_set() -> None:
    err = error_of(HEAD + """
[reinforcement_settings]
default_tiers_from = "warsaw_pact"
""")
    assert err.field == "reinforcement_settings.default_tiers_from"
    assert "nato_force_model" in str(err)
