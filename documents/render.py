"""DOCX (docxtpl) and PDF (WeasyPrint) from one agreement and its stamp.

Both read `documents.content.document_context`, so the Word file and the PDF say the same.
A template uploaded by an organisation is untrusted: it is rendered in Jinja's sandbox, and
anything that goes wrong while rendering it becomes a `TemplateError` with a Danish message.
"""

from __future__ import annotations

import base64
import io
import zipfile
from typing import Any

from django.template.loader import render_to_string
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment

from documents.content import Stamp, document_context
from documents.word_template import build_default_template
from lib.errors import DomainError
from plans import interchange as ix

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"

_PARAGRAPH_LISTS = {
    "parties": "parties",
    "activity_names": "activity_names",
    "staff": "staff",
    "housing_areas": "housing_areas",
    "vision_paragraphs": "vision",
    "organisation_paragraphs": "organisation",
    "interplay_paragraphs": "interplay",
    "municipal_paragraphs": "municipal",
    "revision_paragraphs": "revision",
    "local_evaluation_paragraphs": "local_evaluation",
}


class TemplateError(DomainError):
    """The Word template cannot be used; the message says why, in Danish."""


def _join(values: list[str]) -> str:
    # docxtpl turns "\a" into a new paragraph with the same paragraph style.
    return "\a".join(values)


def docx_context(context: dict[str, Any]) -> dict[str, Any]:
    """The shared context with each list of paragraphs as one Word field."""
    result = dict(context)
    for source, target in _PARAGRAPH_LISTS.items():
        result[target] = _join(context[source])
    result["goal_rows"] = [
        {
            **row,
            "baselines": _join(row["baselines"]),
            "comparators": _join(row["comparators"]),
            "unit": _join(row["unit"]),
        }
        for row in context["goal_rows"]
    ]
    result["activities"] = [
        {
            "name": a["name"],
            "purpose": _join(a["purpose_paragraphs"]),
            "goals": _join(a["goals"]),
            "process_goals": _join(a["process_goals"]),
            "target_groups": _join(a["target_groups_paragraphs"]),
            "content": _join(a["content_paragraphs"]),
            "responsibilities": _join(a["responsibilities_paragraphs"]),
        }
        for a in context["activities"]
    ]
    result["theory"] = _docx_theory(context.get("theory"))
    result["focus_areas"] = [
        {
            "name": f["name"],
            "problem_complex": _join(f["paragraphs"]),
            "theory": _docx_theory(f.get("theory")),
        }
        for f in context["focus_areas"]
    ]
    return result


def _docx_theory(theory: dict[str, Any] | None) -> dict[str, Any] | None:
    """A forandringsteori's lists as Word fields (one paragraph per entry)."""
    if not theory:
        return None
    return {
        **theory,
        "activities": _join(theory["activities"]),
        "assumptions": _join(theory["assumptions"]),
        "results": [{**r, "indicators": _join(r["indicators"])} for r in theory["results"]],
    }


