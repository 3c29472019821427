"""Ruling lines a table left open where the page broke it.

Word closes a table's borders at a page break, but browsers and WeasyPrint (and so the PDFs
of Google-Docs-like HTML) leave a cell that continues on the next page open: no bottom
border on the first page, no top border on the next. pdfplumber builds cells only from four
edges, so such a cell (often the delmål cell merged down over its indicator rows) vanishes
with its text, and the continued row on the next page is not a table at all. The missing
lines are where a table's column lines end together with no ruling across them; they are
given to the table finder as explicit lines.
"""

from __future__ import annotations

from typing import Any

MIN_COLUMN_LINES = 3  # column lines ending together: a table's, not a box's
TOLERANCE = 1.5


def closing_lines(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    vertical = [e for e in edges if e.get("orientation") == "v"]
    horizontal = [e for e in edges if e.get("orientation") == "h"]
    if len(vertical) < MIN_COLUMN_LINES:
        return []
    lines: list[dict[str, Any]] = []
    for end in ("top", "bottom"):
        for y, group in _ends(vertical, end):
            xs = sorted({round(e["x0"], 1) for e in group})
            if len(xs) < MIN_COLUMN_LINES:
                continue
            left, right = xs[0], xs[-1]
            if _covered(horizontal, y, left, right):
                continue
            lines.append(
                {
                    "object_type": "line",
                    "x0": left,
                    "x1": right,
                    "top": y,
                    "bottom": y,
                    "width": right - left,
                    "height": 0.0,
                }
            )
    return lines


def _ends(vertical: list[dict[str, Any]], end: str) -> list[tuple[float, list[dict[str, Any]]]]:
    """The column lines grouped by where they end (`top` or `bottom`), ends less than the
    tolerance apart together (a cell merged down ends half a point from the others), each
    group at its ends' mean."""
    groups: list[list[dict[str, Any]]] = []
    for edge in sorted(vertical, key=lambda e: e[end]):
        if groups and edge[end] - groups[-1][-1][end] <= TOLERANCE:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    return [(sum(e[end] for e in group) / len(group), group) for group in groups]


def _covered(horizontal: list[dict[str, Any]], y: float, left: float, right: float) -> bool:
    """Whether ruling at height y already runs from left to right (gaps under 2 points)."""
    spans = sorted((e["x0"], e["x1"]) for e in horizontal if abs(e["top"] - y) <= TOLERANCE)
    reach = left
    for x0, x1 in spans:
        if x0 > reach + 2:
            return False
        reach = max(reach, x1)
    return reach >= right - 2
