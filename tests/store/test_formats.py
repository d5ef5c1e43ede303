"""Export formats are a registry that the built-ins use too: a format registered by a
plugin exports, imports and appears in ``ledger export --format`` like json, toml, csv."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from forcegen.cli import app
from forcegen.errors import UsageError
from forcegen.model import Scenario
from forcegen.store import FORMATS, ExportFormat, Ledger, register_format
from forcegen.store.formats import format_for_suffix, get_format


def _compact(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


COMPACT = ExportFormat("compact", ".cjson", _compact, json.loads, (json.JSONDecodeError,),
                       "JSON on one line")


@pytest.fixture
def compact() -> Iterator[ExportFormat]:
    """The COMPACT format registered for one test only."""
    register_format(COMPACT)
    assert get_format("compact") is COMPACT
    yield COMPACT
    del FORMATS["compact"]


def test_the_built_ins_are_registered_in_order() -> None:
    assert list(FORMATS)[:3] == ["json", "toml", "csv"]
    assert [format_for_suffix(s).name for s in (".JSON", ".toml", ".csv")] == [  # type: ignore[union-attr]
        "json", "toml", "csv"]
    assert format_for_suffix(".xml") is None


def test_an_export_is_the_registered_renderer_applied(ledger: Ledger, paris_2025: Scenario,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ledger.import_scenario(paris_2025, author="seed")
    seen: list[str] = []

    def spy(data: dict[str, Any]) -> str:
        seen.append(data["format"])
        return "rendered by the registry"

    monkeypatch.setitem(FORMATS, "json", ExportFormat("json", ".json", spy, json.loads))
    assert ledger.export("json") == "rendered by the registry"
    assert seen == ["forcegen-ledger"]


def test_a_registered_format_round_trips(make_ledger: Callable[..., Ledger],
                                         paris_2025: Scenario, compact: ExportFormat) -> None:
    first = make_ledger()
    first.import_scenario(paris_2025, author="seed")
    text = first.export("compact")
    assert "\n" not in text and json.loads(text)["format"] == "forcegen-ledger"
    second = make_ledger()
    assert second.import_dump(text, "compact") == ["paris-2025"]
    assert second.export("json") == first.export("json")
    with pytest.raises(Exception, match="malformed COMPACT"):
        second.import_dump("{", "compact")


def test_the_cli_reads_formats_from_the_registry(db_url: str, paris_2025: Scenario,
                                                 compact: ExportFormat, tmp_path: Path) -> None:
    with Ledger(db_url) as ledger:
        ledger.init()
        ledger.import_scenario(paris_2025, author="seed")
        expected = ledger.export("compact")
    runner = CliRunner()
    result = runner.invoke(app, ["ledger", "export", "--db", db_url, "--format", "compact"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    # an export file is recognised by the registered suffix
    path = tmp_path / "ledger.cjson"
    path.write_text(expected, encoding="utf-8")
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    assert runner.invoke(app, ["ledger", "init", "--db", other]).exit_code == 0
    result = runner.invoke(app, ["ledger", "import", str(path), "--db", other])
    assert result.exit_code == 0, result.output
    assert "imported ledger export: paris-2025" in result.stdout


def test_an_unknown_format_is_a_usage_error(ledger: Ledger) -> None:
    with pytest.raises(UsageError, match=r"unknown format 'xml' \(json, toml or csv\)"):
        ledger.export("xml")
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        ledger.import_dump("{}", "xml")
