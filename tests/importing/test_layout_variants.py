"""Agreements laid out the ways plans fill in LBF's Word template by hand, built here with
python-docx (real vertical merges, real Word numbering, label tables, shaded label rows, the
template's typos), in our own fictional words. Each must read as well as the seed layout."""

from __future__ import annotations

import io
from typing import Any

import pytest

from importing.layout import normalise
from importing.pipeline import read_document
from importing.readers.docx import read_docx
from importing.recognisers import recognise

AREAS_2019 = (
    "Uddannelse og livschancer",
    "Beskæftigelse",
    "Kriminalitetsforebyggelse",
    "Sammenhængskraft og medborgerskab",
)
BULLETS, NUMBERS = 4, 5  # numIds of python-docx's default template: bullet, decimal "%1."


# -- building blocks ----------------------------------------------------------------------
def _numbered(d: Any, text: str, num_id: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = d.add_paragraph(text, style="List Number" if num_id == NUMBERS else "List Bullet")
    numbering = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), "0")
    number = OxmlElement("w:numId")
    number.set(qn("w:val"), str(num_id))
    numbering.append(level)
    numbering.append(number)
    paragraph._p.get_or_add_pPr().append(numbering)


def _bold(d: Any, text: str) -> None:
    d.add_paragraph().add_run(text).bold = True


def _shade(cell: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "D9D9D9")
    cell._tc.get_or_add_tcPr().append(shading)


def _table(d: Any, rows: list[list[str]]) -> Any:
    table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


def _save(d: Any) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# -- variant A: label table, party table, merged goal cells, one-column shaded sheets -------
def label_table_agreement() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    d.add_paragraph("(Vejledende tekst er markeret med gult og slettes, når skemaet udfyldes)")
    _table(
        d,
        [
            ["Navn på den boligsociale indsats, som delaftalen vedrører", "Broen i Rønneby"],
            ["Delaftalen gælder fra - til", "1.4.2024 – 31.3.2028"],
        ],
    )
    _bold(d, "Delaftalens parter:")
    d.add_paragraph("(Navn på boligorganisation(er) og kommune(r))")
    _table(
        d,
        [
            ["Part", "Underskriver", "Dato"],
            ["Boligselskabet Rønnehus", "Direktør Ida Holm", ""],
            ["Rønneby Kommune, Jobcenter", "Chef Ole Friis", ""],
        ],
    )
    _bold(d, "Delmål og indikatorer for indsatsområdet")
    table = _table(
        d,
        [
            ["Delmål", "Indikator", "Datakilde (baseline år)", "Baseline boligområde"],
            ["Flere voksne får fodfæste på arbejdsmarkedet", "Andel 25-64-årige i job",
             "Jobindsats.dk (2023)", "38 %"],
            ["", "Antal beboere i løntilskud", "Jobcentret (2023)", "14 beboere"],
            ["Delmål", "Indikator", "Datakilde (baseline år)", "Baseline boligområde"],
            ["Flere unge kender vejen til et fritidsjob", "Antal unge med fritidsjob",
             "Egen optælling (2022)", "22 unge"],
        ],
    )  # fmt: skip
    top = table.cell(1, 0)
    top.merge(table.cell(2, 0))  # Word's vertical merge: the goal covers both rows
    _bold(d, "Medarbejderressourcer for indsatsområdet:")
    _table(
        d,
        [
            ["Rolle", "Andel", "Timer pr. år", "Finansieret af"],
            ["Jobkonsulent", "60 %", "", "Landsbyggefonden"],
            ["Rønneby Jobcenter", "", "250", "Kommunen"],
        ],
    )
    d.add_paragraph(
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
        "(tilføj skemaer - ét skema pr. aktivitet):"
    )
    sheet = _table(
        d,
        [
            ["Aktivitsnavn"],
            ["Jobværkstedet"],
            ["Formål"],
            ["At ledige beboere får hjælp til CV og ansøgninger."],
            ["Målgruppe(r)"],
            ["Ledige over 25 år"],
            ["Indhold og praksis"],
            ["Værkstedet har åbent hver torsdag i beboerhuset."],
            ["Ansvars- og rollefordeling"],
            ["Jobkonsulenten driver værkstedet."],
        ],
    )
    for row in (0, 2, 4, 6, 8):
        _shade(sheet.cell(row, 0))
    return _save(d)


