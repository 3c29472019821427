"""Scans (200 dpi, slightly turned, speckled) read like the PDF they were printed from,
tables included; a PDF with some scanned pages reads its text pages from the text layer."""

from __future__ import annotations

import io
import shutil

import pytest

from importing.pipeline import read_document
from importing.readers.scan import find_tables
from tests.importing import layouts_pdftext as layouts

needs_ocr_tools = pytest.mark.skipif(
    not (shutil.which("tesseract") and layouts.tools_present()),
    reason="tesseract or poppler-utils is not installed",
)


def _grid_image():  # type: ignore[no-untyped-def]
    """A ruled 3×3 table whose first column's two lower cells are one merged cell."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1200, 800), 0)
    draw = ImageDraw.Draw(image)
    xs, ys = [100, 400, 700, 1100], [100, 300, 500, 700]
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=255, width=3)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=255, width=3)
    draw.line((xs[0] + 2, ys[2], xs[1] - 2, ys[2]), fill=0, width=5)  # merge two cells
    draw.rectangle((150, 150, 330, 170), fill=255)  # a word: ink, but not a line
    return image


def test_ruling_lines_give_the_cell_grid_with_merged_cells():
    grids = find_tables(_grid_image(), 200)
    assert len(grids) == 1
    grid = grids[0]
    assert [round(x) for x in grid.xs] == [100, 400, 700, 1100]
    assert [round(y) for y in grid.ys] == [100, 300, 500, 700]
    assert grid.regions[1][0] == grid.regions[2][0]  # merged down
    assert grid.regions[1][1] != grid.regions[2][1]
    assert grid.cell_at(200, 600) == (1, 0)  # text in the merged cell goes to its top


def test_text_without_ruling_lines_is_no_table():
    from PIL import Image, ImageDraw

    image = Image.new("L", (1200, 800), 0)
    draw = ImageDraw.Draw(image)
    for y in range(100, 700, 40):
        draw.rectangle((100, y, 1100, y + 14), fill=255)  # text lines, no verticals
    assert find_tables(image, 200) == []


def _indicators(agreement) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.text for g in agreement.goals for i in g.indicators]


def _close(read: list[str], expected: list[str]) -> bool:
    """As many texts as expected, each the expected one up to an OCR slip or two (a speck
    read as a full stop)."""
    from rapidfuzz import fuzz

    return len(read) == len(expected) and all(
        fuzz.ratio(a, b) >= 90 for a, b in zip(read, expected, strict=True)
    )


def _expected(copies: int) -> list[str]:
    return [
        f"{i} ({copy + 1})"
        for copy in range(copies)
        for _g, inds in layouts.GOALS
        for i, _b, _y in inds
    ]


@pytest.mark.slow
@needs_ocr_tools
def test_a_tilted_speckled_scan_reads_its_table_and_header_fields():
    pages = [
        layouts.scanned(page, seed=n)
        for n, page in enumerate(layouts.page_images(layouts.paged_pdf(copies=2)))
    ]
    result = read_document(layouts.scan_pdf(pages), "skanning.pdf")
    agreement = result.agreement
    assert agreement.title == layouts.TITLE
    assert agreement.focus_area == "Sammenhængskraft og medborgerskab"
    assert agreement.parties == layouts.PARTIES
    assert _close(_indicators(agreement), _expected(2))
    assert [i.baseline_year for g in agreement.goals for i in g.indicators] == [
        int(y) for _c in range(2) for _g, inds in layouts.GOALS for _i, _b, y in inds
    ]
    assert layouts.RUNNING_HEADER not in str(agreement.to_dict())
    assert any("skanning" in w for w in result.warnings)


@pytest.mark.slow
@needs_ocr_tools
def test_a_pdf_with_one_scanned_page_reads_the_others_from_their_text():
    import pikepdf

    original = layouts.paged_pdf(copies=2)
    images = layouts.page_images(original)
    scanned = pikepdf.open(io.BytesIO(layouts.scan_pdf([layouts.scanned(images[1])])))
    mixed = pikepdf.open(io.BytesIO(original))
    mixed.pages[1] = scanned.pages[0]
    out = io.BytesIO()
    mixed.save(out)
    result = read_document(out.getvalue(), "blandet.pdf")
    assert _close(_indicators(result.agreement), _expected(2))
    assert result.agreement.title == layouts.TITLE
    assert any(w.startswith("Side 2 er skannet") for w in result.warnings)


@pytest.mark.slow
@needs_ocr_tools
def test_a_photographed_page_as_png_is_read():
    image = layouts.scanned(layouts.page_images(layouts.paged_pdf(copies=1))[0], degrees=-1.1)
    data = io.BytesIO()
    image.save(data, format="PNG", dpi=(200, 200))
    agreement = read_document(data.getvalue(), "side.png").agreement
    assert agreement.initiative == layouts.INITIATIVE
    assert agreement.parties == layouts.PARTIES
