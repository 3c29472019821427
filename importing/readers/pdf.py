"""PDF with a text layer, one document tree per page.

pdfium (pypdfium2) reads each page once: its glyphs with their boxes, fonts and sizes, the
strokes of its paths and its images. pdfplumber's layout functions then work on those, in the
shapes pdfplumber gives them (one dict per glyph, one per ruling-line edge): tables come from
its ruling-line finder (`TableFinder`), lines of text from its text map. pdfminer's own
parse (what `pdfplumber.open` runs) took three quarters of the time, pdfium's C parser a
tenth of it. Tables come from the ruling lines; text outside tables is grouped into
paragraphs by vertical gaps. Lines set clearly larger than the page's body text are headings
(a title wrapped over two lines stays one heading); lines in the top and bottom margins are
kept as paragraphs of their own so the page-furniture pass (`importing.layout.pages`) can
recognise running headers, footers and page numbers. A line that wrapped (its next word did
not fit before its column's or its cell's right edge) runs on into the next, as the DOCX of
the same text reads; a line break stays one (`wrap_join`). The reader does not decide about OCR:
it says for each page how much text it has and how much of the page an image covers, and
the pipeline sends pages without a usable text layer to OCR.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import io
import itertools
import math
import re
import statistics
import threading
import time
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from importing.errors import DocumentError
from importing.layout.columns import reading_order
from importing.layout.edges import closing_lines
from importing.readers.pdf_nested import add_table, lone_cell, nested_tables, widened
from importing.readers.pdf_tabs import joined
from importing.readers.pdf_unruled import Columns, unruled_bodies
from importing.readers.text import BULLET_CHARS
from importing.tree import Document
from importing.wordbreaks import broken_across

# pdfium is not thread-safe, not even across documents: every call into it, here and in the
# scan reader, holds this lock (a page's objects take a few milliseconds to read)
PDFIUM_LOCK = threading.Lock()
MAX_PAGES = 200
MAX_PAGE_STREAM_BYTES = 8 * 1024 * 1024
MAX_PAGE_CHARS = 30_000
# pdfminer reads a dense page in about half a second here: a PDF still unread after this
# long is refused rather than holding the worker
TIME_BUDGET_SECONDS = 90.0
MARGIN = 0.08  # top and bottom share of the page where running headers and footers sit
HEADING_RATIO = 1.25
FEW_LINES = 5  # lines outside a page's tables too few to tell its body text's size by
BOLD_HEADING_RATIO = 1.08
# A gap this wide (points) between two glyphs is a space. pdfplumber's default (3) misses the
# space a PDF writer leaves as a gap instead of a space glyph where a span ends (»(a/b) c«).
X_TOLERANCE = 2


@dataclass
class PdfPage:
    """One page as read: its tree (None when it has no text at all) and what it holds."""

    doc: Document | None
    text: str
    image_cover: float  # share of the page area under images


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError("PDF-filen er krypteret (beskyttet med adgangskode).") from exc
        raise DocumentError("PDF-filen er beskadiget eller afkortet.") from exc


def check_size(data: bytes) -> int:
    """The page count, after refusing PDFs too long or too heavy to read in bounded time."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise DocumentError(
                    f"PDF-filen har {count} sider; højst {MAX_PAGES} sider kan indlæses. "
                    "Gem kun aftalens egne sider som PDF og prøv igen."
                )
            for number, page in enumerate(pdf.pages, start=1):
                contents = page.obj.get("/Contents")
                streams = contents if isinstance(contents, pikepdf.Array) else [contents]
                size = sum(int(s.get("/Length", 0)) for s in streams if s is not None)
                if size > MAX_PAGE_STREAM_BYTES:
                    raise DocumentError(
                        f"Side {number} i PDF-filen indeholder usædvanligt meget data og "
                        "kan ikke indlæses."
                    )
            return count
    except pikepdf.PasswordError as exc:
        raise DocumentError("PDF-filen er krypteret (beskyttet med adgangskode).") from exc
    except pikepdf.PdfError as exc:
        raise DocumentError("PDF-filen er beskadiget eller afkortet.") from exc


def read_pdf_pages(data: bytes, *, budget: float = TIME_BUDGET_SECONDS) -> list[PdfPage]:
    deadline = time.monotonic() + budget
    if check_size(data) == 0:
        raise DocumentError("PDF-filen har ingen sider.")
    with PDFIUM_LOCK:
        pdf = _open(data)
    try:
        total = len(pdf)
        if not total:
            raise DocumentError("PDF-filen har ingen sider.")
        pages = []
        carried: Columns | None = None  # an unruled table's columns, going on to the next page
        for number in range(1, total + 1):
            if time.monotonic() > deadline:
                raise DocumentError(
                    f"PDF-filen tog for lang tid at læse (stoppet ved side {number} af "
                    f"{total}). Gem kun aftalens egne sider som PDF og prøv igen."
                )
            with PDFIUM_LOCK:
                page = pdf[number - 1]
                try:
                    objects = _page_objects(page.raw, number)
                finally:
                    page.close()  # pdfium's page and its objects freed: memory stays flat
            text = "".join(char["text"] for char in objects.chars)
            doc = None
            if text.strip():
                doc, carried = _read_page(objects, carried)
            else:
                carried = None
            pages.append(PdfPage(doc=doc, text=text, image_cover=objects.image_cover))
        return pages
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("PDF-filen kunne ikke læses; den kan være beskadiget.") from exc
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def _line_size(line: dict[str, Any]) -> float:
    """The median size of the line's letters, to a tenth of a point. (Rounding keeps the
    order, so the middle of the sizes, rounded, is the middle of the rounded sizes: a round
    for one or two letters, not for each.)"""
    sizes = sorted(c["size"] for c in line.get("chars", []) if not c["text"].isspace())
    if not sizes:
        return 0.0
    middle = len(sizes) // 2
    if len(sizes) % 2:
        return round(sizes[middle], 1)
    return (round(sizes[middle - 1], 1) + round(sizes[middle], 1)) / 2


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def _bold_font(font: str) -> bool:
    return bool(_BOLD.search(font.split("+")[-1]))


