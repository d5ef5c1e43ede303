"""The review queue: claims read from articles wait here until a reviewer accepts
(optionally edited) or rejects each. An accepted claim becomes a pledge version in the
ledger, with the evidence sentence as its quote and the article as its source.

Nothing is updated or deleted: a proposal is a row, a decision is a row (one per claim,
by primary key). Each call is one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import IntegrityError

from forcegen.errors import Conflict, NotFound, Problem, ScenarioError, StaleVersion
from forcegen.model import Capability, Condition, ConditionKind, Modality, Source
from forcegen.model.iso import is_iso3
from forcegen.store import writes
from forcegen.store.ledger import CARRIED, Ledger
from forcegen.store.queries import find_scenario, pledge_key, read_versions
from forcegen.store.records import PledgeVersion
from forcegen.store.review_schema import review_claims, review_decisions
from forcegen.store.schema import pledges

CURRENCIES = frozenset({"EUR", "USD", "GBP"})
#: Words of a claim's condition and the kind of condition they are.
CONDITION_WORDS: tuple[tuple[str, ConditionKind], ...] = (
    ("ceasefire", ConditionKind.CEASEFIRE), ("truce", ConditionKind.CEASEFIRE),
    ("peace", ConditionKind.CEASEFIRE), ("us backstop", ConditionKind.US_BACKSTOP),
    ("us backing", ConditionKind.US_BACKSTOP), ("parliament", ConditionKind.PARLIAMENTARY_APPROVAL),
    ("election", ConditionKind.ELECTION), ("domestic", ConditionKind.DOMESTIC_POLITICS),
)


class ReviewStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ClaimSourceRef(BaseModel):
    model_config = ConfigDict(extra="ignore")

    outlet: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None


class ProposedClaim(BaseModel):
    """A claim as ingestion proposes it (the ``forcegen ingest --json`` schema)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    article: str
    country: str | None
    claim_type: str
    quantity: int | None = None
    quantity_max: int | None = None
    unit: str | None = None
    capability: str | None = None
    taxonomy: tuple[str, ...] = ()
    modality: str
    condition: str | None = None
    actor: str | None = None
    attribution: str | None = None
    evidence: str
    source: ClaimSourceRef = Field(default_factory=ClaimSourceRef)


class ClaimEdits(BaseModel):
    """What a reviewer changes when accepting (None: keep the proposed value)."""

    model_config = ConfigDict(extra="forbid")

    country: str | None = None
    claim_type: str | None = None
    modality: str | None = None
    quantity: int | None = Field(default=None, ge=0)
    quantity_max: int | None = Field(default=None, ge=0)
    capability: str | None = None
    condition: str | None = None
    actor: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None


class QueuedClaim(BaseModel):
    """A claim in the queue, with its decision if it has one."""

    id: int
    status: ReviewStatus
    claim: ProposedClaim
    proposed_at: dt.datetime
    proposed_by: str
    decided_at: dt.datetime | None = None
    decided_by: str | None = None
    reason: str | None = None
    edited: ProposedClaim | None = None
    scenario: str | None = None
    pledge_key: str | None = None
    pledge_version: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class ProposeSummary(BaseModel):
    """What one ingestion added to the queue."""

    proposed: list[int] = Field(default_factory=list, description="ids of new claims")
    known: int = Field(default=0, description="claims already in the queue")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Acceptance(BaseModel):
    claim: QueuedClaim
    pledge: PledgeVersion

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def fingerprint(claim: ProposedClaim, article_fingerprint: str) -> str:
    """The identity of a proposal: the article's text, the claim's key, modality and
    evidence (the same article read twice gives the same fingerprints)."""
    ident = [article_fingerprint, claim.country, claim.claim_type, claim.quantity,
             claim.quantity_max, claim.modality, claim.capability, claim.evidence]
    return hashlib.sha256(json.dumps(ident, ensure_ascii=False).encode("utf-8")).hexdigest()


