"""``forcegen ingest``, ``forcegen review`` and ``forcegen eval-ingest``: news into claims,
claims through review into the ledger, and extraction scored against labels.

The NLP libraries and the store are imported inside the commands so that
``forcegen --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from forcegen.cli.app import app
from forcegen.cli.support import AuthorOpt, DbOpt, JsonOpt, author_name, emit_json, handles_errors
from forcegen.errors import UsageError

if TYPE_CHECKING:
    from forcegen.ingest.claim import Claim
    from forcegen.store import QueuedClaim

RulesOpt = Annotated[str, typer.Option(
    "--rules", help="The extraction rule set: a registered name or a .toml file.")]

review_app = typer.Typer(
    name="review",
    help="The review queue: claims read from articles, to accept (optionally edited) into "
    "the ledger or reject. Without a subcommand: list the claims waiting.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(review_app, name="review")


def _warn(messages: list[str]) -> None:
    for m in messages:
        sys.stderr.write(f"warning: {m}\n")


def _print(renderable: Any) -> None:
    from forcegen.report.console import make_console

    make_console().print(renderable)


def _numbers(quantity: int | None, quantity_max: int | None, unit: str | None) -> str:
    if quantity is not None and quantity_max is not None:
        text = f"{quantity:,}-{quantity_max:,}"
    elif quantity_max is not None:
        text = f"up to {quantity_max:,}"
    elif quantity is not None:
        text = f"{quantity:,}"
    else:
        return ""
    return f"{text} {unit or ''}".strip()


def _claims_table(title: str, claims: list[Claim]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=True)
    for col in ("country", "type", "numbers", "modality", "capability / condition", "actor",
                "evidence"):
        table.add_column(col)
    for c in claims:
        detail = "; ".join(x for x in (c.capability, c.condition) if x)
        table.add_row(c.country or "(force)", c.claim_type.value,
                      _numbers(c.quantity, c.quantity_max, c.unit), c.modality.value, detail,
                      c.actor or "", c.evidence)
    return table


@app.command()
@handles_errors
def ingest(
    files: Annotated[list[str], typer.Argument(
        help="Article files (plain text or HTML); - reads standard input.")],
    json_: JsonOpt = False,
    db: Annotated[str | None, typer.Option(
        "--db", help="Also propose the claims into the review queue of the ledger at this "
        "database URL (see `forcegen review`).")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The article's title.")] = None,
    outlet: Annotated[str | None, typer.Option(
        "--outlet", help="Who published it.")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", help="Its publication date (YYYY-MM-DD).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was published.")] = None,
    byline: Annotated[str | None, typer.Option(
        "--byline", help="Its authors, comma-separated.")] = None,
    rules: RulesOpt = "wire",
    author: AuthorOpt = None,
) -> None:
    """Read articles and print every claim they make about a nation's contribution, with
    the sentence that supports it. Metadata given as options overrides the files'."""
    from forcegen.cli.dates import validate_date
    from forcegen.ingest.batch import ingest_files, propose_claims
    from forcegen.ingest.read import ArticleMeta

    if files.count("-") > 1:
        raise UsageError("FILES: standard input (-) can be read only once")
    meta = ArticleMeta(
        title=title or "", outlet=outlet or "",
        date=validate_date(date, "--date") if date else None, url=url or "",
        authors=tuple(a.strip() for a in (byline or "").split(",") if a.strip()))
    result = ingest_files(files, meta, rules)
    _warn(result.warnings)
    summary = propose_claims(result, db, author_name(author)) if db is not None else None
    if json_:
        emit_json(result.to_dict())
    else:
        for a in result.articles:
            if a.claims:
                _print(_claims_table(f"{a.article}: {len(a.claims)} claims", a.claims))
    if summary is not None:
        sys.stderr.write(f"review queue: {len(summary.proposed)} claims proposed, "
                         f"{summary.known} already there\n")


# -- review --------------------------------------------------------------------------------
def _queue(db: str | None) -> Any:
    from forcegen.store import Ledger, ReviewQueue

    return ReviewQueue(Ledger(db))


def _queue_table(claims: list[QueuedClaim]) -> Any:
    from rich.table import Table

    table = Table(title=f"review queue: {len(claims)} claims", title_justify="left",
                  show_lines=True)
    for col in ("id", "status", "country", "type", "numbers", "modality", "condition",
                "source", "evidence"):
        table.add_column(col, justify="right" if col == "id" else "left")
    for q in claims:
        c = q.edited or q.claim
        src = ", ".join(x for x in (c.source.outlet, c.source.date) if x) or c.article
        table.add_row(str(q.id), q.status.value + (f"\n→ {q.pledge_key} v{q.pledge_version}"
                                                  if q.pledge_key else ""),
                      c.country or "(force)", c.claim_type,
                      _numbers(c.quantity, c.quantity_max, c.unit), c.modality,
                      c.condition or "", src, c.evidence)
    return table


