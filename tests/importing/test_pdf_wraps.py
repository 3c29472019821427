"""PDFs in layouts the corpus lacks, in our own fictional words: a wrapped line is one line
(in running text, in table cells, over a column and over a page), a line break stays one,
an activity sheet set in two columns reads whole, a landscape page within a portrait
document reads as any other, and the table passes join what the page cut."""

from __future__ import annotations

import html

import pytest

from importing.layout.edges import closing_lines
from importing.layout.pages import join_paragraphs, join_tables
from importing.pipeline import read_document, read_tree
from importing.tree import Block, Document

PURPOSE = (
    "Formålet er at flere beboere i Vibeparken og Tjørnehaven får et fritidsjob eller et "
    "lønnet praktikforløb, så de lærer arbejdsmarkedets spilleregler at kende, får en "
    "reference på deres cv og oplever, at de kan bidrage med noget, som andre efterspørger. "
    "Vi arbejder tæt sammen med de lokale butikker, idrætsforeningen og boligselskabets "
    "driftsafdeling, som hver år stiller pladser til rådighed for de unge i sommerferien."
)
TARGET = (
    "Unge mellem 13 og 17 år i boligområdet, som ikke har haft et fritidsjob før, og deres "
    "forældre, som inviteres til et møde om rettigheder og pligter på en arbejdsplads."
)
CONTENT = (
    "Fritidsjobkonsulenten mødes med hver ung to gange, før jobbet begynder, og følger op "
    "efter en måned. Arbejdsgiverne får en fast kontaktperson og et kort kursus i at tage "
    "imod en ung medarbejder. " * 3
)
RESPONSIBILITIES = (
    "Helhedsplanen ansætter fritidsjobkonsulenten; jobcentret stiller viden om løntilskud "
    "og regler til rådighed, og skolen hjælper med at finde de unge."
)
PARTIES = ["Boligselskabet Vibebo", "Vibeby Kommune, Jobcentret", "Vibeparkens Idrætsforening"]


def _pdf(body: str, style: str = "") -> bytes:
    from weasyprint import HTML

    return HTML(
        string=(
            "<html><head><style>@page{size:A4;margin:2cm}"
            "body{font-family:'DejaVu Serif';font-size:10.5pt;line-height:1.25}"
            "p{margin:0 0 8pt 0}td,th{border:1px solid black;padding:4pt;vertical-align:top}"
            f"table{{border-collapse:collapse;width:100%}}{style}</style></head>"
            f"<body>{body}</body></html>"
        )
    ).write_pdf()


def _texts(doc: Document) -> list[str]:
    return [block.text for block in doc.blocks if block.kind in ("paragraph", "item")]


def _header() -> str:
    parties = "".join(f"<p>{html.escape(p)}</p>" for p in PARTIES)
    return (
        "<h1>Delaftale for indsatsområdet Beskæftigelse</h1>"
        "<p><b>Navn på den boligsociale indsats:</b> Arbejde i Vibeparken</p>"
        "<p><b>Delaftalen gælder fra - til:</b> 1. januar 2025 – 31. december 2028</p>"
        f"<p><b>Delaftalens parter:</b></p>{parties}"
        "<p><b>Delmål og indikatorer for indsatsområdet</b></p>"
        "<table><tr><th>Delmål</th><th>Indikator</th><th>Baseline</th><th>Baseline år</th>"
        "<th>Datakilde</th></tr>"
        "<tr><td>Flere unge får erfaring fra et arbejde</td>"
        "<td>Antal unge i fritidsjob</td><td>23 unge</td><td>2024</td>"
        "<td>Helhedsplanens egen opgørelse</td></tr></table>"
        "<p><b>Aktiviteter, som skal bidrage til indfrielsen af delmålene:</b></p>"
        "<ul><li>Fritidsjob i nærområdet</li></ul>"
    )


def _sheet() -> str:
    return (
        "<p><b>Aktivitetsnavn:</b> Fritidsjob i nærområdet</p>"
        f"<p><b>Formål:</b> {PURPOSE}</p>"
        f"<p><b>Målgruppe(r):</b> {TARGET}</p>"
        f"<p><b>Indhold og praksis:</b> {CONTENT}</p>"
        f"<p><b>Ansvars- og rollefordeling:</b> {RESPONSIBILITIES}</p>"
    )


