"""A table whose header row is ruled or shaded and whose body is not (the HTML Word saves,
printed by a browser: the cells' borders are gone, the header's shading stays).

pdfplumber's finder builds cells from ruling lines (a shaded cell's fill counts), so it finds
the header row alone and the body's text is read as running text, its cells' lines mixed.
The body is the text right below the header whose words all stand in the header's columns;
it ends at a gap wider than a line, a word across a column's edge (a heading, a paragraph) or
the next table. Its rows are not drawn either, and a browser centres a cell's text in its row,
so a row's cells share their middle: a cell of one line (a year, a figure) shows the middle
of its row, and a row ends as far below its middle as it starts above it (the first row
starts at the header's foot). A cell's text whose middle is that of several rows together is
one cell merged down over them (the delmål beside its indicators). A body that runs to the
foot of the page goes on at the top of the next, in the same columns, without the header.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

MAX_HEADER_ROWS = 2
MIN_COLUMNS = 2
GAP_LINES = 1.0  # a gap taller than a line (the body's glyph height) ends the body
LINE_GAP = 0.5  # lines of a cell: less than half a line apart
CROSS = 1.0  # points a word may stand over a column's edge
MIDDLE = 0.35  # lines: two middles this close are the same row's
MARGIN = 0.08  # the page's top and bottom share where running headers and footers sit


@dataclass
class Columns:
    """A body's columns (their left edges and the table's right edge), carried to the next
    page when the body ran to the page's foot."""

    edges: list[float]
    right: float


def unruled_bodies(
    tables: list[Any],
    chars: list[dict[str, Any]],
    height: float,
    carried: Columns | None,
    edges: list[dict[str, Any]] | None = None,
) -> tuple[list[Any], Columns | None]:
    """The page's tables with the unruled body below a header-only table added to it (a
    header shaded as one band counts, its columns where its words stand), and an unruled
    body at the page's top going on from the page before (`carried`) as a table of its own;
    the columns to carry to the next page."""
    candidates = [*tables, *_bands(edges or [], tables, chars)]
    out = list(tables)
    tops = sorted(t.bbox[1] for t in candidates)
    carry: Columns | None = None
    if carried is not None:
        first_top = tops[0] if tops else height
        body = _body(chars, carried, None, first_top, height)
        if body is not None:
            table, ends_page = _table(body, carried, [], None, chars, height)
            out.append(table)
            carry = carried if ends_page else None
    for position, table in enumerate(candidates):
        columns = _header_columns(table)
        if columns is None:
            continue
        below = min((t for t in tops if t > table.bbox[3] - 1.0), default=height)
        body = _body(chars, columns, table.bbox[3], below, height)
        if body is None:
            continue
        extended, ends_page = _table(body, columns, list(table.rows), table.bbox, chars, height)
        if position < len(tables):
            out[position] = extended
        else:
            out.append(extended)  # a band is a table only with its body
        carry = columns if ends_page else carry
    return out, carry


MAX_BAND_EDGES = 80  # vertical strokes outside tables: more, and no band is looked for
BAND_GAP = 0.6  # font sizes between two header words that stand in two columns
MIN_BAND_WIDTH = 100.0  # points
MAX_BAND_HEIGHT = 80.0  # points: a header row of up to five or six lines


