"""Recognisers for the parts of Landsbyggefonden's agreement templates.

The document tree is flattened into units (one per line of a paragraph or heading, one per
list item, one per table); the template's labels ("Delaftalens parter:", "Formål:", "5.
Overordnede mål og indikatorer", …) cut it into sections, and one small function reads each
section. Labels are matched on folded text (case, punctuation and æ/ø/å folded), so they
survive markup, OCR damage and the template's wording drifting between funding periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from importing.figures import clean_cell, dehyphenate, parse_measures, split_indicators
from importing.interleave import is_interleaved, read_interleaved
from importing.readers.text import BULLET_CHARS
from importing.tree import Block, Document
from lib.danish import parse_number, parse_period
from plans.interchange import (
    Activity,
    Agreement,
    Department,
    FocusAreaSection,
    Goal,
    HousingArea,
    Indicator,
    Staff,
)
from plans.periods import current_focus_areas

_FOLD = str.maketrans({"ø": "o", "æ": "e", "å": "a", "é": "e"})


def fold(text: str) -> str:
    text = text.lower().translate(_FOLD)
    text = re.sub(r"[^0-9a-z%]+", " ", text)
    return " ".join(text.split())


@dataclass
class Unit:
    kind: str  # "line", "item", "table"
    text: str
    new_para: bool = True
    level: int = 0
    heading: int = 0
    block: Block | None = None


def units_of(doc: Document) -> list[Unit]:
    units: list[Unit] = []
    for block in doc.blocks:
        if block.kind == "table":
            units.append(Unit("table", "", block=block))
        elif block.kind == "item":
            units.append(Unit("item", " ".join(block.lines), level=block.level))
        elif block.kind in ("paragraph", "heading"):
            for index, line in enumerate(block.lines):
                units.append(
                    Unit(
                        "line",
                        line.strip(),
                        new_para=index == 0,
                        heading=block.level if block.kind == "heading" else 0,
                    )
                )
    return units


# -- labels ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Label:
    name: str
    pattern: str
    long: bool = False  # the label's text may run over several lines, ending with ":"
    short: bool = False  # the whole unit (up to a colon) must be the label


TOP_LABELS = (
    Label("title_sub", r"^delaftale for indsatsomra\w*"),
    Label("title_strategic", r"^strategisk samarbejdsaftale\b", short=False),
    Label("initiative", r"^navn pa den boligsociale indsats", long=True),
    Label("initiative", r"^omradets navn\b"),
    Label("period", r"^(?:del|samarbejds)?aftalen g\w*lder fra", long=True),
    Label("parties", r"^(?:del|samarbejds)?aftalens parter$", short=True),
    Label("signatures", r"^underskrifter\b"),
    Label("documents", r"^aftaledokumenter\b", short=True),
    Label("goals", r"^delmal og indikatorer for indsatsomra"),
    Label("goals", r"^(?:\d+ )?overordnede mal og indikatorer"),
    Label("activity_list", r"^aktiviteter som skal bidrage til indfrielsen", long=True),
    Label("staff", r"^medarbejderressourcer\b", long=True),
    Label("municipal", r"^sammenh\w* med den (?:\w+ ){0,6}indsats i boligomr", long=True),
    Label(
        "revision",
        r"^(?:\d+ )?revision af (?:den strategiske )?(?:del|samarbejds)?aftalen",
        long=True,
    ),
    Label("area", r"^(?:\d+ )?kort om boligomra", short=True),
    Label("vision", r"^(?:\d+ )?vision(?: for boligomr\w*)?$", short=True),
    Label("organisation", r"^(?:\d+ )?organisering$", short=True),
    Label("interplay", r"^(?:\d+ )?samspil med\b", short=True),
    Label("focus_areas", r"^(?:\d+ )?indsatsomrader$", short=True),
    Label("local_evaluation", r"^(?:\d+ )?lokal evaluering$", short=True),
)
SHEET_LABELS = (
    Label("name", r"^aktivit\w*navn$", short=True),
    Label("purpose", r"^formal$", short=True),
    Label("goals", r"^(?:aktivitetens )?delmal(?: for aktivitet\w*)?$", short=True),
    Label("target_groups", r"^malgruppe(?: r)?$", short=True),
    Label("content", r"^indhold og praksis$", short=True),
    Label("responsibilities", r"^ansvars og rollefordeling$", short=True),
)


def _match_label(unit: Unit, labels: tuple[Label, ...]) -> tuple[Label, str] | None:
    """The label a unit starts with, and the text after it on the same unit."""
    if unit.kind == "table" or len(unit.text) > 400:
        return None
    text = unit.text.strip()
    head, colon, rest = text.partition(":")
    folded_head = fold(head)
    folded = fold(text)
    for label in labels:
        if label.short:
            if re.match(label.pattern, folded_head) and (colon or len(folded_head) == len(folded)):
                return label, rest.strip() if colon else ""
            continue
        if re.match(label.pattern, folded):
            if colon and len(head) < 200:
                return label, rest.strip()
            return label, ""
    return None


@dataclass
class Section:
    name: str
    label_text: str
    units: list[Unit] = field(default_factory=list)


def sectionise(units: list[Unit], labels: tuple[Label, ...]) -> list[Section]:
    sections = [Section("preamble", "")]
    index = 0
    while index < len(units):
        unit = units[index]
        index += 1
        found = _match_label(unit, labels)
        if not found:
            sections[-1].units.append(unit)
            continue
        label, rest = found
        label_text = unit.text
        if label.long and not unit.text.rstrip().endswith(":") and not rest:
            # the label runs over a few lines ("… jf. den strategiske / samarbejdsaftale:")
            for ahead in range(index, min(index + 4, len(units))):
                if units[ahead].kind != "line":
                    break
                if units[ahead].text.rstrip().endswith(":") and len(units[ahead].text) < 200:
                    label_text += " " + " ".join(u.text for u in units[index : ahead + 1])
                    index = ahead + 1
                    break
        sections.append(Section(label.name, label_text))
        if rest:
            sections[-1].units.append(Unit("line", rest))
    return sections


# -- small readers ------------------------------------------------------------------------
_MARKER = re.compile(
    rf"^\s*(?:[{re.escape(BULLET_CHARS)}]\s*|\(?\d{{1,2}}[.)]\s+(?![a-zæøå]+\s+\d{{4}})"
    r"|[a-hA-H]\)\s+|[eo«]\s+(?=[A-ZÆØÅ]))"
)


def strip_marker(text: str) -> str:
    return _MARKER.sub("", text, count=1).strip()


def unit_text(unit: Unit) -> str:
    if unit.kind == "table" and unit.block:
        return " ".join(
            " ".join(clean_cell(c) for c in row if c.strip()) for row in unit.block.rows
        )
    return unit.text


def long_text(units: list[Unit]) -> str | None:
    text = " ".join(unit_text(u) for u in units if unit_text(u).strip())
    text = dehyphenate(text)
    text = " ".join(text.split())
    return text or None


def match_focus_area(text: str) -> str | None:
    folded = fold(text)
    best, best_score = None, 0.0
    for name in current_focus_areas():
        score = fuzz.partial_ratio(fold(name), folded) if len(folded) >= len(fold(name)) else 0
        score = max(score, fuzz.ratio(fold(name), folded))
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= 85 else None


def read_initiative(section: Section) -> str | None:
    parts: list[str] = []
    for unit in section.units:
        text = unit.text.strip()
        if unit.kind == "table" or not text:
            continue
        if not parts:
            parts.append(text)
            continue
        starts_dash = text[:1] in "-–"
        if (starts_dash or not unit.new_para) and len(text) < 80 and text[:1] not in '"“”':
            parts.append(text)
            continue
        break
    return " ".join(parts) or None


def read_parties(section: Section) -> list[str]:
    parties: list[str] = []
    for unit in section.units:
        if unit.kind == "table" and unit.block:
            for row in unit.block.rows:
                cell = next((c for c in row if c.strip()), "")
                if cell and len(cell) < 120:
                    parties.append(clean_cell(cell))
            continue
        line = strip_marker(unit.text)
        if not line or line.endswith(":"):
            continue
        if line.startswith("(") and line.endswith(")"):
            continue
        words = line.split()
        if len(line) > 110 or len(words) > 14 or (line.endswith(".") and len(words) > 8):
            continue
        parties.append(line)
    return parties


def read_activity_names(section: Section) -> list[str]:
    names: list[str] = []
    items = [u for u in section.units if u.kind == "item"]
    if items:
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
        if current:
            names.append(current)
        return [" ".join(n.split()) for n in names]
    for unit in section.units:
        line = strip_marker(unit.text)
        if line and not line.endswith(":") and len(line) < 150:
            names.append(line)
    return names


_HOURS = re.compile(
    r"(\d[\d.,]*)\s*(?:t(?:imer)?\.?\s*(?:/|pr\.?|om|i)\s*år(?:et)?|timer\s+årligt)", re.IGNORECASE
)
_SHARE = re.compile(r"(\d+(?:,\d+)?)\s*(?:%|pct\.?|procent)", re.IGNORECASE)
_FULLTIME = re.compile(r"\bfuld\s*tid\w*", re.IGNORECASE)
_ROLE_NOUN = re.compile(
    r"(?:medarbejder|leder|koordinator|konsulent|rådgiver|mentor|projektleder|sekretær"
    r"|chef|pædagog|assistent|vejleder|betjent|socialrådgiver|ungearbejder|darbejder)\w*$",
    re.IGNORECASE,
)


def read_staff(section: Section) -> list[Staff]:
    staff: list[Staff] = []
    for unit in section.units:
        if unit.kind == "table":
            continue
        line = strip_marker(unit.text)
        if not line:
            continue
        short = len(line) <= 90 and not re.search(r"[.!?]\s+[A-ZÆØÅ]", line)
        hours = _HOURS.search(line)
        if short and hours:
            role = line[: hours.start()].strip(" :-–,")
            staff.append(Staff(text=line, role=role or None, hours_per_year=_num(hours[1])))
            continue
        if short and _SHARE.search(line) and not line.endswith("."):
            role = re.split(r"\s(?=[\d½¼¾])", line, maxsplit=1)[0].strip(" :-–,")
            shares = _SHARE.findall(line)
            staff.append(Staff(text=line, role=role or None, share_percent=_num(shares[-1])))
            continue
        staff.extend(_staff_in_prose(line))
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


_AREA = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<inside>[^()]*\bafd[^()]*)\)")
_DEPARTMENTS = re.compile(
    r"afd(?:eling(?:erne|er)?|\.)?\s+(?P<numbers>[\dA-Za-z]+(?:\s*(?:,|og|&)\s*\d+[a-z]?)*)"
    r"(?:\s+(?:i|under|hos)\s+(?P<org>[^,()]+?))?(?=\s+og\s+afd|\s*[,;)]|$)",
    re.IGNORECASE,
)


def read_housing_areas(section: Section) -> list[HousingArea]:
    areas: list[HousingArea] = []
    for unit in section.units:
        text = strip_marker(unit.text)
        match = _AREA.match(text)
        if not match:
            continue
        departments = []
        for dep in _DEPARTMENTS.finditer(match["inside"]):
            org = dep["org"].strip() if dep["org"] else None
            for number in re.findall(r"\d+[a-z]?", dep["numbers"]):
                departments.append(Department(number=number, organisation=org))
        if departments:
            areas.append(HousingArea(name=match["name"].strip(" -–:"), departments=departments))
    return areas


def read_focus_areas(section: Section) -> list[FocusAreaSection]:
    result: list[FocusAreaSection] = []
    current: FocusAreaSection | None = None
    body: list[Unit] = []

    def close() -> None:
        if current is not None:
            current.problem_complex = long_text(body)
            result.append(current)

    for unit in section.units:
        folded = fold(unit.text)
        name = None
        if unit.kind == "line" and len(folded) < 90:
            for candidate in current_focus_areas():
                if folded.startswith(fold(candidate)):
                    name = candidate
        if name:
            close()
            current, body = FocusAreaSection(name=name), []
            continue
        if current is None:
            continue
        if re.match(r"^problemkompleks(?:et)? for indsatsomr", folded) and len(folded) < 60:
            continue
        body.append(unit)
    close()
    return result


# -- the goal table -----------------------------------------------------------------------
COLUMN_ROLES = ("goal", "indicator", "baseline", "comparator", "year", "source")


def column_roles(header: list[str]) -> list[str | None]:
    roles: list[str | None] = []
    for cell in header:
        f = fold(clean_cell(cell))
        f_joined = f.replace(" ", "")
        if "indikator" in f_joined:
            roles.append("indicator")
        elif "kilde" in f_joined:
            roles.append("source")
        elif "basel" in f_joined and re.search(r"(?:\bar\b|earl$|ear$|aar)", f):
            roles.append("year")
        elif "basel" in f_joined and ("anden" in f or "kommune" in f):
            roles.append("comparator")
        elif "basel" in f_joined:
            roles.append("baseline")
        elif f.startswith(("delmal", "mal", "overordnet")):
            roles.append("goal")
        else:
            roles.append(None)
    return roles


def is_header(row: list[str]) -> bool:
    roles = column_roles(row)
    return "indicator" in roles and ("goal" in roles or "baseline" in roles)


@dataclass
class _Row:
    cells: dict[str, str]


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip(' "“(')
    return bool(stripped) and stripped[0].islower()


def read_goal_table(rows: list[list[str]], warnings: list[str]) -> list[Goal]:
    header_index = next((i for i, row in enumerate(rows) if is_header(row)), None)
    if header_index is None:
        return []
    header = rows[header_index]
    roles = column_roles(header)
    folded_header = [fold(c) for c in header]
    merged: list[dict[str, str]] = []
    for row in rows[header_index + 1 :]:
        if [fold(c) for c in row] == folded_header:
            continue  # the header repeated on a new page
        cells: dict[str, str] = {}
        for role, cell in zip(roles, row, strict=False):
            if role and cell.strip():
                cells[role] = (cells.get(role, "") + "\n" + cell).strip("\n")
        if not cells:
            continue
        goal, indicator = cells.get("goal", ""), cells.get("indicator", "")
        continuation = bool(merged) and (
            (not goal and not indicator)
            or (
                all(_starts_lower(t) for t in (goal, indicator) if t)
                and any(_starts_lower(t) for t in (goal, indicator))
            )
        )
        if continuation:
            for role, cell in cells.items():
                previous = merged[-1].get(role, "")
                merged[-1][role] = (previous + "\n" + cell).strip("\n")
        else:
            merged.append(cells)
    return _goals_from_rows(merged, has_comparator_column="comparator" in roles, warnings=warnings)


def _goals_from_rows(
    rows: list[dict[str, str]], *, has_comparator_column: bool, warnings: list[str]
) -> list[Goal]:
    goals: list[Goal] = []
    for cells in rows:
        goal_text = clean_cell(cells.get("goal", ""))
        if goal_text:
            goals.append(Goal(text=goal_text))
        elif not goals:
            goals.append(Goal(text=""))
            warnings.append("En indikator i måltabellen står uden delmål.")
        baselines, baseline_year = parse_measures(cells.get("baseline", ""))
        comparators, comparator_year = parse_measures(cells.get("comparator", ""))
        year = _year(cells.get("year", "")) or baseline_year or comparator_year
        source = clean_cell(cells.get("source", "")) or None
        indicator_cell = cells.get("indicator", "")
        if not indicator_cell.strip():
            continue
        texts = [clean_cell(indicator_cell)]
        unscoped = baselines and all(m.scope is None for m in baselines)
        if len(baselines) > 1 and unscoped:
            texts = split_indicators(indicator_cell, len(baselines))
        if len(texts) > 1:
            for index, text in enumerate(texts):
                goals[-1].indicators.append(
                    Indicator(
                        text=text,
                        baselines=[baselines[index]],
                        comparators=[comparators[index]]
                        if len(comparators) == len(texts)
                        else list(comparators),
                        baseline_year=year,
                        data_source=source,
                    )
                )
        else:
            goals[-1].indicators.append(
                Indicator(
                    text=texts[0],
                    baselines=baselines,
                    comparators=comparators,
                    baseline_year=year,
                    data_source=source,
                )
            )
    return [g for g in goals if g.text or g.indicators]


def _year(text: str) -> int | None:
    match = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    return int(match[1]) if match else None


# -- a goal table flattened to text (one cell after the other) --------------------------
_YEAR_IN_LINE = re.compile(r"(?<![\d.,(/-])((?:19|20)\d{2})(?![\d.,%)/-])")
_FIGURE_LINE = re.compile(
    r"^(?:=\s*)?\d[\d.,]*\s*(?:%|pct|ud af|af|[a-zæøå]+)"
    r"|^\(?(?:Afd\.?|Afdeling)\s*\d+|\d+\s*%|\(\s*\d"
)


def read_flat_goal_table(units: list[Unit], warnings: list[str]) -> list[Goal]:
    """Rebuild a delmål table whose cells came out one after the other as lines of text."""
    lines = [(u.text, u.new_para) for u in units if u.kind in ("line", "item")]
    start = None
    for index, (text, _) in enumerate(lines):
        f = fold(text)
        if re.match(r"^(?:delmal|mal) indikator", f):
            start = index
            break
    if start is None:
        return []
    header_text = ""
    body_start = None
    for index in range(start, min(start + 15, len(lines))):
        header_text += " " + lines[index][0]
        if "datakilde" in fold(lines[index][0]).replace(" ", ""):
            body_start = index + 1
            break
    if body_start is None:
        return []
    folded_header = fold(header_text).replace(" ", "")
    has_year = bool(re.search(r"baselin\w*ar", folded_header))
    has_comparator = "anden" in folded_header or "kommune" in folded_header
    body = lines[body_start:]
    if is_interleaved([text for text, _ in body]):
        interleaved = read_interleaved(body, has_comparator=has_comparator)
        if interleaved:
            warnings.append(
                "Måltabellen var læst på tværs af kolonnerne (tekstgenkendelse); den er "
                "genskabt efter skabelonens kolonner. Kontrollér delmål, indikatorer og "
                "baselines mod kilden."
            )
            return _goals_from_rows(
                interleaved, has_comparator_column=has_comparator, warnings=warnings
            )

    # tokens: (kind, text, new_para)
    tokens: list[tuple[str, str, bool]] = []
    for text, new_para in lines[body_start:]:
        text = text.strip()
        if not text:
            continue
        year = _YEAR_IN_LINE.search(text) if has_year else None
        if year and not re.search(r"\(\s*" + year[1], text):
            before, after = text[: year.start()].strip(), text[year.end() :].strip()
            if before:
                tokens.append(("fig" if re.search(r"\d", before) else "text", before, new_para))
                new_para = False
            tokens.append(("year", year[1], new_para))
            if after:
                tokens.append(("text", after, False))
            continue
        kind = "fig" if _FIGURE_LINE.search(text) else "text"
        tokens.append((kind, text, new_para))

    rows: list[dict[str, str]] = []
    phase = "goal"
    row: dict[str, str] = {}

    def add(role: str, text: str) -> None:
        row[role] = (row.get(role, "") + "\n" + text).strip("\n")

    for kind, text, new_para in tokens:
        if phase == "source" and new_para and not _starts_lower(text) and kind == "text":
            previous = row.get("source", "")
            if not previous.rstrip().endswith(("-", "+", ",")):
                rows.append(row)
                row, phase = {}, "goal"
        if phase == "goal":
            if kind == "fig":
                phase = "figures"
            elif (
                kind == "text"
                and "goal" in row
                and new_para
                and not (_starts_lower(text) and not re.search(r"[.!?:]$", row["goal"]))
            ):
                phase = "indicator"
            elif kind == "text":
                add("goal", text)
                continue
        if phase == "indicator":
            if kind == "fig":
                phase = "figures"
            elif kind == "text":
                add("indicator", text)
                continue
        if phase == "figures":
            if kind == "year":
                row["year"] = text
                phase = "source"
                continue
            add("figures", text)
            continue
        if phase == "source":
            add("source", text)
    if row:
        rows.append(row)

    table_rows: list[dict[str, str]] = []
    for cells in rows:
        measures, _ = parse_measures(cells.get("figures", ""))
        out = {k: v for k, v in cells.items() if k in ("goal", "indicator", "year", "source")}
        unscoped = [m for m in measures if m.scope is None]
        comparison = [m for m in measures if m.scope and _is_comparison(m.scope)]
        if has_comparator and (comparison or (len(unscoped) == 2 and len(measures) == 2)):
            split = [m for m in measures if m in comparison] or [measures[-1]]
            base = [m for m in measures if m not in split]
        else:
            base, split = measures, []
        out["baseline"] = "\n".join(_as_cell(m.text, m.scope) for m in base)
        out["comparator"] = "\n".join(_as_cell(m.text, m.scope) for m in split)
        table_rows.append(out)
    if table_rows:
        warnings.append(
            "Måltabellen var flad tekst; kolonnerne er genskabt efter skabelonens rækkefølge."
        )
    return _goals_from_rows(table_rows, has_comparator_column=has_comparator, warnings=warnings)


def _as_cell(text: str, scope: str | None) -> str:
    if scope and not text.startswith(scope) and not text.rstrip().endswith(f"({scope})"):
        return f"{scope}: {text}"
    return text


def _is_comparison(scope: str) -> bool:
    return bool(
        re.search(
            r"kommune|lands|alle|gennemsnit|national|hele|helhedsplaner", scope, re.IGNORECASE
        )
    )


# -- activity sheets --------------------------------------------------------------------
def _sheet_row(row: list[str]) -> tuple[str, str] | None:
    """A row of a sheet table as (field, text): the label in the first filled cell, the text
    in the cells after it, or after the label's colon when label and text share one cell."""
    cells: list[str] = []
    for cell in row:
        if cell.strip() and (not cells or cell != cells[-1]):  # merged cells come repeated
            cells.append(cell)
    if not cells:
        return None
    head, _, first_rest = cells[0].partition("\n")
    found = _match_label(Unit("line", head.strip()), SHEET_LABELS)
    if found is None:
        return None
    label, rest = found
    text = "\n".join(part for part in (rest, first_rest, *cells[1:]) if part.strip())
    return label.name, text


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
            activities.append(Activity(name=strip_marker(" ".join(lines))))
        elif not activities:
            continue
        elif name == "goals":
            if any(_MARKER.match(line) for line in lines):
                units = [Unit("line", line) for line in lines]
            else:  # one paragraph per delmål: Word cells keep list items as paragraphs
                units = [Unit("item", line) for line in lines]
            activities[-1].goals = _items(units)
        else:
            setattr(activities[-1], name, long_text([Unit("line", line) for line in lines]))
    return activities


