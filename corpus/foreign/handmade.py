"""More families written the way koordinatorer fill in LBF's templates by hand, each a layout
our importer had not met when it was written (see families.py for the first ones):

- `strategic-numbered`: the strategic agreement (helhedsplan level) with Word's heading styles
  numbered by hand ("6 Overordnede mål og indikatorer", "7.2 Beskæftigelse"), parties in a
  signature table, housing areas in a table, »Aftalens løbetid« in a sentence, the overall
  goals in a table with other column names (»Udgangspunkt i kommunen«, »Opgjort år«), an
  economy section with a budget table and a list of attachments after the template's parts.
- `one-table`: the whole delaftale in one big two-column layout table: the labels in the
  shaded left margin column, each delmål and indikator as rows of their own (»Delmål 1« |
  …, »Indikator 1.1« | …, »Baseline« | …), the activity sheets as rows under a caption row;
  also saved by LibreOffice as Word 97 (.doc) and RTF, as plans still send them.
- `goal-bullets`: numbered headings (»3.2 Delmål 2 – …«), the indicators as bullets
  (»Tegn på forandring: …«) with their figures as sub-bullets (»Baseline: …«); the
  period written »fra 1. januar 2023 til og med 31. december 2026« or »2023–2026«; sheets with
  other labels (»Målsætning«, »Succeskriterier«, »Målgruppe«, »Sådan gør vi«, »Ansvarlig«)
  and a »Milepæle« part the template does not have.
- `activity-columns`: the activity sheets as a landscape table, one column per activity and
  the sheet's labels down the first column; the goal table with »Målsætning« and »Tegn på
  forandring« columns; the period »jan. 2023 – dec. 2026«.
- `odt-native`: an ODT written the way LibreOffice writes it (content.xml by hand: outline
  headings, automatic bold text styles, soft line breaks, lists, a goal cell spanning rows
  with covered cells, repeated header rows), not converted from DOCX; printed to PDF.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

from corpus.foreign import families as first
from corpus.foreign import wml
from corpus.foreign.families import (
    INTRO,
    SCORED,
    SHEET,
    Json,
    long_date,
    measure_text,
    sentences,
    truth_of,
)
from corpus.foreign.wml import Cell, cell_of, para, run, table
from lib.danish import MONTH_NAMES

STRATEGIC = ("strategisk_samarbejdsaftale",)
STRATEGIC_SCORED = (
    *SCORED,
    "housing_areas",
    "vision",
    "organisation",
    "focus_areas",
    "local_evaluation",
)


def strategic_truth(agreement: Json) -> Json:
    keys = [k for k in STRATEGIC_SCORED if k in agreement]
    truth = truth_of(agreement)
    truth.update({k: agreement[k] for k in keys if k not in truth})
    return truth


# -- how koordinatorer write the period -------------------------------------------------------
def _whole_months(period: Json) -> bool:
    start = dt.date.fromisoformat(period["start"])
    end = dt.date.fromisoformat(period["end"])
    return start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]


def _whole_years(period: Json) -> bool:
    return period["start"][5:] == "01-01" and period["end"][5:] == "12-31"


def short_month(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{MONTH_NAMES[day.month - 1][:3]}. {day.year}"


def written_period(period: Json, style: str) -> str:
    """The period as people write it: `long` (»1. januar 2023 – 31. december 2026«),
    `through` (»fra … til og med …«), `months` (»jan. 2023 – dec. 2026«) or `years`
    (»2023–2026«); a style the dates do not allow falls back to `long`."""
    start, end = period["start"], period["end"]
    if style == "years" and _whole_years(period):
        return f"{start[:4]}\u2013{end[:4]}"
    if style == "months" and _whole_months(period):
        return f"{short_month(start)} \u2013 {short_month(end)}"
    if style == "through":
        return f"fra {long_date(start)} til og med {long_date(end)}"
    return f"{long_date(start)} \u2013 {long_date(end)}"


def _figures(measures: list[Json] | None) -> str:
    return "\n".join(measure_text(m) for m in measures or [])


def _plain_cells(indicator: Json) -> list[str]:
    """An indicator's cells beside its delmål: text, baselines, comparators, year, source."""
    return [
        indicator["text"],
        _figures(indicator.get("baselines")),
        _figures(indicator.get("comparators")),
        str(indicator.get("baseline_year") or ""),
        indicator.get("data_source") or "",
    ]


