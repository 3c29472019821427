"""Families written for layouts none of the others had (session 6, issue 8): each is a way a
plan could fill in the template that neither `corpus/layouts.py` nor the other hand-written
families show.

- `span-header`: the header fields in a cover table with a logo cell spanning its rows and the
  agreement's name in the Word page header; the goal table's header spans two rows
  (»Baseline« over »Boligområdet | Kommunen | År«, »Mål« over two target years) with each
  delmål a row of its own (»Delmål 1« | text) above its indicators numbered »1.1«, »1.2«.
- `prose-goals`: every indicator written as prose with its figures inline (»Udgangspunktet
  er … (2011). Til sammenligning … Kilde: …«); the activities as numbered sub-headings
  (»4.2.1 Lektiecafé«) with bold inline labels; the staff as one sentence.
- `placeholders`: a form template whose content controls still show their placeholder text
  (»Klik eller tryk her for at skrive tekst.«) where the plan left a field empty: a spare
  party line, the »Evt. anden baseline« cells, whole sections; the header in a cover table
  with a logo cell.
- `odt-frames`: an ODT with the header fields in a frame on the first page, the prose in a
  two-column section, the delmål and indicators as numbered paragraphs and their figures in
  a separate baseline table linked by indicator number, older template wording
  (»Projektperiode«, »Målsætninger og succeskriterier«), the parties only in the signature
  table at the end; printed to PDF by LibreOffice.
- `weasy-columns`: HTML made by a document system (definition lists for the activity sheets,
  a goal table with rowspan/colspan header cells, CSS columns for the prose), printed by
  WeasyPrint in two columns.
"""

from __future__ import annotations

from html import escape as html_escape
from xml.sax.saxutils import escape

from corpus.foreign import handmade, wml
from corpus.foreign.families import (
    INTRO,
    SHEET,
    Json,
    bold_heading,
    closing_parts,
    long_date,
    measure_text,
    number,
    sentences,
    sheet_rows,
    truth_of,
)
from corpus.foreign.wml import Cell, cell_of, para, run, table

PLACEHOLDER = "Klik eller tryk her for at skrive tekst."


def _figures(measures: list[Json] | None, joiner: str = "\n") -> str:
    return joiner.join(measure_text(m) for m in measures or [])


def _target(indicator: Json, years: int) -> str:
    """A made-up target a plan would put in »Mål« columns (not part of the truth)."""
    for m in indicator.get("baselines") or []:
        if m.get("percent") is not None:
            return f"{number(round(m['percent'] + 2 * years))} %"
        if m.get("count") is not None:
            return number(round(m["count"] * (1 + 0.05 * years)))
    return ""


# -- span-header ------------------------------------------------------------------------------
def _cover(a: Json, *, logo: str = "LOGO") -> str:
    period = a["period"]
    rows = [
        [
            Cell([para(run(logo, bold=True, size=40), align="center")], vmerge="restart"),
            cell_of("Helhedsplan", bold=True),
            cell_of(a["initiative"]),
        ],
        [
            Cell([para()], vmerge="continue"),
            cell_of("Indsatsområde", bold=True),
            cell_of(a.get("focus_area") or ""),
        ],
        [
            Cell([para()], vmerge="continue"),
            cell_of("Aftaleperiode", bold=True),
            cell_of(f"{long_date(period['start'])} til {long_date(period['end'])}"),
        ],
    ]
    return table(rows, widths=[2000, 2400, 5200])


