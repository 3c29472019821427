"""The public entry point: bytes and a file name in, an Agreement with warnings out."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from importing import progress, sniff
from importing.errors import DocumentError
from importing.ocrfix import document_usage, looks_ocr_damaged, repair_text
from importing.readers.pdf import PdfPage
from importing.recognise import looks_like_agreement, recognise
from importing.tree import Document
from lib.uploads import size_problem
from plans.interchange import Agreement

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ImportResult:
    agreement: Agreement
    source_text: str
    format: str
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def read_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ocr: bool = True,
    areas: Sequence[str] | None = None,
    fixed_goals: Sequence[tuple[str, Sequence[str]]] | None = None,
) -> ImportResult:
    """Read one uploaded agreement. Raises DocumentError (Danish message) for bad input.

    `areas`: the indsatsområder it may belong to, and `fixed_goals`: LBF's fixed goals with
    their indicators' texts (`importing.layout.pasted_fixed`); by default those of the funding
    periods in the database (a caller without database access, such as the bounded child
    process of a background task, passes them)."""
    from importing.layout.pasted_fixed import reading_with

    started = time.perf_counter()
    problem = size_problem(len(data), limit=max_bytes)  # the one check (lib/uploads.py)
    if problem:
        raise DocumentError(problem)
    kind = sniff.detect(data, filename)
    with reading_with(fixed_goals):
        doc = read_tree(data, kind, ocr=ocr, max_bytes=max_bytes)
    return finish(doc, kind, started, areas=areas)


MAX_TEXT_CHARS = 1_000_000
# a page of agreement text has a few thousand characters; what is left of a page's worth of
# text after this many characters without a single known word is not an agreement
MIN_TEXT_CHARS_PER_PAGE = 20
MIN_KNOWN_WORDS = 0.3


def read_tree(
    data: bytes, kind: str, *, ocr: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """The document tree of a file of a known kind, through the layout passes."""
    from importing.layout import pages, reflow

    if kind == "text":
        from importing.readers.text import read_text

        text = sniff.decode_text(data)
        check_text_size(text)
        doc = Document()
        for piece in reflow.layout_tables(reflow.prepare_text(text, doc.warnings)):
            if isinstance(piece, str):
                doc.blocks.extend(read_text(piece).blocks)
            else:
                doc.add_table(piece)
        from importing.text_labels import mark_text_labels

        return mark_text_labels(pages.clean_pages(reflow.reflow(doc)))
    if kind == "html":
        from importing.readers.html import read_html

        return read_html(sniff.decode_text(data))
    if kind == "docx":
        from importing.readers.docx import read_docx

        return read_docx(data)
    if kind == "odt":
        from importing.readers.odt import read_odt

        return read_odt(data)
    if kind == "pdf":
        return pages.clean_pages(read_pdf(data, ocr=ocr))
    if kind in ("doc", "rtf"):
        from importing.readers.convert import read_legacy

        return read_legacy(data, "." + kind)
    if kind == "image":
        from importing.readers.ocr import read_image

        doc = pages.join_pages(read_image(data))
        doc.ocr = True
        return pages.clean_pages(doc)
    raise DocumentError("Filtypen kendes ikke.")  # pragma: no cover - sniff decides


def check_text_size(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(
            f"Teksten er for lang ({len(text):,} tegn); højst {MAX_TEXT_CHARS:,} tegn kan "
            "indlæses. Indsæt kun selve aftalen.".replace(",", ".")
        )


def needs_ocr(page: PdfPage) -> bool:
    """A page goes to OCR when its text layer is missing, too thin for a page of text on a
    page that is mostly image, or garbage (unmapped glyphs, no known words)."""
    visible = [ch for ch in page.text if not ch.isspace()]
    if len(visible) < MIN_TEXT_CHARS_PER_PAGE:
        return True
    if page.image_cover > 0.5 and len(visible) < 200:
        return True
    bad = sum(1 for ch in visible if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    bad += 5 * page.text.count("(cid:")
    if bad > 0.2 * len(visible):
        return True
    return _known_share(page.text) < MIN_KNOWN_WORDS


def _known_share(text: str) -> float:
    from lib.wordlist import danish_words

    words = danish_words()
    tokens = [t.lower() for t in re.findall(r"[A-Za-zÆØÅæøå]{3,}", text)]
    if not words or len(tokens) < 15:
        return 1.0
    return sum(1 for t in tokens if t in words) / len(tokens)


def read_pdf(data: bytes, *, ocr: bool = True) -> Document:
    """A PDF's pages, each from its text layer or, when that is not usable, through OCR."""
    from importing.layout.pages import join_pages
    from importing.readers.pdf import read_pdf_pages

    pdf_pages = read_pdf_pages(data)
    scanned = [number for number, page in enumerate(pdf_pages) if needs_ocr(page)]
    trees = [page.doc or Document() for page in pdf_pages]
    if scanned:
        if not ocr:
            raise DocumentError(
                "PDF-filen har sider uden tekst (en skanning), og OCR er slået fra."
            )
        from importing.readers.ocr import ocr_pdf_pages

        for number, tree in zip(scanned, ocr_pdf_pages(data, scanned), strict=True):
            trees[number] = tree
    doc = join_pages(trees)
    if scanned:
        doc.ocr = True
        if len(scanned) == len(trees):
            doc.warnings.append("Dokumentet er en skanning; tabeller bør kontrolleres.")
        else:
            numbers = ", ".join(str(n + 1) for n in scanned)
            doc.warnings.append(
                f"Side {numbers} er skannet og læst med tekstgenkendelse; kontrollér dem."
            )
    return doc


def finish(
    doc: Document, kind: str, started: float | None = None, *, areas: Sequence[str] | None = None
) -> ImportResult:
    started = time.perf_counter() if started is None else started
    text = doc.plain_text()
    if not text.strip():
        raise DocumentError("Dokumentet indeholder ingen tekst, der kan læses.")
    if doc.ocr or looks_ocr_damaged(text):
        doc = repair_document(doc)
        doc.warnings.append(
            "Teksten er læst med tekstgenkendelse (OCR) og rettet automatisk; "
            "kontrollér tal og navne."
        )
        text = doc.plain_text()
    progress.report("Aftalens dele genkendes.")
    from importing.layout import normalise

    doc = normalise(doc)  # once: the check and the reading read the same layout
    if not looks_like_agreement(doc, normalised=True):
        raise DocumentError(
            "Dokumentet ligner ikke en samarbejdsaftale eller delaftale fra Landsbyggefondens "
            "skabelon (ingen af skabelonens overskrifter blev fundet)."
        )
    agreement = recognise(doc, areas, normalised=True)
    return ImportResult(
        agreement=agreement,
        source_text=text,
        format=kind,
        warnings=agreement.warnings,
        seconds=time.perf_counter() - started,
    )


def repair_document(doc: Document) -> Document:
    used = document_usage(doc.plain_text())  # a name written right elsewhere is a word
    for block in doc.blocks:
        if block.kind == "table":
            block.rows = [[repair_text(cell, used)[0] for cell in row] for row in block.rows]
        else:
            block.text = repair_text(block.text, used)[0]
    return doc
