"""A PDF table whose header row is shaded and whose body has no ruling lines (the HTML Word
saves, printed by a browser): its body is read as rows in the header's columns, cells
centred in their rows, a cell merged down over rows once, and a body the page broke going
on on the next page."""

from __future__ import annotations

import pytest

from importing.readers import pdf as pdf_reader

STYLE = """
@page { size: A4; margin: 2cm }
body { font-family: sans-serif; font-size: 10pt }
td { vertical-align: %(align)s; padding: 0 5pt; width: 25%% }
td.head { font-weight: bold }
tr.cells td.head, tr.row { background: #D9E2F3 }
"""


def _pdf(rows: str, *, before: str = "", align: str = "middle", shade: str = "cells") -> bytes:
    from weasyprint import HTML

    header = "".join(
        f'<td class="head">{label}</td>'
        for label in ("Delmål", "Indikator", "Baseline", "Baseline år")
    )
    html = (
        f"<html><head><style>{STYLE % {'align': align}}</style></head><body>{before}"
        f'<h1>Delmål og indikatorer</h1><table><tr class="{shade}">{header}</tr>{rows}</table>'
        "<h1>Aktiviteter</h1><p>Lektiecafé i beboerhuset.</p></body></html>"
    )
    return HTML(string=html).write_pdf()


def _tables(data: bytes) -> list[list[list[str]]]:
    out = []
    for page in pdf_reader.read_pdf_pages(data):
        assert page.doc is not None
        out.extend(block.rows for block in page.doc.blocks if block.kind == "table")
    return out


def _flat(rows: list[list[str]]) -> list[list[str]]:
    return [[" ".join(cell.split()) for cell in row] for row in rows]


@pytest.mark.parametrize(
    ("align", "shade"), [("middle", "cells"), ("top", "cells"), ("middle", "row")]
)
def test_the_body_under_a_shaded_header_is_read_row_by_row_with_a_merged_delmaal(
    align: str, shade: str
):
    # the header's cells shaded each, or the row shaded as one band (its columns where its
    # words stand)
    rows = (
        "<tr><td rowspan=2>Flere unge fra Bakkegården kommer i job eller uddannelse og "
        "bliver i jobbet i mindst et år</td>"
        "<td>Andel 15-29-årige i restgruppen</td><td>21,4 %</td><td>2021</td></tr>"
        "<tr><td>Antal unge, der starter i fritidsjob via helhedsplanen</td>"
        "<td>14 unge</td><td>2022</td></tr>"
        "<tr><td>Færre børn har et højt fravær</td>"
        "<td>Andel elever i 0.-9. klasse med over 10 % fravær i skoleåret</td>"
        "<td>Indskoling: 14 %<br>Udskoling: 29 %</td><td>2021</td></tr>"
    )
    [table] = _tables(_pdf(rows, align=align, shade=shade))
    assert _flat(table) == [
        ["Delmål", "Indikator", "Baseline", "Baseline år"],
        [
            "Flere unge fra Bakkegården kommer i job eller uddannelse og bliver i jobbet i "
            "mindst et år",
            "Andel 15-29-årige i restgruppen",
            "21,4 %",
            "2021",
        ],
        ["", "Antal unge, der starter i fritidsjob via helhedsplanen", "14 unge", "2022"],
        [
            "Færre børn har et højt fravær",
            "Andel elever i 0.-9. klasse med over 10 % fravær i skoleåret",
            "Indskoling: 14 % Udskoling: 29 %",
            "2021",
        ],
    ]


@pytest.mark.parametrize("align", ["middle", "top"])
def test_an_unruled_body_the_page_broke_goes_on_in_the_same_columns(align: str):
    rows = "".join(
        f"<tr><td>Delmål nummer {n} om trivsel i boligområdet</td>"
        f"<td>Andel beboere, der svarer ja til spørgsmål {n}</td>"
        f"<td>{n} %</td><td>20{10 + n}</td></tr>"
        for n in range(1, 31)
    )
    tables = _tables(_pdf(rows, before="<p>Indledning.</p>" * 12, align=align))
    assert len(tables) == 2  # one a page: the page passes join them
    first, rest = _flat(tables[0]), _flat(tables[1])
    assert first[0] == ["Delmål", "Indikator", "Baseline", "Baseline år"]
    body = [row for row in first[1:] + rest if any(row)]
    assert [row[3] for row in body] == [f"20{10 + n}" for n in range(1, 31)]
    assert all(len(row) == 4 for row in rest)
    assert rest[-1] == [
        "Delmål nummer 30 om trivsel i boligområdet",
        "Andel beboere, der svarer ja til spørgsmål 30",
        "30 %",
        "2040",
    ]


def test_a_bold_label_below_a_plain_line_opens_a_paragraph():
    from weasyprint import HTML

    # the first line leaves too little room for the next word (it could have wrapped), and
    # the paragraphs are set less than a line apart: the bold label opens the next one
    css = (
        "@page { size: 595.3pt 841.9pt; margin: 70.85pt 56.7pt }"
        "p { margin: 0 0 7.5pt 0; line-height: 107%; font-size: 11pt; font-family: sans-serif }"
    )
    html = (
        f"<html><head><style>{css}</style></head><body>"
        "<p><b>Navn på den boligsociale indsats:</b> Helhedsplan for Toftegården og "
        "Lindeparken</p><p><b>Delaftalen gælder fra - til:</b> 01.01.2012-31.12.2015</p>"
        "</body></html>"
    )
    [page] = pdf_reader.read_pdf_pages(HTML(string=html).write_pdf())
    assert page.doc is not None
    assert [" ".join(b.text.split()) for b in page.doc.blocks] == [
        "Navn på den boligsociale indsats: Helhedsplan for Toftegården og Lindeparken",
        "Delaftalen gælder fra - til: 01.01.2012-31.12.2015",
    ]


def test_a_label_cell_the_page_broke_off_keeps_the_text_beside_it_in_its_table():
    from weasyprint import HTML

    sentences = " ".join(
        f"Beboerne mødes i caféen for {n}. gang og planlægger næste arrangement sammen."
        for n in range(1, 120)
    )
    html = (
        "<html><head><style>@page { size: A5; margin: 1.5cm } body { font-size: 10pt }"
        "td { vertical-align: top } td.label { background: #E7E6E6; font-weight: bold;"
        "width: 30% }</style></head><body><table>"
        '<tr><td class="label">Aktivitetsnavn</td><td>Beboercaféen</td></tr>'
        f'<tr><td class="label">Indhold og praksis</td><td>{sentences}</td></tr>'
        '<tr><td class="label">Ansvars- og rollefordeling</td><td>Helhedsplanen.</td></tr>'
        "</table></body></html>"
    )
    pages = pdf_reader.read_pdf_pages(HTML(string=html).write_pdf())
    assert len(pages) >= 3
    middle = pages[1].doc
    assert middle is not None
    [block] = middle.blocks
    assert block.kind == "table"
    assert [row[0] for row in block.rows] == [""]
    assert "Beboerne mødes i caféen for" in block.rows[0][1]
