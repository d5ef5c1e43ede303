"""The plan's typed document: byte-identical to the golden ``plan --json`` of paris-2025,
and described by its own JSON Schema.

When a change to the plan deliberately changes the document, regenerate the golden file
(``forcegen plan paris-2025 --json > tests/data/paris-2025.plan.json``) and name the change.
"""

from __future__ import annotations

import json
from pathlib import Path

from forcegen.analysis.plan.document import PlanDocument
from forcegen.analysis.plan.sustainment import LandForceBasis
from forcegen.model import Scenario

GOLDEN = Path(__file__).parents[2] / "data" / "paris-2025.plan.json"


def dumps(document: object) -> str:
    """As ``forcegen plan --json`` writes it."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_document_is_byte_identical_to_the_golden_file(paris_2025: Scenario) -> None:
    assert dumps(paris_2025.plan().to_dict()) == GOLDEN.read_text(encoding="utf-8")


def test_golden_file_reads_back_as_the_typed_document(paris_2025: Scenario) -> None:
    doc = PlanDocument.model_validate_json(GOLDEN.read_text(encoding="utf-8"))
    assert doc == paris_2025.plan().document()
    fra = next(n for n in doc.nations if n.iso3 == "FRA")
    assert fra.land_forces_kind is LandForceBasis.ARMY


def test_schema_names_every_key_of_the_document(paris_2025: Scenario) -> None:
    schema = PlanDocument.model_json_schema(mode="serialization")
    doc = paris_2025.plan().to_dict()
    assert schema["required"] == list(doc)
    defs = schema["$defs"]
    assert defs["NationRow"]["required"] == list(doc["nations"][0])
    assert defs["Target"]["required"] == list(doc["target"])
    assert defs["LandForceBasis"]["enum"] == ["army", "active_share", "none"]
