"""Families for layouts beyond all the earlier ones (session 7, issue 8): each a way a plan
lays out LBF's Word template by hand that no other family shows.

- `target-years`: the header fields in the Word page header (a label table repeated on
  every page); a landscape goal table whose columns are years (»Baseline 2022 | Kommunen
  2022 | Måltal 2025 | Måltal 2027«) with »Succeskriterium« and »Forventet udvikling«
  columns, an indicator measured another year saying so in its cell (»… (2021)«); the
  period »01.07.2023-30.06.2027«, percentages written »21,4 pct.«.
- `heading-lines`: each delmål a Word heading (»Delmål 1: …«), each indicator a run of flat
  bullet lines »Indikator: … / Baseline: … / Sammenligning: … / Baseline år: … /
  Datakilde: …«, a footnote on a data source; header fields as »Label:<tab>value«; the
  parties in one paragraph split by soft line breaks; the period »1/7 2023 – 30/6 2027«.
- `nested-goals`: a cover page; one outer table per delmål with the indicators as a table
  nested in a cell spanning the row; the activity sheets as tables nested in an outer table
  (one row per activity); the period »juli 2023 til juni 2027«; also saved by LibreOffice
  as Word 97 (.doc).
- `tracked-rows`: the standard template with its editing history left in: a deleted table
  row and an inserted one, a figure replaced (old one deleted), a party moved (w:moveFrom /
  w:moveTo), a deleted party and activity line, words split over runs by bookmarks and
  proofing marks; printed to PDF with the changes accepted (as the plan prints its final
  version).
- `word-html`: the HTML Word saves (»Websted, filtreret«): MsoNormal paragraphs, lists as
  paragraphs whose bullet or number is text inside `<![if !supportLists]>`, entities for æ/ø/å
  under a windows-1252 meta, tables of `<p class=MsoNormal>` cells; printed by WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from html.entities import codepoint2name
from xml.sax.saxutils import escape

from corpus.foreign import unseen, wml
from corpus.foreign.families import (
    INTRO,
    SHEET,
    Json,
    bold_heading,
    closing_parts,
    label_paragraphs,
    long_date,
    measure_text,
    sentences,
    sheet_rows,
    truth_of,
)
from corpus.foreign.handmade import _whole_months
from corpus.foreign.wml import Cell, cell_of, para, run, table
from lib.danish import MONTH_NAMES


# -- how these plans write dates and figures --------------------------------------------------
def dotted_period(period: Json) -> str:
    """»01.07.2023-30.06.2027«."""

    def dotted(iso: str) -> str:
        return dt.date.fromisoformat(iso).strftime("%d.%m.%Y")

    return f"{dotted(period['start'])}-{dotted(period['end'])}"


def slashed_period(period: Json) -> str:
    """»1/7 2023 – 30/6 2027«."""

    def slashed(iso: str) -> str:
        day = dt.date.fromisoformat(iso)
        return f"{day.day}/{day.month} {day.year}"

    return f"{slashed(period['start'])} \u2013 {slashed(period['end'])}"


def month_period(period: Json) -> str:
    """»juli 2023 til juni 2027« where the period is whole months, long dates otherwise."""
    if not _whole_months(period):
        return f"{long_date(period['start'])} til {long_date(period['end'])}"

    def month(iso: str) -> str:
        day = dt.date.fromisoformat(iso)
        return f"{MONTH_NAMES[day.month - 1]} {day.year}"

    return f"{month(period['start'])} til {month(period['end'])}"


def pct(text: str) -> str:
    """»21,4 %« written »21,4 pct.«."""
    return re.sub(r"\s?%", " pct.", text)


def _figures(measures: list[Json] | None, joiner: str = "\n", *, words: bool = False) -> str:
    texts = [measure_text(m) for m in measures or []]
    return joiner.join(pct(t) if words else t for t in texts)


def _heading1(title: str) -> str:
    return para(title, style="Overskrift1")


def _body_sheet(activity: Json) -> list[str]:
    return label_paragraphs(activity)


# -- target-years -----------------------------------------------------------------------------
def _header_table(a: Json) -> str:
    rows = [
        [cell_of("Boligsocial helhedsplan", bold=True), cell_of(a["initiative"])],
        [cell_of("Indsatsområde", bold=True), cell_of(a.get("focus_area") or "")],
        [cell_of("Aftaleperiode", bold=True), cell_of(dotted_period(a["period"]))],
    ]
    return table(rows, borders=False, widths=[2800, 6800])


def _trend(indicator: Json) -> str:
    text = indicator["text"].lower()
    return "Faldende" if any(w in text for w in ("restgruppe", "ledig", "anmeld")) else "Stigende"


def target_years(a: Json) -> tuple[bytes, Json]:
    """The baseline year is the column's (the most common one); an indicator measured in
    another year says so in its cell, and one without a year is read as the column's."""
    package = wml.Package(fonts="Calibri", header_blocks=_header_table(a), footer_text="Side")
    truth = truth_of(a)
    indicators = [i for g in truth["goals"] for i in g["indicators"]]
    years = Counter(i.get("baseline_year") for i in indicators if i.get("baseline_year"))
    year = years.most_common(1)[0][0] if years else int(a["period"]["start"][:4]) - 1
    end = int(a["period"]["end"][:4])
    body: list[str] = [
        para(a["title"], style="Titel"),
        para(INTRO),
        para("Parter", style="Overskrift1"),
    ]
    body.extend(para(run(p), num=(wml.BULLETS, 0)) for p in a["parties"])
    body.append(para(sect=wml.sect_pr(header=True)))
    body.append(para("Delmål, succeskriterier og måltal", style="Overskrift1"))
    headers = (
        "Delmål",
        "Succeskriterium",
        f"Baseline {year}",
        f"Kommunen {year}",
        f"Måltal {year + 3}",
        f"Måltal {end}",
        "Forventet udvikling",
        "Datakilde",
    )
    rows = [[cell_of(h, bold=True, shade="C6E0B4") for h in headers]]
    for goal in truth["goals"]:
        for index, indicator in enumerate(goal["indicators"]):
            own = indicator.get("baseline_year")
            note = f" ({own})" if own and own != year else ""
            if not own and indicator.get("baselines"):
                indicator["baseline_year"] = year  # the column says so
            baselines = _figures(indicator.get("baselines"), words=True)
            comparators = _figures(indicator.get("comparators"), words=True)
            goal_cell = Cell(
                [para(run(goal["text"]))] if index == 0 else [para()],
                vmerge=("restart" if index == 0 else "continue")
                if len(goal["indicators"]) > 1
                else None,
            )
            rows.append(
                [
                    goal_cell,
                    cell_of(indicator["text"]),
                    cell_of(baselines + note if baselines else ""),
                    cell_of(comparators),
                    cell_of(pct(unseen._target(indicator, 2))),
                    cell_of(pct(unseen._target(indicator, 4))),
                    cell_of(_trend(indicator)),
                    cell_of(indicator.get("data_source") or ""),
                ]
            )
    body.append(table(rows, header_rows=1, widths=[2300, 2600, 1700, 1500, 1200, 1200, 1300, 2000]))
    body.append(para(sect=wml.sect_pr(landscape=True, header=True)))
    body.extend(closing_parts(a, _heading1, sheets_title="Aktivitetsbeskrivelser"))
    for activity in a.get("activities") or []:
        body.append(table(sheet_rows(activity, "Aktivitetens navn", "E2EFDA"), widths=[2600, 7000]))
        body.append(para())
    return package.save("".join(body), wml.sect_pr(header=True)), truth


