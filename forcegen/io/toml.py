"""Scenario files: TOML in, TOML out, with errors that name file, field and line.

The pair ``import_from_toml`` / ``export_to_toml`` round-trips: exporting a loaded
scenario and loading the export gives an equal scenario.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from forcegen.errors import NotFound, Problem, ScenarioError
from forcegen.io.document import scenario_from_document, scenario_to_document
from forcegen.io.locate import field_lines
from forcegen.model import Scenario


def import_from_toml(path: str | Path) -> Scenario:
    """Read and validate one scenario file."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise NotFound(f"{p}: no such file") from None
    except IsADirectoryError:
        raise NotFound(f"{p}: is a directory, not a scenario file") from None
    except UnicodeDecodeError:
        raise ScenarioError([Problem("not UTF-8 text")], str(p)) from None
    return scenario_from_toml_text(text, file=str(p))


def scenario_from_toml_text(text: str, *, file: str | None = None) -> Scenario:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line = int(m.group(1)) if m else None
        col = f", column {m.group(2)}" if m else ""
        raise ScenarioError([Problem(f"malformed TOML: {msg}{col}", None, line)], file) from None
    return scenario_from_document(doc, file=file, lines=field_lines(text))


def export_to_toml(scn: Scenario) -> str:
    import tomli_w

    text: str = tomli_w.dumps(scenario_to_document(scn))
    return text
