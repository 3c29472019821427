"""Delmål written as numbered paragraphs ("Delmål 1: …", "1. …", or a list item right above
the table whose numbering was lost on the way), each followed by its own
indicator table without a delmål column, become one goal table with the delmål in a column
of their own (repeated down the rows, as a merged cell reads), one table per delmål.

A goal table written transposed (the template's column headings down its first column,
one column per indicator) is turned the right way first (`turn_transposed`)."""

from __future__ import annotations

import re

from importing.recognisers.goals import column_roles, is_header
from importing.recognisers.labels import TOP_LABELS, match_label
from importing.recognisers.units import strip_marker
from importing.tree import Block, Document

_NUMBER = r"(?:\(?\d{1,2}[.)]|[a-h]\))"
_GOAL_WORD = r"(?:(?:under)?delm[aå]l(?:et)?|m[aå]l)\s*(?:nr\.?\s*)?\d{1,2}[a-z]?\s*[:.)–-]?"
_NUMBERED = re.compile(
    rf"^\s*(?:[*_#]+\s*)?(?:{_NUMBER}\s*(?:{_GOAL_WORD})?|{_GOAL_WORD})\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _header_index(rows: list[list[str]]) -> int | None:
    return next((i for i, row in enumerate(rows) if is_header(row)), None)


def _indicator_table(block: Block) -> bool:
    """A table with an indicator header and no delmål column."""
    if block.kind != "table":
        return False
    index = _header_index(block.rows)
    return index is not None and "goal" not in column_roles(block.rows[index])


def _goal_text(blocks: list[Block], start: int, end: int) -> str | None:
    """The delmål the paragraphs blocks[start:end] state, or None when they are not one."""
    if start >= end or end - start > 4:
        return None
    first = blocks[start]
    if first.kind not in ("paragraph", "heading", "item"):
        return None
    match = _NUMBERED.match(first.text.strip())
    if match:
        parts = [match["text"].strip(" *_")]
    elif first.kind == "item" and start == end - 1:
        parts = [strip_marker(first.text)]  # a list item whose numbering the reader lost
    else:
        return None
    for block in blocks[start + 1 : end]:
        if block.kind not in ("paragraph", "item"):
            return None
        parts.append(block.text.strip())
    text = " ".join(" ".join(p.split()) for p in parts if p)
    return text or None


def join_numbered_goals(doc: Document) -> Document:
    blocks = doc.blocks
    out: list[Block] = []
    pending: list[Block] = []  # paragraphs since the last table
    for block in blocks:
        if not _indicator_table(block):
            if block.kind == "table":
                out.extend(pending)
                pending = []
                out.append(block)
            else:
                pending.append(block)
            continue
        text_blocks = [b for b in pending if b.kind != "pagebreak"]
        start = _goal_start(text_blocks)
        goal = _goal_text(text_blocks, start, len(text_blocks)) if start is not None else None
        if goal is None:
            out.extend(pending)
            pending = []
            out.append(block)
            continue
        keep = text_blocks[:start]
        out.extend(keep)
        pending = []
        out.append(Block(kind="table", rows=_with_goal(block.rows, goal)))
    out.extend(pending)
    doc.blocks = out
    return doc


def _goal_start(blocks: list[Block]) -> int | None:
    """Where the numbered delmål paragraph is among the paragraphs before a table."""
    for index in range(len(blocks) - 1, max(-1, len(blocks) - 5), -1):
        text = blocks[index].text.strip()
        if match_label(text, TOP_LABELS, set_apart=blocks[index].label):
            break  # a numbered heading of the template ("5. Overordnede mål …")
        if _NUMBERED.match(text):
            return index
    if blocks and blocks[-1].kind == "item":
        return len(blocks) - 1
    return None


def _with_goal(rows: list[list[str]], goal: str) -> list[list[str]]:
    index = _header_index(rows) or 0
    out = []
    for number, row in enumerate(rows):
        if number < index:
            continue
        out.append(["Delmål" if number == index else goal, *row])
    return out


def _transposed(rows: list[list[str]]) -> bool:
    """The template's column headings down the first column instead of across the top."""
    if len(rows) < 3 or is_header(rows[0]):
        return False
    firsts = [row[0] if row else "" for row in rows]
    return is_header(firsts) and all(len(row) >= 2 for row in rows)


def turn_transposed(doc: Document) -> Document:
    for block in doc.blocks:
        if block.kind == "table" and _transposed(block.rows):
            width = max(len(row) for row in block.rows)
            padded = [row + [""] * (width - len(row)) for row in block.rows]
            block.rows = [list(column) for column in zip(*padded, strict=True)]
            block.rows = [row for row in block.rows if any(cell.strip() for cell in row)]
    return doc
