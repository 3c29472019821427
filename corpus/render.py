"""Render one agreement (interchange JSON) as a DOCX in one layout, with real Word structures.

Real structures means what Word itself writes: numbered and bulleted lists are w:numPr
numbering (a fresh w:num per list, so every list starts at 1), merged goal cells are
w:vMerge, repeated header rows are w:tblHeader, page numbers are PAGE/NUMPAGES fields in the
footer. `render` returns the DOCX bytes and the ground truth: the agreement reduced to what
this layout shows (a layout without a "Baseline år" column cannot carry the baseline year).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from corpus.layouts import COLUMN_HEADERS, Layout

Json = dict[str, Any]

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
SIGNERS = (
    "Birthe Aagaard",
    "Kasper Lund Friis",
    "Mette Skov",
    "Ole Brandt",
    "Rikke Dam Holm",
    "Søren Vestergaard",
    "Hanne Bech",
    "Tobias Krag",
    "Lene Mørk",
    "Jonas Ravn",
)
NOTES = ("Opgøres årligt", "Ny måling i 2025", "Tal fra helhedsplanens egen registrering", "")
SCORED = (
    "kind",
    "funding_period",
    "title",
    "focus_area",
    "initiative",
    "period",
    "parties",
    "goals",
    "activity_names",
    "activities",
    "staff",
    "municipal_coherence",
    "revision",
    "housing_areas",
    "vision",
    "organisation",
    "focus_areas",
    "local_evaluation",
)
SHEET_FIELDS = (
    ("name", "Aktivitetsnavn"),
    ("purpose", "Formål"),
    ("goals", "Delmål"),
    ("target_groups", "Målgruppe(r)"),
    ("content", "Indhold og praksis"),
    ("responsibilities", "Ansvars- og rollefordeling"),
)
SHADE = "D9E2F3"
# Relative column widths of the goal table (scaled to the text width, 17 cm).
WIDTHS = {
    "goal": 3.4,
    "indicator": 3.6,
    "baseline": 3.0,
    "comparator": 2.6,
    "comparator_municipality": 2.6,
    "year": 1.6,
    "source": 2.8,
    "source_year": 3.2,
    "note": 2.2,
}
TEXT_WIDTH_CM = 17.0
GUIDANCE_COLOUR = WD_COLOR_INDEX.BRIGHT_GREEN


# -- text helpers -------------------------------------------------------------------------
def plain_words(text: str) -> str:
    return re.sub(r"[^0-9a-zæøå]+", " ", text.lower()).strip()


def danish_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):d}"
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def format_date(iso: str | None, style: str) -> str:
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    if style == "short":
        return day.strftime("%d.%m.%y")
    if style == "dotted":
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def period_text(period: Json, style: str) -> str:
    return f"{format_date(period.get('start'), style)} – {format_date(period.get('end'), style)}"


def as_text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value or "")


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"”»])")


def paragraphs_of(value: Any, per: int = 3) -> list[str]:
    """Long text as paragraphs of a few sentences (a list stays as its paragraphs)."""
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    sentences = _SENTENCE.split(str(value or "").strip())
    return [" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per) if sentences]


def measure_lines(measure: Json, own_line: bool) -> list[str]:
    text, scope = measure["text"], measure.get("scope")
    if not scope or plain_words(scope) in plain_words(text):
        return [text]
    return [f"{scope}:", text] if own_line else [f"{scope}: {text}"]


def staff_cells(staff: Json) -> list[str]:
    role = staff.get("role") or staff["text"]
    share = staff.get("share_percent")
    hours = staff.get("hours_per_year")
    funded = ""
    found = re.search(r"finansieret af (.+)$", staff["text"])
    if found:
        funded = found.group(1).strip(" .")
    return [
        role,
        f"{danish_number(share)} %" if share is not None else "",
        danish_number(hours) if hours is not None else "",
        funded,
    ]


# -- Word structures ----------------------------------------------------------------------
class Writer:
    """A python-docx document with the few Word structures the corpus needs."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.doc: DocxDocument = Document()
        style = self.doc.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(11)
        section = self.doc.sections[0]
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))

    # lists: a new w:num per list so each list restarts at 1
    def new_list(self, style: str) -> int:
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles[style].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return int(num.numId)

    def list_item(self, container: Any, text: str, style: str, num_id: int) -> Paragraph:
        paragraph = container.add_paragraph(text, style=style)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
        return paragraph

    def items(self, container: Any, texts: list[str], kind: str) -> None:
        """`kind`: "numbered", "bullets" or "lines" (one plain paragraph each)."""
        if kind == "lines":
            for text in texts:
                container.add_paragraph(text)
            return
        style = "List Number" if kind == "numbered" else "List Bullet"
        num_id = self.new_list(style)
        for text in texts:
            self.list_item(container, text, style, num_id)

    def label(self, text: str, level: int = 2) -> None:
        if self.layout.header == "heading":
            self.doc.add_heading(text.rstrip(":"), level=level)
        else:
            run = self.doc.add_paragraph().add_run(text)
            run.bold = True

    def guidance(self, container: Any, text: str) -> None:
        if not self.layout.guidance:
            return
        run = container.add_paragraph().add_run(text)
        run.italic = True
        run.font.highlight_color = GUIDANCE_COLOUR

    def paragraphs(self, container: Any, value: Any) -> None:
        for text in paragraphs_of(value):
            container.add_paragraph(text)

    def table(self, rows: int, cols: int, widths: list[float] | None = None) -> Table:
        table = self.doc.add_table(rows=rows, cols=cols)
        table.style = self.doc.styles["Table Grid"]
        if widths:
            table.autofit = False
            scale = TEXT_WIDTH_CM / sum(widths)
            for column, width in zip(table.columns, widths, strict=True):
                column.width = Cm(width * scale)
                for cell in column.cells:
                    cell.width = Cm(width * scale)
        return table

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def furniture(self, header_text: str, footer_text: str) -> None:
        section = self.doc.sections[0]
        section.header.paragraphs[0].text = header_text
        footer = section.footer.paragraphs[0]
        footer.text = ""
        footer.add_run(footer_text + "    Side ")
        add_field(footer, "PAGE")
        footer.add_run(" af ")
        add_field(footer, "NUMPAGES")

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (w:fldChar begin/instrText/separate/end), as Word writes PAGE."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("end", None)):
        run = paragraph.add_run()._r
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run.append(instr)
            continue
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        if kind == "separate":
            value = OxmlElement("w:t")
            value.text = "1"
            paragraph.add_run()._r.append(value)


