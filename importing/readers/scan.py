"""The fast OCR path: page images → deskew → `tesseract … pdf` → one PDF with a text layer.

A scanned PDF is one image per page; we take the image out as it is (no re-rendering),
straighten it by the angle whose row profile is sharpest (text lines make the sharpest
profile when level; ±2° covers what a sheet feeder does), and let Tesseract's Danish model
write a PDF with the text layer. Pages run two at a time on two cores. Anything this path
does not expect raises `Unsupported`, and the caller falls back to OCRmyPDF.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from importing.errors import DocumentError

TESSERACT_TIMEOUT = 180
MAX_PAGES = 200
ANGLES = [a / 10 for a in range(-20, 21)]  # -2.0° … 2.0° in steps of 0.1°
MIN_ANGLE = 0.15


class Unsupported(Exception):
    """Not the plain shape this path handles; use OCRmyPDF."""


def ocr_direct(data: bytes, *, image_dpi: int | None = None) -> bytes:
    if shutil.which("tesseract") is None:
        raise Unsupported
    pages = _images_of_image(data, image_dpi) if image_dpi else _images_of_pdf(data)
    if not pages:
        raise Unsupported
    if len(pages) > MAX_PAGES:
        raise DocumentError(f"Skanningen har for mange sider (højst {MAX_PAGES}).")
    with tempfile.TemporaryDirectory(prefix="helhedsplan-scan-") as tmp:
        jobs = [(Path(tmp) / f"p{n:04d}", image, dpi) for n, (image, dpi) in enumerate(pages)]
        threads = 1 if len(jobs) == 1 else 2
        with ThreadPoolExecutor(max_workers=threads) as pool:
            outputs = list(pool.map(lambda job: _ocr_page(*job, parallel=threads > 1), jobs))
        return _merge(outputs)


def _images_of_pdf(data: bytes) -> list[tuple[Any, int]]:
    import pikepdf
    from pikepdf import PdfImage

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise DocumentError("PDF-filen er krypteret (beskyttet med adgangskode).") from exc
    except pikepdf.PdfError as exc:
        raise DocumentError("PDF-filen er beskadiget eller afkortet.") from exc
    pages = []
    with pdf:
        for page in pdf.pages:
            images = list(page.images.values())
            if len(images) != 1:
                raise Unsupported
            try:
                image = PdfImage(images[0]).as_pil_image()  # type: ignore[arg-type]
            except Exception as exc:  # an encoding pikepdf cannot hand over
                raise Unsupported from exc
            width_pt = float(page.mediabox[2]) - float(page.mediabox[0])
            dpi = round(image.width / (width_pt / 72)) if width_pt > 0 else 200
            pages.append((image, max(70, min(dpi, 1200))))
    return pages


def _images_of_image(data: bytes, dpi: int | None) -> list[tuple[Any, int]]:
    from PIL import Image, ImageSequence

    with Image.open(io.BytesIO(data)) as image:
        return [(frame.copy(), dpi or 200) for frame in ImageSequence.Iterator(image)]


def skew_angle(image: Any) -> float:
    """The rotation (degrees) that levels the text lines; 0.0 when none is clearly better."""
    from PIL import Image, ImageOps

    gray = image.convert("L")
    factor = max(1, -(-gray.width // 800))  # at most 800 px wide
    small = ImageOps.invert(gray.reduce(factor) if factor > 1 else gray)

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
        profile = list(turned.resize((1, turned.height), Image.Resampling.BOX).tobytes())
        mean = sum(profile) / len(profile)
        return sum((value - mean) ** 2 for value in profile)

    scores = {angle: sharpness(angle) for angle in ANGLES}
    best = max(scores, key=lambda a: scores[a])
    return best if abs(best) >= MIN_ANGLE and scores[best] > 1.02 * scores[0.0] else 0.0


def _ocr_page(stem: Path, image: Any, dpi: int, *, parallel: bool) -> Path:
    from PIL import Image

    gray = image.convert("L")
    angle = skew_angle(gray)
    if angle:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    source = stem.with_suffix(".pgm")
    gray.save(source)
    env = dict(os.environ)
    if parallel:  # two pages at once on two cores: one thread each
        env["OMP_THREAD_LIMIT"] = "1"
    else:
        env.pop("OMP_THREAD_LIMIT", None)
    try:
        result = subprocess.run(  # noqa: S603 - fixed command, our own temp paths
            ["tesseract", str(source), str(stem), "-l", "dan", "--dpi", str(dpi), "pdf"],
            capture_output=True,
            timeout=TESSERACT_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentError("Tekstgenkendelsen af en side tog for lang tid.") from exc
    output = stem.with_suffix(".pdf")
    if result.returncode != 0 or not output.is_file():
        if b"dan" in result.stderr and b"traineddata" in result.stderr:
            raise DocumentError("Tekstgenkendelse (Tesseract med dansk) mangler på serveren.")
        raise Unsupported
    return output


def _merge(outputs: list[Path]) -> bytes:
    import pikepdf

    if len(outputs) == 1:
        return outputs[0].read_bytes()
    merged = pikepdf.new()
    sources = [pikepdf.open(path) for path in outputs]
    try:
        for source in sources:
            merged.pages.extend(source.pages)
        buffer = io.BytesIO()
        merged.save(buffer)
        return buffer.getvalue()
    finally:
        for source in sources:
            source.close()
