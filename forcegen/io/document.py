"""Scenario documents (TOML- or JSON-shaped dicts) to and from the Scenario model."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from forcegen.errors import Problem, ScenarioError
from forcegen.io.locate import Path_, dotted, locate, undotted
from forcegen.io.reference import doctrine, nation, readiness_defaults, reference_nations
from forcegen.model import FIGURE_NAMES, Nation, Pledge, Scenario
from forcegen.model.iso import is_iso3, iso3_names


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


def _resolve_tier_defaults(doc: dict[str, Any], problems: list[Problem]) -> None:
    """``[reinforcement_settings] default_tiers_from = "nato_force_model"``: the named set of
    default tiers from readiness.csv, written out in full (so an export reads back equal)."""
    settings = doc.get("reinforcement_settings")
    if not isinstance(settings, dict) or "default_tiers_from" not in settings:
        return
    key = settings.pop("default_tiers_from")
    known = readiness_defaults()
    if not isinstance(key, str) or key not in known:
        problems.append(Problem(
            f"unknown set of readiness tiers {key!r} (known: {', '.join(sorted(known))})",
            "reinforcement_settings.default_tiers_from"))
        return
    if "default_tiers" in settings:
        problems.append(Problem("give either default_tiers or default_tiers_from, not both",
                                "reinforcement_settings.default_tiers"))
        return
    settings["default_tiers"] = [t.model_dump() for t in known[key]]


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
        out.extend((c, ("agreements", i, "non_parties", j))
                   for j, c in enumerate(_items(a, "non_parties")) if isinstance(c, str))
    for i, r in enumerate(_items(doc, "requests")):
        if isinstance(r, dict) and isinstance(r.get("requester"), str):
            out.append((r["requester"], ("requests", i, "requester")))
    for i, a in enumerate(_items(doc, "agreements")):
        for j, c in enumerate(_items(a, "clauses")):
            for key in ("parties", "protects"):
                out.extend((code, ("agreements", i, "clauses", j, key, k))
                           for k, code in enumerate(_items(c, key)) if isinstance(code, str))
        for j, c in enumerate(_items(a, "caveats")):
            if isinstance(c, dict) and isinstance(c.get("party"), str):
                out.append((c["party"], ("agreements", i, "caveats", j, "party")))
    for i, c in enumerate(_items(doc, "corridors")):
        for key in ("origins", "transit"):
            out.extend((code, ("corridors", i, key, k))
                       for k, code in enumerate(_items(c, key)) if isinstance(code, str))
    for i, t in enumerate(_items(doc, "readiness")):
        if isinstance(t, dict) and isinstance(t.get("nation"), str):
            out.append((t["nation"], ("readiness", i, "nation")))
    settings = doc.get("reinforcement_settings")
    out.extend((code, ("reinforcement_settings", "nations", k))
               for k, code in enumerate(_items(settings, "nations")) if isinstance(code, str))
    for key in ("commitments", "rotations"):
        for i, c in enumerate(_items(doc, key)):
            if isinstance(c, dict) and isinstance(c.get("nation"), str):
                out.append((c["nation"], (key, i, "nation")))
    att = doc.get("attendance")
    out.extend((c, ("attendance", "nations", j))
               for j, c in enumerate(_items(att, "nations")) if isinstance(c, str))
    req = doc.get("requirement")
    if isinstance(req, dict) and isinstance(req.get("lead_nation"), str):
        out.append((req["lead_nation"], ("requirement", "lead_nation")))
    sourcing = doc.get("sourcing")
    for i, c in enumerate(_items(sourcing, "caveats")):
        if isinstance(c, dict) and isinstance(c.get("nation"), str):
            out.append((c["nation"], ("sourcing", "caveats", i, "nation")))
    for i, a in enumerate(_items(sourcing, "areas")):
        if isinstance(a, dict) and isinstance(a.get("host"), str):
            out.append((a["host"], ("sourcing", "areas", i, "host")))
    return out


def _where(lines: dict[Path_, int], path: Path_) -> str:
    line = locate(lines, path)
    return dotted(path) + (f" (line {line})" if line else "")


def _repeated_pledges(scn: Scenario, lines: dict[Path_, int]) -> list[Problem]:
    """A ``[[pledges]]`` block pasted twice would count its troops twice: refuse a
    pledge equal to an earlier one (after defaults: a missing role equals ``role = ""``)."""
    first: dict[Pledge, int] = {}
    problems = []
    for i, p in enumerate(scn.pledges):
        if p in first:
            problems.append(Problem(
                f"repeats {_where(lines, ('pledges', first[p]))} exactly; a pledge "
                "listed twice would count twice (remove one, or tell them apart)",
                f"pledges[{i}]"))
        else:
            first[p] = i
    return problems


def _resolve_nations(doc: dict[str, Any], problems: list[Problem],
                     lines: dict[Path_, int]) -> None:
    """Turn the ``[[nations]]`` overrides plus every code used into ``nations``."""
    overrides: dict[str, dict[str, Any]] = {}
    seen_at: dict[str, int] = {}
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
        if n["iso3"] in seen_at:
            problems.append(Problem(
                f"{n['iso3']} is listed twice: also at "
                f"{_where(lines, ('nations', seen_at[n['iso3']]))}; merge the two entries",
                f"nations[{i}].iso3"))
            continue
        seen_at[n["iso3"]] = i
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
                           lines: dict[Path_, int] | None = None,
                           refuse_repeats: bool = True) -> Scenario:
    """Validate a parsed scenario document (TOML or JSON shaped) into a Scenario.

    ``refuse_repeats``: refuse a pledge equal to an earlier one (a block pasted twice in a
    file). The ledger turns it off: its pledges are told apart by their keys (nation,
    capability, slot), and two slots may well hold the same position."""
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
    _resolve_tier_defaults(doc, problems)
    _resolve_nations(doc, problems, lines)

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
        scn = Scenario.model_validate(doc)
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
    repeated = _repeated_pledges(scn, lines) if refuse_repeats else []
    if repeated:
        raise ScenarioError([place(p) for p in repeated], file)
    return scn


def _prune(node: Any) -> Any:
    """Drop None (TOML has no null) and turn tuples into lists."""
    if isinstance(node, dict):
        return {k: _prune(v) for k, v in node.items() if v is not None}
    if isinstance(node, list | tuple):
        return [_prune(v) for v in node]
    return node


def scenario_to_document(scn: Scenario) -> dict[str, Any]:
    """The document ``scenario_from_document`` reads back into an equal scenario."""
    data = scn.model_dump(mode="python", exclude={"nations"}, by_alias=True)
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
                                     "notes": n.notes,
                                     "army_includes_conscripts": n.army_includes_conscripts}
            for f in FIGURE_NAMES:
                fig = getattr(n, f)
                entry[f] = fig.model_dump() if fig is not None else None
            nations.append(entry)
    if scn.reinforcement_settings == type(scn.reinforcement_settings)():
        data.pop("reinforcement_settings")  # the defaults: old files stay as they were
    header = {k: data.pop(k) for k in ("name", "title", "as_of", "summary")}
    doc: dict[str, Any] = {"scenario": header, **data}
    if nations:
        doc["nations"] = nations
    return _prune(doc)  # type: ignore[no-any-return]
