"""The yearly follow-up as DOCX (docxtpl) and PDF (WeasyPrint), and the auditor's statement.

Both formats read one context (`followup_context`) built from `selectors.plan_followup`, so
the Word file and the PDF say the same, with the same charts (`charts.indicator_svg`, the
very SVG the dashboard shows inline: as an image in the PDF, rasterised to PNG for Word).
Figures under the suppression threshold never reach either: the selector leaves them out.
"""

from __future__ import annotations

import base64
import functools
import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from followup import charts
from followup.selectors import AuditorStatement, FollowUp, GoalView, IndicatorView
from followup.status import MARGIN_RULE, RULES, TREND_RULE
from lib.danish import format_date

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"


def _indicator_row(view: IndicatorView) -> dict[str, Any]:
    return {
        "text": view.indicator.text,
        "direction": view.indicator.get_direction_display(),
        "baseline": view.baseline_text or view.number(view.status.baseline),
        "latest": view.latest_text,
        "change": view.change_text,
        "gap": view.gap_text if view.comparator else "Intet sammenligningsgrundlag",
        "comparator": view.comparator.label if view.comparator else "",
        "trend": view.status.trend.label,
        "status": view.status.label,
        "status_code": str(view.status.status),
        # survey figures: the margin and what two series or a weighted figure mean
        "notes": " ".join([*view.status.notes, *view.unit_notes]),
        # "Afstand til Lilleby Kommune", or only "Afstand" without a comparator.
        "gap_label": f"Afstand til {view.comparator.label}"
        if view.comparator and view.comparator.label
        else "Afstand",
        "hidden": view.area.hidden + (view.comparator.hidden if view.comparator else 0),
        "chart_alt": f"{charts.indicator_title(view)}. {charts.indicator_description(view)}",
    }


def _goal(g: GoalView, *, pending: bool = False) -> dict[str, Any]:
    kind = "Overordnet mål" if g.is_overall else "Delmål"
    if pending:
        kind = f"{kind} (ikke godkendt endnu)"
    elif g.closed_label:
        kind = f"{kind} · {g.closed_label}"
    return {
        "title": g.goal.text,
        "kind": kind,
        "agreement": g.agreement.display_title,
        "narrative": g.narrative,
        "indicators": [_indicator_row(v) for v in g.indicators],
        # evaluation: the delmål's activities, their figures and process goals
        "activities": [line for a in g.activities for line in a.lines],
    }


def followup_context(follow: FollowUp) -> dict[str, Any]:
    """The document's words and numbers, without charts (they are added per format)."""
    meeting = follow.meeting
    return {
        "plan_name": follow.plan.name,
        "municipality": follow.plan.municipality,
        "case_number": follow.plan.lbf_case_number,
        "year": follow.year,
        "generated": format_date(timezone.localdate()),
        "rules": RULES,
        "trend_rule": TREND_RULE,
        "margin_rule": MARGIN_RULE,
        "threshold": follow.threshold,
        "counts": [{"label": s.label, "count": n} for s, n in follow.counts],
        "draft_counts": [{"label": s.label, "count": n} for s, n in follow.draft_counts],
        "goals": [_goal(g) for g in follow.goals],
        # Not approved yet, shown apart: a draft's changes against the version in force, and
        # agreements never approved with their goals.
        "pending": [
            {
                "agreement": f"{p.agreement.display_title}, version {p.agreement.version} "
                f"({p.agreement.get_status_display()})"
                + (f", {p.period_label}" if p.period_label else ""),
                "in_force": p.in_force,
                "changes": p.changes,
            }
            for p in follow.pending
        ],
        "pending_goals": [_goal(g, pending=True) for p in follow.pending for g in p.goals],
        "due_missing": [v.indicator.text for v in follow.due.missing],
        "due_recorded": follow.due.recorded_text,
        "later": follow.later_text,
        "register_year": follow.due.register_year,
        "due_surveys": [
            f"{s.survey}: seneste bølge {s.last_year}, næste forventet {s.next_year}"
            for s in follow.due.surveys
        ],
        # evaluation: the year's seminars and what they decided
        "seminars": [
            {
                "held_on": format_date(s.held_on),
                "roles": ", ".join(s.roles),
                "data_reviewed": s.data_reviewed,
                "decisions": [
                    d.text
                    + (
                        f" ({d.agreement.display_title}: startede version {d.started_version})"
                        if d.agreement is not None and d.started_version
                        else f" ({d.agreement.display_title})"
                        if d.agreement is not None
                        else ""
                    )
                    for d in s.decisions.all()
                ],
            }
            for s in follow.seminars
        ],
        "meeting": (
            {
                "held_on": format_date(meeting.held_on),
                "attendees": meeting.attendees,
                "decisions": meeting.decisions,
                "recorded_by": meeting.recorded_by_name,
            }
            if meeting
            else None
        ),
    }


