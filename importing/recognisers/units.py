"""The document tree flattened into units, and units cut into sections at the template's labels.

One unit per line of a paragraph or heading (flat text and PDFs put one party or one staff
line per line without paragraph marks), one per list item, one per table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importing.figures import clean_cell, dehyphenate
from importing.readers.text import BULLET_CHARS
from importing.recognisers.labels import ALL_LABELS, Label, match_label
from importing.tree import Block, Document


@dataclass
class Unit:
    kind: str  # "line", "item", "table"
    text: str
    new_para: bool = True
    level: int = 0
    heading: int = 0
    block: Block | None = None
    label: bool = False  # set apart as a label (bold, label cell, shaded row)

    @property
    def set_apart(self) -> bool:
        return self.label or self.heading > 0


def units_of(doc: Document) -> list[Unit]:
    units: list[Unit] = []
    for block in doc.blocks:
        if block.kind == "table":
            units.append(Unit("table", "", block=block))
        elif block.kind == "item":
            lines = block.lines
            # a PDF runs the next field's line (»Målgruppe(r): …«) into the list item above it
            end = next((i for i, line in enumerate(lines) if i and _starts_field(line)), len(lines))
            units.append(Unit("item", " ".join(lines[:end]), level=block.level, label=block.label))
            for index, line in enumerate(lines[end:]):
                units.append(Unit("line", line.strip(), new_para=index == 0))
        elif block.kind in ("paragraph", "heading"):
            for index, line in enumerate(block.lines):
                units.append(
                    Unit(
                        "line",
                        line.strip(),
                        new_para=index == 0,
                        heading=block.level if block.kind == "heading" else 0,
                        label=block.label,
                    )
                )
    return units


def _starts_field(line: str) -> bool:
    """A line »Label: text« of one of the template's fields."""
    head, colon, rest = line.partition(":")
    return bool(colon) and len(head) < 60 and match_label(line, ALL_LABELS) is not None


def unit_label(unit: Unit, labels: tuple[Label, ...]) -> tuple[Label, str] | None:
    if unit.kind == "table":
        return None
    return match_label(unit.text, labels, set_apart=unit.set_apart)


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
        found = unit_label(unit, labels)
        if not found:
            sections[-1].units.append(unit)
            continue
        label, rest = found
        label_text = unit.text
        if label.long and not unit.text.rstrip().endswith(":") and not rest:
            # the label runs over a few lines ("… jf. den strategiske / samarbejdsaftale:")
            for ahead in range(index, min(index + 4, len(units))):
                candidate = units[ahead]
                if candidate.kind != "line" or unit_label(candidate, labels):
                    break
                if unit.set_apart and candidate.new_para and not candidate.set_apart:
                    break  # a heading or bold label ends where its paragraph ends
                if candidate.text.rstrip().endswith(":") and len(candidate.text) < 200:
                    label_text += " " + " ".join(u.text for u in units[index : ahead + 1])
                    index = ahead + 1
                    break
            if label.name == "activity_list" and label_text == unit.text:
                # no colon: the label is the rest of its own paragraph ("… (tilføj
                # skemaer - ét skema pr. aktivitet)" wrapped onto a second line)
                while index < len(units) and units[index].kind == "line":
                    if units[index].new_para:
                        break
                    label_text += " " + units[index].text
                    index += 1
        sections.append(Section(label.name, label_text))
        if rest:
            sections[-1].units.append(Unit("line", rest))
    return sections


_MARKER = re.compile(
    # "--" is how docx2python writes a Word bullet
    # a typed dash (»–\t…«, »— …«) is a bullet too, with the space or tab after it
    rf"^\s*(?:--\s*|[{re.escape(BULLET_CHARS)}]\s*|[–—]\s+(?=\S)|\(?\d{{1,2}}[.)]\s+(?![a-zæøå]+\s+\d{{4}})"
    r"|[a-hA-H]\)\s+|[eo«]\s+(?=[A-ZÆØÅ]))"
)


def has_marker(text: str) -> bool:
    return bool(_MARKER.match(text))


def strip_marker(text: str) -> str:
    return _MARKER.sub("", text, count=1).strip()


def unit_text(unit: Unit) -> str:
    if unit.kind == "table" and unit.block:
        return " ".join(
            " ".join(clean_cell(c) for c in row if c.strip()) for row in unit.block.rows
        )
    return unit.text


def long_text(units: list[Unit]) -> str | None:
    parts: list[str] = []
    for unit in units:
        piece = unit_text(unit)
        if not piece.strip():
            continue
        if parts and parts[-1].endswith("/") and unit.kind == "line" and not unit.new_para:
            parts[-1] += piece.lstrip()  # a line broken after a slash: »a/« »b« is »a/b«
        else:
            parts.append(piece)
    text = " ".join(parts)
    text = dehyphenate(text)
    text = " ".join(text.split())
    return text or None


def items(units: list[Unit]) -> list[str]:
    """A list written as list items, as marked lines, or one paragraph per entry."""
    found: list[str] = []
    for unit in units:
        if unit.kind == "item" or (unit.new_para and has_marker(unit.text)):
            found.append(strip_marker(unit.text))
        elif found and unit.kind == "line":
            found[-1] += " " + unit.text.strip()
        elif unit.kind == "line" and unit.text.strip():
            found.append(unit.text.strip())
    return [" ".join(dehyphenate(i).split()) for i in found]


def starts_lower(text: str) -> bool:
    stripped = text.lstrip(' "“(')
    return bool(stripped) and stripped[0].islower()
