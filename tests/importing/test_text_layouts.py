"""Text pasted from a PDF viewer reads like the text it was copied from: hard line breaks at
a fixed width, words hyphenated at line ends, `pdftotext -layout` columns, everything on one
line."""

from __future__ import annotations

import shutil

import pytest

from importing.layout.reflow import dehyphenate, layout_tables, split_long_lines, unwrap
from importing.pipeline import read_document
from importing.readers.text import read_text
from tests.importing import layouts_pdftext as layouts


def _indicators(agreement) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.text for g in agreement.goals for i in g.indicators]


def _plain_expectations(agreement) -> None:  # type: ignore[no-untyped-def]
    assert agreement.title == layouts.TITLE
    assert agreement.initiative == layouts.INITIATIVE
    assert agreement.period.start.isoformat() == "2024-04-01"
    assert agreement.period.end.isoformat() == "2028-03-31"
    assert agreement.municipal_coherence == layouts.PROSE
    assert agreement.revision == layouts.REVISION


def test_hard_wrapped_text_with_hyphenation_reads_like_the_original():
    wrapped = layouts.hard_wrapped_text(width=60)
    assert any(line.endswith("-") for line in wrapped.split("\n"))  # the case is exercised
    agreement = read_document(wrapped.encode(), "indsat.txt").agreement
    _plain_expectations(agreement)
    assert agreement.parties == layouts.PARTIES
    assert [s.text for s in agreement.staff] == layouts.STAFF
    expected = [i for _g, inds in layouts.GOALS for i, _b, _y in inds]
    assert _indicators(agreement) == expected


def test_unwrap_joins_wrapped_prose_but_keeps_short_lines():
    prose = (
        "Sekretariatet holder møder med skolen og klubben hvert kvartal, og\n"
        "beboerne inviteres til at deltage i planlægningen af de aktiviteter\n"
        "som finder sted i beboerhuset, på legepladsen og i kolonihaverne i\n"
        "løbet af året.\n"
    ) * 4
    text = prose + "\nDelaftalens parter:\nBoligselskabet Kløverbo\nKløvermarken Kommune\n"
    doc = unwrap(read_text(text))
    lines = [line for block in doc.blocks for line in block.text.split("\n")]
    assert "Boligselskabet Kløverbo" in lines and "Kløvermarken Kommune" in lines
    assert any(line.startswith("Sekretariatet holder") and line.endswith("året.") for line in lines)


def test_a_hyphen_at_a_line_end_joins_the_word_but_keeps_og_compounds():
    doc = dehyphenate(read_text("Den boligsociale ind-\nsats og bolig-\nog erhvervslivet\n"))
    assert doc.blocks[0].text == "Den boligsociale indsats og bolig-\nog erhvervslivet"


def test_text_flattened_onto_one_line_is_split_at_the_templates_labels():
    agreement = read_document(layouts.flat_text().encode(), "indsat.txt").agreement
    _plain_expectations(agreement)
    assert agreement.focus_area == "Sammenhængskraft og medborgerskab"


def test_split_long_lines_leaves_ordinary_lines_alone():
    text = layouts.agreement_text()
    assert split_long_lines(text) == text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler) is not installed")
def test_pdftotext_layout_columns_become_the_goal_table():
    text = layouts.layout_text(layouts.paged_pdf(copies=2))
    pieces = layout_tables(text)
    assert any(not isinstance(p, str) for p in pieces)
    result = read_document(text.encode(), "layout.txt")
    agreement = result.agreement
    _plain_expectations(agreement)
    assert agreement.parties == layouts.PARTIES
    expected = [
        f"{i} ({copy + 1})" for copy in range(2) for _g, inds in layouts.GOALS for i, _b, _y in inds
    ]
    assert _indicators(agreement) == expected
    first = agreement.goals[0].indicators[0]
    assert first.baseline_year == 2023
    assert first.data_source == layouts.SOURCE
    assert layouts.RUNNING_HEADER not in str(agreement.to_dict())


