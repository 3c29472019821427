"""Text set in two columns on a PDF page, read column by column.

pdfplumber builds a text line from every character at the same height, so where a page sets
its text in two columns (a Word section with two columns) each line holds the left column's
line and the right column's side by side, and the text of the two columns interleaves. Here
the lines of a page are put back into reading order: where a run of lines shares a gutter (a
wide gap at the same place in the middle of the page, with no line across it), the left
parts come first, then the right parts. Lines across the gutter (a title, a full-width
paragraph) and tables end such a run, so a page may hold one-column and two-column parts.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

Line = dict[str, Any]

GUTTER_MIN = 12.0  # points: wider than any space between words
MIN_SPLIT_LINES = 4  # lines with text on both sides of the gutter, for a run to be columns


def _chars(line: Line) -> list[dict[str, Any]]:
    chars = [c for c in line.get("chars", []) if c["text"].strip()]
    chars.sort(key=itemgetter("x0"))
    return chars


def _gaps(
    line: Line, low: float, high: float, chars: list[dict[str, Any]] | None = None
) -> list[tuple[float, float]]:
    chars = _chars(line) if chars is None else chars
    out = []
    for a, b in zip(chars, chars[1:], strict=False):
        if b["x0"] - a["x1"] >= GUTTER_MIN and low <= (a["x1"] + b["x0"]) / 2 <= high:
            out.append((a["x1"], b["x0"]))
    return out


def _part(line: Line, chars: list[dict[str, Any]]) -> Line:
    text = ""
    previous = None
    for char in chars:
        if previous is not None and char["x0"] - previous["x1"] > 0.2 * max(
            char.get("size", 10), 1
        ):
            text += " "
        text += char["text"]
        previous = char
    return {
        **line,
        "text": text,
        "chars": chars,
        "x0": chars[0]["x0"],
        "x1": chars[-1]["x1"],
        "top": min(c["top"] for c in chars),
        "bottom": max(c["bottom"] for c in chars),
    }


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of a gutter in the middle of the page: where the most lines have a wide gap
    and (almost) none has a character or a word space; the middle of that free band."""
    spans = []
    for line in lines:
        chars = _chars(line)
        if chars:
            gaps = _gaps(line, 0.0, width, chars)
            spans.append((chars[0]["x0"], chars[-1]["x1"], gaps))
    best: tuple[int, float] | None = None
    band: list[float] = []
    x = 0.3 * width
    while x <= 0.7 * width:
        both = crossing = 0
        for x0, x1, gaps in spans:
            if not x0 < x < x1:
                continue
            if any(left < x < right for left, right in gaps):
                both += 1
            else:
                crossing += 1
        score = both - 3 * crossing
        if best is None or score > best[0]:
            best, band = (score, x), [x]
        elif score == best[0] and band and x - band[-1] <= 3.0:
            band.append(x)
        x += 3.0
    if best is None or best[0] < MIN_SPLIT_LINES:
        return _side_by_side(spans, width)
    return (band[0] + band[-1]) / 2


def _side_by_side(
    spans: list[tuple[float, float, list[tuple[float, float]]]], width: float
) -> float | None:
    """A gutter where the two columns' lines seldom share a height (headings, lists and a
    browser's or LibreOffice's own line spacing in each column): many lines end left of it,
    many start right of it at one margin, and (almost) none crosses it."""
    best: tuple[int, float] | None = None
    x = 0.3 * width
    while x <= 0.7 * width:
        crossing = lefts = 0
        starts: list[int] = []
        for x0, x1, gaps in spans:
            gap = next((g for g in gaps if g[0] < x < g[1]), None)
            if gap is not None:  # a line with text on both sides
                lefts += 1
                starts.append(round(gap[1]))
            elif x1 < x:
                lefts += 1
            elif x0 > x:
                starts.append(round(x0))
            else:
                crossing += 1
        aligned = max((starts.count(v) for v in set(starts)), default=0)
        enough = lefts > MIN_SPLIT_LINES and aligned > MIN_SPLIT_LINES
        if enough and crossing <= (lefts + aligned) / 4:
            score = lefts + aligned
            if best is None or score > best[0]:
                best = (score, x)
        x += 3.0
    if best is None:
        return None
    x = best[1]
    # the gutter's middle: halfway between the left column's reach and the right's margin
    reach = max((x1 for x0, x1, _ in spans if x1 < x), default=x)
    margin = min((x0 for x0, _, _ in spans if x0 > x), default=x)
    return (reach + margin) / 2


