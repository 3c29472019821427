"""The layout stage: between the readers' document tree and the recognisers.

Agreements are the same template laid out in many ways: header fields as bold paragraphs,
headings or label tables; activity sheets as two-column tables, one-column tables with
label rows or headings and paragraphs; delmål as numbered paragraphs each with its own
indicator table. `normalise` turns each variant into one canonical form the recognisers
read: labels as label paragraphs followed by their values, sheets as label | value tables,
one goal table with a delmål column, and the template's guidance text gone. It never changes
the document it is given.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from importing.layout.goals import (
    join_numbered_goals,
    read_goal_records,
    split_marked_rows,
    turn_transposed,
)
from importing.layout.guidance import drop_guidance
from importing.layout.labels import unroll_label_tables
from importing.tree import Block, Document

Stage = Callable[[Document], Document]

# Characters Word and web editors put in for typesetting, read as the plain ones the template's
# labels and the number and date readers know: non-breaking and thin spaces, non-breaking and
# figure dashes, the minus sign; soft hyphens and zero-width characters go.
_CHARACTERS = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "–",
        "\u2015": "–",
        "\u2212": "–",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
_ODD = re.compile(
    "[\u00a0\u2007\u2009\u202f\u2002\u2003\u2010-\u2012\u2015\u2212\u00ad\u200b-\u200d\u2060\ufeff]"
)


def plain_characters(doc: Document) -> Document:
    for block in doc.blocks:
        if block.kind == "table":
            block.rows = [
                [cell.translate(_CHARACTERS) if _ODD.search(cell) else cell for cell in row]
                for row in block.rows
            ]
        elif _ODD.search(block.text):
            block.text = block.text.translate(_CHARACTERS)
    return doc


# In order: typesetting characters first, then guidance (it sits inside label cells), then
# transposed goal tables turned (before label tables, which they resemble), then label tables
# (their values may hold numbered delmål), then the goals (written as records, or numbered
# paragraphs each with its own table), and last a row holding several indicators as marked
# lines side by side split into a row each.
STAGES: tuple[Stage, ...] = (
    plain_characters,
    drop_guidance,
    turn_transposed,
    unroll_label_tables,
    read_goal_records,
    join_numbered_goals,
    split_marked_rows,
)


log = logging.getLogger(__name__)


def _copy(doc: Document) -> Document:
    """`copy.deepcopy(doc)` for a document tree (blocks of strings), in a tenth of its time:
    a block or a list that appears twice in `doc` is one object in the copy too."""
    seen: dict[int, Any] = {}  # id of an original → its copy (the originals stay alive)

    def row_copy(row: list[str]) -> list[str]:
        if id(row) not in seen:
            seen[id(row)] = list(row)
        return seen[id(row)]  # type: ignore[no-any-return]

    def copied(rows: list[list[str]]) -> list[list[str]]:
        if id(rows) not in seen:
            seen[id(rows)] = [row_copy(row) for row in rows]
        return seen[id(rows)]  # type: ignore[no-any-return]

    blocks = []
    for block in doc.blocks:
        if id(block) not in seen:
            seen[id(block)] = Block(
                kind=block.kind,
                text=block.text,
                level=block.level,
                rows=copied(block.rows),
                label=block.label,
            )
        blocks.append(seen[id(block)])
    return Document(blocks=blocks, warnings=list(doc.warnings), ocr=doc.ocr)


def normalise(doc: Document, stages: tuple[Stage, ...] = STAGES) -> Document:
    result = _copy(doc)
    for stage in stages:
        before = _copy(result)
        try:
            result = stage(result)
        except Exception:  # a layout nobody foresaw must not cost the reader the document
            log.exception("layout stage %s failed", stage.__name__)
            result = before
            message = "En del af dokumentets opsætning kunne ikke læses; kontrollér resultatet."
            if message not in result.warnings:
                result.warnings.append(message)
    return result
