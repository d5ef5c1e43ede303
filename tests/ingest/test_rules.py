"""Rule sets are a registry that the built-in uses too: another rule set changes what is
read; a broken one is refused with a message naming it."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from forcegen.errors import IngestError, NotFound
from forcegen.ingest.claims import Extractor
from forcegen.ingest.rules import RuleSet, get_rule_set, register_rule_set, rule_set_names

SENTENCE = "Norway might send a frigate to the Black Sea."


def builtin() -> dict[str, object]:
    text = resources.files("forcegen.data").joinpath("ingest_rules.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_the_builtin_is_registered() -> None:
    assert "wire" in rule_set_names()
    assert get_rule_set("wire").name == "wire"


def test_a_registered_rule_set_changes_what_is_read() -> None:
    data = builtin()
    for block in data["modality"]:  # type: ignore[attr-defined]
        block["cues"] = [c for c in block["cues"] if "might" not in c]
    register_rule_set("no-might", lambda: RuleSet.from_dict(data, "no-might"))
    assert [c.modality.value for c in Extractor(get_rule_set("wire")).extract_text(SENTENCE)
            ] == ["considering"]
    assert Extractor(get_rule_set("no-might")).extract_text(SENTENCE) == []


def test_a_rule_set_from_a_file(tmp_path: Path) -> None:
    good = tmp_path / "mine.toml"
    good.write_text(resources.files("forcegen.data").joinpath("ingest_rules.toml")
                    .read_text("utf-8").replace('name = "wire"', 'name = "mine"'), "utf-8")
    assert get_rule_set(str(good)).name == "mine"
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\n[[modality]]\nmodality = "maybe"\ncues = []\n', "utf-8")
    with pytest.raises(IngestError, match=r"bad\.toml"):
        get_rule_set(str(bad))
    with pytest.raises(NotFound):
        get_rule_set(str(tmp_path / "missing.toml"))
    with pytest.raises(NotFound, match="no rule set named"):
        get_rule_set("nope")


def test_an_unknown_capability_in_a_rule_set_is_refused() -> None:
    data = builtin()
    data["capability"][0]["taxonomy"] = "teleportation"  # type: ignore[index]
    with pytest.raises(IngestError, match="teleportation"):
        RuleSet.from_dict(data, "x")
