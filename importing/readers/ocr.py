"""Scanned pages and image files as document trees, through `importing.readers.scan`.

Which pages of a PDF need OCR is the pipeline's decision (`importing.pipeline.needs_ocr`);
this module reads the pages it is given.
"""

from __future__ import annotations

from importing import progress
from importing.readers import scan
from importing.readers.pdf import split_items
from importing.tree import Document


def ocr_pdf_pages(data: bytes, page_numbers: list[int]) -> list[Document]:
    """One tree per listed page (0-based) of a PDF, read from the page images."""
    images = scan.images_of_pdf(data, page_numbers)
    count = len(page_numbers)
    progress.report(
        f"{count} side{'r' if count != 1 else ''} uden tekst læses med tekstgenkendelse (OCR)."
    )
    return [split_items(doc) for doc in scan.ocr_images(images)]


def read_image(data: bytes) -> list[Document]:
    """One tree per frame of an image file (a photographed or scanned page)."""
    images = scan.images_of_image(data)
    progress.report("Billedet læses med tekstgenkendelse (OCR).")
    return [split_items(doc) for doc in scan.ocr_images(images)]
