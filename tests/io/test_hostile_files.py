"""Hostile scenario files (issue 8, points 2, 4, 5 and 11): nothing hangs, nothing
exhausts memory or the stack, quiet mistakes are refused naming both lines.

The hang cases run under the fuzz harness's per-case timeout (a hang fails the test
instead of stalling the suite); no test asserts a duration."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from forcegen.analysis.plan.assemble import unique_sources
from forcegen.cli import app
from forcegen.errors import ScenarioError, TooLarge, UsageError
from forcegen.io.catalogue import load_plannable, load_scenario, scenario_text
from forcegen.io.limits import MAX_DEPTH, MAX_SCENARIO_BYTES, depth
from forcegen.io.locate import _brackets, field_lines
from forcegen.io.toml import import_from_toml, scenario_from_toml_text
from forcegen.model import Source
from tests.fuzzing import time_limit

runner = CliRunner()
PARIS, _ = scenario_text("paris-2025")


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- point 2: nothing hangs ---------------------------------------------------------------
@pytest.mark.parametrize("line", [" " * 50_000, "[" + " " * 50_000, "a" * 50_000 + " ",
                                  "[[" + "a." * 20_000, "x = " + '"' * 50_000,
                                  "a" + " ." * 20_000])
def test_long_lines_are_located_in_linear_time(line: str) -> None:
    with time_limit(20):  # a hang guard: before the fix 5,000 spaces took 89 s
        field_lines(line + "\n" + PARIS)


def test_a_line_of_spaces_before_a_scenario_validates(tmp_path: Path) -> None:
    path = write(tmp_path, " " * 5000 + "\n" + PARIS)
    with time_limit(30):
        result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_brackets_are_counted_outside_strings_and_comments() -> None:
    assert _brackets('["x]", \'[\', "\\"[" ] # [') == 0
    assert _brackets('[ "a\\\\", [') == 2
    assert _brackets("{a = [1, 2]") == 1


def test_field_lines_still_find_dotted_and_quoted_keys() -> None:
    lines = field_lines('[scenario]\nname = "x"\n[[pledges]]\n"a b" . c = 1\n'
                        "[[pledges]]\n[pledges.x]\n")
    assert lines[("scenario", "name")] == 2
    assert lines[("pledges", 0, "a b", "c")] == 4
    assert lines[("pledges", 1, "x")] == 6


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, PARIS + "# " + "x" * MAX_SCENARIO_BYTES + "\n")
    with pytest.raises(TooLarge, match="larger than 8 MB"):
        import_from_toml(path)


def test_an_endless_special_file_is_read_no_further_than_the_limit() -> None:
    with time_limit(30), pytest.raises(TooLarge, match="/dev/zero"):
        import_from_toml("/dev/zero")


def test_source_deduplication_keeps_first_mention_order() -> None:
    a = Source(outlet="A", date="2025-01-01")  # type: ignore[arg-type]
    b = Source(outlet="B", date="2025-01-01")  # type: ignore[arg-type]
    assert unique_sources([a, b, a, b, a]) == [a, b]


# -- point 5: deep nesting ------------------------------------------------------------------
@pytest.mark.parametrize("text", ["a = " + "[" * 500 + "]" * 500 + "\n",
                                  "[" + ".".join(["a"] * 1000) + "]\n",
                                  "a = " + "{b = " * 40 + "1" + "}" * 40 + "\n"])
def test_deep_nesting_is_refused_as_too_large(text: str) -> None:
    with pytest.raises(TooLarge, match=f"more than {MAX_DEPTH} levels"):
        scenario_from_toml_text(text)


def test_depth_is_measured_without_recursion() -> None:
    node: list[object] = []
    for _ in range(100_000):
        node = [node]
    assert depth(node) == MAX_DEPTH + 1  # stops counting past the limit
    assert depth({"a": [1, {"b": 2}]}) == 3


# -- point 4: validate accepts only what plan computes ----------------------------------------
@pytest.mark.parametrize("old, new", [
    ("troops_max = 10000", "troops_max = " + "1" + "0" * 400),
    ("troops_max = 10000", "troops_max = 1" + "0" * 30),
])
def test_troop_figures_plan_cannot_compute_fail_validation(tmp_path: Path, old: str,
                                                            new: str) -> None:
    assert old in PARIS
    path = write(tmp_path, PARIS.replace(old, new, 1))
    with pytest.raises(ScenarioError, match="less than or equal to 10000000"):
        load_plannable(str(path))


# -- point 11: quiet mistakes -----------------------------------------------------------------
def test_a_pasted_pledge_block_is_refused_naming_both_lines(tmp_path: Path) -> None:
    first = PARIS.index("[[pledges]]")
    block = PARIS[first:PARIS.index("[[pledges]]", first + 1)]
    path = write(tmp_path, PARIS + "\n" + block)
    with pytest.raises(ScenarioError) as err:
        import_from_toml(path)
    line_first = PARIS[:first].count("\n") + 1
    line_copy = PARIS.count("\n") + 2
    assert f":{line_copy}: pledges[" in str(err.value)
    assert f"repeats pledges[0] (line {line_first}) exactly" in str(err.value)


def test_a_repeated_nations_entry_is_refused_naming_both_lines(tmp_path: Path) -> None:
    extra = '\n[[nations]]\niso3 = "FRA"\n\n[[nations]]\niso3 = "FRA"\nnotes = "again"\n'
    path = write(tmp_path, PARIS + extra)
    n = PARIS.count("\n")
    with pytest.raises(ScenarioError) as err:
        import_from_toml(path)
    assert f":{n + 6}: nations[1].iso3: FRA is listed twice: also at nations[0] " \
           f"(line {n + 2})" in str(err.value)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + PARIS.encode("utf-8"))
    assert import_from_toml(path) == load_scenario("paris-2025")


def test_an_empty_scenario_name_is_refused() -> None:
    with pytest.raises(UsageError, match="empty name"):
        load_scenario("")
    result = runner.invoke(app, ["plan", ""])
    assert result.exit_code == 2 and "empty name" in result.stderr


@pytest.mark.parametrize("bad", ['"20250301"', '"2025-W10-1"', "1740787200"])
def test_scenario_dates_are_yyyy_mm_dd_only(bad: str) -> None:
    text = PARIS.replace("as_of = 2025-02-17", f"as_of = {bad}", 1)
    assert text != PARIS
    with pytest.raises(ScenarioError, match="YYYY-MM-DD"):
        scenario_from_toml_text(text)


@pytest.mark.parametrize("bad", ["2025-W10-1", "20250301", "2025-060"])
def test_command_line_dates_are_yyyy_mm_dd_only(bad: str) -> None:
    result = runner.invoke(app, ["ledger", "as-of", bad, "--db", "sqlite:///:memory:"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_a_toml_error_at_the_end_of_the_file_names_the_last_line() -> None:
    with pytest.raises(ScenarioError) as err:
        scenario_from_toml_text('a = 1\nb = "open\n')
    assert err.value.line is not None


def test_a_history_with_an_infinite_version_is_a_scenario_error(tmp_path: Path) -> None:
    """Found by `make fuzz` (seed 1, case 4168): OverflowError in the history reader."""
    text, _ = scenario_text("coalition-2025")
    assert "\nversion = 1\n" in text
    path = write(tmp_path, text.replace("\nversion = 1\n", "\nversion = inf\n"), "h.toml")
    with pytest.raises(ScenarioError, match="malformed ledger export"):
        load_scenario(str(path))
