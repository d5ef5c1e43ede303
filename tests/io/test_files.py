"""Scenario files: generated documents validate and round-trip; broken ones raise a
ScenarioError (never another exception) naming the field, and the line when known."""

from __future__ import annotations

import copy
import datetime as dt
import os
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.errors import ScenarioError
from forcegen.io.reference import nation as reference_nation
from forcegen.io.toml import export_to_toml, scenario_from_toml_text
from forcegen.model import Agreement, AgreementKind, Capability, Modality, Request, Source
from tests.builders import AS_OF, nation, pledge, scenario

# `make mutants` sets FORCEGEN_MUTANTS: fewer examples per mutant, the same laws.
# `make mutants` sets FORCEGEN_MUTANTS: fewer examples per mutant, the same laws.
FAST = settings(max_examples=5 if os.environ.get("FORCEGEN_MUTANTS") else 40, deadline=None)
CODES = ("FRA", "DEU", "GBR", "POL", "NLD", "DNK", "EST", "USA", "SWE", "BRA")
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
early = st.dates(dt.date(2000, 1, 1), dt.date(2025, 2, 17))


# -- documents -------------------------------------------------------------------------
@st.composite
def sources(draw: st.DrawFn) -> dict[str, Any]:
    src: dict[str, Any] = {"outlet": draw(text.filter(str.strip)), "date": draw(early)}
    if draw(st.booleans()):
        src["quote"] = draw(text)
    return src


@st.composite
def pledge_docs(draw: st.DrawFn) -> dict[str, Any]:
    modality = draw(st.sampled_from([m.value for m in Modality]))
    doc: dict[str, Any] = {"nation": draw(st.sampled_from(CODES)), "modality": modality,
                           "sources": draw(st.lists(sources(), min_size=1, max_size=2))}
    if modality != "ruled_out":
        low = draw(st.none() | st.integers(0, 20_000))
        high = draw(st.none() | st.integers(0, 20_000))
        if low is not None and high is not None and low > high:
            low, high = high, low
        if low is not None:
            doc["troops_min"] = low
        if high is not None:
            doc["troops_max"] = high
    if draw(st.booleans()):
        doc["capability"] = draw(st.sampled_from([c.value for c in Capability]))
    if draw(st.booleans()):
        doc["role"] = draw(text)
    return doc