def fill(cell: _Cell, texts: list[str], *, bold: bool = False) -> None:
    """Write paragraphs into a cell (the first into its existing empty paragraph)."""
    texts = texts or [""]
    first = cell.paragraphs[0]
    run = first.add_run(texts[0])
    run.bold = bold
    for text in texts[1:]:
        cell.add_paragraph().add_run(text).bold = bold


def shade(cell: _Cell, colour: str = SHADE) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shd)


def repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


# -- the renderer -------------------------------------------------------------------------
def truth_of(agreement: Json, layout: Layout) -> Json:
    """The agreement reduced to what `layout` can show."""
    truth = {k: copy.deepcopy(agreement[k]) for k in SCORED if k in agreement}
    columns = set(layout.columns)
    for goal in truth.get("goals") or []:
        for indicator in goal.get("indicators") or []:
            if not columns & {"comparator", "comparator_municipality"}:
                indicator["comparators"] = []
            if not columns & {"year", "source_year"}:
                indicator.pop("baseline_year", None)
            if not columns & {"source", "source_year"}:
                indicator.pop("data_source", None)
    if layout.staff == "table" and truth.get("staff"):
        for staff in truth["staff"]:
            staff["text"] = " ".join(c for c in staff_cells(staff) if c)
    return truth


def render(agreement: Json, layout: Layout) -> tuple[bytes, Json]:
    writer = Writer(layout)
    strategic = agreement["kind"] == "strategisk_samarbejdsaftale"
    _title(writer, agreement, strategic)
    if strategic:
        _strategic(writer, agreement)
    else:
        _sub_agreement(writer, agreement)
    return writer.save(), truth_of(agreement, layout)


