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


# -- runs of Tesseract and the cells read again (fast: no Tesseract) -----------------------
def _page_of(weight: int, cuts: list[tuple[int, float]], *, dpi: int = 200, height: int = 2000):  # type: ignore[no-untyped-def]
    from PIL import Image

    from importing.readers import scan

    page = scan._Page(image=Image.new("L", (100, height), 255), dpi=dpi)
    page.weight, page.cuts = weight, cuts
    return page


def test_a_lone_page_is_read_as_two_halves_cut_where_its_text_parts_evenly(monkeypatch):
    from importing.readers import scan

    monkeypatch.setattr(scan, "workers", lambda: 2)
    page = _page_of(1000, [(400, 0.2), (900, 0.45), (1300, 0.7)])
    runs = scan._plan_runs([page])
    assert [[(p.page, p.top, p.bottom, p.band) for p in run] for run in runs] == [
        [(0, 0, 900, 0)],
        [(0, 900, 2000, 1)],
    ]
    assert page.bands == [(0, 900), (900, 2000)]


def test_eight_pages_are_read_by_one_tesseract_per_core_each_with_half_the_text(monkeypatch):
    from importing.readers import scan

    monkeypatch.setattr(scan, "workers", lambda: 2)
    assert scan.PAGES_PER_RUN == 8
    # page 3 (0-based) holds more text: the half way lies inside it, at its blank band
    pages = [_page_of(3000 if n == 3 else 1000, [(1000, 0.5)]) for n in range(8)]
    runs = scan._plan_runs(pages)
    assert len(runs) == 2  # two starts of Tesseract for eight pages, not eight
    assert [(p.page, p.band) for p in runs[0]] == [(0, 0), (1, 0), (2, 0), (3, 0)]
    assert [(p.page, p.band) for p in runs[1]][:2] == [(3, 1), (4, 0)]
    assert (runs[0][-1].top, runs[0][-1].bottom, runs[1][0].top) == (0, 1000, 1000)
    assert [p.page for run in runs for p in run] == sorted(p.page for run in runs for p in run)


def test_many_pages_make_bounded_runs_and_a_run_holds_one_resolution(monkeypatch):
    from importing.readers import scan

    monkeypatch.setattr(scan, "workers", lambda: 2)
    pages = [_page_of(1000, [], dpi=300 if n >= 20 else 200) for n in range(30)]
    runs = scan._plan_runs(pages)
    assert all(len(run) <= scan.PAGES_PER_RUN for run in runs)
    assert all(len({pages[p.page].dpi for p in run}) == 1 for run in runs)
    assert sorted(p.page for run in runs for p in run) == list(range(30))  # each page once


def _table_page():  # type: ignore[no-untyped-def]
    """A prepared page with a 2×2 table, its lines erased; "Delmål" set in the header's
    first cell and "2025" in the body's second cell (ink boxes standing in for words)."""
    from PIL import Image, ImageDraw

    from importing.readers import scan

    image = Image.new("L", (1000, 600), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 130, 260, 160), fill=0)  # header, first cell
    draw.rectangle((620, 330, 700, 360), fill=0)  # body, second cell
    grid = scan.Grid(xs=[100.0, 500.0, 900.0], ys=[100.0, 300.0, 500.0])
    grid.regions = [[0, 1], [2, 3]]
    return scan._Page(image=image, dpi=200, grids=[grid])


def _word(text: str, box: tuple[int, int, int, int], conf: float):  # type: ignore[no-untyped-def]
    from importing.readers import scan

    left, top, right, bottom = box
    return scan.Word(text, left, top, right - left, bottom - top, (0, 1, 1, 1), conf)


def test_a_header_cell_read_surely_is_not_read_again_but_an_empty_cell_with_ink_is():
    from importing.readers import scan

    page = _table_page()
    sure = [_word("Delmål", (120, 130, 260, 160), 96.0)]
    sheet = scan._empty_cells_sheet(page, sure)
    assert sheet is not None
    # one snippet: the body cell Tesseract left empty (its ink at x 620), not the header
    assert [(x, y) for _top, _bottom, x, y in sheet.places] == [(508, 308)]


def test_a_header_cell_is_read_again_when_a_word_is_unsure_or_ink_lies_beside_its_words():
    from importing.readers import scan

    page = _table_page()
    unsure = [
        _word("Delimal", (120, 130, 260, 160), 71.0),
        _word("2025", (620, 330, 700, 360), 95.0),
    ]
    sheet = scan._empty_cells_sheet(page, unsure)
    assert sheet is not None and [(x, y) for _t, _b, x, y in sheet.places] == [(108, 108)]
    skipped = [_word("Del", (120, 130, 170, 160), 97.0), _word("2025", (620, 330, 700, 360), 95.0)]
    sheet = scan._empty_cells_sheet(page, skipped)  # "mål" beside "Del" was not read
    assert sheet is not None and [(x, y) for _t, _b, x, y in sheet.places] == [(108, 108)]
    read = [_word("Delmål", (120, 130, 260, 160), 96.0), _word("2025", (620, 330, 700, 360), 95.0)]
    assert scan._empty_cells_sheet(page, read) is None  # nothing doubtful: no Tesseract more