def _meaning(node: Any) -> str:
    """A pledge document without its empty texts (the model's defaults), as a key."""
    def strip(n: Any) -> Any:
        if isinstance(n, dict):
            return {k: strip(v) for k, v in n.items() if v != ""}
        if isinstance(n, list):
            return [strip(v) for v in n]
        return n
    return repr(sorted(strip(node).items()))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid scenario document with at least one pledge."""
    low = draw(st.integers(1, 40_000))
    caps = draw(st.lists(st.sampled_from([c.value for c in Capability]), unique=True,
                         max_size=3))
    req: dict[str, Any] = {
        "min_troops": low,
        "max_troops": draw(st.integers(low, 60_000)),
        "reinforceable": draw(st.booleans()),
        "capabilities": [{"capability": c, "troops": draw(st.integers(0, 5_000)),
                          "source": "assumption: generated"} for c in caps],
    }
    if draw(st.booleans()):
        req["start"] = dt.date(2025, 3, 1)
        req["end"] = dt.date(2025, 3, 1) + dt.timedelta(days=draw(st.integers(1, 2_000)))
    doc: dict[str, Any] = {
        "scenario": {"name": draw(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)),
                     "title": draw(text.filter(str.strip)), "as_of": AS_OF},
        "requirement": req,
        # distinct pledges: an exact repeat is refused (a pasted block would count twice)
        "pledges": draw(st.lists(pledge_docs(), min_size=1, max_size=4, unique_by=_meaning)),
        "assumptions": [{"name": "rotation_ratio", "value": draw(st.sampled_from([3, 5, 2.5])),
                         "source": "assumption: generated"}],
    }
    if draw(st.booleans()):  # an override of one nation's reference figures
        doc["nations"] = [{"iso3": doc["pledges"][0]["nation"],
                           "name": draw(text.filter(str.strip)),
                           "army_personnel": {"value": draw(st.integers(0, 10**6)),
                                              "year": 2024, "source": "generated"}}]
    if draw(st.booleans()):
        doc["backstops"] = [{"provider": "USA", "capabilities": ["intelligence"],
                             "modality": "considering", "sources": [draw(sources())]}]
    return doc


def load(doc: dict[str, Any]):
    return scenario_from_toml_text(tomli_w.dumps(doc), file="gen.toml")


@FAST
@given(documents())
def test_valid_document_validates_and_round_trips(doc):
    scn = load(doc)
    assert len(scn.pledges) == len(doc["pledges"])
    assert scn.requirement.min_troops == doc["requirement"]["min_troops"]
    assert set(scn.nations) == {p["nation"] for p in doc["pledges"]} | (
        {"USA"} if "backstops" in doc else set())
    if "nations" in doc:
        override = scn.nations[doc["nations"][0]["iso3"]]
        assert override.name == doc["nations"][0]["name"]
        assert override.army_personnel.value == doc["nations"][0]["army_personnel"]["value"]
    assert scenario_from_toml_text(export_to_toml(scn)) == scn


# -- mutations -------------------------------------------------------------------------
def _negative_troops(doc, i, n):
    doc["pledges"][i]["modality"] = "offered"
    doc["pledges"][i]["troops_max"] = -n
    return f"pledges[{i}].troops_max"


def _min_above_max(doc, i, n):
    doc["pledges"][i].update(modality="offered", troops_min=n + 1, troops_max=n)
    return f"pledges[{i}]"


def _unknown_iso(doc, i, n):
    doc["pledges"][i]["nation"] = "XXX"
    return f"pledges[{i}].nation"


def _unknown_capability(doc, i, n):
    doc["pledges"][i]["capability"] = "orbital_lasers"
    return f"pledges[{i}].capability"


def _unknown_modality(doc, i, n):
    doc["pledges"][i]["modality"] = "enthusiastic"
    return f"pledges[{i}].modality"


def _end_before_start(doc, i, n):
    doc["requirement"]["start"] = dt.date(2025, 6, 1)
    doc["requirement"]["end"] = dt.date(2025, 6, 1) - dt.timedelta(days=n % 1000)
    return "requirement"


def _source_after_as_of(doc, i, n):
    doc["pledges"][i]["sources"][0]["date"] = AS_OF + dt.timedelta(days=1 + n % 1000)
    return f"pledges[{i}].sources[0].date"


def _unknown_key(doc, i, n):
    doc["pledges"][i]["colour"] = "blue"
    return f"pledges[{i}].colour"


def _min_band_above_max(doc, i, n):
    doc["requirement"]["max_troops"] = doc["requirement"]["min_troops"]
    doc["requirement"]["min_troops"] += 1 + n
    return "requirement"


def _missing_title(doc, i, n):
    del doc["scenario"]["title"]
    return "title"


MUTATIONS = [_negative_troops, _min_above_max, _unknown_iso, _unknown_capability,
             _unknown_modality, _end_before_start, _source_after_as_of, _unknown_key,
             _min_band_above_max, _missing_title]


@FAST
@given(documents(), st.sampled_from(MUTATIONS), st.data())
def test_invalid_document_raises_scenario_error_naming_the_field(doc, mutate, data):
    doc = copy.deepcopy(doc)
    i = data.draw(st.integers(0, len(doc["pledges"]) - 1))
    field = mutate(doc, i, data.draw(st.integers(1, 10_000)))
    with pytest.raises(ScenarioError) as info:
        load(doc)
    message = str(info.value)
    assert "gen.toml:" in message
    assert any(p.field is not None and (p.field == field or p.field.startswith(field))
               for p in info.value.problems), message
    assert field in message


@FAST
@given(documents(), st.sampled_from(['name = "unterminated', "[requirement]",
                                     "x = ", "[[pledges]\n", "= 3", 'a = "\\q"']))
def test_malformed_toml_raises_scenario_error(doc, junk):
    source = tomli_w.dumps(doc) + junk + "\n"
    with pytest.raises(ScenarioError) as info:
        scenario_from_toml_text(source, file="gen.toml")
    assert "malformed TOML" in str(info.value)
    assert info.value.line is not None
    # the broken line is the appended junk (or, for a repeated table, where it starts)
    assert info.value.line >= source.count("\n") - junk.count("\n")


# -- line numbers of hand-written snippets ---------------------------------------------
HEAD = """\
[scenario]
name = "lines"
title = "Line numbers"
as_of = 2025-02-17
"""

REQ = """
[requirement]
min_troops = 100
max_troops = 200
"""


def error_of(toml_text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        scenario_from_toml_text(toml_text, file="s.toml")
    return info.value


def test_negative_troops_max_line():
    err = error_of("""\
