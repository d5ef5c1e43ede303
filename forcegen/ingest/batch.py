"""Ingesting files: read every article first (a bad one stops everything, before any
claim is read or stored), then read the claims of each; optionally propose them into
the ledger's review queue."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel, Field

from forcegen.ingest.claim import Claim
from forcegen.ingest.claims import extractor
from forcegen.ingest.read import ArticleMeta, read_article


class ArticleClaims(BaseModel):
    """The claims read from one article, and what was odd about it."""

    article: str
    fingerprint: str
    source: dict[str, Any]
    claims: list[Claim]
    warnings: list[str] = Field(default_factory=list)


class IngestResult(BaseModel):
    """Claims read from some articles; ``to_dict()`` is the ``--json`` list of claims."""

    articles: list[ArticleClaims]

    @property
    def claims(self) -> list[Claim]:
        return [c for a in self.articles for c in a.claims]

    @property
    def warnings(self) -> list[str]:
        return [w for a in self.articles for w in a.warnings]

    def to_dict(self) -> list[dict[str, Any]]:  # type: ignore[override]
        return [c.to_dict() for c in self.claims]


def ingest_files(paths: Sequence[str | Path], meta: ArticleMeta | None = None,
                 rules: str = "wire", stdin: BinaryIO | None = None) -> IngestResult:
    """Read the claims of each file (``"-"``: standard input). Metadata in ``meta``
    overrides what the files say."""
    articles = [read_article(p, meta, stdin=stdin) for p in paths]
    ex = extractor(rules)
    out = []
    for article in articles:
        claims = ex.extract(article) if article.text else []
        warnings = list(article.warnings)
        if article.text and not claims:
            warnings.append(f"{article.name}: no claims found")
        out.append(ArticleClaims(article=article.name, fingerprint=article.fingerprint,
                                 source=article.meta.to_dict(), claims=claims,
                                 warnings=warnings))
    return IngestResult(articles=out)


def propose_claims(result: IngestResult, db_url: str | None, author: str) -> Any:
    """Put the claims into the review queue of the ledger at ``db_url`` (one
    transaction); claims already there are not proposed again."""
    from forcegen.store import Ledger, ReviewQueue

    with Ledger(db_url) as ledger:
        return ReviewQueue(ledger).propose(
            [(a.fingerprint, [c.to_dict() for c in a.claims]) for a in result.articles],
            author=author)
