"""Every claim the extractor reads from the golden texts (the development set, the fact
sheets, and the development set in capitals, title case and with a two-character
lowering) is exactly the one recorded in ``tests/data/ingest-golden.json``: faster
extraction may not change what is extracted."""

from __future__ import annotations

import json

from forcegen.ingest.claims import Extractor
from tests.ingest.golden import GOLDEN, claims_document


def test_claims_equal_the_golden_file(wire: Extractor) -> None:
    expected = json.loads(GOLDEN.read_text("utf-8"))
    got = claims_document(wire)
    assert [a["article"] for a in got] == [a["article"] for a in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert mine["claims"] == theirs["claims"], mine["article"]
    assert sum(len(a["claims"]) for a in got) == 247