[requirement]
min_troops = 100
max_troops = 200

[[pledges]]
nation = "FRA"
troops_max = -1
modality = "offered"
sources = [{ outlet = "X", date = 2025-01-01 }]
""" + HEAD)
    assert ":7:" in str(err)
    assert "s.toml:7: pledges[0].troops_max" in str(err)
    assert (err.line, err.field) == (7, "pledges[0].troops_max")


def test_second_pledge_unknown_nation_line():
    err = error_of(HEAD + REQ + """
[[pledges]]
nation = "FRA"
modality = "offered"
sources = [{ outlet = "X", date = 2025-01-01 }]

[[pledges]]
nation = "XXX"
modality = "offered"
sources = [{ outlet = "X", date = 2025-01-01 }]
""")
    # HEAD is 4 lines, REQ 4 more (blank + 3), then blank, pledge 1 on 10-13, blank 14
    assert (err.line, err.field) == (16, "pledges[1].nation")
    assert "s.toml:16: pledges[1].nation" in str(err)
    assert "XXX" in str(err)


def test_min_above_max_reports_the_pledge_header_line():
    err = error_of(HEAD + REQ + """
[[pledges]]
nation = "FRA"
modality = "offered"
troops_min = 10
troops_max = 5
sources = [{ outlet = "X", date = 2025-01-01 }]
""")
    assert (err.line, err.field) == (10, "pledges[0]")
    assert "troops_min (10) is above troops_max (5)" in str(err)


def test_source_after_as_of_line():
    err = error_of(HEAD + REQ + """
[[pledges]]
nation = "FRA"
modality = "offered"
sources = [{ outlet = "X", date = 2026-01-01 }]
""")
    assert (err.line, err.field) == (13, "pledges[0].sources[0].date")
    assert "after the scenario's as_of date" in str(err)


def test_unknown_capability_in_second_requirement_line():
    err = error_of(HEAD + REQ + """
[[requirement.capabilities]]
capability = "land_manoeuvre"
troops = 10
source = "assumption"

[[requirement.capabilities]]
capability = "space"
troops = 10
source = "assumption"
""")
    assert (err.line, err.field) == (16, "requirement.capabilities[1].capability")


def test_malformed_toml_line():
    err = error_of(HEAD + REQ + "\n[[pledges]]\nnation = FRA\n")
    assert err.line == 11
    assert str(err).startswith("s.toml:11: malformed TOML")


def test_bracket_inside_a_string_does_not_shift_lines():
    # an unbalanced "[" inside a quoted value must not hide the following keys
    err = error_of(HEAD + REQ + """
