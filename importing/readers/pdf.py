"""PDF with a text layer through pdfplumber; scanned PDFs are first given one by OCRmyPDF.

Tables come from pdfplumber's ruling-line finder. A table continuing on the next page is
merged into the previous one (same number of columns, starting at the top of the page), a
header row repeated on the new page is dropped, and the recogniser then joins a row split
across the break. Text outside tables is grouped into paragraphs by vertical gaps.
"""

from __future__ import annotations

import io
from typing import Any

from importing.errors import DocumentError
from importing.tree import Block, Document

MIN_TEXT_CHARS_PER_PAGE = 20


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


def read_pdf(data: bytes, *, ocr: bool = True) -> Document:
    pdf = _open(data)
    try:
        if not pdf.pages:
            raise DocumentError("PDF-filen har ingen sider.")
        chars = sum(len(page.chars) for page in pdf.pages)
        if chars < MIN_TEXT_CHARS_PER_PAGE * len(pdf.pages):
            if not ocr:
                raise DocumentError("PDF-filen har ingen tekst (en skanning), og OCR er slået fra.")
            pages = len(pdf.pages)
            pdf.close()
            from importing import progress
            from importing.readers.ocr import ocr_pdf

            progress.report(
                f"Dokumentet er en skanning på {pages} side{'r' if pages != 1 else ''}; "
                "tekstgenkendelse (OCR) kører."
            )

            data = ocr_pdf(data)
            pdf = _open(data)
            doc = _read_pages(pdf)
            doc.ocr = True
            doc.warnings.append("Dokumentet er en skanning; tabeller bør kontrolleres.")
            return doc
        return _read_pages(pdf)
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("PDF-filen kunne ikke læses; den kan være beskadiget.") from exc
    finally:
        pdf.close()


def _read_pages(pdf: Any) -> Document:
    doc = Document()
    last_table: Block | None = None
    for page_number, page in enumerate(pdf.pages):
        if page_number:
            doc.blocks.append(Block(kind="pagebreak"))
        tables = page.find_tables()
        bboxes = [table.bbox for table in tables]

        def outside(obj: dict[str, Any], boxes: list[Any] = bboxes) -> bool:
            x = (obj["x0"] + obj["x1"]) / 2
            y = (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

        items: list[tuple[float, str, Any]] = []
        text_page = page.filter(outside) if bboxes else page
        for line in text_page.extract_text_lines(return_chars=False):
            items.append((line["top"], "line", line))
        for table in tables:
            items.append((table.bbox[1], "table", table))
        items.sort(key=lambda item: item[0])

        paragraph: list[str] = []
        previous_bottom: float | None = None
        previous_height = 12.0
        first_item = True
        for top, kind, obj in items:
            if kind == "table":
                if paragraph:
                    doc.add("paragraph", "\n".join(paragraph))
                    paragraph = []
                rows = [[cell or "" for cell in row] for row in obj.extract()]
                continues = (
                    first_item
                    and last_table is not None
                    and rows
                    and len(rows[0]) == len(last_table.rows[0])
                )
                if continues and last_table is not None:
                    header = [c.strip() for c in last_table.rows[0]]
                    if [c.strip() for c in rows[0]] == header:
                        rows = rows[1:]
                    # a pagebreak block between the halves tells nothing new: drop it
                    if doc.blocks and doc.blocks[-1].kind == "pagebreak":
                        doc.blocks.pop()
                    last_table.rows.extend(r for r in rows if any(c.strip() for c in r))
                else:
                    doc.add_table(rows)
                    last_table = (
                        doc.blocks[-1] if doc.blocks and doc.blocks[-1].kind == "table" else None
                    )
                previous_bottom = obj.bbox[3]
                first_item = False
                continue
            text = obj["text"].strip()
            if not text:
                continue
            height = obj["bottom"] - obj["top"]
            gap = top - previous_bottom if previous_bottom is not None else 0
            if paragraph and gap > 0.8 * max(height, previous_height):
                doc.add("paragraph", "\n".join(paragraph))
                paragraph = []
            paragraph.append(text)
            previous_bottom, previous_height = obj["bottom"], height
            first_item = False
            last_table = None if paragraph else last_table
        if paragraph:
            doc.add("paragraph", "\n".join(paragraph))
    return _split_items(doc)


def _split_items(doc: Document) -> Document:
    """Paragraph lines that start with a bullet or number become list items."""
    from importing.readers.text import read_text

    out = Document(warnings=doc.warnings, ocr=doc.ocr)
    for block in doc.blocks:
        if block.kind != "paragraph":
            out.blocks.append(block)
            continue
        out.blocks.extend(read_text(block.text).blocks)
    return out