@review_app.callback()
@handles_errors
def review(ctx: typer.Context, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """The review queue: claims read from articles, to accept (optionally edited) into the
    ledger or reject. Without a subcommand: list the claims waiting."""
    ctx.obj = db
    if ctx.invoked_subcommand is None:
        list_(ctx, db=db, json_=json_, status="proposed")


@review_app.command("list")
@handles_errors
def list_(
    ctx: typer.Context,
    db: DbOpt = None, json_: JsonOpt = False,
    status: Annotated[str, typer.Option(
        "--status", help="proposed, accepted, rejected or all.")] = "proposed",
) -> None:
    """List the claims in the queue (by default those waiting for a decision)."""
    from forcegen.store import ReviewStatus

    if status not in ("proposed", "accepted", "rejected", "all"):
        raise UsageError(f"--status: unknown status {status!r} "
                         "(proposed, accepted, rejected or all)")
    queue = _queue(db or ctx.obj)
    try:
        claims = queue.claims(None if status == "all" else ReviewStatus(status))
    finally:
        queue.ledger.close()
    if json_:
        emit_json([c.to_dict() for c in claims])
    else:
        _print(_queue_table(claims))


@review_app.command()
@handles_errors
def accept(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(help="The claim's id (see `forcegen review`).")],
    db: DbOpt = None, json_: JsonOpt = False, author: AuthorOpt = None,
    reason: Annotated[str, typer.Option("--reason", help="Why, in a few words.")] = "",
    scenario: Annotated[str | None, typer.Option(
        "--scenario", help="The ledger scenario (default: its only one).")] = None,
    country: Annotated[str | None, typer.Option("--country", help="Edit: ISO3 code.")] = None,
    claim_type: Annotated[str | None, typer.Option(
        "--type", help="Edit: troops, capability, money, stance or condition.")] = None,
    modality: Annotated[str | None, typer.Option(
        "--modality", help="Edit: committed, offered, conditional, considering, cautious or "
        "ruled_out.")] = None,
    quantity: Annotated[int | None, typer.Option("--quantity", help="Edit: the number.")
                        ] = None,
    quantity_max: Annotated[int | None, typer.Option(
        "--quantity-max", help="Edit: the upper number.")] = None,
    capability: Annotated[str | None, typer.Option(
        "--capability", help="Edit: a capability of the taxonomy (e.g. air_defence).")] = None,
    condition: Annotated[str | None, typer.Option("--condition", help="Edit: condition(s), "
                                                  "separated by ;.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Edit: who said it.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Edit: the outlet.")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", help="Edit: the article's date (YYYY-MM-DD).")] = None,
) -> None:
    """Accept a claim, optionally edited: it becomes a new version of the nation's pledge,
    with the evidence sentence as its quote and the article as its source."""
    from forcegen.cli.dates import validate_date
    from forcegen.store import ClaimEdits

    if claim_type is not None and claim_type not in (
            "troops", "capability", "money", "stance", "condition"):
        raise UsageError(f"--type: unknown claim type {claim_type!r}")
    if modality is not None and modality not in (
            "committed", "offered", "conditional", "considering", "cautious", "ruled_out"):
        raise UsageError(f"--modality: unknown modality {modality!r}")
    if (quantity is not None and quantity < 0) or (quantity_max is not None and quantity_max < 0):
        raise UsageError("--quantity / --quantity-max: a number of at least 0")
    edits = ClaimEdits(country=country, claim_type=claim_type, modality=modality,
                       quantity=quantity, quantity_max=quantity_max, capability=capability,
                       condition=condition, actor=actor, outlet=outlet,
                       date=validate_date(date, "--date") if date else None)
    queue = _queue(db or ctx.obj)
    try:
        done = queue.accept(claim_id, author=author_name(author), edits=edits, scenario=scenario,
                            reason=reason)
    finally:
        queue.ledger.close()
    if json_:
        emit_json(done.to_dict())
    else:
        v = done.pledge
        sys.stdout.write(f"claim {claim_id} accepted: {v.key} version {v.version} "
                         f"({v.pledge.modality.value}"
                         + (f", {v.troops} troops" if v.troops else "") + ")\n")


@review_app.command()
@handles_errors
def reject(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(help="The claim's id (see `forcegen review`).")],
    db: DbOpt = None, json_: JsonOpt = False, author: AuthorOpt = None,
    reason: Annotated[str, typer.Option("--reason", help="Why, in a few words.")] = "",
) -> None:
    """Reject a claim: it stays in the queue as rejected and never reaches the ledger."""
    queue = _queue(db or ctx.obj)
    try:
        done = queue.reject(claim_id, author=author_name(author), reason=reason)
    finally:
        queue.ledger.close()
    if json_:
        emit_json(done.to_dict())
    else:
        sys.stdout.write(f"claim {claim_id} rejected\n")


# -- evaluation ------------------------------------------------------------------------------
@app.command("eval-ingest")
@handles_errors
def eval_ingest(
    labels: Annotated[Path, typer.Argument(help="Hand labels, one JSON claim per line.")],
    articles: Annotated[Path, typer.Argument(help="The folder of the labelled articles.")],
    json_: JsonOpt = False,
    rules: RulesOpt = "wire",
) -> None:
    """Score extraction against hand labels: precision, recall, F1 and modality accuracy
    (claims compared per article by country, claim type and numbers)."""
    from forcegen.ingest.evaluate import evaluate

    result = evaluate(labels, articles, rules)
    if json_:
        emit_json(result.to_dict())
        return
    from rich.table import Table

    table = Table(title=f"extraction against {labels}", title_justify="left")
    for col in ("article", "labels", "predicted", "matched labels", "matched predicted",
                "modality right"):
        table.add_column(col, justify="left" if col == "article" else "right")
    for a in result.articles:
        table.add_row(a.article, str(a.labels), str(a.predictions), str(a.matched_labels),
                      str(a.matched_predictions), str(a.modality_correct))
    _print(table)
    sys.stdout.write(
        f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}  "
        f"modality accuracy {result.modality_accuracy:.3f} "
        f"({result.modality_correct} of {result.pairs} matched pairs)\n")
