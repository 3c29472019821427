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

import bisect
import itertools
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


Span = tuple[float, float, list[tuple[float, float]]]  # a line's left and right end, its gaps
STEP = 3.0  # points between the places a gutter is tried at


def _steps(width: float) -> list[float]:
    """The places a gutter is tried at: every `STEP` points across the middle of the page."""
    steps = []
    x = 0.3 * width
    while x <= 0.7 * width:
        steps.append(x)
        x += STEP
    return steps


def _between(steps: list[float], low: float, high: float) -> tuple[int, int]:
    """The indices of the steps strictly between `low` and `high`, as a range."""
    return bisect.bisect_right(steps, low), bisect.bisect_left(steps, high)


class _Counts:
    """Counts per step, added over ranges of steps (a difference array: a line adds to a
    range in two places, not once per step)."""

    def __init__(self, size: int) -> None:
        self.diff = [0] * (size + 1)

    def add(self, low: int, high: int, amount: int = 1) -> None:
        if low < high:
            self.diff[low] += amount
            self.diff[high] -= amount

    def totals(self) -> list[int]:
        return list(itertools.accumulate(self.diff[:-1]))


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of a gutter in the middle of the page: where the most lines have a wide gap
    and (almost) none has a character or a word space; the middle of that free band."""
    spans: list[Span] = []
    for line in lines:
        chars = _chars(line)
        if chars:
            gaps = _gaps(line, 0.0, width, chars)
            spans.append((chars[0]["x0"], chars[-1]["x1"], gaps))
    steps = _steps(width)
    # at each step, the lines there with a gap at it (both sides) and those across it; a
    # line's gaps do not overlap (each lies between two of its letters, left to right)
    across, both = _Counts(len(steps)), _Counts(len(steps))
    for x0, x1, gaps in spans:
        low, high = _between(steps, x0, x1)
        across.add(low, high)
        for left, right in gaps:
            gap_low, gap_high = _between(steps, left, right)
            both.add(max(gap_low, low), min(gap_high, high))
    best: tuple[int, float] | None = None
    band: list[float] = []
    for x, on, split in zip(steps, across.totals(), both.totals(), strict=True):
        score = split - 3 * (on - split)
        if best is None or score > best[0]:
            best, band = (score, x), [x]
        elif score == best[0] and band and x - band[-1] <= 3.0:
            band.append(x)
    if best is None or best[0] < MIN_SPLIT_LINES:
        return _side_by_side(spans, width)
    return (band[0] + band[-1]) / 2


def _side_by_side(spans: list[Span], width: float) -> float | None:
    """A gutter where the two columns' lines seldom share a height (headings, lists and a
    browser's or LibreOffice's own line spacing in each column): many lines end left of it,
    many start right of it at one margin, and (almost) none crosses it."""
    steps = _steps(width)
    size = len(steps)
    lefts, crossing = _Counts(size), _Counts(size)
    starts: dict[int, _Counts] = {}  # lines starting right of a step, by where they start

    def starting(where: float) -> _Counts:
        return starts.setdefault(round(where), _Counts(size))

    for x0, x1, gaps in spans:
        # a step in a gap has text on both sides: the left side ends before it, the right
        # side starts at the gap's end; any other step is right of the line's end, left of
        # its start or across it
        in_gaps = [_between(steps, left, right) for left, right in gaps]
        ended = bisect.bisect_right(steps, x1)  # from here on: x1 < x
        begun = bisect.bisect_left(steps, x0)  # before this: x0 > x
        regions = (
            (ended, size, lefts),
            (0, min(begun, ended), starting(x0)),
            (begun, ended, crossing),
        )
        for low, high, counts in regions:
            counts.add(low, high)
            for gap_low, gap_high in in_gaps:  # the steps in a gap counted as such instead
                counts.add(max(low, gap_low), min(high, gap_high), -1)
        for (gap_low, gap_high), (_left, right) in zip(in_gaps, gaps, strict=True):
            lefts.add(gap_low, gap_high)
            starting(right).add(gap_low, gap_high)
    left_counts, crossing_counts = lefts.totals(), crossing.totals()
    start_counts = [counts.totals() for counts in starts.values()]
    best: tuple[int, float] | None = None
    for index, x in enumerate(steps):
        ending, crossed = left_counts[index], crossing_counts[index]
        aligned = max((counts[index] for counts in start_counts), default=0)
        enough = ending > MIN_SPLIT_LINES and aligned > MIN_SPLIT_LINES
        if enough and crossed <= (ending + aligned) / 4:
            score = ending + aligned
            if best is None or score > best[0]:
                best = (score, x)
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