def _bands(
    edges: list[dict[str, Any]], tables: list[Any], chars: list[dict[str, Any]]
) -> list[Any]:
    """Header rows shaded as one band (a browser paints a row's background once, so the
    finder sees one cell and no table): a box drawn outside the tables holding words that
    stand apart in two or more columns, as a one-row table of those columns. A column
    starts as far left of its words as the first starts from the band's left edge."""
    from importing.readers.pdf import word_tuples

    def outside(edge: dict[str, Any]) -> bool:
        return not any(
            t.bbox[0] - CROSS <= edge["x0"] <= t.bbox[2] + CROSS
            and t.bbox[1] - CROSS <= edge["top"] <= t.bbox[3] + CROSS
            for t in tables
        )

    vertical = [e for e in edges if e.get("orientation") == "v" and outside(e)]
    if len(vertical) < 2 or len(vertical) > MAX_BAND_EDGES:
        return []
    horizontal = [e for e in edges if e.get("orientation") == "h" and outside(e)]
    bands: list[Any] = []
    for a in vertical:
        for b in vertical:
            if not (
                b["x0"] - a["x0"] > 10 * CROSS
                and abs(a["top"] - b["top"]) <= CROSS
                and abs(a["bottom"] - b["bottom"]) <= CROSS
            ):
                continue
            box = (a["x0"], min(a["top"], b["top"]), b["x0"], max(a["bottom"], b["bottom"]))
            if box[2] - box[0] < MIN_BAND_WIDTH or box[3] - box[1] > MAX_BAND_HEIGHT:
                continue  # no header row of a table of columns
            sides = [
                e
                for e in horizontal
                if e["x0"] <= box[0] + CROSS
                and e["x1"] >= box[2] - CROSS
                and min(abs(e["top"] - box[1]), abs(e["top"] - box[3])) <= CROSS
            ]
            if len(sides) < 2:
                continue
            inside = [
                c
                for c in chars
                if box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]
                and box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]
                and c["text"].strip()
            ]
            if not inside:
                continue
            words = sorted((w for w, _letters in word_tuples(inside)), key=lambda w: w["x0"])
            size = statistics.median(float(c.get("size") or 10.0) for c in inside)
            groups: list[list[float]] = []  # each column's words: left, right
            for word in words:
                if groups and word["x0"] <= groups[-1][1] + BAND_GAP * size:
                    groups[-1][1] = max(groups[-1][1], word["x1"])
                else:
                    groups.append([word["x0"], word["x1"]])
            if len(groups) < MIN_COLUMNS:
                continue
            padding = max(0.0, groups[0][0] - box[0])
            lefts = [box[0], *(g[0] - padding for g in groups[1:])]
            rights = [*lefts[1:], box[2]]
            cells = [(x0, box[1], x1, box[3]) for x0, x1 in zip(lefts, rights, strict=True)]
            row = SimpleNamespace(bbox=box, cells=cells)
            bands.append(SimpleNamespace(rows=[row], bbox=box))
    return bands


def _header_columns(table: Any) -> Columns | None:
    """The columns of a table of a header row or two (at least two cells in the last), as
    the finder's grid gives them; None for any other table."""
    rows = list(table.rows)
    if not rows or len(rows) > MAX_HEADER_ROWS:
        return None
    boxes = [box for row in rows for box in row.cells if box is not None]
    if sum(1 for box in rows[-1].cells if box is not None) < MIN_COLUMNS:
        return None
    edges = sorted({round(box[0], 1) for box in boxes})
    if len(edges) != len(rows[-1].cells):
        return None  # not the finder's grid: no columns to hold a body to
    return Columns(edges=edges, right=max(box[2] for box in boxes))


@dataclass
class _Body:
    words: list[dict[str, Any]]
    top: float  # where its first row starts
    bottom: float
    line: float  # the body's line height (its words' glyph height)


def _body(
    chars: list[dict[str, Any]],
    columns: Columns,
    top: float | None,
    below: float,
    height: float,
) -> _Body | None:
    """The words below `top` (a header's foot; None: the page's top) that stand in the
    columns, down to the first gap, word across a column edge or `below`."""
    from importing.readers.pdf import word_tuples

    left, right = columns.edges[0] - CROSS, columns.right + CROSS
    start = -1.0 if top is None else top - CROSS
    near = [
        c
        for c in chars
        if start < (c["top"] + c["bottom"]) / 2 < below and left <= (c["x0"] + c["x1"]) / 2
    ]
    if not near:
        return None
    words = [word for word, _letters in word_tuples(near) if word["text"].strip()]
    words.sort(key=lambda w: w["top"])
    bands: list[list[dict[str, Any]]] = []
    for word in words:
        if bands and word["top"] <= bands[-1][0]["top"] + 2.0:
            bands[-1].append(word)
        else:
            bands.append([word])
    line = statistics.median(w["bottom"] - w["top"] for w in words)
    cuts = columns.edges[1:]
    body: list[dict[str, Any]] = []
    previous = top
    skipped = False
    for band in bands:
        band_top = min(w["top"] for w in band)
        gap = band_top - previous if previous is not None else 0.0
        inside = all(not _across(w, cuts) and w["x0"] < right for w in band)
        if inside and gap <= max(GAP_LINES * line, 6.0):
            body.extend(band)
            previous = max(w["bottom"] for w in band)
            continue
        if top is None and not body and not skipped and band_top < height * MARGIN:
            skipped = True  # a running header above the body that goes on
            continue
        break
    if not body or len({_column(w, cuts) for w in body}) < MIN_COLUMNS:
        return None
    first = min(w["top"] for w in body)
    return _Body(
        words=body,
        top=first - 0.5 if top is None else top,
        bottom=max(w["bottom"] for w in body),
        line=line,
    )


def _across(word: dict[str, Any], cuts: list[float]) -> bool:
    return any(word["x0"] < cut - CROSS and word["x1"] > cut + CROSS for cut in cuts)


def _column(word: dict[str, Any], cuts: list[float]) -> int:
    return bisect.bisect_right(cuts, (word["x0"] + word["x1"]) / 2)


