"""PDF with a text layer through pdfplumber, one document tree per page.

Tables come from pdfplumber's ruling-line finder; text outside tables is grouped into
paragraphs by vertical gaps. Lines set clearly larger than the page's body text are headings
(a title wrapped over two lines stays one heading); lines in the top and bottom margins are
kept as paragraphs of their own so the page-furniture pass (`importing.layout.pages`) can
recognise running headers, footers and page numbers. The reader does not decide about OCR:
it says for each page how much text it has and how much of the page an image covers, and
the pipeline sends pages without a usable text layer to OCR.
"""

from __future__ import annotations

import io
import re
import statistics
import time
from dataclasses import dataclass
from typing import Any

from importing.errors import DocumentError
from importing.layout.columns import reading_order
from importing.layout.edges import closing_lines
from importing.readers.text import BULLET_CHARS
from importing.tree import Document

MAX_PAGES = 200
MAX_PAGE_STREAM_BYTES = 8 * 1024 * 1024
MAX_PAGE_CHARS = 30_000
# pdfminer reads a dense page in about half a second here: a PDF still unread after this
# long is refused rather than holding the worker
TIME_BUDGET_SECONDS = 90.0
MARGIN = 0.08  # top and bottom share of the page where running headers and footers sit
HEADING_RATIO = 1.25
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
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree to be read
        return pdf
    except PDFPasswordIncorrect as exc:
        raise DocumentError("PDF-filen er krypteret (beskyttet med adgangskode).") from exc
    except PDFSyntaxError as exc:
        raise DocumentError("PDF-filen er beskadiget eller afkortet.") from exc
    except Exception as exc:
        cause = repr(exc) + repr(exc.args)
        if any(word in cause.lower() for word in ("encrypt", "password")):
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
    pdf = _open(data)
    try:
        if not pdf.pages:
            raise DocumentError("PDF-filen har ingen sider.")
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            if time.monotonic() > deadline:
                raise DocumentError(
                    f"PDF-filen tog for lang tid at læse (stoppet ved side {number} af "
                    f"{len(pdf.pages)}). Gem kun aftalens egne sider som PDF og prøv igen."
                )
            if len(page.chars) > MAX_PAGE_CHARS:
                raise DocumentError(
                    f"Side {number} i PDF-filen har over {MAX_PAGE_CHARS} tegn og kan ikke "
                    "være en side af en aftale."
                )
            area = float(page.width * page.height) or 1.0
            cover = sum(
                max(0.0, float(min(im["x1"], page.width) - max(im["x0"], 0)))
                * max(0.0, float(min(im["bottom"], page.height) - max(im["top"], 0)))
                for im in page.images
            )
            text = "".join(char["text"] for char in page.chars)
            doc = _read_page(page) if text.strip() else None
            pages.append(PdfPage(doc=doc, text=text, image_cover=min(1.0, cover / area)))
            page.close()  # drop pdfplumber's caches: memory stays flat over many pages
        return pages
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("PDF-filen kunne ikke læses; den kan være beskadiget.") from exc
    finally:
        pdf.close()


def _line_size(line: dict[str, Any]) -> float:
    sizes = [round(float(c.get("size", 0)), 1) for c in line.get("chars", []) if c["text"].strip()]
    return statistics.median(sizes) if sizes else 0.0


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _is_bold(line: dict[str, Any]) -> bool:
    """Every letter of the line set in a bold face (a label or a heading, as in Word)."""
    fonts = {str(c.get("fontname", "")) for c in line.get("chars", []) if c["text"].strip()}
    return bool(fonts) and all(_BOLD.search(font.split("+")[-1]) for font in fonts)


def _read_page(page: Any) -> Document:
    doc = Document()
    extra = closing_lines(page.edges)
    tables = page.find_tables({"explicit_horizontal_lines": extra}) if extra else page.find_tables()
    bboxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any], boxes: list[Any] = bboxes) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_page = page.filter(outside) if bboxes else page
    lines = text_page.extract_text_lines(return_chars=True, x_tolerance=X_TOLERANCE)
    lines = reading_order(lines, [t.bbox[1] for t in tables], float(page.width))
    sizes = [size for line in lines if (size := _line_size(line))]
    body = statistics.median(sizes) if sizes else 0.0
    # lines keep their reading order (two columns read one after the other); tables go in
    # where they stand on the page
    items: list[tuple[float, str, Any]] = [(line["top"], "line", line) for line in lines]
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        at = next((i for i, item in enumerate(items) if item[0] > table.bbox[1]), len(items))
        items.insert(at, (table.bbox[1], "table", table))
    top_margin, bottom_margin = page.height * MARGIN, page.height * (1 - MARGIN)

    paragraph: list[str] = []
    paragraph_bold = False
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
            rows = obj.extract(x_tolerance=X_TOLERANCE)
            doc.add_table([[cell or "" for cell in row] for row in rows])
            previous_bottom = obj.bbox[3]
            continue
        text = obj["text"].strip()
        if not text:
            continue
        height = obj["bottom"] - obj["top"]
        gap = top - previous_bottom if previous_bottom is not None else 0
        in_margin = obj["bottom"] < top_margin or top > bottom_margin
        size = _line_size(obj)
        bold = _is_bold(obj)
        level = 0
        if body and size >= HEADING_RATIO * body and not in_margin:
            level = 1 if size >= 1.6 * body else 2
        elif body and bold and size >= BOLD_HEADING_RATIO * body and not in_margin:
            level = 3  # a bold line a little larger than the text: a lower heading
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
                or (paragraph and bold != paragraph_bold)  # a bold label above its text
            ):
                flush()
            if not paragraph:
                paragraph_bold = bold
            paragraph.append(text)
            if in_margin:
                flush()
        previous_bottom, previous_height = obj["bottom"], height
    flush()
    return split_items(doc)


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
