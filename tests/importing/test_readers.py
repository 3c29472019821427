"""Each format reader, fed a document built in the test, gives the same interchange reading."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from importing.errors import DocumentError
from importing.pipeline import read_document
from tests.importing.builders import docx_agreement, pdf_agreement


def test_docx_agreement_is_read_into_the_interchange_format():
    agreement = read_document(docx_agreement(), "delaftale.docx").agreement
    assert agreement.kind == "delaftale"
    assert agreement.focus_area == "Beskæftigelse"
    assert agreement.initiative == "Fællesskab i Lindeparken"
    assert (agreement.period.start, agreement.period.end) == (
        dt.date(2023, 3, 1),
        dt.date(2027, 2, 28),
    )
    assert agreement.parties == ["Jobcenter Lindby", "Lindeparkens Beboerforening"]
    first, second = agreement.goals
    assert first.text == "Flere unge kommer i job"
    assert [i.text for i in first.indicators] == [
        "Andel 18-29-årige i beskæftigelse",
        "Antal jobsamtaler",
    ]
    job = first.indicators[0]
    assert [(m.scope, m.percent) for m in job.baselines] == [("Afd. 3", 40), ("Afd. 7", 35)]
    assert [(m.scope, m.percent) for m in job.comparators] == [("Kommunen", 62)]
    assert job.baseline_year == 2022 and job.data_source == "Danmarks Statistik"
    # one cell holding two survey questions gives two indicators
    assert [i.baselines[0].percent for i in second.indicators] == [61, 70]
    assert agreement.activity_names == ["Jobcafé", "Lektiehjælp for voksne"]
    assert [(s.role, s.share_percent, s.hours_per_year) for s in agreement.staff] == [
        ("Jobmentor", 50, None),
        ("Jobcenter Lindby", None, 300),
    ]
    assert agreement.revision == "Delaftalen revideres hvert år i januar."
    (activity,) = agreement.activities
    assert activity.name == "Jobcafé"
    assert activity.target_groups == "Ledige beboere over 25 år."
    assert activity.responsibilities == "Jobmentoren står for caféen."


def test_pdf_table_over_several_pages_is_merged_and_header_repeats_dropped():
    agreement = read_document(pdf_agreement(), "delaftale.pdf").agreement
    assert agreement.focus_area == "Kriminalitetsforebyggelse"
    assert agreement.period.start == dt.date(2024, 1, 1)
    (goal,) = agreement.goals
    assert len(goal.indicators) == 40
    last = goal.indicators[-1]
    assert last.text == "Antal deltagere i hold 39"
    assert (last.baselines[0].scope, last.baselines[0].count, last.baselines[0].percent) == (
        "Afd. 39",
        49,
        39.5,
    )


def test_html_scripts_are_stripped_and_never_run():
    html = b"""<html><body><script>alert('x')</script>
    <h1>Delaftale for indsatsomr&aring;det Besk&aelig;ftigelse</h1>
    <p onclick="evil()">Delaftalen g&aelig;lder fra - til:</p><p>1.1.2024 - 31.12.2027</p>
    <p>Delaftalens parter:</p><ul><li>Jobcenter Lindby</li></ul></body></html>"""
    result = read_document(html, "aftale.html")
    assert "alert" not in result.source_text
    assert result.agreement.parties == ["Jobcenter Lindby"]
    assert result.agreement.period.end == dt.date(2027, 12, 31)


def test_odt_is_read_with_odfdo():
    from odfdo import Document, Header, Paragraph

    odt = Document("text")
    odt.body.append(Header(1, "Delaftale for indsatsområdet Beskæftigelse"))
    for text in ("Delaftalen gælder fra - til:", "1.1.2024 - 31.12.2027", "Delaftalens parter:",
                 "Jobcenter Lindby"):  # fmt: skip
        odt.body.append(Paragraph(text))
    out = io.BytesIO()
    odt.save(out)
    agreement = read_document(out.getvalue(), "aftale.odt").agreement
    assert agreement.focus_area == "Beskæftigelse"
    assert agreement.parties == ["Jobcenter Lindby"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.pdf", "tom"),
        (b"%PDF-1.7\n1 0 obj <<", "a.pdf", "PDF"),
        (b"\x00\x01\x02\x03" * 400, "a.txt", "binære"),
        (b"hello", "a.docx", "ikke"),
        (b"Indkobsliste: maelk, brod og smor.\n" * 3, "liste.txt", "ligner ikke"),
    ],
)
def test_bad_input_gives_a_danish_document_error(data, name, message):
    with pytest.raises(DocumentError, match=message):
        read_document(data, name)


def test_size_limit_is_a_parameter():
    with pytest.raises(DocumentError, match="for stor"):
        read_document(b"x" * 2000, "a.txt", max_bytes=1000)


def test_docx_zip_bomb_is_refused_before_extracting():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", "<w:document>" + " " * (300 * 1024 * 1024) + "</w:document>"
        )
    with pytest.raises(DocumentError, match="sikkerhed"):
        read_document(out.getvalue(), "bombe.docx")


def test_pdf_content_with_docx_name_is_refused():
    with pytest.raises(DocumentError, match="PDF"):
        read_document(pdf_agreement(rows=1), "aftale.docx")


def test_encrypted_pdf_is_refused():
    import pikepdf  # installed with ocrmypdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_agreement(rows=1))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="ejer", user="hemmelig"))
    with pytest.raises(DocumentError, match="krypteret"):
        read_document(out.getvalue(), "aftale.pdf")