@dataclass
class _Block:
    """A cell's text as it stands: lines less than half a line apart in one column."""

    column: int
    lines: list[tuple[float, float]]  # each line's top and bottom
    lower: list[bool]  # each line's first word starts in lower case (it goes on)

    @property
    def middle(self) -> float:
        return (self.lines[0][0] + self.lines[-1][1]) / 2


def _blocks(body: _Body, cuts: list[float]) -> list[_Block]:
    by_column: dict[int, list[dict[str, Any]]] = {}
    for word in body.words:
        by_column.setdefault(_column(word, cuts), []).append(word)
    blocks: list[_Block] = []
    for column, words in sorted(by_column.items()):
        words.sort(key=lambda w: w["top"])
        lines: list[list[Any]] = []  # top, bottom, the first word's left and text
        for word in words:
            if lines and word["top"] <= lines[-1][0] + 2.0:
                line = lines[-1]
                line[1] = max(line[1], word["bottom"])
                if word["x0"] < line[2]:
                    line[2:] = [word["x0"], word["text"]]
            else:
                lines.append([word["top"], word["bottom"], word["x0"], word["text"]])
        block: list[tuple[float, float]] = []
        lower: list[bool] = []
        for line_top, line_bottom, _left, text in lines:
            if block and line_top - block[-1][1] > LINE_GAP * body.line:
                blocks.append(_Block(column, block, lower))
                block, lower = [], []
            block.append((line_top, line_bottom))
            lower.append(text[:1].islower())
        if block:
            blocks.append(_Block(column, block, lower))
    return blocks


def _matched(blocks: list[_Block], key: Any, tolerance: float) -> int:
    """How many blocks stand level (by `key`) with a block of another column."""
    ordered = sorted(blocks, key=key)
    values = [key(b) for b in ordered]
    count = 0
    for index, block in enumerate(ordered):
        low = bisect.bisect_left(values, values[index] - tolerance)
        high = bisect.bisect_right(values, values[index] + tolerance)
        count += any(ordered[i].column != block.column for i in range(low, high))
    return count


def _top_aligned(body: _Body, blocks: list[_Block]) -> bool:
    """Whether the cells start at their rows' tops (a writer's default) rather than stand
    in their middles: more cells level with another column's by their tops than by their
    middles."""
    tolerance = MIDDLE * body.line
    tops = _matched(blocks, lambda b: b.lines[0][0], tolerance)
    middles = _matched(blocks, lambda b: b.middle, tolerance)
    if tops != middles:
        return tops > middles
    # as many either way (the tall cells of rows set close make one block a column): the
    # first row's cells all start level at the top, or stand in its middle
    firsts: dict[int, float] = {}
    for block in blocks:
        top = block.lines[0][0]
        firsts[block.column] = min(firsts.get(block.column, top), top)
    return max(firsts.values()) - min(firsts.values()) <= tolerance


def _top_bounds(body: _Body, blocks: list[_Block]) -> list[float]:
    """The rows' edges where cells start at their rows' tops: a row starts where cells of
    two columns start level."""
    tolerance = MIDDLE * body.line
    starts: list[tuple[float, int]] = sorted((b.lines[0][0], b.column) for b in blocks)
    bounds = [body.top]
    group: list[tuple[float, int]] = []
    for start in [*starts, (float("inf"), -1)]:
        if group and start[0] - group[0][0] > tolerance:
            first = group[0][0]
            if len({column for _top, column in group}) >= 2 and first > bounds[-1] + tolerance:
                bounds.append(first - 0.5)
            group = []
        group.append(start)
    bounds.append(body.bottom + 1.0)
    return bounds


def _row_bounds(body: _Body, blocks: list[_Block]) -> list[float]:
    """The rows' edges, top to bottom: each row ends as far below the first middle after
    its top as it starts above it (a cell of one line counts double: its middle is surely a
    row's, a taller block's may be that of two cells in a row set close)."""
    tolerance = MIDDLE * body.line
    ordered = sorted(blocks, key=lambda b: b.middle)
    bounds = [body.top]
    while True:
        # a row's cells start below its top: a block that starts above it (cells of rows
        # set close, or one merged down) says nothing of this row's middle
        top = bounds[-1]
        eligible = [
            b
            for b in ordered
            if b.lines[0][0] >= top - tolerance and b.middle > top + 0.25 * body.line
        ]
        if not eligible:
            break
        nearest = eligible[0].middle
        same = [b for b in eligible if b.middle - nearest <= tolerance]
        weights = [2.0 if len(b.lines) == 1 else 1.0 for b in same]
        middle = sum(b.middle * w for b, w in zip(same, weights, strict=True)) / sum(weights)
        bounds.append(max(2 * middle - top, middle + 0.5 * body.line))
    if bounds[-1] < body.bottom:
        bounds[-1] = body.bottom + 1.0
    elif len(bounds) > 1:
        bounds[-1] = min(bounds[-1], body.bottom + 1.0)
    return bounds


