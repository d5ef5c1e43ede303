"""The embedded scenarios, and loading a scenario by name or path."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from forcegen.errors import NotFound, Problem, ScenarioError
from forcegen.io.locate import field_lines, locate, undotted
from forcegen.io.toml import import_from_toml, scenario_from_toml_text
from forcegen.model import Scenario


def embedded_scenarios() -> list[str]:
    files = resources.files("forcegen.scenarios")
    return sorted(f.name.removesuffix(".toml") for f in files.iterdir()
                  if f.name.endswith(".toml"))


def load_scenario(name_or_path: str | Path) -> Scenario:
    """An embedded scenario by name (``paris-2025``) or a scenario file by path."""
    s = str(name_or_path)
    if s in embedded_scenarios():
        text, file = scenario_text(s)
        return scenario_from_toml_text(text, file=file)
    p = Path(s)
    if p.suffix or p.exists() or "/" in s:
        return import_from_toml(p)
    raise NotFound(f"no embedded scenario named {s!r} and no such file "
                   f"(embedded: {', '.join(embedded_scenarios())})")


def scenario_text(name_or_path: str | Path) -> tuple[str, str]:
    """The TOML text of a scenario and the file name to show in messages."""
    s = str(name_or_path)
    if s in embedded_scenarios():
        res = resources.files("forcegen.scenarios").joinpath(f"{s}.toml")
        return res.read_text("utf-8"), f"{s}.toml (embedded)"
    return Path(s).read_text("utf-8"), s


def load_plannable(name_or_path: str | Path) -> Scenario:
    """Load a scenario and check that the plan has what it needs, every problem with
    file, field and line."""
    from forcegen.analysis.plan.inputs import check_plan_inputs

    scn = load_scenario(name_or_path)
    problems = check_plan_inputs(scn)
    if problems:
        text, file = scenario_text(name_or_path)
        lines = field_lines(text)
        raise ScenarioError(
            [Problem(p.message, p.field, locate(lines, undotted(p.field)) if p.field else None)
             for p in problems], file)
    return scn
