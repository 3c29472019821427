"""Plain text has no bold: a template label alone on its line (»Aktiviteter:«,
»Aktivitetsskema«) is the text's way of setting it apart. Such a line becomes a paragraph of
its own, marked as a label, so the labels the template only knows set apart are found in a
.txt or pasted text as in the Word file. Only labels that need to be set apart are marked."""

from __future__ import annotations

import re

from importing.recognisers.labels import SHEET_LABELS, TOP_LABELS, match_label
from importing.tree import Block, Document

_MAX_LABEL = 60
# »Delmål« (or »Delmål, indikatorer og baseline«) alone on its line over delmål written as
# records (»Delmål 1: …«, »Indikator: …«) or over the goal table: the goals part's heading,
# which ends the header field before it (the parties are no longer being listed)
_GOALS_HEADING = re.compile(r"^Delmål(?:,?\s+indikatorer(?:\s+og\s+baselines?)?)?:?$", re.I)
_GOAL_RECORD = re.compile(r"^(?:Delmål\s+\d{1,2}\s*:|Indikator(?:\s+\d{1,2}(?:\.\d{1,2})?)?\s*:)")


def _opens_goals(line: str, following: Block | None) -> bool:
    if not _GOALS_HEADING.match(line.strip()) or following is None:
        return False
    if following.kind == "table":
        return True
    return following.kind in ("paragraph", "item") and bool(_GOAL_RECORD.match(following.text))


def _needs_apart(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > _MAX_LABEL:
        return False
    if match_label(line, TOP_LABELS, set_apart=False) is not None:
        return False  # found as it is
    for labels in (TOP_LABELS, SHEET_LABELS):
        found = match_label(line, labels, set_apart=True)
        if found is not None and found[0].apart_only and not found[1]:
            return True
    return line.rstrip(":").strip().lower() == "aktivitetsskema"


def mark_text_labels(doc: Document) -> Document:
    blocks: list[Block] = []
    for index, block in enumerate(doc.blocks):
        lines = block.lines
        following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
        if block.kind == "paragraph" and len(lines) == 1 and _opens_goals(lines[0], following):
            blocks.append(Block(kind="paragraph", text=lines[0].rstrip(":") + ":", label=True))
            continue
        if block.kind == "paragraph" and not block.label and lines and _needs_apart(lines[0]):
            blocks.append(Block(kind="paragraph", text=lines[0], label=True))
            if len(lines) > 1:
                blocks.append(Block(kind="paragraph", text="\n".join(lines[1:])))
            continue
        blocks.append(block)
    doc.blocks = blocks
    return doc
