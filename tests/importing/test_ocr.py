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
