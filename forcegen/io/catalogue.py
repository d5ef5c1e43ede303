"""The embedded scenarios, and loading a scenario by name or path.

An embedded scenario is a scenario file (``paris-2025``) or a history: a ledger export
(``coalition-2025``), which gives the scenario on any date (``as_of``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from forcegen.errors import NotFound, Problem, ScenarioError, UsageError
from forcegen.io.limits import MAX_EXPORT_BYTES, check_depth, read_text, too_deep
from forcegen.io.locate import field_lines, locate, undotted
from forcegen.io.toml import import_from_toml, scenario_from_toml_text
from forcegen.model import Scenario


def embedded_scenarios() -> list[str]:
    files = resources.files("forcegen.scenarios")
    return sorted(f.name.removesuffix(".toml") for f in files.iterdir()
                  if f.name.endswith(".toml"))


def load_scenario(name_or_path: str | Path, as_of: dt.date | None = None) -> Scenario:
    """An embedded scenario by name (``paris-2025``) or a scenario file by path; for a
    history (a ledger export, e.g. ``coalition-2025``) the scenario as of a date (default:
    its latest state)."""
    from forcegen.io.history import scenario_at

    history = load_history(name_or_path)
    if history is not None:
        data, file = history
        return scenario_at(data, None, as_of, file=file)
    if as_of is not None:
        raise UsageError(f"--as-of: {name_or_path} is a scenario file, which has no history "
                         "(a ledger export or --db has)")
    s = str(name_or_path)
    if not s.strip():
        raise UsageError("give a scenario: an embedded name (see `forcegen scenarios`) or a "
                         "TOML file; an empty name is neither")
    if s in embedded_scenarios():
        text, file = scenario_text(s)
        return scenario_from_toml_text(text, file=file)
    p = Path(s)
    if p.suffix or p.exists() or "/" in s:
        return import_from_toml(p)
    raise NotFound(f"no embedded scenario named {s!r} and no such file "
                   f"(embedded: {', '.join(embedded_scenarios())})")


def load_history(name_or_path: str | Path) -> tuple[dict[str, Any], str] | None:
    """A history (a ledger export: an embedded one by name, or a .toml/.json file) as
    parsed data and the file name to show; None when it is a plain scenario file."""
    import json

    from forcegen.io.history import is_history

    s = str(name_or_path)
    if s in embedded_scenarios():
        text, file = scenario_text(s)
    else:
        p = Path(s)
        if p.suffix.lower() not in (".toml", ".json") or not p.is_file():
            return None
        text, file = read_text(p, MAX_EXPORT_BYTES, what="scenario or history file"), s
    if "forcegen-ledger" not in text:
        return None
    try:
        data = json.loads(text) if file.endswith(".json") else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError):
        return None  # the scenario reader reports where
    except RecursionError:
        raise too_deep(file) from None
    check_depth(data, file=file)
    return (data, file) if is_history(data) else None


def scenario_text(name_or_path: str | Path) -> tuple[str, str]:
    """The TOML text of a scenario and the file name to show in messages."""
    s = str(name_or_path)
    if s in embedded_scenarios():
        res = resources.files("forcegen.scenarios").joinpath(f"{s}.toml")
        return res.read_text("utf-8"), f"{s}.toml (embedded)"
    return read_text(s), s


def load_plannable(name_or_path: str | Path, as_of: dt.date | None = None) -> Scenario:
    """Load a scenario (as of a date, for a history) and check that the plan has what it
    needs, every problem with file, field and line."""
    from forcegen.analysis.plan.inputs import check_plan_inputs

    scn = load_scenario(name_or_path, as_of)
    problems = check_plan_inputs(scn)
    if problems:
        raise located(name_or_path, problems)
    return scn


def located(name_or_path: str | Path, problems: list[Problem]) -> ScenarioError:
    """The problems an analysis found in a scenario, with the file and the line of each
    field where the file has one."""
    text, file = scenario_text(name_or_path)
    lines = field_lines(text)
    return ScenarioError(
        [Problem(p.message, p.field,
                 p.line or (locate(lines, undotted(p.field)) if p.field else None))
         for p in problems], file)