def _title(writer: Writer, agreement: Json, strategic: bool) -> None:
    layout = writer.layout
    title = agreement.get("title") or (
        "Strategisk samarbejdsaftale om boligsocial indsats"
        if strategic
        else f"Delaftale for indsatsområdet {agreement.get('focus_area', '')}"
    )
    if layout.long_title:
        years = "-".join(
            (agreement.get("period") or {}).get(end, "")[:4] for end in ("start", "end")
        )
        title = f"{title} i den boligsociale helhedsplan {agreement.get('initiative', '')} {years}"
    if layout.header == "bold":
        run = writer.doc.add_paragraph().add_run(title)
        run.bold = True
        run.font.size = Pt(16)
    else:
        writer.doc.add_heading(title, level=0 if layout.header == "heading" else 1)
    if layout.furniture:
        short = agreement.get("initiative") or title
        kind = "Strategisk samarbejdsaftale" if strategic else agreement.get("focus_area", "")
        writer.furniture(f"{short} · {kind}", "Landsbyggefonden – boligsocial indsats")
    writer.guidance(
        writer.doc,
        "Vejledende tekst: teksten med grøn baggrund er skabelonens vejledning og slettes, "
        "når aftalen er udfyldt.",
    )


def _header_fields(writer: Writer, fields: list[tuple[str, str, Any]]) -> None:
    """Header fields: (label, guidance, value) where value is a str or a list of parties."""
    layout = writer.layout
    if layout.header == "table":
        plain = [f for f in fields if not (isinstance(f[2], list) and layout.parties == "table")]
        table = writer.table(len(plain), 2, [6, 11])
        for row, (label, guide, value) in zip(table.rows, plain, strict=True):
            fill(row.cells[0], [label], bold=True)
            shade(row.cells[0])
            cell = row.cells[1]
            if layout.guidance and guide:
                run = cell.paragraphs[0].add_run(guide)
                run.italic = True
                run.font.highlight_color = GUIDANCE_COLOUR
                cell.add_paragraph()
            if isinstance(value, list):
                if layout.parties in ("numbered", "bullets"):
                    if not cell.paragraphs[-1].text:
                        cell.paragraphs[-1]._p.getparent().remove(cell.paragraphs[-1]._p)
                    writer.items(cell, value, layout.parties)
                else:
                    fill(cell, value)
            else:
                fill(cell, [value])
        for label, guide, value in fields:
            if isinstance(value, list) and layout.parties == "table":
                writer.doc.add_paragraph()
                writer.label(label)
                writer.guidance(writer.doc, guide)
                _party_table(writer, value)
        return
    for label, guide, value in fields:
        writer.label(label)
        if not layout.guidance_after:
            writer.guidance(writer.doc, guide)
        if isinstance(value, list):
            if layout.parties == "table":
                _party_table(writer, value)
            else:
                writer.items(writer.doc, value, layout.parties)
        else:
            writer.doc.add_paragraph(value)
        if layout.guidance_after:
            writer.guidance(writer.doc, guide)


def _party_table(writer: Writer, parties: list[str]) -> None:
    table = writer.table(len(parties) + 1, 3)
    for cell, text in zip(table.rows[0].cells, ("Part", "Underskriver", "Dato"), strict=True):
        fill(cell, [text], bold=True)
        shade(cell)
    for index, party in enumerate(parties):
        cells = table.rows[index + 1].cells
        fill(cells[0], [party])
        fill(cells[1], [SIGNERS[index % len(SIGNERS)]])
        fill(cells[2], [""])


PARTIES_GUIDE = "(Navn på boligorganisation(er) og kommune(r))"