[[pledges]]
nation = "FRA"
role = "lead nation [see note"
modality = "offered"
troops_max = -5
sources = [{ outlet = "X", date = 2025-01-01 }]
""")
    assert (err.line, err.field) == (14, "pledges[0].troops_max")


def test_unknown_key_in_scenario_table_has_a_line():
    err = error_of(HEAD + "colour = \"blue\"\n" + REQ)
    assert err.field == "colour"
    assert err.line == 5
    assert "s.toml:5: colour" in str(err)


# -- round trips built in code ---------------------------------------------------------
def test_round_trip_keeps_a_nation_without_some_figures():
    # A hand-built France with only an army figure must not come back with the
    # reference active-personnel, GDP and population figures filled in.
    fra = nation("FRA", army=1_000, name="France")
    scn = scenario([fra], [pledge("FRA", troops_max=10)])
    back = scenario_from_toml_text(export_to_toml(scn))
    assert back.nations["FRA"].active_personnel is None
    assert back == scn


def test_round_trip_keeps_a_reference_nation_without_pledges():
    # DEU is in the scenario (reference figures) but pledges nothing yet
    scn = scenario([reference_nation("FRA"), reference_nation("DEU")],
                   [pledge("FRA", troops_max=10)])
    back = scenario_from_toml_text(export_to_toml(scn))
    assert sorted(back.nations) == ["DEU", "FRA"]
    assert back == scn


def test_round_trip_of_agreements_and_requests():
    src = Source(outlet="X", date=dt.date(2025, 2, 1), quote="q")
    scn = scenario([reference_nation("FRA"), reference_nation("USA")],
                   [pledge("FRA", troops_max=10)])
    scn = scn.model_validate({
        **dict(scn),
        "agreements": (Agreement(kind=AgreementKind.MUTUAL_DEFENCE, status="proposed",
                                 separate_from_nato=True, sources=(src,)),),
        "requests": (Request(requester="USA", addressees="Europe", asks=("troops",),
                             sources=(src,)),),
    })
    assert scenario_from_toml_text(export_to_toml(scn)) == scn


def test_agreement_source_after_as_of_is_rejected():
    # pledges, backstops and the requirement reject sources dated after as_of; an
    # agreement (or request) citing a source from the future must be rejected too
    doc = {
        "scenario": {"name": "future", "title": "Future source", "as_of": AS_OF},
        "requirement": {"min_troops": 1, "max_troops": 2},
        "agreements": [{"kind": "mutual_defence", "status": "proposed",
                        "sources": [{"outlet": "X", "date": dt.date(2026, 1, 1)}]}],
        "requests": [{"requester": "USA", "addressees": "Europe", "asks": ["troops"],
                      "sources": [{"outlet": "X", "date": dt.date(2026, 1, 1)}]}],
    }
    with pytest.raises(ScenarioError) as info:
        load(doc)
    fields = {p.field for p in info.value.problems}
    assert "agreements[0].sources[0].date" in fields
    assert "requests[0].sources[0].date" in fields


def test_nation_without_armed_forces_cannot_pledge_troops() -> None:
    doc = """
[scenario]
name = "t"
title = "t"
as_of = 2025-02-17
[requirement]
min_troops = 1
max_troops = 2
[[pledges]]
nation = "ISL"
modality = "offered"
troops_max = 50
sources = [{ outlet = "Test", date = 2025-02-01 }]
"""
    with pytest.raises(ScenarioError) as exc:
        scenario_from_toml_text(doc, file="isl.toml")
    (p,) = exc.value.problems
    assert p.field == "pledges[0].troops_max" and p.line == 12
    assert "no armed forces" in p.message


def test_duplicate_assumption_is_refused_at_its_line():
    # the second definition would otherwise silently win or lose
    err = error_of(HEAD + REQ + """
[[assumptions]]
name = "rotation_ratio"
value = 3
source = "assumption: first"

[[assumptions]]
name = "rotation_ratio"
value = 5
source = "assumption: second"
""")
    assert "assumption 'rotation_ratio' is defined twice" in str(err)
    assert err.field == "assumptions[1].name"
    assert err.line == 16  # the second `name = "rotation_ratio"`
