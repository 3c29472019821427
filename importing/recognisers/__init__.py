"""Recognisers for the parts of Landsbyggefonden's agreement templates.

The document tree (after the layout stage, `importing.layout.normalise`) is flattened into
units; the template's labels cut it into sections, and a table (`READERS`) names the small
reader for each section. Every reader gets the same `Reading`: the agreement being filled in
and the indsatsområder of the funding periods it may belong to (read from the database by
default, so no list of areas lives here). A last pass (`checks`) warns about every part the
template has that came out empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from importing.recognisers.activities import (
    heads_fields,
    is_sheet_table,
    names_sheet,
    names_sheet_table,
    read_activity_names,
    read_activity_sheets,
    read_sheet_table,
    starts_sheet,
)
from importing.recognisers.areas import area_at_start, default_areas, match_focus_area
from importing.recognisers.checks import check_reading
from importing.recognisers.goals import (
    GoalReading,
    is_header,
    read_flat_goal_table,
    read_goal_table,
)
from importing.recognisers.header import (
    UNKNOWN_FIELD,
    join_own_title,
    read_initiative,
    read_own_title,
    read_parties,
    read_period,
    sentence_parties,
    signature_parties,
    split_numbered_sections,
    split_unknown_fields,
    unknown_field_note,
)
from importing.recognisers.labels import SHEET_LABELS, TOP_LABELS, label_fold, match_label
from importing.recognisers.staff import read_staff
from importing.recognisers.strategic import read_focus_areas, read_housing_areas
from importing.recognisers.theory import read_theory
from importing.recognisers.units import Section, Unit, long_text, sectionise, units_of
from importing.tree import Document
from plans.interchange import Agreement, Goal

__all__ = [
    "READERS",
    "Reading",
    "is_sheet_table",
    "looks_like_agreement",
    "read_sheet_table",
    "recognise",
]


@dataclass
class Reading:
    agreement: Agreement
    areas: tuple[str, ...]
    sections: set[str] = field(default_factory=set)
    sheet_units: list[Unit] = field(default_factory=list)
    initiative_named: bool = False  # read under "Navn på den boligsociale indsats"
    names_are_sheets: bool = False  # the list of activities is their sheets, nothing else

    def warn(self, message: str, path: str | None = None) -> None:
        self.agreement.warn(message, path)


def _title_sub(section: Section, reading: Reading) -> None:
    agreement = reading.agreement
    if agreement.title is not None:
        return
    agreement.title = " ".join(section.label_text.split()).strip("*# ")
    agreement.focus_area = match_focus_area(section.label_text, reading.areas)
    if agreement.focus_area is None and section.units:
        # the title wrapped: the focus area is on the next line
        following = section.units[0].text
        agreement.focus_area = match_focus_area(following, reading.areas)
        if agreement.focus_area:
            agreement.title = f"{agreement.title} {following.strip()}"
    elif agreement.focus_area is not None:
        agreement.title = read_own_title(section) or agreement.title


def _focus_area(section: Section, reading: Reading) -> None:
    """An "Indsatsområde:" field (a label table, a bold label) naming the area."""
    if reading.agreement.focus_area is None:
        text = " ".join(u.text for u in section.units[:2] if u.kind != "table")
        reading.agreement.focus_area = match_focus_area(text, reading.areas)


# »Strategisk samarbejdsaftale« / »for den boligsociale helhedsplan Fællesskab i Sølvdal«
_FOR_PLAN = re.compile(
    r"^(?:for|om|vedr\w*\.?)\s+(?:den\s+)?(?:boligsociale\s+)?helhedsplan(?:en)?\s+(?P<name>\S.{2,150})$",
    re.IGNORECASE,
)


def _title_strategic(section: Section, reading: Reading) -> None:
    if reading.agreement.title is None:
        title = " ".join(section.label_text.split()).strip("*# ")
        reading.agreement.title = read_own_title(section) or title
    first = section.units[0] if section.units else None
    if first is not None and first.kind == "line" and reading.agreement.initiative is None:
        # the plan named in the title's second line (read "Navn på …" wins, when there is one)
        found = _FOR_PLAN.match(" ".join(first.text.split()))
        if found:
            reading.agreement.initiative = found["name"].strip(" .")


def _initiative(section: Section, reading: Reading) -> None:
    """The initiative's name; "Navn på den boligsociale indsats" names it, and wins over an
    "Områdets navn" (the area's short name) read before it."""
    by_name = bool(re.match(r"^(?:\d+ )*navn pa", label_fold(section.label_text)))
    if reading.agreement.initiative is None or (by_name and not reading.initiative_named):
        name = read_initiative(section)
        if name:
            reading.agreement.initiative = name
            reading.initiative_named = by_name


def _period(section: Section, reading: Reading) -> None:
    period = reading.agreement.period
    if period.start is None:
        period.start, period.end = read_period(section)  # type: ignore[assignment]


# »Delaftalen hører under Helhedsplan for X og gælder fra 1. januar 2023 til 31. december
# 2026.«: the header fields written in the opening sentence instead of as fields
_IN_SENTENCE_PERIOD = re.compile(
    r"\b(?:g[æa]lder|l[øo]ber|dækker perioden|indgås for perioden)\s+(?:fra\s+)?(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_IN_SENTENCE_INITIATIVE = re.compile(
    r"^(?:del|samarbejds)?aftalen\s+(?:hører under|er en del af|indgår i)\s+(?P<name>.+?)"
    r"(?:\s+og\s+(?:g[æa]lder|l[øo]ber)\b|[.;]\s|[.;]?$)",
    re.IGNORECASE | re.DOTALL,
)


def _header_in_sentences(sections: list[Section], reading: Reading) -> None:
    """The period and the initiative from an opening sentence, where no field named them."""
    agreement = reading.agreement
    for section in sections[:3]:
        if section.name not in ("preamble", "title_sub", "title_strategic"):
            continue
        for unit in section.units:
            if unit.kind == "table" or len(unit.text) > 400:
                continue
            text = " ".join(unit.text.split())
            if agreement.period.start is None and (found := _IN_SENTENCE_PERIOD.search(text)):
                start, end = read_period(Section("period", "", [Unit("line", found["rest"])]))
                if start is not None and end is not None:
                    agreement.period.start, agreement.period.end = start, end  # type: ignore[assignment]
            if agreement.initiative is None and (found := _IN_SENTENCE_INITIATIVE.match(text)):
                name = found["name"].strip(" ,")
                if 3 <= len(name) <= 150:
                    agreement.initiative = name
            if not agreement.parties and (parties := sentence_parties(text)):
                agreement.parties = parties  # »Denne delaftale er indgået mellem A og B.«


_FUNDING_PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:-|–|—|/|til)\s*((?:19|20)?\d{2})(?!\d)")


