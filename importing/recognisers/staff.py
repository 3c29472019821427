"""Staff resources: lines ("Jobmentor 50%", "Jobcenter 300t/år"), bullets, sentences of prose,
or a table (role | share | hours | funded by) with its columns known by their header words."""

from __future__ import annotations

import re
from decimal import Decimal

from importing.figures import clean_cell
from importing.recognisers.labels import label_fold
from importing.recognisers.units import Section, strip_marker
from lib.danish import parse_number
from plans.interchange import Staff
from plans.staffline import StaffFigures, cell_figures, staff_figures

_FULLTIME = re.compile(r"\bfuld\s*tid\w*", re.IGNORECASE)
_ROLE_NOUN = re.compile(
    r"(?:medarbejder|leder|koordinator|konsulent|rådgiver|mentor|projektleder|sekretær"
    r"|chef|pædagog|assistent|vejleder|betjent|socialrådgiver|ungearbejder|darbejder)\w*$",
    re.IGNORECASE,
)


def read_staff(section: Section) -> list[Staff]:
    staff: list[Staff] = []
    units = section.units
    index = 0
    while index < len(units):
        unit = units[index]
        index += 1
        if unit.kind == "table":
            if unit.block:
                staff.extend(read_staff_table(unit.block.rows))
            continue
        # a paragraph of staff sentences that a PDF broke into lines is read as one
        end = index
        while end < len(units) and units[end].kind == "line" and not units[end].new_para:
            end += 1
        if end > index and unit.kind == "line":
            joined = " ".join(u.text.strip() for u in units[index - 1 : end])
            members = _sentence_members(joined)
            if members is not None:
                staff.extend(_staff(m, staff_figures(m)) for m in members)
                index = end
                continue
        staff.extend(read_staff_line(unit.text))
    return staff


# »Indsatsen bemandes med A, B og C.«: the staff named in one sentence
_STAFFED_WITH = re.compile(
    r"^(?:(?:indsatsen|indsatsomr\w*|delaftalen|aktiviteterne|helhedsplanen)\s+)?"
    r"(?:bemandes|bemandet|varetages|løftes|løses|dækkes)\s+(?:med|af)\s+(?P<rest>.+?)\.?$"
    r"|^bemandingen\s+(?:er|består\s+af)\s*:?\s*(?P<rest2>.+?)\.?$",
    re.IGNORECASE | re.DOTALL,
)
# where an enumeration goes on to the next staff member: a comma or »og« before a figure, an
# article or number word, or a capital
_NEXT_MEMBER = re.compile(
    r",\s+(?=\d|[A-ZÆØÅ]|(?:en|et|to|tre|fire|fem|seks)\s)"
    r"|\s+og\s+(?=\d|[A-ZÆØÅ]|(?:en|et|to|tre|fire|fem|seks)\s)"
)


def _staffed_with(line: str) -> list[str] | None:
    match = _STAFFED_WITH.match(line.strip())
    if match is None:
        return None
    rest = match["rest"] or match["rest2"] or ""
    members = [m.strip(" ,.") for m in _NEXT_MEMBER.split(rest) if m.strip(" ,.")]
    return [m[:1].upper() + m[1:] for m in members] if members else None


