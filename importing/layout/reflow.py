"""Reflowing pasted text: the passes that undo what copying from a PDF viewer did to it.

Text passes (a string in, a string out, before the text reader):
- `split_long_lines`: everything of a page on one line (text copied from document-sharing
  sites) is cut again before the template's own labels and numbered headings, and no line
  stays longer than `MAX_LINE` characters, so later passes work in bounded time.
- `layout_tables`: `pdftotext -layout` output sets a table as space-aligned columns; such a
  block becomes a table (cells found from the gutters every line shares, rows from blank
  lines or from a column that holds one figure per row).

Tree passes (`Document -> Document`, after the text reader):
- `dehyphenate`: a word hyphenated at a line end ("ind-" / "satsen") is joined again.
- `unwrap`: lines hard-wrapped at a fixed width are joined into their paragraph, while short
  lines (one party, one staff line a line) stay lines.
"""

from __future__ import annotations

import re
import statistics

from importing.layout.vocabulary import NUMBERED_HEADING, label_pattern, starts_with_label
from importing.tree import Block, Document

LONG_LINE = 300
MAX_LINE = 3000
GAP = re.compile(r"\S(\s{3,})\S")
YEAR = re.compile(r"^(?:19|20)\d{2}$")
# words that follow a hyphen at a line end as the second half of "bolig- og erhvervs…"
JOINING_WORDS = {"og", "eller", "samt", "til", "som"}
_NUMBERED_IN_LINE = re.compile(r"(?<=[.:!?])\s+(?=\d{1,2}\.\s+[A-ZÆØÅ][a-zæøå]{2,})")


# -- text passes ---------------------------------------------------------------------------
def split_long_lines(text: str) -> str:
    labels = label_pattern()
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= LONG_LINE:
            out.append(line)
            continue
        line = labels.sub(lambda m: "\n" + m[0], line)
        line = _NUMBERED_IN_LINE.sub("\n", line)
        for piece in line.split("\n"):
            out.extend(_bounded(piece.strip()))
    return "\n".join(out)


def _bounded(line: str) -> list[str]:
    """A line cut at sentence ends (or, failing that, at spaces) into pieces ≤ MAX_LINE."""
    pieces: list[str] = []
    while len(line) > MAX_LINE:
        cut = line.rfind(". ", 0, MAX_LINE)
        if cut < MAX_LINE // 2:
            cut = line.rfind(" ", 0, MAX_LINE)
        if cut <= 0:
            cut = MAX_LINE - 1
        pieces.append(line[: cut + 1].strip())
        line = line[cut + 1 :].strip()
    pieces.append(line)
    return pieces


def _is_columnar(line: str) -> bool:
    return bool(GAP.search(line.rstrip())) or (line.startswith("   ") and bool(line.strip()))


def _columns(lines: list[str]) -> list[tuple[int, int]]:
    """Column spans: the runs of positions where some line has text, between gutters of at
    least two positions where no line has."""
    width = max(len(line) for line in lines)
    used = [False] * width
    for line in lines:
        for position, char in enumerate(line):
            if not char.isspace():
                used[position] = True
    spans: list[tuple[int, int]] = []
    position = 0
    while position < width:
        if not used[position]:
            position += 1
            continue
        start = position
        while position < width:
            if used[position]:
                position += 1
                continue
            gap_end = position
            while gap_end < width and not used[gap_end]:
                gap_end += 1
            if gap_end - position >= 2 or gap_end == width:
                break
            position = gap_end
        spans.append((start, position))
    return spans


def layout_tables(text: str) -> list[str | list[list[str]]]:
    """The text as a sequence of plain-text pieces and tables found in it."""
    lines = text.split("\n")
    out: list[str | list[list[str]]] = []
    plain: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines):
            line = lines[end]
            next_columnar = end + 1 < len(lines) and _is_columnar(lines[end + 1])
            # a blank line, or a short one (a first column's rest), inside a run of columns
            inside = next_columnar and (not line.strip() or end > index and len(line) <= 40)
            if not (_is_columnar(line) or inside):
                break
            end += 1
        block = lines[index:end]
        table = _table(block) if sum(1 for b in block if GAP.search(b)) >= 2 else None
        if table:
            if plain:
                out.append("\n".join(plain))
                plain = []
            out.append(table)
            index = end
        else:  # not a table: the whole run is plain text (each line looked at once)
            plain.extend(lines[index : max(end, index + 1)])
            index = max(end, index + 1)
    if plain:
        out.append("\n".join(plain))
    return out


