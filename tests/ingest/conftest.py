"""Ingestion fixtures: the development set (a copy in tests/data/ingest-dev) and the
built-in extractor, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcegen.ingest.claims import Extractor, extractor

DEV = Path(__file__).resolve().parents[1] / "data" / "ingest-dev"


@pytest.fixture(scope="session")
def dev_set() -> Path:
    return DEV


@pytest.fixture(scope="session")
def wire() -> Extractor:
    return extractor("wire")
