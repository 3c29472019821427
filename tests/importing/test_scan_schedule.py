"""The order of a scan's Tesseract work: a page's cells to read again are read as soon as
the page's own text is, while a core still reads another page (`scan._Reading`)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from importing.readers import scan


def test_a_pages_sheet_is_read_while_the_last_main_run_still_reads(monkeypatch, tmp_path):
    pages = [scan._Page(image=None, dpi=200) for _ in range(3)]
    runs = [[scan._Piece(page=n, top=0, bottom=10, band=0)] for n in range(3)]
    sheet_read = threading.Event()
    seen: list[str] = []

    def read_run(run, pages, tmp):
        if run[0].page == 2:  # the last run: it ends only once some sheet has been read
            seen.append("sheet before last run ended" if sheet_read.wait(10) else "late")
        return [[scan.Word("ord", 0, 0, 5, 5, (0, 1, 1, 1), 95.0)]]

    def read_sheets(images, dpi, tmp, *, psm):
        sheet_read.set()
        return [[] for _ in images]

    monkeypatch.setattr(scan, "_plan_runs", lambda pages: runs)
    monkeypatch.setattr(scan, "_read_run", read_run)
    monkeypatch.setattr(scan, "_tesseract_many", read_sheets)
    monkeypatch.setattr(
        scan, "_empty_cells_sheet", lambda page, words: scan._Sheet(None, page.dpi, [])
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        words, again = scan._Reading(pages, pool, Path(tmp_path)).run()

    assert seen == ["sheet before last run ended"]
    assert [[w.text for w in page_words] for page_words in words] == [["ord"]] * 3
    assert again == [[], [], []]
