"""Scanned PDFs and images: OCRmyPDF with Tesseract's Danish model adds a text layer, then
the PDF reader reads it like any other PDF (and the pipeline repairs OCR damage)."""

from __future__ import annotations

import io
import logging
import os
import tempfile
from pathlib import Path

from importing.errors import DocumentError
from importing.tree import Document

# output_type "pdf" skips the PDF/A conversion through Ghostscript, which took minutes per
# page here and adds nothing: we only read the text layer back.
OCR_ARGS = {
    "language": ["dan"],
    "deskew": True,
    "skip_text": True,
    "progress_bar": False,
    "output_type": "pdf",
    "optimize": 0,
}


def _jobs() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def ocr_pdf(data: bytes, *, image_dpi: int | None = None) -> bytes:
    """A PDF with a text layer for the scan (a PDF of page images, or one image file).

    The usual scan, one image per page, goes straight to Tesseract after a cheap deskew of
    our own (`importing.readers.scan`): OCRmyPDF's fixed cost and its deskew doubled the
    time per page. Anything else (mixed pages, odd image formats) goes through OCRmyPDF.
    """
    from importing.readers import scan

    try:
        return scan.ocr_direct(data, image_dpi=image_dpi)
    except scan.Unsupported:
        return ocr_with_ocrmypdf(data, image_dpi=image_dpi)


def ocr_with_ocrmypdf(data: bytes, *, image_dpi: int | None = None) -> bytes:
    try:
        import ocrmypdf
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise DocumentError("Tekstgenkendelse (OCR) er ikke installeret på serveren.") from exc
    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    # Tesseract's OpenMP threads fight OCRmyPDF's page workers on a 2-core machine
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="helhedsplan-ocr-") as tmp:
        source = Path(tmp) / ("in.img" if image_dpi else "in.pdf")
        target = Path(tmp) / "out.pdf"
        source.write_bytes(data)
        kwargs: dict[str, object] = dict(OCR_ARGS, jobs=_jobs())
        if image_dpi:
            kwargs["image_dpi"] = image_dpi
        try:
            ocrmypdf.ocr(source, target, **kwargs)  # type: ignore[call-overload]
        except ocrmypdf.exceptions.EncryptedPdfError as exc:
            raise DocumentError("PDF-filen er krypteret (beskyttet med adgangskode).") from exc
        except ocrmypdf.exceptions.MissingDependencyError as exc:
            raise DocumentError(
                "Tekstgenkendelse (Tesseract med dansk) mangler på serveren."
            ) from exc
        except Exception as exc:
            raise DocumentError("Skanningen kunne ikke læses med tekstgenkendelse (OCR).") from exc
        return target.read_bytes()


def read_image(data: bytes) -> Document:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            dpi = image.info.get("dpi", (0, 0))[0]
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise DocumentError("Billedfilen er beskadiget eller i et ukendt format.") from exc
    from importing import progress
    from importing.readers.pdf import read_pdf

    progress.report("Billedet læses med tekstgenkendelse (OCR).")
    pdf = ocr_pdf(data, image_dpi=int(dpi) if dpi and dpi > 10 else 200)
    doc = read_pdf(pdf, ocr=False)
    doc.ocr = True
    return doc
