"""Tables nested in a table's cell in a PDF (a delmål's indicator table inside the delmål
table, an activity sheet inside a table of activities), read as the DOCX reader reads them
(`importing.readers.docx._lift_nested`): the outer table's rows above a nested table stay a
table of their own, the text of the cell around the nested table stands before (or after)
it as paragraphs, the nested table follows as a table of its own. pdfplumber's table finder
finds the outer and the nested tables alike; read as one, the outer table's cell would hold
the nested table's text run together."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from importing.tree import Document

_SLACK = 1.0  # points a nested table's box may stick out of its outer table's


def _inside(inner: Any, outer: Any) -> bool:
    a, b = inner.bbox, outer.bbox
    return (
        inner is not outer
        and a[0] >= b[0] - _SLACK
        and a[1] >= b[1] - _SLACK
        and a[2] <= b[2] + _SLACK
        and a[3] <= b[3] + _SLACK
        and (a[2] - a[0]) * (a[3] - a[1]) < (b[2] - b[0]) * (b[3] - b[1])
    )


def nested_tables(tables: list[Any]) -> dict[int, list[Any]]:
    """For each table (by id) the tables right inside it, top to bottom; a table inside one
    of those is theirs. Tables inside none are the page's own (key 0)."""
    parents: dict[int, Any] = {}
    for table in tables:
        around = [other for other in tables if _inside(table, other)]
        if around:
            # the nearest: the smallest table around it
            parents[id(table)] = min(
                around, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1])
            )
    children: dict[int, list[Any]] = {0: []}
    for table in tables:
        parent = parents.get(id(table))
        children.setdefault(0 if parent is None else id(parent), []).append(table)
    for found in children.values():
        found.sort(key=lambda t: t.bbox[1])
    return children


def _overlaps(inner: Any, box: tuple[float, float, float, float]) -> bool:
    a = inner.bbox
    return a[1] < box[3] - _SLACK and a[3] > box[1] + _SLACK


def add_table(
    doc: Document,
    table: Any,
    children: dict[int, list[Any]],
    chars: list[dict[str, Any]],
) -> None:
    """The table into `doc`: as one table, or, when tables are nested in its cells, as its
    rows without them, the text around each nested table and the nested tables in turn."""
    from importing.readers.pdf import table_rows

    inner = list(children.get(id(table)) or [])
    table, padded = _padded(table, chars)
    if not inner and not padded:
        table, inner = _fused(table)
    for nested in [*padded, *inner]:
        children.setdefault(id(nested), [])
    inner = sorted([*padded, *inner], key=lambda t: t.bbox[1])
    if not inner:
        # a nested table cut out of the finder's grid keeps the grid's other columns: none
        # of its rows has a cell there
        doc.add_table(table_rows(SimpleNamespace(rows=_gridless(list(table.rows))), chars))
        return
    inner_boxes = [t.bbox for t in inner]
    piece: list[Any] = []
    done: set[int] = set()

    def flush() -> None:
        if piece:
            doc.add_table(table_rows(SimpleNamespace(rows=_gridless(piece)), chars))
            piece.clear()

    rows = list(table.rows)
    for row in rows:
        holding = [t for t in inner if _overlaps(t, row.bbox)]
        if not holding and row is rows[-1] and len(rows) > 1 and _spanning(row):
            # the cell of a nested table the page broke off before it: its label (»Indikatorer:«)
            # stands before the nested table on the next page as it does before those here
            flush()
            _add_text(doc, [c for c in chars if _in_box(c, row.bbox)], row)
            continue
        if not holding:
            piece.append(row)
            continue
        flush()
        fresh = [t for t in holding if id(t) not in done]
        first_top = min(t.bbox[1] for t in fresh) if fresh else row.bbox[1]
        own = [c for c in chars if _in_box(c, row.bbox) and not _in_any(c, inner_boxes)]
        _add_text(doc, [c for c in own if _middle(c)[1] < first_top], row)
        for nested in fresh:
            add_table(doc, nested, children, chars)
            done.add(id(nested))
        _add_text(doc, [c for c in own if _middle(c)[1] >= first_top], row)
    flush()


def _spanning(row: Any) -> bool:
    """A row of one cell across the whole table."""
    boxes = [box for box in row.cells if box is not None]
    return len(boxes) == 1 and len(row.cells) > 1


