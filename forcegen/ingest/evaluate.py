"""Scoring extraction against hand labels (``forcegen eval-ingest``).

As the development set's README defines it: within each article, claims are compared as
keys (country, claim type, numbers); duplicate keys count once. A predicted claim matches
a label when country and claim type are equal and, if the label has a number, the
prediction's numbers {quantity, quantity_max} share at least one value with the label's.
Precision = matched predictions / predictions; recall = matched labels / labels; F1 their
harmonic mean (all three over every article together); modality accuracy over matched
pairs: each matched label paired with the matching prediction that shares most numbers
with it (the earliest on a tie).

Claims about the whole force (no country) are not country claims: they are not scored.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from forcegen.errors import IngestError, NotFound, Problem, ScenarioError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


class ScoredClaim(BaseModel):
    """What scoring reads of a claim or a label."""

    article: str
    country: str
    claim_type: str
    quantity: int | None = None
    quantity_max: int | None = None
    modality: str = "unknown"
    evidence: str = ""

    @property
    def key(self) -> tuple[str, str, int | None, int | None]:
        return (self.country, self.claim_type, self.quantity, self.quantity_max)

    @property
    def numbers(self) -> set[int]:
        return {v for v in (self.quantity, self.quantity_max) if v is not None}

    def matches(self, label: ScoredClaim) -> bool:
        if self.country != label.country or self.claim_type != label.claim_type:
            return False
        return not label.numbers or bool(self.numbers & label.numbers)


class ArticleScore(BaseModel):
    article: str
    labels: int
    predictions: int
    matched_labels: int
    matched_predictions: int
    modality_correct: int
    missed: list[ScoredClaim] = Field(default_factory=list)
    spurious: list[ScoredClaim] = Field(default_factory=list)
    wrong_modality: list[tuple[ScoredClaim, ScoredClaim]] = Field(default_factory=list)


class EvalResult(BaseModel):
    """Precision, recall, F1 and modality accuracy of extraction on a labelled set."""

    precision: float
    recall: float
    f1: float
    modality_accuracy: float
    labels: int
    predictions: int
    matched_labels: int
    matched_predictions: int
    pairs: int
    modality_correct: int
    articles: list[ArticleScore]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _unique(claims: Sequence[ScoredClaim]) -> list[ScoredClaim]:
    seen: dict[tuple[Any, ...], ScoredClaim] = {}
    for c in claims:
        seen.setdefault(c.key, c)
    return list(seen.values())


def score_article(article: str, labels: Sequence[ScoredClaim],
                  predictions: Sequence[ScoredClaim]) -> ArticleScore:
    labels_u = _unique(labels)
    preds_u = _unique(predictions)
    matched_p = [p for p in preds_u if any(p.matches(lab) for lab in labels_u)]
    correct = 0
    missed = []
    wrong = []
    matched_l = 0
    for lab in labels_u:
        candidates = [p for p in preds_u if p.matches(lab)]
        if not candidates:
            missed.append(lab)
            continue
        matched_l += 1
        best = max(candidates, key=lambda p: (len(p.numbers & lab.numbers),
                                              -preds_u.index(p)))
        if best.modality == lab.modality:
            correct += 1
        else:
            wrong.append((lab, best))
    spurious = [p for p in preds_u if p not in matched_p]
    return ArticleScore(article=article, labels=len(labels_u), predictions=len(preds_u),
                        matched_labels=matched_l, matched_predictions=len(matched_p),
                        modality_correct=correct, missed=missed, spurious=spurious,
                        wrong_modality=wrong)


def score(labels: Sequence[ScoredClaim], predictions: Sequence[ScoredClaim],
          articles: Sequence[str] | None = None) -> EvalResult:
    names = list(articles) if articles is not None else sorted(
        {c.article for c in [*labels, *predictions]})
    rows = [score_article(a, [lab for lab in labels if lab.article == a],
                          [p for p in predictions if p.article == a]) for a in names]
    n_l = sum(r.labels for r in rows)
    n_p = sum(r.predictions for r in rows)
    m_l = sum(r.matched_labels for r in rows)
    m_p = sum(r.matched_predictions for r in rows)
    correct = sum(r.modality_correct for r in rows)
    precision, recall = _ratio(m_p, n_p), _ratio(m_l, n_l)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return EvalResult(precision=precision, recall=recall, f1=f1,
                      modality_accuracy=_ratio(correct, m_l), labels=n_l, predictions=n_p,
                      matched_labels=m_l, matched_predictions=m_p, pairs=m_l,
                      modality_correct=correct, articles=rows)


def read_labels(path: str | Path) -> list[ScoredClaim]:
    """The labels of a JSONL file (one claim per line, the development set's schema)."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{path}: no such labels file")
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(ScoredClaim.model_validate(row))
        except json.JSONDecodeError as exc:
            raise ScenarioError([Problem(f"not JSON: {exc.msg}", None, n)], str(path)) from None
        except ValueError as exc:
            raise ScenarioError([Problem(str(exc).splitlines()[0], None, n)],
                                str(path)) from None
    return out


def evaluate(labels_path: str | Path, articles_dir: str | Path,
             rules: str = "wire", only: Sequence[str] | None = None) -> EvalResult:
    """Run extraction on every article of ``articles_dir`` and score it against the
    labels (``only``: just these article file names)."""
    from forcegen.ingest.claims import extractor
    from forcegen.ingest.read import read_article

    folder = Path(articles_dir)
    if not folder.is_dir():
        raise NotFound(f"{folder}: no such folder of articles")
    labels = read_labels(labels_path)
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    if only is not None:
        files = [p for p in files if p.name in set(only)]
        labels = [lab for lab in labels if lab.article in set(only)]
    names = {p.name for p in files}
    unknown = sorted({lab.article for lab in labels} - names)
    if unknown:
        raise IngestError(f"{labels_path}: labels for articles not in {folder}: "
                          + ", ".join(unknown))
    ex = extractor(rules)
    predictions = []
    for path in files:
        for claim in ex.extract(read_article(path)):
            if claim.country is None:
                continue
            predictions.append(ScoredClaim(
                article=path.name, country=claim.country, claim_type=claim.claim_type.value,
                quantity=claim.quantity, quantity_max=claim.quantity_max,
                modality=claim.modality.value, evidence=claim.evidence))
    return score(labels, predictions, [p.name for p in files])
