"""``forcegen ledger``: the pledge ledger from the command line.

Thin commands: parse, call one ``forcegen.store.Ledger`` method, render. The store (and
SQLAlchemy) is imported inside the commands so that ``forcegen --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from forcegen.cli.support import AuthorOpt, DbOpt, JsonOpt, author_name, emit_json, handles_errors
from forcegen.errors import Problem, ScenarioError, UsageError

if TYPE_CHECKING:
    import datetime as dt

    from forcegen.store import Ledger

ledger_app = typer.Typer(
    name="ledger",
    help="The pledge ledger: who said what, when, reported where; the force on any date.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ScenarioOpt = Annotated[str | None, typer.Option(
    "--scenario", help="The scenario's name (default: the ledger's only scenario).")]
ReasonOpt = Annotated[str, typer.Option("--reason", help="Why, in a few words.")]


def _ledger(db: str | None) -> Ledger:
    from forcegen.store import Ledger

    return Ledger(db)


def _date(value: str, field: str) -> dt.date:
    from forcegen.cli.dates import validate_date

    return validate_date(value, field)


def _print(renderable: Any) -> None:
    from forcegen.report.console import make_console

    make_console().print(renderable)


# -- commands --------------------------------------------------------------------------
@ledger_app.command()
@handles_errors
def init(db: DbOpt = None, json_: JsonOpt = False) -> None:
    """Create the ledger's tables (upgrade to the newest revision)."""
    with _ledger(db) as ledger:
        revision = ledger.init()
        url = ledger.url
    _report_revision(url, revision, json_)


@ledger_app.command()
@handles_errors
def upgrade(
    db: DbOpt = None, json_: JsonOpt = False,
    revision: Annotated[str, typer.Option("--revision", help="Target revision.")] = "head",
) -> None:
    """Apply the ledger's database migrations."""
    with _ledger(db) as ledger:
        rev = ledger.upgrade(revision)
        url = ledger.url
    _report_revision(url, rev, json_)


def _report_revision(url: str, revision: str, json_: bool) -> None:
    from forcegen.store.engine import safe_url

    if json_:
        emit_json({"db": safe_url(url), "revision": revision})
    else:
        sys.stdout.write(f"ledger at {safe_url(url)}: revision {revision}\n")


@ledger_app.command("import")
@handles_errors
def import_(
    scenario: Annotated[str, typer.Argument(
        help="An embedded scenario name, a scenario TOML file, or a ledger export "
        "(.json, .toml or .csv from `forcegen ledger export`).")],
    db: DbOpt = None, json_: JsonOpt = False, author: AuthorOpt = None,
    reason: ReasonOpt = "",
) -> None:
    """Add a scenario (or a newer file of it) or a whole ledger export to the ledger."""
    from forcegen.io.catalogue import load_scenario

    dump_text, fmt = _dump_text(scenario)
    with _ledger(db) as ledger:
        if dump_text is not None:
            from rich.console import Console

            with Console(stderr=True).status(f"importing {scenario} (one transaction)…"):
                names = ledger.import_dump(dump_text, fmt)
            result: dict[str, Any] = {"imported": names}
            message = f"imported ledger export: {', '.join(names) or 'no scenarios'}"
        else:
            scn = load_scenario(scenario)
            summary = ledger.import_scenario(scn, author=author_name(author),
                                             reason=reason or f"import {scenario}")
            result = summary.to_dict()
            message = (f"{summary.scenario}: {summary.added} added, {summary.changed} changed, "
                       f"{summary.retracted} retracted, {summary.unchanged} unchanged"
                       + (f", {summary.older} newer in the ledger (kept)" if summary.older
                          else ""))
    if json_:
        emit_json(result)
    else:
        sys.stdout.write(message + "\n")


def _dump_text(arg: str) -> tuple[str | None, Any]:
    """The text and format of a ledger export (a file, or an embedded history such as
    coalition-2025), or (None, None) for a scenario."""
    from forcegen.io.catalogue import load_history
    from forcegen.store.formats import format_for_suffix

    history = load_history(arg)
    if history is not None and history[1].endswith("(embedded)"):
        from forcegen.io.catalogue import scenario_text

        return scenario_text(arg)[0], "toml"
    path = Path(arg)
    fmt = format_for_suffix(path.suffix)
    if fmt is None or not path.is_file():
        return None, None
    from forcegen.io.limits import MAX_EXPORT_BYTES, read_text

    text = read_text(path, MAX_EXPORT_BYTES, what="ledger export")  # bytes: CRs kept
    if fmt.name == "toml":  # a scenario file, or a ledger export
        import tomllib

        try:
            head = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError):
            return None, None  # the scenario reader reports where
        return (text, "toml") if head.get("format") == "forcegen-ledger" else (None, None)
    return text, fmt.name


