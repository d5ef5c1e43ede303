"""``forcegen source`` and ``forcegen propose`` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forcegen.cli import app
from tests.cli.test_cli import MINIMAL, write

runner = CliRunner()

SOURCING = MINIMAL.replace('quote = "France will send 500 to 800." }]',
                           'quote = "France <b>will</b> send 500 to 800 & more." }]') + """
[[pledges]]
nation = "DEU"
modality = "offered"
capability = "logistics"
troops_max = 300
conditions = [{ kind = "parliamentary_approval", detail = "Bundestag vote" }]
sources = [{ outlet = "Test Wire", date = 2025-02-01 }]

[sourcing]
standoff_km = 100.0
standoff_source = "assumption: test"
unnamed_pledge_capabilities = ["land_manoeuvre"]
unnamed_pledge_source = "assumption: test"
min_contingent = 50
min_contingent_source = "assumption: test"

[[sourcing.areas]]
name = "west"
distance_km = 800.0
source = "assumption: test"

[[sourcing.areas]]
name = "front"
distance_km = 20.0
source = "assumption: test"

[[sourcing.periods]]
name = "p1"
months = 6
source = "assumption: test"

[[sourcing.lines]]
name = "land-west"
capability = "land_manoeuvre"
troops = 600
area = "west"
source = "assumption: test"

[[sourcing.lines]]
name = "logistics-west"
capability = "logistics"
troops = 400
area = "west"
equipment = 40.0
equipment_unit = "trucks"
source = "assumption: test"

[[sourcing.lines]]
name = "land-front"
capability = "land_manoeuvre"
troops = 100
area = "front"
source = "assumption: test"