def test_label_table_layout_reads_like_the_template() -> None:
    agreement = read_document(label_table_agreement(), "a.docx").agreement
    assert agreement.focus_area == "Beskæftigelse"
    assert agreement.initiative == "Broen i Rønneby"
    assert agreement.period.start is not None and agreement.period.start.isoformat() == "2024-04-01"
    assert agreement.period.end is not None and agreement.period.end.isoformat() == "2028-03-31"
    assert agreement.parties == ["Boligselskabet Rønnehus", "Rønneby Kommune, Jobcenter"]
    first, second = agreement.goals
    assert first.text == "Flere voksne får fodfæste på arbejdsmarkedet"
    assert [i.text for i in first.indicators] == [
        "Andel 25-64-årige i job",
        "Antal beboere i løntilskud",
    ]
    one, two = first.indicators
    assert (one.data_source, one.baseline_year, one.baselines[0].percent) == (
        "Jobindsats.dk",
        2023,
        38,
    )
    assert (two.baselines[0].count, two.data_source) == (14, "Jobcentret")
    assert second.text == "Flere unge kender vejen til et fritidsjob"  # repeated header dropped
    assert [(s.role, s.share_percent, s.hours_per_year) for s in agreement.staff] == [
        ("Jobkonsulent", 60, None),
        ("Rønneby Jobcenter", None, 250),
    ]
    (sheet,) = agreement.activities
    assert sheet.name == "Jobværkstedet"  # under the template's typo "Aktivitsnavn"
    assert sheet.purpose == "At ledige beboere får hjælp til CV og ansøgninger."
    assert sheet.target_groups == "Ledige over 25 år"
    assert sheet.content == "Værkstedet har åbent hver torsdag i beboerhuset."
    assert sheet.responsibilities == "Jobkonsulenten driver værkstedet."
    # the guidance text is no part of anything
    assert "Navn på" not in str(agreement.to_dict())
    assert not agreement.warning_fields.get("parties")


def test_vertical_merge_repeats_the_goal_in_the_tree_and_reads_as_one_goal() -> None:
    doc = read_docx(label_table_agreement())
    goal_table = next(b for b in doc.blocks if b.kind == "table" and b.rows[0][0] == "Delmål")
    assert goal_table.rows[1][0] == goal_table.rows[2][0] != ""


# -- variant B: headings, numbered delmål with their own tables, sheets as headings --------
def numbered_goals_agreement(*, staff: bool = True) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Sammenhængskraft og medborgerskab", 1)
    d.add_heading("Områdets navn", 2)
    d.add_paragraph("Fælles om Kærgården")
    d.add_heading("Aftalens parter", 2)
    for party in ("Kærgårdens Boligselskab", "Vestlund Kommune", "Foreningen Kærgårdsløbet"):
        _numbered(d, party, NUMBERS)
    d.add_heading("Delaftalen gælder fra - til", 2)
    d.add_paragraph("1. januar 2025 til 31. december 2028")
    d.add_heading("Delmål og indikatorer for indsatsområdet", 2)
    header = ["Indikator", "Datakilde", "Baseline", "Bemærkninger"]
    _numbered(d, "Delmål 1: Flere beboere deltager i foreningslivet", NUMBERS)
    _table(
        d,
        [
            header,
            ["- Antal aktive frivillige\n- Antal medlemmer af beboerforeningen",
             "Egen registrering", "35 frivillige\n120 medlemmer", "Tælles hvert år"],
        ],
    )  # fmt: skip
    _numbered(d, "Delmål 2: Flere stemmer ved valg", NUMBERS)
    _table(d, [header, ["Valgdeltagelse ved kommunalvalg", "Kommunen", "44 %", ""]])
    if staff:
        d.add_heading("Medarbejderressourcer for indsatsområdet", 2)
        _numbered(d, "Foreningskoordinator 80 %", BULLETS)
        _numbered(d, "Vestlund Bibliotek 120t/år", BULLETS)
    else:
        d.add_heading("Medarbejderressourcer for indsatsområdet", 2)
        d.add_paragraph("Se budgettet.")
    d.add_heading("Lektie- og foreningscaféen", 3)
    d.add_heading("Formål", 4)
    d.add_paragraph("At flere beboere finder et fællesskab.")
    d.add_heading("Målgruppe(r)", 4)
    d.add_paragraph("Alle beboere i Kærgården.")
    d.add_heading("Indhold og praksis", 4)
    d.add_paragraph("Caféen holder åbent to aftener om ugen.")
    d.add_heading("Ansvars- og rollefordeling", 4)
    d.add_paragraph("Foreningskoordinatoren.")
    return _save(d)