def read_activity_sheets(units: list[Unit]) -> list[Activity]:
    """Sheets as labelled paragraphs and as tables, in the order the document has them."""
    activities: list[Activity] = []
    run: list[Unit] = []
    for unit in units:
        if unit.kind == "table" and unit.block and is_sheet_table(unit.block):
            activities.extend(_read_sheet_paragraphs(run))
            activities.extend(read_sheet_table(unit.block))
            run = []
        else:
            run.append(unit)
    activities.extend(_read_sheet_paragraphs(run))
    return activities


def _read_sheet_paragraphs(units: list[Unit]) -> list[Activity]:
    activities: list[Activity] = []
    sections = sectionise(units, SHEET_LABELS)
    current: Activity | None = None
    for section in sections:
        if section.name == "name":
            name = long_text(section.units) or ""
            current = Activity(name=strip_marker(name))
            activities.append(current)
        elif current is None:
            continue
        elif section.name == "goals":
            current.goals = _items(section.units)
        elif section.name in ("purpose", "target_groups", "content", "responsibilities"):
            setattr(current, section.name, long_text(section.units))
    return activities


def _items(units: list[Unit]) -> list[str]:
    items: list[str] = []
    for unit in units:
        if unit.kind == "item" or (unit.new_para and _MARKER.match(unit.text)):
            items.append(strip_marker(unit.text))
        elif items and unit.kind == "line":
            items[-1] += " " + unit.text.strip()
        elif unit.kind == "line" and unit.text.strip():
            items.append(unit.text.strip())
    return [" ".join(dehyphenate(i).split()) for i in items]