[[sourcing.lines]]
name = "medical-west"
capability = "medical"
troops = 100
area = "west"
source = "assumption: test"
"""


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_source_json_has_the_documented_keys_and_hand_checked_plan(tmp_path: Path) -> None:
    code, out, _ = run("source", str(write(tmp_path, SOURCING)), "--json")
    assert code == 0
    doc = json.loads(out)
    for key in ("status", "objective", "bound", "gap", "assignments", "unfilled",
                "fair_share", "caveat_costs", "objective_text", "assumptions"):
        assert key in doc
    assert doc["status"] == "optimal" and doc["objective_kind"] == "weighted"
    got = {(a["nation"], a["requirement"]): a["troops"] for a in doc["assignments"]}
    # FRA's 800 (no capability) may fill land only: 600 in the west; DEU's 300 logistics
    assert got == {("FRA", "land-west"): 600, ("DEU", "logistics-west"): 300}
    assert {a["requirement"]: a["equipment"] for a in doc["assignments"]}["logistics-west"] \
        == pytest.approx(30.0)
    reasons = {u["requirement"]: (u["reason"], u["troops"]) for u in doc["unfilled"]}
    assert reasons == {"land-front": ("posture", 100),
                       "logistics-west": ("offers_exhausted", 100),
                       "medical-west": ("no_offer", 100)}
    for a in doc["assignments"]:
        assert set(a) >= {"nation", "requirement", "capability", "area", "period", "troops"}
    for u in doc["unfilled"]:
        assert set(u) >= {"requirement", "capability", "area", "period", "troops", "reason"}
    for f in doc["fair_share"]:
        assert set(f) >= {"nation", "share", "fair_share", "deviation"}
    standoff = next(c for c in doc["limit_costs"] if "standoff" in c["caveat"])
    assert standoff["coverage_gain"] == 100 and standoff["troops_gain"] == 100


def test_source_text_reads_as_a_plan(tmp_path: Path) -> None:
    code, out, _ = run("source", str(write(tmp_path, SOURCING)))
    assert code == 0
    for words in ("By area", "By nation", "Gaps and their reasons", "posture",
                  "proven optimal", "weighted"):
        assert words in out
    assert out.index("By area") < out.index("By nation") < out.index("Gaps")


def test_source_plot(tmp_path: Path) -> None:
    png = tmp_path / "plan.png"
    code, _, err = run("source", str(write(tmp_path, SOURCING)), "--plot", str(png))
    assert code == 0 and png.stat().st_size > 1000 and "plot written" in err


@pytest.mark.parametrize("args, words", [
    (("--time-limit", "0"), "--time-limit must be a positive"),
    (("--time-limit", "-3"), "--time-limit must be a positive"),
    (("--mode", "wishes"), "--mode must be pledges or capacity"),
    (("--plot", "x.txt"), "use a .png, .svg or .pdf"),
])
def test_source_bad_options_exit_2(tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    code, _, err = run("source", str(write(tmp_path, SOURCING)), *args)
    assert code == 2 and words in err and "Traceback" not in err


@pytest.mark.parametrize("old, new, where", [
    ('capability = "medical"', 'capability = "cavalry"', "sourcing.lines[3].capability"),
    ("troops = 100\narea = \"front\"", "troops = -5\narea = \"front\"",
     "sourcing.lines[2].troops"),
    ('area = "front"\nsource', 'area = "moon"\nsource', "sourcing.lines[2].area"),
    ("equipment = 40.0", "equipment = -1.0", "sourcing.lines[1].equipment"),
    ("distance_km = 20.0", "distance_km = -5.0", "sourcing.areas[1].distance_km"),
    ("months = 6", "months = 0", "sourcing.periods[0].months"),
    ("min_contingent = 50", "min_contingent = -1", "sourcing.min_contingent"),
    ("standoff_km = 100.0", "standoff_km = -1.0", "sourcing.standoff_km"),
    ("troops = 100\narea = \"front\"", "troops = 100\npriority = -1\narea = \"front\"",
     "sourcing.lines[2].priority"),
    ("troops = 100\narea = \"front\"", "troops = 100\nperiods = [\"p9\"]\narea = \"front\"",
     "sourcing.lines[2].periods[0]"),
    ('["land_manoeuvre"]', '["cavalry"]', "sourcing.unnamed_pledge_capabilities[0]"),
])
def test_bad_sourcing_lines_name_file_field_and_line(tmp_path: Path, old: str, new: str,
                                                     where: str) -> None:
    assert old in SOURCING
    path = write(tmp_path, SOURCING.replace(old, new, 1))
    code, _, err = run("source", str(path))
    assert code == 2 and where in err and f"{path}:" in err and "Traceback" not in err


@pytest.mark.parametrize("caveat, where, words", [
    ('nation = "DEU"\nkind = "exclude_area"\narea = "moon"', "sourcing.caveats[0].area",
     "unknown area 'moon'"),
    ('nation = "XYZ"\nkind = "needs_backstop"', "sourcing.caveats[0].nation",
     "unknown country code 'XYZ'"),
    # a real country, but no contributor here: a caveat on it would limit nothing
    ('nation = "BRA"\nkind = "needs_backstop"', "sourcing.caveats[0].nation",
     "nation 'BRA' has no pledge in this scenario"),
    ('nation = "DEU"\nkind = "min_contingent"\ntroops = -10', "sourcing.caveats[0].troops",
     "greater than 0"),
    ('nation = "DEU"\nkind = "exclude_area"', "sourcing.caveats[0]",
     "an exclude_area caveat needs an area"),
])
def test_bad_caveats_are_refused(tmp_path: Path, caveat: str, where: str, words: str) -> None:
    text = SOURCING + f'\n[[sourcing.caveats]]\n{caveat}\nsource = "assumption: test"\n'
    path = write(tmp_path, text)
    code, _, err = run("source", str(path))
    assert code == 2 and where in err and words in err
    assert f"{path}:" in err  # the file, and the line where the file has it


def test_a_caveat_has_its_price(tmp_path: Path) -> None:
    text = SOURCING + ('\n[[sourcing.caveats]]\nnation = "FRA"\nkind = "exclude_area"\n'
                       'area = "west"\nsource = "assumption: test"\n')
    code, out, _ = run("source", str(write(tmp_path, text)), "--json")
    doc = json.loads(out)
    assert code == 0
    assert not any(a["nation"] == "FRA" for a in doc["assignments"])
    cost = next(c for c in doc["caveat_costs"] if c["nation"] == "FRA")
    assert set(cost) >= {"nation", "caveat", "coverage_gain"}
    assert cost["caveat"] == "not in west" and cost["coverage_gain"] == 600
    assert cost["proven"] is True
    land = next(u for u in doc["unfilled"] if u["requirement"] == "land-west")
    assert land["reason"] == "caveat"


def test_must_fill_that_cannot_be_met_names_the_constraint_group(tmp_path: Path) -> None:
    text = SOURCING.replace('troops = 400\narea = "west"',
                            'troops = 400\nmust_fill = true\narea = "west"')
    code, _, err = run("source", str(write(tmp_path, text)), "--json")
    assert code == 2 and "offers" in err and "no sourcing plan meets every limit" in err


def test_propose_markdown_has_every_section_with_sources(tmp_path: Path) -> None:
    code, out, _ = run("propose", "FRA", str(write(tmp_path, SOURCING)))
    assert code == 0
    for words in ("# Contribution proposal: France (FRA)", "## Troops by capability",
                  "## Security measures asked", "## Rotation pool and long-term commitment",
                  "## Fair share", "## Conditions still to clear", "## Sources",
                  "## Assumptions", "Test Wire", "assumption: test"):
        assert words in out, words


def test_propose_html_escapes_data(tmp_path: Path) -> None:
    code, out, _ = run("propose", "FRA", str(write(tmp_path, SOURCING)), "--format", "html")
    assert code == 0
    assert "&lt;b&gt;will&lt;/b&gt;" in out and "<b>will</b>" not in out
    assert "&amp; more" in out


def test_propose_json_and_conditions(tmp_path: Path) -> None:
    code, out, _ = run("propose", "DEU", str(write(tmp_path, SOURCING)), "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["nation"] == "DEU"
    assert [c["kind"] for c in doc["conditions"]] == ["parliamentary_approval"]
    assert sum(doc["troops_by_period"].values()) == doc["peak_troops"]


def test_propose_all_writes_one_file_per_nation_and_a_summary(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    code, _, _ = run("propose", "--all", str(write(tmp_path, SOURCING)), "--out",
                       str(folder))
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["DEU.md", "FRA.md", "coalition.md"]
    assert "Coalition summary" in (folder / "coalition.md").read_text()


@pytest.mark.parametrize("args, words", [
    (("propose", "ZZZ"), "is not in scenario"),
    (("propose",), "name a NATION"),
    (("propose", "FRA", "--format", "pdf"), "--format must be md, html or json"),
    (("propose", "FRA", "--time-limit", "0"), "--time-limit must be a positive"),
])
def test_propose_bad_input_exit_2(args: tuple[str, ...], words: str) -> None:
    code, _, err = run(*args)
    assert code == 2 and words in err


@pytest.mark.parametrize("mode, words", [
    ("pledges", ("offers_exhausted", "no_offer", "1,570 of 15,000", "United Kingdom")),
    ("capacity", ("every line filled", "United States", "not in hubs-west")),
])
def test_source_coalition_2025_gives_an_explained_plan(mode: str, words: tuple[str, ...]
                                                       ) -> None:
    code, out, err = run("source", "coalition-2025", "--mode", mode)
    assert code == 0, err
    for w in ("By area", "Military hubs in the relatively safe western regions of Ukraine",
              "Black Sea", "Air policing with fast jets based outside Ukraine",
              "Gaps and their reasons", "Assumptions and sources", "proven optimal", *words):
        assert w in out, w


def test_propose_fra_coalition_2025_has_its_lines_and_sources() -> None:
    code, out, err = run("propose", "FRA", "coalition-2025", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["scenario"] == "coalition-2025" and doc["nation"] == "FRA"
    # in capacity mode France is asked for land troops at the western hubs, at least its fair
    # share (6.9 % of the 17,070 a period) and within what it can sustain (12,000)
    assert {(ln["capability"], ln["area"]) for ln in doc["lines"]} == {
        ("land_manoeuvre", "hubs-west")}
    fair = doc["fair_share"]["fair_share"] * 17_070
    assert all(int(fair) <= t <= 12_000 for t in doc["troops_by_period"].values())
    assert doc["rotation"]["status"] == "sustainable"
    assert any("axy.media" in (s.get("url") or "") for s in doc["sources"])
    names = {a["name"] for a in doc["assumptions"]}
    assert {"sourcing.areas.hubs-west", "sourcing.standoff_km"} <= names
    code, md, _ = run("propose", "FRA", "coalition-2025")
    assert code == 0 and "# Contribution proposal: France (FRA)" in md
    assert "Military hubs in the relatively safe western regions of Ukraine (in Ukraine)" in md


def test_propose_all_coalition_2025(tmp_path: Path) -> None:
    folder = tmp_path / "coalition"
    code, _, err = run("propose", "--all", "coalition-2025", "--out", str(folder),
                       "--format", "html")
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    # one per nation in the capacity pool (23) and the coalition summary
    assert "coalition.html" in names and "FRA.html" in names and "USA.html" in names
    assert len(names) == 24
    summary = (folder / "coalition.html").read_text()
    assert "Filled 51,210 of 51,210 troop-periods" in summary
    assert "ruled out" in summary  # the nations left out, with why


def test_the_time_limit_is_shared_with_the_pricing_and_said_so(tmp_path: Path) -> None:
    text = SOURCING + ('\n[[sourcing.caveats]]\nnation = "FRA"\nkind = "exclude_area"\n'
                       'area = "west"\nsource = "assumption: test"\n')
    code, out, _ = run("source", str(write(tmp_path, text)), "--json", "--time-limit", "20")
    doc = json.loads(out)
    assert code == 0 and doc["time_limit"] == 20
    assert 20 * 0.25 <= doc["timings"]["pricing_budget_seconds"] <= 20
    assert "within the time limit of 20 s the re-solves shared" in doc["prices_by"]
    code, out, _ = run("source", str(write(tmp_path, text)), "--time-limit", "20")
    assert code == 0 and "Pricing budget:" in " ".join(out.split())


def test_propose_usa_coalition_2025_has_equipment_and_security_measures() -> None:
    # the US may not serve at the hubs (no US ground troops) and its fair share is far above
    # what it may fill: the capacity plan gives it every troop outside the hubs, so its
    # proposal carries the 18 jets of the air line, and its caveat as a dependency
    code, out, err = run("propose", "USA", "coalition-2025", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    air = [ln for ln in doc["lines"] if ln["capability"] == "combat_air"]
    assert [(ln["troops"], ln["equipment"], ln["equipment_unit"]) for ln in air] == [
        (1_000, 18.0, "fighter jets")] * 3
    assert doc["enablers"] == ["Combat air / air policing",
                               "Headquarters / command and control",
                               "Naval / mine countermeasures"]
    assert any(d.startswith("caveat: not in hubs-west (UPI") for d in
               doc["backstop_dependencies"])
    assert doc["peak_troops"] == 2_070


def test_a_time_limit_reached_is_labelled_in_text_and_json(tmp_path: Path, monkeypatch) -> None:
    # the solver stopped at the limit with a plan (as HiGHS reports it): the best plan found,
    # its gap, and the label, in both outputs
    import dataclasses
    import importlib

    from forcegen.analysis.sourcing import SolveStatus

    module = importlib.import_module("forcegen.analysis.sourcing.optimize")
    real = module.solve

    def stopped(*args, **kwargs):
        sol = real(*args, **kwargs)
        return dataclasses.replace(sol, status=SolveStatus.TIME_LIMIT, bound=sol.objective + 50,
                                   gap=50 / sol.objective)

    monkeypatch.setattr(module, "solve", stopped)
    path = write(tmp_path, SOURCING)
    code, out, _ = run("source", str(path), "--json", "--time-limit", "5")
    doc = json.loads(out)
    assert code == 0 and doc["status"] == "time_limit" and doc["proven_optimal"] is False
    assert doc["assignments"] and doc["gap"] > 0
    assert "NOT proven optimal" in doc["status_label"]
    code, out, _ = run("source", str(path), "--time-limit", "5")
    assert code == 0 and "time limit reached: best plan found, NOT proven optimal" in out


@pytest.mark.parametrize("mode", ["pledges", "capacity"])
def test_source_paris_2025_gives_an_explained_plan(mode: str) -> None:
    code, out, err = run("source", "--mode", mode)
    assert code == 0, err
    for w in ("scenario paris-2025", "proven optimal", "Kyiv region hub", "By nation",
              "Gaps and their reasons", "What each caveat and limit costs"):
        assert w in out, w


def test_propose_fra_paris_2025_is_readable_with_its_sources() -> None:
    code, out, err = run("propose", "FRA")
    assert code == 0, err
    assert out.startswith("# Contribution proposal: France (FRA)")
    for words in ("## What was asked", "## Troops by capability, area and period",
                  "## Rotation pool and long-term commitment", "## Fair share",
                  "## Sources", "## Assumptions", "Washington Post", "assumption"):
        assert words in out, words
    # Germany's proposal names the election still to clear, with its source and date
    code, out, _ = run("propose", "DEU", "--format", "json")
    conditions = json.loads(out)["conditions"]
    election = next(c for c in conditions if c["kind"] == "election")
    assert election["date"] == "2025-02-23" and election["sources"]


def test_propose_refuses_an_infeasible_plan_and_writes_nothing(tmp_path: Path) -> None:
    # the front line (20 km) must be filled, inside the 100 km standoff: no plan can
    text = SOURCING.replace('troops = 100\narea = "front"',
                            'troops = 100\nmust_fill = true\narea = "front"')
    out = tmp_path / "fra.md"
    code, _, err = run("propose", "FRA", str(write(tmp_path, text)), "--out", str(out))
    assert code == 2 and "no sourcing plan meets every limit" in err
    assert "standoff: the standoff from the line of contact" in err
    assert not out.exists()