def render_agreement_docx(
    agreement: ix.Agreement,
    stamp: Stamp,
    *,
    template: bytes | None = None,
    interplay: str | None = None,
    theory_statuses: dict[str, tuple[str, str]] | None = None,
) -> bytes:
    """The agreement as .docx bytes, from `template` (a docxtpl .docx) or the default one.

    Raises TemplateError (Danish message) when the template is not a usable Word template.
    """
    from docxtpl import DocxTemplate

    source = template if template is not None else build_default_template()
    context = docx_context(document_context(agreement, stamp, interplay=interplay))
    try:
        document = DocxTemplate(io.BytesIO(source))
        context["theory_figure"] = _theory_png(document, agreement, theory_statuses)
        document.render(context, jinja_env=SandboxedEnvironment(), autoescape=True)
        out = io.BytesIO()
        document.save(out)
    except JinjaTemplateError as error:
        # Jinja's line numbers count lines of Word's XML, which mean nothing to the user.
        raise TemplateError(
            "Word-skabelonen har en fejl i et felt: {}. Ret feltet, fx {{{{ heading }}}}, "
            "og prøv igen.".format(error.message or "ukendt fejl")
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TemplateError(
            "Filen er ikke en gyldig Word-skabelon (.docx): den kan ikke åbnes som et "
            "Word-dokument."
        ) from error
    except Exception as error:  # lxml, docx and docxtpl raise many kinds on broken XML
        raise TemplateError(
            "Word-skabelonen kunne ikke udfyldes; dokumentets opbygning er beskadiget "
            f"({type(error).__name__}). Gem skabelonen igen i Word, eller brug standardskabelonen."
        ) from error
    return out.getvalue()


def _theory_svg(agreement: ix.Agreement, statuses: dict[str, tuple[str, str]] | None) -> str | None:
    """The delaftale's forandringsteori as the figure the agreement page shows (evaluation)."""
    if agreement.kind != "delaftale" or not agreement.theory_of_change:
        return None
    from followup.charts import theory_svg

    return theory_svg(
        agreement.theory_of_change, focus_area=agreement.focus_area or "", statuses=statuses
    )


def _theory_png(
    document: Any, agreement: ix.Agreement, statuses: dict[str, tuple[str, str]] | None
) -> Any:
    svg = _theory_svg(agreement, statuses)
    if svg is None:
        return ""
    from docx.shared import Mm
    from docxtpl import InlineImage

    from followup.charts import svg_to_png

    return InlineImage(document, io.BytesIO(svg_to_png(svg)), width=Mm(165))


def render_html(
    agreement: ix.Agreement,
    stamp: Stamp,
    *,
    interplay: str | None = None,
    theory_statuses: dict[str, tuple[str, str]] | None = None,
) -> str:
    """The agreement as the HTML page the PDF is printed from."""
    context = document_context(agreement, stamp, interplay=interplay)
    svg = _theory_svg(agreement, theory_statuses)
    if svg is not None:
        from followup.charts import svg_to_png

        # As a picture, not vector text: the figure repeats the forandringsteori written below
        # it, and a PDF read back (import) must find that text once, in its own place.
        context["theory_figure"] = "data:image/png;base64," + base64.b64encode(
            svg_to_png(svg)
        ).decode("ascii")
    return render_to_string("documents/agreement_print.html", context)


def render_agreement_pdf(
    agreement: ix.Agreement,
    stamp: Stamp,
    *,
    interplay: str | None = None,
    theory_statuses: dict[str, tuple[str, str]] | None = None,
) -> bytes:
    """The agreement as PDF bytes (WeasyPrint), with the same content as the Word file."""
    from weasyprint import HTML

    html = render_html(agreement, stamp, interplay=interplay, theory_statuses=theory_statuses)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def sample_agreement() -> ix.Agreement:
    """A small delaftale that exercises every field, for checking an uploaded template."""
    return ix.Agreement(
        kind="delaftale",
        title="Delaftale for indsatsområdet Beskæftigelse",
        focus_area="Beskæftigelse",
        initiative="Prøveindsatsen",
        period=ix.Period(),
        parties=["Prøveboligselskabet", "Prøve Kommune"],
        goals=[
            ix.Goal(
                text="Flere i job",
                indicators=[
                    ix.Indicator(
                        text="Andel i beskæftigelse",
                        baselines=[ix.Measure(text="41 beboere (6,3%)", scope="Afd. 1")],
                        comparators=[ix.Measure(text="10,4 %", scope="Prøve Kommune")],
                        baseline_year=2024,
                        data_source="LBF - Boligsociale Data",
                    )
                ],
            )
        ],
        activity_names=["Jobcafé"],
        activities=[
            ix.Activity(
                name="Jobcafé",
                purpose="At flere får job.",
                goals=["20 beboere i job om året"],
                target_groups="Ledige beboere",
                content="Ugentlig café & vejledning <åben>.",
                responsibilities="Sekretariatet",
            )
        ],
        staff=[ix.Staff(text="Jobkonsulent 50 %", share_percent=50)],
        municipal_coherence="Jobcentret deltager.",
        revision="Bestyrelsen godkender.",
    )


def validate_template(template: bytes) -> None:
    """Render the sample agreement with the template; raises TemplateError if it fails."""
    from docx import Document

    rendered = render_agreement_docx(
        sample_agreement(), Stamp(plan_name="Prøveplan", version=1), template=template
    )
    try:
        Document(io.BytesIO(rendered))
    except Exception as error:
        raise TemplateError(
            "Word-skabelonen giver et dokument, som Word ikke kan åbne. Brug standardskabelonen "
            "som udgangspunkt."
        ) from error
