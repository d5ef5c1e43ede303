"""Sweep files (TOML) to ``SweepSpec``, every problem with file, field and line.

    [sweep]
    name = "paris-2025-assumptions"
    scenario = "paris-2025"        # an embedded scenario, or a file next to this one
    seed = 2025
    design = "latin_hypercube"     # grid | latin_hypercube | random
    samples = 64                   # variants (latin_hypercube, random)

    [engines.risk]
    draws = 10000

    [[parameters]]
    name = "assumptions.rotation_ratio"
    range = { start = 3, stop = 5, step = 0.5 }
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forcegen.analysis.sweeps.spec import SweepSpec
from forcegen.errors import NotFound, Problem, ScenarioError
from forcegen.io.catalogue import embedded_scenarios, load_plannable
from forcegen.io.locate import Path_, dotted, field_lines, locate
from forcegen.model import Scenario

_SWEEP_KEYS = {"name", "scenario", "seed", "batch_size"}


def _file_path(loc: tuple[Any, ...]) -> Path_:
    """Where a SweepSpec field stands in the file."""
    if not loc:
        return ()
    head = loc[0]
    if head in _SWEEP_KEYS:
        return ("sweep", head)
    if head == "design":
        return ("sweep", "samples" if "samples" in loc else "design")
    return tuple(x for x in loc if not (isinstance(x, str) and x.endswith("]")))


def spec_from_document(doc: dict[str, Any], *, file: str | None = None,
                       lines: dict[Path_, int] | None = None) -> SweepSpec:
    lines = lines or {}
    sweep = doc.get("sweep")
    problems: list[Problem] = []
    if not isinstance(sweep, dict):
        raise ScenarioError([Problem("a sweep file needs a [sweep] table", "sweep")], file)
    unknown = set(doc) - {"sweep", "engines", "parameters"}
    for key in sorted(unknown):
        problems.append(Problem(f"unknown table {key!r} (expected sweep, engines, "
                                "parameters)", key, locate(lines, (key,))))
    data: dict[str, Any] = {k: v for k, v in sweep.items() if k not in ("design", "samples")}
    design: dict[str, Any] = {}
    if "design" in sweep:
        design["kind"] = sweep["design"]
    if "samples" in sweep:
        design["samples"] = sweep["samples"]
    data["design"] = design
    data["parameters"] = doc.get("parameters", [])
    if "engines" in doc:
        data["engines"] = doc["engines"]
    if problems:
        raise ScenarioError(problems, file)
    try:
        return SweepSpec.model_validate(data)
    except ValidationError as exc:
        for e in exc.errors():
            path = _file_path(tuple(e["loc"]))
            msg = re.sub(r"^Value error, ", "", e["msg"])
            if e["type"] == "missing" and path:
                msg = "is required"
            if e["type"] == "extra_forbidden":
                msg = "unknown key"
            problems.append(Problem(msg, dotted(path) or None, locate(lines, path)))
        raise ScenarioError(problems, file) from None


def load_sweep(path: str | Path) -> SweepSpec:
    """Read and validate a sweep file."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise NotFound(f"{p}: no such file") from None
    except IsADirectoryError:
        raise NotFound(f"{p}: is a directory, not a sweep file") from None
    except UnicodeDecodeError:
        raise ScenarioError([Problem("not UTF-8 text")], str(p)) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ScenarioError([Problem(f"malformed TOML: {msg}", None,
                                     int(m.group(1)) if m else None)], str(p)) from None
    spec = spec_from_document(doc, file=str(p), lines=field_lines(text))
    if spec.scenario not in embedded_scenarios() and not Path(spec.scenario).is_absolute():
        spec = spec.model_copy(update={"scenario": str(p.parent / spec.scenario)})
    return spec


def sweep_file_lines(path: str | Path) -> dict[Path_, int]:
    try:
        return field_lines(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def base_scenario(spec: SweepSpec) -> Scenario:
    """The sweep's base scenario, checked as the plan needs it."""
    return load_plannable(spec.scenario)
