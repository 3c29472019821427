"""Layouts beyond the earlier families (issue 8): tables nested in cells, goal columns by
year, header fields in the page header, Word's filtered HTML."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from importing.pipeline import read_document
from importing.readers.docx import read_docx


def _save(d: Any) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _fill(table: Any, rows: list[list[str]]) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


INDICATOR_HEADER = ["Indikator", "Udgangspunkt", "Sammenligning", "Opgjort", "Kilde"]


def nested_goals_agreement() -> bytes:
    """One outer table per delmål: »Delmål n« | its text, then a row whose cell spanning the
    row holds the indicators as a table of their own."""
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Sammenhængskraft og medborgerskab", 1)
    d.add_heading("Områdets navn", 2)
    d.add_paragraph("Fælles om Pilegården")
    d.add_heading("Delmål og indikatorer for indsatsområdet", 2)
    goals = [
        ("Flere beboere kender deres naboer", [["Andel der hilser på naboen", "41 %", "", "2023",
                                                 "Egen måling"]]),
        ("Flere deltager i beboerdemokratiet", [["Fremmøde på afdelingsmødet", "38 personer",
                                                  "Hele boligselskabet: 9 %", "2022",
                                                  "Referater"]]),
    ]  # fmt: skip
    outer = d.add_table(rows=2 * len(goals), cols=2)
    outer.style = "Table Grid"
    for g, (text, rows) in enumerate(goals):
        _fill_row = outer.rows[2 * g].cells
        _fill_row[0].text = f"Delmål {g + 1}"
        _fill_row[1].text = text
        span = outer.cell(2 * g + 1, 0).merge(outer.cell(2 * g + 1, 1))
        span.text = "Indikatorer:"
        inner = span.add_table(rows=1 + len(rows), cols=len(INDICATOR_HEADER))
        inner.style = "Table Grid"
        _fill(inner, [INDICATOR_HEADER, *rows])
    d.add_heading("Aktiviteter", 2)
    d.add_paragraph("Naboskabsfesten")
    return _save(d)


def test_a_table_nested_in_a_cell_stands_after_the_rows_above_it() -> None:
    doc = read_docx(nested_goals_agreement())
    kinds = [(b.kind, b.rows[0][0] if b.kind == "table" else b.text) for b in doc.blocks]
    start = kinds.index(("table", "Delmål 1"))
    assert kinds[start : start + 6] == [
        ("table", "Delmål 1"),
        ("paragraph", "Indikatorer:"),
        ("table", "Indikator"),
        ("table", "Delmål 2"),
        ("paragraph", "Indikatorer:"),
        ("table", "Indikator"),
    ]
    assert doc.blocks[start + 2].rows[1][1] == "41 %"


def test_delmaal_rows_with_nested_indicator_tables_read_as_goals() -> None:
    agreement = read_document(nested_goals_agreement(), "n.docx").agreement
    assert [g.text for g in agreement.goals] == [
        "Flere beboere kender deres naboer",
        "Flere deltager i beboerdemokratiet",
    ]
    first, second = (g.indicators[0] for g in agreement.goals)
    assert first.text == "Andel der hilser på naboen"
    assert first.baselines[0].percent == 41
    assert first.baseline_year == 2023  # »Opgjort«: the year it was measured
    assert second.comparators[0].percent == 9
    assert second.data_source == "Referater"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")
def test_nested_indicator_tables_in_a_pdf_read_as_in_the_docx(tmp_path: Path) -> None:
    source = tmp_path / "n.docx"
    source.write_bytes(nested_goals_agreement())
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    agreement = read_document((tmp_path / "n.pdf").read_bytes(), "n.pdf").agreement
    assert [g.text for g in agreement.goals] == [
        "Flere beboere kender deres naboer",
        "Flere deltager i beboerdemokratiet",
    ]
    first, second = (g.indicators[0] for g in agreement.goals)
    assert (first.text, first.baseline_year) == ("Andel der hilser på naboen", 2023)
    assert second.data_source == "Referater"


def target_years_agreement() -> bytes:
    """The header fields in a table in the page header; a goal table whose columns are
    years, one baseline naming its own year."""
    import docx
    from docx.shared import Cm

    d = docx.Document()
    fields = d.sections[0].header.add_table(rows=2, cols=2, width=Cm(16))
    _fill(fields, [["Boligsocial helhedsplan", "Fælles om Birkely"],
                   ["Aftaleperiode", "01.03.2024-28.02.2028"]])  # fmt: skip
    d.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    d.add_heading("Delmål, succeskriterier og måltal", 1)
    table = d.add_table(rows=3, cols=6)
    _fill(
        table,
        [
            ["Delmål", "Succeskriterium", "Baseline 2023", "Kommunen 2023", "Måltal 2026",
             "Måltal 2028"],
            ["Flere voksne i job", "Andel i beskæftigelse", "48 pct.", "Birkby Kommune: 71 pct.",
             "52 pct.", "55 pct."],
            ["Flere voksne i job", "Antal i løntilskud", "12 personer (2022)", "", "15", "18"],
        ],
    )  # fmt: skip
    return _save(d)


def test_header_fields_in_the_page_header_and_goal_columns_by_year() -> None:
    agreement = read_document(target_years_agreement(), "t.docx").agreement
    assert agreement.initiative == "Fælles om Birkely"
    assert str(agreement.period.start) == "2024-03-01"
    first, second = agreement.goals[0].indicators
    assert first.baseline_year == 2023  # the baseline column's year
    assert first.comparators[0].percent == 71  # »Kommunen 2023«
    assert second.baseline_year == 2022  # its own
    assert not second.comparators


def test_header_fields_of_a_pdf_page_header_are_read_once_and_split_at_the_tab() -> None:
    from importing.layout.pages import clean_pages
    from importing.tree import Block, Document

    doc = Document()
    for number in range(3):
        if number:
            doc.blocks.append(Block("pagebreak"))
        doc.blocks.extend(
            [
                Block("paragraph", "Boligsocial\tFælles om Egely"),
                Block("paragraph", "helhedsplan"),  # the label's cell wrapped it
                Block("paragraph", "Aftaleperiode\t01.02.2024-31.01.2028"),
                Block("paragraph", f"Tekst på side {number + 1}.\tmed et mellemrum\nog mere"),
                Block("paragraph", f"Side {number + 1} af 3"),
            ]
        )
    texts = [(b.text, b.label) for b in clean_pages(doc).blocks if b.kind != "pagebreak"]
    assert texts == [
        ("Boligsocial helhedsplan:", True),
        ("Fælles om Egely", False),
        ("Aftaleperiode:", True),
        ("01.02.2024-31.01.2028", False),
        ("Tekst på side 1. med et mellemrum\nog mere", False),
        ("Tekst på side 2. med et mellemrum\nog mere", False),
        ("Tekst på side 3. med et mellemrum\nog mere", False),
    ]


def test_a_period_written_day_slash_month_year() -> None:
    import datetime as dt

    from lib.danish import parse_date, parse_period

    assert parse_period("1/7 2023 – 30/6 2027") == (dt.date(2023, 7, 1), dt.date(2027, 6, 30))
    assert parse_date("1.8 2021") is None  # not a way dates are written


def test_rows_of_a_borderless_label_table_in_one_paragraph_are_fields_of_their_own() -> None:
    from importing.layout.pages import split_fields
    from importing.tree import Block, Document

    doc = Document(blocks=[Block("paragraph", "Helhedsplan\tFælles om Egely\nGældende\t2024")])
    texts = [(b.text, b.label) for b in split_fields(doc).blocks]
    assert texts == [
        ("Helhedsplan:", True),
        ("Fælles om Egely", False),
        ("Gældende:", True),  # a label the template has not: not the value of the one above
        ("2024", False),
    ]
