"""Activities: the list of names, and the activity sheets (one per activity) written as
two-column tables, one-column tables with label rows, or labelled headings and paragraphs."""

from __future__ import annotations

import re
from dataclasses import replace

from importing.figures import parse_process_goal
from importing.layout.guidance import is_guidance
from importing.recognisers.labels import SECTION_NUMBER, SHEET_LABELS, label_fold, match_label
from importing.recognisers.units import (
    Section,
    Unit,
    has_marker,
    items,
    long_text,
    sectionise,
    starts_lower,
    strip_marker,
)
from importing.tidy import sheet_name
from importing.tree import Block
from plans.interchange import Activity

SHEET_FIELDS = ("purpose", "target_groups", "content", "responsibilities")


def read_activity_names(section: Section) -> list[str]:
    names: list[str] = []
    if any(u.kind == "item" for u in section.units):
        current: str | None = None
        for unit in section.units:
            if unit.kind == "item" and unit.level == 1:
                if current:
                    names.append(current)
                current = strip_marker(unit.text)
            elif (
                unit.kind == "item"
                and current is not None
                or unit.kind == "line"
                and current is not None
                and not unit.new_para
            ):
                current += " " + unit.text.strip()
            elif unit.kind == "line" and current is not None and _name_line(unit.text):
                # a line of its own among the items: a bullet a scan lost
                if current:
                    names.append(current)
                current = strip_marker(unit.text)
        if current:
            names.append(current)
        return [" ".join(n.split()) for n in names]
    for unit in section.units:
        if unit.kind == "table" and unit.block:
            for row in unit.block.rows:
                cell = next((c for c in row if c.strip()), "")
                if cell and len(cell) < 150:
                    names.append(" ".join(strip_marker(cell).split()))
            continue
        line = strip_marker(unit.text)
        if line and not line.endswith(":") and len(line) < 300:
            names.append(line)
    return names


def _name_line(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) < 100 and not text.endswith((".", ":", "!", "?")) and text[:1].isupper()


def _sheet_row(row: list[str]) -> tuple[str, str] | None:
    """A row of a sheet table as (field, text): the label in the first filled cell, the text
    in the cells after it, or after the label's colon when label and text share one cell."""
    cells: list[str] = []
    for cell in row:
        if cell.strip() and (not cells or cell != cells[-1]):  # merged cells come repeated
            cells.append(cell)
    if len(cells) > 2 and re.fullmatch(r"\d{1,2}[.)]?", cells[0].strip()):
        cells = cells[1:]  # the sheets numbered in a column of their own (»1« | Formål | …)
    if not cells:
        return None
    head, _, first_rest = cells[0].partition("\n")
    if first_rest and len(cells) > 1:
        whole = match_label(" ".join(cells[0].split()), SHEET_LABELS, set_apart=True)
        if whole is not None and not whole[1]:  # a label cell wrapped over lines
            head, first_rest = cells[0], ""
    found = match_label(" ".join(head.split()), SHEET_LABELS, set_apart=len(cells) > 1)
    if found is None:
        return None
    label, rest = found
    text = "\n".join(part for part in (rest, first_rest, *cells[1:]) if part.strip())
    return label.name, text


def _unwrapped(lines: list[str]) -> list[str]:
    """A cell's lines as its paragraphs: a PDF cell breaks its text at the cell's width, so a
    line that goes on in lower case ("ressourcer og opnår …") right below a line that fills
    the cell's width continues it. A short line above ("70 caféeftermiddage om året") is a
    paragraph of its own, as is one ending a sentence."""
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    previous = ""
    for line in lines:
        wrapped = len(previous) >= 0.7 * width and not previous.rstrip().endswith((".", "!", "?"))
        previous = line
        if out and starts_lower(line) and wrapped:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def is_sheet_table(block: Block) -> bool:
    """A table holding activity sheets: a row labelled Aktivitetsnavn and another sheet label."""
    fields = [found[0] for row in block.rows if (found := _sheet_row(row))]
    return "name" in fields and len(fields) >= 2


