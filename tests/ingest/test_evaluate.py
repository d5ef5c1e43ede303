"""Scoring as the development set's README defines it, on hand-computed cases; and the
targets on the development set (F1 >= 0.85, modality accuracy >= 0.8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forcegen.errors import IngestError, ScenarioError
from forcegen.ingest.evaluate import ScoredClaim, evaluate, score


def c(country: str, kind: str, q: int | None = None, qmax: int | None = None,
      modality: str = "offered", article: str = "a.txt") -> ScoredClaim:
    return ScoredClaim(article=article, country=country, claim_type=kind, quantity=q,
                       quantity_max=qmax, modality=modality)


def test_hand_computed_scores() -> None:
    labels = [c("FRA", "troops", None, 10000), c("GBR", "troops"), c("USA", "capability"),
              c("DEU", "stance", modality="cautious")]
    predictions = [
        c("FRA", "troops", 5000, 10000),          # shares 10000: match
        c("GBR", "troops", 3000),                 # label has no number: match
        c("GBR", "troops", 3000),                 # duplicate key: counts once
        c("USA", "troops", modality="ruled_out"),  # wrong claim type: no match
        c("DEU", "stance", modality="considering"),  # match, wrong modality
    ]
    result = score(labels, predictions)
    assert (result.predictions, result.matched_predictions) == (4, 3)
    assert (result.labels, result.matched_labels) == (4, 3)
    assert result.precision == pytest.approx(3 / 4)
    assert result.recall == pytest.approx(3 / 4)
    assert result.f1 == pytest.approx(3 / 4)
    assert result.modality_accuracy == pytest.approx(2 / 3)


def test_numbers_must_share_a_value() -> None:
    result = score([c("FRA", "troops", None, 10000)], [c("FRA", "troops", None, 9000)])
    assert result.matched_labels == 0 and result.f1 == 0.0


def test_keys_are_compared_within_each_article() -> None:
    result = score([c("FRA", "troops", article="a.txt")], [c("FRA", "troops", article="b.txt")])
    assert (result.precision, result.recall) == (0.0, 0.0)


def test_the_pair_for_modality_is_the_prediction_sharing_most_numbers() -> None:
    labels = [c("GBR", "troops", 5000, 8000, modality="committed")]
    predictions = [c("GBR", "troops", 5000, modality="offered"),
                   c("GBR", "troops", 5000, 8000, modality="committed")]
    assert score(labels, predictions).modality_accuracy == 1.0


def test_dev_set_targets(dev_set: Path) -> None:
    result = evaluate(dev_set / "labels.jsonl", dev_set / "articles")
    assert result.labels == 47
    assert result.f1 >= 0.85
    assert result.modality_accuracy >= 0.8


def test_held_out_part_of_the_dev_set(dev_set: Path) -> None:
    """Articles 04-06 were kept out while the rules were written (00-03)."""
    held_out = ["04_baltics.txt", "05_london_paris_plan.txt", "06_beyond_europe.txt"]
    result = evaluate(dev_set / "labels.jsonl", dev_set / "articles", only=held_out)
    assert result.labels == 13
    assert result.f1 >= 0.85
    assert result.modality_accuracy >= 0.8


def test_bad_labels_name_the_line(tmp_path: Path, dev_set: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"article": "x.txt", "country": "FRA", "claim_type": "troops"})
                      + "\n{not json\n", "utf-8")
    with pytest.raises(ScenarioError) as err:
        evaluate(labels, dev_set / "articles")
    assert err.value.line == 2
    labels.write_text(json.dumps({"article": "x.txt", "country": "FRA", "claim_type": "troops"})
                      + "\n", "utf-8")
    with pytest.raises(IngestError, match=r"x\.txt"):
        evaluate(labels, dev_set / "articles")
