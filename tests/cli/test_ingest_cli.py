"""`forcegen ingest` and `forcegen eval-ingest` through Typer's CliRunner: the JSON schema
of the labels, every dev article, and bad input (exit 2, one message, no traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forcegen.cli import app

runner = CliRunner()
DEV = Path(__file__).resolve().parents[1] / "data" / "ingest-dev"
SEED = DEV / "articles" / "00_seed_paris_meeting.txt"
FIELDS = {"article", "country", "actor", "claim_type", "quantity", "quantity_max", "unit",
          "capability", "modality", "condition", "evidence"}


def test_ingest_json_has_the_labels_schema() -> None:
    result = runner.invoke(app, ["ingest", str(SEED), "--json", "--outlet", "Seed",
                                 "--date", "2025-02-17"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    label_fields = set(json.loads((DEV / "labels.jsonl").read_text("utf-8").splitlines()[0]))
    assert label_fields <= set(claims[0]) | {"article"}
    assert set(claims[0]) >= FIELDS
    assert claims[0]["source"] == {"outlet": "Seed", "title": None, "date": "2025-02-17",
                                   "url": None}
    assert {"FRA", "GBR", "USA", "DEU", "POL", "NLD"} <= {c["country"] for c in claims}


def test_ingest_every_dev_article_and_the_table() -> None:
    files = sorted(str(p) for p in (DEV / "articles").iterdir())
    result = runner.invoke(app, ["ingest", *files, "--json"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert {c["article"] for c in claims} == {Path(f).name for f in files}
    header = json.loads(result.stdout)[-1]["source"]
    assert header["outlet"] == "Constructed example (not a real report)"
    table = runner.invoke(app, ["ingest", str(SEED)])
    assert table.exit_code == 0 and "FRA" in table.stdout and "up to 10,000" in table.stdout


def test_eval_ingest() -> None:
    result = runner.invoke(app, ["eval-ingest", str(DEV / "labels.jsonl"),
                                 str(DEV / "articles"), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["labels"] == 47 and doc["f1"] >= 0.85 and doc["modality_accuracy"] >= 0.8
    text = runner.invoke(app, ["eval-ingest", str(DEV / "labels.jsonl"), str(DEV / "articles")])
    assert "precision" in text.stdout and "modality accuracy" in text.stdout


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"\x00\x01\x02binary" * 10, "a binary file"),
    (bytes(range(0x80, 0x100)) * 4, "unknown text encoding"),
    (b"DATE: tomorrow\n\nFrance will send troops.", "DATE: not a date"),
])
def test_bad_input(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    result = runner.invoke(app, ["ingest", str(f), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    f = tmp_path / "de.txt"
    f.write_text("Deutschland erwägt die Entsendung von bis zu 5.000 Soldaten in die Ukraine.",
                 "utf-8")
    result = runner.invoke(app, ["ingest", str(f), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "warning:" in result.stderr and "English" in result.stderr


def test_bad_options() -> None:
    result = runner.invoke(app, ["ingest", str(SEED), "--date", "17/02/2025"])
    assert result.exit_code == 2 and "--date" in result.stderr
    result = runner.invoke(app, ["ingest", str(SEED), "--rules", "nope"])
    assert result.exit_code == 2 and "no rule set named 'nope'" in result.stderr