def test_wrapped_lines_are_one_paragraph_line_and_line_breaks_stay():
    doc = read_tree(
        _pdf(f"<p>{PURPOSE}</p><p>Vibeparken Vest<br>Vibeparken Øst<br>Tjørnehaven</p>"),
        "pdf",
    )
    purpose, places = _texts(doc)
    # one line, but where a line ended a sentence and the next opens one with a capital:
    # that is as often a line break (delmål written as lines) and stays one
    assert purpose.replace("\n", " ") == PURPOSE
    assert all(line.endswith(".") for line in purpose.split("\n"))
    assert places == "Vibeparken Vest\nVibeparken Øst\nTjørnehaven"


def test_a_cell_reads_its_wrapped_lines_as_one_and_keeps_its_lines_and_paragraphs_apart():
    doc = read_tree(
        _pdf(
            '<table><tr><td style="width:30%">Flere unge får erfaring fra et arbejde, før '
            "de forlader folkeskolen</td>"
            "<td>Afd. 3: 14 unge<br>Afd. 7: 9 unge</td>"
            "<td><p>Boligselskabet Vibebo, driftschef</p><p>Vibeby Kommune</p></td></tr>"
            "</table>"
        ),
        "pdf",
    )
    [table] = [block.rows for block in doc.blocks if block.kind == "table"]
    assert table == [
        [
            "Flere unge får erfaring fra et arbejde, før de forlader folkeskolen",
            "Afd. 3: 14 unge\nAfd. 7: 9 unge",
            "Boligselskabet Vibebo, driftschef\nVibeby Kommune",
        ]
    ]


def test_an_activity_sheet_in_two_columns_over_two_pages_reads_whole():
    data = _pdf(
        _header()
        + '<div style="column-count:2;column-gap:1cm">'
        + "<p>Indsatsen bygger på erfaringer fra den forrige helhedsplan. " * 18
        + "</p>"
        + _sheet()
        + "</div>",
    )
    doc = read_tree(data, "pdf")
    assert sum(1 for block in doc.blocks if block.kind == "pagebreak") >= 1
    [activity] = read_document(data, "delaftale.pdf").agreement.activities
    assert activity.name == "Fritidsjob i nærområdet"
    assert activity.purpose == PURPOSE
    assert activity.target_groups == TARGET
    assert activity.content == CONTENT.strip()
    assert activity.responsibilities == RESPONSIBILITIES


def test_a_paragraph_cut_by_the_page_reads_as_one():
    filler = "".join(f"<p>Afsnit {n} om indsatsen i boligområdet.</p>" for n in range(31))
    long = "Beboerne " + " og ".join(["mødes i beboerhuset hver tirsdag"] * 24) + "."
    doc = read_tree(_pdf(filler + f"<p>{long}</p>"), "pdf")
    assert sum(1 for block in doc.blocks if block.kind == "pagebreak") == 1
    assert _texts(doc)[-1] == long


def test_a_landscape_page_inside_a_portrait_document_reads_its_table():
    data = _pdf(
        _header()
        + '<div style="page:wide;break-before:page">'
        + "<table><tr><th>Funktion</th><th>Andel af stilling</th><th>Finansiering</th></tr>"
        + "<tr><td>Fritidsjobkonsulent</td><td>100 %</td><td>Landsbyggefonden</td></tr>"
        + "</table></div>",
        style="@page wide{size:A4 landscape}",
    )
    doc = read_tree(data, "pdf")
    tables = [block.rows for block in doc.blocks if block.kind == "table"]
    assert ["Fritidsjobkonsulent", "100 %", "Landsbyggefonden"] in tables[-1]


def _paged(*pages: list[Block]) -> Document:
    doc = Document()
    for number, page in enumerate(pages):
        if number:
            doc.blocks.append(Block(kind="pagebreak"))
        doc.blocks.extend(page)
    return doc


