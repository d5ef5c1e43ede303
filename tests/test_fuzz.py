"""Fuzzing the scenario reader and the plan (issue 8): 200 mutated embedded scenarios
(seeded, so each run sees the same files) through ``validate`` and ``plan --json``.

Each case must exit 0 or 2 with no traceback, within the harness's per-case timeout (a
hang fails the case; see ``tests/fuzzing.py``). ``make fuzz`` runs 10,000 cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzzing import case_text, run_case

SEED = 20250217
CHUNKS, PER_CHUNK = 4, 50


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutated_scenarios_end_in_exit_0_or_2_without_traceback(
        chunk: int, tmp_path: Path) -> None:
    failures = []
    codes = set()
    for n in range(chunk * PER_CHUNK, (chunk + 1) * PER_CHUNK):
        for outcome in run_case(case_text(SEED, n), tmp_path):
            codes.add(outcome.exit_code)
            if not outcome.ok:
                failures.append((n, outcome.command, outcome.exit_code, outcome.output[-300:]))
    assert failures == []
    assert 2 in codes  # the mutations do break files (the fuzzer is not a no-op)


def test_the_mutator_is_seeded() -> None:
    assert case_text(SEED, 7) == case_text(SEED, 7)
    assert case_text(SEED, 7) != case_text(SEED, 8)
