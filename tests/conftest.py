"""Shared fixtures: named example scenarios, built once per session."""

from __future__ import annotations

import pytest

from forcegen.io.catalogue import load_scenario
from forcegen.model import Scenario


@pytest.fixture(scope="session")
def paris_2025() -> Scenario:
    return load_scenario("paris-2025")