def span_header(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Calibri", header_text=a["title"], footer_text="Side")
    start = int(a["period"]["start"][:4])
    body: list[str] = [_cover(a), para(), para(run(a["title"], bold=True, size=32)), para(INTRO)]
    body.append(para(run("Parter", bold=True, size=26)))
    body.append(para("Følgende parter står bag delaftalen:"))
    body.extend(para(run(p), num=(wml.BULLETS, 0)) for p in a["parties"])
    body.append(para(run("Mål og indikatorer", bold=True, size=26)))
    top = [
        Cell([para(run("Nr.", bold=True))], vmerge="restart", shade="DDEBF7"),
        Cell([para(run("Indikator", bold=True))], vmerge="restart", shade="DDEBF7"),
        Cell([para(run("Baseline", bold=True), align="center")], span=3, shade="DDEBF7"),
        Cell([para(run("Datakilde", bold=True))], vmerge="restart", shade="DDEBF7"),
        Cell([para(run("Mål", bold=True), align="center")], span=2, shade="DDEBF7"),
    ]
    second = [
        Cell([para()], vmerge="continue", shade="DDEBF7"),
        Cell([para()], vmerge="continue", shade="DDEBF7"),
        cell_of("Boligområdet", bold=True, shade="DDEBF7"),
        cell_of("Kommunen", bold=True, shade="DDEBF7"),
        cell_of("År", bold=True, shade="DDEBF7"),
        Cell([para()], vmerge="continue", shade="DDEBF7"),
        cell_of(str(start + 1), bold=True, shade="DDEBF7"),
        cell_of(str(start + 3), bold=True, shade="DDEBF7"),
    ]
    rows = [top, second]
    for g, goal in enumerate(a["goals"], 1):
        rows.append(
            [
                cell_of(f"Delmål {g}", bold=True, shade="F2F2F2"),
                cell_of(goal["text"], bold=True, span=7, shade="F2F2F2"),
            ]
        )
        for i, indicator in enumerate(goal["indicators"], 1):
            rows.append(
                [
                    cell_of(f"{g}.{i}"),
                    cell_of(indicator["text"]),
                    cell_of(_figures(indicator.get("baselines"))),
                    cell_of(_figures(indicator.get("comparators"))),
                    cell_of(str(indicator.get("baseline_year") or "")),
                    cell_of(indicator.get("data_source") or ""),
                    cell_of(_target(indicator, 1)),
                    cell_of(_target(indicator, 3)),
                ]
            )
    body.append(table(rows, header_rows=2, widths=[700, 2500, 1300, 1300, 600, 1500, 850, 850]))
    body.extend(closing_parts(a, bold_heading(26), sheets_title="Aktivitetsbeskrivelser"))
    for activity in a.get("activities") or []:
        body.append(table(sheet_rows(activity, "Aktivitet", "DDEBF7"), widths=[2600, 7000]))
        body.append(para())
    return package.save("".join(body), wml.sect_pr(header=True)), truth_of(a)


# -- prose-goals ------------------------------------------------------------------------------
def _scoped(measure: Json) -> str:
    """»38 % i Toftegården« for a scoped figure, the figure alone otherwise."""
    scope, text = measure.get("scope"), measure["text"]
    if scope and text.lower().startswith(scope.lower() + ":"):
        return f"{text[len(scope) + 1 :].strip()} i {scope}"
    return text


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def indicator_prose(indicator: Json) -> str:
    text = indicator["text"].rstrip(".") + "."
    parts = [text]
    baselines = [_scoped(m) for m in indicator.get("baselines") or []]
    year = indicator.get("baseline_year")
    if baselines:
        when = f" ({year})" if year else ""
        parts.append(f"Udgangspunktet er {_and(baselines)}{when}.")
    elif year:
        parts.append(f"Udgangspunktet opgøres i {year}.")
    comparators = [_scoped(m) for m in indicator.get("comparators") or []]
    if comparators:
        parts.append(f"Til sammenligning er tallet {_and(comparators)}.")
    if indicator.get("data_source"):
        parts.append(f"Kilde: {indicator['data_source']}.")
    return " ".join(parts)


def staff_prose(staff: list[Json]) -> str:
    return "Indsatsen bemandes med " + _and([s["text"] for s in staff]) + "."


def prose_goals(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Garamond")
    period = a["period"]
    body: list[str] = [
        para(a["title"], style="Titel"),
        para(
            run("Delaftalen hører under ")
            + run(a["initiative"], bold=True)
            + run(f" og gælder fra {long_date(period['start'])} til {long_date(period['end'])}.")
        ),
        para("1 Parter", style="Overskrift1"),
    ]
    body.extend(para(run(p), num=(wml.BULLETS, 0)) for p in a["parties"])
    body.append(para("2 Delmål og indikatorer", style="Overskrift1"))
    for g, goal in enumerate(a["goals"], 1):
        body.append(para(f"2.{g} Delmål: {goal['text']}", style="Overskrift2"))
        for i, indicator in enumerate(goal["indicators"], 1):
            body.append(
                para(run(f"Indikator {g}.{i}: ", bold=True) + run(indicator_prose(indicator)))
            )
    body.append(para("3 Aktiviteter", style="Overskrift1"))
    body.append(para("Delmålene nås gennem disse aktiviteter:"))
    body.extend(para(run(n), num=(wml.BULLETS, 0)) for n in a.get("activity_names") or [])
    if a.get("staff"):
        body.append(para("Medarbejderressourcer", style="Overskrift2"))
        body.append(para(staff_prose(a["staff"])))
    for key, title in (
        ("municipal_coherence", "Sammenhæng med den kommunale indsats"),
        ("revision", "Revision"),
    ):
        if a.get(key):
            body.append(para(title, style="Overskrift2"))
            body.extend(para(piece) for piece in sentences(a[key], 3))
    body.append(para("4 Beskrivelse af aktiviteterne", style="Overskrift1"))
    body.append(para("4.1 Aktiviteter under delaftalen", style="Overskrift2"))
    for n, activity in enumerate(a.get("activities") or [], 1):
        body.append(para(f"4.1.{n} {activity['name']}", style="Overskrift3"))
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            if isinstance(value, list):
                body.append(para(run(f"{label}:", bold=True)))
                body.extend(para(run(v), num=(wml.NUMBERS, 0)) for v in value)
            else:
                body.append(para(run(f"{label}: ", bold=True) + run(value)))
    truth = truth_of(a)
    return package.save("".join(body), wml.sect_pr()), truth


# -- placeholders -----------------------------------------------------------------------------
def _placeholder_run(alias: str) -> str:
    """A content control still showing its placeholder (w:showingPlcHdr, grey text)."""
    wml._SDT_ID[0] += 1
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:id w:val="{wml._SDT_ID[0]}"/>'
        '<w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="Pladsholdertekst"/>'
        f'<w:color w:val="808080"/></w:rPr><w:t>{escape(PLACEHOLDER)}</w:t></w:r>'
        "</w:sdtContent></w:sdt>"
    )


def _field(value: str, alias: str) -> str:
    return wml.sdt_run(value, alias) if value else _placeholder_run(alias)


def placeholders(a: Json) -> tuple[bytes, Json]:
    """Left empty (and so out of the truth): a spare party line, the comparators where an
    indicator has none, the revision section, every activity's »Ansvars- og rollefordeling«
    after the first."""
    package = wml.Package(fonts="Arial")
    truth = truth_of(a)
    truth.pop("revision", None)
    body: list[str] = [_cover(a, logo="[logo]"), para()]
    body.append(para(wml.sdt_run(a["title"], "Titel", bold=True), style="Titel"))
    body.append(para(run("Delaftalens parter:", bold=True)))
    for p in a["parties"]:
        body.append(para(wml.sdt_run(p, "Part"), num=(wml.BULLETS, 0)))
    body.append(para(_placeholder_run("Part"), num=(wml.BULLETS, 0)))
    body.append(para(run("Delmål og indikatorer for indsatsområdet", bold=True, size=26)))
    headers = (
        "Delmål",
        "Indikator",
        "Baseline boligområde/ målgruppe",
        "Evt. anden baseline",
        "Baseline år",
        "Datakilde",
    )
    rows = [[cell_of(h, bold=True, shade="D9E2F3") for h in headers]]
    for goal in a["goals"]:
        for index, indicator in enumerate(goal["indicators"]):
            goal_cell = Cell(
                [para(wml.sdt_run(goal["text"], "Delmål"))] if index == 0 else [para()],
                vmerge=("restart" if index == 0 else "continue")
                if len(goal["indicators"]) > 1
                else None,
            )
            values = (
                indicator["text"],
                _figures(indicator.get("baselines")).replace("\n", "; "),
                _figures(indicator.get("comparators")).replace("\n", "; "),
                str(indicator.get("baseline_year") or ""),
                indicator.get("data_source") or "",
            )
            rows.append([goal_cell] + [Cell([para(_field(v, "Felt"))]) for v in values])
    body.append(table(rows, header_rows=1, widths=[1900, 2100, 1700, 1500, 800, 1600]))
    body.append(para(run("Aktiviteter:", bold=True)))
    for name in a.get("activity_names") or []:
        body.append(para(wml.sdt_run(name, "Aktivitet"), num=(wml.NUMBERS, 0)))
    body.append(para(run("Medarbejderressourcer for indsatsområdet:", bold=True)))
    for s in a.get("staff") or []:
        body.append(para(wml.sdt_run(s["text"], "Medarbejder")))
    body.append(para(run("Sammenhæng med den kommunale indsats i boligområdet:", bold=True)))
    for piece in sentences(a.get("municipal_coherence"), 3) or [""]:
        body.append(para(_field(piece, "Sammenhæng")))
    body.append(para(run("Revision af delaftalen:", bold=True)))
    body.append(para(_placeholder_run("Revision")))
    body.append(wml.page_break())
    body.append(para(run("Skema til beskrivelse af aktiviteter", bold=True, size=26)))
    truth_activities = truth.get("activities") or []
    for n, activity in enumerate(a.get("activities") or []):
        sheet = [
            [
                cell_of("Aktivitetsnavn", bold=True, shade="E7E6E6"),
                Cell([para(wml.sdt_run(activity["name"], "Navn"))]),
            ]
        ]
        for key, label in SHEET:
            value = activity.get(key)
            if key == "responsibilities" and n > 0:
                value = None
                if n < len(truth_activities):
                    truth_activities[n].pop(key, None)
            if isinstance(value, list) and value:
                blocks = [para(wml.sdt_run(v, label), num=(wml.BULLETS, 0)) for v in value]
            else:
                blocks = [para(_field(value or "", label))]
            sheet.append([cell_of(label, bold=True, shade="E7E6E6"), Cell(blocks)])
        body.append(table(sheet, widths=[2800, 6800]))
        body.append(para())
    return package.save("".join(body), wml.sect_pr()), truth


# -- odt-frames -------------------------------------------------------------------------------
_p = handmade._p
_odf_text = handmade._odf_text


def _bold(label: str, value: str) -> str:
    return (
        f'<text:p text:style-name="P1"><text:span text:style-name="T1">{escape(label)}'
        f"</text:span> {_odf_text(value)}</text:p>"
    )


def _ocell(content: str, *, header: bool = False, span: int = 1) -> str:
    cols = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    style = "A1" if header else "A2"
    covered = "<table:covered-table-cell/>" * (span - 1)
    return (
        f'<table:table-cell table:style-name="{style}" office:value-type="string"{cols}>'
        f"{content}</table:table-cell>{covered}"
    )


def _otable(name: str, columns: int, rows: list[list[str]], header: list[str]) -> str:
    head = "".join(
        _ocell(f'<text:p text:style-name="P3">{escape(h)}</text:p>', header=True) for h in header
    )
    body = "".join(f"<table:table-row>{''.join(r)}</table:table-row>" for r in rows)
    return (
        f'<table:table table:name="{name}" table:style-name="Tabel1">'
        f'<table:table-column table:number-columns-repeated="{columns}"/>'
        f"<table:table-header-rows><table:table-row>{head}</table:table-row>"
        f"</table:table-header-rows>{body}</table:table>"
    )


def _section(name: str, inner: str) -> str:
    return f'<text:section text:style-name="Sect2" text:name="{name}">{inner}</text:section>'


_FRAME_STYLES = (
    '<style:style style:name="Sect2" style:family="section"><style:section-properties>'
    '<style:columns fo:column-count="2" fo:column-gap="0.6cm"/></style:section-properties>'
    "</style:style>"
    '<style:style style:name="fr1" style:family="graphic"><style:graphic-properties '
    'style:wrap="none" style:vertical-pos="top" style:horizontal-pos="center" '
    'fo:border="0.06pt solid #000000" fo:padding="0.2cm"/></style:style>'
)


def odt_frames(a: Json) -> tuple[bytes, Json]:
    period = a["period"]
    frame = (
        '<text:p text:style-name="Standard"><draw:frame draw:style-name="fr1" '
        'draw:name="Ramme1" text:anchor-type="paragraph" svg:width="17cm" draw:z-index="0">'
        '<draw:text-box fo:min-height="3cm">'
        + _bold("Projektets navn:", a["initiative"])
        + _bold("Indsatsområde:", a.get("focus_area") or "")
        + _bold(
            "Projektperiode:",
            f"{long_date(period['start'])} – {long_date(period['end'])}",
        )
        + "</draw:text-box></draw:frame></text:p>"
    )
    parts: list[str] = [
        frame,
        _p(a["title"], "Title"),
        _section("Indledning", _p(INTRO)),
        handmade._h("Målsætninger og succeskriterier", 1),
    ]
    baseline_rows: list[list[str]] = []
    for g, goal in enumerate(a["goals"], 1):
        parts.append(_bold(f"Målsætning {g}:", goal["text"]))
        for i, indicator in enumerate(goal["indicators"], 1):
            parts.append(_p(f"Succeskriterie {g}.{i}: {indicator['text']}", "P2"))
            baseline_rows.append(
                [
                    _ocell(_p(f"{g}.{i}")),
                    _ocell(
                        "".join(_p(t) for t in _figures(indicator.get("baselines")).split("\n"))
                    ),
                    _ocell(
                        "".join(_p(t) for t in _figures(indicator.get("comparators")).split("\n"))
                    ),
                    _ocell(_p(str(indicator.get("baseline_year") or ""))),
                    _ocell(_p(indicator.get("data_source") or "")),
                ]
            )
    parts.append(handmade._h("Udgangspunkt for succeskriterierne", 2))
    parts.append(
        _otable(
            "Udgangspunkt",
            5,
            baseline_rows,
            ["Nr.", "Udgangspunkt", "Sammenligning", "Opgjort år", "Kilde"],
        )
    )
    parts.append(handmade._h("Aktiviteter", 1))
    parts.append(handmade._list(a.get("activity_names") or [], numbered=True))
    if a.get("staff"):
        parts.append(handmade._h("Bemanding", 1))
        parts.append(handmade._list([s["text"] for s in a["staff"]]))
    for key, title in (
        ("municipal_coherence", "Sammenhæng med kommunens indsats"),
        ("revision", "Revision af aftalen"),
    ):
        if a.get(key):
            parts.append(handmade._h(title, 1))
            parts.append(_section(title, "".join(_p(s) for s in sentences(a[key], 3))))
    parts.append('<text:p text:style-name="PageBreak"/>')
    parts.append(handmade._h("Projektbeskrivelser", 1))
    for activity in a.get("activities") or []:
        parts.append(handmade._h(activity["name"], 2))
        inner: list[str] = []
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            if isinstance(value, list):
                inner.append(_bold(label + ":", ""))
                inner.append(handmade._list(value))
            else:
                inner.append(_bold(label + ":", value))
        parts.append(_section(activity["name"], "".join(inner)))
    parts.append(handmade._h("Underskrifter", 1))
    rows = [[_ocell(_p(p)), _ocell(_p("")), _ocell(_p(""))] for p in a["parties"]]
    parts.append(_otable("Underskrifter", 3, rows, ["Part", "Underskrift", "Dato"]))
    return handmade._odt_package("".join(parts), extra_styles=_FRAME_STYLES), truth_of(a)


# -- weasy-columns ----------------------------------------------------------------------------
_CSS = """
@page { size: A4; margin: 2cm 1.8cm; }
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; }
.cols { column-count: 2; column-gap: 0.8cm; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 0.5pt solid #444; padding: 3pt; vertical-align: top; }
th { background: #e8eef4; }
dl { margin: 0 0 1em 0; } dt { font-weight: bold; margin-top: 0.4em; } dd { margin: 0; }
.meta td { border: none; padding: 1pt 6pt 1pt 0; }
"""


def weasy_columns(a: Json) -> tuple[str, Json]:
    def e(text: str) -> str:
        return html_escape(text, quote=False)

    period = a["period"]
    out: list[str] = [
        f"<!DOCTYPE html><html lang='da'><head><meta charset='utf-8'><title>{e(a['title'])}"
        f"</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(a['title'])}</h1>",
        "<table class='meta'>",
        f"<tr><td><b>Helhedsplan</b></td><td>{e(a['initiative'])}</td></tr>",
        "<tr><td><b>Gyldighed</b></td>"
        f"<td>{e(long_date(period['start']))} – {e(long_date(period['end']))}</td></tr>",
        "</table>",
        "<h2>Parterne bag delaftalen</h2><ul>",
        *[f"<li>{e(p)}</li>" for p in a["parties"]],
        "</ul>",
        "<h2>Delmål og indikatorer</h2>",
        "<table><thead><tr><th rowspan='2'>Delmål</th><th rowspan='2'>Indikator</th>"
        "<th colspan='3'>Baseline</th><th rowspan='2'>Datakilde</th></tr>"
        "<tr><th>Målgruppe</th><th>Anden baseline</th><th>År</th></tr></thead><tbody>",
    ]
    for goal in a["goals"]:
        n = len(goal["indicators"])
        for index, indicator in enumerate(goal["indicators"]):
            cells = []
            if index == 0:
                span = f" rowspan='{n}'" if n > 1 else ""
                cells.append(f"<td{span}>{e(goal['text'])}</td>")
            cells.append(f"<td>{e(indicator['text'])}</td>")
            for key in ("baselines", "comparators"):
                cells.append(
                    "<td>"
                    + "<br>".join(e(measure_text(m)) for m in indicator.get(key) or [])
                    + "</td>"
                )
            cells.append(f"<td>{indicator.get('baseline_year') or ''}</td>")
            cells.append(f"<td>{e(indicator.get('data_source') or '')}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    out.append("<div class='cols'>")
    out.append("<h2>Aktiviteter</h2><ol>")
    out.extend(f"<li>{e(n)}</li>" for n in a.get("activity_names") or [])
    out.append("</ol>")
    if a.get("staff"):
        out.append("<h2>Medarbejderressourcer</h2><ul>")
        out.extend(f"<li>{e(s['text'])}</li>" for s in a["staff"])
        out.append("</ul>")
    for key, title in (
        ("municipal_coherence", "Sammenhæng med den kommunale indsats i boligområdet"),
        ("revision", "Revision af delaftalen"),
    ):
        if a.get(key):
            out.append(f"<h2>{title}</h2>")
            out.extend(f"<p>{e(s)}</p>" for s in sentences(a[key], 3))
    out.append("</div>")
    out.append("<h2 style='page-break-before: always'>Aktivitetsbeskrivelser</h2>")
    out.append("<div class='cols'>")
    for activity in a.get("activities") or []:
        out.append(f"<h3>{e(activity['name'])}</h3><dl>")
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            out.append(f"<dt>{e(label)}</dt>")
            if isinstance(value, list):
                out.append("<dd><ul>" + "".join(f"<li>{e(v)}</li>" for v in value) + "</ul></dd>")
            else:
                out.append(f"<dd>{e(value)}</dd>")
        out.append("</dl>")
    out.append("</div></body></html>")
    return "\n".join(out), truth_of(a)


# Every hand-written family: the earlier ones (handmade.py, families.py) and these.
DOCX_FAMILIES = {
    **handmade.DOCX_FAMILIES,
    "span-header": span_header,
    "prose-goals": prose_goals,
    "placeholders": placeholders,
}
ODT_FAMILIES = {**handmade.ODT_FAMILIES, "odt-frames": odt_frames}
HTML_FAMILIES = {**handmade.HTML_FAMILIES, "weasy-columns": weasy_columns}
FAMILY_KINDS = handmade.FAMILY_KINDS
LEGACY_FORMATS = handmade.LEGACY_FORMATS
DESCRIPTIONS = {
    **handmade.DESCRIPTIONS,
    "span-header": "cover table with logo cell, page header, two-row goal table header",
    "prose-goals": "indicators as prose with inline figures; x.y.z sheet headings; staff prose",
    "placeholders": "content controls still showing »Klik eller tryk her…« placeholders",
    "odt-frames": "ODT: header in a frame, two-column sections, baseline table by number",
    "weasy-columns": "HTML dl sheets, rowspan/colspan goal header, CSS columns (WeasyPrint)",
}