def _spans(
    blocks: list[_Block], bounds: list[float], line: float, top_aligned: bool = False
) -> dict[tuple[int, int], int]:
    """The cells merged down over rows: (first row, column) → last row, for a block whose
    middle is that of several rows together, not that of one row (nor of each row's part of
    it, as two cells set close in one column would be)."""
    tolerance = MIDDLE * line
    centres = [(a + b) / 2 for a, b in zip(bounds, bounds[1:], strict=False)]
    count = len(centres)

    def row_of(y: float) -> int:
        return min(max(bisect.bisect_right(bounds, y) - 1, 0), count - 1)

    spans: dict[tuple[int, int], int] = {}
    taken: set[tuple[int, int]] = set()
    for block in blocks:
        rows = [row_of((a + b) / 2) for a, b in block.lines]
        first, last = rows[0], rows[-1]
        if first == last and abs(block.middle - centres[first]) <= tolerance:
            continue
        parts = [
            [ln for ln, r in zip(block.lines, rows, strict=True) if r == row]
            for row in range(first, last + 1)
        ]
        # where a row's part of the block ends, the next part going on in lower case is
        # the same text (a cell merged down that fills its rows), not the next cell's
        goes_on = any(block.lower[i] for i in range(1, len(rows)) if rows[i] != rows[i - 1])
        if top_aligned:
            # cells start at their rows' tops: a block over several rows is one cell merged
            # down only where its text goes on into the next row
            start = rows[0]
            for i in range(1, len(rows) + 1):
                if i < len(rows) and (rows[i] == rows[i - 1] or block.lower[i]):
                    continue
                end = rows[i - 1]
                if end > start:
                    spans[(start, block.column)] = end
                start = rows[i] if i < len(rows) else start
            continue
        if (
            first < last
            and not goes_on
            and all(
                part and abs((part[0][0] + part[-1][1]) / 2 - centres[row]) <= tolerance
                for row, part in zip(range(first, last + 1), parts, strict=True)
            )
        ):
            continue  # cells of rows set close: each in the middle of its row
        best: tuple[float, int, int] | None = None
        for low in range(first, -1, -1):
            for high in range(last, count):
                if low == high:
                    continue
                off = abs(block.middle - (bounds[low] + bounds[high + 1]) / 2)
                if off <= tolerance and (
                    best is None or (high - low, off) < (best[2] - best[1], best[0])
                ):
                    best = (off, low, high)
        if best is None:
            continue
        _off, low, high = best
        cells = {(row, block.column) for row in range(low, high + 1)}
        if cells & taken:
            continue
        taken |= cells
        spans[(low, block.column)] = high
    return spans


def _table(
    body: _Body,
    columns: Columns,
    header: list[Any],
    header_box: tuple[float, float, float, float] | None,
    chars: list[dict[str, Any]],
    height: float,
) -> tuple[Any, bool]:
    """The header's rows and the body's, and whether the body ran to the page's foot."""
    cuts = columns.edges[1:]
    blocks = _blocks(body, cuts)
    top_aligned = _top_aligned(body, blocks)
    bounds = _top_bounds(body, blocks) if top_aligned else _row_bounds(body, blocks)
    spans = _spans(blocks, bounds, body.line, top_aligned)
    xs = [*columns.edges, columns.right]
    # text that runs past the table's sides (a column wider than the page) is still its own
    xs[0] = min(xs[0], min(w["x0"] for w in body.words) - CROSS)
    xs[-1] = max(xs[-1], max(w["x1"] for w in body.words) + CROSS)
    width = len(columns.edges)
    covered: set[tuple[int, int]] = set()
    rows: list[Any] = []
    for index, top in enumerate(bounds[:-1]):
        cells: list[tuple[float, float, float, float] | None] = []
        for column in range(width):
            if (index, column) in covered:
                cells.append(None)
                continue
            last = spans.get((index, column), index)
            for row in range(index + 1, last + 1):
                covered.add((row, column))
            cells.append((xs[column], top, xs[column + 1], bounds[last + 1]))
        lowest = max(box[3] for box in cells if box is not None)
        rows.append(SimpleNamespace(bbox=(xs[0], top, xs[-1], lowest), cells=cells))
    top = header_box[1] if header_box is not None else bounds[0]
    bottom = bounds[-1]
    foot = height * (1 - MARGIN)
    ends_page = not any(
        bottom < (c["top"] + c["bottom"]) / 2 < foot and c["text"].strip() for c in chars
    )
    return SimpleNamespace(rows=[*header, *rows], bbox=(xs[0], top, xs[-1], bottom)), ends_page