def goal_rows(
    goals: list[Json],
    headers: tuple[str, ...],
    shade: str,
    cells: Callable[[Json], list[str]] = _plain_cells,
    *,
    merge: bool = False,
) -> list[list[Cell]]:
    """A goal table's rows: a shaded bold header, then one row per indicator with its delmål
    in the first cell (on its first row only; `merge`: as a cell merged down its rows)."""
    rows = [[cell_of(h, bold=True, shade=shade) for h in headers]]
    for goal in goals:
        for index, indicator in enumerate(goal["indicators"]):
            goal_cell = cell_of(goal["text"] if index == 0 else "")
            if merge and len(goal["indicators"]) > 1:
                goal_cell.vmerge = "restart" if index == 0 else "continue"
            rows.append([goal_cell, *(cell_of(t) for t in cells(indicator))])
    return rows


# -- strategic-numbered -----------------------------------------------------------------------
_BUDGET = (
    ("Medarbejdere", (1_450_000, 1_480_000, 1_510_000, 1_540_000)),
    ("Aktiviteter", (310_000, 320_000, 300_000, 280_000)),
    ("Administration og revision", (95_000, 95_000, 97_000, 99_000)),
    ("Lokal evaluering", (40_000, 40_000, 60_000, 40_000)),
)


def _kroner(value: int) -> str:
    from lib.danish import format_number

    return format_number(value)


