"""Scenario files: TOML in, TOML out, with errors that name file, field and line.

The pair ``import_from_toml`` / ``export_to_toml`` round-trips: exporting a loaded
scenario and loading the export gives an equal scenario.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forcegen.errors import NotFound, Problem, ScenarioError
from forcegen.io.reference import doctrine, nation, reference_nations
from forcegen.model import FIGURE_NAMES, Nation, Scenario
from forcegen.model.iso import is_iso3, iso3_names

Path_ = tuple[str | int, ...]


# -- locating fields in the TOML text ------------------------------------------------
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')


def _brackets(text: str) -> int:
    """Open minus closed brackets and braces, outside strings and comments."""
    code = _STRING.sub("", text).split("#", 1)[0]
    return code.count("[") + code.count("{") - code.count("]") - code.count("}")


def _split_key(key: str) -> list[str]:
    return [k.strip().strip("\"'") for k in key.split(".")]


def field_lines(text: str) -> dict[Path_, int]:
    """Map each table, array element and key of a TOML text to its 1-based line.

    Handles the usual layout (headers, ``[[arrays]]``, ``key = value`` lines); keys
    inside inline tables or multi-line values are found through their enclosing key.
    """
    lines: dict[Path_, int] = {}
    counters: dict[Path_, int] = {}
    current: Path_ = ()
    depth = 0  # brackets/braces open from a multi-line value
    in_string = False
    for no, raw in enumerate(text.splitlines(), start=1):
        if raw.count('"""') % 2 == 1 or raw.count("'''") % 2 == 1:
            in_string = not in_string
            if not in_string:
                continue
        if in_string or depth > 0:
            depth = max(depth + _brackets(raw), 0)
            continue
        m = _HEADER.match(raw)
        if m:
            names = _split_key(m.group(2))
            path: Path_ = ()
            # resolve each name against the arrays seen so far
            for name in names[:-1]:
                path = (*path, name)
                if path in counters:
                    path = (*path, counters[path])
            path = (*path, names[-1])
            if m.group(1) == "[[":
                idx = counters.get(path, -1) + 1
                counters[path] = idx
                # a new element resets the counters of arrays nested in the old one
                for k in [k for k in counters if len(k) > len(path) and k[: len(path)] == path]:
                    del counters[k]
                path = (*path, idx)
            current = path
            lines.setdefault(current, no)
            continue
        m = _KEY.match(raw)
        if m and not raw.lstrip().startswith("#"):
            key_path = (*current, *_split_key(m.group(1)))
            lines.setdefault(key_path, no)
            value = raw[m.end():]
            depth = max(0, _brackets(value))
    return lines


