"""PDFs exported from Word: page furniture is recognised as such and never read as content,
a wrapped title stays one title, and the delmål table runs on over pages."""

from __future__ import annotations

import json

import pytest

from importing.layout.pages import join_tables, remove_furniture
from importing.pipeline import read_document
from importing.tree import Block, Document
from tests.importing import layouts_pdftext as layouts


def _expected_indicators(copies: int) -> list[str]:
    return [
        f"{indicator} ({copy + 1})"
        for copy in range(copies)
        for _goal, indicators in layouts.GOALS
        for indicator, _baseline, _year in indicators
    ]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_word_like_pdf_reads_without_its_page_furniture(repeat_header: bool):
    result = read_document(layouts.paged_pdf(repeat_header=repeat_header), "delaftale.pdf")
    agreement = result.agreement
    assert agreement.title == layouts.TITLE
    assert agreement.focus_area == "Sammenhængskraft og medborgerskab"
    assert agreement.initiative == layouts.INITIATIVE
    assert agreement.parties == layouts.PARTIES
    assert [s.text for s in agreement.staff] == layouts.STAFF
    indicators = [i.text for g in agreement.goals for i in g.indicators]
    assert indicators == _expected_indicators(4)
    assert agreement.revision == layouts.REVISION
    everything = json.dumps(agreement.to_dict(), ensure_ascii=False)
    assert layouts.RUNNING_HEADER not in everything
    assert "Side " not in everything


def _page(*blocks: Block) -> list[Block]:
    return list(blocks)


def _paged(pages: list[list[Block]]) -> Document:
    doc = Document()
    for number, page in enumerate(pages):
        if number:
            doc.blocks.append(Block(kind="pagebreak"))
        doc.blocks.extend(page)
    return doc


def test_running_header_footer_and_page_numbers_are_removed():
    pages = [
        _page(
            Block("paragraph", "Helhedsplan Kløvermarken"),
            Block("paragraph", f"Indhold på side {n}\nmere tekst"),
            Block("paragraph", marker),
        )
        for n, marker in enumerate(["Side 1 af 3", "- 2 -", "3"], start=1)
    ]
    out = remove_furniture(_paged(pages))
    texts = [b.text for b in out.blocks if b.kind != "pagebreak"]
    assert texts == [f"Indhold på side {n}\nmere tekst" for n in (1, 2, 3)]


def test_a_label_at_the_top_of_every_page_is_content_not_furniture():
    pages = [
        _page(Block("paragraph", "Aktivitetsnavn:"), Block("paragraph", f"Aktivitet {n}"))
        for n in range(3)
    ]
    out = remove_furniture(_paged(pages))
    assert sum(1 for b in out.blocks if b.text == "Aktivitetsnavn:") == 3


def test_a_heading_is_never_furniture_even_when_a_header_repeats_it():
    title = "Delaftale for indsatsområdet Beskæftigelse"
    pages = [
        _page(Block("paragraph", title), Block("heading", title, level=1), Block("paragraph", "a")),
        _page(Block("paragraph", title), Block("paragraph", "b")),
        _page(Block("paragraph", title), Block("paragraph", "c")),
    ]
    out = remove_furniture(_paged(pages))
    assert [b.kind for b in out.blocks if b.text == title] == ["heading"]


def test_a_table_continued_on_the_next_page_is_one_table_with_its_split_row_joined():
    header = ["Delmål", "Indikator", "Baseline år"]
    first = Block("table", rows=[header, ["Flere i job", "Andel i job", "2022"]])
    second = Block(
        "table",
        rows=[header, ["", "blandt de unge", ""], ["Færre ledige", "Antal ledige", "2023"]],
    )
    out = join_tables(_paged([[first], [second]]))
    assert [b.kind for b in out.blocks] == ["table"]
    assert out.blocks[0].rows == [
        header,
        ["Flere i job", "Andel i job blandt de unge", "2022"],
        ["Færre ledige", "Antal ledige", "2023"],
    ]
    assert first.rows[-1] == ["Flere i job", "Andel i job", "2022"]  # the input is unchanged


def test_tables_with_other_columns_on_two_pages_stay_two_tables():
    first = Block("table", rows=[["a", "b"], ["c", "d"]])
    second = Block("table", rows=[["x", "y", "z"]])
    out = join_tables(_paged([[first], [second]]))
    assert [b.kind for b in out.blocks] == ["table", "pagebreak", "table"]


def test_a_pdf_page_without_a_text_layer_is_the_pipelines_to_send_to_ocr():
    from importing.pipeline import needs_ocr
    from importing.readers.pdf import PdfPage

    prose = "Beboerne i boligområdet mødes hver uge i beboerhuset og laver mad sammen. " * 4
    assert needs_ocr(PdfPage(doc=None, text="", image_cover=1.0))
    assert needs_ocr(PdfPage(doc=None, text="Side 1", image_cover=0.95))
    assert needs_ocr(PdfPage(doc=None, text="\ue001\ue002" * 100, image_cover=0.0))
    assert needs_ocr(PdfPage(doc=None, text="xqzv wrtp klmn " * 30, image_cover=0.0))
    assert not needs_ocr(PdfPage(doc=None, text=prose, image_cover=0.0))
    assert not needs_ocr(PdfPage(doc=None, text=prose * 3, image_cover=1.0))
