"""The default Word template (docxtpl), built from code with python-docx.

The layout follows Landsbyggefonden's templates: a title in Heading 1, the template's labels
as Heading 2, the goal table as a real Word table with the template's columns, and one sheet
per activity. An organisation may replace it with its own .docx using the same fields
(`TEMPLATE_FIELDS` documents them); `build_default_template` is the reference.

docxtpl notes: a tag must sit in one run (python-docx writes one run per `add_run`); `{%p %}`
and `{%tr %}` replace their whole paragraph or table row; text fields holding several
paragraphs are joined with "\\a", which docxtpl turns into new paragraphs with the same style.
An activity sheet is a two-column table (label | text) inside a `{%p for %}` loop, so the whole
table repeats per activity; the importer reads sheets back from such tables.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

TEMPLATE_FIELDS = {
    "heading": "Titlen: »Strategisk samarbejdsaftale« eller »Delaftale for indsatsområdet …«",
    "subtitle": "Aftalens egen titel, når den er en anden end overskriften",
    "plan_name": "Helhedsplanens navn",
    "funding_period": "Bevillingsperioden, fx »Bevillingsperiode: 2019-26«",
    "stamp": "Version og godkendelsesdato, eller »Kladde – ikke godkendt«",
    "is_strategic": "Sand for den strategiske samarbejdsaftale",
    "labels.*": "Skabelonens overskrifter (fx labels.parties, labels.goals)",
    "initiative": "Navn på den boligsociale indsats",
    "period": "Perioden, fx »1. januar 2024 – 31. december 2027«",
    "parties": "Parterne, ét afsnit pr. part",
    "goal_rows": "Rækker i måltabellen: goal, indicator, baselines, comparators, year, source, "
    "unit (enhed og retning)",
    "activity_names": "Aktiviteterne, ét afsnit pr. aktivitet",
    "activities": "Aktivitetsskemaer: name, purpose, goals, process_goals, target_groups, "
    "content, responsibilities",
    "theory": "Forandringsteori (delaftale): activities, results (step, text, indicators), "
    "assumptions, reviewed",
    "staff": "Medarbejderressourcer, ét afsnit pr. linje",
    "staff_rows": "Medarbejderressourcer som tabel: role, share, hours, text",
    "municipal": "Sammenhæng med den kommunale indsats",
    "revision": "Revision af aftalen",
    "housing_areas": "Boligområder og afdelinger (strategisk aftale)",
    "vision": "Vision (strategisk aftale)",
    "organisation": "Organisering (strategisk aftale)",
    "interplay": "Samspil med centrale tiltag og indsatser (strategisk aftale)",
    "focus_areas": "Indsatsområder: name, problem_complex, theory (strategisk aftale)",
    "local_evaluation": "Lokal evaluering (strategisk aftale)",
}

_ACCENT = RGBColor(0x00, 0x3B, 0x6F)
_SHEET_FIELDS = ("name", "purpose", "goals", "target_groups", "content", "responsibilities")


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cell_text(cell: _Cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold


def _loop_table(
    doc: Any, item: str, items: str, columns: tuple[tuple[str, str, float], ...]
) -> None:
    """A table with a shaded header row and one row per element of `items` (`{%tr for %}`)."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, (label, field, width) in enumerate(columns):
        head = table.rows[0].cells[index]
        _cell_text(head, f"{{{{ {label} }}}}", bold=True)
        _shade(head, "DCE6F0")
        _cell_text(table.rows[2].cells[index], f"{{{{ {field} }}}}")
        table.columns[index].width = Cm(width)
        for row in table.rows:
            row.cells[index].width = Cm(width)
    _repeat_header(table.rows[0])
    _cell_text(table.rows[1].cells[0], f"{{%tr for {item} in {items} %}}")
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}")


