"""Every input up to the upload limit finishes or is refused with a Danish message, in
bounded time and memory: page limits, text size, image pixel limits."""

from __future__ import annotations

import io
import struct
import zlib

import pytest

from importing.errors import DocumentError
from importing.pipeline import MAX_TEXT_CHARS, read_document
from importing.readers import pdf as pdf_reader
from importing.readers import scan


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` pixels but holds one row: what a decompression
    bomb looks like to a reader that trusts the header."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" + b"\xff" * 16))
        + chunk(b"IEND", b"")
    )


def test_a_20000_by_20000_png_is_refused_in_danish_without_decoding_it():
    with pytest.raises(DocumentError) as error:
        read_document(_png_header_only(20000, 20000), "side.png")
    assert "for stort" in error.value.message
    assert "megapixel" in error.value.message


def test_an_image_above_our_pixel_limit_but_below_pillows_is_refused():
    side = int((scan.MAX_PAGE_PIXELS * 1.2) ** 0.5)
    with pytest.raises(DocumentError) as error:
        read_document(_png_header_only(side, side), "side.png")
    assert "Billedet er for stort" in error.value.message


def test_a_broken_image_is_a_danish_error_not_a_traceback():
    data = _png_header_only(800, 1000)[:40]
    with pytest.raises(DocumentError) as error:
        read_document(data, "side.png")
    assert "Billedfilen" in error.value.message


def _blank_pdf(pages: int) -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_pdf_over_the_page_limit_is_refused_before_it_is_read():
    data = _blank_pdf(pdf_reader.MAX_PAGES + 1)
    with pytest.raises(DocumentError) as error:
        read_document(data, "aftale.pdf")
    assert f"højst {pdf_reader.MAX_PAGES} sider" in error.value.message


def test_a_2000_page_pdf_is_refused():
    with pytest.raises(DocumentError) as error:
        read_document(_blank_pdf(2000), "aftale.pdf")
    assert "2000 sider" in error.value.message


def test_a_pdf_that_takes_too_long_is_stopped_with_a_danish_message():
    from tests.importing.layouts_pdftext import paged_pdf

    with pytest.raises(DocumentError) as error:
        pdf_reader.read_pdf_pages(paged_pdf(copies=1), budget=0.0)
    assert "for lang tid" in error.value.message


def test_a_15_mb_text_of_one_line_is_refused_at_once():
    data = ("Delaftalens parter: Lindby Politi og SSP Lindby. " * 320_000).encode()
    assert len(data) > 15_000_000
    with pytest.raises(DocumentError) as error:
        read_document(data, "aftale.txt")
    assert "Teksten er for lang" in error.value.message
    assert f"{MAX_TEXT_CHARS:,}".replace(",", ".") in error.value.message


def test_a_long_line_within_the_limit_is_cut_into_bounded_lines():
    from importing.layout.reflow import MAX_LINE, split_long_lines

    line = "Beboerne mødes i beboerhuset hver uge og laver mad sammen. " * 20_000
    lines = split_long_lines(line).split("\n")
    assert max(len(piece) for piece in lines) <= MAX_LINE
    assert " ".join(lines).split() == line.split()


@pytest.mark.slow
def test_a_one_line_text_just_under_the_limit_finishes():
    filler = "beboerne deltager i fællesspisning og lektiehjælp hver uge i beboerhuset "
    text = (
        "Delaftale for indsatsområdet Beskæftigelse Delaftalens parter: Jobcenter Lindby "
        "Delaftalen gælder fra - til: 1. marts 2024 – 28. februar 2028 "
    )
    text += filler * ((MAX_TEXT_CHARS - len(text) - 100) // len(filler))
    result = read_document(text.encode(), "aftale.txt")
    assert result.agreement.parties == ["Jobcenter Lindby"]