def strategic_numbered(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Calibri", header_text=a["initiative"], footer_text="Side")
    period = a["period"]
    start_year = int(period["start"][:4])
    h1 = 0

    def heading(text: str, level: int = 1) -> str:
        nonlocal h1
        if level == 1:
            h1 += 1
            text = f"{h1} {text}"
        return para(text, style=f"Overskrift{level}", keep_next=True)

    body: list[str] = [
        para(a["title"], style="Titel"),
        para(run("for den boligsociale helhedsplan ", size=28) + run(a["initiative"], size=28)),
        para(run("Godkendt af bestyrelsen og indsendt til Landsbyggefonden.", italic=True)),
        heading("Aftalens parter"),
        para("Samarbejdsaftalen er indgået mellem følgende parter:"),
    ]
    rows = [[cell_of(h, bold=True, shade="DEEAF6") for h in ("Part", "Underskrift", "Dato")]]
    rows += [[cell_of(p), cell_of(""), cell_of("")] for p in a["parties"]]
    body.append(table(rows, header_rows=1, widths=[4800, 3000, 1800]))
    body.append(heading("Aftalens løbetid"))
    body.append(
        para(
            f"Aftalen løber fra {long_date(period['start'])} til {long_date(period['end'])} "
            "og kan forlænges efter aftale med Landsbyggefonden."
        )
    )
    if a.get("housing_areas"):
        body.append(heading("Boligområder og afdelinger"))
        rows = [[cell_of(h, bold=True) for h in ("Boligområde", "Afdelinger", "Boligorganisation")]]
        for area in a["housing_areas"]:
            numbers = ", ".join(d["number"] for d in area["departments"])
            orgs = sorted({d.get("organisation") or "" for d in area["departments"]} - {""})
            rows.append([cell_of(area["name"]), cell_of(numbers), cell_of(" og ".join(orgs))])
        body.append(table(rows, header_rows=1, widths=[3600, 2400, 3600]))
    for key, title in (("vision", "Vision"), ("organisation", "Organisering")):
        if a.get(key):
            body.append(heading(title))
            body.extend(para(piece) for piece in sentences(a[key], 3))
    if a.get("goals"):
        body.append(heading("Overordnede mål og indikatorer"))
        body.append(
            para(
                "Målene og indikatorerne er fastsat af Landsbyggefonden for bevillingsperioden. "
                "Udgangspunktet er opgjort ved bevillingen."
            )
        )
        headers = (
            "Mål",
            "Indikator",
            "Udgangspunkt i boligområdet",
            "Udgangspunkt i kommunen",
            "Opgjort år",
            "Kilde",
        )
        rows = goal_rows(a["goals"], headers, "DEEAF6", merge=True)
        body.append(table(rows, header_rows=1, widths=[2000, 2400, 1500, 1500, 800, 1400]))
    if a.get("focus_areas"):
        body.append(heading("Indsatsområder"))
        body.append(
            para(
                "Helhedsplanen arbejder inden for de indsatsområder, der er beskrevet nedenfor. "
                "Hvert indsatsområde har sin egen delaftale, som vedlægges."
            )
        )
        for number, area in enumerate(a["focus_areas"], 1):
            body.append(heading(f"{h1}.{number} {area['name']}", level=2))
            if area.get("problem_complex"):
                body.append(para("Problemkompleks", style="Overskrift3"))
                body.extend(para(piece) for piece in sentences(area["problem_complex"], 3))
    body.append(heading("Økonomi"))
    body.append(
        para(
            "Helhedsplanens samlede budget fremgår af tabellen. Landsbyggefonden finansierer "
            "75 %, og den lokale medfinansiering udgør 25 %."
        )
    )
    years = [str(start_year + i) for i in range(4)]
    rows = [[cell_of(h, bold=True) for h in ("Post (kr.)", *years, "I alt")]]
    for post, amounts in _BUDGET:
        rows.append(
            [cell_of(post)]
            + [cell_of(_kroner(v)) for v in amounts]
            + [cell_of(_kroner(sum(amounts)))]
        )
    totals = [sum(amounts[i] for _, amounts in _BUDGET) for i in range(4)]
    rows.append(
        [cell_of("I alt", bold=True)]
        + [cell_of(_kroner(v), bold=True) for v in totals]
        + [cell_of(_kroner(sum(totals)), bold=True)]
    )
    body.append(table(rows, header_rows=1, widths=[2600, 1400, 1400, 1400, 1400, 1400]))
    if a.get("local_evaluation"):
        body.append(heading("Lokal evaluering"))
        body.extend(para(piece) for piece in sentences(a["local_evaluation"], 3))
    if a.get("revision"):
        body.append(heading("Revision af samarbejdsaftalen"))
        body.extend(para(piece) for piece in sentences(a["revision"], 3))
    body.append(heading("Bilag"))
    for attachment in (
        "Budget 2023-2027",
        "Beredskabsplan",
        "Milepælsplan",
        "Organisationsdiagram",
    ):
        body.append(para(run(attachment), num=(wml.NUMBERS, 0)))
    return package.save("".join(body), wml.sect_pr(header=True)), strategic_truth(a)


# -- one-table --------------------------------------------------------------------------------
_MARGIN = "D9D9D9"


def _label_row(label: str, value: str | list[str]) -> list[Cell]:
    if isinstance(value, list):
        blocks = [para(run(v)) for v in value] or [para()]
        return [cell_of(label, bold=True, shade=_MARGIN), Cell(blocks)]
    return [cell_of(label, bold=True, shade=_MARGIN), cell_of(value)]


def one_table(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Arial")
    rows: list[list[Cell]] = [
        [cell_of(a["title"], bold=True, span=2, shade="BDD7EE")],
        _label_row("Indsatsområde", a.get("focus_area") or ""),
        _label_row("Helhedsplan", a["initiative"]),
        _label_row("Periode", written_period(a["period"], "months")),
        _label_row("Parter", "\n".join(a["parties"])),
        [cell_of("Mål og indikatorer", bold=True, span=2, shade="BDD7EE")],
    ]
    for g, goal in enumerate(a["goals"], 1):
        rows.append(_label_row(f"Delmål {g}", goal["text"]))
        for i, indicator in enumerate(goal["indicators"], 1):
            rows.append(_label_row(f"Indikator {g}.{i}", indicator["text"]))
            if indicator.get("baselines"):
                rows.append(_label_row("Baseline", _figures(indicator["baselines"]).split("\n")))
            if indicator.get("comparators"):
                rows.append(
                    _label_row(
                        "Evt. anden baseline", _figures(indicator["comparators"]).split("\n")
                    )
                )
            if indicator.get("baseline_year"):
                rows.append(_label_row("Baseline år", str(indicator["baseline_year"])))
            if indicator.get("data_source"):
                rows.append(_label_row("Datakilde", indicator["data_source"]))
    rows.append(
        [
            cell_of("Aktiviteter", bold=True, shade=_MARGIN),
            Cell([para(run(n), num=(wml.BULLETS, 0)) for n in a.get("activity_names") or []]),
        ]
    )
    if a.get("staff"):
        rows.append(_label_row("Medarbejderressourcer", [s["text"] for s in a["staff"]]))
    for key, label in (
        ("municipal_coherence", "Sammenhæng med den kommunale indsats"),
        ("revision", "Revision"),
    ):
        if a.get(key):
            rows.append(_label_row(label, sentences(a[key], 3)))
    for n, activity in enumerate(a.get("activities") or [], 1):
        rows.append(
            [cell_of(f"Aktivitet {n}: {activity['name']}", bold=True, span=2, shade="BDD7EE")]
        )
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            if isinstance(value, list):
                rows.append(
                    [
                        cell_of(label, bold=True, shade=_MARGIN),
                        Cell([para(run(v), num=(wml.BULLETS, 0)) for v in value]),
                    ]
                )
            else:
                rows.append(_label_row(label, sentences(value, 2)))
    body = [table(rows, widths=[2600, 7000]), para()]  # Word ends a body with a paragraph
    return package.save("".join(body), wml.sect_pr()), truth_of(a)


# -- goal-bullets -----------------------------------------------------------------------------
_OTHER_SHEET = {
    "purpose": "Målsætning",
    "goals": "Succeskriterier",
    "target_groups": "Målgruppe",
    "content": "Indhold og praksis",
    "responsibilities": "Ansvarlig",
}


def goal_bullets(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Cambria")
    style = "years" if _whole_years(a["period"]) else "through"
    body: list[str] = [
        para(a["title"], style="Titel"),
        para("1. Indledning", style="Overskrift1"),
        para(INTRO),
        para("2. Aftalens rammer", style="Overskrift1"),
        para(run("Helhedsplan: ", bold=True) + run(a["initiative"])),
        para(run("Aftaleperiode: ", bold=True) + run(written_period(a["period"], style))),
        para("2.1 Parter", style="Overskrift2"),
    ]
    body.extend(para(run(p), num=(wml.BULLETS, 0)) for p in a["parties"])
    body.append(para("3. Mål og indikatorer", style="Overskrift1"))
    body.append(para(first.GOALS_INTRO))
    for g, goal in enumerate(a["goals"], 1):
        body.append(para(f"3.{g} Delmål {g} \u2013 {goal['text']}", style="Overskrift2"))
        for indicator in goal["indicators"]:
            body.append(para(run("Tegn på forandring: " + indicator["text"]), num=(wml.BULLETS, 0)))
            fields = (
                ("Baseline", _figures(indicator.get("baselines")).replace("\n", "; ")),
                ("Sammenlignet med", _figures(indicator.get("comparators")).replace("\n", "; ")),
                ("Baseline år", str(indicator.get("baseline_year") or "")),
                ("Datakilde", indicator.get("data_source") or ""),
            )
            for label, value in fields:
                if value:
                    body.append(para(run(f"{label}: {value}"), num=(wml.BULLETS, 1)))
    body.append(para("4. Aktiviteter", style="Overskrift1"))
    body.append(para("Indsatsområdets aktiviteter er:"))
    body.extend(para(run(n), num=(wml.NUMBERS, 0)) for n in a.get("activity_names") or [])
    if a.get("staff"):
        body.append(para("5. Medarbejderressourcer", style="Overskrift1"))
        body.extend(para(run(s["text"]), num=(wml.BULLETS, 0)) for s in a["staff"])
    body.append(para("6. Milepæle", style="Overskrift1"))
    body.append(para(run("Evaluering af aktiviteterne efter første år"), num=(wml.BULLETS, 0)))
    body.append(para(run("Midtvejsstatus til bestyrelsen"), num=(wml.BULLETS, 0)))
    for key, title in (
        ("municipal_coherence", "7. Sammenhæng med den kommunale indsats i boligområdet"),
        ("revision", "8. Revision af delaftalen"),
    ):
        if a.get(key):
            body.append(para(title, style="Overskrift1"))
            body.extend(para(piece) for piece in sentences(a[key], 3))
    body.append(para("9. Beskrivelse af aktiviteterne", style="Overskrift1"))
    for n, activity in enumerate(a.get("activities") or [], 1):
        body.append(para(f"9.{n} {activity['name']}", style="Overskrift2"))
        for key, _ in SHEET:
            value = activity.get(key)
            if not value:
                continue
            label = _OTHER_SHEET[key]
            if isinstance(value, list):
                body.append(para(run(label + ":", bold=True)))
                body.extend(para(run(v), num=(wml.BULLETS, 0)) for v in value)
            else:
                body.append(para(run(label + ": ", bold=True) + run(value)))
    return package.save("".join(body), wml.sect_pr()), truth_of(a)


# -- activity-columns -------------------------------------------------------------------------
def activity_columns(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Verdana")
    body: list[str] = [
        para(a["title"], style="Overskrift1"),
        para(run("Navn på den boligsociale indsats: ", bold=True) + run(a["initiative"])),
        para(
            run("Delaftalen gælder fra - til: ", bold=True)
            + run(written_period(a["period"], "months"))
        ),
        para(run("Delaftalens parter:", bold=True)),
    ]
    body.extend(para(run(p), num=(wml.BULLETS, 0)) for p in a["parties"])
    body.append(para("Delmål og indikatorer for indsatsområdet", style="Overskrift2"))
    headers = (
        "Målsætning",
        "Tegn på forandring",
        "Baseline boligområde/ målgruppe",
        "Evt. anden baseline",
        "Baseline år",
        "Datakilde",
    )
    rows = goal_rows(a["goals"], headers, "FFF2CC", first._indicator_cells)
    body.append(table(rows, header_rows=1, widths=[1900, 2100, 1700, 1500, 800, 1600]))
    body.append(
        para(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet",
            style="Overskrift2",
        )
    )
    body.extend(para(run(n), num=(wml.NUMBERS, 0)) for n in a.get("activity_names") or [])
    body.append(para("Medarbejderressourcer for indsatsområdet", style="Overskrift2"))
    body.extend(para(run(s["text"])) for s in a.get("staff") or [])
    for label, key in (
        ("Sammenhæng med den kommunale indsats i boligområdet", "municipal_coherence"),
        ("Revision af delaftalen", "revision"),
    ):
        if a.get(key):
            body.append(para(label, style="Overskrift2"))
            body.extend(para(piece) for piece in sentences(a[key], 3))
    body.append(para(sect=wml.sect_pr()))
    body.append(para("Skema til beskrivelse af aktiviteter", style="Overskrift2"))
    activities = a.get("activities") or []
    for start in range(0, len(activities), 3):
        group = activities[start : start + 3]
        width = 11800 // len(group)
        rows = [
            [cell_of("Aktivitet", bold=True, shade="E2EFDA")]
            + [cell_of(act["name"], bold=True, shade="E2EFDA") for act in group]
        ]
        for key, label in SHEET:
            if not any(act.get(key) for act in group):
                continue
            cells = [cell_of(label, bold=True, shade="E2EFDA")]
            for act in group:
                value = act.get(key)
                if isinstance(value, list):
                    cells.append(Cell([para(run(v), num=(wml.BULLETS, 0)) for v in value]))
                else:
                    cells.append(cell_of("\n\n".join(sentences(value, 2)) if value else ""))
            rows.append(cells)
        body.append(table(rows, header_rows=1, widths=[2400] + [width] * len(group)))
        body.append(para())
    return package.save("".join(body), wml.sect_pr(landscape=True)), truth_of(a)


# -- odt-native -------------------------------------------------------------------------------
_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'office:version="1.3"'
)


def _odf_text(text: str) -> str:
    """Text as LibreOffice writes it: runs of spaces as text:s, tabs, soft line breaks."""
    out: list[str] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            out.append("<text:line-break/>")
        out.append(escape(line).replace("  ", ' <text:s text:c="1"/>'))
    return "".join(out)


def _p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{_odf_text(text)}</text:p>'


def _labelled(label: str, value: str) -> str:
    """A bold label in an automatic text style (T1), the value after it."""
    return (
        f'<text:p text:style-name="P1"><text:span text:style-name="T1">{escape(label)}'
        f"</text:span> {_odf_text(value)}</text:p>"
    )


def _h(text: str, level: int) -> str:
    return (
        f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
        f"{escape(text)}</text:h>"
    )


def _list(items: list[str], numbered: bool = False) -> str:
    style = "L2" if numbered else "L1"
    inner = "".join(
        f'<text:list-item><text:p text:style-name="P2">{_odf_text(i)}</text:p></text:list-item>'
        for i in items
    )
    return f'<text:list text:style-name="{style}">{inner}</text:list>'


def _cell(content: str, *, rows: int = 1, header: bool = False) -> str:
    span = f' table:number-rows-spanned="{rows}"' if rows > 1 else ""
    style = "A1" if header else "A2"
    return (
        f'<table:table-cell table:style-name="{style}" office:value-type="string"{span}>'
        f"{content}</table:table-cell>"
    )


def _odt_table(name: str, columns: int, header: list[str], body: list[str]) -> str:
    head = "".join(_cell(f'<text:p text:style-name="P3">{escape(h)}</text:p>') for h in header)
    return (
        f'<table:table table:name="{name}" table:style-name="Tabel1">'
        f'<table:table-column table:number-columns-repeated="{columns}"/>'
        f"<table:table-header-rows><table:table-row>{head}</table:table-row>"
        f"</table:table-header-rows>{''.join(body)}</table:table>"
    )


def odt_native(a: Json) -> tuple[bytes, Json]:
    period = a["period"]
    parts: list[str] = [
        _p(a["title"], "Title"),
        _p(INTRO),
        _h("Navn på den boligsociale indsats", 1),
        _p(a["initiative"]),
        _h("Delaftalen gælder fra - til", 1),
        _p(f"{long_date(period['start'])} - {long_date(period['end'])}"),
        _h("Delaftalens parter", 1),
        _list(a["parties"]),
        _h("Delmål og indikatorer for indsatsområdet", 1),
        _p(first.GOALS_INTRO),
    ]
    rows: list[str] = []
    for goal in a["goals"]:
        count = len(goal["indicators"])
        for index, indicator in enumerate(goal["indicators"]):
            cells = []
            if index == 0:
                cells.append(_cell(_p(goal["text"]), rows=count))
            else:
                cells.append("<table:covered-table-cell/>")
            for text in first._indicator_cells(indicator):
                lines = "".join(_p(line) for line in text.split("\n")) if text else _p("")
                cells.append(_cell(lines))
            rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    parts.append(_odt_table("Delmål", 6, list(first.HEADERS), rows))
    parts.append(_h("Aktiviteter, som skal bidrage til indfrielsen af delmålene", 1))
    parts.append(_list(a.get("activity_names") or [], numbered=True))
    parts.append(_h("Medarbejderressourcer for indsatsområdet", 1))
    parts.append(_list([s["text"] for s in a.get("staff") or []]))
    for label, key in (
        ("Sammenhæng med den kommunale indsats i boligområdet", "municipal_coherence"),
        ("Revision af delaftalen", "revision"),
    ):
        if a.get(key):
            parts.append(_h(label, 1))
            parts.extend(_p(piece) for piece in sentences(a[key], 3))
    parts.append('<text:p text:style-name="PageBreak"/>')
    parts.append(_h("Skema til beskrivelse af aktiviteter", 1))
    for activity in a.get("activities") or []:
        parts.append(_h(activity["name"], 2))
        parts.append(_labelled("Aktivitetsnavn:", activity["name"]))
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            if isinstance(value, list):
                parts.append(_labelled(label + ":", ""))
                parts.append(_list(value))
            else:
                parts.append(_labelled(label + ":", value))
    return _odt_package("".join(parts)), truth_of(a)


_ODT_STYLES = (
    "<office:automatic-styles>"
    '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"/>'
    '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="List"/>'
    '<style:style style:name="P3" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="PageBreak" style:family="paragraph">'
    '<style:paragraph-properties fo:break-before="page"/></style:style>'
    '<style:style style:name="T1" style:family="text">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="Tabel1" style:family="table">'
    '<style:table-properties style:width="17cm" table:align="margins"/></style:style>'
    '<style:style style:name="A1" style:family="table-cell"><style:table-cell-properties '
    'fo:background-color="#dddddd" fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>'
    "</style:style>"
    '<style:style style:name="A2" style:family="table-cell"><style:table-cell-properties '
    'fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>'
    '<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" '
    'text:bullet-char="•"/></text:list-style>'
    '<text:list-style style:name="L2"><text:list-level-style-number text:level="1" '
    'style:num-suffix="." style:num-format="1"/></text:list-style>'
    "</office:automatic-styles>"
)


def _odt_package(text: str, extra_styles: str = "") -> bytes:
    """The ODT of `content.xml`'s body text; `extra_styles` are more automatic styles
    (sections, frames) a family's body uses."""
    styles_xml = _ODT_STYLES.replace(
        "</office:automatic-styles>", extra_styles + "</office:automatic-styles>"
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {_ODF}>{styles_xml}"
        f"<office:body><office:text>{text}</office:text></office:body>"
        "</office:document-content>"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-styles {_ODF}><office:styles>"
        '<style:style style:name="Standard" style:family="paragraph">'
        '<style:text-properties style:font-name="Liberation Sans" fo:font-size="10.5pt"/>'
        "</style:style>"
        '<style:style style:name="Title" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:text-properties fo:font-size="20pt" '
        'fo:font-weight="bold"/></style:style>'
        '<style:style style:name="List" style:family="paragraph" '
        'style:parent-style-name="Standard"/>'
        + "".join(
            f'<style:style style:name="Heading_20_{n}" style:display-name="Heading {n}" '
            'style:family="paragraph" style:parent-style-name="Standard" '
            f'style:default-outline-level="{n}"><style:text-properties fo:font-size="{16 - 2 * n}pt" '
            'fo:font-weight="bold"/></style:style>'
            for n in (1, 2)
        )
        + "</office:styles></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # the mimetype first and stored, as ODF requires
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# -- every family -----------------------------------------------------------------------------
DOCX_FAMILIES: dict[str, Callable[[Json], tuple[bytes, Json]]] = {
    **first.DOCX_FAMILIES,
    "strategic-numbered": strategic_numbered,
    "one-table": one_table,
    "goal-bullets": goal_bullets,
    "activity-columns": activity_columns,
}
ODT_FAMILIES: dict[str, Callable[[Json], tuple[bytes, Json]]] = {"odt-native": odt_native}
HTML_FAMILIES = first.HTML_FAMILIES
# The kinds of agreement a family's template is for (delaftaler where not named).
FAMILY_KINDS: dict[str, tuple[str, ...]] = {"strategic-numbered": STRATEGIC}
# Families whose DOCX LibreOffice also saves in an old format, the formats taken in turn.
LEGACY_FORMATS: dict[str, tuple[str, ...]] = {"one-table": ("doc", "rtf")}
DESCRIPTIONS: dict[str, str] = {
    **first.DESCRIPTIONS,
    "strategic-numbered": "strategic agreement, numbered Word headings, budget table, bilag",
    "one-table": "the whole delaftale in one label | value layout table (also .doc, .rtf)",
    "goal-bullets": "numbered headings, indicators as bullets with figure sub-bullets",
    "activity-columns": "activity sheets as columns of a landscape table",
    "odt-native": "ODT written as LibreOffice writes it (outline headings, covered cells)",
}
