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

import itertools
import logging
import re
import statistics
from collections.abc import Callable

from importing.layout.vocabulary import (
    NUMBERED_HEADING,
    TABLE_HEADINGS,
    label_fold,
    label_pattern,
    starts_with_label,
)
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
    start = 0
    while len(line) - start > MAX_LINE:
        limit = start + MAX_LINE
        cut = line.rfind(". ", start, limit)
        if cut < start + MAX_LINE // 2:
            cut = line.rfind(" ", start, limit)
        if cut <= start:
            cut = limit - 1
        pieces.append(line[start : cut + 1].strip())
        start = cut + 1
    pieces.append(line[start:].strip())
    return pieces


_PAGE_NUMBER = re.compile(r"\bSide \d{1,3} af \d{1,3}\b")


def _is_columnar(line: str) -> bool:
    if _PAGE_NUMBER.search(line):
        return False  # a running footer set out in columns is no row of a table
    if "\t" in line:
        return False  # a tab-separated row (pasted from Word, or rebuilt) is read as one
    # a line set in from the margin is a later column's cell; a hanging indent of a few
    # spaces (a numbered paragraph's wrapped line) is not
    return bool(GAP.search(line.rstrip())) or (line.startswith(" " * 6) and bool(line.strip()))


_FRAGMENT = re.compile(r"\S+(?: \S+)*")