def read_funding_period(text: str) -> str | None:
    """»2019-26«, »2019-2026«, »2019–26-puljen« → "2019-26", as the funding periods are named."""
    match = _FUNDING_PERIOD.search(text)
    if not match:
        return None
    start = int(match[1])
    end_year = int(match[2]) if len(match[2]) == 4 else start // 100 * 100 + int(match[2])
    if end_year < start:
        end_year += 100  # »1998-02«
    if not 0 < end_year - start <= 12:
        return None
    return f"{start}-{end_year % 100:02d}"


def _funding_period(section: Section, reading: Reading) -> None:
    if reading.agreement.funding_period is None:
        text = " ".join(u.text for u in section.units[:2] if u.kind != "table")
        reading.agreement.funding_period = read_funding_period(text)


def _theory(section: Section, reading: Reading) -> None:
    """The forandringsteori: the delaftale's, or in the strategic agreement the one under an
    indsatsområde's problemkompleks; the next indsatsområde's name ends it."""
    agreement = reading.agreement
    units, rest = section.units, []
    if agreement.kind != "delaftale":
        for index, unit in enumerate(units):
            if unit.kind == "line" and _names_area(unit, reading.areas):
                units, rest = units[:index], units[index:]
                break
    theory = read_theory(units)
    if theory is not None:
        if agreement.kind == "delaftale" or not agreement.focus_areas:
            if agreement.theory_of_change is None:
                agreement.theory_of_change = theory
        elif agreement.focus_areas[-1].theory_of_change is None:
            agreement.focus_areas[-1].theory_of_change = theory
    if rest:
        _focus_areas(Section("focus_areas", "", rest), reading)


def _names_area(unit: Unit, areas: tuple[str, ...]) -> bool:
    """A line that is an indsatsområde's name (its heading), not a sentence starting with it."""
    name = area_at_start(unit.text, areas)
    return name is not None and (unit.set_apart or label_fold(unit.text) == label_fold(name))


def _parties(section: Section, reading: Reading) -> None:
    if not reading.agreement.parties:
        reading.agreement.parties = read_parties(section)


def _goals(section: Section, reading: Reading) -> None:
    goal_reading = GoalReading(warn=reading.warn, offset=len(reading.agreement.goals))
    # One table per header: a table without one goes on from the table before it (a table
    # split over pages); each table with a header of its own is read by its own columns.
    groups: list[list[list[str]]] = []
    for unit in section.units:
        if unit.kind == "table" and unit.block:
            if not groups or any(is_header(row) for row in unit.block.rows):
                groups.append([])
            groups[-1].extend(unit.block.rows)
    goals: list[Goal] = []
    for rows in groups:
        goal_reading.offset = len(reading.agreement.goals) + len(goals)
        goals.extend(read_goal_table(rows, goal_reading))
    if not goals:
        goals = read_flat_goal_table(section.units, goal_reading)
    reading.agreement.goals.extend(goals)


