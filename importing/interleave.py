"""A delmål table that OCR read across its columns, line by line.

Tesseract, given a table without ruling lines it can see, reads each text line of the page
from left to right, so one line holds a piece of every column (seed 000):

    Flere beboere Deltagelse ved Afd. 22: 2020 SAB data for
    vælger at deltage | afdelings- 41 beboere (6,3%) deltagerantal ved

The template fixes the column order (delmål | indikator | baseline | evt. anden baseline |
baseline år | datakilde) and the cells are top-aligned, so a row starts on the line that
holds its baseline year. Every following line is cut into pieces, each given to a column, by
the choice that best fits what the template's columns look like: figures ("41 beboere
(6,3%)", "Afd. 30:", "= 4,40%") go to the baseline columns, text to delmål, indikator and
datakilde in that order; a piece no wider than its column; a delmål is one sentence (it does
not go on with a capital letter, and ends at a full stop); a new piece seldom starts with a
small function word ("i", "at", "og"). Paragraphs that OCR split off as separate blocks
(one column's rest of a cell) go to one column as a whole. The result is a set of cells per
row for the ordinary table reader; the caller adds a warning so a person checks it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from lib.wordlist import danish_words

YEAR = re.compile(r"(?<![\d.,(/-])((?:19|20)\d{2})(?![\d.,%)/-])")
FIGURE_START = re.compile(r"^(?:=|\(?\d|Afd\.?$|Afdeling$|\(Afd)")
MEASURE = re.compile(
    r"^(?:\(?(?:Afd\.?|Afdeling)\s*\d+[a-z]?\)?\s*:?\s*)?"
    r"(?:=\s*)?\d[\d.,]*\s*(?:%|pct\.?)?"
    r"(?:\s*(?:ud af|af)\s*\d[\d.,]*)?"
    r"(?:\s+[a-zæøå]+)?(?:\s*\(\s*\d[\d.,]*\s*%\s*\))?$"
    r"|^\(?(?:Afd\.?|Afdeling)\s*\d+[a-z]?\)?\s*:?$",
    re.IGNORECASE,
)
# "Kommunen: 62 %", "Kommunen (62 %)", "Landsgennemsnittet:" — a figure with a name first
NAMED_MEASURE = re.compile(r"^[A-ZÆØÅ][\wæøå.\- ]{2,40}?(?::\s*(?:\d.*)?$|\s*\(\s*\d)")
# small words a wrapped line ends on far more often than a cell's next line starts with
FUNCTION_WORDS = {"i", "at", "og", "af", "på", "om"}
TEXT_COLUMNS = ("goal", "indicator", "source")
FIGURE_COLUMNS = ("baseline", "comparator")
ORDER = ("goal", "indicator", "baseline", "comparator", "source")
SLACK = 4
SENTENCE_END = re.compile(r"\w{4,}[.!?]$")  # not "afd." or "ca."
DEFAULT_WIDTH = 20


@dataclass
class _Row:
    pieces: dict[str, list[str]] = field(default_factory=dict)
    year: str = ""
    closed: set[str] = field(default_factory=set)
    figure_columns: int = 1

    def add(self, column: str, text: str) -> None:
        self.pieces.setdefault(column, []).append(text)

    def last(self, column: str) -> str:
        return (self.pieces.get(column) or [""])[-1]


def is_interleaved(lines: list[str]) -> bool:
    """Some line holds text, then a figure, then a baseline year, then more text."""
    return sum(1 for line in lines if _anchor(line) is not None) >= 1


def _is_figure_start(word: str) -> bool:
    return bool(FIGURE_START.match(word)) and not YEAR.fullmatch(word)


def _anchor(line: str) -> tuple[str, list[str], str, str] | None:
    """(text before the figures, the figures, year, text after) of a row's first line."""
    match = None
    for candidate in YEAR.finditer(line):
        if not re.search(r"\(\s*$", line[: candidate.start()]):
            match = candidate
            break
    if match is None:
        return None
    before, after = line[: match.start()].split(), line[match.end() :].strip()
    start = next((i for i, w in enumerate(before) if _is_figure_start(w)), None)
    if start is None or start == 0 or not after:
        return None
    prefix = " ".join(before[:start])
    if not re.search(r"[A-Za-zæøåÆØÅ]{3}", prefix):
        return None
    figures: list[list[str]] = []
    for word in before[start:]:
        current = " ".join(figures[-1]) if figures else ""
        named = word[:1].isupper() and not re.match(r"Afd|Afdeling", word)
        if (_is_figure_start(word) or named and current.count("(") == current.count(")")) and not (
            figures and _needs_more(current)
        ):
            figures.append([word])
        else:
            figures[-1].append(word)
    return prefix, [" ".join(f) for f in figures], match[1], after


