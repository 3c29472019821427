"""Layout families: the ways plans lay out LBF's agreement templates by hand.

A `Layout` is a set of independent choices (how the header fields, parties, goal table,
activity sheets and staff are written, and the page furniture); a family is a named layout.
The renderer (corpus.render) turns any agreement into a DOCX in any layout, and says which
facts the layout leaves out (a goal table without "Baseline år" cannot carry the year), so the
ground truth only asks for what the document shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column keys of the delmål/indikator table and their header texts.
COLUMN_HEADERS = {
    "goal": "Delmål",
    "indicator": "Indikator",
    "baseline": "Baseline boligområde / målgruppe",
    "comparator": "Evt. anden baseline",
    "comparator_municipality": "Baseline kommune",
    "year": "Baseline år",
    "source": "Datakilde",
    "source_year": "Datakilde (baseline år)",
    "note": "Bemærkninger",
}
STANDARD_COLUMNS = ("goal", "indicator", "baseline", "comparator", "year", "source")


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    # "bold": bold label paragraphs; "heading": Word headings; "table": label | value table
    header: str = "bold"
    guidance: bool = False  # the template's guidance text left in
    guidance_after: bool = False  # ... below the value instead of between label and value
    # "lines": one paragraph each; "numbered"/"bullets": Word lists; "table": Part|Underskriver|Dato
    parties: str = "lines"
    # "table": one delmål/indikator table; "numbered": a "Delmål N:" paragraph + its own table;
    # "numbered-list": Word-numbered delmål paragraphs + their own tables
    goals: str = "table"
    columns: tuple[str, ...] = STANDARD_COLUMNS
    merge_goal: bool = False  # the goal cell merged down over its indicator rows (w:vMerge)
    indicators_in_one_cell: bool = False  # a goal's indicators as paragraphs of one cell
    repeat_header: bool = False  # Word's repeat-header-row (w:tblHeader)
    scope_own_line: bool = False  # "Afd. 22:" on its own line above the figure
    # "labels": bold label paragraphs; "table2": label | value table; "table1": one column,
    # shaded label rows; "headings": the name as a heading and the fields as sub-headings
    activities: str = "labels"
    typos: bool = False  # the template's own typos ("Aktivitsnavn")
    # "lines" | "bullets" | "table" (rolle | andel | timer | finansieret af)
    staff: str = "lines"
    activity_list: str = "bullets"  # "bullets" | "numbered" | "lines"
    housing: str = "bullets"  # "bullets" | "lines" | "table"
    furniture: bool = False  # running header, footer and "Side X af Y"
    long_title: bool = False  # a title long enough to wrap
    signatures: bool = True  # the strategic agreement's signature block
    date_style: str = "long"  # "long" (1. juli 2023) | "short" (01.07.23) | "dotted" (1.7.2023)
    page_break_before_sheets: bool = False
    tags: tuple[str, ...] = field(default=())


FAMILIES: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        Layout(
            "seedlike",
            "Close to the template as filled in: bold labels, parties as lines, the standard "
            "six-column goal table, activity sheets as label paragraphs, staff as lines.",
        ),
        Layout(
            "headings",
            "Header fields and activity fields as Word headings without colons, guidance text "
            "left in below the values, parties and staff as bullets, goal table columns "
            "reordered.",
            header="heading",
            guidance=True,
            guidance_after=True,
            parties="bullets",
            columns=("goal", "indicator", "source", "year", "baseline", "comparator_municipality"),
            activities="headings",
            staff="bullets",
            activity_list="numbered",
            date_style="short",
        ),
        Layout(
            "labeltable",
            "Header fields in a two-column label table, parties as a Part | Underskriver | "
            "Dato table, activity sheets as two-column tables, staff as a table.",
            header="table",
            parties="table",
            activities="table2",
            staff="table",
            housing="table",
            signatures=False,
            date_style="dotted",
        ),
        Layout(
            "merged",
            "Goal cell vertically merged over its indicator rows (w:vMerge), several "
            'indicators in one cell, "Datakilde (baseline år)" as one column, scopes on their '
            "own line, parties as a Word numbered list.",
            parties="numbered",
            columns=("goal", "indicator", "baseline", "comparator", "source_year"),
            merge_goal=True,
            indicators_in_one_cell=True,
            scope_own_line=True,
            activities="table1",
        ),
        Layout(
            "numbered-goals",
            'Each delmål as a "Delmål N:" paragraph followed by its own indicator table '
            "without a delmål column; activity sheets as one-column tables with shaded label "
            "rows; staff as a table.",
            goals="numbered",
            columns=("indicator", "baseline", "comparator", "year", "source"),
            activities="table1",
            staff="table",
            parties="bullets",
        ),
        Layout(
            "numbered-list-goals",
            "Delmål as a Word-numbered list, each followed by its own indicator table; no "
            '"Baseline år" or "Evt. anden baseline" columns; template typos ("Aktivitsnavn").',
            goals="numbered-list",
            columns=("indicator", "baseline", "source"),
            typos=True,
            activity_list="lines",
            staff="bullets",
            date_style="dotted",
        ),
        Layout(
            "furniture",
            'Word export with running header and footer and "Side X af Y", a title that '
            "wraps, repeated header rows on a long goal table that breaks across pages, "
            "guidance text left in.",
            guidance=True,
            repeat_header=True,
            furniture=True,
            long_title=True,
            columns=("goal", "indicator", "baseline", "comparator", "year", "source", "note"),
            page_break_before_sheets=True,
        ),
        Layout(
            "mixed",
            'Headings for header fields, an extra "Bemærkninger" column and a merged goal '
            "cell with repeated header rows, activity sheets as two-column tables with the "
            "template's typos, staff as a table, page furniture.",
            header="heading",
            parties="table",
            columns=("goal", "indicator", "baseline", "comparator", "year", "source", "note"),
            merge_goal=True,
            repeat_header=True,
            activities="table2",
            typos=True,
            staff="table",
            furniture=True,
            housing="lines",
            date_style="short",
        ),
    )
}