def test_numbered_delmaal_with_their_own_tables_become_one_goal_table() -> None:
    agreement = read_document(numbered_goals_agreement(), "b.docx").agreement
    assert agreement.initiative == "Fælles om Kærgården"
    assert agreement.parties == [
        "Kærgårdens Boligselskab",
        "Vestlund Kommune",
        "Foreningen Kærgårdsløbet",
    ]
    assert agreement.period.start is not None and agreement.period.start.year == 2025
    first, second = agreement.goals
    assert first.text == "Flere beboere deltager i foreningslivet"
    # two indicators as bullets of one cell, a figure line each; columns in another order
    assert [(i.text, i.baselines[0].count) for i in first.indicators] == [
        ("Antal aktive frivillige", 35),
        ("Antal medlemmer af beboerforeningen", 120),
    ]
    assert first.indicators[0].data_source == "Egen registrering"
    assert first.indicators[0].baseline_year is None  # the table has no year column
    assert second.text == "Flere stemmer ved valg"
    assert second.indicators[0].baselines[0].percent == 44
    assert [(s.role, s.share_percent, s.hours_per_year) for s in agreement.staff] == [
        ("Foreningskoordinator", 80, None),
        ("Vestlund Bibliotek", None, 120),
    ]
    (sheet,) = agreement.activities
    assert sheet.name == "Lektie- og foreningscaféen"
    assert sheet.purpose == "At flere beboere finder et fællesskab."
    assert sheet.responsibilities == "Foreningskoordinatoren."


def test_normalise_leaves_the_readers_tree_as_it_was() -> None:
    doc = read_docx(numbered_goals_agreement())
    before = [(b.kind, b.text, b.rows) for b in doc.blocks]
    normalised = normalise(doc)
    assert [(b.kind, b.text, b.rows) for b in doc.blocks] == before
    tables = [b for b in normalised.blocks if b.kind == "table"]
    assert [t.rows[0][0] for t in tables] == ["Delmål", "Delmål"]


# -- never silently empty -------------------------------------------------------------------
def test_every_expected_part_found_empty_is_named_with_its_path() -> None:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Kriminalitetsforebyggelse", 1)
    _bold(d, "Delaftalens parter:")
    d.add_paragraph("(Navn på boligorganisation(er) og kommune(r))")
    _bold(d, "Delmål og indikatorer for indsatsområdet")
    _table(
        d,
        [
            ["Delmål", "Indikator", "Baseline", "Baseline år", "Datakilde"],
            ["", "Antal anmeldte indbrud", "", "2023", "Politiet"],
        ],
    )
    _bold(d, "Medarbejderressourcer for indsatsområdet:")
    d.add_paragraph("Aftales senere med kommunen og boligselskabet, når budgettet er klar.")
    _bold(d, "Aktivitetsnavn:")
    d.add_paragraph("Nattevandring")
    agreement = recognise(read_docx(_save(d)), AREAS_2019)
    fields = agreement.warning_fields
    assert set(fields) >= {
        "parties",
        "period",
        "goals.0",
        "goals.0.indicators.0",
        "staff",
        "activities.0",
    }
    assert "Delmål 1 står uden tekst." in fields["goals.0"]
    assert any("ingen baseline" in m for m in fields["goals.0.indicators.0"])
    assert any("medarbejderressourcer" in m for m in fields["staff"])
    assert any("Nattevandring" in m for m in fields["activities.0"])
    assert all(m in agreement.warnings for ms in fields.values() for m in ms)


