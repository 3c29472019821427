"""Every odd document that ever broke the importer, with its expected interchange JSON.

A fixture is `NAME.<ext>` next to `NAME.json`; the JSON lists the keys that must match
(warnings are not compared).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importing.pipeline import read_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importing"
CASES = sorted(
    p for p in FIXTURES.glob("*") if p.suffix != ".json" and p.with_suffix(".json").exists()
)


@pytest.mark.parametrize("source", CASES, ids=[p.name for p in CASES])
def test_fixture_reads_as_expected(source: Path):
    expected = json.loads(source.with_suffix(".json").read_text("utf-8"))
    actual = read_document(source.read_bytes(), source.name).agreement.to_dict()
    actual.pop("warnings", None)
    assert {key: actual.get(key) for key in expected} == expected
