"""Round trip: each gold reading, loaded and exported as DOCX, reads back the same (F1 1.00)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import GOLD_DIR, SHARED, needs_shared

GOLD_FILES = sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []


def _gold_params() -> list[object]:
    """The gold readings, one case each."""
    return [pytest.param(path, id=path.stem) for path in GOLD_FILES]


def _scorer() -> ModuleType:
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("lbf_score_documents", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_document() -> Any:
    try:
        from importing.pipeline import read_document
    except ImportError:
        pytest.skip("importing.pipeline is not there yet; the round trip needs the importer")
    return read_document


@pytest.mark.needs_shared
@needs_shared
@pytest.mark.django_db
@pytest.mark.parametrize("gold_path", _gold_params())
def test_generated_docx_reads_back_as_the_gold_reading(gold_path: Path) -> None:
    from documents.content import Stamp
    from documents.render import render_agreement_docx
    from plans.loading import plan_load_interchange
    from plans.models import Agreement
    from plans.selectors import agreement_to_interchange

    read_document = _read_document()
    gold = json.loads(gold_path.read_text("utf-8"))
    loaded = plan_load_interchange(slug="rundtur", documents=[gold])
    agreement = Agreement.objects.with_chain().get(pk=loaded.agreements[0].pk)
    data = render_agreement_docx(
        agreement_to_interchange(agreement), Stamp(plan_name="Rundtur", version=1)
    )
    prediction = read_document(data, f"{gold_path.stem}.docx").agreement.to_dict()
    tally = _scorer().score_document(gold, prediction)
    total = tally.totals()
    assert total["f1"] == 1.0, tally.misses