def _sheets_heading(section: Section) -> bool:
    """The heading above the activity sheets (»Skema til beskrivelse af aktiviteter«,
    »Aktivitetsbeskrivelser«), not the list of the activities' names."""
    folded = label_fold(section.label_text)
    return "skema" in folded or "beskrivelse" in folded


def _signatures(section: Section, reading: Reading) -> None:
    """The signature table at the end names the parties where no part above did."""
    if not reading.agreement.parties:
        reading.agreement.parties = signature_parties(section)


def _activity_list(section: Section, reading: Reading) -> None:
    if _sheets_heading(section):
        units = section.units
        if ":" in section.label_text and units and units[0].kind == "line":
            # »Aktivitetsskema: Jobcafé«: the name after the colon is the sheet's, set apart
            units = [replace(units[0], label=True), *units[1:]]
        reading.sheet_units.extend(units)
    else:
        reading.agreement.activity_names.extend(read_activity_names(section))


def _unknown_field(section: Section, reading: Reading) -> None:
    """A field the template does not have is left out of the reading, with a note when it
    holds content."""
    if not section.units:
        return  # its label and what follows were read as an activity sheet
    note = unknown_field_note(section)
    if note is not None:
        reading.warn(note)


def _staff(section: Section, reading: Reading) -> None:
    reading.agreement.staff.extend(read_staff(section))


def _long(attribute: str) -> Callable[[Section, Reading], None]:
    def read(section: Section, reading: Reading) -> None:
        setattr(reading.agreement, attribute, long_text(section.units))

    return read


def _housing_areas(section: Section, reading: Reading) -> None:
    reading.agreement.housing_areas.extend(read_housing_areas(section))


def _focus_areas(section: Section, reading: Reading) -> None:
    reading.agreement.focus_areas.extend(read_focus_areas(section, reading.areas))


# The template's sections, each with the reader that fills its part of the agreement.
READERS: dict[str, Callable[[Section, Reading], None]] = {
    "title_sub": _title_sub,
    "title_strategic": _title_strategic,
    "focus_area": _focus_area,
    "funding_period": _funding_period,
    "theory": _theory,
    "initiative": _initiative,
    "period": _period,
    "parties": _parties,
    "signatures": _signatures,
    "goals": _goals,
    "activity_list": _activity_list,
    "staff": _staff,
    "municipal": _long("municipal_coherence"),
    "revision": _long("revision"),
    "area": _housing_areas,
    "vision": _long("vision"),
    "organisation": _long("organisation"),
    "focus_areas": _focus_areas,
    "local_evaluation": _long("local_evaluation"),
    UNKNOWN_FIELD: _unknown_field,
}


def _opens_sheet(units: list[Unit], index: int) -> bool:
    """An activity sheet starts here: its "Aktivitetsnavn" label, or the line naming it right
    above its "Formål" label."""
    following = units[index + 1] if index + 1 < len(units) else None
    if starts_sheet(units[index]) or heads_fields(units, index):
        return True
    if names_sheet_table(units[index], following):
        return True
    if following is None or not names_sheet(units[index], following):
        return False
    found = match_label(following.text, SHEET_LABELS, set_apart=following.set_apart)
    return bool(found and found[0].name == "purpose")


def _take_sheets(section: Section, reading: Reading) -> None:
    """Sheets outside the sheets' own heading are still sheets (some plans have no heading
    before them, or put them after another part); they must not be read as that part."""
    if section.name == "activity_list" and _sheets_heading(section):
        return
    if section.name != "goals":
        for index in range(len(section.units)):
            if _opens_sheet(section.units, index):
                reading.sheet_units.extend(section.units[index:])
                section.units = section.units[:index]
                if section.name == "activity_list" and index == 0:
                    reading.names_are_sheets = True
                return
    sheets = [u for u in section.units if u.block and is_sheet_table(u.block)]
    if sheets:
        reading.sheet_units.extend(sheets)
        moved = {id(u) for u in sheets}
        section.units = [u for u in section.units if id(u) not in moved]


def _take_goal_tables(section: Section, reading: Reading) -> None:
    """A delmål table outside the goals' own heading (a plan that left the heading out) is
    read as goals, not as the text of the part it stands in."""
    if section.name == "goals":
        return
    tables = [
        u
        for u in section.units
        if u.kind == "table" and u.block and any(is_header(row) for row in u.block.rows)
    ]
    if tables:
        moved = {id(u) for u in tables}
        section.units = [u for u in section.units if id(u) not in moved]
        _goals(Section("goals", "", tables), reading)
        reading.sections.add("goals")