def test_a_paragraph_that_stops_in_mid_sentence_joins_its_rest_on_the_next_page():
    doc = _paged(
        [Block("paragraph", "Beboerne mødes hver uge i")],
        [Block("paragraph", "beboerhuset med medarbejderne."), Block("paragraph", "Næste.")],
    )
    out = join_paragraphs(doc)
    assert [(b.kind, b.text) for b in out.blocks] == [
        ("paragraph", "Beboerne mødes hver uge i beboerhuset med medarbejderne."),
        ("pagebreak", ""),
        ("paragraph", "Næste."),
    ]


@pytest.mark.parametrize(
    ("end", "start"),
    [("Beboerne mødes hver uge.", "beboerhuset"), ("Beboerne mødes i", "Beboerhuset")],
)
def test_a_finished_sentence_or_a_capital_start_stays_on_its_page(end: str, start: str):
    out = join_paragraphs(_paged([Block("paragraph", end)], [Block("paragraph", start)]))
    assert [b.kind for b in out.blocks] == ["paragraph", "pagebreak", "paragraph"]


def test_a_goal_cell_cut_by_the_page_joins_its_row_beside_new_lines():
    header = ["Delmål", "Indikator", "Datakilde"]
    first = Block("table", rows=[header, ["Flere unge gennemfører", "Andel unge i job", "LBF"]])
    second = Block(
        "table",
        rows=[header, ["en uddannelse", "Andel unge i uddannelse", "Egen opgørelse"]],
    )
    out = join_tables(_paged([first], [second]))
    assert [b.kind for b in out.blocks] == ["table"]
    assert out.blocks[0].rows[1:] == [
        [
            "Flere unge gennemfører en uddannelse",
            "Andel unge i job\nAndel unge i uddannelse",
            "LBF\nEgen opgørelse",
        ]
    ]


def test_a_second_one_column_sheet_on_the_next_page_keeps_its_first_row():
    sheet = [["Aktivitetsnavn"], ["Fritidsjob"], ["Formål"], ["At flere unge får job."]]
    other = [["Aktivitetsnavn"], ["Lektiecafé"], ["Formål"], ["At flere får hjælp."]]
    out = join_tables(_paged([Block("table", rows=sheet)], [Block("table", rows=other)]))
    assert [b.kind for b in out.blocks] == ["table", "pagebreak", "table"]
    assert out.blocks[2].rows == other


def test_a_row_label_pushed_to_the_next_page_joins_its_text():
    first = Block("table", rows=[["Aktivitetsnavn", "Fritidsjob"], ["", "Formålet er at flere"]])
    second = Block("table", rows=[["Formål", "unge får et job."], ["Målgruppe(r)", "Unge."]])
    out = join_tables(_paged([first], [second]))
    assert out.blocks[0].rows == [
        ["Aktivitetsnavn", "Fritidsjob"],
        ["Formål", "Formålet er at flere unge får et job."],
        ["Målgruppe(r)", "Unge."],
    ]


def _v(x: float, top: float, bottom: float) -> dict[str, float | str]:
    return {"orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom}


def test_column_lines_ending_half_a_point_apart_are_closed_together():
    # a cell merged down over the page break ends 0.4 pt above the other column lines
    edges = [_v(60.0, 600.0, 747.2)] + [_v(x, 600.0, 747.6) for x in (190.0, 320.0, 450.0)]
    [line] = [e for e in closing_lines(edges) if e["top"] > 700]
    assert (line["x0"], line["x1"]) == (60.0, 450.0)


def test_a_turned_goal_table_cut_by_the_page_joins_the_rest_of_its_row():
    first = Block(
        "table",
        rows=[
            ["Delmål", "Færre flytter fra området"],
            ["Indikator", "Andel fraflytninger"],
            ["Baseline boligområde/ målgruppe", "Vibeparken (12 %)\nTjørnehaven (9 %)"],
        ],
    )
    second = Block("table", rows=[["", "Lærkevej (7 %)"], ["Baseline år", "2024"]])
    out = join_tables(_paged([first], [second]))
    assert out.blocks[0].rows[2:] == [
        ["Baseline boligområde/ målgruppe", "Vibeparken (12 %)\nTjørnehaven (9 %)\nLærkevej (7 %)"],
        ["Baseline år", "2024"],
    ]