@ledger_app.command()
@handles_errors
def export(
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option(
        "--format", help="A registered export format: json, toml or csv.")] = "json",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file instead of standard output.")] = None,
) -> None:
    """The whole ledger, every version with author, time, reason and sources."""
    from forcegen.store.formats import get_format

    try:
        get_format(fmt)
    except UsageError as exc:
        raise UsageError(f"--format: {exc}") from None
    with _ledger(db) as ledger:
        text = ledger.export(fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        with output.open("w", encoding="utf-8", newline="") as f:
            f.write(text)
        sys.stderr.write(f"ledger written to {output}\n")


@ledger_app.command("set")
@handles_errors
def set_(
    nation: Annotated[str, typer.Argument(help="ISO 3166 alpha-3 code, e.g. FRA.")],
    modality: Annotated[str | None, typer.Option(
        "--modality", help="committed, offered, conditional, considering, cautious or "
        "ruled_out.")] = None,
    troops_min: Annotated[int | None, typer.Option("--troops-min", min=0)] = None,
    troops_max: Annotated[int | None, typer.Option("--troops-max", min=0)] = None,
    capability: Annotated[str | None, typer.Option(
        "--capability", help="e.g. land_manoeuvre (default: no breakdown).")] = None,
    slot: Annotated[int, typer.Option("--slot", min=1, help="For a nation's second "
                                      "pledge of the same capability.")] = 1,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Who reported it.")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", help="When it was reported (YYYY-MM-DD): the effective date.")] = None,
    quote: Annotated[str, typer.Option("--quote")] = "",
    url: Annotated[str, typer.Option("--url")] = "",
    title: Annotated[str, typer.Option("--title")] = "",
    actor: Annotated[str, typer.Option("--actor", help="Who said it.")] = "",
    grade: Annotated[str | None, typer.Option(
        "--grade", help="The source's grade: A (official text), B (major outlet or wire) or "
        "C (aggregator, mirror, state media).")] = None,
    reason: ReasonOpt = "",
    author: AuthorOpt = None,
    expected_version: Annotated[int | None, typer.Option(
        "--expected-version", min=0,
        help="The version you saw (0: none); refused if the ledger has a newer one.")] = None,
    retract: Annotated[bool, typer.Option(
        "--retract", help="Record that the position no longer holds.")] = False,
    scenario: ScenarioOpt = None, db: DbOpt = None, json_: JsonOpt = False,
) -> None:
    """Record a nation's new position, with the source that reports it."""
    from pydantic import ValidationError

    from forcegen.model import Capability, Modality, Source
    from forcegen.store.writes import validation_problems

    problems = []
    if not outlet:
        problems.append(Problem("a source needs an outlet (--outlet)", "--outlet"))
    if not date:
        problems.append(Problem("a source needs a date (--date YYYY-MM-DD)", "--date"))
    if modality is None and not retract:
        problems.append(Problem("give the position (--modality) or --retract", "--modality"))
    if modality is not None and modality not in set(Modality):
        problems.append(Problem(f"unknown modality {modality!r} "
                                f"({', '.join(m.value for m in Modality)})", "--modality"))
    if capability is not None and capability not in set(Capability):
        problems.append(Problem(f"unknown capability {capability!r} "
                                f"({', '.join(c.value for c in Capability)})", "--capability"))
    if grade is not None and grade not in ("A", "B", "C"):
        problems.append(Problem(f"unknown grade {grade!r} (A, B or C)", "--grade"))
    if problems:
        raise ScenarioError(problems)
    assert outlet is not None and date is not None
    try:
        source = Source(outlet=outlet, date=_date(date, "--date"), quote=quote, url=url,
                        title=title, actor=actor, grade=grade)
    except ValidationError as exc:
        raise ScenarioError(validation_problems(exc, "source")) from None
    with _ledger(db) as ledger:
        version = ledger.set_pledge(
            nation, modality=modality, troops_min=troops_min, troops_max=troops_max,
            capability=capability, slot=slot, source=source, author=author_name(author),
            reason=reason, expected_version=expected_version, retract=retract,
            scenario=scenario)
    if json_:
        emit_json(version.to_dict())
    else:
        what = "retracted" if version.retracted else version.pledge.modality.value
        sys.stdout.write(f"{version.key} version {version.version}: {what}"
                         f"{' ' + version.troops + ' troops' if version.troops else ''}\n")


@ledger_app.command()
@handles_errors
def history(
    nation: Annotated[str, typer.Argument(help="ISO 3166 alpha-3 code, e.g. FRA.")],
    key: Annotated[str | None, typer.Option(
        "--key", help="Only this pledge, e.g. FRA/any/1.")] = None,
    scenario: ScenarioOpt = None, db: DbOpt = None, json_: JsonOpt = False,
) -> None:
    """Every version of a nation's pledges, with who recorded it, when, and the sources."""
    with _ledger(db) as ledger:
        versions = ledger.history(nation, scenario=scenario, key=key)
    if json_:
        emit_json([v.to_dict() for v in versions])
        return
    from forcegen.report.ledger import versions_table

    _print(versions_table(f"History of {nation.upper()} ({versions[0].scenario})", versions))


@ledger_app.command("as-of")
@handles_errors
def as_of(
    date: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    scenario: ScenarioOpt = None, db: DbOpt = None, json_: JsonOpt = False,
) -> None:
    """The pledges as they stood on a date (each pledge's latest version then)."""
    when = _date(date, "DATE")
    with _ledger(db) as ledger:
        state = ledger.as_of(when, scenario)
    if json_:
        emit_json(state.to_dict())
        return
    from forcegen.report.ledger import versions_table

    _print(versions_table(f"{state.scenario}: pledges as of {when}", state.pledges))


@ledger_app.command()
@handles_errors
def diff(
    start: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    end: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    scenario: ScenarioOpt = None, db: DbOpt = None, json_: JsonOpt = False,
) -> None:
    """What changed between two dates: pledges added, changed and retracted."""
    first, last = _date(start, "DATE1"), _date(end, "DATE2")
    with _ledger(db) as ledger:
        result = ledger.diff(first, last, scenario)
    if json_:
        emit_json(result.to_dict())
        return
    from forcegen.report.ledger import diff_table

    _print(diff_table(result))