def _sub_agreement(writer: Writer, a: Json) -> None:
    layout, doc = writer.layout, writer.doc
    doc.add_paragraph(
        "Denne delaftale er et bilag til den strategiske samarbejdsaftale og beskriver, hvordan "
        "parterne arbejder sammen inden for indsatsområdet. Bestyrelsen sørger for, at "
        "delaftalen altid svarer til de aktiviteter, der faktisk gennemføres."
    )
    doc.add_paragraph(
        "Områdets problemkompleks for indsatsområdet er beskrevet i den strategiske aftale."
    )
    _header_fields(
        writer,
        [
            (
                "Navn på den boligsociale indsats, som delaftalen vedrører:",
                "(Vejledende tekst: skriv indsatsens navn, som det står i ansøgningen)",
                a.get("initiative", ""),
            ),
            (
                "Delaftalen gælder fra - til:",
                "(Vejledende tekst: aftalens første og sidste dag)",
                period_text(a.get("period") or {}, layout.date_style),
            ),
            ("Delaftalens parter:", PARTIES_GUIDE, list(a.get("parties") or [])),
        ],
    )
    writer.label("Delmål og indikatorer for indsatsområdet")
    doc.add_paragraph(
        "Delmålene er de konkrete skridt, indsatsområdet tager for at nå de overordnede mål i "
        "den strategiske samarbejdsaftale. Indikatorerne viser hvert år, om delmålene nås."
    )
    writer.guidance(doc, "Vejledende tekst: tilføj flere rækker i skemaet efter behov.")
    _goals(writer, a.get("goals") or [], "Delmål")
    if a.get("activity_names"):
        writer.label(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
            "understøtte opnåelsen af de overordnede mål jf. den strategiske "
            "samarbejdsaftale:"
        )
        writer.items(doc, list(a["activity_names"]), layout.activity_list)
    if a.get("staff"):
        writer.label("Medarbejderressourcer for indsatsområdet:")
        _staff(writer, a["staff"])
    if a.get("municipal_coherence"):
        writer.label("Sammenhæng med den kommunale indsats i boligområdet:")
        writer.paragraphs(doc, a["municipal_coherence"])
    if a.get("revision"):
        writer.label(
            "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til "
            "Landsbyggefonden, men fonden skal om nødvendigt til enhver tid kunne rekvirere "
            "ajourførte delaftaler):"
        )
        writer.paragraphs(doc, a["revision"])
    if a.get("activities"):
        if layout.page_break_before_sheets:
            writer.page_break()
        writer.label(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
            "(tilføj skemaer - ét skema pr. aktivitet):"
        )
        for activity in a["activities"]:
            _sheet(writer, activity)


def _strategic(writer: Writer, a: Json) -> None:
    layout, doc = writer.layout, writer.doc
    _header_fields(
        writer,
        [
            (
                "Områdets navn:",
                "(Vejledende tekst: boligområdets eller indsatsens navn)",
                a.get("initiative", ""),
            ),
            ("Aftalens parter:", PARTIES_GUIDE, list(a.get("parties") or [])),
            (
                "Samarbejdsaftalen gælder fra - til:",
                "(Vejledende tekst: aftalens første og sidste dag)",
                period_text(a.get("period") or {}, layout.date_style),
            ),
        ],
    )
    if layout.signatures and layout.parties != "table":
        writer.label("Underskrifter:")
        for party in a.get("parties") or []:
            doc.add_paragraph(party)
            doc.add_paragraph("Dato: ________________   Navn: ______________________________")
    writer.label("Aftaledokumenter")
    doc.add_paragraph(
        "Samarbejdsaftalen er grundlaget for den boligsociale indsats. Til aftalen hører en "
        "delaftale for hvert valgt indsatsområde, et budget, en beredskabsplan og en "
        "milepælsplan."
    )
    writer.label("1. Kort om boligområdet", level=1)
    if a.get("housing_areas"):
        doc.add_paragraph("Samarbejdsaftalen omfatter følgende boligområder:")
        _housing(writer, a["housing_areas"])
    for key, label in (
        ("vision", "2. Vision for boligområdet"),
        ("organisation", "3. Organisering"),
    ):
        writer.label(label, level=1)
        if a.get(key):
            writer.paragraphs(doc, a[key])
    writer.label("4. Samspil med centrale tiltag og indsatser i boligområdet", level=1)
    doc.add_paragraph(
        "Helhedsplanen samarbejder med kommunens øvrige indsatser i området og med de "
        "fysiske forandringer, som boligorganisationerne gennemfører i perioden."
    )
    writer.label("5. Overordnede mål og indikatorer for den boligsociale indsats", level=1)
    _goals(writer, a.get("goals") or [], "Mål")
    writer.label("6. Indsatsområder", level=1)
    for area in a.get("focus_areas") or []:
        writer.label(area["name"], level=2)
        writer.label("Problemkompleks for indsatsområdet", level=3)
        if area.get("problem_complex"):
            writer.paragraphs(doc, area["problem_complex"])
    writer.label("7. Lokal evaluering", level=1)
    if a.get("local_evaluation"):
        writer.paragraphs(doc, a["local_evaluation"])
    writer.label("8. Revision af samarbejdsaftalen", level=1)
    if a.get("revision"):
        writer.paragraphs(doc, a["revision"])