# -- the whole agreement ----------------------------------------------------------------
def recognise(doc: Document) -> Agreement:
    warnings = list(doc.warnings)
    units = units_of(doc)
    sections = sectionise(units, TOP_LABELS)
    names = {s.name for s in sections}
    strategic = "title_strategic" in names or (
        "title_sub" not in names and {"vision", "organisation", "focus_areas"} & names
    )
    agreement = Agreement(kind="strategisk_samarbejdsaftale" if strategic else "delaftale")
    sheet_units: list[Unit] = []
    for section in sections:
        name = section.name
        if not (name == "activity_list" and "skema" in fold(section.label_text)):
            # A sheet table outside the sheets' own heading is still a sheet (some plans have
            # no heading before them); it must not be read as goals or prose.
            sheets = [u for u in section.units if u.block and is_sheet_table(u.block)]
            if sheets:
                sheet_units.extend(sheets)
                moved = {id(u) for u in sheets}
                section.units = [u for u in section.units if id(u) not in moved]
        if name == "title_sub" and agreement.title is None:
            agreement.title = " ".join(section.label_text.split()).strip("*# ")
            agreement.focus_area = match_focus_area(section.label_text)
            if agreement.focus_area is None and section.units:
                # the title wrapped: the focus area is on the next line
                following = section.units[0].text
                agreement.focus_area = match_focus_area(following)
                if agreement.focus_area:
                    agreement.title = f"{agreement.title} {following.strip()}"
        elif name == "title_strategic" and agreement.title is None:
            agreement.title = " ".join(section.label_text.split()).strip("*# ")
        elif name == "initiative" and agreement.initiative is None:
            agreement.initiative = read_initiative(section)
        elif name == "period" and agreement.period.start is None:
            start, end = parse_period(" ".join(u.text for u in section.units[:3]))
            agreement.period.start, agreement.period.end = start, end
            if start is None:
                warnings.append("Aftalens periode kunne ikke læses.")
        elif name == "parties" and not agreement.parties:
            agreement.parties = read_parties(section)
        elif name == "goals":
            tables = [u.block for u in section.units if u.kind == "table" and u.block]
            goals: list[Goal] = []
            if tables:
                rows = [row for table in tables for row in table.rows]
                goals = read_goal_table(rows, warnings)
            if not goals:
                goals = read_flat_goal_table(section.units, warnings)
            agreement.goals.extend(goals)
        elif name == "activity_list":
            if "skema" in fold(section.label_text):
                sheet_units.extend(section.units)
            else:
                agreement.activity_names.extend(read_activity_names(section))
        elif name == "staff":
            agreement.staff.extend(read_staff(section))
        elif name == "municipal":
            agreement.municipal_coherence = long_text(section.units)
        elif name == "revision":
            agreement.revision = long_text(section.units)
        elif name == "area":
            agreement.housing_areas.extend(read_housing_areas(section))
        elif name == "vision":
            agreement.vision = long_text(section.units)
        elif name == "organisation":
            agreement.organisation = long_text(section.units)
        elif name == "focus_areas":
            agreement.focus_areas.extend(read_focus_areas(section))
        elif name == "local_evaluation":
            agreement.local_evaluation = long_text(section.units)
    if sheet_units:
        agreement.activities = read_activity_sheets(sheet_units)
    if agreement.kind == "delaftale" and agreement.focus_area is None:
        warnings.append("Indsatsområdet kunne ikke genkendes.")
    if not agreement.goals:
        warnings.append("Ingen delmål eller indikatorer fundet.")
    agreement.warnings = warnings
    return agreement


def looks_like_agreement(doc: Document) -> bool:
    """At least two of the template's labels: otherwise it is some other document."""
    sections = sectionise(units_of(doc), TOP_LABELS)
    return len({s.name for s in sections} - {"preamble"}) >= 2