def _table(block: list[str]) -> list[list[str]] | None:
    while block and not block[-1].strip():
        block = block[:-1]
    spans = _columns([line for line in block if line.strip()])
    if len(spans) < 3:
        return None
    grid = [[line[a:b].strip() if line.strip() else "" for a, b in spans] for line in block]
    groups = _row_groups(block, grid)
    rows = []
    for group in groups:
        cells = ["\n".join(grid[i][c] for i in group if grid[i][c]) for c in range(len(spans))]
        if any(cells):
            rows.append(cells)
    return rows if len(rows) >= 2 else None


def _row_groups(block: list[str], grid: list[list[str]]) -> list[list[int]]:
    blank = [i for i, line in enumerate(block) if not line.strip()]
    if blank:
        groups: list[list[int]] = [[]]
        for i, line in enumerate(block):
            if line.strip():
                groups[-1].append(i)
            elif groups[-1]:
                groups.append([])
        return [g for g in groups if g]
    columns = len(grid[0]) if grid else 0
    # a column holding one year a row (the template's "Baseline år") anchors the rows
    for column in range(columns - 1, -1, -1):
        anchors = [i for i, row in enumerate(grid) if YEAR.match(row[column])]
        others = [i for i, row in enumerate(grid) if row[column] and i not in anchors]
        if len(anchors) >= 2 and all(i < anchors[0] for i in others):
            return _groups_around(anchors, len(grid))
    return [[i] for i in range(len(grid))]


def _groups_around(anchors: list[int], count: int) -> list[list[int]]:
    """Rows around their anchor lines: the header is what lies before the first row; a row
    whose anchor sits mid-cell (vertically centred cells) reaches half-way to the next."""
    spacing = statistics.median(b - a for a, b in zip(anchors, anchors[1:], strict=False))
    above = int(spacing // 2) if spacing > 2 else 0
    starts = [max(0, a - above) for a in anchors]
    bounds = [0, *starts, count]
    groups = [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [g for g in groups if g]


# -- tree passes ---------------------------------------------------------------------------
def _map_lines(doc: Document, change: object) -> Document:
    out = Document(warnings=list(doc.warnings), ocr=doc.ocr)
    for block in doc.blocks:
        if block.kind in ("paragraph", "item") and "\n" in block.text:
            lines = change(block.text.split("\n"))  # type: ignore[operator]
            out.blocks.append(Block(kind=block.kind, text="\n".join(lines), level=block.level))
        else:
            out.blocks.append(block)
    return out


_HYPHEN_END = re.compile(r"(?<=[a-zæøåA-ZÆØÅ]{2})-$")


def _dehyphenate_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _HYPHEN_END.search(out[-1]) and line[:1].islower():
            first = line.split()[0] if line.split() else ""
            if first not in JOINING_WORDS:
                out[-1] = out[-1][:-1] + line
                continue
        out.append(line)
    return out


def dehyphenate(doc: Document) -> Document:
    return _map_lines(doc, _dehyphenate_lines)


def wrap_width(doc: Document) -> int | None:
    """The fixed width the text was hard-wrapped at, or None when it was not."""
    lengths = [
        len(line)
        for block in doc.blocks
        if block.kind in ("paragraph", "item")
        for line in block.text.split("\n")
        if line.strip()
    ]
    if len(lengths) < 12:
        return None
    width = sorted(lengths)[int(len(lengths) * 0.95)]
    full = sum(1 for length in lengths if width - 15 <= length <= width)
    if not 40 <= width <= 130 or full < 0.25 * len(lengths):
        return None
    return width


def unwrap(doc: Document) -> Document:
    width = wrap_width(doc)
    if width is None:
        return doc

    def join(lines: list[str]) -> list[str]:
        out: list[str] = []
        last = ""  # the last source line, as it was wrapped
        for line in lines:
            if out and _wrapped(last, line, width):
                out[-1] = out[-1].rstrip() + " " + line.strip()
            else:
                out.append(line)
            last = line
        return out

    return _map_lines(doc, join)


def _wrapped(previous: str, line: str, width: int) -> bool:
    """Whether `line` was put on a new line only because its first word did not fit, and
    goes on with the sentence of `previous` (a lower-case start, or `previous` ending on a
    comma). A label line is never joined, nor anything onto it."""
    words = line.split()
    ending = previous.rstrip()[-1:]
    if not words or ending in ".:!?;" or starts_with_label(line) or starts_with_label(previous):
        return False
    if NUMBERED_HEADING.match(line) or line.lstrip()[:1] in "-•*":
        return False
    goes_on = line.lstrip(' "“(')[:1].islower() or ending == ","
    return goes_on and len(previous.rstrip()) + 1 + len(words[0]) > width - 2


def reflow(doc: Document) -> Document:
    return unwrap(dehyphenate(doc))


def prepare_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return split_long_lines(text)