def _housing(writer: Writer, areas: list[Json]) -> None:
    def departments(area: Json) -> tuple[str, str]:
        by_org: dict[str, list[str]] = {}
        for d in area.get("departments") or []:
            by_org.setdefault(d.get("organisation") or "", []).append(str(d["number"]))
        parts = []
        for org, numbers in by_org.items():
            listed = (
                numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " og " + numbers[-1]
            )
            parts.append(f"afdeling {listed}" + (f" i {org}" if org else ""))
        return " og ".join(parts), " og ".join(o for o in by_org if o)

    if writer.layout.housing == "table":
        table = writer.table(len(areas) + 1, 3)
        for cell, text in zip(
            table.rows[0].cells, ("Boligområde", "Afdelinger", "Boligorganisation"), strict=True
        ):
            fill(cell, [text], bold=True)
            shade(cell)
        for row, area in zip(table.rows[1:], areas, strict=True):
            numbers = ", ".join(str(d["number"]) for d in area.get("departments") or [])
            fill(row.cells[0], [area["name"]])
            fill(row.cells[1], [numbers])
            fill(row.cells[2], [departments(area)[1]])
        return
    texts = [f"{area['name']} ({departments(area)[0]})" for area in areas]
    writer.items(writer.doc, texts, "bullets" if writer.layout.housing == "bullets" else "lines")


def _staff(writer: Writer, staff: list[Json]) -> None:
    layout = writer.layout
    if layout.staff == "table":
        table = writer.table(len(staff) + 1, 4)
        for cell, text in zip(
            table.rows[0].cells,
            ("Rolle", "Andel af fuldtid", "Timer pr. år", "Finansieret af"),
            strict=True,
        ):
            fill(cell, [text], bold=True)
            shade(cell)
        for row, line in zip(table.rows[1:], staff, strict=True):
            for cell, text in zip(row.cells, staff_cells(line), strict=True):
                fill(cell, [text])
        return
    writer.items(writer.doc, [s["text"] for s in staff], layout.staff)


def _groups(goal: Json, layout: Layout) -> list[list[Json]]:
    indicators = goal.get("indicators") or []
    if not indicators:
        return [[]]
    if (
        layout.indicators_in_one_cell
        and len(indicators) > 1
        and all(len(i.get("baselines") or []) == 1 for i in indicators)
        and len({len(i.get("comparators") or []) for i in indicators}) == 1
        and all(len(i.get("comparators") or []) <= 1 for i in indicators)
    ):
        return [indicators]
    return [[i] for i in indicators]


def _cell_texts(column: str, group: list[Json], layout: Layout, row_index: int) -> list[str]:
    def per_indicator(key: str) -> list[str]:
        values = [str(i[key]) for i in group if i.get(key) not in (None, "")]
        if len(set(values)) == 1:
            return values[:1]
        return values

    if column == "indicator":
        return [i["text"] for i in group]
    if column == "baseline":
        return [
            line
            for i in group
            for m in i.get("baselines") or []
            for line in measure_lines(m, layout.scope_own_line)
        ]
    if column in ("comparator", "comparator_municipality"):
        return [
            line
            for i in group
            for m in i.get("comparators") or []
            for line in measure_lines(m, layout.scope_own_line)
        ]
    if column == "year":
        return per_indicator("baseline_year")
    if column == "source":
        return per_indicator("data_source")
    if column == "source_year":
        pairs = []
        for i in group:
            text = i.get("data_source") or ""
            if i.get("baseline_year"):
                text = f"{text} ({i['baseline_year']})".strip()
            if text and text not in pairs:
                pairs.append(text)
        return pairs
    if column == "note":
        return [NOTES[row_index % len(NOTES)]]
    return []


