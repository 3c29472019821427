"""The importer over the hand-written families (corpus/foreign), held to per-family floors
(slow: LibreOffice and WeasyPrint print the PDFs on a first build).

Floors are the F1 measured when they were set minus 0.02; raise them as importer work
lands, never lower them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import needs_shared

pytestmark = [pytest.mark.slow, needs_shared]

FAMILY_FLOORS = {
    "activity-columns": 0.96,
    "bundle": 0.98,
    "cover-toc": 0.97,
    "form-controls": 0.97,
    "gdocs-html": 0.96,
    "goal-bullets": 0.98,
    "odt-frames": 0.945,
    "odt-native": 0.97,
    "one-table": 0.97,
    "placeholders": 0.98,
    "prose-goals": 0.95,
    "span-header": 0.96,
    "strategic-numbered": 0.97,
    "textbox-tracked": 0.98,
    "transposed": 0.96,
    "two-column": 0.95,
    "weasy-columns": 0.97,
    # the five "beyond" families (corpus/foreign/beyond.py), raised 2026-12-03 after the work
    # on nested tables, page-header fields and goal columns by year (measured − 0.02); the
    # word-html PDF's goal table (a shaded header row over unruled, vertically centred cells)
    # is read by importing/readers/pdf_unruled.py since the same day
    "heading-lines": 0.97,
    "nested-goals": 0.98,
    "target-years": 0.96,
    "tracked-rows": 0.97,
    "word-html": 0.98,
    # the five "fresh" families (corpus/foreign/fresh.py, the unseen test set of 2026-12-03),
    # recorded after the importer work they led to (measured − 0.02, rounded down)
    "abbreviated": 0.97,
    "form-fields": 0.97,
    "goal-columns": 0.97,
    "outline-numbered": 0.97,
    "typed-toc": 0.97,
}
FORMAT_FLOORS = {"doc": 0.98, "docx": 0.98, "html": 0.98, "odt": 0.98, "pdf": 0.95, "rtf": 0.98}
DOCUMENT_FLOOR = 0.78
# The beyond and fresh families are held to their family floor and to a lowest document of their
# own (measured lowest − 0.02); the format and document floors above cover the families before
# them.
BEYOND_DOCUMENT_FLOORS = {
    "heading-lines": 0.94,
    "nested-goals": 0.97,
    "target-years": 0.90,
    "tracked-rows": 0.97,
    "word-html": 0.98,
}
# The fresh families' lowest documents (measured − 0.02); the lowest, gold-003 as form-fields
# in PDF (0.92), loses a party: names wrapped in a narrow PDF cell read as two lines.
FRESH_DOCUMENT_FLOORS = {
    "abbreviated": 0.96,
    "form-fields": 0.90,
    "goal-columns": 0.96,
    "outline-numbered": 0.96,
    "typed-toc": 0.97,
}
OWN_DOCUMENT_FLOORS = {**BEYOND_DOCUMENT_FLOORS, **FRESH_DOCUMENT_FLOORS}


@pytest.fixture(scope="module")
def results() -> list[dict[str, Any]]:
    from corpus.build import default_cache_root, load_manifest
    from corpus.evaluate import run
    from corpus.foreign.build import build_foreign

    folder: Path = build_foreign(default_cache_root())
    return run(folder, load_manifest(folder)["documents"], jobs=2)


def test_every_hand_written_family_keeps_its_floor(results: list[dict[str, Any]]):
    from corpus.evaluate import aggregate

    families = aggregate(results, "family")
    assert set(families) == set(FAMILY_FLOORS)
    below = {n: r["f1"] for n, r in families.items() if r["f1"] < FAMILY_FLOORS[n]}
    assert below == {}
    earlier = [r for r in results if r["family"] not in OWN_DOCUMENT_FLOORS]
    formats = aggregate(earlier, "format")
    below = {n: r["f1"] for n, r in formats.items() if r["f1"] < FORMAT_FLOORS[n]}
    assert below == {}
    lowest = min(earlier, key=lambda r: r["totals"]["f1"])
    assert lowest["totals"]["f1"] >= DOCUMENT_FLOOR, lowest["id"]
    below_own = [
        (r["id"], r["totals"]["f1"])
        for r in results
        if r["family"] in OWN_DOCUMENT_FLOORS
        and r["totals"]["f1"] < OWN_DOCUMENT_FLOORS[r["family"]]
    ]
    assert below_own == []
    assert not [r["id"] for r in results if r["crashed"]]
