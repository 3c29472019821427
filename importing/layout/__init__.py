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

import copy
import logging
from collections.abc import Callable

from importing.layout.goals import join_numbered_goals
from importing.layout.guidance import drop_guidance
from importing.layout.labels import unroll_label_tables
from importing.tree import Document

Stage = Callable[[Document], Document]

# In order: guidance first (it sits inside label cells), then label tables (their values may
# hold numbered delmål), then the goals.
STAGES: tuple[Stage, ...] = (drop_guidance, unroll_label_tables, join_numbered_goals)


log = logging.getLogger(__name__)


def normalise(doc: Document, stages: tuple[Stage, ...] = STAGES) -> Document:
    result = copy.deepcopy(doc)
    for stage in stages:
        before = copy.deepcopy(result)
        try:
            result = stage(result)
        except Exception:  # a layout nobody foresaw must not cost the reader the document
            log.exception("layout stage %s failed", stage.__name__)
            result = before
            message = "En del af dokumentets opsætning kunne ikke læses; kontrollér resultatet."
            if message not in result.warnings:
                result.warnings.append(message)
    return result