class ReviewQueue:
    """The review queue of a ledger."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def propose(self, articles: Sequence[tuple[str, Sequence[dict[str, Any] | ProposedClaim]]],
                *, author: str) -> ProposeSummary:
        """Add the claims of some articles (each given as its text's fingerprint and its
        claims) that are not in the queue yet, in one transaction; returns the new ids
        and how many were known already."""
        batch = [(fp, c if isinstance(c, ProposedClaim) else ProposedClaim.model_validate(c))
                 for fp, claims in articles for c in claims]
        for attempt in (1, 2):
            try:
                return self._propose(batch, author)
            except IntegrityError:
                if attempt == 2:
                    raise Conflict("another writer proposed the same claims at the same "
                                   "time; nothing was written, ingest again") from None
        raise AssertionError("unreachable")

    def _propose(self, batch: list[tuple[str, ProposedClaim]], author: str) -> ProposeSummary:
        summary = ProposeSummary()
        prints = [fingerprint(c, fp) for fp, c in batch]
        when, _ = self.ledger._read_clock()  # the ledger's clock dates the queue too
        with self.ledger._connect() as conn:  # the store's own transaction
            known = set(conn.execute(select(review_claims.c.fingerprint).where(
                review_claims.c.fingerprint.in_(prints))).scalars()) if prints else set()
            for (article_fp, claim), fp in zip(batch, prints, strict=True):
                if fp in known:
                    summary.known += 1
                    continue
                known.add(fp)
                cid: int = conn.execute(insert(review_claims).values(
                    fingerprint=fp, article=claim.article, article_fingerprint=article_fp,
                    country=claim.country, claim_type=claim.claim_type,
                    quantity=claim.quantity, quantity_max=claim.quantity_max,
                    modality=claim.modality, body=claim.model_dump(mode="json"),
                    proposed_at=when, proposed_by=author,
                ).returning(review_claims.c.id)).scalar_one()
                summary.proposed.append(cid)
        return summary

    def claims(self, status: ReviewStatus | None = None) -> list[QueuedClaim]:
        """The queue, oldest first (``status``: only those)."""
        with self.ledger._connect(read_only=True) as conn:
            return [c for c in _read(conn) if status is None or c.status is status]

    def get(self, claim_id: int) -> QueuedClaim:
        with self.ledger._connect(read_only=True) as conn:
            return _one(conn, claim_id)

    def reject(self, claim_id: int, *, author: str, reason: str = "") -> QueuedClaim:
        when, _ = self.ledger._read_clock()
        try:
            with self.ledger._connect() as conn:
                _undecided(conn, claim_id)
                conn.execute(insert(review_decisions).values(
                    claim_id=claim_id, decision=ReviewStatus.REJECTED.value,
                    decided_at=when, decided_by=author, reason=reason))
        except IntegrityError:
            raise Conflict(f"claim {claim_id} was decided by another reviewer meanwhile") from None
        return self.get(claim_id)

    def accept(self, claim_id: int, *, author: str, edits: ClaimEdits | None = None,
               scenario: str | None = None, reason: str = "",
               today: dt.date | None = None) -> Acceptance:
        """Accept a claim (with the reviewer's edits): a new version of the nation's
        pledge, sourced to the article with the evidence sentence as its quote."""
        edits = edits or ClaimEdits()
        when, clock_today = self.ledger._read_clock()
        today = today or clock_today
        try:
            with self.ledger._connect() as conn:
                queued = _undecided(conn, claim_id)
                claim = apply_edits(queued.claim, edits)
                sid, name = find_scenario(conn, scenario)
                version = _write_pledge(conn, sid, name, claim, edits, author=author,
                                        reason=reason or f"review of claim {claim_id}",
                                        today=today, recorded_at=when)
                conn.execute(insert(review_decisions).values(
                    claim_id=claim_id, decision=ReviewStatus.ACCEPTED.value,
                    decided_at=when, decided_by=author, reason=reason,
                    edited=claim.model_dump(mode="json"), scenario=name,
                    pledge_key=version.key, pledge_version=version.version))
        except IntegrityError:
            raise StaleVersion(f"claim {claim_id}: another reviewer decided it, or changed "
                               "the same pledge, meanwhile; nothing was written") from None
        return Acceptance(claim=self.get(claim_id), pledge=version)


def apply_edits(claim: ProposedClaim, edits: ClaimEdits) -> ProposedClaim:
    changes = {k: v for k, v in edits.model_dump().items()
               if v is not None and k in ProposedClaim.model_fields}
    if "country" in changes:
        changes["country"] = str(changes["country"]).upper()
    if "capability" in changes:
        try:
            changes["taxonomy"] = (Capability(changes["capability"]).value,)
        except ValueError:
            raise ScenarioError([Problem(
                f"unknown capability {changes['capability']!r} (one of: "
                f"{', '.join(c.value for c in Capability)})", "capability")]) from None
    source = claim.source.model_copy(update={
        k: (v.isoformat() if isinstance(v, dt.date) else v)
        for k, v in edits.model_dump().items()
        if v is not None and k in ("outlet", "date", "title", "url")})
    return claim.model_copy(update={**changes, "source": source})


def condition_kind(text: str) -> ConditionKind:
    low = text.lower()
    for word, kind in CONDITION_WORDS:
        if word in low:
            return kind
    return ConditionKind.OTHER


def _write_pledge(conn: Connection, sid: int, scenario: str, claim: ProposedClaim,
                  edits: ClaimEdits, *, author: str, reason: str,
                  today: dt.date, recorded_at: dt.datetime) -> PledgeVersion:
    nation = claim.country
    if not nation:
        raise ScenarioError([Problem("the claim is about the whole force, not a nation; "
                                     "accept it with --country or reject it", "country")])
    if not is_iso3(nation):
        raise ScenarioError([Problem(f"unknown country code {nation!r}", "country")])
    if claim.modality == "unknown":
        raise ScenarioError([Problem("the claim's modality is unknown; accept it with "
                                     "--modality", "modality")])
    try:
        modality = Modality(claim.modality)
    except ValueError:
        raise ScenarioError([Problem(f"unknown modality {claim.modality!r}",
                                     "modality")]) from None
    if not claim.source.outlet:
        raise ScenarioError([Problem("the article names no outlet; accept it with --outlet",
                                     "outlet")])
    if not claim.source.date:
        raise ScenarioError([Problem("the article has no date; accept it with --date",
                                     "date")])
    date = dt.date.fromisoformat(claim.source.date)
    if date > today:
        raise ScenarioError([Problem(f"source date {date} is in the future (today is {today})",
                                     "date")])
    capability: str | None = None
    if claim.claim_type == "capability":
        if not claim.taxonomy:
            raise ScenarioError([Problem(
                f"capability {claim.capability!r} is not in the taxonomy; accept it with "
                "--capability", "capability")])
        capability = claim.taxonomy[0]
    source = Source(outlet=claim.source.outlet, date=date, title=claim.source.title or "",
                    url=claim.source.url or "", quote=claim.evidence, actor=claim.actor or "")
    money = claim.claim_type == "money"
    slot, old = _target(conn, sid, scenario, nation, capability, money)
    data: dict[str, Any] = {"nation": nation, "capability": capability}
    if old is not None:
        data.update({f: getattr(old.pledge, f) for f in CARRIED})
    conditions = list(data.get("conditions", ()))
    for text in (claim.condition or "").split(";"):
        text = text.strip()
        kind = condition_kind(text)
        if text and not any(c.kind == kind and c.detail == text for c in conditions):
            conditions.append(Condition(kind=kind, detail=text, sources=(source,)))
    data["conditions"] = tuple(conditions)
    data["modality"] = modality
    if claim.claim_type == "troops" and modality is not Modality.RULED_OUT:
        data.update(troops_min=claim.quantity, troops_max=claim.quantity_max)
    elif claim.claim_type == "condition" and old is not None:
        data.update(modality=old.pledge.modality, troops_min=old.pledge.troops_min,
                    troops_max=old.pledge.troops_max)
    elif claim.claim_type in ("capability", "money"):
        amount = claim.quantity if claim.quantity is not None else claim.quantity_max
        if amount is not None and claim.unit:
            data.update(quantity=float(amount), unit=claim.unit)
        data["role"] = claim.capability or data.get("role", "")
    data["sources"] = [source]
    try:
        pledge = writes.validate_pledge(data, "claim")
    except ValidationError as exc:  # pragma: no cover - validate_pledge translates
        raise ScenarioError(writes.validation_problems(exc, "claim")) from None
    key = pledge_key(nation, capability, slot)
    if old is None:
        pid = writes.create_pledge(conn, sid, nation, capability, slot)
        version = 1
    else:
        pid = conn.execute(select(pledges.c.id).where(
            pledges.c.scenario_id == sid, pledges.c.key == key)).scalar_one()
        version = old.version + 1
    writes.insert_versions(
        conn, [writes.version_row(pid, version, pledge, effective_date=date,
                                  recorded_at=recorded_at, author=author, reason=reason,
                                  retracted=False)],
        writes.source_rows(pid, version, pledge))
    return PledgeVersion(scenario=scenario, key=key, nation=nation, capability=capability,
                         slot=slot, version=version, effective_date=date,
                         recorded_at=recorded_at.replace(tzinfo=dt.UTC), author=author,
                         reason=reason, retracted=False, pledge=pledge)


def _target(conn: Connection, sid: int, scenario: str, nation: str, capability: str | None,
            money: bool) -> tuple[int, PledgeVersion | None]:
    """The slot a claim updates: the nation's pledge for that capability of the same kind
    (a sum of money, or a position), else a new slot."""
    prefix = f"{nation}/{capability or 'any'}/"
    latest = [v for v in read_versions(conn, scenario, sid, latest=True, nation=nation)
              if v.key.startswith(prefix)]
    for v in sorted(latest, key=lambda v: v.slot):
        if (v.pledge.unit in CURRENCIES) == money:
            return v.slot, v
    top = conn.execute(select(func.max(pledges.c.slot)).where(
        pledges.c.scenario_id == sid, pledges.c.nation == nation,
        pledges.c.capability.is_(None) if capability is None
        else pledges.c.capability == capability)).scalar()
    return (1 if top is None else top + 1), None


def _read(conn: Connection, claim_id: int | None = None) -> list[QueuedClaim]:
    c, d = review_claims, review_decisions
    query = select(c, d).select_from(c.outerjoin(d, d.c.claim_id == c.c.id))
    if claim_id is not None:
        query = query.where(c.c.id == claim_id)
    out = []
    for r in conn.execute(query.order_by(c.c.id)).all():
        status = ReviewStatus(r.decision) if r.decision else ReviewStatus.PROPOSED
        out.append(QueuedClaim(
            id=r.id, status=status, claim=ProposedClaim.model_validate(r.body),
            proposed_at=writes.naive(r.proposed_at).replace(tzinfo=dt.UTC),
            proposed_by=r.proposed_by,
            decided_at=r.decided_at.replace(tzinfo=dt.UTC) if r.decided_at else None,
            decided_by=r.decided_by, reason=r.reason,
            edited=ProposedClaim.model_validate(r.edited) if r.edited else None,
            scenario=r.scenario, pledge_key=r.pledge_key, pledge_version=r.pledge_version))
    return out


def _one(conn: Connection, claim_id: int) -> QueuedClaim:
    rows = _read(conn, claim_id)
    if not rows:
        raise NotFound(f"the review queue has no claim {claim_id}")
    return rows[0]


def _undecided(conn: Connection, claim_id: int) -> QueuedClaim:
    queued = _one(conn, claim_id)
    if queued.status is not ReviewStatus.PROPOSED:
        raise Conflict(f"claim {claim_id} is already {queued.status.value} (by "
                       f"{queued.decided_by}); a decision is final")
    return queued