def _svgs(follow: FollowUp) -> list[str]:
    return [charts.indicator_svg(v) for v in follow.indicators]


def render_html(follow: FollowUp) -> str:
    """The PDF's HTML, with each indicator's chart as an SVG image."""
    context = followup_context(follow)
    svgs = _svgs(follow)
    images = iter(
        "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode() for svg in svgs
    )
    for goal in context["goals"] + context["pending_goals"]:
        for row in goal["indicators"]:
            row["chart"] = next(images)
    return render_to_string("followup/followup_document.html", context)


def render_followup_pdf(follow: FollowUp) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=render_html(follow)).write_pdf()
    return pdf


def render_followup_docx(follow: FollowUp) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    document = DocxTemplate(io.BytesIO(build_docx_template()))
    context = followup_context(follow)
    pngs = [charts.svg_to_png(svg) for svg in _svgs(follow)]
    images = iter(pngs)
    for goal in context["goals"] + context["pending_goals"]:
        for row in goal["indicators"]:
            row["chart"] = InlineImage(document, io.BytesIO(next(images)), width=Mm(100))
    if context["meeting"]:
        context["meeting"]["decisions"] = "\a".join(context["meeting"]["decisions"].splitlines())
    for goal in context["goals"] + context["pending_goals"]:
        goal["narrative"] = "\a".join(goal["narrative"].splitlines())
    document.render(context, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@functools.cache
def build_docx_template() -> bytes:
    """The Word template, built with python-docx: docxtpl tags in Danish headings and a table.

    Kept in code so the template and the context change together in one review.
    """
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"  # type: ignore[attr-defined]
    style.font.size = Pt(10)  # type: ignore[attr-defined]
    document.add_heading("Årlig opfølgning {{ year }}", level=0)
    document.add_paragraph("{{ plan_name }} · {{ municipality }} · LBF-sag {{ case_number }}")
    document.add_paragraph("Dannet {{ generated }} fra helhedsplanens registreringer.")

    document.add_heading("Status for mål og indikatorer", level=1)
    document.add_paragraph("{{ rules }}")
    document.add_paragraph("{{ trend_rule }}")
    document.add_paragraph("{{ margin_rule }}")
    document.add_paragraph(
        "Tal under {{ threshold }} offentliggøres ikke, så ingen beboer kan genkendes."
    )
    headers = ["Mål og indikator", "Baseline", "Seneste", "Ændring", "Afstand", "Status"]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    loop_rows = [
        ["{%tr for goal in goals %}", "", "", "", "", ""],
        ["{{ goal.kind }}: {{ goal.title }}", "", "", "", "", ""],
        ["{%tr for row in goal.indicators %}", "", "", "", "", ""],
        [
            "{{ row.text }}",
            "{{ row.baseline }}",
            "{{ row.latest }}",
            "{{ row.change }}",
            "{{ row.gap }}",
            "{{ row.status }}",
        ],
        ["{%tr endfor %}", "", "", "", "", ""],
        ["{%tr endfor %}", "", "", "", "", ""],
    ]
    for values in loop_rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    title_row = table.rows[2]
    merged = title_row.cells[0].merge(title_row.cells[-1])
    merged.text = "{{ goal.kind }}: {{ goal.title }}"
    for run in merged.paragraphs[0].runs:
        run.bold = True

    document.add_heading("Mål for mål", level=1)
    document.add_paragraph("{%p if later %}")
    document.add_paragraph("{{ later }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p if not goals %}")
    document.add_paragraph("Planen har ingen godkendte mål for {{ year }} endnu.")
    document.add_paragraph("{%p endif %}")
    _goal_sections(document, "goals")

    document.add_paragraph("{%p if pending %}")
    document.add_heading("Ikke godkendt endnu", level=1)
    document.add_paragraph(
        "Opfølgningen ovenfor følger de godkendte versioner. Det her er ændret eller nyt i "
        "kladder og indgår først, når bestyrelsen har godkendt det."
    )
    document.add_paragraph("{%p for p in pending %}")
    document.add_heading("{{ p.agreement }}", level=2)
    document.add_paragraph("{%p if p.in_force %}")
    document.add_paragraph("I forhold til den gældende {{ p.in_force }}:")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for c in p.changes %}")
    document.add_paragraph("{{ c }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    _goal_sections(document, "pending_goals")
    document.add_paragraph("{%p endif %}")

    document.add_heading("Det skal følges op", level=1)
    document.add_paragraph("{%p if due_missing %}")
    document.add_paragraph("Indikatorer uden værdi for {{ register_year }}:")
    document.add_paragraph("{%p for text in due_missing %}")
    document.add_paragraph("{{ text }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ due_recorded }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for text in due_surveys %}")
    document.add_paragraph("{{ text }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")

    document.add_heading("Årets seminar", level=1)
    document.add_paragraph("{%p if seminars %}")
    document.add_paragraph("{%p for s in seminars %}")
    document.add_heading("Seminar den {{ s.held_on }}", level=2)
    document.add_paragraph("Deltagere (roller): {{ s.roles }}")
    document.add_paragraph("Data, der blev set på: {{ s.data_reviewed }}")
    document.add_paragraph("Beslutninger:")
    document.add_paragraph("{%p for d in s.decisions %}")
    document.add_paragraph("{{ d }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("Der er ikke registreret et seminar i {{ year }}.")
    document.add_paragraph("{%p endif %}")

    document.add_heading("Bestyrelsens behandling", level=1)
    document.add_paragraph("{%p if meeting %}")
    document.add_paragraph("Bestyrelsen behandlede opfølgningen den {{ meeting.held_on }}.")
    document.add_paragraph("Deltagere: {{ meeting.attendees }}")
    document.add_heading("Beslutninger", level=2)
    document.add_paragraph("{{ meeting.decisions }}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph(
        "Bestyrelsen har endnu ikke behandlet opfølgningen for {{ year }}. Beslutningerne "
        "skrives ind, når mødet er holdt."
    )
    document.add_paragraph("{%p endif %}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_statement_html(statement: AuditorStatement) -> str:
    return render_to_string(
        "followup/auditor_statement_document.html",
        {"s": statement, "generated": timezone.localtime(statement.generated_at)},
    )


def render_statement_pdf(statement: AuditorStatement, *, base_url: str | None = None) -> bytes:
    """The statement as PDF. With `base_url` (the site's address) the links to the archived
    documents it names are absolute, so they work from the PDF the auditor keeps."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=render_statement_html(statement), base_url=base_url).write_pdf()
    return pdf


def _goal_sections(document: Any, goals: str) -> None:
    """The template's loop over one list of goals (`goals` names it in the context): a
    heading per goal, its narrative, and per indicator its status line and chart."""
    document.add_paragraph(f"{{%p for goal in {goals} %}}")
    document.add_heading("{{ goal.kind }}: {{ goal.title }}", level=2)
    document.add_paragraph("{{ goal.agreement }}")
    document.add_paragraph("{%p if goal.narrative %}")
    document.add_paragraph("{{ goal.narrative }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for row in goal.indicators %}")
    document.add_heading("{{ row.text }}", level=3)
    document.add_paragraph(
        "Status: {{ row.status }}. Ændring siden baseline: {{ row.change }}. "
        "{{ row.gap_label }}: {{ row.gap }}. Udvikling: {{ row.trend }}. {{ row.notes }}"
    )
    document.add_paragraph("{{ row.chart }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if goal.activities %}")
    document.add_heading("Aktiviteter og procesmål", level=3)
    document.add_paragraph("{%p for line in goal.activities %}")
    document.add_paragraph("{{ line }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
