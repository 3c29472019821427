"""The public entry point: bytes and a file name in, an Agreement with warnings out."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from importing import progress, sniff
from importing.errors import DocumentError
from importing.ocrfix import looks_ocr_damaged, repair_text
from importing.recognise import looks_like_agreement, recognise
from importing.tree import Document
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
) -> ImportResult:
    """Read one uploaded agreement. Raises DocumentError (Danish message) for bad input."""
    started = time.perf_counter()
    if not data:
        raise DocumentError("Filen er tom.")
    if len(data) > max_bytes:
        raise DocumentError(
            f"Filen er for stor ({len(data) / 1_048_576:.1f} MB); grænsen er "
            f"{max_bytes / 1_048_576:.0f} MB."
        )
    kind = sniff.detect(data, filename)
    doc = read_tree(data, kind, ocr=ocr, max_bytes=max_bytes)
    return finish(doc, kind, started)


def read_tree(
    data: bytes, kind: str, *, ocr: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    if kind == "text":
        from importing.readers.text import read_text

        return read_text(sniff.decode_text(data))
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
        from importing.readers.pdf import read_pdf

        return read_pdf(data, ocr=ocr)
    if kind in ("doc", "rtf"):
        from importing.readers.convert import read_legacy

        return read_legacy(data, "." + kind)
    if kind == "image":
        from importing.readers.ocr import read_image

        return read_image(data)
    raise DocumentError("Filtypen kendes ikke.")  # pragma: no cover - sniff decides


def finish(doc: Document, kind: str, started: float | None = None) -> ImportResult:
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
    if not looks_like_agreement(doc):
        raise DocumentError(
            "Dokumentet ligner ikke en samarbejdsaftale eller delaftale fra Landsbyggefondens "
            "skabelon (ingen af skabelonens overskrifter blev fundet)."
        )
    agreement = recognise(doc)
    return ImportResult(
        agreement=agreement,
        source_text=text,
        format=kind,
        warnings=agreement.warnings,
        seconds=time.perf_counter() - started,
    )


def repair_document(doc: Document) -> Document:
    for block in doc.blocks:
        if block.kind == "table":
            block.rows = [[repair_text(cell)[0] for cell in row] for row in block.rows]
        else:
            block.text = repair_text(block.text)[0]
    return doc