def _gridless(rows: list[Any]) -> list[Any]:
    """Rows of the outer table without the columns none of them has a cell in: the finder's
    grid has a column for every ruling line of the nested tables between them."""
    width = max(len(row.cells) for row in rows)
    keep = [k for k in range(width) if any(k < len(r.cells) and r.cells[k] for r in rows)]
    if len(keep) == width:
        return list(rows)
    return [SimpleNamespace(bbox=r.bbox, cells=[r.cells[k] for k in keep]) for r in rows]


def _within(box: Any, around: Any) -> bool:
    return (
        box[0] >= around[0] - _SLACK
        and box[1] >= around[1] - _SLACK
        and box[2] <= around[2] + _SLACK
        and box[3] <= around[3] + _SLACK
    )


def _fused(table: Any) -> tuple[Any, list[Any]]:
    """A table nested in a cell whose ruling lines meet the outer table's: the finder reads
    both as one grid, the outer cell's box over the nested table's rows below it. The table
    without those rows, and the tables they make (none when no cell holds rows)."""
    rows = list(table.rows)
    nested: list[Any] = []
    own: list[Any] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        own.append(row)
        index += 1
        boxes = [box for box in row.cells if box is not None]
        for box in boxes:
            if box[3] - box[1] <= row.bbox[3] - row.bbox[1] + _SLACK and len(boxes) > 1:
                continue
            held = index
            while held < len(rows) and _within(rows[held].bbox, box):
                held += 1
            if held > index:
                part = rows[index:held]
                nested.append(
                    SimpleNamespace(
                        rows=part,
                        bbox=(
                            min(r.bbox[0] for r in part),
                            part[0].bbox[1],
                            max(r.bbox[2] for r in part),
                            part[-1].bbox[3],
                        ),
                    )
                )
                index = held
                break
    if not nested:
        return table, []
    return SimpleNamespace(rows=own, bbox=table.bbox), nested


# An outer cell's padding either side of a nested table whose top (or bottom) ruling meets the
# outer table's, where a page broke the outer table: the finder reads the padding as a narrow
# empty column either side of the nested table's rows, no wider than this (points).
PADDING = 12.0


def _padded(table: Any, chars: list[dict[str, Any]]) -> tuple[Any, list[Any]]:
    """The table without the rows of a nested table it holds beside narrow empty cells (the
    outer cell's padding on one side of it or both, spanning its rows), each such run of
    rows one row of a single cell in their place, and the nested tables they make (columns
    that none of their rows fills left out)."""
    rows = list(table.rows)
    own: list[Any] = []
    nested: list[Any] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        cells = row.cells
        left = _padding(cells[0], rows, index, chars) if len(cells) >= 3 else None
        right = _padding(cells[-1], rows, index, chars) if len(cells) >= 3 else None
        if left is None and right is None:
            own.append(row)
            index += 1
            continue
        bottom = min(box[3] for box in (left, right) if box is not None)
        end = index + 1
        while end < len(rows) and rows[end].bbox[3] <= bottom + _SLACK:
            end += 1
        part = rows[index:end]
        inside = range(1 if left else 0, len(cells) - 1 if right else len(cells))
        keep = [k for k in inside if any(r.cells[k] is not None for r in part)]
        x0 = left[2] if left else table.bbox[0]
        x1 = right[0] if right else table.bbox[2]
        nested_rows = [
            SimpleNamespace(bbox=(x0, r.bbox[1], x1, r.bbox[3]), cells=[r.cells[k] for k in keep])
            for r in part
        ]
        top = part[0].bbox[1]
        nested.append(SimpleNamespace(rows=nested_rows, bbox=(x0, top, x1, bottom)))
        box = (
            table.bbox[0] if left is None else left[0],
            top,
            x1 if right is None else right[2],
            bottom,
        )
        own.append(SimpleNamespace(bbox=box, cells=[box]))
        index = end
    if not nested:
        return table, []
    return SimpleNamespace(rows=own, bbox=table.bbox), nested


def _padding(
    box: Any, rows: list[Any], index: int, chars: list[dict[str, Any]]
) -> tuple[float, float, float, float] | None:
    """The cell `box` of row `index` when it is an outer cell's padding beside a nested
    table: narrow, empty and reaching down past the row below."""
    if (
        box is None
        or box[2] - box[0] > PADDING
        or index + 1 == len(rows)
        or rows[index + 1].bbox[3] > box[3] + _SLACK  # one row: a narrow column of the table
        or any(_in_box(c, box) for c in chars if c["text"].strip())
    ):
        return None
    return (box[0], box[1], box[2], box[3])