def _needs_more(figure: str) -> bool:
    """'Afd. 22' and '115 ud af' are not finished figures."""
    return bool(re.search(r"(?:Afd\.?|Afdeling|ud af|af)$", figure, re.IGNORECASE))


def _split_prefix(prefix: str) -> tuple[str, str]:
    """A row's first line before its figures: delmål, then indikator."""
    if "|" in prefix:
        goal, _, indicator = prefix.partition("|")
        return goal.strip(), indicator.replace("|", " ").strip()
    words = prefix.split()
    for index in range(1, len(words)):
        if words[index][:1].isupper() and not words[index - 1].endswith(":"):
            return " ".join(words[:index]), " ".join(words[index:])
    return prefix, ""


def read_interleaved(
    lines: list[tuple[str, bool]], *, has_comparator: bool
) -> list[dict[str, str]]:
    """Cells per row (goal, indicator, baseline, comparator, year, source) of the table body.

    `lines` are the body's text lines with a flag for "starts a new paragraph".
    """
    widths = _widths([text for text, _ in lines])
    rows: list[_Row] = []
    block_column: str | None = None
    for text, new_para in lines:
        text = text.strip()
        if not text:
            continue
        anchor = _anchor(text)
        if anchor is not None:
            prefix, figures, year, after = anchor
            row = _Row(year=year, figure_columns=min(len(figures), 2 if has_comparator else 1))
            goal, indicator = _split_prefix(prefix)
            if goal:
                row.add("goal", goal)
            if indicator:
                row.add("indicator", indicator)
            for column, figure in zip(FIGURE_COLUMNS, figures[:2], strict=False):
                row.add(column, figure)
            if len(figures) > 2:
                row.add("comparator", " ".join(figures[2:]))
            row.add("source", after)
            for column in ("goal", "indicator"):
                if column not in row.pieces:
                    row.closed.add(column)
            rows.append(row)
            block_column = None
            continue
        if not rows:
            continue  # header lines
        row = rows[-1]
        if new_para or block_column is not None and not new_para and _single(text, widths):
            if new_para:
                block_column = _block_column(row, text, widths) if _single(text, widths) else None
            if block_column is not None:
                row.add(block_column, text)
                # OCR gives the blocks left to right: the next block is further right
                _close_before(row, block_column)
                row.closed.add(block_column)
                if block_column in ("goal", "source") and SENTENCE_END.search(text):
                    row.closed.add(block_column)
                continue
        block_column = None
        _assign_line(row, text, widths)
    return [_cells(row) for row in rows]


def _widths(lines: list[str]) -> dict[str, int]:
    """Each text column's width in characters, from the rows' first lines."""
    seen: dict[str, int] = {}
    for line in lines:
        anchor = _anchor(line.strip())
        if anchor is None:
            continue
        goal, indicator = _split_prefix(anchor[0])
        for column, text in (("goal", goal), ("indicator", indicator), ("source", anchor[3])):
            seen[column] = max(seen.get(column, 0), len(text))
    return {c: max(seen.get(c, DEFAULT_WIDTH), 8) + SLACK for c in ORDER}


def _single(text: str, widths: dict[str, int]) -> bool:
    return "|" not in text and len(text) <= max(widths.values())


def _block_column(row: _Row, text: str, widths: dict[str, int]) -> str | None:
    words = text.split()
    columns = _open(row)
    leftmost = next((c for c in columns if c in TEXT_COLUMNS), None)
    scored = [
        (_score(row, column, words, first=True, widths=widths) + (column == leftmost), column)
        for column in columns
    ]
    scored = [s for s in scored if s[0] > -5]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _close_before(row: _Row, column: str) -> None:
    for earlier in ORDER[: ORDER.index(column)]:
        row.closed.add(earlier)


def _open(row: _Row) -> list[str]:
    columns = [c for c in ORDER if c not in row.closed]
    if row.figure_columns < 2:
        columns = [c for c in columns if c != "comparator"]
    return columns