def locate(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the longest prefix of ``path`` found in ``lines``."""
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_PATH_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def undotted(field: str) -> Path_:
    return tuple(int(i) if i else n for n, i in _PATH_PART.findall(field))


# -- from document to scenario ---------------------------------------------------------
def _resolve_sources(doc: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """Replace ``{ref = "id", quote = ...}`` entries by the full source they name."""
    library: dict[str, dict[str, Any]] = {}
    raw = doc.pop("sources", [])
    if not isinstance(raw, list):
        problems.append(Problem("must be an array of tables ([[sources]])", "sources"))
        raw = []
    for i, s in enumerate(raw):
        if not isinstance(s, dict) or not isinstance(s.get("id"), str):
            problems.append(Problem("each [[sources]] entry needs a string id", f"sources[{i}].id"))
            continue
        library[s["id"]] = {k: v for k, v in s.items() if k != "id"}

    def walk(node: Any, path: Path_) -> Any:
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k == "sources" and isinstance(v, list):
                    out[k] = [resolve(s, (*path, k, j)) for j, s in enumerate(v)]
                else:
                    out[k] = walk(v, (*path, k))
            return out
        if isinstance(node, list):
            return [walk(v, (*path, j)) for j, v in enumerate(node)]
        return node

    def resolve(s: Any, path: Path_) -> Any:
        if isinstance(s, dict) and "ref" in s:
            ref = s["ref"]
            if not isinstance(ref, str) or ref not in library:
                problems.append(Problem(f"no [[sources]] entry with id {ref!r}",
                                        dotted((*path, "ref"))))
                return s
            return {**library[ref], **{k: v for k, v in s.items() if k != "ref"}}
        return s

    return walk(doc, ())  # type: ignore[no-any-return]


def _resolve_assumptions(doc: dict[str, Any], problems: list[Problem]) -> None:
    known = doctrine()
    for i, a in enumerate(_items(doc, "assumptions")):
        if not isinstance(a, dict) or "from_doctrine" not in a:
            continue
        key = a.pop("from_doctrine")
        if not isinstance(key, str) or key not in known:
            problems.append(Problem(
                f"unknown doctrine figure {key!r} (known: {', '.join(sorted(known))})",
                f"assumptions[{i}].from_doctrine"))
            continue
        if "value" in a:
            problems.append(Problem("give either value or from_doctrine, not both",
                                    f"assumptions[{i}].value"))
            continue
        fig = known[key]
        a["value"] = int(fig.value) if fig.value.is_integer() and fig.unit != "ratio" else fig.value
        a.setdefault("unit", fig.unit)
        a.setdefault("description", fig.description)
        a["source"] = f"doctrine.csv:{key} — {fig.source}"


def _items(node: Any, key: str) -> list[Any]:
    """``node[key]`` when it is a list, else nothing (the model reports the wrong type)."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def _codes(doc: dict[str, Any]) -> list[tuple[str, Path_]]:
    """Every country code the document mentions, with where."""
    out: list[tuple[str, Path_]] = []
    for i, p in enumerate(_items(doc, "pledges")):
        if isinstance(p, dict) and isinstance(p.get("nation"), str):
            out.append((p["nation"], ("pledges", i, "nation")))
    for i, b in enumerate(_items(doc, "backstops")):
        if isinstance(b, dict) and isinstance(b.get("provider"), str):
            out.append((b["provider"], ("backstops", i, "provider")))
    for i, a in enumerate(_items(doc, "agreements")):
        out.extend((c, ("agreements", i, "parties", j))
                   for j, c in enumerate(_items(a, "parties")) if isinstance(c, str))
    for i, r in enumerate(_items(doc, "requests")):
        if isinstance(r, dict) and isinstance(r.get("requester"), str):
            out.append((r["requester"], ("requests", i, "requester")))
    req = doc.get("requirement")
    if isinstance(req, dict) and isinstance(req.get("lead_nation"), str):
        out.append((req["lead_nation"], ("requirement", "lead_nation")))
    return out


def _resolve_nations(doc: dict[str, Any], problems: list[Problem]) -> None:
    """Turn the ``[[nations]]`` overrides plus every code used into ``nations``."""
    overrides: dict[str, dict[str, Any]] = {}
    raw = doc.pop("nations", [])
    if not isinstance(raw, list):
        problems.append(Problem("must be an array of tables ([[nations]])", "nations"))
        raw = []
    for i, n in enumerate(raw):
        if not isinstance(n, dict) or not isinstance(n.get("iso3"), str):
            problems.append(Problem("each [[nations]] entry needs an iso3 code",
                                    f"nations[{i}].iso3"))
            continue
        if not is_iso3(n["iso3"]):
            problems.append(Problem(f"unknown country code {n['iso3']!r}", f"nations[{i}].iso3"))
            continue
        if not isinstance(n.get("reference", True), bool):
            problems.append(Problem("must be true or false", f"nations[{i}].reference"))
            continue
        overrides[n["iso3"]] = n
    nations: dict[str, Any] = {}
    for code, path in [*((c, ()) for c in overrides), *_codes(doc)]:
        if code in nations:
            continue
        if not is_iso3(code):
            problems.append(Problem(
                f"unknown country code {code!r} (expected an ISO 3166-1 alpha-3 code, "
                "e.g. FRA; `forcegen nations` lists those with reference data)", dotted(path)))
            continue
        entry = dict(overrides.get(code, {}))
        if entry.pop("reference", True):
            base = nation(code).model_dump()
        else:  # the entry is the whole nation: no figure comes from the reference data
            base = {"iso3": code, "name": iso3_names()[code]}
        base.update(entry)
        nations[code] = base
    doc["nations"] = nations


def scenario_from_document(doc: dict[str, Any], *, file: str | None = None,
                           lines: dict[Path_, int] | None = None) -> Scenario:
    """Validate a parsed scenario document (TOML or JSON shaped) into a Scenario."""
    lines = lines or {}
    problems: list[Problem] = []
    doc = _resolve_sources(dict(doc), problems)
    header = doc.pop("scenario", None)
    header_keys = set(header) if isinstance(header, dict) else set()
    if isinstance(header, dict):
        doc = {**header, **doc}
    elif header is not None:
        problems.append(Problem("[scenario] must be a table", "scenario"))
    _resolve_assumptions(doc, problems)
    _resolve_nations(doc, problems)

    def place(p: Problem) -> Problem:
        if p.line is not None or p.field is None:
            return p
        path = undotted(p.field)
        if path and path[0] in header_keys:
            path = ("scenario", *path)
        return Problem(p.message, p.field, locate(lines, path))

    if problems:
        raise ScenarioError([place(p) for p in problems], file)
    try:
        return Scenario.model_validate(doc)
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "missing":
                msg = "required field is missing"
            elif "input" in err and err["type"] not in ("model_type",) and not isinstance(
                err["input"], dict | list
            ):
                msg += f" (got {err['input']!r})"
            out.append(place(Problem(msg, dotted(loc) or None)))
        raise ScenarioError(out, file) from None
    except ScenarioError as exc:
        raise ScenarioError([place(p) for p in exc.problems], file) from None


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


# -- from scenario to document ---------------------------------------------------------
def _prune(node: Any) -> Any:
    """Drop None (TOML has no null) and turn tuples into lists."""
    if isinstance(node, dict):
        return {k: _prune(v) for k, v in node.items() if v is not None}
    if isinstance(node, list | tuple):
        return [_prune(v) for v in node]
    return node


def scenario_to_document(scn: Scenario) -> dict[str, Any]:
    """The document ``scenario_from_document`` reads back into an equal scenario."""
    data = scn.model_dump(mode="python", exclude={"nations"})
    ref = reference_nations()
    nations = []
    for code, n in scn.nations.items():
        base: Nation | None = ref.get(code)
        if base is None:
            base = nation(code)
        if n == base:
            nations.append({"iso3": code})  # reference data as embedded
        else:  # written whole, so that a missing figure stays missing
            entry: dict[str, Any] = {"iso3": code, "reference": False, "name": n.name,
                                     "notes": n.notes}
            for f in FIGURE_NAMES:
                fig = getattr(n, f)
                entry[f] = fig.model_dump() if fig is not None else None
            nations.append(entry)
    header = {k: data.pop(k) for k in ("name", "title", "as_of", "summary")}
    doc: dict[str, Any] = {"scenario": header, **data}
    if nations:
        doc["nations"] = nations
    return _prune(doc)  # type: ignore[no-any-return]


def export_to_toml(scn: Scenario) -> str:
    import tomli_w

    text: str = tomli_w.dumps(scenario_to_document(scn))
    return text


# -- embedded scenarios ----------------------------------------------------------------
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
    from forcegen.analysis.plan.plan import check_plan_inputs

    scn = load_scenario(name_or_path)
    problems = check_plan_inputs(scn)
    if problems:
        text, file = scenario_text(name_or_path)
        lines = field_lines(text)
        raise ScenarioError(
            [Problem(p.message, p.field, locate(lines, undotted(p.field)) if p.field else None)
             for p in problems], file)
    return scn


def validate_date(value: str, field: str = "date") -> dt.date:
    """Parse an ISO date given on the command line or in a query."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ScenarioError([Problem(f"not an ISO date (YYYY-MM-DD): {value!r}", field)]) from None