@pytest.mark.parametrize("staff", [True, False], ids=["staff", "staff-section-empty"])
def test_staff_warning_only_when_the_section_gives_nothing(staff: bool) -> None:
    agreement = recognise(read_docx(numbered_goals_agreement(staff=staff)), AREAS_2019)
    assert ("staff" in agreement.warning_fields) is not staff


# -- HTML saved from Word or LibreOffice ----------------------------------------------------
SAVED_HTML = """<html><body>
<p><b>Delaftale for
indsatsområdet Beskæftigelse</b></p>
<p><b>Delaftalens
parter:</b></p>
<ul><li><p>Boligselskabet
Nørrebakken</p></li><li><p>Nørreby Kommune</p></li></ul>
<p><b>Delaftalen gælder fra
- til:</b></p><p>1. maj 2024 – 30.
april 2028</p>
<table><tr><td><p>Delmål</p></td><td><p>Indikator</p></td><td><p>Baseline</p></td></tr>
<tr><td><p>Flere unge
i fritidsjob</p></td><td><p>Antal unge med
fritidsjob</p></td><td><p>18 unge</p></td></tr></table>
</body></html>"""


def test_html_source_lines_wrapped_mid_sentence_are_one_line() -> None:
    agreement = read_document(SAVED_HTML.encode(), "gemt.html").agreement
    assert agreement.title == "Delaftale for indsatsområdet Beskæftigelse"
    assert agreement.parties == ["Boligselskabet Nørrebakken", "Nørreby Kommune"]
    assert agreement.period.start is not None and agreement.period.start.isoformat() == "2024-05-01"
    (goal,) = agreement.goals
    assert goal.text == "Flere unge i fritidsjob"
    assert goal.indicators[0].text == "Antal unge med fritidsjob"


# -- ODT: merged cells are covered cells ----------------------------------------------------
def test_odt_goal_cell_spanning_rows_covers_them() -> None:
    from odfdo import Cell, Document, Element, Header, Paragraph, Row, Table

    odt = Document("text")
    odt.body.append(Header(1, "Delaftale for indsatsområdet Beskæftigelse"))
    odt.body.append(Paragraph("Delmål og indikatorer for indsatsområdet"))
    table = Table("Mål")
    rows = [
        ["Delmål", "Indikator", "Baseline", "Datakilde"],
        ["Flere i praktik", "Antal praktikaftaler", "9 aftaler", "Jobcentret"],
        [None, "Antal virksomhedsbesøg", "40 besøg", "Egen opgørelse"],
    ]
    for values in rows:
        row = Row()
        for value in values:
            if value is None:
                row.append(Element.from_tag("<table:covered-table-cell/>"))
                continue
            cell = Cell()
            cell.append(Paragraph(value))
            if value == "Flere i praktik":
                cell.set_attribute("table:number-rows-spanned", "2")
            row.append(cell)
        table.append(row)
    odt.body.append(table)
    out = io.BytesIO()
    odt.save(out)
    agreement = read_document(out.getvalue(), "aftale.odt").agreement
    (goal,) = agreement.goals
    assert goal.text == "Flere i praktik"
    assert [(i.text, i.data_source) for i in goal.indicators] == [
        ("Antal praktikaftaler", "Jobcentret"),
        ("Antal virksomhedsbesøg", "Egen opgørelse"),
    ]


def test_focus_area_as_a_field_and_a_short_title() -> None:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale – Uddannelse og beskæftigelse", 1)
    _table(
        d,
        [
            ["Indsatsområde", "Uddannelse og beskæftigelse"],
            ["Aftaleperiode", "1.1.2016 - 31.12.2018"],
            ["Parter i delaftalen", "Boligselskabet Toften\nToftlund Kommune"],
        ],
    )
    areas = (*AREAS_2019, "Tryghed og trivsel", "Uddannelse og beskæftigelse")
    agreement = recognise(read_docx(_save(d)), areas)
    assert agreement.title == "Delaftale – Uddannelse og beskæftigelse"
    assert agreement.focus_area == "Uddannelse og beskæftigelse"
    assert agreement.period.end is not None and agreement.period.end.year == 2018
    assert agreement.parties == ["Boligselskabet Toften", "Toftlund Kommune"]


