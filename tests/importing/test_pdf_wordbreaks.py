"""Words a narrow table cell broke at its edge without a hyphen, joined again (review3 S3):
one rule (`importing.wordbreaks`) for the PDF reader's cells, the figures' cell lines and
pasted text; two words, a name and its number, figures stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from importing.figures import clean_cell
from importing.figures import join_broken_words as join_cell_lines
from importing.ocrfix import danish_words
from importing.pipeline import read_document, read_tree
from importing.wordbreaks import broken_across

REVIEW3 = Path(__file__).parent.parent / "fixtures" / "importing" / "review3"
needs_words = pytest.mark.skipif(
    not danish_words(), reason="the Danish word list (wdanish) is not installed"
)


@needs_words
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Trivselsmåli", "ng, Boligforeninge"),  # a fragment and its end: a compound
        ("Boligforeninge", "t Kærbo"),  # a name's definite ending, no noun after it
        ("Landsgenne", "msnit for"),  # two fragments: a compound of known words
        ("ungdomsudd", "annelse"),  # two fragments: a known word
        ("Solbakke", "n"),
        ("boligområd", "e/målgruppe"),  # the word goes on to a slash
    ],
)
def test_a_fragment_at_a_lines_end_goes_on_at_the_next(before, after):
    assert broken_across(before, after)


@needs_words
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Afd.", "4: 9 unge"),
        ("18-64", "år"),
        ("SSP", "netværk"),
        ("Kærbo", "netværket"),
        ("bolig", "området"),  # two words: apart, though one word too
        ("Tranebo", "er i job"),  # a name and a word
        ("12", "måneder"),
        ("Kærbo", "en gang om året"),  # an article before its noun
        ("beskæftig", "else i"),  # two words, and no sign the line was too narrow for one
    ],
)
def test_two_words_a_name_and_its_number_and_figures_stay_apart(before, after):
    assert not broken_across(before, after)


@needs_words
def test_two_words_one_word_too_wide_for_the_cell_are_joined():
    """»beskæftig« alone on a full line and »else« on the next: wider together than the cell,
    so its writer broke the word."""
    assert broken_across("beskæftig", "else i", too_wide=True)
    # never two words into a compound (»Helhedsplanens registrering« wraps so as well)
    assert not broken_across("Kærbos", "registrering", too_wide=True)


@needs_words
def test_a_cells_lines_are_joined_where_a_word_was_broken():
    """A scan's cell comes as its lines: the same rule joins them (and the figures' clean text)."""
    cell = "Trivselsmåli\nng,\nBoligselskabe\nt Kærbo"
    assert join_cell_lines(cell) == "Trivselsmåling,\nBoligselskabet Kærbo"
    assert clean_cell("Landsgenne\nmsnit for\nudsatte\nboligområder") == (
        "Landsgennemsnit for udsatte boligområder"
    )
    assert join_cell_lines("Afd. 4:\n9 unge\nSSP\nnetværk") == "Afd. 4:\n9 unge\nSSP\nnetværk"


def _narrow_table_pdf(cells: list[str]) -> bytes:
    from weasyprint import HTML

    row = "".join(f"<td style='width:52pt'>{cell}</td>" for cell in cells)
    return HTML(
        string=(
            "<html><head><style>@page{size:A4;margin:2cm}"
            "body{font-family:'DejaVu Serif';font-size:10.5pt}"
            "td{border:1px solid black;padding:4pt;vertical-align:top;overflow-wrap:anywhere}"
            "table{border-collapse:collapse}</style></head>"
            f"<body><table><tr>{row}</tr><tr>{row}</tr></table></body></html>"
        )
    ).write_pdf()


@needs_words
def test_a_pdf_cell_joins_the_words_its_narrow_column_broke():
    pdf = _narrow_table_pdf(
        [
            "Trivselsmåling, Boligforeningen Kærbo",
            "Andel 18-64 årige i beskæftigelse",
            "SSP netværk og Afd. 4",
            "Boligselskabet Solbakken",
        ]
    )
    table = next(block for block in read_tree(pdf, "pdf", ocr=False).blocks if block.rows)
    cells = [" ".join(cell.split()) for cell in table.rows[0]]
    assert cells == [
        "Trivselsmåling, Boligforeningen Kærbo",
        "Andel 18-64 årige i beskæftigelse",
        "SSP netværk og Afd. 4",
        "Boligselskabet Solbakken",
    ]


@needs_words
def test_the_lo_pdf_of_the_crime_template_reads_its_data_source_and_comparator_whole():
    """review3 S3: the LibreOffice PDF of the template's five-column goal table."""
    name = "C_kriminalitet_skabelon_haandudfyldt.pdf"
    agreement = read_document((REVIEW3 / name).read_bytes(), name, ocr=False).agreement
    indicators = [indicator for goal in agreement.goals for indicator in goal.indicators]
    assert [indicator.data_source for indicator in indicators] == [
        "Åbyhavn Politi, lokal opgørelse",
        "SSP Åbyhavn",
        "Tryghedsmåling, Boligselskabet Bakkely",
    ]
    comparator = indicators[-1].comparators[0]
    assert (comparator.scope, comparator.percent) == (
        "Landsgennemsnit for udsatte boligområder",
        61.0,
    )
    assert [m.scope for m in indicators[0].baselines] == ["Afd. 4", "Afd. 7", "Afd. 12"]