def _is_bold(line: dict[str, Any]) -> bool:
    """Every letter of the line set in a bold face (a label or a heading, as in Word)."""
    fonts = {str(c.get("fontname", "")) for c in line.get("chars", []) if c["text"].strip()}
    return bool(fonts) and all(_bold_font(font) for font in fonts)


def _bold_start(line: dict[str, Any], before: dict[str, Any] | None) -> bool:
    """A line whose first word is bold after a line whose last word is not."""
    if before is None:
        return False
    first = next((c for c in line.get("chars", []) if c["text"].strip()), None)
    last = next((c for c in reversed(before.get("chars", [])) if c["text"].strip()), None)
    return (
        first is not None
        and last is not None
        and _bold_font(str(first.get("fontname", "")))
        and not _bold_font(str(last.get("fontname", "")))
    )


def _join(
    before: dict[str, Any] | None,
    line: dict[str, Any],
    edges: dict[int, tuple[float, float]],
    up: bool,
) -> str | None:
    """How a line joins the line before it in a paragraph (see `wrap_join`). A line above the
    one before (`up`) opens a column or a text box: it goes on from the line before only
    where that ran on, or stopped in mid-sentence and this line goes on in lower case."""
    if before is None:
        return None
    edge, reach = edges.get(id(before), (None, None))
    join = wrap_join(before, line, edge, reach)
    if join is None and up and ends_open(before["text"]) and line["text"].strip()[:1].islower():
        return " "
    return join


def _read_page(page: _Objects, carried: Columns | None = None) -> tuple[Document, Columns | None]:
    """The page's tree, and the columns of an unruled table that runs on to the next page."""
    from pdfplumber.table import TableFinder, TableSettings

    doc = Document()
    extra = closing_lines(page.edges)
    settings = TableSettings.resolve({"explicit_horizontal_lines": extra} if extra else None)
    found, carry = unruled_bodies(
        TableFinder(page, settings).tables,  # type: ignore[arg-type]
        page.chars,
        float(page.height),
        carried,
        page.edges,
    )
    found = widened(found or lone_cell(page.edges, found, page.chars), page.chars)
    found = [t for t in found if not getattr(t, "lone", False)]  # not widened: no table
    bboxes = [table.bbox for table in found]
    nesting = nested_tables(found)
    tables = nesting[0]  # the page's own; the ones nested in their cells go with them

    def outside(obj: dict[str, Any], boxes: list[Any] = bboxes) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        for b in boxes:  # noqa: SIM110 - a loop, not any(): this runs for every glyph
            if b[0] <= x <= b[2] and b[1] <= y <= b[3]:
                return False
        return True

    chars = [char for char in page.chars if outside(char)] if bboxes else page.chars
    lines = text_lines(chars)
    lines = reading_order(lines, [t.bbox[1] for t in tables], float(page.width))
    line_sizes = {id(line): _line_size(line) for line in lines}  # each line's chars once
    sizes = [size for size in line_sizes.values() if size]
    body = statistics.median(sizes) if sizes else 0.0
    if tables and len(sizes) < FEW_LINES:
        # a page of tables with a line or two beside them (a heading over an activity
        # sheet): the tables' text is the page's body text
        letters = [c["size"] for c in page.chars if not c["text"].isspace()]
        body = round(statistics.median(letters), 1) if letters else body
    # lines keep their reading order (two columns read one after the other); tables go in
    # where they stand on the page
    items: list[tuple[float, str, Any]] = [(line["top"], "line", line) for line in lines]
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        at = next((i for i, item in enumerate(items) if item[0] > table.bbox[1]), len(items))
        items.insert(at, (table.bbox[1], "table", table))
    top_margin, bottom_margin = page.height * MARGIN, page.height * (1 - MARGIN)

    paragraph: list[str] = []
    paragraph_bold = False
    edges = line_edges(lines, float(page.width), top_margin, bottom_margin)
    previous_line: dict[str, Any] | None = None
    heading: list[str] = []
    heading_level = 0
    previous_bottom: float | None = None
    previous_height = 12.0

    def flush() -> None:
        nonlocal paragraph, heading, paragraph_bold
        if paragraph:
            # a paragraph all in bold is set apart, as a bold paragraph in Word is
            doc.add("paragraph", "\n".join(paragraph), label=paragraph_bold)
            paragraph = []
        if heading:
            doc.add("heading", " ".join(heading), level=heading_level)
            heading = []

    for top, kind, obj in items:
        if kind == "table":
            flush()
            add_table(doc, obj, nesting, page.chars)
            previous_bottom, previous_line = obj.bbox[3], None
            continue
        text = obj["text"].strip()
        if not text:
            continue
        height = obj["bottom"] - obj["top"]
        gap = top - previous_bottom if previous_bottom is not None else 0
        in_margin = obj["bottom"] < top_margin or top > bottom_margin
        size = line_sizes[id(obj)]
        bold = _is_bold(obj)
        level = 0
        if body and size >= HEADING_RATIO * body and not in_margin:
            level = 1 if size >= 1.6 * body else 2
        elif body and bold and size >= BOLD_HEADING_RATIO * body and not in_margin:
            level = 3  # a bold line a little larger than the text: a lower heading
        join = _join(previous_line, obj, edges, gap < -height)
        if level:
            if paragraph or (heading and (level != heading_level or gap > 0.6 * height)):
                flush()
            heading.append(text)
            heading_level = level
        else:
            if (
                heading
                or in_margin
                or (paragraph and gap > 0.8 * max(height, previous_height))
                or (paragraph and join is None and gap < -height)  # a new column's top
                or (paragraph and bold != paragraph_bold)  # a bold label above its text
                # a bold label opening a line set apart from a line that ends in plain text:
                # the next »Label: value« paragraph
                or (paragraph and gap > 0.5 * height and _bold_start(obj, previous_line))
            ):
                flush()
            if not paragraph:
                paragraph_bold = bold
            if paragraph and join is not None:
                paragraph[-1] += join + text
            else:
                paragraph.append(text)
            if in_margin:
                flush()
        previous_bottom, previous_height = obj["bottom"], height
        previous_line = obj
    flush()
    return split_items(doc), carry