def read_sheet_table(block: Block) -> list[Activity]:
    """Activity sheets written as LBF's two-column tables (label | text), one or more."""
    activities: list[Activity] = []
    for row in block.rows:
        found = _sheet_row(row)
        if found is None:
            continue
        name, text = found
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if name == "name":
            text = strip_marker(" ".join(lines))
            if (
                activities
                and _empty(activities[-1])
                and (not activities[-1].name or label_fold(activities[-1].name) == label_fold(text))
            ):
                # a caption row ("Aktivitet: Jobcafé") above the sheet's own name row
                activities[-1].name = text or activities[-1].name
            elif lines or not activities or activities[-1].name:
                activities.append(Activity(name=text))
        elif not activities:
            continue
        elif _filled(activities[-1], name):
            # the field again: the next sheet, whose name row was lost (run into the row
            # above it); its fields are kept apart, and the review asks for its name
            activities.append(Activity(name=""))
            _put_field(activities[-1], name, lines)
        else:
            _put_field(activities[-1], name, lines)
    return activities


def _filled(activity: Activity, name: str) -> bool:
    """The sheet has this field already: a sheet has one »Formål« and one »Målgruppe(r)«
    (the other fields have more than one label of their own words)."""
    return name in ("purpose", "target_groups") and bool(getattr(activity, name))


def _put_field(activity: Activity, name: str, lines: list[str]) -> None:
    """One field of a sheet table's row into the activity."""
    if name in ("goals", "process_goals"):
        if any(has_marker(line) for line in lines):
            units = [Unit("line", line) for line in lines]
        elif name == "goals":  # one paragraph per delmål, as Word cells keep them
            units = [Unit("item", line) for line in _unwrapped(lines)]
        else:  # a procesmål a paragraph (they often start in lower case: »mindst 6 …«)
            units = [Unit("item", line) for line in lines]
        if name == "goals":
            activity.goals = items(units)
        else:
            activity.process_goals = process_goals(items(units))
    else:
        setattr(activity, name, _filled_in(long_text([Unit("line", line) for line in lines])))


def names_sheet_table(unit: Unit, following: Unit | None) -> bool:
    """A line set apart (a heading, a bold paragraph »Aktivitetsskema: Jobcafé«) right above a
    sheet table that has no »Aktivitetsnavn« row of its own, only the fields (»Formål«,
    »Målgruppe«, …): the line names the sheet."""
    if following is None or following.kind != "table" or not following.block:
        return False
    if unit.kind != "line" or not unit.text.strip():
        return False
    if not unit.set_apart and not is_sheet_caption(unit.text):
        return False  # a line of text, unless it says it names a sheet (a scan has no bold)
    if len(unit.text) >= 150 or match_label(unit.text, SHEET_LABELS, set_apart=True):
        return False
    fields = [found[0] for row in following.block.rows if (found := _sheet_row(row))]
    return "name" not in fields and len(fields) >= 2 and bool(_sheet_row(following.block.rows[0]))


def is_sheet_caption(text: str) -> bool:
    """»Aktivitetsskema: Jobcafé«, »Aktivitet 2 – Jobcafé«: a line naming the sheet it heads."""
    return sheet_name(text) != text.strip()


def _named_table(unit: Unit, following: Unit) -> Block:
    """The sheet table named by the line above it, as if its name were its first row."""
    assert following.block is not None
    rows = [["Aktivitetsnavn", unit.text.strip()], *following.block.rows]
    return replace(following.block, rows=rows)


def read_activity_sheets(units: list[Unit]) -> list[Activity]:
    """Sheets as labelled paragraphs and as tables, in the order the document has them."""
    activities: list[Activity] = []
    run: list[Unit] = []
    for unit in units:
        if run and names_sheet_table(run[-1], unit):
            named = run.pop()
            activities.extend(_read_sheet_paragraphs(run))
            activities.extend(read_sheet_table(_named_table(named, unit)))
            run = []
        elif unit.kind == "table" and unit.block and is_sheet_table(unit.block):
            before = _read_sheet_paragraphs(run)
            sheets = read_sheet_table(unit.block)
            if before and sheets and _empty(before[-1]) and _same_name(before[-1], sheets[0]):
                before.pop()  # a caption (»Aktivitet: Jobcafé«) above the sheet naming it
            activities.extend(before)
            activities.extend(sheets)
            run = []
        else:
            run.append(unit)
    activities.extend(_read_sheet_paragraphs(run))
    return activities


def _same_name(a: Activity, b: Activity) -> bool:
    return bool(a.name) and label_fold(a.name) == label_fold(b.name)


