"""The golden claims: what the extractor reads from a fixed set of texts, written to
``tests/data/ingest-golden.json`` once and compared in ``test_golden.py``, so that work on
its speed cannot change a single claim unnoticed.

The texts: the development set (the seed and the constructed articles, read with their
metadata), the sourced fact sheets shipped in ``forcegen/data`` (real wire language,
read as bare text), and the development set again in capitals, in title case and with a
character that lowers to two ("İ", which changes how the text is case-folded).

    .venv/bin/python -m tests.ingest.golden   # rewrite the golden file (review the diff!)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from forcegen.ingest.claims import Extractor
from forcegen.ingest.read import Article, ArticleMeta, read_article

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "ingest-dev" / "articles"
GOLDEN = ROOT / "tests" / "data" / "ingest-golden.json"
FACT_SHEETS = ("coalition-2025-26.md", "countries-notes.md", "doctrine.md", "SOURCES.md")


def golden_articles() -> list[Article]:
    dev = [read_article(p) for p in sorted(DEV.glob("*.txt"))]
    out = [Article(a.name.rsplit("/", 1)[-1], a.text, a.meta, a.fingerprint) for a in dev]
    for name in FACT_SHEETS:
        text = (ROOT / "forcegen" / "data" / name).read_text("utf-8")
        out.append(Article(name, text, ArticleMeta(), ""))
    variants = {"upper": str.upper, "title": str.title,
                "dotted-i": lambda t: "\n".join("İ " + ln for ln in t.splitlines())}
    for label, change in variants.items():
        out += [Article(f"{label}/{a.name}", change(a.text), a.meta, "") for a in out[:len(dev)]]
    return out


def claims_document(ex: Extractor) -> list[dict[str, Any]]:
    return [{"article": a.name, "claims": [c.to_dict() for c in ex.extract(a)]}
            for a in golden_articles()]


if __name__ == "__main__":
    from forcegen.ingest.claims import extractor

    doc = claims_document(extractor("wire"))
    GOLDEN.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{GOLDEN}: {sum(len(a['claims']) for a in doc)} claims of {len(doc)} texts")