def text_lines(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's text lines as pdfplumber reads them (`chars_to_textmap(chars).
    extract_text_lines()`: its words, clustered into lines by their top, each line's words
    joined by a space), without the text map between: that map, one tuple per letter, and
    the pattern run over it cost a third of pdfplumber's time on a page and say nothing
    more. The same dicts (text, box, and its letters, a ligature's once per letter it
    stands for)."""
    from pdfplumber.utils import cluster_objects
    from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE, LIGATURES

    words = word_tuples(chars)
    lines = []
    for cluster in cluster_objects(
        words, lambda pair: pair[0]["top"], DEFAULT_Y_TOLERANCE, preserve_order=True
    ):
        text = joined(cluster)  # a tab where a label and its value stand at a tab stop
        if not text.strip():
            continue
        letters = []
        for _word, word_chars in cluster:
            for char in word_chars:
                expanded = LIGATURES.get(char["text"], char["text"])
                if len(expanded) == 1:
                    letters.append(char)
                else:
                    letters.extend([char] * len(expanded))
        lines.append(
            {
                "text": text,
                "x0": min(c["x0"] for c in letters),
                "top": min(c["top"] for c in letters),
                "x1": max(c["x1"] for c in letters),
                "bottom": max(c["bottom"] for c in letters),
                "chars": letters,
            }
        )
    return lines


def word_tuples(chars: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The words of these glyphs and each word's glyphs, as pdfplumber's
    `WordExtractor(x_tolerance=X_TOLERANCE).iter_extract_tuples` gives them (its default
    directions: lines top to bottom and letters left to right, turned text the other way
    round; no blank glyphs kept, ligatures expanded), in that order, without the generators,
    method calls and keyword arguments it spends per glyph (a fifth of a page's time)."""
    from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE, LIGATURES

    out: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for upright, group in itertools.groupby(chars, itemgetter("upright")):
        # upright: lines by their top within y_tolerance, letters by x0, the next word where
        # a letter starts left of the last one or past its end (by x_tolerance) or its top
        # differs (by y_tolerance); turned: lines by x0 (x_tolerance), letters by top
        if upright:
            line_key, line_tolerance = "top", DEFAULT_Y_TOLERANCE
            along, start, end, across, gap, drift = "x0", "x0", "x1", "top", X_TOLERANCE, 3
            direction = "ltr"
        else:
            line_key, line_tolerance = "x0", X_TOLERANCE
            along, start, end, across, gap, drift = "top", "top", "bottom", "x0", 3, X_TOLERANCE
            direction = "ttb"
        members = list(group)
        for line in _clusters(members, line_key, line_tolerance):
            if upright:
                line.sort(key=itemgetter("x0"))
            else:
                line.sort(key=itemgetter("top", "bottom"))
            word: list[dict[str, Any]] = []
            for char in line:
                text = char["text"]
                if text.isspace():
                    if word:
                        out.append((_merged(word, direction, LIGATURES), word))
                    word = []
                elif text == "":  # pdfplumber's `text in split_at_punctuation` ("" in "")
                    if word:
                        out.append((_merged(word, direction, LIGATURES), word))
                    out.append((_merged([char], direction, LIGATURES), [char]))
                    word = []
                elif word and (
                    char[start] < word[-1][along]
                    or char[start] > word[-1][end] + gap
                    or abs(char[across] - word[-1][across]) > drift
                ):
                    out.append((_merged(word, direction, LIGATURES), word))
                    word = [char]
                else:
                    word.append(char)
            if word:
                out.append((_merged(word, direction, LIGATURES), word))
    return out


def _clusters(objects: list[dict[str, Any]], key: str, tolerance: float) -> list[list[Any]]:
    """pdfplumber's `cluster_objects(objects, key, tolerance)`: the distinct values sorted,
    a value within `tolerance` of the one before in its cluster; the objects by cluster, in
    their order within each."""
    values = sorted({obj[key] for obj in objects})
    index: dict[float, int] = {}
    cluster, last = 0, None
    for value in values:
        if last is not None and not value <= last + tolerance:
            cluster += 1
        index[value] = cluster
        last = value
    groups: list[list[Any]] = [[] for _ in range(cluster + 1)] if values else []
    for obj in objects:
        groups[index[obj[key]]].append(obj)
    return groups


def _merged(
    chars: list[dict[str, Any]], direction: str, ligatures: dict[str, str]
) -> dict[str, Any]:
    """pdfplumber's `WordExtractor.merge_chars`: the word's text and box."""
    first = chars[0]
    if len(chars) == 1:
        x0, top, x1, bottom = first["x0"], first["top"], first["x1"], first["bottom"]
        text = ligatures.get(first["text"], first["text"] or "")
    else:
        x0 = min(c["x0"] for c in chars)
        top = min(c["top"] for c in chars)
        x1 = max(c["x1"] for c in chars)
        bottom = max(c["bottom"] for c in chars)
        text = "".join(ligatures.get(c["text"], c["text"] or "") for c in chars)
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "doctop": top + (first["doctop"] - first["top"]),
        "bottom": bottom,
        "upright": first["upright"],
        "height": bottom - top,
        "width": x1 - x0,
        "direction": direction,
    }


# -- lines that run on: a wrap is not a line break ----------------------------------------
# A word processor wraps a line where its next word does not fit; a line that ends short of
# that (the next word would have fitted) ends where its writer pressed Enter or Shift+Enter.
# Wrapped lines are read as one line (as the DOCX of the same text is), line breaks stay.
SPACE_EM = 0.22  # a space's width per unit of font size, at its narrowest (Calibri 0.226)
FIT_TOLERANCE = 0.5  # points


# the last lines whose letters were sorted: `wrap_join` asks for the letters of a line and
# then, as the line before the next one, again (held by identity, so an id is never reused)
_LAST_LETTERS: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []


def _letters(line: dict[str, Any]) -> list[dict[str, Any]]:
    for seen, letters in _LAST_LETTERS:
        if seen is line:
            return letters
    letters = [c for c in line.get("chars", []) if c["text"].strip()]
    letters.sort(key=itemgetter("x0"))
    _LAST_LETTERS[:] = [*_LAST_LETTERS[-1:], (line, letters)]
    return letters


def _first_word(line: dict[str, Any]) -> tuple[float, float]:
    """The width of a line's first word and its font size."""
    letters = _letters(line)
    if not letters:
        return 0.0, 0.0
    end = letters[0]
    for char in letters[1:]:
        if char["x0"] - end["x1"] > X_TOLERANCE:
            break
        end = char
    return end["x1"] - letters[0]["x0"], float(letters[0].get("size") or 0.0)


def _too_wide(before: dict[str, Any], line: dict[str, Any], left: float, edge: float) -> bool:
    """Whether the line `before` may be one word that goes on at the start of `line`: a
    writer breaks a word inside only where it does not fit on a line of its own, so it is the
    only word on its line, it fills the line (less room is left than the next line's first
    letter takes) and it and the first word of the next are wider than a line of the cell
    (from `left` to `edge`)."""
    letters, starts = _letters(before), _letters(line)
    if not letters or not starts:
        return False
    if edge - letters[-1]["x1"] > starts[0]["x1"] - starts[0]["x0"] + FIT_TOLERANCE:
        return False  # room for the next letter: the line ended before a word
    for a, b in zip(letters, letters[1:], strict=False):
        if b["x0"] - a["x1"] > X_TOLERANCE:
            return False  # more than one word
    return letters[-1]["x1"] - letters[0]["x0"] + _first_word(line)[0] > edge - left


_CONJUNCTION = re.compile(r"(?:og|eller|samt|el\.|&)(?:\s|$)")
_YEAR_LINE = re.compile(r"\(\s*(?:19|20)\d{2}\s*\)")


def wrap_join(
    before: dict[str, Any], line: dict[str, Any], edge: float | None, reach: float | None = None
) -> str | None:
    """How `line` joins the line `before` it: None where `before` ended in a line break, a
    space where it wrapped because the first word of `line` did not fit before `edge` (the
    right edge its text is set to), nothing after a hyphen. (A word too long for its column,
    broken where the line ended, reads as two: its end is as far right as that of a word that
    just fitted.)

    A line break before a word in lower case is rare: such a line is measured against
    `reach` where that is nearer (as far right as the column's text reaches), less a quarter
    of a letter's height (glyph boxes and a writer's spacing differ that much)."""
    if edge is None or _ITEM.match(line.get("text", "")):
        return None
    if _YEAR_LINE.fullmatch(line.get("text", "").strip()):
        return None  # »(2022)« alone: the year a cell's figures share, set on its own line
    first_word = _first_word(line)
    size = first_word[1] or 10.0
    if reach is not None and line.get("text", "").lstrip()[:1].islower():
        edge = min(edge, reach) - 0.25 * size
    letters = _letters(before)
    if not letters:
        return None
    width, size = first_word
    if not width:
        return None
    size = size or float(letters[-1].get("size") or 10.0)
    free = edge - letters[-1]["x1"]
    if _space(letters, size) + width <= free + FIT_TOLERANCE:
        return None
    text = before.get("text", "").strip()
    following = line.get("text", "").lstrip()
    if re.search(r"\d-$", text) and following[:1].isdigit():
        return ""  # a span broken after its hyphen (»18-« »64 årige«)
    if (following[:1].isupper() or following[:1].isdigit()) and not text.endswith((",", ";")):
        # a capital or a figure opens the next party, figure or sentence as often as a name
        # runs on: after a figure or a full stop a line break, else a wrap only where the
        # line before left clearly too little room for the word (half of it, two letters)
        if text[-1:].isdigit() or text.endswith(("%", ")", ".")):
            return None
        if free > min(0.5 * width, 2 * size):
            return None
    if re.search(r"\w-$", text):
        if _CONJUNCTION.match(following):
            return " "  # »børne-« »og ungemedarbejder«: a compound's shared part, its space kept
        return ""  # »Trygheds-« »survey«: the hyphen stays, no space
    if text.endswith("/"):
        return ""  # »afdelingsbestyrelser/« »aktivitetsudvalg«: one word either side of it
    return " "


def _space(letters: list[dict[str, Any]], size: float) -> float:
    """The width of a space in a line: the gaps between its words (their median), else the
    narrowest a font sets it."""
    gaps = [
        b["x0"] - a["x1"]
        for a, b in zip(letters, letters[1:], strict=False)
        if b["x0"] - a["x1"] > 0.15 * size
    ]
    if not gaps:
        return SPACE_EM * size
    return min(max(statistics.median(gaps), SPACE_EM * size), 0.5 * size)


def ends_open(text: str) -> bool:
    """A text that stops in mid-sentence and goes on: no closing punctuation at its end."""
    return bool(text.strip()) and text.strip()[-1] not in '.!?:;)"”»'


def line_edges(
    lines: list[dict[str, Any]], width: float, top: float, bottom: float
) -> dict[int, tuple[float, float]]:
    """The right edge each line of running text is set to, and how far right the text around
    it reaches: a column's own (from the column reader), else that of the text above and
    below it on the page (as far right as any such line reaches, and no less than the left
    margin mirrored: margins are mostly equal)."""
    body = [
        line
        for line in lines
        if "edge" not in line and line["bottom"] >= top and line["top"] <= bottom and _letters(line)
    ]
    edges: dict[int, tuple[float, float]] = {}
    for line in lines:
        if "edge" in line:
            edges[id(line)] = (float(line["edge"]), float(line.get("reach", line["edge"])))
    for line in body:
        beside = [o for o in body if o["x0"] < line["x1"] and o["x1"] > line["x0"]]
        reach = max(o["x1"] for o in beside)
        edges[id(line)] = (max(reach, width - min(o["x0"] for o in beside)), reach)
    return edges


def table_rows(table: Any, chars: list[dict[str, Any]]) -> list[list[str]]:
    """A ruled table's cells as text, each cell's wrapped lines run on (as pdfplumber's
    `Table.extract` reads them, but with a cell's line breaks kept apart from its wraps)."""
    cells: list[list[tuple[tuple[float, float, float, float], list[dict[str, Any]]] | None]] = []
    # a char is in the row or cell its middle is in (left and top edge in, right and bottom
    # out); the chars sorted by the height of their middle, so a row looks only at those of
    # its height (in the page's order)
    across = [(c["x0"] + c["x1"]) / 2 for c in chars]
    down = [(c["top"] + c["bottom"]) / 2 for c in chars]
    middles = sorted((y, i) for i, y in enumerate(down))
    heights = [y for y, _i in middles]
    for row in table.rows:
        left, top, right, bottom = row.bbox
        low = bisect.bisect_left(heights, top)
        high = bisect.bisect_left(heights, bottom)
        near = sorted(i for _y, i in middles[low:high])
        in_row = [i for i in near if left <= across[i] < right and top <= down[i] < bottom]
        cells.append(
            [
                None
                if box is None
                else (
                    box,
                    _cell_lines(
                        [
                            chars[i]
                            for i in in_row
                            if box[0] <= across[i] < box[2] and box[1] <= down[i] < box[3]
                        ]
                    ),
                )
                for box in row.cells
            ]
        )
    # the table's line pitch: the least distance from one line to the next within a cell
    steps = [
        b["top"] - a["top"]
        for row in cells
        for cell in row
        if cell
        for a, b in zip(cell[1], cell[1][1:], strict=False)
        if b["top"] - a["top"] > 0.5 * (a["size"] or 10.0)
    ]
    pitch = min(steps) if steps else None
    # how far right the text of each column reaches
    reach: dict[tuple[float, float], float] = {}
    for row in cells:
        for cell in row:
            if cell and cell[1]:
                key = (round(cell[0][0]), round(cell[0][2]))
                reach[key] = max(reach.get(key, 0.0), max(line["x1"] for line in cell[1]))
    return [
        [
            ""
            if cell is None
            else _cell_text(*cell, pitch, reach.get((round(cell[0][0]), round(cell[0][2]))))
            for cell in row
        ]
        for row in cells
    ]


def _cell_lines(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from pdfplumber.utils import cluster_objects

    words = [{**word, "chars": letters} for word, letters in word_tuples(chars)]
    lines = []
    for cluster in cluster_objects(words, lambda w: w["top"], 3):
        cluster.sort(key=lambda w: w["x0"])
        letters = [c for w in cluster for c in w["chars"]]
        lines.append(
            {
                "text": " ".join(w["text"] for w in cluster),
                "x0": cluster[0]["x0"],
                "x1": cluster[-1]["x1"],
                "top": min(w["top"] for w in cluster),
                "size": float(letters[0].get("size") or 0.0),
                "chars": letters,
            }
        )
    return lines


def _cell_text(
    box: tuple[float, float, float, float],
    lines: list[dict[str, Any]],
    pitch: float | None,
    reach: float | None,
) -> str:
    """A cell's text: its lines top to bottom, a wrapped line run on to the next. The cell's
    text is set between paddings as wide on the right as on the left; a line further below
    the one before than the table's line pitch opens a paragraph of its own."""
    if not lines:
        return ""
    padding = max(0.0, min(line["x0"] for line in lines) - box[0])
    edge = box[2] - padding
    out = [lines[0]["text"]]
    for before, line in zip(lines, lines[1:], strict=False):
        spaced = pitch is not None and line["top"] - before["top"] > 1.2 * pitch
        join = None if spaced else wrap_join(before, line, edge, reach)
        if (
            not spaced
            and join in (None, " ")
            and broken_across(
                out[-1], line["text"], too_wide=_too_wide(before, line, box[0] + padding, edge)
            )
        ):
            join = ""  # a word too long for the cell's line, broken where the line ended
        if join is None:
            out.append(line["text"])
        else:
            out[-1] += join + line["text"]
    return "\n".join(out)


def split_items(doc: Document) -> Document:
    """Paragraph lines that start with a bullet or number become list items.

    A PDF's text is what the page shows, not Markdown: »*ord*« at a line's start is the word
    in asterisks, never a bullet or emphasis, so only a marker followed by a space (or one of
    the typographic bullets) opens an item."""
    out = Document(warnings=doc.warnings, ocr=doc.ocr)
    for block in doc.blocks:
        if block.kind != "paragraph":
            out.blocks.append(block)
            continue
        pieces: list[list[str]] = []  # a paragraph's lines, then one list per item
        starts_item: list[bool] = []
        for line in block.text.replace("\u00a0", " ").split("\n"):
            if _ITEM.match(line) or not pieces:
                pieces.append([])
                starts_item.append(bool(_ITEM.match(line)))
            pieces[-1].append(line.strip())
        for lines, item in zip(pieces, starts_item, strict=True):
            level = 2 if re.match(r"^\s*[a-hA-H]\)\s", lines[0]) else 1
            if item:
                out.add("item", "\n".join(lines), level, label=block.label)
            else:
                out.add("paragraph", "\n".join(lines), label=block.label)
    return out


# A list item's marker as a PDF shows it: a typographic bullet, a dash or asterisk and a
# space, a number (»1.« but not the »1. september 2021« of a date), a letter in brackets.
_ITEM = re.compile(
    rf"^\s*(?:[{re.escape(BULLET_CHARS.replace('-', '').replace('*', ''))}]\s*(?=\S)"
    r"|[-*]\s+(?=\S)"
    r"|\(?\d{1,2}[.)]\s+(?![a-zæøå]+\s+\d{4})(?=\S)"
    r"|[a-hA-H]\)\s+"
    r"|[eo«]\s+(?=[A-ZÆØÅ]))"  # Word's Courier »o« bullet, OCR's reading of »•«
)


# -- the page's objects through pdfium ------------------------------------------------------
@dataclass
class _Objects:
    """What pdfplumber's layout functions read of a page (`chars`, `edges`, `bbox`), taken
    from pdfium in pdfplumber's shapes: top-down coordinates from the page's top-left corner,
    one dict per glyph and per horizontal or vertical stroke of a path."""

    width: float
    height: float
    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    image_cover: float

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector order)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _page_matrix(page: Any) -> tuple[Matrix, Matrix, float, float]:
    """User space → pdfplumber's top-down page space (origin at the visible page's top-left,
    the page's /Rotate applied); the turn alone (y up, to tell upright text as pdfminer
    does); the page's width and height as shown."""
    import pypdfium2.raw as raw

    box = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPage_GetMediaBox(page, *box):
        box = [
            ctypes.c_float(v)
            for v in (0, 0, raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page))
        ]
    x0, y0, x1, y1 = (
        min(box[0].value, box[2].value),
        min(box[1].value, box[3].value),
        max(box[0].value, box[2].value),
        max(box[1].value, box[3].value),
    )
    w, h = x1 - x0, y1 - y0
    rotation = raw.FPDFPage_GetRotation(page) % 4  # quarter turns clockwise
    # to the media box's corner, then turned as the page is shown (y still up)
    shown = {
        0: ((1, 0, 0, 1, -x0, -y0), w, h),
        1: ((0, -1, 1, 0, -y0, x1), h, w),
        2: ((-1, 0, 0, -1, x1, y1), w, h),
        3: ((0, 1, -1, 0, y1, -x0), h, w),
    }
    matrix, width, height = shown[rotation]
    turn = (*matrix[:4], 0.0, 0.0)
    # y up → y down from the top
    return _times(matrix, (1, 0, 0, -1, 0, height)), turn, width, height


def _page_objects(page: Any, number: int) -> _Objects:
    """The page's glyphs, path strokes and image cover, read through pdfium's C calls."""
    import pypdfium2.raw as raw

    to_page, up, width, height = _page_matrix(page)
    chars = _chars(page, to_page, up, number)
    edges: list[dict[str, Any]] = []
    images: list[tuple[float, float, float, float]] = []
    _walk(
        [raw.FPDFPage_GetObject(page, i) for i in range(raw.FPDFPage_CountObjects(page))],
        to_page,
        edges,
        images,
        depth=0,
    )
    area = width * height or 1.0
    cover = sum(
        max(0.0, min(x1, width) - max(x0, 0.0)) * max(0.0, min(bottom, height) - max(top, 0.0))
        for x0, top, x1, bottom in images
    )
    return _Objects(width, height, chars, edges, min(1.0, cover / area))


def _chars(page: Any, to_page: Matrix, up: Matrix, number: int) -> list[dict[str, Any]]:
    """One dict per glyph drawn (pdfium's own inserted spaces and line ends left out), with
    pdfminer's box: from the baseline's descent to one font size above it, one advance wide."""
    import pypdfium2.raw as raw

    textpage = raw.FPDFText_LoadPage(page)
    try:
        count = raw.FPDFText_CountChars(textpage)
        # pdfium's count includes the spaces and line ends it inserts: a page this long is
        # refused before its glyphs are read one by one, a shorter one after
        if count > 2 * MAX_PAGE_CHARS:
            raise _too_many_chars(number)
        x, y = ctypes.c_double(), ctypes.c_double()
        box = raw.FS_RECTF()
        # what pdfium keeps per text object (a run of glyphs in one font, size and matrix),
        # and what follows from it for each of its glyphs (see `_glyphs_of`); a straight
        # object's baseline (its glyphs are set along it: one height for all); whether a
        # character of an object's font has no Unicode mapping (the font decides)
        objects: dict[int | None, _Glyphs] = {}
        baselines: dict[int | None, tuple[float, float]] = {}
        unmapped_in: dict[tuple[int | None, int], bool] = {}
        chars: list[dict[str, Any]] = []
        # pdfium's calls bound once (a page has thousands of glyphs, each a few calls)
        is_generated = raw.FPDFText_IsGenerated
        unicode_of = raw.FPDFText_GetUnicode
        map_error = raw.FPDFText_HasUnicodeMapError
        object_address = _text_object_address()
        origin_of = raw.FPDFText_GetCharOrigin
        box_of = raw.FPDFText_GetLooseCharBox
        pa, pb, pc, pd, pe, pf = to_page
        codes = _page_codes(textpage, count)
        for index in range(count):
            code = codes[index] if codes is not None else unicode_of(textpage, index)
            if code == _MARKED:  # the page's text marks a glyph so; its own code is asked
                code = unicode_of(textpage, index)
            # pdfium generates only spaces and line ends (between words and lines it
            # infers): any other glyph is drawn, and asking is a call per glyph saved
            if code in _GENERATED_CODES and is_generated(textpage, index) == 1:
                continue
            if code in _LINE_ENDS and map_error(textpage, index) != 1:
                continue  # a line end the document has: no glyph
            key = object_address(textpage, index)
            # a glyph without a character: counted as garbage
            unmapped = unmapped_in.get((key, code))
            if unmapped is None:
                unmapped = map_error(textpage, index) == 1 or not 0 < code < 0x110000
                if key is not None:
                    unmapped_in[(key, code)] = unmapped
            text = "\ufffd" if unmapped else chr(code)
            if text == "\x02":  # pdfium's mark for a hyphen that ends a line
                text = "-"
            glyphs = objects.get(key)
            if glyphs is None:
                obj = raw.FPDFText_GetTextObject(textpage, index)
                glyphs = objects[key] = _glyphs_of(_text_object(textpage, index, obj, up))
            fontname, straight, drop, rise, size, upright = glyphs
            box_of(textpage, index, box)
            left, right = box.left, box.right
            if straight:
                # text set straight (the usual case): the advance from pdfium's box, the
                # height from the baseline and the font size, as pdfminer sets it
                span = baselines.get(key)
                if span is None:
                    origin_of(textpage, index, x, y)
                    span = (y.value + drop, y.value + drop + rise)
                    if key is not None:
                        baselines[key] = span
                low, high = span
            else:
                low, high = box.bottom, box.top
            # `_apply(to_page, …)` of the box's two corners, written out
            x0, y0 = pa * left + pc * low + pe, pb * left + pd * low + pf
            x1, y1 = pa * right + pc * high + pe, pb * right + pd * high + pf
            x0, x1 = (x0, x1) if x0 <= x1 else (x1, x0)
            top, bottom = (y0, y1) if y0 <= y1 else (y1, y0)
            chars.append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "width": x1 - x0,
                    "height": bottom - top,
                    "size": size,
                    "fontname": fontname,
                    "upright": upright,
                }
            )
        if len(chars) > MAX_PAGE_CHARS:
            raise _too_many_chars(number)
        return chars
    finally:
        raw.FPDFText_ClosePage(textpage)


# the characters pdfium inserts of its own (FPDFText_IsGenerated): a space, CR and LF
_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))
_LINE_ENDS = frozenset((0x0D, 0x0A))
# what the page's text (FPDFText_GetText) has where a glyph's own code differs from it
# (pdfium's line-end hyphen, 0x02)
_MARKED = 0xFFFE


def _page_codes(textpage: Any, count: int) -> list[int] | None:
    """Every glyph's character code of the page in one call (FPDFText_GetText, one UTF-16
    unit a glyph), not one call each; None where the text is not one character a glyph."""
    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = raw.FPDFText_GetText(
        textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    try:
        text = buffer.raw[: 2 * max(written - 1, 0)].decode("utf-16-le", "surrogatepass")
    except UnicodeDecodeError:
        return None
    if len(text) != count:
        return None
    return [ord(char) for char in text]


# per text object: font name; set straight (no turn or skew); the baseline's drop to the
# descent and the rise from there to one font size above it (in user space, for straight
# text); the size as printed (as pdfminer's); upright
_Glyphs = tuple[str, bool, float, float, float, bool]


def _glyphs_of(text_object: tuple[str, float, float, Matrix, bool]) -> _Glyphs:
    """What every glyph of a text object shares, worked out once for the object."""
    fontname, unit_descent, em, (_a, b, c, d, _e, _f), upright = text_object
    straight = bool(b == 0 and c == 0 and d)
    return fontname, straight, unit_descent * em * d, em * d, em * math.hypot(c, d), upright


@functools.cache
def _text_object_address() -> Any:
    """pdfium's `FPDFText_GetTextObject` giving the object's address as an int (None for no
    object): the text object a glyph belongs to, told apart without a ctypes cast each."""
    import pypdfium2.raw as raw

    address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
    if address is None:  # pragma: no cover - pdfium always exports it
        raise DocumentError("PDF-læseren (pdfium) mangler en funktion.")
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    return prototype(address)


def _text_object(
    textpage: Any, index: int, obj: Any, up: Matrix
) -> tuple[str, float, float, Matrix, bool]:
    """Font name, descent per unit of size, size as set by Tf (before scaling), matrix and
    uprightness (pdfminer's test, with the page's turn) of the text object of glyph `index`:
    pdfium gives every glyph of a text object the object's font, size and matrix."""
    import pypdfium2.raw as raw

    fontname, unit_descent = "", 0.0
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    if font:
        name = ctypes.create_string_buffer(256)
        raw.FPDFFont_GetBaseFontName(font, name, len(name))
        fontname = name.value.decode("latin-1")
        descent = ctypes.c_float()
        if raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), descent):
            unit_descent = min(0.0, descent.value)
    em = raw.FPDFText_GetFontSize(textpage, index)
    m = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, index, m)
    matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
    ua, ub, uc, ud = _linear(_times((m.a, m.b, m.c, m.d, 0, 0), up))
    return fontname, unit_descent, em, matrix, ua * ud > 0 and ub * uc <= 0


def _too_many_chars(number: int) -> DocumentError:
    return DocumentError(
        f"Side {number} i PDF-filen har over {MAX_PAGE_CHARS} tegn og kan ikke være en side af "
        "en aftale."
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _linear(m: Matrix) -> tuple[float, float, float, float]:
    return m[0], m[1], m[2], m[3]


MAX_FORM_DEPTH = 8


def _walk(
    objects: list[Any],
    to_page: Matrix,
    edges: list[dict[str, Any]],
    images: list[tuple[float, float, float, float]],
    *,
    depth: int,
) -> None:
    """Path strokes (as pdfplumber's edges) and image boxes, into form XObjects too."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM):
            continue
        if not raw.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        own = _times((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, own, edges)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            points = [_apply(own, px, py) for px, py in ((0, 0), (1, 0), (0, 1), (1, 1))]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            images.append((min(xs), min(ys), max(xs), max(ys)))
        elif depth < MAX_FORM_DEPTH:
            children = [
                raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))
            ]
            _walk(children, own, edges, images, depth=depth + 1)


def _path_edges(obj: Any, to_page: Matrix, edges: list[dict[str, Any]]) -> None:
    """Each straight horizontal or vertical stroke between a path's points: what pdfplumber
    makes of pdfminer's lines, rectangles and curves (a curve counts by its end point)."""
    import pypdfium2.raw as raw

    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    bezier = 0
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        kind = raw.FPDFPathSegment_GetType(segment)
        if not raw.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = _apply(to_page, x.value, y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
            bezier = 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:  # two control points, then the end point
                subpaths[-1].append(point)
        else:
            subpaths[-1].append(point)
        if raw.FPDFPathSegment_GetClose(segment) and subpaths[-1]:
            subpaths[-1].append(subpaths[-1][0])
    for points in subpaths:
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            if ax == bx and ay == by:
                continue
            if ax != bx and ay != by:
                continue
            x0, x1 = min(ax, bx), max(ax, bx)
            top, bottom = min(ay, by), max(ay, by)
            edges.append(
                {
                    "object_type": "curve_edge",
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "width": x1 - x0,
                    "height": bottom - top,
                    "orientation": "v" if ax == bx else "h",
                }
            )
