"""Scanned agreements go through the scan reader (Tesseract, Danish) and then the layout passes."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from importing.pipeline import read_document
from tests.importing.builders import pdf_agreement

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed"),
]


def test_scanned_pdf_is_read_with_danish_ocr():
    import img2pdf

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf_agreement(rows=3))
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", str(source), f"{tmp}/p"], check=True
        )
        scan = img2pdf.convert([str(p) for p in sorted(Path(tmp).glob("p*.png"))])
    result = read_document(scan, "skanning.pdf")
    agreement = result.agreement
    assert agreement.focus_area == "Kriminalitetsforebyggelse"
    assert agreement.parties == ["Lindby Politi", "SSP Lindby"]
    assert any("skanning" in w or "OCR" in w for w in result.warnings)


def _tilted_scan(degrees: float) -> bytes:
    import img2pdf
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf_agreement(rows=3))
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", str(source), f"{tmp}/p"], check=True
        )
        page = sorted(Path(tmp).glob("p*.png"))[0]
        with Image.open(page) as image:
            image.rotate(degrees, fillcolor=255, resample=Image.Resampling.BICUBIC).save(page)
        return img2pdf.convert([str(page)], layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200)))


def test_a_tilted_scan_is_straightened_and_read():
    result = read_document(_tilted_scan(1.2), "skanning.pdf")
    assert result.agreement.focus_area == "Kriminalitetsforebyggelse"
    assert result.agreement.parties == ["Lindby Politi", "SSP Lindby"]


def _words_image(text: str) -> object:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 36)
    image = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(image).text((40, 35), text, font=font, fill=0)
    return image


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(), reason="no DejaVu"
)
def test_sheets_read_by_one_tesseract_give_each_sheet_its_own_words():
    from importing.readers import scan

    images = [_words_image("Baseline år"), _words_image("Delmål for 2025"), _words_image("")]
    with tempfile.TemporaryDirectory() as tmp:
        together = scan._tesseract_many(images, 200, Path(tmp), psm=6)
        alone = [scan._tesseract(image, 200, 99, 0, Path(tmp), psm=6) for image in images]
    assert [[w.text for w in words] for words in together] == [
        ["Baseline", "år"],
        ["Delmål", "for", "2025"],
        [],
    ]
    assert [[(w.text, w.left, w.top) for w in words] for words in together] == [
        [(w.text, w.left, w.top) for w in words] for words in alone
    ]


def test_a_scan_of_three_pages_reads_every_page_in_order():
    from PIL import Image

    from importing.readers.ocr import ocr_pdf_pages
    from tests.importing.layouts_pdftext import scan_pdf

    pages = []
    for text in ("Side et om tryghed", "Side to om uddannelse", "Side tre om beskæftigelse"):
        page = Image.new("L", (1654, 2339), 255)
        page.paste(_words_image(text), (200, 300))  # type: ignore[arg-type]
        pages.append(page)
    docs = ocr_pdf_pages(scan_pdf(pages), [0, 1, 2])
    assert [doc.plain_text().split()[-1] for doc in docs] == [
        "tryghed",
        "uddannelse",
        "beskæftigelse",
    ]


def test_a_scan_of_eight_pages_starts_one_tesseract_per_core_for_the_pages(monkeypatch):
    """The Danish model is loaded once a run of pages, not once a page: eight pages take one
    Tesseract per core for their text (and at most one per core for cells read again)."""
    from PIL import Image

    from importing.readers import scan
    from importing.readers.ocr import ocr_pdf_pages
    from tests.importing.layouts_pdftext import scan_pdf

    monkeypatch.setattr(scan, "workers", lambda: 2)
    calls: list[int] = []
    run = scan._run_tesseract

    def counted(source: Path, dpi: int, psm: int, **kwargs: float) -> str:
        calls.append(psm)
        return run(source, dpi, psm, **kwargs)

    monkeypatch.setattr(scan, "_run_tesseract", counted)
    pages = []
    for number in range(8):
        page = Image.new("L", (1654, 2339), 255)
        page.paste(_words_image(f"Side {number + 1} om tryghed"), (200, 300))  # type: ignore[arg-type]
        page.paste(_words_image(f"Afsnit {number + 1} om skolen"), (200, 1500))  # type: ignore[arg-type]
        pages.append(page)
    docs = ocr_pdf_pages(scan_pdf(pages), list(range(8)))
    assert [doc.plain_text().split()[1] for doc in docs] == [str(n) for n in range(1, 9)]
    assert all("skolen" in doc.plain_text() for doc in docs)
    assert calls.count(3) == 2
