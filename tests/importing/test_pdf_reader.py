"""The PDF reader's page objects (pdfium underneath pdfplumber's layout functions): glyph
sizes as printed, hyphens at line ends, page turns, and images wrapped in form XObjects."""

from __future__ import annotations

import io

import pytest

from importing.pipeline import needs_ocr
from importing.readers import pdf as pdf_reader


def _weasy(body: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def _objects(data: bytes, number: int = 0) -> pdf_reader._Objects:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    page = document[number]
    try:
        return pdf_reader._page_objects(page.raw, number + 1)
    finally:
        page.close()
        document.close()


def test_a_glyph_has_the_size_it_is_printed_at_not_the_size_before_scaling():
    # WeasyPrint sets text at a font size in px inside a 0.75 scale: 24pt is Tf 32
    data = _weasy('<p style="font-size:24pt">Stor</p><p style="font-size:10pt">lille</p>')
    sizes = {c["text"]: round(c["size"], 1) for c in _objects(data).chars}
    assert sizes["S"] == 24.0
    assert sizes["l"] == 10.0


def test_a_line_that_ends_in_a_hyphen_keeps_it():
    data = _weasy("<p>Vi deltager i skole-<br>hjem-samtalen hvert år.</p>")
    [page] = pdf_reader.read_pdf_pages(data)
    assert page.doc is not None
    # as a line break or as a wrap (the page shows no full line to tell by): the hyphen stays
    assert "skole-hjem-samtalen" in page.doc.plain_text().replace("-\n", "-")


@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_a_turned_page_is_read_as_shown(quarter_turns: int):
    import pikepdf

    data = _weasy("<p>Delaftalens parter:</p><p>Lindby Politi</p>")
    with pikepdf.open(io.BytesIO(data)) as document:
        width = float(document.pages[0].mediabox[2])
        height = float(document.pages[0].mediabox[3])
        document.pages[0].Rotate = 90 * quarter_turns
        out = io.BytesIO()
        document.save(out)
    objects = _objects(out.getvalue())
    shown = (height, width) if quarter_turns % 2 else (width, height)
    assert (objects.width, objects.height) == pytest.approx(shown)
    letters = [c for c in objects.chars if c["text"].strip()]
    assert letters
    assert all(0 <= c["x0"] <= c["x1"] <= objects.width for c in letters)
    assert all(0 <= c["top"] <= c["bottom"] <= objects.height for c in letters)
    # turned sideways the text runs down the shown page: not upright, as pdfminer says
    assert any(c["upright"] for c in letters) is (quarter_turns == 2)


def test_a_scanned_page_drawn_through_a_form_xobject_goes_to_ocr():
    import pikepdf
    from PIL import Image

    from tests.importing.layouts_pdftext import scan_pdf

    scan = scan_pdf([Image.new("L", (1654, 2339), 255)])
    with pikepdf.open(io.BytesIO(scan)) as source, pikepdf.new() as wrapped:
        page = source.pages[0]
        wrapped.add_blank_page(page_size=(float(page.mediabox[2]), float(page.mediabox[3])))
        # the page's image inside a form XObject, as some scanners and PDF tools write it
        form = wrapped.copy_foreign(page.as_form_xobject())
        wrapped.pages[0].add_overlay(form, pikepdf.Rectangle(*page.mediabox))
        out = io.BytesIO()
        wrapped.save(out)
    [read] = pdf_reader.read_pdf_pages(out.getvalue())
    assert read.image_cover > 0.95
    assert needs_ocr(read)


def test_the_ruling_lines_of_a_table_make_its_cells():
    data = _weasy(
        "<style>td{border:1px solid black;padding:4px}table{border-collapse:collapse}</style>"
        "<table><tr><td>Delmål</td><td>Indikator</td></tr>"
        "<tr><td>Flere i job</td><td>Andel i beskæftigelse</td></tr></table>"
    )
    [page] = pdf_reader.read_pdf_pages(data)
    assert page.doc is not None
    tables = [block.rows for block in page.doc.blocks if block.kind == "table"]
    assert tables == [[["Delmål", "Indikator"], ["Flere i job", "Andel i beskæftigelse"]]]
