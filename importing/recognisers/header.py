"""The agreement's header fields: title, initiative, period, parties."""

from __future__ import annotations

import re

from importing.figures import clean_cell
from importing.recognisers.labels import label_fold
from importing.recognisers.units import Section, Unit, has_marker, strip_marker
from lib.danish import parse_period


def read_initiative(section: Section) -> str | None:
    parts: list[str] = []
    for unit in section.units:
        text = unit.text.strip()
        if unit.kind == "table" or not text:
            continue
        if not parts:
            parts.append(strip_marker(text) if unit.kind == "item" else text)
            continue
        starts_dash = text[:1] in "-–"
        if (starts_dash or not unit.new_para) and len(text) < 80 and text[:1] not in '"“”':
            parts.append(text)
            continue
        break
    return " ".join(parts) or None


def read_period(section: Section) -> tuple[object, object]:
    texts: list[str] = []
    for unit in section.units[:4]:
        if unit.kind == "table" and unit.block:
            texts.extend(" ".join(row) for row in unit.block.rows)
        else:
            texts.append(unit.text)
    joined = " ".join(texts)
    start, end = parse_period(joined)
    if start is None:
        # "Fra: 1. marts 2023" / "Til: 28. februar 2027" on lines of their own
        joined = re.sub(r"\b(?:fra|start)\s*:\s*", "", joined, flags=re.IGNORECASE)
        joined = re.sub(r"\s*\b(?:til|slut)\s*:\s*", " – ", joined, flags=re.IGNORECASE)
        start, end = parse_period(joined)
    return start, end


_PARTY_HEADER = re.compile(
    r"^(?:(?:aftale)?part(?:er|en|ne)?|organisation(?:er)?|navn|underskriver|underskrift"
    r"|dato|titel|rolle|repraesenteret ved|for|signatur)$"
)
_PARTY_COLUMN = re.compile(r"^(?:(?:aftale)?part(?:er|en|ne)?|organisation(?:er)?)$")


def _party_table(rows: list[list[str]]) -> list[str]:
    """Parties in a table: the "Part" column when the table has a header, else the first cell
    of each row."""
    if not rows:
        return []
    header = [label_fold(clean_cell(c)) for c in rows[0]]
    column = 0
    body = rows
    if header and all(_PARTY_HEADER.match(h) or not h for h in header) and any(header):
        column = next((i for i, h in enumerate(header) if _PARTY_COLUMN.match(h)), 0)
        body = rows[1:]
    parties = []
    for row in body:
        cell = row[column] if column < len(row) else ""
        if not cell.strip():
            cell = next((c for c in row if c.strip()), "")
        lines = [line for line in cell.split("\n") if line.strip()]
        if not any(has_marker(line) for line in lines):
            lines = [cell]  # one party a row, its cell wrapped over lines
        for line in lines:
            line = strip_marker(clean_cell(line))
            if line and len(line) < 160 and not _PARTY_HEADER.match(label_fold(line)):
                parties.append(line)
    return parties


def read_parties(section: Section) -> list[str]:
    parties: list[str] = []
    for unit in section.units:
        if unit.kind == "table" and unit.block:
            parties.extend(_party_table(unit.block.rows))
            continue
        parties.extend(_party_line(unit))
    return list(dict.fromkeys(parties))


def _party_line(unit: Unit) -> list[str]:
    line = strip_marker(unit.text)
    if not line or line.endswith(":"):
        return []
    if line.startswith("(") and line.endswith(")"):
        return []
    words = line.split()
    if len(line) > 110 or len(words) > 14 or (line.endswith(".") and len(words) > 8):
        return []
    return [line]