@cache
def build_default_template() -> bytes:
    """The default template as .docx bytes (built once per process)."""
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)

    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for name, size in (("Heading 1", 18), ("Heading 2", 13), ("Heading 3", 11.5)):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = _ACCENT

    header = section.header.paragraphs[0]
    header.text = "{{ plan_name }} · {{ stamp }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = "Udarbejdet efter Landsbyggefondens skabelon · {{ stamp }}"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def par(text: str, style: str | None = None, *, bold: bool = False) -> None:
        paragraph = doc.add_paragraph(style=style)
        run = paragraph.add_run(text)
        run.bold = bold

    def labelled(label: str, field: str, *, style: str | None = None) -> None:
        """A label (Heading 2) and its text, left out when the text is empty."""
        par(f"{{%p if {field} %}}")
        doc.add_heading(f"{{{{ {label} }}}}", level=2)
        par(f"{{{{ {field} }}}}", style)
        par("{%p endif %}")

    def theory_fields(theory: str) -> None:
        """A forandringsteori's parts, from the context variable `theory`."""
        par(f"{{%p if {theory}.activities %}}")
        par("{{ theory_labels.activities }}", bold=True)
        par(f"{{{{ {theory}.activities }}}}", "List Bullet")
        par("{%p endif %}")
        _loop_table(
            doc,
            "r",
            f"{theory}.results",
            (
                ("theory_labels.step_column", "r.step", 3.0),
                ("theory_labels.result_column", "r.text", 8.0),
                ("theory_labels.indicators_column", "r.indicators", 6.0),
            ),
        )
        par(f"{{%p if {theory}.assumptions %}}")
        par("{{ theory_labels.assumptions }}", bold=True)
        par(f"{{{{ {theory}.assumptions }}}}", "List Bullet")
        par("{%p endif %}")
        par(f"{{%p if {theory}.reviewed %}}")
        par(f"{{{{ theory_labels.reviewed }}}} {{{{ {theory}.reviewed }}}}")
        par("{%p endif %}")

    doc.add_heading("{{ heading }}", level=1)
    par("{%p if subtitle %}")
    par("{{ subtitle }}", bold=True)
    par("{%p endif %}")
    stamp = doc.add_paragraph()
    stamp_run = stamp.add_run("{{ plan_name }} · {{ stamp }}")
    stamp_run.italic = True
    par("{%p if funding_period %}")
    par("{{ funding_period }}")
    par("{%p endif %}")

    labelled("labels.initiative", "initiative")
    labelled("labels.period", "period")
    labelled("labels.parties", "parties")

    # -- the strategic agreement's own chapters ---------------------------------------------
    par("{%p if is_strategic %}")
    labelled("labels.area", "housing_areas", style="List Bullet")
    labelled("labels.vision", "vision")
    labelled("labels.organisation", "organisation")
    labelled("labels.interplay", "interplay")
    par("{%p endif %}")

    # -- the goal table -------------------------------------------------------------------
    doc.add_heading("{{ labels.goals }}", level=2)
    par("{%p if goal_rows %}")
    _loop_table(
        doc,
        "row",
        "goal_rows",
        (
            ("labels.goal_column", "row.goal", 3.0),
            ("labels.indicator_column", "row.indicator", 3.0),
            ("labels.baseline_column", "row.baselines", 3.2),
            ("labels.comparator_column", "row.comparators", 2.4),
            ("labels.year_column", "row.year", 1.3),
            ("labels.source_column", "row.source", 2.3),
            ("labels.unit_column", "row.unit", 1.8),
        ),
    )
    par("{%p else %}")
    par("Ingen mål endnu.")
    par("{%p endif %}")

    # -- strategic: focus areas and local evaluation ------------------------------------
    par("{%p if is_strategic %}")
    par("{%p if focus_areas %}")
    doc.add_heading("{{ labels.focus_areas }}", level=2)
    par("{%p for area in focus_areas %}")
    doc.add_heading("{{ area.name }}", level=3)
    par("{%p if area.problem_complex %}")
    par("{{ labels.problem_complex }}", bold=True)
    par("{{ area.problem_complex }}")
    par("{%p endif %}")
    par("{%p if area.theory %}")
    par("{{ theory_labels.heading }}", bold=True)
    theory_fields("area.theory")
    par("{%p endif %}")
    par("{%p endfor %}")
    par("{%p endif %}")
    labelled("labels.local_evaluation", "local_evaluation")
    labelled("labels.revision", "revision")
    par("{%p else %}")

    # -- delaftale: activities, staff, coherence, revision, one sheet per activity ------
    labelled("labels.activity_list", "activity_names", style="List Bullet")
    # Staff as a table: role, share and hours, then the line in its own words (Beskrivelse),
    # so a document read back gives each part as it was (a line alone leaves the role to
    # guesswork, and a figure added to the line would change its words).
    par("{%p if staff_rows %}")
    doc.add_heading("{{ labels.staff }}", level=2)
    _loop_table(
        doc,
        "s",
        "staff_rows",
        (
            ("labels.staff_role_column", "s.role", 4.5),
            ("labels.staff_share_column", "s.share", 2.5),
            ("labels.staff_hours_column", "s.hours", 2.5),
            ("labels.staff_text_column", "s.text", 7.5),
        ),
    )
    par("{%p endif %}")
    labelled("labels.municipal", "municipal")
    labelled("labels.revision", "revision")
    par("{%p if activities %}")
    doc.add_heading("{{ labels.sheets }}", level=2)
    par("{%p for a in activities %}")
    # One sheet per activity as LBF's form has it: a two-column table, label | text.
    # The process goals' row is there only when the activity has some ({%tr if %} rows).
    rows: list[str] = []
    for field in _SHEET_FIELDS:
        rows.append(field)
        if field == "goals":
            rows += ["{%tr if a.process_goals %}", "process_goals", "{%tr endif %}"]
    sheet = doc.add_table(rows=len(rows), cols=2)
    sheet.style = "Table Grid"
    sheet.alignment = WD_TABLE_ALIGNMENT.CENTER
    sheet.autofit = False
    for row, field in zip(sheet.rows, rows, strict=True):
        label_cell, text_cell = row.cells
        if field.startswith("{%"):
            _cell_text(label_cell, field)
            continue
        _cell_text(label_cell, f"{{{{ sheet_labels.{field} }}}}", bold=True)
        _shade(label_cell, "DCE6F0")
        _cell_text(text_cell, f"{{{{ a.{field} }}}}", bold=field == "name")
        if field in ("goals", "process_goals"):
            text_cell.paragraphs[0].style = doc.styles["List Bullet"]
        for cell, width in ((label_cell, 4.5), (text_cell, 12.5)):
            cell.width = Cm(width)
    par("")
    par("{%p endfor %}")
    par("{%p endif %}")

    # The delaftale's forandringsteori (format 2): what it starts from, its results from
    # output to long term with the indicators that measure them, its assumptions.
    par("{%p if theory %}")
    doc.add_heading("{{ theory_labels.heading }}", level=2)
    # The figure (evaluation: followup.charts.theory_svg, rasterised); empty without one.
    par("{%p if theory_figure %}")
    par("{{ theory_figure }}")
    par("{%p endif %}")
    theory_fields("theory")
    par("{%p endif %}")
    par("{%p endif %}")

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
