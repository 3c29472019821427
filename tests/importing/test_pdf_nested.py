"""A table nested in a table's cell, printed by LibreOffice, that a page break cuts: on the
next page the outer table's border at the page's top meets the nested table's, and the
outer cell's padding either side of it reads as narrow empty columns. The nested table's
rows there are its own still."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from importing.pipeline import read_document
from tests.importing.test_beyond_layouts import INDICATOR_HEADER, _fill, _save


def _long_nested_agreement(count: int) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Sammenhængskraft og medborgerskab", 1)
    d.add_heading("Delmål og indikatorer for indsatsområdet", 2)
    outer = d.add_table(rows=2, cols=2)
    outer.style = "Table Grid"
    outer.rows[0].cells[0].text = "Delmål 1"
    outer.rows[0].cells[1].text = "Flere beboere kender deres naboer"
    span = outer.cell(1, 0).merge(outer.cell(1, 1))
    span.text = "Indikatorer:"
    rows = [
        [f"Hilser på nabo {n}", f"{n} %", "", str(2000 + n), "Egen måling"]
        for n in range(1, count + 1)
    ]
    inner = span.add_table(rows=1 + count, cols=len(INDICATOR_HEADER))
    inner.style = "Table Grid"
    _fill(inner, [INDICATOR_HEADER, *rows])
    d.add_heading("Aktiviteter", 2)
    d.add_paragraph("Naboskabsfesten")
    return _save(d)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")
def test_a_nested_table_a_page_break_cuts_goes_on_as_itself(tmp_path: Path) -> None:
    source = tmp_path / "n.docx"
    source.write_bytes(_long_nested_agreement(40))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    agreement = read_document((tmp_path / "n.pdf").read_bytes(), "n.pdf").agreement
    [goal] = agreement.goals
    assert goal.text == "Flere beboere kender deres naboer"
    assert [(i.text, i.baseline_year) for i in goal.indicators] == [
        (f"Hilser på nabo {n}", 2000 + n) for n in range(1, 41)
    ]
