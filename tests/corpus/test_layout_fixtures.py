"""Every layout case that ever broke the importer keeps at least the F1 it has reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import needs_shared

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "layouts"
FLOORS: dict[str, float] = json.loads((FIXTURES / "floors.json").read_text("utf-8"))
# PDFs and scans are slow to read (OCR, page layout); the rest is in the fast suite.
FAST = {name: floor for name, floor in FLOORS.items() if not name.endswith((".png", ".pdf"))}
SLOW = {name: floor for name, floor in FLOORS.items() if name not in FAST}


def score(name: str) -> float:
    from corpus.evaluate import load_scorer
    from importing.errors import DocumentError
    from importing.pipeline import read_document

    document = FIXTURES / name
    truth = json.loads((FIXTURES / (document.stem + ".json")).read_text("utf-8"))
    try:
        prediction = read_document(document.read_bytes(), document.name).agreement.to_dict()
    except DocumentError:  # "not an agreement": nothing read
        prediction = {}
    f1: float = load_scorer().score_document(truth, prediction).totals()["f1"]
    return f1


def test_every_fixture_has_truth_and_a_floor():
    documents = {p.name for p in FIXTURES.iterdir() if p.suffix not in (".json", ".md")}
    assert documents == set(FLOORS)
    for name in FLOORS:
        assert (FIXTURES / (Path(name).stem + ".json")).exists(), name
        assert 0.0 <= FLOORS[name] <= 1.0


@needs_shared
@pytest.mark.parametrize("name", sorted(FAST))
def test_fixture_keeps_its_floor(name: str):
    assert score(name) >= FAST[name]


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SLOW))
def test_pdf_and_scan_fixture_keeps_its_floor(name: str):
    assert score(name) >= SLOW[name]
