"""Scenario files: TOML in, TOML out, with errors that name file, field and line.

The pair ``import_from_toml`` / ``export_to_toml`` round-trips: exporting a loaded
scenario and loading the export gives an equal scenario.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from forcegen.errors import Problem, ScenarioError
from forcegen.io.document import scenario_from_document, scenario_to_document
from forcegen.io.limits import (
    MAX_SCENARIO_BYTES,
    check_depth,
    check_size,
    read_text,
    strip_bom,
    too_deep,
)
from forcegen.io.locate import field_lines
from forcegen.model import Scenario


def import_from_toml(path: str | Path) -> Scenario:
    """Read and validate one scenario file."""
    p = Path(path)
    return scenario_from_toml_text(read_text(p), file=str(p))


def scenario_from_toml_text(text: str, *, file: str | None = None) -> Scenario:
    text = strip_bom(text)
    check_size(text, MAX_SCENARIO_BYTES, what="scenario")
    doc = parse_toml(text, file=file)
    check_depth(doc, file=file)
    return scenario_from_document(doc, file=file, lines=field_lines(text))


def parse_toml(text: str, *, file: str | None = None) -> dict[str, Any]:
    """``tomllib.loads`` with its errors as a ScenarioError naming the line (the last
    line for an error at the end of the document)."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise too_deep(file) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        if m:
            line: int | None = int(m.group(1))
        elif "end of document" in str(exc):
            line = max(text.count("\n") + (0 if text.endswith("\n") else 1), 1)
            msg += " (at the end of the file)"
        else:
            line = None
        col = f", column {m.group(2)}" if m else ""
        raise ScenarioError([Problem(f"malformed TOML: {msg}{col}", None, line)], file) from None


def export_to_toml(scn: Scenario) -> str:
    import tomli_w

    text: str = tomli_w.dumps(scenario_to_document(scn))
    return text