def test_the_last_rows_first_cell_wider_than_a_short_line_goes_on_below_its_row():
    # the last row's indicator wraps into lines as wide as its column (longer than a short
    # line), below the row's other cells: they are the cell's rest, not text after the table
    text = (
        "Indikator                               Baseline boligområde /   Datakilde\n"
        "                                        målgruppe\n"
        "Andel 1-5 årige i dagtilbud             81,4 %                   LBF Data\n"
        "Andel 18-29-årige i Tranebo, der har    27,3 %                   LBF Data\n"
        "grundskole som højest fuldførte\n"
        "uddannelse og ikke er i gang med en\n"
        "uddannelse\n"
        "\n"
        "\n"
        "Næste afsnit begynder her med en almindelig sætning, der er længere end en celle.\n"
    )
    pieces = layout_tables(text)
    table = next(p for p in pieces if isinstance(p, list))
    last = table[-1]
    assert last[0] == (
        "Andel 18-29-årige i Tranebo, der har grundskole som højest fuldførte "
        "uddannelse og ikke er i gang med en uddannelse"
    )
    assert last[1:] == ["27,3 %", "LBF Data"]
    assert any(isinstance(p, str) and "Næste afsnit" in p for p in pieces)


def test_goal_rows_after_a_page_break_in_columns_set_elsewhere_keep_their_columns():
    # the next page sets the table narrower (its columns further left, the empty "Evt.
    # anden baseline" column gone): the rows are matched to the header by the year column
    text = (
        "Delmål             Indikator               Baseline        Evt. anden   Baseli   Datakilde\n"
        "                                           boligområde /   baseline     ne år\n"
        "                                           målgruppe\n"
        "Flere i Tranebo    Beskæftigede 18-64-     41 %                         2023     Danmarks\n"
        "er i job           årige i Tranebo                                               Statistik\n"
        "                   Beboere i praktik       12 beboere                   2024     Egen\n"
        "                   om året                                                       registrering\n"
        "\f"
        "Færre unge står     Unge 15-29-årige          18 %               2023    LBF Boligsociale\n"
        "uden uddannelse     uden uddannelse                                      Data\n"
        "Beboerne er trygge  Trygge beboere            61 %               2022    Tryghedsmåling\n"
        "om aftenen          om aftenen                                           i Tranebo\n"
        "\n"
        "\n"
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet\n"
    )
    tables = [p for p in layout_tables(text) if isinstance(p, list)]
    rows = [row for table in tables for row in table if row[0] != "Delmål"]
    young = next(row for row in rows if row[0].startswith("Færre unge"))
    assert young[2:] == ["18 %", "", "2023", "LBF Boligsociale Data"]
    safe = next(row for row in rows if row[0].startswith("Beboerne er trygge"))
    assert safe[2:] == ["61 %", "", "2022", "Tryghedsmåling i Tranebo"]


def test_a_delmaals_own_table_of_one_row_keeps_its_wrapped_lines_in_the_row():
    # one indicator under its header, its cells wrapped over several lines (each figure and
    # the source on lines of their own): one row, not a row a line
    text = (
        "Indikator                 Baseline              Evt. anden        Baseline   Datakilde\n"
        "                          boligområde /         baseline          år\n"
        "                          målgruppe\n"
        "Deltagelse ved            Afd. 3: 41 beboere                      2022       Trane\n"
        "afdelingsmøderne          (6,3%)                                             Boligselskabs\n"
        "                          Afd. 5: 28 beboere                                 opgørelse\n"
        "                          (7,2%)\n"
        "\n"
        "\n"
        "Delmål 2: Beboerne er trygge\n"
    )
    table = next(p for p in layout_tables(text) if isinstance(p, list))
    rows = [row for row in table if row[3] == "2022"]
    assert len(rows) == 1
    (row,) = rows
    assert " ".join(row[0].split()) == "Deltagelse ved afdelingsmøderne"
    assert " ".join(row[1].split()) == "Afd. 3: 41 beboere (6,3%) Afd. 5: 28 beboere (7,2%)"
    assert " ".join(row[4].split()) == "Trane Boligselskabs opgørelse"