def test_html_goal_cell_spanning_rows_covers_them() -> None:
    html = (
        "<h1>Delaftale for indsatsområdet Beskæftigelse</h1><p>Delaftalens parter:</p>"
        "<p>Jobcenter Åby</p><table><tr><th>Delmål</th><th>Indikator</th><th>Baseline</th></tr>"
        "<tr><td rowspan='2'>Flere i job</td><td>Andel i job</td><td>41 %</td></tr>"
        "<tr><td>Antal i praktik</td><td>12 praktikanter</td></tr></table>"
    )
    (goal,) = read_document(html.encode(), "a.html").agreement.goals
    assert goal.text == "Flere i job"
    assert [(i.text, i.baselines[0].count or i.baselines[0].percent) for i in goal.indicators] == [
        ("Andel i job", 41),
        ("Antal i praktik", 12),
    ]


def test_html_running_header_and_footer_are_no_content() -> None:
    html = (
        '<div title="header"><p>Boligsocial helhedsplan Åby</p></div>'
        "<h1>Delaftale for indsatsområdet Beskæftigelse</h1><p>Revision af delaftalen:</p>"
        "<p>Delaftalen revideres hvert forår.</p>"
        '<div title="footer"><p>Åby Boligselskab Side 3 af 3</p></div>'
    )
    agreement = read_document(html.encode(), "a.html").agreement
    assert agreement.revision == "Delaftalen revideres hvert forår."


def test_one_column_table_starting_with_text_rows_is_paired_after_them() -> None:
    """A case that broke the layout stage (a PDF's one-column table whose first rows are no
    labels): the rows before the first label stay as they are."""
    from importing.tree import Block, Document

    rows = [["Lektiecaféen"], ["holder åbent"], ["Formål"], ["At læse mere."], ["Målgruppe"],
            ["Skolebørn"]]  # fmt: skip
    (table,) = normalise(Document(blocks=[Block(kind="table", rows=rows)])).blocks
    assert table.rows == [
        ["Lektiecaféen"],
        ["holder åbent"],
        ["Formål", "At læse mere."],
        ["Målgruppe", "Skolebørn"],
    ]


def test_a_failing_layout_stage_keeps_the_tree_and_says_so() -> None:
    from importing.tree import Block, Document

    def broken(doc: Document) -> Document:
        raise ValueError("a layout nobody foresaw")

    doc = Document(blocks=[Block(kind="paragraph", text="Delaftalens parter:")])
    result = normalise(doc, (broken,))
    assert [b.text for b in result.blocks] == ["Delaftalens parter:"]
    assert result.warnings == [
        "En del af dokumentets opsætning kunne ikke læses; kontrollér resultatet."
    ]


def test_sheets_named_by_a_plain_line_above_formaal_as_a_pdf_gives_them() -> None:
    """Nothing set apart (a PDF's text): the sheets' heading wraps without a colon, and each
    sheet's name is the line right above its "Formål"."""
    from importing.tree import Block, Document

    def par(text: str) -> Block:
        return Block(kind="paragraph", text=text)

    doc = Document(
        blocks=[
            par("Delaftale for indsatsområdet Beskæftigelse"),
            par("Aktiviteter, som skal bidrage til indfrielsen af delmålene for\n"
                "indsatsområdet (tilføj skemaer - ét skema pr. aktivitet)"),
            par("Cykelværkstedet"),
            par("Formål\nAt unge lærer et håndværk."),
            par("Målgruppe(r)\nUnge mellem 15 og 20 år"),
            par("Havegruppen"),
            par("Formål\nAt beboerne mødes om gårdens bede."),
        ]
    )  # fmt: skip
    first, second = recognise(doc, AREAS_2019).activities
    assert (first.name, first.purpose, first.target_groups) == (
        "Cykelværkstedet",
        "At unge lærer et håndværk.",
        "Unge mellem 15 og 20 år",
    )
    assert (second.name, second.purpose) == ("Havegruppen", "At beboerne mødes om gårdens bede.")