def names_sheet(unit: Unit, following: Unit | None) -> bool:
    """A line naming the activity of the sheet whose fields follow: a heading or bold line
    right above a field label, or (where nothing is set apart, as in a PDF) a short line
    right above a "Formål" written alone on its line."""
    if following is None or unit.kind != "line" or len(unit.text) >= 150:
        return False
    if match_label(unit.text, SHEET_LABELS, set_apart=True) is not None:
        return False
    found = match_label(following.text, SHEET_LABELS, set_apart=following.set_apart)
    if found is None or found[0].name == "name":
        return False
    if unit.set_apart:
        return True
    text = unit.text.strip()
    if text.endswith((".", ":", ",", ";")) or found[0].name != "purpose":
        return False
    if not found[1] and ":" not in following.text:
        return True  # »Formål« alone on its line under the name
    # »Formål: …« under a short line of its own, a name with a capital (typed or pasted text)
    return unit.new_para and text[:1].isupper() and len(text.split()) <= 8


def _named_by_heading(units: list[Unit]) -> list[Unit]:
    """Sheets without an "Aktivitetsnavn" label: the line naming them becomes that label."""
    out: list[Unit] = []
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        if names_sheet(unit, following):
            # a heading numbered by hand (»4.1.1 Lektiecafé«) names the sheet without its number
            name = SECTION_NUMBER.sub("", unit.text, count=1) if unit.heading else unit.text
            out.append(Unit("line", "Aktivitetsnavn: " + (name or unit.text), label=True))
            continue
        out.append(unit)
    return out


def _read_sheet_paragraphs(units: list[Unit]) -> list[Activity]:
    activities: list[Activity] = []
    sections = sectionise(_named_by_heading(units), SHEET_LABELS)
    current: Activity | None = None
    for section in sections:
        if section.name == "name":
            name = strip_marker(long_text(section.units) or "")
            if current is not None and not current.name and _empty(current):
                current.name = name  # "Aktivitet 1" above "Aktivitetsnavn: …"
                continue
            current = Activity(name=name)
            activities.append(current)
        elif current is None:
            continue
        elif _filled(current, section.name):
            # the field again: the next sheet, its name lost; kept apart, the review asks
            current = Activity(name="")
            activities.append(current)
            _put_section(current, section)
        else:
            _put_section(current, section)
    return activities


def _put_section(current: Activity, section: Section) -> None:
    if section.name == "goals":
        current.goals = items(section.units)
    elif section.name == "process_goals":
        current.process_goals = process_goals(items(section.units))
    elif section.name in SHEET_FIELDS:
        setattr(current, section.name, _filled_in(long_text(section.units)))


def _filled_in(text: str | None) -> str | None:
    """A field's text, or None where it holds only the template's guidance (»[Beskriv kort
    aktivitetens formål]«) that whoever filled in the sheet left."""
    return None if text is None or is_guidance(text) else text


def process_goals(lines: list[str]) -> list[dict[str, object]]:
    """The »Procesmål« of a sheet, one a line or bullet: text, target, per and condition."""
    return [parse_process_goal(line) for line in lines if line.strip()]


def _empty(activity: Activity) -> bool:
    fields = any(getattr(activity, f) for f in SHEET_FIELDS)
    return not activity.goals and not activity.process_goals and not fields


def starts_sheet(unit: Unit) -> bool:
    """A unit that opens an activity sheet (its "Aktivitetsnavn" label)."""
    if unit.kind == "table":
        return False
    found = match_label(unit.text, SHEET_LABELS, set_apart=unit.set_apart)
    return found is not None and found[0].name == "name"


def heads_fields(units: list[Unit], index: int) -> bool:
    """A heading naming an activity whose sheet is written as »Label: text« paragraphs under
    it (»Beskrivelse: …«, »Målgruppe: …«): two or more of the sheet's fields before the next
    heading of its level or above."""
    heading = units[index]
    following = units[index + 1] if index + 1 < len(units) else None
    if not heading.heading or not names_sheet(heading, following):
        return False
    fields = 0
    for unit in units[index + 1 :]:
        if unit.kind == "table" or 0 < unit.heading <= heading.heading:
            break
        found = match_label(unit.text, SHEET_LABELS, set_apart=unit.set_apart)
        if found is not None and found[0].name == "name":
            break
        fields += found is not None and unit.new_para
    return fields >= 2