def _theory_parts(sections: list[Section]) -> list[Section]:
    """A forandringsteori's own »Aktiviteter« heading is its part, not the template's list of
    the delaftale's activities: the section goes back into the forandringsteori."""
    out: list[Section] = []
    for section in sections:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.name == "theory"
            and section.name == "activity_list"
            and label_fold(section.label_text).split() == ["aktiviteter"]
        ):
            previous.units.append(Unit("line", section.label_text.strip(), label=True))
            previous.units.extend(section.units)
            continue
        out.append(section)
    return out


_HEADER_SECTIONS = {"period", "parties"}


def first_agreement(sections: list[Section]) -> tuple[list[Section], list[str]]:
    """The sections of the file's first agreement, and the titles of the others.

    One file may hold several agreements (the strategic agreement with its delaftaler, or
    a plan's delaftaler one after the other). A title starts another agreement when the
    agreement before it has its own header (period or parties) and so does the one it
    starts; a title on a cover page, or a delaftale named in the text, does not."""
    titles = [i for i, s in enumerate(sections) if s.name.startswith("title")]
    for number, start in enumerate(titles):
        if not number:
            continue
        before = {s.name for s in sections[:start]}
        end = titles[number + 1] if number + 1 < len(titles) else len(sections)
        after = {s.name for s in sections[start + 1 : end]}
        if before & _HEADER_SECTIONS and after & _HEADER_SECTIONS:
            others = [sections[i].label_text for i in titles[number:]]
            return sections[:start], others
    return sections, []


def recognise(
    doc: Document, areas: Sequence[str] | None = None, *, normalised: bool = False
) -> Agreement:
    """Read an agreement out of a document tree.

    `areas`: the indsatsområder of the funding periods the agreement may belong to; by default
    those the database holds. `normalised`: the tree has been through the layout stage
    already (otherwise it is put through it here).
    """
    from importing.layout import normalise

    known = tuple(areas) if areas is not None else default_areas()
    if not normalised:
        doc = normalise(doc)
    units = units_of(doc)
    sections, others = first_agreement(_theory_parts(sectionise(units, TOP_LABELS)))
    sections = split_numbered_sections(split_unknown_fields(join_own_title(sections)))
    names = {s.name for s in sections}
    strategic = "title_strategic" in names or (
        "title_sub" not in names and bool({"vision", "organisation", "focus_areas"} & names)
    )
    agreement = Agreement(kind="strategisk_samarbejdsaftale" if strategic else "delaftale")
    reading = Reading(agreement=agreement, areas=known, sections=names)
    for message in doc.warnings:
        reading.warn(message)
    if others:
        names_of = "; ".join(f"»{' '.join(title.split())}«" for title in others)
        reading.warn(
            f"Dokumentet indeholder flere aftaler; kun den første er læst. Indlæs de øvrige "
            f"hver for sig: {names_of}."
        )
    for section in sections:
        _take_sheets(section, reading)
        _take_goal_tables(section, reading)
        reader = READERS.get(section.name)
        if reader is not None:
            reader(section, reading)
    _header_in_sentences(sections, reading)
    if reading.sheet_units:
        agreement.activities = read_activity_sheets(reading.sheet_units)
        sheet_names = [a.name for a in agreement.activities if a.name]
        if not agreement.activity_names:
            # »Aktiviteter« with a sheet under it for each, sheets with no list of the
            # activities anywhere, or a list that named none: the sheets name the activities
            agreement.activity_names = sheet_names
        elif reading.names_are_sheets:
            # the sheets under »Aktiviteter« and a few more named below them (»Øvrige
            # aktiviteter: …«): the sheets first, then the others
            # (a sheet the list names in other words is not named twice)
            listed = [label_fold(n) for n in agreement.activity_names]
            agreement.activity_names[:0] = [
                n
                for n in sheet_names
                if not any(fuzz.token_set_ratio(label_fold(n), m) >= 70 for m in listed)
            ]
    from importing.tidy import tidy_reading

    tidy_reading(agreement, doc.plain_text())
    check_reading(agreement, names)
    return agreement


def looks_like_agreement(doc: Document, *, normalised: bool = False) -> bool:
    """At least two of the template's labels: otherwise it is some other document.
    `normalised` as for `recognise`."""
    from importing.layout import normalise

    sections = sectionise(units_of(doc if normalised else normalise(doc)), TOP_LABELS)
    return len({s.name for s in sections} - {"preamble"}) >= 2