def _assign_line(row: _Row, text: str, widths: dict[str, int]) -> None:
    """Cut one interleaved line into pieces for the row's open columns, the best-scoring way."""
    parts = [p.split() for p in text.split("|")]
    words = [w for p in parts for w in p]
    hard = set(itertools.accumulate(len(p) for p in parts[:-1]))  # cuts at "|"
    columns = _open(row)
    if not words or not columns:
        return
    if len(words) > 14:  # too many ways; give the line to the first open column
        row.add(columns[0], text.replace("|", " "))
        return
    best: tuple[float, list[tuple[str, list[str]]]] | None = None
    for cuts in _cut_sets(len(words), min(len(columns), 5), hard):
        segments = [words[a:b] for a, b in itertools.pairwise([0, *cuts, len(words)])]
        for chosen in itertools.combinations(columns, len(segments)):
            score = -0.4 * (len(segments) - 1)
            for index, (column, segment) in enumerate(zip(chosen, segments, strict=True)):
                score += _score(row, column, segment, first=index == 0, widths=widths)
            if best is None or score > best[0]:
                best = (score, list(zip(chosen, segments, strict=True)))
    assert best is not None
    used = {column for column, _ in best[1]}
    for column, segment in best[1]:
        row.add(column, " ".join(segment))
    # a delmål is one run of lines: once a line passes it by, it has ended
    if "goal" not in used and row.pieces.get("goal"):
        row.closed.add("goal")
    for column in ("goal", "source"):
        if SENTENCE_END.search(row.last(column)) and column in used:
            row.closed.add(column)


def _cut_sets(count: int, most: int, hard: set[int]) -> list[tuple[int, ...]]:
    positions = range(1, count)
    result = []
    for size in range(0, most):
        for cuts in itertools.combinations(positions, size):
            if hard <= set(cuts):
                result.append(cuts)
    return result


def _score(
    row: _Row, column: str, segment: list[str], *, first: bool, widths: dict[str, int]
) -> float:
    text = " ".join(segment)
    last = row.last(column)
    starts_figure = _is_figure_start(segment[0])
    if column in FIGURE_COLUMNS:
        if starts_figure:
            return 2.5 if MEASURE.match(text) else 0.5
        if NAMED_MEASURE.match(text):
            return 2.0
        if segment[0].startswith("(") and last and not capital_after_paren(segment[0]):
            return 1.5 if column == _last_figure_column(row) else 0.5
        if _expects_more(last):
            # the unit or scope that ends a figure: "beboere", "(alle helheds-", "planer)"
            return 1.5 if len(segment) <= 3 and not segment[0][:1].isupper() else -1.0
        if last and len(segment) == 1 and segment[0][:1].isupper():
            return 0.5 + 0.1 * (column == _last_figure_column(row))  # "61 %" / "Kommunen"
        return -6.0
    score = 0.0
    if starts_figure or re.search(r"\d\s*%", text):
        score -= 4.0
    if not re.search(r"[A-Za-zæøåÆØÅ]", text):
        score -= 4.0
    if re.match(r"[%),.;:]", text):
        score -= 2.0  # the end of a figure or sentence, not the start of a cell
    if len(text) > widths[column]:
        score -= (len(text) - widths[column]) / 2
    capital = segment[0][:1].isupper()
    if segment[0].startswith("("):
        score -= 1.0
    if column == "goal":
        if capital and last and not SENTENCE_END.search(last):
            score -= 3.0  # a Danish sentence does not go on with a capital
        if not capital:
            score += 0.5
    if last.endswith("-") and not capital:
        score += _hyphen_join(last, segment[0])
    elif re.search(r"(?:\b(?:og|i|at|til|for|ved|af|på|med|samt|eller)|[,+/])$", last):
        score += 0.8  # the column's line stopped mid-phrase: this is its next line
    if column == "goal" and SENTENCE_END.search(text):
        score += 0.8
    if re.search(r"\w{4,}[.!?] [a-zæøå]", text):
        score -= 1.5  # a sentence ends inside the piece: two cells, not one
    if not first and segment[0].lower() in FUNCTION_WORDS:
        score -= 1.5
    if not first and column != "goal" and not capital and not last:
        score -= 0.5
    return score


def _hyphen_join(last: str, word: str) -> float:
    """How likely `word` continues the hyphen-broken `last` ("Sønder-" + "jyllands")."""
    words = danish_words()
    head = re.search(r"(\w+)-$", last)
    tail = re.match(r"\w+", word)
    if not words or not head or not tail:
        return 0.3
    return 1.0 if (head[1] + tail[0]).lower() in words else -0.5


def capital_after_paren(word: str) -> bool:
    return word[1:2].isupper()


def _last_figure_column(row: _Row) -> str:
    return "comparator" if row.pieces.get("comparator") else "baseline"


def _expects_more(figure: str) -> bool:
    if not figure:
        return False
    return (
        figure.count("(") > figure.count(")")
        or figure.endswith("-")
        or bool(re.search(r"\d\s*$", figure))
        or bool(re.search(r"\baf alle$", figure))
    )


def _cells(row: _Row) -> dict[str, str]:
    cells = {column: "\n".join(pieces) for column, pieces in row.pieces.items()}
    cells["year"] = row.year
    return cells