# -- heading-lines ----------------------------------------------------------------------------
def _line(label: str, value: str) -> str:
    return para(run(f"{label}: ", bold=True) + run(value), num=(wml.BULLETS, 0))


def heading_lines(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Georgia")
    body: list[str] = [
        para(a["title"], style="Titel"),
        para(run("Helhedsplan:", bold=True) + run("\t" + a["initiative"])),
        para(run("Indsatsområde:", bold=True) + run("\t" + (a.get("focus_area") or ""))),
        para(run("Periode:", bold=True) + run("\t" + slashed_period(a["period"]))),
        para("Parter", style="Overskrift1"),
        para(run("\n".join(a["parties"]))),
        para("Delmål og indikatorer", style="Overskrift1"),
        para(INTRO),
    ]
    noted = False
    for g, goal in enumerate(a["goals"], 1):
        body.append(para(f"Delmål {g}: {goal['text']}", style="Overskrift2"))
        for indicator in goal["indicators"]:
            body.append(_line("Indikator", indicator["text"]))
            if indicator.get("baselines"):
                body.append(_line("Baseline", _figures(indicator["baselines"], "; ")))
            if indicator.get("comparators"):
                body.append(_line("Sammenligning", _figures(indicator["comparators"], "; ")))
            if indicator.get("baseline_year"):
                body.append(_line("Baseline år", str(indicator["baseline_year"])))
            if indicator.get("data_source"):
                source = run("Datakilde: ", bold=True) + run(indicator["data_source"])
                if not noted:
                    source += package.footnote("Tallene opgøres hvert år pr. 1. januar.")
                    noted = True
                body.append(para(source, num=(wml.BULLETS, 0)))
    body.extend(closing_parts(a, _heading1, coherence="Sammenhæng med den kommunale indsats"))
    body.append(_heading1("Beskrivelse af aktiviteterne"))
    for activity in a.get("activities") or []:
        body.append(para(activity["name"], style="Overskrift2"))
        body.extend(_body_sheet(activity))
    return package.save("".join(body), wml.sect_pr()), truth_of(a)


# -- nested-goals -----------------------------------------------------------------------------
def nested_goals(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Arial")
    period = month_period(a["period"])
    body: list[str] = [
        para(),
        para(run("Boligsocial helhedsplan", size=28), align="center"),
        para(run(a["title"], bold=True, size=44), align="center"),
        para(run(a["initiative"], size=28), align="center"),
        para(run(period, size=24), align="center"),
        wml.page_break(),
        table(
            [
                [cell_of("Helhedsplanens navn", bold=True), cell_of(a["initiative"])],
                [cell_of("Aftaleperiode", bold=True), cell_of(period)],
                [cell_of("Parter", bold=True), cell_of("\n\n".join(a["parties"]))],
            ],
            borders=False,
            widths=[2800, 6800],
        ),
        para(),
        para(run("Delmål og indikatorer", bold=True, size=28)),
    ]
    headers = ("Indikator", "Udgangspunkt", "Sammenligning", "Opgjort", "Kilde")
    outer: list[list[Cell]] = []
    for g, goal in enumerate(a["goals"], 1):
        outer.append(
            [cell_of(f"Delmål {g}", bold=True, shade="DEEAF6"), cell_of(goal["text"], bold=True)]
        )
        inner = [[cell_of(h, bold=True, shade="F2F2F2") for h in headers]]
        for indicator in goal["indicators"]:
            inner.append(
                [
                    cell_of(indicator["text"]),
                    cell_of(_figures(indicator.get("baselines"))),
                    cell_of(_figures(indicator.get("comparators"))),
                    cell_of(str(indicator.get("baseline_year") or "")),
                    cell_of(indicator.get("data_source") or ""),
                ]
            )
        nested = table(inner, header_rows=1, widths=[2700, 1900, 1800, 900, 2000])
        outer.append([Cell([para(run("Indikatorer:", italic=True)), nested, para()], span=2)])
    body.append(table(outer, widths=[1500, 8100]))
    body.append(para())
    body.extend(closing_parts(a, bold_heading(28), sheets_title="Aktivitetsbeskrivelser"))
    rows: list[list[Cell]] = []
    for n, activity in enumerate(a.get("activities") or [], 1):
        sheet = table(sheet_rows(activity, "Aktivitetsnavn", "F2F2F2"), widths=[2200, 5900])
        rows.append([cell_of(str(n), bold=True), Cell([sheet, para()])])
    if rows:
        body.append(table(rows, widths=[600, 9000]))
    return package.save("".join(body), wml.sect_pr()), truth_of(a)


# -- tracked-rows -----------------------------------------------------------------------------
_AUTHOR = 'w:author="Projektleder" w:date="2024-03-04T09:15:00Z"'


def _rev() -> str:
    wml._REV[0] += 1
    return f'w:id="{wml._REV[0]}" {_AUTHOR}'


def _deleted_para(text: str, num: tuple[int, int] | None = None) -> str:
    """A whole paragraph deleted, its mark too (as Word records deleting a list line)."""
    numpr = (
        f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
    )
    return (
        f"<w:p><w:pPr>{numpr}<w:rPr><w:del {_rev()}/></w:rPr></w:pPr>"
        f'<w:del {_rev()}><w:r><w:delText xml:space="preserve">{escape(text)}</w:delText>'
        "</w:r></w:del></w:p>"
    )


def _inserted_para(text: str, num: tuple[int, int] | None = None) -> str:
    numpr = (
        f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
    )
    return f"<w:p><w:pPr>{numpr}<w:rPr><w:ins {_rev()}/></w:rPr></w:pPr><w:ins {_rev()}>{run(text)}</w:ins></w:p>"


def _moved(text: str, name: str, *, to: bool, num: tuple[int, int]) -> str:
    numpr = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    kind = "moveTo" if to else "moveFrom"
    inner = (
        run(text)
        if to
        else f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r>'
    )
    mark = "moveTo" if to else "moveFrom"
    return (
        f"<w:p><w:pPr>{numpr}<w:rPr><w:{mark} {_rev()}/></w:rPr></w:pPr>"
        f'<w:{kind}RangeStart {_rev()} w:name="{name}"/><w:{kind} {_rev()}>{inner}</w:{kind}>'
        f'<w:{kind}RangeEnd w:id="{wml._REV[0] - 1}"/></w:p>'
    )


def _split(text: str) -> str:
    """The text as Word leaves it after editing: split over runs at a bookmark and a proofing
    mark in the middle of a word."""
    if len(text) < 12:
        return run(text)
    cut = len(text) // 2
    wml._REV[0] += 1
    return (
        run(text[:cut])
        + f'<w:bookmarkStart w:id="{wml._REV[0]}" w:name="_Ref{wml._REV[0]}"/>'
        + '<w:proofErr w:type="spellStart"/>'
        + run(text[cut:])
        + '<w:proofErr w:type="spellEnd"/>'
        + f'<w:bookmarkEnd w:id="{wml._REV[0]}"/>'
    )


def _changed_figure(text: str) -> str:
    """A figure the plan corrected: the old value deleted, the new one inserted."""
    match = re.search(r"\d+(?:,\d+)?", text)
    if not match:
        return run(text)
    old = str(int(match.group(0).split(",")[0]) + 3)
    return (
        run(text[: match.start()])
        + f'<w:del {_rev()}><w:r><w:delText xml:space="preserve">{old}</w:delText></w:r></w:del>'
        + f"<w:ins {_rev()}>{run(match.group(0))}</w:ins>"
        + run(text[match.end() :])
    )


def _tracked_row(cells: list[str], kind: str) -> str:
    """A table row inserted or deleted with tracked changes on (its text too)."""
    tcs = []
    for text in cells:
        if kind == "del":
            content = (
                f'<w:del {_rev()}><w:r><w:delText xml:space="preserve">{escape(text)}'
                "</w:delText></w:r></w:del>"
                if text
                else ""
            )
        else:
            content = f"<w:ins {_rev()}>{run(text)}</w:ins>" if text else ""
        tcs.append(
            f'<w:tc><w:tcPr><w:tcW w:w="1600" w:type="dxa"/></w:tcPr><w:p>{content}</w:p></w:tc>'
        )
    return f"<w:tr><w:trPr><w:{kind} {_rev()}/></w:trPr>{''.join(tcs)}</w:tr>"


_HEADERS = (
    "Delmål",
    "Indikator",
    "Baseline boligområde/ målgruppe",
    "Evt. anden baseline",
    "Baseline år",
    "Datakilde",
)


def tracked_rows(a: Json) -> tuple[bytes, Json]:
    package = wml.Package(fonts="Calibri")
    period = a["period"]
    end = long_date(period["end"])
    body: list[str] = [
        para(run(a["title"], bold=True, size=32)),
        para(run("Navn på den boligsociale indsats: ", bold=True) + _split(a["initiative"])),
        para(
            run("Delaftalen gælder fra - til: ", bold=True)
            + run(f"{long_date(period['start'])} - {end[:-4]}")
            + f"<w:del {_rev()}><w:r><w:delText>{int(end[-4:]) - 1}</w:delText></w:r></w:del>"
            + f"<w:ins {_rev()}>{run(end[-4:])}</w:ins>"
        ),
        para(run("Delaftalens parter:", bold=True)),
    ]
    parties = a["parties"]
    moved = parties[-1] if len(parties) > 1 else None
    if moved:
        body.append(_moved(moved, "move1", to=False, num=(wml.BULLETS, 0)))
    for n, party in enumerate(parties[:-1] if moved else parties):
        body.append(para(_split(party), num=(wml.BULLETS, 0)))
        if n == 0:
            body.append(_deleted_para("Lokalt jobcenter, afdeling for unge", (wml.BULLETS, 0)))
    if moved:
        body.append(_moved(moved, "move1", to=True, num=(wml.BULLETS, 0)))
    body.append(para(run("Delmål og indikatorer for indsatsområdet", bold=True, size=26)))
    header = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="1600" w:type="dxa"/><w:shd w:val="clear" w:color="auto" '
        f'w:fill="D9E2F3"/></w:tcPr>{para(run(h, bold=True))}</w:tc>'
        for h in _HEADERS
    )
    rows = [f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>"]
    last_goal = len(a["goals"]) - 1
    for g, goal in enumerate(a["goals"]):
        for index, indicator in enumerate(goal["indicators"]):
            cells = [
                goal["text"] if index == 0 else "",
                indicator["text"],
                _figures(indicator.get("baselines"), "; "),
                _figures(indicator.get("comparators"), "; "),
                str(indicator.get("baseline_year") or ""),
                indicator.get("data_source") or "",
            ]
            if g == last_goal and index == len(goal["indicators"]) - 1 and index > 0:
                rows.append(_tracked_row(cells, "ins"))
                continue
            tcs = []
            for col, text in enumerate(cells):
                content = (
                    _changed_figure(text) if col == 2 and g == 0 and index == 0 else _split(text)
                )
                tcs.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="1600" w:type="dxa"/></w:tcPr>{para(content)}</w:tc>'
                )
            rows.append(f"<w:tr>{''.join(tcs)}</w:tr>")
        if g == 0:
            rows.append(
                _tracked_row(
                    [
                        "",
                        "Antal deltagere i sommerferieaktiviteter",
                        "62 deltagere",
                        "",
                        "2021",
                        "Egen optælling",
                    ],
                    "del",
                )
            )
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    body.append(
        f'<w:tbl><w:tblPr><w:tblW w:w="9600" w:type="dxa"/><w:tblBorders>{borders}'
        "</w:tblBorders></w:tblPr><w:tblGrid>"
        + '<w:gridCol w:w="1600"/>' * 6
        + f"</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    body.append(
        para(
            run(
                "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet:",
                bold=True,
            )
        )
    )
    for n, name in enumerate(a.get("activity_names") or []):
        if n == 1:
            body.append(_deleted_para("Sommerferieaktiviteter for børn og unge", (wml.NUMBERS, 0)))
        body.append(para(_split(name), num=(wml.NUMBERS, 0)))
    body.append(para(run("Medarbejderressourcer for indsatsområdet:", bold=True)))
    for staff in a.get("staff") or []:
        body.append(para(run(staff["text"]), num=(wml.BULLETS, 0)))
    for key, title in (
        ("municipal_coherence", "Sammenhæng med den kommunale indsats i boligområdet:"),
        ("revision", "Revision af delaftalen:"),
    ):
        if a.get(key):
            body.append(para(run(title, bold=True)))
            pieces = sentences(a[key], 3)
            for n, piece in enumerate(pieces):
                body.append(para(_split(piece)))
                if n == 0 and key == "municipal_coherence":
                    body.append(_deleted_para("Kommunen har endnu ikke besluttet sin indsats."))
    body.append(wml.page_break())
    body.append(para(run("Skema til beskrivelse af aktiviteter", bold=True, size=26)))
    for activity in a.get("activities") or []:
        body.append(table(sheet_rows(activity, "Aktivitetsnavn"), widths=[2600, 7000]))
        body.append(para())
    return package.save("".join(body), wml.sect_pr()), truth_of(a)


def accepted(document_xml: str) -> str:
    """The body with every tracked change accepted: deleted and moved-away text and rows
    gone, insertions kept (what Word prints once the plan accepts its changes)."""
    text = re.sub(r"<w:tr><w:trPr><w:del [^>]*/></w:trPr>.*?</w:tr>", "", document_xml)
    text = re.sub(
        r"<w:p><w:pPr>(?:(?!</w:pPr>).)*<w:rPr><w:(?:del|moveFrom) [^>]*/></w:rPr></w:pPr>.*?</w:p>",
        "",
        text,
    )
    text = re.sub(r"<w:del [^>]*>.*?</w:del>", "", text)
    text = re.sub(r"<w:moveFrom [^>]*>.*?</w:moveFrom>", "", text)
    text = re.sub(r"<w:(?:ins|moveTo) [^>]*/>", "", text)
    text = re.sub(r"</?w:(?:ins|moveTo)(?: [^>]*)?>", "", text)
    return text


# -- word-html --------------------------------------------------------------------------------
def _entities(text: str) -> str:
    """Word's filtered HTML: every character outside ASCII as a named entity."""
    out = []
    for ch in escape(text):
        code = ord(ch)
        if code < 128:
            out.append(ch)
        elif code in codepoint2name:
            out.append(f"&{codepoint2name[code]};")
        else:
            out.append(f"&#{code};")
    return "".join(out)


_WORD_CSS = """<!--
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin-top:0cm;margin-right:0cm;margin-bottom:8.0pt;margin-left:0cm;
	line-height:107%;font-size:11.0pt;font-family:"Calibri",sans-serif;}
h1	{margin-top:12.0pt;margin-bottom:0cm;font-size:16.0pt;font-family:"Calibri Light",sans-serif;
	color:#2F5496;font-weight:normal;}
h2	{margin-top:2.0pt;margin-bottom:0cm;font-size:13.0pt;font-family:"Calibri Light",sans-serif;
	color:#2F5496;font-weight:normal;}
p.MsoListParagraphCxSpFirst, p.MsoListParagraphCxSpMiddle, p.MsoListParagraphCxSpLast
	{margin-top:0cm;margin-right:0cm;margin-bottom:0cm;margin-left:36.0pt;font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
p.MsoTitle {margin:0cm;font-size:28.0pt;font-family:"Calibri Light",sans-serif;}
@page WordSection1 {size:595.3pt 841.9pt;margin:70.85pt 56.7pt 70.85pt 56.7pt;}
div.WordSection1 {page:WordSection1;}
-->"""


def _mso_list(items: list[str], *, numbered: bool) -> list[str]:
    out = []
    for n, item in enumerate(items, 1):
        place = "First" if n == 1 else "Last" if n == len(items) else "Middle"
        if len(items) == 1:
            place = ""
        cls = f"MsoListParagraphCxSp{place}" if place else "MsoListParagraph"
        if numbered:
            mark = (
                f"{n}.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp; </span>"
            )
        else:
            mark = (
                "<span style='font-family:Symbol'>&middot;<span style='font:7.0pt "
                '"Times New Roman"\'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>'
            )
        out.append(
            f"<p class={cls} style='text-indent:-18.0pt;mso-list:l{int(numbered)} level1 lfo{n}'>"
            f"<![if !supportLists]>{mark}<![endif]>{_entities(item)}</p>"
        )
    return out


def _mso_p(text: str, *, bold_label: str = "") -> str:
    label = f"<b>{_entities(bold_label)}</b> " if bold_label else ""
    return f"<p class=MsoNormal>{label}{_entities(text)}<o:p></o:p></p>"


def _mso_cell(texts: list[str], *, width: int, bold: bool = False, shade: str = "") -> str:
    style = "border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt"
    if shade:
        style += f";background:{shade}"
    inner = "".join(
        "<p class=MsoNormal style='margin-bottom:0cm;line-height:normal'>"
        + (f"<b>{_entities(t)}</b>" if bold else _entities(t))
        + "</p>"
        for t in (texts or [""])
    )
    return f"<td width={width} valign=top style='width:{width * 0.75:.1f}pt;{style}'>{inner}</td>"


def word_html(a: Json) -> tuple[str, Json]:
    out = [
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">',
        '<head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">',
        '<meta name=Generator content="Microsoft Word 15 (filtered)">',
        f"<title>{_entities(a['title'])}</title><style>{_WORD_CSS}</style></head>",
        "<body lang=DA style='word-wrap:break-word'><div class=WordSection1>",
        f"<p class=MsoTitle>{_entities(a['title'])}</p>",
        _mso_p(a["initiative"], bold_label="Navn på den boligsociale indsats:"),
        _mso_p(dotted_period(a["period"]), bold_label="Delaftalen gælder fra - til:"),
        "<h1>Delaftalens parter</h1>",
        *_mso_list(a["parties"], numbered=False),
        "<h1>Delmål og indikatorer for indsatsområdet</h1>",
        "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 "
        "style='border-collapse:collapse;border:none'>",
        "<tr>"
        + "".join(_mso_cell([h], width=107, bold=True, shade="#D9E2F3") for h in _HEADERS)
        + "</tr>",
    ]
    for goal in a["goals"]:
        n = len(goal["indicators"])
        for index, indicator in enumerate(goal["indicators"]):
            cells = []
            if index == 0:
                cell = _mso_cell([goal["text"]], width=107)
                cells.append(cell.replace("<td ", f"<td rowspan={n} ", 1) if n > 1 else cell)
            cells.append(_mso_cell([indicator["text"]], width=107))
            cells.append(
                _mso_cell([measure_text(m) for m in indicator.get("baselines") or []], width=107)
            )
            cells.append(
                _mso_cell([measure_text(m) for m in indicator.get("comparators") or []], width=107)
            )
            cells.append(_mso_cell([str(indicator.get("baseline_year") or "")], width=60))
            cells.append(_mso_cell([indicator.get("data_source") or ""], width=107))
            out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    out.append("<p class=MsoNormal>&nbsp;</p>")
    out.append(
        f"<h1>{_entities('Aktiviteter, som skal bidrage til indfrielsen af delmålene')}</h1>"
    )
    out.extend(_mso_list(a.get("activity_names") or [], numbered=True))
    if a.get("staff"):
        out.append("<h1>Medarbejderressourcer for indsatsomr&aring;det</h1>")
        out.extend(_mso_list([s["text"] for s in a["staff"]], numbered=False))
    for key, title in (
        ("municipal_coherence", "Sammenhæng med den kommunale indsats i boligområdet"),
        ("revision", "Revision af delaftalen"),
    ):
        if a.get(key):
            out.append(f"<h1>{_entities(title)}</h1>")
            out.extend(_mso_p(s) for s in sentences(a[key], 3))
    out.append(
        "<b><span style='font-size:11.0pt'><br clear=all style='page-break-before:always'></span></b>"
    )
    out.append("<h1>Skema til beskrivelse af aktiviteter</h1>")
    for activity in a.get("activities") or []:
        out.append(
            "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 "
            "style='border-collapse:collapse;border:none'>"
        )
        out.append(
            "<tr>"
            + _mso_cell(["Aktivitetsnavn"], width=200, bold=True, shade="#E7E6E6")
            + _mso_cell([activity["name"]], width=440)
            + "</tr>"
        )
        for key, label in SHEET:
            value = activity.get(key)
            if not value:
                continue
            texts = value if isinstance(value, list) else sentences(value, 2)
            out.append(
                "<tr>"
                + _mso_cell([label], width=200, bold=True, shade="#E7E6E6")
                + _mso_cell(texts, width=440)
                + "</tr>"
            )
        out.append("</table><p class=MsoNormal>&nbsp;</p>")
    out.append("</div></body></html>")
    return "\n".join(out), truth_of(a)


# Every hand-written family: the earlier ones (unseen.py and before) and these.
DOCX_FAMILIES: dict[str, Callable[[Json], tuple[bytes, Json]]] = {
    **unseen.DOCX_FAMILIES,
    "target-years": target_years,
    "heading-lines": heading_lines,
    "nested-goals": nested_goals,
    "tracked-rows": tracked_rows,
}
ODT_FAMILIES = unseen.ODT_FAMILIES
HTML_FAMILIES: dict[str, Callable[[Json], tuple[str, Json]]] = {
    **unseen.HTML_FAMILIES,
    "word-html": word_html,
}
FAMILY_KINDS = unseen.FAMILY_KINDS
LEGACY_FORMATS = {**unseen.LEGACY_FORMATS, "nested-goals": ("doc",)}
# Families whose PDF is printed from the DOCX with its tracked changes accepted.
PRINT_ACCEPTED = {"tracked-rows"}
DESCRIPTIONS = {
    **unseen.DESCRIPTIONS,
    "target-years": "header fields in the page header; goal columns by year, »pct.«, dd.mm.yyyy",
    "heading-lines": "delmål headings, flat »Indikator: / Baseline: …« bullet lines, d/m yyyy",
    "nested-goals": "indicator tables nested in the delmål table, nested sheets (also .doc)",
    "tracked-rows": "tracked row insert/delete, moved and replaced text (PDF accepted)",
    "word-html": "Word's filtered HTML: MsoNormal, list marks as text, entities, cp1252",
}
