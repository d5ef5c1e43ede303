"""Modality: the weakest cue of a clause wins; a cue inside a longer one is the longer one's."""

from __future__ import annotations

import pytest

from forcegen.ingest.modality import find_cues, weakest
from forcegen.ingest.rules import get_rule_set


def modality(text: str) -> str:
    return weakest(find_cues(text, get_rule_set("wire")))


@pytest.mark.parametrize(("text", "expected"), [
    ("Britain will commit 5,000 troops", "committed"),
    ("Belgium pledged 1 billion euros", "committed"),
    ("France could commit up to 10,000 troops", "offered"),  # could weakens commit
    ("Rome is ready to provide engineers", "offered"),
    ("the UK is prepared to send troops if necessary", "conditional"),
    ("Lithuania intends to contribute a platoon, pending a vote", "conditional"),
    ("Germany is considering sending troops, but only if Washington backs it", "considering"),
    ("Latvia would consider sending 200 personnel", "considering"),
    ("Greece has not ruled out sending a frigate", "considering"),
    ("Poland and Germany remain cautious", "cautious"),
    ("it is too early to talk about numbers", "cautious"),
    ("Washington has ruled out sending troops", "ruled_out"),
    ("Italy will not put soldiers on the ground", "ruled_out"),
    ("no American ground forces would be sent", "ruled_out"),
    ("the ministers met in Oslo on Wednesday", "unknown"),
])
def test_weakest_cue_wins(text: str, expected: str) -> None:
    assert modality(text) == expected


def test_may_the_month_is_not_a_cue() -> None:
    assert modality("The talks resumed in May") == "unknown"
    assert modality("Norway may send a ship") == "considering"