def _middle(char: dict[str, Any]) -> tuple[float, float]:
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def _in_box(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x, y = _middle(char)
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _in_any(char: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    return any(_in_box(char, box) for box in boxes)


def _add_text(doc: Document, chars: list[dict[str, Any]], row: Any) -> None:
    """The text of a row's cells outside its nested tables, a paragraph per cell."""
    from importing.readers.pdf import _cell_lines, _cell_text

    if not chars:
        return
    for box in row.cells:
        if box is None:
            continue
        lines = _cell_lines([c for c in chars if _in_box(c, box)])
        text = _cell_text(box, lines, None, None)
        if text.strip():
            doc.add("paragraph", text)


# -- a table whose label column alone is ruled -----------------------------------------------
NEAR = 40.0  # points from a table's right edge where the text of a column beside it starts


def widened(tables: list[Any], chars: list[dict[str, Any]]) -> list[Any]:
    """The tables, a one-column table whose cells only are drawn (shaded label cells: an
    activity sheet's »Formål«, »Målgruppe(r)« …) with the text set beside its rows, unruled,
    as the second column it is."""
    return [_widened(table, chars) for table in tables]


def _widened(table: Any, chars: list[dict[str, Any]]) -> Any:
    rows = list(table.rows)
    if (len(rows) < 2 and not getattr(table, "lone", False)) or any(
        len(row.cells) != 1 or row.cells[0] is None for row in rows
    ):
        return table
    left, top, right, bottom = table.bbox
    beside = [c for c in chars if c["x0"] >= right - _SLACK and top <= _middle(c)[1] < bottom]
    if not beside or min(c["x0"] for c in beside) > right + NEAR:
        return table
    filled = sum(1 for row in rows if any(_in_rows(c, row.bbox) for c in beside))
    if 2 * filled < len(rows):
        return table
    edge = max(c["x1"] for c in beside) + 1.0
    new_rows = [
        SimpleNamespace(
            bbox=(row.bbox[0], row.bbox[1], edge, row.bbox[3]),
            cells=[row.cells[0], (right, row.bbox[1], edge, row.bbox[3])],
        )
        for row in rows
    ]
    return SimpleNamespace(rows=new_rows, bbox=(left, top, edge, bottom))


MAX_LONE_EDGES = 16  # a page with more strokes than this has more than a lone cell


def lone_cell(
    edges: list[dict[str, Any]], tables: list[Any], chars: list[dict[str, Any]]
) -> list[Any]:
    """A label cell a page broke off from its table: on a page without tables, one empty
    box drawn from where the page's text starts, the label column of an activity sheet
    whose last row runs on here (the finder wants two cells to make a table). As a table of
    one cell (for `widened`), or nothing."""
    if tables or not chars or len(edges) > MAX_LONE_EDGES:
        return []
    vertical = [e for e in edges if e.get("orientation") == "v"]
    horizontal = [e for e in edges if e.get("orientation") == "h"]
    first_text = min(c["top"] for c in chars if c["text"].strip()) if chars else 0.0
    for a in vertical:
        for b in vertical:
            if not (
                b["x0"] - a["x0"] > 2 * _SLACK
                and abs(a["top"] - b["top"]) <= _SLACK
                and abs(a["bottom"] - b["bottom"]) <= _SLACK
            ):
                continue
            box = (a["x0"], a["top"], b["x0"], a["bottom"])
            sides = [
                e
                for e in horizontal
                if e["x0"] <= box[0] + _SLACK
                and e["x1"] >= box[2] - _SLACK
                and min(abs(e["top"] - box[1]), abs(e["top"] - box[3])) <= _SLACK
            ]
            if (
                len(sides) < 2
                or box[1] > first_text + _SLACK
                or any(_in_box(c, box) and c["text"].strip() for c in chars)
            ):
                continue
            row = SimpleNamespace(bbox=box, cells=[box])
            return [SimpleNamespace(rows=[row], bbox=box, lone=True)]
    return []


def _in_rows(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    y = _middle(char)[1]
    return box[1] <= y < box[3]
