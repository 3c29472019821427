"""Families for layouts none of the earlier hand-written ones show (session 10, issue 8): the
unseen test set, each a way a koordinator fills in LBF's Word template by hand.

- `form-fields`: Word's legacy form fields (FORMTEXT with w:ffData, shaded grey) in tables
  of grey label cells, the template's guidance in square brackets left in beside every
  label (»Delaftalens parter [Navn på boligorganisation(er) og kommune(r)]«), the parties in
  one field split by line breaks, a bracketed guidance row left at the foot of the goal
  table, the period »01.07.2023 – 30.06.2027«.
- `typed-toc`: a table of contents typed by hand (dots and page numbers as text, no field),
  sections numbered with roman numerals in capitals as bold paragraphs (»II. DELMÅL OG
  INDIKATORER«), labels on a line of their own above their value, the parties lettered
  »A)«, »B)«, each delmål lettered (»Delmål A: …«) above its own indicator table without a
  delmål column, sheets under »V.1 …« with their labels on lines of their own; comments left
  in (Word does not print them).
- `goal-columns`: a landscape goal table with one column per delmål (fields down the first
  column, several indicators of a delmål as lettered lines »a) … b) …« in each cell), the
  activities as one overview table (a row per activity: »Aktivitet | Formål | Delmål |
  Målgruppe(r) | Indhold og praksis | Ansv.«), the staff in prose sentences.
- `abbreviated`: the template's labels shortened (»Indsats:«, »Indsatsomr.:«, »Periode:«,
  »Succeskriterie«, »Sml.«, »År«, »Kilde«, »Akt.«, »Målgr.«, »Ansv.«), the period
  »1/7-2023 – 30/6-2027«, a staff table »Stilling | Andel | Timer/år | Finans.«, and the
  parties only as a signature block at the end (»For …« over »Dato: ____ Underskrift: ____«).
- `outline-numbered`: the whole agreement in one Word multi-level list (»1.«, »1.1«,
  »1.1.1« made by numbering.xml, not typed): header fields as numbered items with their
  values below, the parties and the delmål as numbered sub-items, each delmål followed by
  its indicator table, the activity sheets' fields as third-level items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rapidfuzz import fuzz

from corpus.foreign import beyond, wml
from corpus.foreign.families import (
    INTRO,
    SHEET,
    Json,
    measure_text,
    sentences,
    staff_cells,
    truth_of,
)
from corpus.foreign.wml import Cell, cell_of, para, run, table

GREY = "D9D9D9"


def _figures(measures: list[Json] | None, joiner: str = "\n") -> str:
    return joiner.join(measure_text(m) for m in measures or [])


def _indicator_rows(goal: Json, headers: tuple[str, ...], shade: str) -> list[list[Cell]]:
    """A delmål's own indicator table (no delmål column): a shaded header, a row each."""
    rows = [[cell_of(h, bold=True, shade=shade) for h in headers]]
    for indicator in goal["indicators"]:
        rows.append(
            [
                cell_of(indicator["text"]),
                cell_of(_figures(indicator.get("baselines"))),
                cell_of(_figures(indicator.get("comparators"))),
                cell_of(str(indicator.get("baseline_year") or "")),
                cell_of(indicator.get("data_source") or ""),
            ]
        )
    return rows


def _value_text(value: object) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value or "")


def _sections(a: Json) -> list[tuple[str, str]]:
    return [
        (key, title)
        for key, title in (
            ("municipal_coherence", "Sammenhæng med den kommunale indsats i boligområdet"),
            ("revision", "Revision af delaftalen"),
        )
        if a.get(key)
    ]


# -- form-fields ------------------------------------------------------------------------------
_FIELD = [0]