def _goal_table(
    writer: Writer, goals: list[Json], columns: tuple[str, ...], goal_word: str
) -> None:
    layout = writer.layout
    rows: list[tuple[int, list[Json]]] = []
    for index, goal in enumerate(goals):
        for group in _groups(goal, layout):
            rows.append((index, group))
    table = writer.table(len(rows) + 1, len(columns), [WIDTHS[c] for c in columns])
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        header = goal_word if column == "goal" else COLUMN_HEADERS[column]
        fill(cell, [header], bold=True)
        shade(cell)
    if layout.repeat_header:
        repeat_header(table)
    first_row: dict[int, int] = {}
    for row_number, (goal_index, group) in enumerate(rows, start=1):
        cells = table.rows[row_number].cells
        for cell, column in zip(cells, columns, strict=True):
            if column == "goal":
                if goal_index not in first_row:
                    first_row[goal_index] = row_number
                    fill(cell, [goals[goal_index]["text"]])
                continue
            fill(cell, _cell_texts(column, group, layout, row_number))
    for paragraph in (p for row in table.rows for c in row.cells for p in c.paragraphs):
        for run in paragraph.runs:
            run.font.size = Pt(9)
    if layout.merge_goal and "goal" in columns:
        col = columns.index("goal")
        for goal_index, start in first_row.items():
            end = max(r for r, (g, _) in enumerate(rows, start=1) if g == goal_index)
            if end > start:
                top = table.cell(start, col)
                top.merge(table.cell(end, col))
                for extra in top.paragraphs[1:]:
                    if not extra.text:
                        extra._p.getparent().remove(extra._p)


def _goals(writer: Writer, goals: list[Json], goal_word: str) -> None:
    layout = writer.layout
    if layout.goals == "table":
        columns = layout.columns if "goal" in layout.columns else ("goal", *layout.columns)
        _goal_table(writer, goals, columns, goal_word)
        return
    columns = tuple(c for c in layout.columns if c != "goal")
    num_id = writer.new_list("List Number") if layout.goals == "numbered-list" else 0
    for index, goal in enumerate(goals, start=1):
        if layout.goals == "numbered-list":
            paragraph = writer.list_item(writer.doc, "", "List Number", num_id)
            paragraph.add_run(goal["text"]).bold = True
        else:
            paragraph = writer.doc.add_paragraph()
            paragraph.add_run(f"{goal_word} {index}: ").bold = True
            paragraph.add_run(goal["text"])
        _goal_table(writer, [goal], columns, goal_word)
        writer.doc.add_paragraph()


def _sheet(writer: Writer, activity: Json) -> None:
    layout, doc = writer.layout, writer.doc
    fields = []
    for key, label in SHEET_FIELDS:
        if activity.get(key) in (None, "", []):
            continue
        if key == "name" and layout.typos:
            label = "Aktivitsnavn"
        fields.append((key, label, activity[key]))
    if layout.activities == "headings":
        doc.add_heading(activity["name"], level=2)
        for key, label, value in fields:
            if key == "name":
                continue
            doc.add_heading(label, level=3)
            _sheet_value(writer, doc, key, value)
        return
    if layout.activities == "labels":
        for key, label, value in fields:
            run = doc.add_paragraph().add_run(label + ":")
            run.bold = True
            _sheet_value(writer, doc, key, value)
        doc.add_paragraph()
        return
    if layout.activities == "table2":
        table = writer.table(len(fields), 2, [4, 13])
        for row, (key, label, value) in zip(table.rows, fields, strict=True):
            fill(row.cells[0], [label + ":"], bold=True)
            shade(row.cells[0])
            _sheet_value(writer, row.cells[1], key, value)
        doc.add_paragraph()
        return
    # one column, shaded label rows
    table = writer.table(2 * len(fields), 1)
    for index, (key, label, value) in enumerate(fields):
        label_cell = table.rows[2 * index].cells[0]
        fill(label_cell, [label], bold=True)
        shade(label_cell)
        _sheet_value(writer, table.rows[2 * index + 1].cells[0], key, value)
    doc.add_paragraph()


def _sheet_value(writer: Writer, container: Any, key: str, value: Any) -> None:
    in_cell = isinstance(container, _Cell)
    empty_first = in_cell and not container.paragraphs[0].text
    if key == "goals":
        writer.items(container, [str(v) for v in value], "bullets")
    elif key == "name":
        container.add_paragraph(str(value))
    else:
        writer.paragraphs(container, value)
    if empty_first and len(container.paragraphs) > 1:
        first = container.paragraphs[0]
        first._p.getparent().remove(first._p)