def _column_starts(lines: list[str], needed: int | None = None) -> list[int]:
    """Where columns begin: positions at which a piece of text (after two or more spaces)
    starts on many lines; starts a position or two apart are one column (pdftotext shifts
    a line by one now and then)."""
    counts: dict[int, int] = {}
    for line in lines:
        for match in _FRAGMENT.finditer(line):
            counts[match.start()] = counts.get(match.start(), 0) + 1
    needed = needed or max(2, len(lines) // 5)
    starts: list[int] = []
    for position in sorted(counts):
        total = sum(counts.get(p, 0) for p in range(position, position + 3))
        if total < needed or (starts and position - starts[-1] <= 2):
            continue
        starts.append(position)
    return starts


def _cells_of(
    line: str, starts: list[int], edges: list[tuple[int, int] | None] | None = None
) -> list[str]:
    """A line's text in the columns beginning at `starts`. With `edges` (each column's
    right edge, `_right_edges`), a piece pdftotext ran into the next column over a single
    space ("gennemføre med en" for "gennemføre" | "med en") is cut where the column ends."""
    cells = [""] * len(starts)
    found: list[tuple[int, str]] = []
    for match in _FRAGMENT.finditer(line):
        pieces = [(match.start(), match.group())]
        if edges is not None:
            pieces = _straddling(pieces[0], starts, edges)
        # a piece running into the next column over a single space is two cells
        for start in starts if len(pieces) == 1 else ():
            first, text = pieces[-1]
            for cut in (start, start - 1, start + 1):
                offset = cut - first
                if 0 < offset < len(text) and text[offset - 1] == " ":
                    pieces[-1:] = [(first, text[: offset - 1]), (cut, text[offset:])]
                    break
        found.extend(pieces)
    for (_, text), column in zip(found, _assign(found, starts), strict=True):
        cells[column] = (cells[column] + " " + text).strip()
    return cells


_SQUEEZE = 5  # how far left of its column pdftotext sets a cell it ran into the one before


def _column_of(position: int, starts: list[int]) -> int:
    return max((k for k, start in enumerate(starts) if start <= position + 2), default=0)


def _right_edges(lines: list[str], starts: list[int]) -> list[tuple[int, int] | None]:
    """Each column's (right edge, where the next column's text begins) on the lines where
    its text clearly stays in its column; None for a column whose cells run past the next
    column on many lines (the columns were set elsewhere than found: nothing is cut there)."""
    fragments = [
        (match.start(), match.end(), _column_of(match.start(), starts))
        for line in lines
        for match in _FRAGMENT.finditer(line)
    ]
    lefts = [
        min([start for start, _, k in fragments if k == column] or [starts[column]])
        for column in range(len(starts))
    ]
    edges: list[tuple[int, int] | None] = []
    for column in range(len(starts)):
        if column + 1 >= len(starts):
            edges.append(None)
            continue
        following = min(starts[column + 1], lefts[column + 1])
        ends = [end for _, end, k in fragments if k == column and end < following]
        across = sum(1 for _, end, k in fragments if k == column and end > following)
        few = across <= max(2, len(ends) // 2)
        edges.append((max(ends), following) if ends and few else None)
    return edges


def _straddling(
    piece: tuple[int, str], starts: list[int], edges: list[tuple[int, int] | None]
) -> list[tuple[int, str]]:
    """A piece cut where it runs over a single space from its column into the next: at the
    space after which the rest starts where pdftotext puts such a cell (up to `_SQUEEZE`
    left of the next column), preferring a cut inside the column's right edge."""
    first, text = piece
    k = _column_of(first, starts)
    found = edges[k] if k < len(edges) else None
    if found is None or first + len(text) <= found[1]:
        return [piece]
    edge, following = found
    cuts = [
        first + i
        for i, char in enumerate(text)
        if char == " " and following - _SQUEEZE <= first + i + 1 <= following + 1
    ]
    if not cuts:
        return [piece]
    inside = [cut for cut in cuts if cut <= edge + 1]
    cut = inside[-1] if inside else min(cuts, key=lambda c: abs(c + 1 - following))
    rest = (cut + 1, text[cut + 1 - first :])
    return [(first, text[: cut - first]), *_straddling(rest, starts, edges)]


def _assign(pieces: list[tuple[int, str]], starts: list[int]) -> list[int]:
    """Each piece's column: in the order of the line, each as near its column's start as can
    be (pdftotext sets a row's later columns a few characters off the header's)."""
    if not pieces:
        return []
    columns = len(starts)
    infinity = float("inf")
    # cost[j][i]: the best cost with piece j in column i; a column holding two pieces costs
    cost = [[infinity] * columns for _ in pieces]
    back = [[0] * columns for _ in pieces]
    for i, start in enumerate(starts):
        cost[0][i] = abs(pieces[0][0] - start) + (0 if pieces[0][0] >= start - 2 else 2)
    for j in range(1, len(pieces)):
        position = pieces[j][0]
        best, best_i = infinity, 0
        for i, start in enumerate(starts):
            same = cost[j - 1][i] + SHARED_COLUMN
            if best < same:
                candidate, origin = best, best_i
            else:
                candidate, origin = same, i
            cost[j][i] = candidate + abs(position - start)
            back[j][i] = origin
            if cost[j - 1][i] < best:
                best, best_i = cost[j - 1][i], i
    column = min(range(columns), key=lambda i: cost[-1][i])
    out = [column]
    for j in range(len(pieces) - 1, 0, -1):
        column = back[j][column]
        out.append(column)
    return out[::-1]


SHARED_COLUMN = 8


_LABEL_GAP = re.compile(r"\S( {2,})(?=\S)")
_DANGLING = (" og", "-", ",", " af", " for", " den", " på", " i", " som")


def _label_start(text: str) -> bool:
    """Whether a text begins with a template label, or is the first words of one (a label
    wrapped in its column: "Navn på den boligsociale" / "indsats, som delaftalen")."""
    folded = label_fold(text)
    if folded in ("delmal", "aktivitetens delmal") and text.strip().endswith(":"):
        return True  # an activity sheet's own "Delmål:"
    return len(folded) >= 5 and any(
        (label.startswith(folded + " ") and " " in folded)
        or folded.startswith(label + " ")
        or folded == label
        for label in _folded_labels()
    )


def _folded_labels() -> tuple[str, ...]:
    from importing.layout.vocabulary import LABELS

    return tuple(label_fold(label) for label in LABELS)


def _value_column(line: str) -> int | None:
    """Where the value starts on a label line of a two-column label table ("Formål:
    Formålet er …"): the text after the first wide gap, when a template label comes before."""
    match = _LABEL_GAP.search(line)
    if match is None or match.start() > 60 or not _label_start(line[: match.start() + 1]):
        return None
    return match.end()


def label_block(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """A two-column label table set as text (`pdftotext -layout`): labels at the margin, each
    value in a column of its own, a label wrapped over lines in its column; it goes on over
    a page break (past the running header and footer there). The rows as label | value and
    the index after the block, or None when no such table starts here.

    The table ends at a line of more columns than two (the next table's header), and a last
    label without a value is the heading after the table ("Medarbejderressourcer",
    "Aktivitetsskema: …"), not a row of it."""
    column = _value_column(lines[start].lstrip("\f"))
    if column is None:
        return None
    rows: list[list[str]] = []
    firsts: list[int] = []  # the line each row starts on
    index = start
    while index < len(lines):
        line = lines[index].replace("\f", "").rstrip()
        if "\f" in lines[index] and line.strip():
            column = _page_column(line, column, bool(rows))
        count = len(rows)
        if not line.strip() or not _add_line(rows, line, column):
            resumed = _resume(lines, index + (0 if line.strip() else 1), column, rows)
            if resumed is None or resumed[0] <= index and line.strip():
                break
            index, column = resumed
            continue
        if len(rows) > count:
            firsts.append(index)
        index += 1
    while rows and not rows[-1][1].strip():
        rows.pop()  # a heading after the table: the text after it begins there
        index = firsts.pop()
    if len(rows) < 2:
        return None
    values = [line for row in rows for line in row[1].split("\n") if line]
    width = max((len(line) for line in values), default=0)
    return [
        [label, value if _entries(value.split("\n")) else _unwrap_cell(value, width)]
        for label, value in rows
    ], index


def _page_column(line: str, column: int, started: bool) -> int:
    """The value column on a new page (pdftotext sets each page's columns a little apart)."""
    indent = len(line) - len(line.lstrip())
    if indent >= 8 and started:
        return indent
    return _value_column(line) or column


def _fits(line: str, column: int, rows: list[list[str]]) -> bool:
    head = line[: column - 1].strip()
    return not head or _row_role(rows, head, bool(line[column - 2 :].strip())) is not None


def _row_role(rows: list[list[str]], left: str, valued: bool) -> str | None:
    """What a label table's line with `left` in the label column is: "more" of the last
    row's label (a label wrapped in its column: it goes on in lower case, or after a word
    that cannot end it), a "new" row (a template label; another label when a value stands
    beside it), or None: no line of the table (a heading or text after it)."""
    label = rows[-1][0] if rows else ""
    if rows and not label.endswith(":") and (label.endswith(_DANGLING) or left[:1].islower()):
        return "more"
    if not rows or _label_start(left):
        return "new"
    if valued and left[:1].isupper() and len(left) <= 60:
        return "new"  # a label of the plan's own ("Helhedsplanens navn   Fælles om …")
    return None


def _columns_in(line: str) -> int:
    """How many cells a line sets apart by two spaces or more (a bullet is no cell)."""
    pieces = [p for p in re.split(r"\s{2,}", line.strip()) if p.strip(BULLET_START + " ")]
    return len(pieces)


def _resume(
    lines: list[str], index: int, column: int, rows: list[list[str]]
) -> tuple[int, int] | None:
    """Where the table goes on after blank lines, or after a page break with its running
    footer and header (a few lines that do not fit the table), with its column there."""
    page = False
    skipped = 0
    ahead = index
    while ahead < len(lines) and skipped <= 4:
        raw = lines[ahead]
        line = raw.replace("\f", "").rstrip()
        if "\f" in raw:
            page = True
        if line.strip():
            if page:
                column = _page_column(line, column, bool(rows))
            if (
                (page or skipped == 0)
                and _columns_in(line) <= 2
                and _fits(line, column, rows)
                and _splits(line, column)
            ):
                return ahead, column
            if not page and skipped and _label_start(line[: column - 1].strip()):
                return None  # a label after a line that is none, on the same page: a new table
            if not page and ahead > index and "\f" not in "".join(lines[ahead : ahead + 4]):
                return None
            skipped += 1
        ahead += 1
    return None


def _splits(line: str, column: int) -> bool:
    """A line with nothing running through the gap before the value column."""
    return len(line) < column - 1 or line[column - 2] == " " or not line[: column - 1].strip()


def _add_line(rows: list[list[str]], line: str, column: int) -> bool:
    left, right = line[: column - 1].strip(), line[column - 2 :].strip()
    if left and len(line) > column - 1 and line[column - 2] != " ":
        return False  # a line of prose running through the value column: the table ended
    if _columns_in(line) > 2:
        return False  # a row of a table of more columns: the label table ended
    if left:
        role = _row_role(rows, left, bool(right))
        if role == "more":
            rows[-1][0] = f"{rows[-1][0]} {left}"
        elif role == "new":
            rows.append([left, ""])
        else:
            return False
    if right:
        rows[-1][1] = (rows[-1][1] + "\n" + right).strip("\n")
    return True


def _unwrap_cell(value: str, width: int) -> str:
    """A value column's lines joined where the column wrapped them (the next word did not fit
    on the line); lines that are entries of their own (a party, a bullet) stay lines."""
    out: list[str] = []
    for line in value.split("\n"):
        words = line.split()
        if (
            out
            and words
            and line[:1] not in BULLET_START
            and len(out[-1]) + 1 + len(words[0]) > width - 2
        ):
            out[-1] = _join_hyphen(out[-1], line)
        else:
            out.append(line)
    return "\n".join(out)


BULLET_START = "•▪◦●■-–*\uf0b7\uf0a7"


def _entries(lines: list[str]) -> bool:
    """Whether a cell's lines are a list of short entries, one a line (parties, one name a
    paragraph): each begins with a capital, and none ends as if it went on (a comma, a word
    that joins to the next) or as a sentence."""
    return len(lines) >= 2 and all(
        line[:1].isupper() and len(line) <= 50 and not line.endswith((".", *_DANGLING))
        for line in lines
    )


def _join_hyphen(previous: str, line: str) -> str:
    if re.search(r"\d-$", previous) and line[:1].isalnum():
        return previous + line  # a span or compound broken after its hyphen ("18-" / "64")
    if _HYPHEN_END.search(previous) and line[:1].islower() and line.split()[0] not in JOINING_WORDS:
        return previous[:-1] + line
    return f"{previous} {line}"


def layout_tables(text: str) -> list[str | list[list[str]]]:
    """The text as a sequence of plain-text pieces and tables found in it."""
    lines = text.split("\n")
    out: list[str | list[list[str]]] = []
    plain: list[str] = []
    # the goal table's header columns, for its rows continued after a page break
    header: list[int] | None = None
    year_column: int | None = None  # the header's "Baseline år" column
    index = 0
    while index < len(lines):
        labelled = label_block(lines, index)
        if labelled is not None:
            if plain:
                out.append("\n".join(plain))
                plain = []
            out.append(labelled[0])
            index = labelled[1]
            continue
        end = index
        while end < len(lines):
            line = lines[end]
            # a blank line, or short ones (a first column's rest), inside a run of columns
            inside = end > index and _columns_go_on(lines, end, index)
            if not (_is_columnar(line) or inside):
                break
            end += 1
        block = lines[index:end]
        if block and _header_starts(block[0].replace("\f", "")):
            header = _header_starts(block[0].replace("\f", ""))
            year_column = _year_heading(block, header) if header else None
        elif block and not any(_YEAR_CELL.search(b) for b in block):
            header = None
        table = (
            _table(block, header, year_column)
            if sum(1 for b in block if GAP.search(b)) >= 2
            else None
        )
        if table:
            if plain:
                out.append("\n".join(plain))
                plain = []
            out.append(table)
            index = end
        else:  # not a table: the whole run is plain text (each line looked at once)
            run = lines[index : max(end, index + 1)]
            if any(starts_with_label(line.strip()) for line in run):
                header = None  # a new part of the template: a goal table's columns end
            plain.extend(run)
            index = max(end, index + 1)
    if plain:
        out.append("\n".join(plain))
    return out


_YEAR_CELL = re.compile(r"(?:^|\s{2})(?:19|20)\d{2}(?:\s{2}|$)")


def _short_first_cell(line: str, width: int = 25) -> bool:
    text = line.strip()
    return (
        0 < len(text) <= max(25, width)
        and not line.startswith(" ")
        and not starts_with_label(text)
        and not NUMBERED_HEADING.match(line)
    )


_FIRST_COLUMN_WIDTH = 60  # the widest first column a tail line is looked back over


def _first_column_tail(lines: list[str], index: int) -> bool:
    """Short lines at the margin right after a table's last row, up to a blank line or the
    template's next label: the rest of the row's first cell (a tall delmål)."""
    start = index
    while (
        start > max(0, index - 8)
        and _short_first_cell(lines[start - 1], _FIRST_COLUMN_WIDTH)
        and not _is_columnar(lines[start - 1])
    ):
        start -= 1
    if start == 0 or not _is_columnar(lines[start - 1]):
        return False
    # as wide as the rows' first cell is (their other cells begin further right)
    seconds = [
        gap.end() - 2
        for line in lines[max(0, start - 8) : start]
        if not line.startswith(" ") and (gap := GAP.search(line.rstrip()))
    ]
    width = min(seconds) if seconds else 25
    rest = lines[start:index]
    if any(len(line.rstrip()) > width for line in rest) or not _short_first_cell(
        lines[index], width
    ):
        return False
    end = index
    while end < len(lines) and end - start < 8 and _short_first_cell(lines[end], width):
        end += 1
    following = lines[end] if end < len(lines) else ""
    return (
        not following.strip()
        or starts_with_label(following.strip())
        or following.startswith("\f")
        or _past_first_column(lines, end, width)
    )


def _past_first_column(lines: list[str], index: int, width: int) -> bool:
    """A line at the margin, of one piece, wider than a table's first column, with a blank
    line after it: no line of the table but a heading after it ("Aktivitetsskema: …").
    (A row's line whose cells pdftotext set one space apart has the row's next line below.)"""
    text = lines[index].rstrip()
    after = lines[index + 1] if index + 1 < len(lines) else ""
    return (
        bool(text)
        and not text.startswith(" ")
        and not GAP.search(text)
        and len(text) > width + 2
        and (not after.strip() or after.startswith("\f"))
    )


def _first_column_width(lines: list[str]) -> int | None:
    """How wide a table's first column is: the widest first cell of its rows' lines."""
    widths = [
        gap.start() + 1
        for line in lines
        if line.strip() and not line.startswith(" ") and (gap := GAP.search(line.rstrip()))
    ]
    return max(widths) if widths else None


def _columns_go_on(lines: list[str], index: int, start: int | None = None) -> bool:
    """A blank or short line (the rest of a first column's cell) with the table's columns
    going on within a few lines; not a line wider than the table's first column (from
    `start`, the table's first line): that is a heading after the table."""
    if _first_column_tail(lines, index):
        return True  # the last lines of a first column's cell, below the row's other cells
    width = _first_column_width(lines[start:index]) if start is not None else None
    if width is not None and _past_first_column(lines, index, width):
        return False
    for ahead in range(index, min(index + 8, len(lines))):
        line = lines[ahead]
        if ahead > index and _is_columnar(line):
            return True
        if line.strip() and (
            len(line) > 40 or line.startswith("\f") or starts_with_label(line.strip())
        ):
            return False  # prose, a new page, or the template's next part
        if not line.strip() and ahead > index and not lines[ahead - 1].strip():
            return False  # two blank lines: the table has ended
    return False


def _table(
    block: list[str], header: list[int] | None = None, year_column: int | None = None
) -> list[list[str]] | None:
    while block and not block[-1].strip():
        block = block[:-1]
    if not block or not block[0].strip():
        return None  # a run starts on text (the caller keeps a leading blank as text)
    starts = (
        _header_starts(block[0])
        or header
        or _column_starts([line for line in block if line.strip()])
    )
    if len(starts) < 3:
        return None
    edges = _right_edges([line.replace("\f", "") for line in block], starts)
    grid = [
        _cells_of(line, starts, edges) if line.strip() else [""] * len(starts) for line in block
    ]
    if header and starts is header and year_column is not None:
        grid = _shifted_grid(block, header, year_column) or grid
    elif starts is not header and _header_starts(block[0]):
        # the rows on the next page, where the columns may sit elsewhere
        year = _year_heading(block, starts)
        page = next((i for i, line in enumerate(block) if i and "\f" in line), None)
        if year is not None and page is not None:
            grid[page:] = _shifted_grid(block[page:], starts, year) or grid[page:]
    groups = _row_groups(block, grid)
    rows = []
    for group in groups:
        cells = ["\n".join(grid[i][c] for i in group if grid[i][c]) for c in range(len(starts))]
        if any(cells):
            rows.append(cells)
    if len(rows) < 2:
        return None
    # a text column's cells are one text again where the column wrapped them
    for column, heading in enumerate(rows[0]):
        if _TEXT_HEADING.search(label_fold(heading)):
            width = max(
                (len(line) for row in rows[1:] for line in row[column].split("\n")), default=0
            )
            for row in rows[1:]:
                row[column] = _unwrap_cell(row[column], width)
    # words a narrow cell broke without a hyphen ("ungdomsudd" / "annelse") joined again
    from importing.wordbreaks import join_broken_words

    for row in rows[1:]:
        for column, cell in enumerate(row):
            lines = [join_broken_words(line) for line in cell.split("\n")]
            row[column] = "\n".join(_joined_lines(lines, join_broken_words))
    return rows


def _joined_lines(lines: list[str], join: Callable[[str], str]) -> list[str]:
    """A cell's lines with a word broken over two of them joined (the lines kept apart
    otherwise, as the cell's reader wants them)."""
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        last = previous.rsplit(" ", 1)[-1]
        first = line.split(" ", 1)[0]
        if last and first and join(f"{last} {first}") == last + first:
            out[-1] = previous + line
        else:
            out.append(line)
    return out


def _in_order(mine: list[int], theirs: list[int]) -> list[int] | None:
    """Which of `theirs` each of `mine` is, in order and as near as can be (the earlier
    columns where it is a tie: a later, optional column is the one left empty)."""
    if len(mine) > len(theirs):
        return None
    best: tuple[int, tuple[int, ...]] | None = None
    for chosen in itertools.combinations(range(len(theirs)), len(mine)):
        cost = sum(abs(m - theirs[c]) for m, c in zip(mine, chosen, strict=True))
        if best is None or cost < best[0]:
            best = (cost, chosen)
    return list(best[1]) if best else None


def _shifted_grid(block: list[str], header: list[int], year_column: int) -> list[list[str]] | None:
    """A goal table's rows continued after a page break where the columns sit elsewhere
    than under the header (and one is empty throughout): the rows' own columns, matched to
    the header's on either side of the year column (the column of years alone)."""
    lines = [line.replace("\f", "") for line in block]
    text_lines = [line for line in lines if line.strip()]
    mine = _column_starts(text_lines, needed=2 if len(text_lines) < 8 else 3)
    if not 3 <= len(mine) < len(header):
        return None
    grid = [_cells_of(line, mine) if line.strip() else [""] * len(mine) for line in lines]
    years = [
        k
        for k in range(len(mine))
        if sum(1 for row in grid if row[k]) >= 2
        and all(YEAR.match(row[k]) for row in grid if row[k])
    ]
    if len(years) != 1:
        return None
    k = years[0]
    left = _in_order(mine[:k], header[:year_column])
    right = _in_order(
        [m - mine[k] for m in mine[k + 1 :]],
        [h - header[year_column] for h in header[year_column + 1 :]],
    )
    if left is None or right is None:
        return None
    columns = [*left, year_column, *(year_column + 1 + r for r in right)]
    out = []
    for row in grid:
        cells = [""] * len(header)
        for cell, column in zip(row, columns, strict=True):
            cells[column] = cell
        out.append(cells)
    return out


_TEXT_HEADING = re.compile(r"^(?:delmal|mal|indikator|datakilde|part|parter|rolle)\b")


def _year_heading(block: list[str], header: list[int]) -> int | None:
    """The header's column for the baseline year ("Baseli / ne år" wrapped over its lines)."""
    heading_lines = [block[0]]
    for line in block[1:4]:
        if not line.strip() or re.search(r"\d", line):
            break  # the first row (its figures and years)
        heading_lines.append(line)
    lines = [_cells_of(line.replace("\f", ""), header) for line in heading_lines]
    found = [
        column
        for column in range(len(header))
        if re.search(
            r"(?<![\wæøå])år$", " ".join(" ".join(line[column] for line in lines).split()).lower()
        )
    ]
    return found[0] if len(found) == 1 else None


def _header_starts(line: str) -> list[int] | None:
    """The columns of a table whose first line is the goal table's header ("Delmål   Indikator
    Baseline …"): where each heading starts; the rows' own starts wander."""
    fragments = list(re.finditer(r"\S+(?: \S+)*", line))
    if len(fragments) < 3:
        return None
    if all(label_fold(m.group()) in _PARTY_HEADINGS for m in fragments):
        return [m.start() for m in fragments]  # "Part   Underskriver   Dato"
    words = _header_words()
    heading = [m for m in fragments if set(label_fold(m.group()).split()) & words]
    if len(heading) < max(3, len(fragments) - 2) or not any(
        "indikator" in label_fold(m.group()) for m in fragments
    ):
        return None
    starts: list[int] = []
    for match in fragments:
        starts.append(match.start())
        # two headings run together over a single space ("Baseline Datakilde")
        for word in re.finditer(
            r"(?<= )(?:Datakilde|Indikator|Baseline|Evt\.|Bemærk)", match.group()
        ):
            starts.append(match.start() + word.start())
    return starts


_PARTY_HEADINGS = {"part", "parter", "underskriver", "underskrift", "dato", "titel", "navn"}


def _header_words() -> set[str]:
    return {word for heading in TABLE_HEADINGS for word in label_fold(heading).split()}


def _row_groups(block: list[str], grid: list[list[str]]) -> list[list[int]]:
    blank = [i for i, line in enumerate(block) if not line.strip()]
    if blank and not _anchored(grid):
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
        later = [i for i in others if anchors and i > anchors[0]]
        # a column holding a year a row, give or take a line pdftotext set out of its column
        if len(anchors) >= 2 and len(later) <= len(anchors) // 3:
            return _groups_around(anchors, grid)
        header = _header_lines(grid)
        if len(anchors) == 1 and not later and header and anchors[0] == header:
            # one row under its header (a delmål's own table of one indicator), its year on
            # its first line: the lines below are its cells wrapped
            return [*([i] for i in range(header)), list(range(header, len(grid)))]
    # top-aligned rows: a row starts on a line whose first cell begins with a capital and
    # that has text in another column too (or under an empty cell); the lines after it,
    # starting lower case or holding one cell, are its cells' wrapped rest
    header = _header_lines(grid)
    starts = [i for i in range(header, len(grid)) if _starts_row(grid, i)]
    joined_header = False
    if starts and header and all(not grid[i][0] for i in range(header, starts[0])):
        header = starts[0]  # a heading's wrapped rest ("e/" of "boligområd" / "e/")
        joined_header = True
    if len(starts) >= 2 and starts[0] == header:
        bounds = [*([0] if joined_header else range(header)), *starts, len(grid)]
        groups = [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
        return [g for g in groups if g]
    return [[i] for i in range(len(grid))]


def _header_lines(grid: list[list[str]]) -> int:
    """How many lines at the top are the header (its headings wrapped over lines)."""
    words = _header_words() | {"part", "underskriver", "dato", "rolle", "andel", "timer"}
    count = 0
    for row in grid:
        folded = set(label_fold(" ".join(row)).split())
        if folded and (folded <= words or count == 0 and len(folded & words) >= 2):
            count += 1
        else:
            break
    return count


def _starts_row(grid: list[list[str]], index: int) -> bool:
    row = grid[index]
    filled = [c for c, cell in enumerate(row) if cell]
    if not filled:
        return False
    first = row[filled[0]].lstrip(' "“(')
    if not first or first[0].islower() or filled[0] > 1:
        return False
    above = grid[index - 1][filled[0]] if index > 0 else ""
    if above and _GOES_ON.search(above):
        return False  # "Bakkely og" / "Kildevang": the cell above goes on on this line
    if len(filled) >= 2 and row[filled[1]][:1].islower():
        return False  # the next column goes on in lower case too: the row's wrapped rest
    return len(filled) >= 2 or not above


# a cell's line that cannot end the cell: it ends on a word that joins to the next one
_GOES_ON = re.compile(r"\S\s+(?:og|eller|samt|i|af|for|til|med|på|om)$|,$")


def _anchored(grid: list[list[str]]) -> bool:
    """Whether a column holds a year on several lines (rows a blank line does not part)."""
    columns = len(grid[0]) if grid else 0
    return any(sum(1 for row in grid if YEAR.match(row[c])) >= 2 for c in range(columns))


def _groups_around(anchors: list[int], grid: list[list[str]]) -> list[list[int]]:
    """Rows around their anchor lines. The header is the lines of header words before the
    first row; top-aligned cells start a row on its anchor line, vertically centred ones
    reach as far above it as the first row does."""
    words = _header_words()
    header_end = -1
    for index in range(anchors[0]):
        if set(label_fold(" ".join(grid[index])).split()) <= words:
            header_end = index
    if header_end <= 0 and _header_lines(grid):
        header_end = 0
        # the headings' wrapped rest ("Baseline" / "Bakkely og" / "Kildevang", "Baseline" /
        # "år"): lines without a figure under the header, the first column (a one-word
        # "Delmål" or "Indikator") empty, up to the first row
        while (
            header_end + 1 < anchors[0]
            and not grid[header_end + 1][0]
            and not re.search(r"\d", " ".join(grid[header_end + 1]))
        ):
            header_end += 1
    above = anchors[0] - (header_end + 1)
    spacing = statistics.median(b - a for a, b in zip(anchors, anchors[1:], strict=False))
    above = min(above, int(spacing // 2))
    starts = [max(header_end + 1, a - above) for a in anchors]
    bounds = [0, *starts, len(grid)]
    groups = [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [g for g in groups if g]


TITLE_START = re.compile(r"^(?:delaftale for|strategisk samarbejdsaftale|samarbejdsaftale)\b")


def join_title(doc: Document) -> Document:
    """A title wrapped over a few short lines ("Delaftale for" / "indsatsområdet" / "Sammen-
    hængskraft og" / "medborgerskab", as a PDF viewer copies a large heading) is one line."""
    out = Document(warnings=list(doc.warnings), ocr=doc.ocr, blocks=list(doc.blocks))
    for index, block in enumerate(out.blocks[:3]):
        lines = block.text.split("\n")
        if block.kind not in ("paragraph", "heading") or not TITLE_START.match(
            label_fold(lines[0])
        ):
            continue
        end = 1
        while (
            end < min(len(lines), 5)
            and len(lines[end]) <= 40
            and not lines[end - 1].rstrip().endswith((".", ":"))
            and not starts_with_label(lines[end])
        ):
            end += 1
        if end > 1:
            title = " ".join(line.strip() for line in lines[:end])
            text = "\n".join([title, *lines[end:]])
            out.blocks[index] = Block(kind=block.kind, text=text, level=block.level)
        break
    return out


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
        runs: list[list[str]] = []
        for line in lines:
            if runs and _wrapped(runs[-1][-1], line, width):
                runs[-1].append(line.strip())
            else:
                runs.append([line])
        return [" ".join(part.rstrip() for part in run) for run in runs]

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


def _mid_line_labels(doc: Document) -> int:
    """How many lines have one of the template's labels inside them (not at the start):
    the sign of text whose paragraphs were run together before it was wrapped."""
    labels = label_pattern()
    count = 0
    for block in doc.blocks:
        if block.kind in ("paragraph", "item"):
            for line in block.text.split("\n"):
                match = labels.search(line, 1)
                if match and line[: match.start()].strip():
                    count += 1
    return count


def split_at_labels(doc: Document) -> Document:
    """Text whose paragraphs ran together: each paragraph is joined into one flow and cut
    again before every template label, so each label starts a line of its own."""
    if _mid_line_labels(doc) < 2:
        return doc
    labels = label_pattern()
    out = Document(warnings=list(doc.warnings), ocr=doc.ocr)
    for block in doc.blocks:
        if block.kind != "paragraph" or starts_with_label(block.text):
            out.blocks.append(block)  # a paragraph a label opens has been cut at labels
            continue
        flow = " ".join(line.strip() for line in block.text.split("\n") if line.strip())
        flow = labels.sub(lambda m: "\n" + m[0], flow)
        flow = _NUMBERED_IN_LINE.sub("\n", flow)
        lines = [piece for line in flow.split("\n") for piece in _bounded(line.strip()) if piece]
        out.blocks.append(Block(kind="paragraph", text="\n".join(lines)))
    return out


def join_label_parentheses(doc: Document) -> Document:
    """A label whose guidance parenthesis wraps over lines ("Revision af delaftalen
    (Eventuelle reviderede aftaler skal ikke" / "fremsendes … delaftaler)") is one line, so
    the parenthesis' rest is not read as the label's value."""

    def join(lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            index += 1
            if starts_with_label(line) and line.count("(") > line.count(")"):
                end = index
                joined = line
                while end < min(len(lines), index + 5) and joined.count("(") > joined.count(")"):
                    joined = f"{joined.rstrip()} {lines[end].strip()}"
                    end += 1
                if joined.count("(") <= joined.count(")"):
                    out.append(joined)
                    index = end
                    continue
            out.append(line)
        return out

    return _map_lines(doc, join)


def set_apart_table_names(doc: Document) -> Document:
    """A line of its own right above a table (»Aktivitetsskema: Jobcaféen« over the sheet's
    label table) is set apart as a bold paragraph is in a Word file: the text's only sign
    that it names or heads the table."""
    out = Document(warnings=list(doc.warnings), ocr=doc.ocr)
    for index, block in enumerate(doc.blocks):
        lines = [line for line in block.text.strip().split("\n") if line.strip()]
        if (
            block.kind == "paragraph"
            and not block.label
            and index + 1 < len(doc.blocks)
            and doc.blocks[index + 1].kind == "table"
            and lines
            and len(lines[-1]) <= 80
            and not lines[-1].endswith((".", ","))
            # a line of its own, or below the template's heading of the part
            and (len(lines) == 1 or len(lines) == 2 and starts_with_label(lines[0]))
        ):
            if len(lines) == 2:
                out.blocks.append(Block(kind="paragraph", text=lines[0], level=block.level))
            out.blocks.append(
                Block(kind="paragraph", text=lines[-1].strip(), level=block.level, label=True)
            )
            continue
        out.blocks.append(block)
    return out


def reflow(doc: Document) -> Document:
    doc = join_title(join_label_parentheses(split_at_labels(unwrap(dehyphenate(doc)))))
    return set_apart_table_names(doc)


def prepare_text(text: str, warnings: list[str] | None = None) -> str:
    """Pasted text made readable line by line: flattened text (hard-wrapped paragraphs run
    together, pages on one line) rebuilt at the template's labels, other long lines cut.
    What the rebuilding could only guess is added to `warnings` (in Danish)."""
    from importing.layout.flat import rebuild_line_goal_tables, restructure

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        rebuilt = restructure(text, warnings)
    except Exception:  # a shape nobody foresaw must not cost the reader the document
        logging.getLogger(__name__).exception("rebuilding flattened text failed")
        rebuilt = None
    if rebuilt is not None:
        return rebuilt
    try:
        text = rebuild_line_goal_tables(text, warnings)
    except Exception:  # as above: the lines are read as they are
        logging.getLogger(__name__).exception("rebuilding a goal table's lines failed")
    return split_long_lines(text)
