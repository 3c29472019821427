"""The generated DOCX and PDF: LBF's headings, the goal table, the stamp, broken templates."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pdfplumber
import pytest
from docx import Document

from documents.content import Stamp
from documents.render import (
    TemplateError,
    render_agreement_docx,
    render_agreement_pdf,
    validate_template,
)
from plans.models import Agreement
from plans.selectors import agreement_to_interchange
from tests.documents.conftest import make_docx


def _sub(plan: Any) -> Any:
    agreement = Agreement.objects.with_chain().get(plan=plan, title="Delaftale om skolegang")
    return agreement_to_interchange(agreement)


def _headings(doc: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


@pytest.mark.django_db
def test_delaftale_docx_has_lbf_headings_and_goal_table(plan: Any) -> None:
    stamp = Stamp(plan_name="Tværgaden", version=3, approved_on=dt.date(2024, 3, 1))
    doc = Document(io.BytesIO(render_agreement_docx(_sub(plan), stamp)))
    headings = _headings(doc)
    assert headings[0] == ("Heading 1", "Delaftale for indsatsområdet Uddannelse og livschancer")
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert "Delaftalens parter:" in level2
    assert "Delaftalen gælder fra - til:" not in level2  # the delaftale has no period yet
    assert "Delmål og indikatorer for indsatsområdet" in level2
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Delmål",
        "Indikator",
        "Baseline boligområde/ målgruppe",
        "Evt. anden baseline",
        "Baseline år",
        "Datakilde",
        "Enhed og retning",
    ]
    assert [c.text for c in table.rows[1].cells] == [
        "Flere unge gennemfører 9. klasse",
        "Andel elever med afgangsprøve",
        "61 %",
        "",
        "2023",
        "Skolens opgørelse",
        "procent\nmere er bedre",
    ]
    assert len(table.rows) == 2
    texts = [p.text for p in doc.paragraphs]
    assert "Lilleby Boligforening" in texts and "Klubben Lyset" in texts
    assert "Delaftale om skolegang" in texts  # its own title, under the template's heading
    header = doc.sections[0].header.paragraphs[0].text
    assert header == "Tværgaden · Version 3 · godkendt 1. marts 2024"


@pytest.mark.django_db
def test_strategic_docx_uses_the_strategic_template_labels(plan: Any) -> None:
    agreement = Agreement.objects.with_chain().get(plan=plan, kind="strategisk_samarbejdsaftale")
    data = agreement_to_interchange(agreement)
    doc = Document(io.BytesIO(render_agreement_docx(data, Stamp(plan_name="Tværgaden", version=1))))
    headings = _headings(doc)
    assert headings[0] == ("Heading 1", "Strategisk samarbejdsaftale om boligsocial indsats")
    assert ("Heading 2", "Aftalens parter:") in headings
    # the only section printed (the others are empty), so number 1 (R16: no gaps)
    assert (
        "Heading 2",
        "1. Overordnede mål og indikatorer for den boligsociale indsats",
    ) in headings
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header[0] == "Overordnet mål" and header[3] == "Baseline kommune"
    assert len(doc.tables[0].rows) - 1 == sum(len(g.indicators) or 1 for g in data.goals)
    assert "Kladde – ikke godkendt" in doc.sections[0].header.paragraphs[0].text


@pytest.mark.django_db
def test_pdf_has_the_same_content_and_stamp(plan: Any) -> None:
    pdf = render_agreement_pdf(_sub(plan), Stamp(plan_name="Tværgaden", version=2))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)
    assert "Delaftale for indsatsområdet Uddannelse og livschancer" in text
    assert "Delaftalens parter:" in text
    assert "Andel elever med" in text and "61 % 2023 Skolens" in text
    assert "Version 2 · Kladde – ikke godkendt" in text


def test_special_characters_are_escaped_in_word() -> None:
    from documents.render import sample_agreement

    doc = Document(
        io.BytesIO(render_agreement_docx(sample_agreement(), Stamp(plan_name="A & B <C>")))
    )
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    assert "Ugentlig café & vejledning <åben>." in cells  # in the activity sheet's table
    assert "A & B <C> · Kladde – ikke godkendt" in [p.text for p in doc.paragraphs]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (("{{ heading ",), "fejl i et felt"),
        (("{%p if parties %}", "{{ parties }}"), "fejl i et felt"),
        (("{{ heading.__class__.__mro__ }}",), None),
    ],
)
def test_broken_template_gives_a_danish_message(
    paragraphs: tuple[str, ...], expected: str | None
) -> None:
    template = make_docx(*paragraphs)
    if expected is None:
        # The sandbox renders harmless attribute access as empty or refuses it; never a crash.
        try:
            validate_template(template)
        except TemplateError as error:
            assert "Word-skabelonen" in error.messages[0]
        return
    with pytest.raises(TemplateError) as caught:
        validate_template(template)
    assert expected in caught.value.messages[0]
    assert caught.value.messages[0].startswith("Word-skabelonen")


def test_not_a_word_file_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="ikke en gyldig Word-skabelon"):
        validate_template(b"PK\x03\x04 not really a zip")


def test_sandbox_blocks_reaching_python_internals() -> None:
    template = make_docx("{{ heading.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError):
        validate_template(template)