def formtext(text: str) -> str:
    """A legacy text form field (Word 97's FORMTEXT) holding `text`, inside its bookmark;
    "\\n" in the text is a line break in the field's result."""
    _FIELD[0] += 1
    name = f"Tekst{_FIELD[0]}"
    begin = (
        f'<w:bookmarkStart w:id="{900 + _FIELD[0]}" w:name="{name}"/>'
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData>'
        f'<w:name w:val="{name}"/><w:enabled/><w:calcOnExit w:val="0"/><w:textInput/>'
        "</w:ffData></w:fldChar></w:r>"
        '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    shown = run(text) if text else run("\u2002" * 5)
    return (
        begin
        + shown
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + f'<w:bookmarkEnd w:id="{900 + _FIELD[0]}"/>'
    )


def _label_cell(label: str, guidance: str) -> Cell:
    content = run(label, bold=True)
    if guidance:
        content += run(" " + guidance, italic=True, size=16, colour="595959")
    return Cell([para(content)], shade=GREY)


def _field_cell(text: str) -> Cell:
    return Cell([para(formtext(text))])


def form_fields(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Verdana", footer_text="Skabelon for delaftale, version 2.1")
    body: list[str] = [
        para(run(a["title"], bold=True, size=32)),
        para(
            run(
                "[Vejledning: Udfyld de grå felter. Teksten i kantede parenteser slettes, "
                "når skabelonen er udfyldt.]",
                italic=True,
                colour="595959",
            )
        ),
    ]
    dotted = beyond.dotted_period(a["period"]).replace("-", " \u2013 ", 1)
    header = [
        [
            _label_cell(
                "Navn på den boligsociale indsats",
                "[Skriv navnet som i den strategiske samarbejdsaftale]",
            ),
            _field_cell(a["initiative"]),
        ],
        [
            _label_cell("Indsatsområde", "[Vælg et af LBF's indsatsområder]"),
            _field_cell(a.get("focus_area") or ""),
        ],
        [
            _label_cell("Delaftalen gælder fra - til", "[dd.mm.åååå – dd.mm.åååå]"),
            _field_cell(dotted),
        ],
        [
            _label_cell(
                "Delaftalens parter", "[Navn på boligorganisation(er), kommune(r) og evt. andre]"
            ),
            _field_cell("\n".join(a["parties"])),
        ],
    ]
    body.append(table(header, widths=[3800, 5800]))
    body.append(para())
    body.append(para(run("Delmål og indikatorer for indsatsområdet", bold=True, size=26)))
    body.append(para(run("[Angiv 2-4 delmål med tilhørende indikatorer.]", italic=True)))
    headers = beyond._HEADERS
    rows = [[cell_of(h, bold=True, shade=GREY) for h in headers]]
    for goal in a["goals"]:
        count = len(goal["indicators"])
        for index, indicator in enumerate(goal["indicators"]):
            merge = ("restart" if index == 0 else "continue") if count > 1 else None
            goal_cell = Cell(
                [para(formtext(goal["text"]))] if index == 0 else [para()], vmerge=merge
            )
            rows.append(
                [
                    goal_cell,
                    _field_cell(indicator["text"]),
                    _field_cell(_figures(indicator.get("baselines"))),
                    _field_cell(_figures(indicator.get("comparators"))),
                    _field_cell(str(indicator.get("baseline_year") or "")),
                    _field_cell(indicator.get("data_source") or ""),
                ]
            )
    rows.append(
        [
            Cell(
                [
                    para(
                        run(
                            "[Indsæt flere rækker efter behov: én række pr. indikator]", italic=True
                        )
                    )
                ],
                span=6,
            )
        ]
    )
    body.append(table(rows, header_rows=1, widths=[1800, 1800, 1700, 1500, 900, 1900]))
    body.append(para())
    names = a.get("activity_names") or []
    staff = a.get("staff") or []
    lists = [
        [
            _label_cell(
                "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet",
                "[Én aktivitet pr. linje]",
            ),
            _field_cell("\n".join(names)),
        ]
    ]
    if staff:
        lists.append(
            [
                _label_cell(
                    "Medarbejderressourcer for indsatsområdet",
                    "[Stilling og omfang i procent eller timer pr. år]",
                ),
                _field_cell("\n".join(s["text"] for s in staff)),
            ]
        )
    for key, title in _sections(a):
        lists.append([_label_cell(title, ""), _field_cell(a[key])])
    body.append(table(lists, widths=[3800, 5800]))
    body.append(wml.page_break())
    body.append(para(run("Skema til beskrivelse af aktiviteter", bold=True, size=26)))
    guidance = {
        "purpose": "[Hvad skal aktiviteten føre til?]",
        "goals": "[Hvilke delmål bidrager aktiviteten til?]",
        "target_groups": "[Hvem er aktiviteten for?]",
        "content": "[Hvad sker der, hvor ofte og hvor?]",
        "responsibilities": "[Hvem gør hvad?]",
    }
    for activity in a.get("activities") or []:
        rows = [[_label_cell("Aktivitetsnavn", ""), _field_cell(activity["name"])]]
        for key, label in SHEET:
            if activity.get(key):
                rows.append(
                    [_label_cell(label, guidance[key]), _field_cell(_value_text(activity[key]))]
                )
        body.append(table(rows, widths=[3000, 6600]))
        body.append(para())
    return package.save("".join(body), wml.sect_pr()), truth_of(a)


# -- typed-toc --------------------------------------------------------------------------------
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
LETTERS = "ABCDEFGHIJ"


def _dots(text: str, page: int, width: int = 72) -> str:
    return f"{text} {'.' * max(4, width - len(text))} {page}"


def _roman_heading(n: int, title: str) -> str:
    return para(run(f"{ROMAN[n - 1]}. {title.upper()}", bold=True, size=24), keep_next=True)


def _own_line(label: str) -> str:
    return para(run(label, bold=True, italic=True), keep_next=True)


def typed_toc(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Cambria", footer_text="Delaftale")
    parts = [
        "Aftalens grundlag",
        "Parter",
        "Delmål og indikatorer",
        "Aktiviteter og medarbejderressourcer",
        "Aktivitetsbeskrivelser",
    ]
    body: list[str] = [
        para(run(a["title"], bold=True, size=36), align="center"),
        para(run(a["initiative"], size=26), align="center"),
        para(),
        para(run("Indhold", bold=True, size=26)),
    ]
    page = 2
    for n, title in enumerate(parts, 1):
        body.append(para(run(_dots(f"{ROMAN[n - 1]}. {title}", page))))
        if n == 3:
            for g in range(len(a["goals"])):
                body.append(para(run("    " + _dots(f"Delmål {LETTERS[g]}", page, 68))))
        if n == 4:
            # the template's own labels as entries: a reader must not start their parts here
            for entry in ("Medarbejderressourcer for indsatsområdet", "Revision af delaftalen"):
                body.append(para(run("    " + _dots(entry, page, 68))))
        if n == 5:
            for k, activity in enumerate(a.get("activities") or [], 1):
                body.append(para(run("    " + _dots(f"V.{k} {activity['name']}", page + k, 68))))
        page += 1
    body.append(wml.page_break())
    start = dt.date.fromisoformat(a["period"]["start"])
    end = dt.date.fromisoformat(a["period"]["end"])
    body.append(_roman_heading(1, parts[0]))
    body.append(_own_line("Navn på den boligsociale indsats"))
    body.append(
        para(package.comment(run(a["initiative"]), "Skal navnet stå som i LBF-ansøgningen?"))
    )
    body.append(_own_line("Indsatsområde"))
    body.append(para(run(a.get("focus_area") or "")))
    body.append(_own_line("Delaftalen gælder fra – til"))
    body.append(para(run(f"{start:%d.%m.%Y} – {end:%d.%m.%Y}")))
    body.append(para(INTRO))
    body.append(_roman_heading(2, parts[1]))
    body.append(para("Delaftalen er indgået mellem:"))
    body.extend(para(run(f"{LETTERS[n]})\t{party}")) for n, party in enumerate(a["parties"]))
    body.append(_roman_heading(3, parts[2]))
    headers = ("Indikator", "Baseline", "Anden baseline", "Baseline år", "Datakilde")
    for g, goal in enumerate(a["goals"]):
        body.append(para(run(f"Delmål {LETTERS[g]}: ", bold=True) + run(goal["text"], bold=True)))
        rows = _indicator_rows(goal, headers, "E7E6E6")
        body.append(table(rows, header_rows=1, widths=[2900, 2000, 1800, 1000, 1900]))
        body.append(para())
    body.append(_roman_heading(4, parts[3]))
    body.append(_own_line("Aktiviteter, som skal bidrage til indfrielsen af delmålene"))
    for n, name in enumerate(a.get("activity_names") or [], 1):
        body.append(para(run(f"V.{n}\t{name}")))
    if a.get("staff"):
        body.append(_own_line("Medarbejderressourcer"))
        body.extend(para(run(f"\u2013\t{s['text']}")) for s in a["staff"])
    for key, title in _sections(a):
        body.append(_own_line(title))
        body.extend(para(piece) for piece in sentences(a[key], 3))
    body.append(wml.page_break())
    body.append(_roman_heading(5, parts[4]))
    for n, activity in enumerate(a.get("activities") or [], 1):
        body.append(para(run(f"V.{n} {activity['name']}", bold=True, size=22), keep_next=True))
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            body.append(_own_line(label))
            if isinstance(value, list):
                body.extend(para(run(f"\u2013\t{v}")) for v in value)
            else:
                body.extend(para(piece) for piece in sentences(value, 3))
    return package.save("".join(body), wml.sect_pr(header=True)), truth_of(a)


# -- goal-columns -----------------------------------------------------------------------------
def _lettered(items: list[str]) -> list[str]:
    if len(items) == 1:
        return items
    return [f"{'abcdefgh'[n]}) {item}" for n, item in enumerate(items)]


def _staff_sentences(staff: list[Json]) -> str:
    leads = ("Til indsatsen er knyttet", "Desuden indgår", "Endelig bidrager")
    out = []
    for n, line in enumerate(staff):
        lead = leads[min(n, len(leads) - 1)]
        out.append(f"{lead} {line['text'].rstrip('.')}.")
    return " ".join(out)


def goal_columns(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Calibri", header_text=a["initiative"], footer_text="Side")
    period = a["period"]
    body: list[str] = [
        para(a["title"], style="Titel"),
        para(run("Navn på den boligsociale indsats: ", bold=True) + run(a["initiative"])),
        para(
            run("Delaftalen gælder fra - til: ", bold=True)
            + run(beyond.month_period(period).replace(" til ", " - "))
        ),
        para(run("Delaftalens parter:", bold=True)),
    ]
    body.extend(para(run(p), num=(wml.BULLETS, 0)) for p in a["parties"])
    body.append(para(sect=wml.sect_pr(header=True)))
    body.append(para("Delmål og indikatorer", style="Overskrift1"))
    goals = a["goals"]
    fields: list[tuple[str, Callable[[Json], str]]] = [
        ("Indikator", lambda i: i["text"]),
        ("Baseline boligområde/ målgruppe", lambda i: _figures(i.get("baselines"), "; ") or "–"),
        ("Evt. anden baseline", lambda i: _figures(i.get("comparators"), "; ") or "–"),
        ("Baseline år", lambda i: str(i.get("baseline_year") or "–")),
        ("Datakilde", lambda i: i.get("data_source") or "–"),
    ]
    label_width = 2200
    width = (15000 - label_width) // max(1, len(goals))
    rows = [
        [cell_of("Delmål", bold=True, shade="FCE4D6")]
        + [
            cell_of(f"Delmål {g}: {goal['text']}", bold=True, shade="FCE4D6")
            for g, goal in enumerate(goals, 1)
        ]
    ]
    for label, value in fields:
        row = [cell_of(label, bold=True, shade="FCE4D6")]
        for goal in goals:
            lines = _lettered([value(i) for i in goal["indicators"]])
            row.append(Cell([para(run(line)) for line in lines]))
        rows.append(row)
    body.append(table(rows, header_rows=1, widths=[label_width] + [width] * len(goals)))
    body.append(para())
    body.append(para("Aktiviteter", style="Overskrift1"))
    headers = ("Aktivitet", "Formål", "Delmål", "Målgruppe(r)", "Indhold og praksis", "Ansv.")
    sheet = [[cell_of(h, bold=True, shade="FCE4D6") for h in headers]]
    for activity in a.get("activities") or []:
        cells = [cell_of(activity["name"], bold=True)]
        for key in ("purpose", "goals", "target_groups", "content", "responsibilities"):
            value = activity.get(key)
            if isinstance(value, list):
                cells.append(Cell([para(run(v), num=(wml.BULLETS, 0)) for v in value]))
            else:
                cells.append(cell_of("\n\n".join(sentences(value, 2)) if value else ""))
        sheet.append(cells)
    body.append(table(sheet, header_rows=1, widths=[1900, 2600, 2600, 2200, 3600, 2100]))
    sheets = [x["name"] for x in a.get("activities") or []]
    # the list names the activities without a sheet of their own (one named in other words
    # is its sheet's)
    listed = [
        n
        for n in a.get("activity_names") or []
        if not any(fuzz.token_set_ratio(n.lower(), x.lower()) >= 70 for x in sheets)
    ]
    if listed:
        body.append(para("Øvrige aktiviteter under delaftalen:"))
        body.extend(para(run(n), num=(wml.BULLETS, 0)) for n in listed)
    body.append(para(sect=wml.sect_pr(landscape=True, header=True)))
    if a.get("staff"):
        body.append(para("Medarbejderressourcer", style="Overskrift1"))
        body.append(para(_staff_sentences(a["staff"])))
    for key, title in _sections(a):
        body.append(para(title, style="Overskrift1"))
        body.extend(para(piece) for piece in sentences(a[key], 3))
    truth = truth_of(a)
    # the overview table names every sheet; the other listed names are under it
    truth["activity_names"] = sheets + listed
    return package.save("".join(body), wml.sect_pr(header=True)), truth


# -- abbreviated ------------------------------------------------------------------------------
def _slashed(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day}/{day.month}-{day.year}"


def abbreviated(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Arial", footer_text="Delaftale")
    period = a["period"]
    tab = "\t"
    body: list[str] = [
        para(run(a["title"], bold=True, size=30)),
        para(run("Indsats:", bold=True) + run(tab + a["initiative"])),
        para(run("Indsatsomr.:", bold=True) + run(tab + (a.get("focus_area") or ""))),
        para(
            run("Periode:", bold=True)
            + run(f"{tab}{_slashed(period['start'])} \u2013 {_slashed(period['end'])}")
        ),
        para(run("Delmål og succeskriterier", bold=True, size=24)),
    ]
    headers = ("Delmål", "Succeskriterie", "Baseline", "Sml.", "År", "Kilde")
    rows = [[cell_of(h, bold=True, shade="BDD7EE") for h in headers]]
    for g, goal in enumerate(a["goals"], 1):
        for i, indicator in enumerate(goal["indicators"], 1):
            rows.append(
                [
                    cell_of(f"{g}. {goal['text']}" if i == 1 else ""),
                    cell_of(f"{g}.{i} {indicator['text']}"),
                    cell_of(_figures(indicator.get("baselines"))),
                    cell_of(_figures(indicator.get("comparators"))),
                    cell_of(str(indicator.get("baseline_year") or "")),
                    cell_of(indicator.get("data_source") or ""),
                ]
            )
    body.append(table(rows, header_rows=1, widths=[2000, 2200, 1800, 1500, 700, 1400]))
    body.append(para())
    body.append(para(run("Akt.:", bold=True)))
    body.extend(para(run(n), num=(wml.NUMBERS, 0)) for n in a.get("activity_names") or [])
    truth = truth_of(a)
    if a.get("staff"):
        body.append(para(run("Medarb.ressourcer:", bold=True)))
        staff_rows = [
            [
                cell_of(h, bold=True, shade="BDD7EE")
                for h in ("Stilling", "Andel", "Timer/år", "Finans.")
            ]
        ]
        staff_rows.extend([cell_of(c) for c in staff_cells(s)] for s in a["staff"])
        body.append(table(staff_rows, header_rows=1, widths=[3800, 1400, 1400, 3000]))
        for staff in truth.get("staff") or []:
            staff["text"] = " ".join(c for c in staff_cells(staff) if c)
    labels = {
        "municipal_coherence": "Sammenhæng m. kommunal indsats:",
        "revision": "Revision:",
    }
    for key, _ in _sections(a):
        body.append(para(run(labels[key], bold=True)))
        body.extend(para(piece) for piece in sentences(a[key], 3))
    body.append(wml.page_break())
    body.append(para(run("Aktivitetsskemaer", bold=True, size=24)))
    short = {
        "purpose": "Formål",
        "goals": "Delmål",
        "target_groups": "Målgr.",
        "content": "Indhold",
        "responsibilities": "Ansv.",
    }
    for activity in a.get("activities") or []:
        sheet = [[cell_of("Akt.", bold=True, shade="DEEAF6"), cell_of(activity["name"], bold=True)]]
        for key, _ in SHEET:
            value = activity.get(key)
            if not value:
                continue
            if isinstance(value, list):
                cell = Cell([para(run(v), num=(wml.BULLETS, 0)) for v in value])
            else:
                cell = cell_of(value)
            sheet.append([cell_of(short[key], bold=True, shade="DEEAF6"), cell])
        body.append(table(sheet, widths=[1500, 8100]))
        body.append(para())
    body.append(para(run("Underskrifter", bold=True, size=24)))
    body.append(para("Parterne har godkendt delaftalen."))
    for party in a["parties"]:
        body.append(para())
        body.append(para(run(f"For {party}", bold=True), keep_next=True))
        body.append(para(run("Dato: ______________\tUnderskrift: ______________________________")))
    return package.save("".join(body), wml.sect_pr()), truth


# -- outline-numbered -------------------------------------------------------------------------
OUTLINE = 3  # the numId of the multi-level list


def _outline_numbering(numbering: str) -> str:
    """numbering.xml with a third list: Word's »1. / 1.1. / 1.1.1.« outline numbering."""
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{k + 1}" for k in range(n + 1))}{"." if n == 0 else ""}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{432 + 144 * n}" w:hanging="{432 + 144 * n}"/>'
        f"</w:pPr>{'<w:rPr><w:b/></w:rPr>' if n < 2 else ''}</w:lvl>"
        for n in range(3)
    )
    abstract = (
        '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>'
        f"{levels}</w:abstractNum>"
    )
    numbering = numbering.replace('<w:num w:numId="1">', abstract + '<w:num w:numId="1">', 1)
    return numbering.replace(
        "</w:numbering>",
        f'<w:num w:numId="{OUTLINE}"><w:abstractNumId w:val="2"/></w:num></w:numbering>',
    )


def _with_outline(data: bytes) -> bytes:
    return wml.rewrite_part(data, "word/numbering.xml", _outline_numbering)


def _item(text: str, level: int, *, bold: bool = True) -> str:
    return para(run(text, bold=bold), num=(OUTLINE, level), keep_next=bold)


def _under(text: str) -> str:
    """A value below its numbered label, indented as the item's text."""
    return f'<w:p><w:pPr><w:ind w:left="576"/></w:pPr>{run(text)}</w:p>'


def outline_numbered(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Segoe UI", footer_text="Side")
    period = a["period"]
    start = dt.date.fromisoformat(period["start"])
    end = dt.date.fromisoformat(period["end"])
    body: list[str] = [para(a["title"], style="Titel"), para(INTRO)]
    body.append(_item("Aftalens grundlag", 0))
    body.append(_item("Navn på den boligsociale indsats", 1))
    body.append(_under(a["initiative"]))
    body.append(_item("Delaftalen gælder fra - til", 1))
    body.append(
        _under(f"{start.day}.{start.month}.{start.year} - {end.day}.{end.month}.{end.year}")
    )
    body.append(_item("Delaftalens parter", 0))
    body.extend(_item(p, 1, bold=False) for p in a["parties"])
    body.append(_item("Delmål og indikatorer for indsatsområdet", 0))
    headers = (
        "Indikator",
        "Baseline boligområde/målgruppe",
        "Evt. anden baseline",
        "Baseline år",
        "Datakilde",
    )
    for goal in a["goals"]:
        body.append(_item(goal["text"], 1))
        rows = _indicator_rows(goal, headers, "D9E2F3")
        body.append(table(rows, header_rows=1, widths=[2800, 2100, 1900, 900, 1900]))
        body.append(para())
    body.append(_item("Aktiviteter, som skal bidrage til indfrielsen af delmålene", 0))
    body.extend(_item(n, 1, bold=False) for n in a.get("activity_names") or [])
    if a.get("staff"):
        body.append(_item("Medarbejderressourcer for indsatsområdet", 0))
        body.extend(_item(s["text"], 1, bold=False) for s in a["staff"])
    for key, title in _sections(a):
        body.append(_item(title, 0))
        body.extend(_under(piece) for piece in sentences(a[key], 3))
    body.append(_item("Skema til beskrivelse af aktiviteter", 0))
    for activity in a.get("activities") or []:
        body.append(_item(f"Aktivitetsnavn: {activity['name']}", 1))
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            body.append(_item(label, 2))
            if isinstance(value, list):
                body.extend(para(run(v), num=(wml.BULLETS, 0)) for v in value)
            else:
                body.extend(_under(piece) for piece in sentences(value, 3))
    return _with_outline(package.save("".join(body), wml.sect_pr())), truth_of(a)


DOCX_FAMILIES: dict[str, Callable[[Json], tuple[bytes, Json]]] = {
    **beyond.DOCX_FAMILIES,
    "form-fields": form_fields,
    "typed-toc": typed_toc,
    "goal-columns": goal_columns,
    "abbreviated": abbreviated,
    "outline-numbered": outline_numbered,
}
ODT_FAMILIES = beyond.ODT_FAMILIES
HTML_FAMILIES = beyond.HTML_FAMILIES
FAMILY_KINDS = beyond.FAMILY_KINDS
LEGACY_FORMATS = beyond.LEGACY_FORMATS
PRINT_ACCEPTED = beyond.PRINT_ACCEPTED
accepted = beyond.accepted
FRESH = ("form-fields", "typed-toc", "goal-columns", "abbreviated", "outline-numbered")
DESCRIPTIONS = {
    **beyond.DESCRIPTIONS,
    "form-fields": "legacy FORMTEXT fields in grey label tables, [bracketed guidance] left in",
    "typed-toc": "typed TOC with dots, roman capital sections, labels on own lines, A) parties",
    "goal-columns": "landscape goal table one column per delmål, activity overview row table",
    "abbreviated": "short labels (Indsats:, Sml., Ansv., Målgr.), signature block parties",
    "outline-numbered": "one Word multi-level list 1./1.1/1.1.1 for headings, fields and goals",
}
