"""The ingestion review queue: the claims proposed from news articles, each beside its
evidence sentence; a reviewer accepts (possibly edited) or rejects each one. Accepting
writes a new version of the nation's pledge, so it needs the right to edit that nation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, StringConstraints

from forcegen.store import ClaimEdits, ReviewQueue, ReviewStatus
from forcegen.store.users import User
from forcegen.web.auth import CurrentUser, NotLoggedIn, authenticate, require_editor

router = APIRouter(prefix="/api/v1/review", tags=["review"])
pages = APIRouter(include_in_schema=False)

Reason = Annotated[str, StringConstraints(max_length=500)]


class ReviewAccept(BaseModel):
    model_config = ConfigDict(extra="forbid")

    edits: ClaimEdits = ClaimEdits()
    reason: Reason = ""


class ReviewReject(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason = ""


def _queue(request: Request) -> ReviewQueue:
    return ReviewQueue(request.app.state.ledger)


def _check(request: Request, user: User, claim_id: int, country: str | None) -> None:
    """The reviewer must be allowed to edit the claim's nation (after their edits)."""
    nation = country or _queue(request).get(claim_id).claim.country or ""
    require_editor(user, nation)


def accept_claim(request: Request, user: User, claim_id: int,
                 body: ReviewAccept) -> dict[str, Any]:
    _check(request, user, claim_id, body.edits.country)
    try:
        done = _queue(request).accept(claim_id, author=user.name, edits=body.edits,
                                      scenario=request.app.state.analyses.name,
                                      reason=body.reason)
    finally:
        request.app.state.analyses.invalidate()
    return done.to_dict()


def reject_claim(request: Request, user: User, claim_id: int,
                 body: ReviewReject) -> dict[str, Any]:
    _check(request, user, claim_id, None)
    return _queue(request).reject(claim_id, author=user.name, reason=body.reason).to_dict()


@router.get("")
def read_review_queue(request: Request, user: CurrentUser,
                      status: ReviewStatus | None = None) -> list[dict[str, Any]]:
    """The queue, oldest first (``status``: proposed, accepted or rejected only)."""
    return [c.to_dict() for c in _queue(request).claims(status)]


@router.post("/{claim_id}/accept")
def update_claim_accept(request: Request, user: CurrentUser, claim_id: int,
                        body: ReviewAccept) -> dict[str, Any]:
    """Accept a claim, with edits: a new version of the nation's pledge."""
    return accept_claim(request, user, claim_id, body)


@router.post("/{claim_id}/reject")
def update_claim_reject(request: Request, user: CurrentUser, claim_id: int,
                        body: ReviewReject) -> dict[str, Any]:
    """Reject a claim (decisions are final)."""
    return reject_claim(request, user, claim_id, body)


@pages.get("/review")
def review_page(request: Request) -> Response:
    from forcegen.web.routes.pages import _render

    user = authenticate(request)
    if user is None:
        raise NotLoggedIn()
    claims = _queue(request).claims(ReviewStatus.PROPOSED)
    return _render(request, "review.html", user, claims=[c.to_dict() for c in claims])


@pages.post("/review/{claim_id}")
async def review_decide(request: Request, claim_id: int) -> Response:
    form = await request.form()
    user = authenticate(request, str(form.get("csrf", "")))
    if user is None:
        raise NotLoggedIn()
    reason = str(form.get("reason", ""))[:500]
    if form.get("decision") == "reject":
        reject_claim(request, user, claim_id, ReviewReject(reason=reason))
    else:
        modality = str(form.get("modality", "")) or None
        quantity = str(form.get("quantity_max", "")).strip()
        edits = ClaimEdits(modality=modality,
                           quantity_max=int(quantity) if quantity.isdigit() else None)
        accept_claim(request, user, claim_id, ReviewAccept(edits=edits, reason=reason))
    return RedirectResponse("/review", status_code=303)