def _columns(run: list[tuple[Line | None, Line | None]], gutter: float, width: float) -> bool:
    """Whether a run of lines is two columns of text, not labels and values set at a tab
    stop: text on both sides in several lines, both sides as wide as a column, and each side
    filling its width in many lines (a column of prose fills its width; a label stops short
    of its value's tab stop)."""
    split = [(a, b) for a, b in run if a is not None and b is not None]
    if len(split) < MIN_SPLIT_LINES:
        return _one_sided_columns(run, gutter, width)
    margin = min(a["x0"] for a, _ in split)
    edge = max(b["x1"] for _, b in split)
    start = min(b["x0"] for _, b in split)
    left_width, right_width = gutter - margin, edge - start
    if min(left_width, right_width) < 0.25 * width:
        return False
    full_left = sum(1 for a, _ in split if gutter - a["x1"] <= 0.25 * left_width)
    full_right = sum(1 for _, b in split if edge - b["x1"] <= 0.25 * right_width)
    if min(full_left, full_right) >= 0.4 * len(split):
        return True
    return _one_sided_columns(run, gutter, width)


def _one_sided_columns(
    run: list[tuple[Line | None, Line | None]], gutter: float, width: float
) -> bool:
    """Columns whose lines seldom share a height: each side has many lines, the right side's
    lines start at one margin, the two sides are as wide as columns are, and the prose of at
    least one side fills its width."""
    lefts = [a for a, _ in run if a is not None]
    rights = [b for _, b in run if b is not None]
    shared = sum(1 for a, b in run if a is not None and b is not None)
    if min(len(lefts), len(rights)) <= MIN_SPLIT_LINES or shared > 0.6 * len(run):
        return False  # few lines, or mostly lines on both sides (labels and values at a tab)
    margin = min(a["x0"] for a in lefts)
    start = min(b["x0"] for b in rights)
    edge = max(b["x1"] for b in rights)
    left_width, right_width = gutter - margin, edge - start
    if min(left_width, right_width) < 0.3 * width or abs(left_width - right_width) > 0.1 * width:
        return False
    if sum(1 for b in rights if abs(b["x0"] - start) <= 3.0) < 0.6 * len(rights):
        return False
    full_left = sum(1 for a in lefts if gutter - a["x1"] <= 0.25 * left_width) / len(lefts)
    full_right = sum(1 for b in rights if edge - b["x1"] <= 0.25 * right_width) / len(rights)
    return max(full_left, full_right) >= 0.4 and min(full_left, full_right) >= 0.15


def _set_edges(lefts: list[Line], rights: list[Line], width: float) -> None:
    """Each column's right edge on its lines (`edge`, and `reach`: as far as its text
    reaches), for telling a wrapped line from a line
    break: as far as its lines reach, and no less than the columns' margins mirrored (the
    right column ends as far from the page's edge as the left begins; columns are as wide)."""
    margin = min(line["x0"] for line in lefts)
    start = min(line["x0"] for line in rights)
    right_edge = max(max(line["x1"] for line in rights), width - margin)
    left_edge = max(max(line["x1"] for line in lefts), margin + right_edge - start)
    left_edge = min(left_edge, start)
    left_reach = max(line["x1"] for line in lefts)
    right_reach = max(line["x1"] for line in rights)
    for line in lefts:
        line["edge"], line["reach"] = left_edge, left_reach
    for line in rights:
        line["edge"], line["reach"] = right_edge, right_reach


def reading_order(lines: list[Line], breaks: list[float], width: float) -> list[Line]:
    """The page's lines (sorted by top) in reading order; `breaks` are the tops of tables,
    which end a run of columns."""
    gutter = _gutter(lines, width)
    if gutter is None:
        return lines
    out: list[Line] = []
    run: list[tuple[Line | None, Line | None]] = []
    originals: list[Line] = []

    def flush() -> None:
        if _columns(run, gutter, width):
            lefts = [left for left, _ in run if left is not None]
            rights = [right for _, right in run if right is not None]
            _set_edges(lefts, rights, width)
            out.extend(lefts)
            out.extend(rights)
        else:
            out.extend(originals)  # not columns: the lines as they were
        run.clear()
        originals.clear()

    pending_breaks = sorted(breaks)
    for line in lines:
        while pending_breaks and pending_breaks[0] <= line["top"]:
            pending_breaks.pop(0)
            flush()
        chars = _chars(line)
        if not chars:
            continue
        left = [c for c in chars if c["x1"] <= gutter]
        right = [c for c in chars if c["x0"] >= gutter]
        if len(left) + len(right) < len(chars):
            flush()  # a line across the gutter: one column here
            out.append(line)
            continue
        run.append((_part(line, left) if left else None, _part(line, right) if right else None))
        originals.append(line)
    flush()
    return out
