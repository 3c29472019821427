"""Families of layouts written the way other people's Word files are, not the way our own
renderer writes them. Each family is a function: agreement (interchange format) → DOCX
bytes (or HTML text) and the ground truth, the agreement reduced to what the layout shows.

- `form-controls`: a form template's content controls (w:sdt) hold every value; header fields
  as "Label: value" in one table cell; parties in one cell split by soft line breaks;
  non-breaking spaces, figure dashes and typographic quotes.
- `textbox-tracked`: the header fields in a floating text box (with Word's VML fallback),
  tracked changes left in (deleted text must not be read), comments and footnotes.
- `cover-toc`: a cover page, a table of contents field with cached entries, headings numbered
  by hand ("3.1 Delmål 1: …") each with its own indicator table in a landscape section, the
  area's name in the running header, empty template sections with guidance text only.
- `transposed`: the goal table transposed (fields as rows, one column per indicator), activity
  sheets as tables nested in a layout table, staff as a table with other column names.
- `two-column`: the prose in a two-column section, sheets as "Label: text" paragraphs.
- `gdocs-html`: HTML as Google Docs exports it (classes for bold, spans, tables of p/span),
  other fonts; read as HTML and as the PDF a browser (WeasyPrint) prints from it.
- `bundle`: two delaftaler in one file; the first is read, the importer warns of the other.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from html import escape as html_escape
from typing import Any

from corpus.foreign import wml
from corpus.foreign.wml import Cell, cell_of, para, run, table
from lib.danish import format_date, format_number

Json = dict[str, Any]

NBSP = "\u00a0"
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
)


def long_date(iso: str, *, nbsp: bool = False) -> str:
    """»1. januar 2023« (lib/danish), with non-breaking spaces where a form template has them."""
    text = format_date(dt.date.fromisoformat(iso))
    return text.replace(" ", NBSP) if nbsp else text


def number(value: float) -> str:
    return format_number(value)


def measure_text(measure: Json) -> str:
    text, scope = measure["text"], measure.get("scope")
    if not scope or scope.lower() in text.lower():
        return text
    return f"{scope}: {text}"


def typographic(text: str) -> str:
    """Straight quotes as Word's AutoFormat writes them (»…« or “…”), spaces before % as
    non-breaking spaces."""
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    return text.replace(" %", NBSP + "%")


def sentences(value: Any, per: int = 2) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9])", str(value or "").strip())
    return [" ".join(parts[i : i + per]) for i in range(0, len(parts), per) if parts[i]]


def truth_of(agreement: Json) -> Json:
    return {k: copy.deepcopy(agreement[k]) for k in SCORED if k in agreement}


def staff_cells(staff: Json) -> list[str]:
    role = staff.get("role") or staff["text"]
    share = staff.get("share_percent")
    hours = staff.get("hours_per_year")
    funded = re.search(r"finansieret af (.+)$", staff["text"])
    return [
        role,
        f"{number(share)} %" if share is not None else "",
        number(hours) if hours is not None else "",
        funded.group(1).strip(" .") if funded else "",
    ]


SHEET = (
    ("purpose", "Formål"),
    ("goals", "Delmål for aktiviteten"),
    ("target_groups", "Målgruppe(r)"),
    ("content", "Indhold og praksis"),
    ("responsibilities", "Ansvars- og rollefordeling"),
)


def label_paragraphs(
    activity: Json, labels: dict[str, str] | None = None, list_num: int = wml.BULLETS
) -> list[str]:
    """An activity sheet as »Label: text« paragraphs with bold labels, a list field as its
    bold label over one list item a value (`labels` renames the template's labels)."""
    out: list[str] = []
    for key, label in SHEET:
        value = activity.get(key)
        if not value:
            continue
        label = (labels or {}).get(key, label)
        if isinstance(value, list):
            out.append(para(run(label + ":", bold=True)))
            out.extend(para(run(v), num=(list_num, 0)) for v in value)
        else:
            out.append(para(run(label + ": ", bold=True) + run(value)))
    return out


def sheet_rows(activity: Json, name_label: str, shade: str | None = None) -> list[list[Cell]]:
    """An activity sheet as the rows of a two-column label | value table, list fields as
    bullets in their cell."""
    rows = [[cell_of(name_label, bold=True, shade=shade), cell_of(activity["name"])]]
    for key, label in SHEET:
        value = activity.get(key)
        if not value:
            continue
        if isinstance(value, list):
            blocks = [para(run(v), num=(wml.BULLETS, 0)) for v in value]
            rows.append([cell_of(label, bold=True, shade=shade), Cell(blocks)])
        else:
            rows.append([cell_of(label, bold=True, shade=shade), cell_of(value)])
    return rows


def bold_heading(size: int) -> Callable[[str], str]:
    """A heading as plans without heading styles write it: a bold paragraph in a larger size."""
    return lambda title: para(run(title, bold=True, size=size))


COHERENCE = "Sammenhæng med den kommunale indsats i boligområdet"


def closing_parts(
    a: Json,
    heading: Callable[[str], str],
    *,
    coherence: str = COHERENCE,
    sheets_title: str | None = None,
) -> list[str]:
    """The template's parts after the goals, each under `heading(title)`: the activities as a
    numbered list, the staff as bullets, the sammenhæng and the revision in paragraphs of
    three sentences; with `sheets_title`, a page break and the sheets' own heading after
    them (the sheets themselves are the family's)."""
    out = [heading("Aktiviteter")]
    out.extend(para(run(n), num=(wml.NUMBERS, 0)) for n in a.get("activity_names") or [])
    if a.get("staff"):
        out.append(heading("Medarbejderressourcer"))
        out.extend(para(run(s["text"]), num=(wml.BULLETS, 0)) for s in a["staff"])
    for key, title in (("municipal_coherence", coherence), ("revision", "Revision af delaftalen")):
        if a.get(key):
            out.append(heading(title))
            out.extend(para(piece) for piece in sentences(a[key], 3))
    if sheets_title:
        out.append(wml.page_break())
        out.append(heading(sheets_title))
    return out


INTRO = (
    "Bestyrelsen har ansvaret for, at delaftalen til enhver tid understøtter de overordnede "
    "mål i den strategiske samarbejdsaftale, og at den beskriver det arbejde, der faktisk "
    "foregår i området."
)
GOALS_INTRO = (
    "Delmålene er de skridt, parterne vil nå undervejs. Indikatorerne viser hvert år, om "
    "vi er på vej, og de bruges på det årlige evalueringsseminar."
)
HEADERS = (
    "Delmål",
    "Indikator",
    "Baseline boligområde/ målgruppe",
    "Evt. anden baseline",
    "Baseline år",
    "Datakilde",
)


def _indicator_cells(indicator: Json) -> list[str]:
    return [
        typographic(indicator["text"]),
        "\n".join(measure_text(m) for m in indicator.get("baselines") or []),
        "\n".join(measure_text(m) for m in indicator.get("comparators") or []),
        str(indicator.get("baseline_year") or ""),
        indicator.get("data_source") or "",
    ]


def _area_name(agreement: Json) -> str:
    initiative = agreement.get("initiative") or ""
    return initiative.split("–")[0].strip()


# -- form-controls --------------------------------------------------------------------------
def form_controls(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Arial")
    body: list[str] = [
        para(wml.sdt_run(a["title"], "Titel", bold=True), style="Titel"),
        para(run(INTRO, italic=True)),
    ]
    period = a["period"]
    dash = "\u2012"  # a figure dash, as some form templates have between the dates
    rows = [
        [
            Cell(
                [
                    para(
                        run(
                            "Navn på den boligsociale indsats, som delaftalen vedrører: ", bold=True
                        )
                        + wml.sdt_run(a["initiative"], "Indsats")
                    )
                ],
                span=2,
            )
        ],
        [
            Cell(
                [
                    para(
                        run("Delaftalen gælder fra - til: ", bold=True)
                        + wml.sdt_run(
                            f"{long_date(period['start'], nbsp=True)} {dash} "
                            f"{long_date(period['end'], nbsp=True)}",
                            "Periode",
                        )
                    )
                ],
                span=2,
            )
        ],
        [
            cell_of("Delaftalens parter:", bold=True, width=3000),
            Cell([wml.sdt_block(para(run("\n".join(a["parties"]))), "Parter")], width=6600),
        ],
    ]
    body.append(table(rows, widths=[3000, 6600]))
    body.append(para(run("Delmål og indikatorer for indsatsområdet", bold=True, size=26)))
    body.append(para(GOALS_INTRO))
    goal_rows = [[cell_of(h, bold=True, shade="D9E2F3") for h in HEADERS]]
    for goal in a["goals"]:
        for index, indicator in enumerate(goal["indicators"]):
            goal_cell = (
                wml.sdt_cell([goal["text"]], "Delmål")
                if index == 0
                else Cell([para()], vmerge="continue")
            )
            if index == 0 and len(goal["indicators"]) > 1:
                goal_cell.vmerge = "restart"
            cells = [goal_cell]
            for text in _indicator_cells(indicator):
                cells.append(Cell([wml.sdt_block(para(run(text)), "Felt")]))
            goal_rows.append(cells)
    body.append(table(goal_rows, header_rows=1, widths=[1900, 2100, 1700, 1500, 800, 1600]))
    body.append(
        para(
            run(
                "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet:",
                bold=True,
            )
        )
    )
    for name in a.get("activity_names") or []:
        body.append(para(wml.sdt_run(name, "Aktivitet"), num=(wml.BULLETS, 0)))
    body.append(para(run("Medarbejderressourcer for indsatsområdet:", bold=True)))
    for staff in a.get("staff") or []:
        body.append(para(wml.sdt_run(typographic(staff["text"]), "Medarbejder")))
    _long_bold(
        body, "Sammenhæng med den kommunale indsats i boligområdet:", a, "municipal_coherence"
    )
    _long_bold(body, "Revision af delaftalen:", a, "revision")
    body.append(wml.page_break())
    body.append(para(run("Skema til beskrivelse af aktiviteter", bold=True, size=26)))
    for activity in a.get("activities") or []:
        rows = [
            [
                Cell(
                    [
                        para(
                            run("Aktivitetsnavn: ", bold=True)
                            + wml.sdt_run(activity["name"], "Navn")
                        )
                    ],
                    shade="E7E6E6",
                )
            ]
        ]
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            if isinstance(value, list):
                blocks = [para(run(label + ":", bold=True))] + [
                    para(wml.sdt_run(v, label), num=(wml.BULLETS, 0)) for v in value
                ]
            else:
                blocks = [para(run(label + ": ", bold=True) + wml.sdt_run(value, label))]
            rows.append([Cell(blocks)])
        body.append(table(rows, widths=[9600]))
        body.append(para())
    return package.save("".join(body), wml.sect_pr()), truth_of(a)


def _long_bold(body: list[str], label: str, a: Json, key: str) -> None:
    if not a.get(key):
        return
    body.append(para(run(label, bold=True)))
    for piece in sentences(a[key], 3):
        body.append(para(piece))


# -- textbox-tracked ------------------------------------------------------------------------
def textbox_tracked(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Cambria")
    period = a["period"]
    start = dt.date.fromisoformat(period["start"])
    old_start = long_date(start.replace(year=start.year - 1).isoformat())
    parties = a["parties"]
    box: list[str] = [
        para(run("Navn på den boligsociale indsats, som delaftalen vedrører:", bold=True)),
        para(package.comment(run(a["initiative"]), "Skal navnet stå som i ansøgningen?")),
        para(run("Delaftalen gælder fra - til:", bold=True)),
        para(
            wml.deleted(old_start)
            + wml.inserted(run(long_date(period["start"])))
            + run(" \u2013 " + long_date(period["end"]))
        ),
        para(run("Delaftalens parter:", bold=True)),
    ]
    for index, party in enumerate(parties):
        if index == len(parties) - 1:
            box.append(para(wml.inserted(run(party)), num=(wml.BULLETS, 0)))
        else:
            box.append(para(run(party), num=(wml.BULLETS, 0)))
    box.append(para(wml.deleted("Foreningen Gammel Part (udtrådt)"), num=(wml.BULLETS, 0)))
    body: list[str] = [
        para(run(a["title"], bold=True, size=36)),
        para(wml.textbox("".join(box))),
        para(INTRO),
        para(run("Delmål og indikatorer for indsatsområdet", bold=True, size=26)),
        para(
            run(GOALS_INTRO)
            + wml.deleted(" Delmålene gennemgås hvert halve år.")
            + package.footnote("Se også bilaget om datakilder.")
        ),
    ]
    rows = [[cell_of(h, bold=True) for h in HEADERS]]
    for goal in a["goals"]:
        for index, indicator in enumerate(goal["indicators"]):
            cells = _indicator_cells(indicator)
            goal_cell = cell_of(goal["text"]) if index == 0 else cell_of("")
            if len(goal["indicators"]) > 1:
                goal_cell.vmerge = "restart" if index == 0 else "continue"
            row = [goal_cell]
            for number_, text in enumerate(cells):
                if number_ == 4 and text:
                    # the data source with a footnote on it
                    row.append(Cell([para(run(text) + package.footnote("Udtræk pr. 1. januar."))]))
                else:
                    row.append(cell_of(text))
            rows.append(row)
    body.append(table(rows, header_rows=1, widths=[1900, 2100, 1700, 1500, 800, 1600]))
    body.append(
        para(
            run(
                "Aktiviteter, som skal bidrage til indfrielsen af delmålene for "
                "indsatsområdet og understøtte opnåelsen af de overordnede mål jf. den "
                "strategiske samarbejdsaftale:",
                bold=True,
            )
        )
    )
    for name in a.get("activity_names") or []:
        body.append(para(run(name), num=(wml.NUMBERS, 0)))
    body.append(para(run("Medarbejderressourcer for indsatsområdet:", bold=True)))
    for number_, staff in enumerate(a.get("staff") or []):
        text = run(staff["text"])
        if number_ == 0:
            text = package.comment(text, "Tjek timetallet med jobcentret.")
        body.append(para(text, num=(wml.BULLETS, 0)))
    _long_bold(
        body, "Sammenhæng med den kommunale indsats i boligområdet:", a, "municipal_coherence"
    )
    _long_bold(body, "Revision af delaftalen:", a, "revision")
    body.append(para(run("Skema til beskrivelse af aktiviteter", bold=True, size=26)))
    for activity in a.get("activities") or []:
        rows = [[cell_of("Aktivitetsnavn", bold=True), cell_of(activity["name"])]]
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            if isinstance(value, list):
                blocks = [para(run(v), num=(wml.BULLETS, 0)) for v in value]
                rows.append([cell_of(label, bold=True), Cell(blocks)])
            elif key == "content":
                pieces = sentences(value, 2)
                blocks = [para(run(p)) for p in pieces]
                blocks.insert(1, para(wml.deleted("Aktiviteten blev afholdt i 2022 som forsøg.")))
                rows.append([cell_of(label, bold=True), Cell(blocks)])
            else:
                rows.append([cell_of(label, bold=True), cell_of(value)])
        body.append(table(rows, widths=[2600, 7000]))
        body.append(para())
    return package.save("".join(body), wml.sect_pr()), truth_of(a)


# -- cover-toc ------------------------------------------------------------------------------
def cover_toc(a: Json) -> tuple[bytes, Json]:
    area = _area_name(a)
    package = wml.Package(fonts="Georgia", header_text=area, footer_text=f"Delaftale · {area}")
    headings: list[tuple[int, str]] = [
        (1, "1 Indledning"),
        (1, "2 Navn på den boligsociale indsats"),
        (1, "3 Delaftalens parter"),
        (1, "4 Delmål og indikatorer for indsatsområdet"),
    ]
    goal_headings = [(2, f"4.{n} Delmål {n}: {g['text']}") for n, g in enumerate(a["goals"], 1)]
    rest = [
        (1, "5 Aktiviteter"),
        (1, "6 Medarbejderressourcer for indsatsområdet"),
        (1, "7 Sammenhæng med den kommunale indsats i boligområdet"),
        (1, "8 Forandringsteori for indsatsområdet"),
        (1, "9 Revision af delaftalen"),
        (1, "Bilag: Skemaer til beskrivelse af aktiviteter"),
    ]
    body: list[str] = [
        para(run("Boligsocial helhedsplan", size=28), align="center"),
        para(run(area, bold=True, size=56), align="center"),
        para(run(a["title"], size=36), align="center"),
        para(run("Version 2.1 · godkendt af bestyrelsen", size=22), align="center"),
        wml.page_break(),
        wml.toc(
            [
                (level, text, 3 + i // 3)
                for i, (level, text) in enumerate(headings + goal_headings + rest)
            ]
        ),
        wml.page_break(),
        para(headings[0][1], style="Overskrift1"),
        para(INTRO),
        para(headings[1][1], style="Overskrift1"),
        para(a["initiative"]),
        para(
            run("Delaftalen gælder fra - til: ", bold=True)
            + run(f"{long_date(a['period']['start'])} \u2014 {long_date(a['period']['end'])}")
        ),
        para(headings[2][1], style="Overskrift1"),
    ]
    for party in a["parties"]:
        body.append(para(run(party), num=(wml.NUMBERS, 0)))
    body.append(para(headings[3][1], style="Overskrift1", sect=wml.sect_pr(header=True)))
    # the goals in a landscape section of their own
    body.append(para(GOALS_INTRO))
    for (_, heading), goal in zip(goal_headings, a["goals"], strict=True):
        body.append(para(heading, style="Overskrift2", keep_next=True))
        rows = [[cell_of(h, bold=True, shade="DDDDDD") for h in HEADERS[1:]]]
        for indicator in goal["indicators"]:
            rows.append([cell_of(t) for t in _indicator_cells(indicator)])
        body.append(table(rows, header_rows=1, widths=[4200, 3000, 2600, 1100, 3200]))
    body.append(para(sect=wml.sect_pr(landscape=True, header=True)))
    body.append(para(rest[0][1], style="Overskrift1"))
    body.append(
        para("Følgende aktiviteter skal bidrage til indfrielsen af delmålene for indsatsområdet:")
    )
    for name in a.get("activity_names") or []:
        body.append(para(run(name), num=(wml.BULLETS, 0)))
    body.append(para(rest[1][1], style="Overskrift1"))
    for staff in a.get("staff") or []:
        body.append(para(run(staff["text"]), num=(wml.BULLETS, 0)))
    body.append(para(rest[2][1], style="Overskrift1"))
    if a.get("municipal_coherence"):
        for piece in sentences(a["municipal_coherence"], 3):
            body.append(para(piece))
    else:
        body.append(
            para(
                run(
                    "(Beskriv her, hvordan indsatsen spiller sammen med kommunen.)",
                    highlight="green",
                )
            )
        )
    body.append(para(rest[3][1], style="Overskrift1"))
    body.append(
        para(
            run(
                "(Vejledende tekst: Beskriv forandringsteorien for indsatsområdet, fra "
                "aktiviteter til langsigtede resultater. Slettes inden aftalen indsendes.)",
                highlight="green",
            )
        )
    )
    body.append(para(rest[4][1], style="Overskrift1"))
    for piece in sentences(a.get("revision"), 3):
        body.append(para(piece))
    body.append(wml.page_break())
    body.append(para(rest[5][1], style="Overskrift1"))
    for number_, activity in enumerate(a.get("activities") or [], 1):
        body.append(para(f"B.{number_} Aktivitetsnavn: {activity['name']}", style="Overskrift2"))
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            body.append(para(label, style="Overskrift3"))
            if isinstance(value, list):
                for v in value:
                    body.append(para(run(v), num=(wml.BULLETS, 0)))
            else:
                for piece in sentences(value, 2):
                    body.append(para(piece))
    return package.save("".join(body), wml.sect_pr(header=True)), truth_of(a)


# -- transposed -----------------------------------------------------------------------------
def transposed(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Verdana")
    period = a["period"]
    body: list[str] = [
        para(a["title"], style="Overskrift1"),
        table(
            [
                [cell_of("Navn på den boligsociale indsats", bold=True), cell_of(a["initiative"])],
                [
                    cell_of("Delaftalen gælder fra - til", bold=True),
                    cell_of(f"{long_date(period['start'])} - {long_date(period['end'])}"),
                ],
                [cell_of("Delaftalens parter", bold=True), cell_of("\n\n".join(a["parties"]))],
            ],
            widths=[3200, 6400],
        ),
        para("Delmål og indikatorer for indsatsområdet", style="Overskrift2"),
        para(GOALS_INTRO),
    ]
    labels = HEADERS[1:]
    for goal in a["goals"]:
        indicators = goal["indicators"]
        n = len(indicators)
        width = 7200 // n
        rows = [[cell_of("Delmål", bold=True, shade="EEEEEE"), cell_of(goal["text"], span=n)]]
        columns = [_indicator_cells(ind) for ind in indicators]
        for row_number, label in enumerate(labels):
            rows.append(
                [cell_of(label, bold=True, shade="EEEEEE")]
                + [cell_of(col[row_number]) for col in columns]
            )
        body.append(table(rows, widths=[2400] + [width] * n))
        body.append(para())
    body.append(
        para(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet",
            style="Overskrift2",
        )
    )
    for name in a.get("activity_names") or []:
        body.append(para(run(name), num=(wml.NUMBERS, 0)))
    body.append(para("Medarbejderressourcer for indsatsområdet", style="Overskrift2"))
    staff_rows = [
        [
            cell_of(h, bold=True)
            for h in ("Funktion", "Andel af stilling", "Timer pr. år", "Finansiering")
        ]
    ]
    for staff in a.get("staff") or []:
        staff_rows.append([cell_of(c) for c in staff_cells(staff)])
    body.append(table(staff_rows, header_rows=1, widths=[3600, 1800, 1600, 2600]))
    for label, key in (
        ("Sammenhæng med den kommunale indsats i boligområdet", "municipal_coherence"),
        ("Revision af delaftalen", "revision"),
    ):
        if a.get(key):
            body.append(para(label, style="Overskrift2"))
            for piece in sentences(a[key], 3):
                body.append(para(piece))
    body.append(wml.page_break())
    body.append(para("Skema til beskrivelse af aktiviteter", style="Overskrift2"))
    for activity in a.get("activities") or []:
        inner = [[cell_of("Aktivitetsnavn", bold=True), cell_of(activity["name"])]]
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            text = (
                "\n\n".join(value) if isinstance(value, list) else "\n\n".join(sentences(value, 2))
            )
            inner.append([cell_of(label, bold=True), cell_of(text)])
        nested = table(inner, widths=[2400, 6800])
        # the sheet nested in a one-cell frame table with a caption row
        outer = table(
            [
                [cell_of(f"Aktivitet: {activity['name']}", bold=True, shade="C6E0B4")],
                [Cell([nested, para()])],
            ],
            widths=[9600],
        )
        body.append(outer)
        body.append(para())
    truth = truth_of(a)
    for staff in truth.get("staff") or []:
        staff["text"] = " ".join(c for c in staff_cells(staff) if c)
    return package.save("".join(body), wml.sect_pr()), truth


# -- two-column -----------------------------------------------------------------------------
def two_column(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Liberation Serif")
    period = a["period"]
    body: list[str] = [
        para(run(a["title"], bold=True, size=34)),
        para(run("Områdets navn: ", bold=True) + run(_area_name(a))),
        para(run("Navn på den boligsociale indsats: ", bold=True) + run(a["initiative"])),
        para(
            run("Delaftalen gælder fra - til: ", bold=True)
            + run(f"{long_date(period['start'])} til {long_date(period['end'])}")
        ),
        para(run("Delaftalens parter:", bold=True)),
    ]
    for party in a["parties"]:
        body.append(para(run(party), num=(wml.BULLETS, 0)))
    body.append(para(sect=wml.sect_pr(next_page=False)))
    body.append(para(run("Delmål og indikatorer for indsatsområdet", bold=True, size=26)))
    rows = [[cell_of(h, bold=True) for h in HEADERS]]
    for goal in a["goals"]:
        for index, indicator in enumerate(goal["indicators"]):
            rows.append(
                [cell_of(goal["text"] if index == 0 else "")]
                + [cell_of(t) for t in _indicator_cells(indicator)]
            )
    body.append(table(rows, header_rows=1, widths=[1900, 2100, 1700, 1500, 800, 1600]))
    body.append(para(sect=wml.sect_pr(next_page=False)))
    body.append(para(run("Aktiviteter, som skal bidrage til indfrielsen af delmålene:", bold=True)))
    for name in a.get("activity_names") or []:
        body.append(para(run(name), num=(wml.BULLETS, 0)))
    body.append(para(run("Medarbejderressourcer:", bold=True)))
    for staff in a.get("staff") or []:
        body.append(para(run(staff["text"]), num=(wml.BULLETS, 0)))
    _long_bold(
        body, "Sammenhæng med den kommunale indsats i boligområdet:", a, "municipal_coherence"
    )
    _long_bold(body, "Revision af delaftalen:", a, "revision")
    for activity in a.get("activities") or []:
        body.append(para(run("Aktivitetsnavn: ", bold=True) + run(activity["name"], bold=True)))
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            if isinstance(value, list):
                body.append(para(run(label + ":", bold=True)))
                for v in value:
                    body.append(para(run(v), num=(wml.BULLETS, 0)))
            else:
                body.append(para(run(label + ": ", bold=True) + run(value)))
    return package.save("".join(body), wml.sect_pr(cols=2)), truth_of(a)


# -- gdocs-html -----------------------------------------------------------------------------
_GDOCS_STYLE = (
    "table.c7{border-collapse:collapse;width:100%}ul.lst-kix_a1-0{list-style-type:disc}.c0{font-weight:400;font-size:11pt;"
    'font-family:"Georgia","DejaVu Serif",serif}.c1{font-weight:700;font-size:11pt;'
    'font-family:"Georgia","DejaVu Serif",serif}'
    ".c2{padding-top:0pt;padding-bottom:6pt;line-height:1.15}.c3{border:1pt solid #000;"
    "vertical-align:top;padding:5pt}.c4{font-size:18pt;font-weight:700}"
    ".c5{background-color:#d9d9d9}"
)


def gdocs_html(a: Json) -> tuple[str, Json]:
    def span(text: str, cls: str = "c0") -> str:
        return f'<span class="{cls}">{html_escape(text)}</span>'

    def p(text: str, cls: str = "c0") -> str:
        return f'<p class="c2">{span(text, cls)}</p>'

    def cell(texts: list[str], cls: str = "c0", extra: str = "") -> str:
        inner = "".join(p(t, cls) for t in texts) or '<p class="c2"><span class="c0"></span></p>'
        return f'<td class="c3{extra}" colspan="1" rowspan="1">{inner}</td>'

    period = a["period"]
    out = [
        '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
        f'<style type="text/css">{_GDOCS_STYLE}</style></head>'
        '<body class="doc-content">',
        f'<p class="c2"><span class="c4">{html_escape(a["title"])}</span></p>',
        p(INTRO),
        p("Navn på den boligsociale indsats, som delaftalen vedrører:", "c1"),
        p(a["initiative"]),
        p("Delaftalen gælder fra - til:", "c1"),
        p(f"{long_date(period['start'])} – {long_date(period['end'])}"),
        p("Delaftalens parter:", "c1"),
        '<ul class="c6 lst-kix_a1-0 start">',
    ]
    for party in a["parties"]:
        out.append(f'<li class="c2 li-bullet-0">{span(party)}</li>')
    out.append("</ul>")
    out.append(p("Delmål og indikatorer for indsatsområdet", "c1"))
    out.append(p(GOALS_INTRO))
    out.append('<table class="c7"><tr class="c8">')
    out.extend(cell([h], "c1", " c5") for h in HEADERS)
    out.append("</tr>")
    for goal in a["goals"]:
        for index, indicator in enumerate(goal["indicators"]):
            out.append('<tr class="c8">')
            if index == 0:
                n = len(goal["indicators"])
                out.append(f'<td class="c3" colspan="1" rowspan="{n}">{p(goal["text"])}</td>')
            for text in _indicator_cells(indicator):
                out.append(cell(text.split("\n")))
            out.append("</tr>")
    out.append("</table>")
    out.append(
        p("Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet:", "c1")
    )
    out.append('<ol class="c6 lst-kix_b2-0 start" start="1">')
    for name in a.get("activity_names") or []:
        out.append(f'<li class="c2 li-bullet-0">{span(name)}</li>')
    out.append("</ol>")
    out.append(p("Medarbejderressourcer for indsatsområdet:", "c1"))
    for staff in a.get("staff") or []:
        out.append(p(staff["text"]))
    for label, key in (
        ("Sammenhæng med den kommunale indsats i boligområdet:", "municipal_coherence"),
        ("Revision af delaftalen:", "revision"),
    ):
        if a.get(key):
            out.append(p(label, "c1"))
            out.extend(p(s) for s in sentences(a[key], 3))
    for activity in a.get("activities") or []:
        out.append('<table class="c7">')
        out.append(f"<tr>{cell(['Aktivitetsnavn'], 'c1', ' c5')}{cell([activity['name']])}</tr>")
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            texts = list(value) if isinstance(value, list) else sentences(value, 2)
            out.append(f"<tr>{cell([label], 'c1', ' c5')}{cell(texts)}</tr>")
        out.append("</table>")
        out.append('<p class="c2"><span class="c0"></span></p>')
    out.append("</body></html>")
    return "".join(out), truth_of(a)


# -- bundle ------------------------------------------------------------------------------------
def _body(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return xml[xml.index("<w:body>") + len("<w:body>") : xml.rindex("<w:sectPr")]


def bundle(a: Json) -> tuple[bytes, Json]:
    """The plan's delaftaler in one file, one after the other, each from the same form
    template: the truth is the first; the importer must not mix the second into it."""
    from corpus.sources import own_sources

    other = next(
        s.agreement
        for s in own_sources()
        if s.agreement["kind"] == "delaftale" and s.agreement["focus_area"] != a["focus_area"]
    )
    first, truth = form_controls(a)
    second, _ = form_controls(other)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    body = _body(first)
    joined = body + wml.page_break() + _body(second)
    parts["word/document.xml"] = xml.replace(body, joined, 1).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue(), truth


DOCX_FAMILIES: dict[str, Callable[[Json], tuple[bytes, Json]]] = {
    "form-controls": form_controls,
    "textbox-tracked": textbox_tracked,
    "cover-toc": cover_toc,
    "transposed": transposed,
    "two-column": two_column,
    "bundle": bundle,
}
HTML_FAMILIES: dict[str, Callable[[Json], tuple[str, Json]]] = {"gdocs-html": gdocs_html}
DESCRIPTIONS = {
    "form-controls": "content controls hold the values; Label: value in one cell; soft breaks",
    "textbox-tracked": "header in a text box (+VML fallback); tracked changes, comments, notes",
    "cover-toc": "cover page, TOC field, hand-numbered headings, landscape goal tables",
    "transposed": "goal table transposed; activity sheets nested in a frame table",
    "two-column": "prose in two columns; sheets as Label: text paragraphs",
    "gdocs-html": "Google-Docs-like HTML (class-styled spans, rowspan goal cells)",
    "bundle": "two delaftaler in one file (form template twice); the first is the truth",
}