# a sentence's way into the staff member it names: »Der er ansat en …«, »Til indsatsen er
# knyttet …«, »Desuden indgår …«, »Endelig bidrager …«
_LEAD_IN = re.compile(
    r"^(?:(?:der|til indsatsen|i indsatsen|indsatsen|herudover|derudover|desuden|endelig"
    r"|også|og)\s+)*"
    r"(?:er|har|indgår|bidrager|deltager)\s+(?:der\s+)?"
    r"(?:(?:ansat|knyttet|tilknyttet|afsat|også|desuden|med)\s+)*(?:en\s+|et\s+)?"
    r"(?=\S)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def _sentence_members(line: str) -> list[str] | None:
    """Staff written as sentences, one member each (»Der er ansat en koordinator, 37 timer om
    ugen. Desuden indgår en projektleder 20 %.«): each sentence without its way in, when
    every sentence has one and names a figure."""
    members: list[str] = []
    for sentence in _SENTENCE_END.split(line.strip()):
        lead = _LEAD_IN.match(sentence)
        member = sentence[lead.end() :].strip().rstrip(".") if lead else ""
        if not lead or not member or not staff_figures(member).found:
            return None
        members.append(member[:1].upper() + member[1:])
    return members or None


def read_staff_line(text: str) -> list[Staff]:
    line = strip_marker(text)
    if not line:
        return []
    members = _staffed_with(line) or _sentence_members(line)
    if members is not None:
        found: list[Staff] = []
        for member in members:
            figures = staff_figures(member)
            found.append(_staff(" ".join(member.split()), figures))
        return found
    short = len(line) <= 90 and not re.search(r"[.!?]\s+[A-ZÆØÅ]", line)
    figures = staff_figures(line)
    if short and figures.hours_per_year is not None:
        return [_staff(" ".join(line.split()), figures)]
    if short and figures.share_percent is not None and not line.endswith("."):
        return [_staff(" ".join(line.split()), figures)]
    return _staff_in_prose(line)


def _role(role: str | None) -> str | None:
    """The role without the punctuation that stood between it and its figure
    (»Beskæftigelsesmedarbejder;« where OCR read the comma as a semicolon)."""
    if role is None:
        return None
    return role.strip(" ;:,.–—-") or None


def _staff(text: str, figures: StaffFigures) -> Staff:
    role = _role(figures.role)
    if role is None and figures.found:
        # the figure first: »2 x 37 timer: Boligsociale medarbejdere«
        _figure, colon, after = text.partition(":")
        if colon and after.strip() and not re.search(r"\d", after) and len(after) < 80:
            role = _role(after)
    return Staff(
        text=text,
        role=role,
        share_percent=_float(figures.share_percent),
        hours_per_year=_float(figures.hours_per_year),
    )


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _column(header: str) -> str | None:
    f = label_fold(clean_cell(header))
    if re.search(r"^(?:beskrivelse|tekst|som skrevet|ressource som skrevet)$", f):
        return "text"  # the staff line in the agreement's own words
    if re.search(r"\btimer?\b|\btimetal\b|\bantal t\b", f):
        return "hours"
    if re.search(r"%|andel|procent|pct|stillings|omfang|normering|arbejdstid", f):
        return "share"
    if re.search(r"finansier|betal|afholdt|udgift|kilde", f):
        return "funding"
    if re.search(r"rolle|stilling|funktion|medarbejder|titel|ressource|navn|hvem|part", f):
        return "role"
    return None


def read_staff_table(rows: list[list[str]]) -> list[Staff]:
    if not rows:
        return []
    roles = [_column(c) for c in rows[0]]
    figures_in_first = any(re.search(r"\d", c) and staff_figures(c).found for c in rows[0])
    if figures_in_first or "role" not in roles and not ({"share", "hours"} & set(roles)):
        # no header: each row is a staff line written in cells
        return [s for row in rows for s in read_staff_line(" ".join(c for c in row if c))]
    if "role" not in roles:
        roles[roles.index(None) if None in roles else 0] = "role"
    staff: list[Staff] = []
    for row in rows[1:]:
        cells: dict[str, str] = {}
        for role, cell in zip(roles, row, strict=False):
            if role and clean_cell(cell) and role not in cells:
                cells[role] = clean_cell(cell)
        name = cells.get("role", "")
        if not name and not cells.get("text"):
            continue
        written = [cells[c] for c in ("share", "hours") if cells.get(c)]
        share_value: float | None = None
        hours_value: float | None = None
        for column in ("share", "hours"):
            figures = cell_figures(cells.get(column, ""), column)
            if share_value is None and figures.share_percent is not None:
                share_value = float(figures.share_percent)
            if hours_value is None and figures.hours_per_year is not None:
                hours_value = float(figures.hours_per_year)
        # the line as written: role, its figures and who pays, never a unit the document
        # did not write
        text = " ".join([name, *written] if name else written)
        if cells.get("funding"):
            text += f" (finansieret af {cells['funding']})"
        staff.append(
            Staff(
                text=cells.get("text") or text,
                role=name or None,
                share_percent=share_value,
                hours_per_year=hours_value,
            )
        )
    return staff


def _staff_in_prose(text: str) -> list[Staff]:
    found: list[Staff] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for match in re.finditer(
            r"(\d+(?:,\d+)?)\s*(?:%|pct\.?|procent)\s+af\s+(?:den\s+|det\s+)?([^,.;]*?\barbejdstid)",
            sentence,
        ):
            phrase = match[0]
            role_words = match[2].split()
            role = " ".join(role_words[:-1]) if len(role_words) > 1 else None
            found.append(Staff(text=phrase, role=role, share_percent=_num(match[1])))
        if full := _FULLTIME.search(sentence):
            before = re.sub(r"[*_]", "", sentence[: full.start()])
            words = re.findall(r"[\wæøåÆØÅ-]+", before)
            role_index = next(
                (i for i in range(len(words) - 1, -1, -1) if _ROLE_NOUN.search(words[i])), None
            )
            if role_index is not None:
                role = words[role_index]
                rest = re.sub(r"[*_]", "", sentence[full.start() :]).rstrip(". ")
                text = f"{role[:1].upper()}{role[1:]}, {rest}"
                found.append(Staff(text=text, role=role[:1].upper() + role[1:], share_percent=100))
    return found


def _num(token: str) -> float | None:
    value = parse_number(token)
    return float(value) if value is not None else None
