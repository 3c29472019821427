"""Import speed, one figure a line as `NAME VALUE UNIT`.

    .venv/bin/python -m importing.bench [--runs N] [--no-ocr]

Born-digital figures are the median seconds per document over several runs, on documents
built here in the LBF shapes (plus the seeds when ../shared is present). The OCR figures
compare our path (OCRmyPDF, Danish, deskew) with bare `tesseract` on the same page images.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from importing.eval import DEFAULT_SEEDS
from importing.pipeline import read_document


def _median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _documents() -> dict[str, list[tuple[bytes, str]]]:
    from tests.importing.builders import docx_agreement, pdf_agreement

    texts = [(p.read_bytes(), p.name) for p in sorted(DEFAULT_SEEDS.glob("*.txt"))]
    return {
        "docx": [(docx_agreement(), "bench.docx")],
        "pdf": [(pdf_agreement(rows=12), "bench.pdf")],
        "text": texts,
    }


def bench_ocr(pdf: bytes) -> tuple[float, float]:
    """Seconds per page: our OCR path, and bare tesseract on the same 200 dpi page images."""
    from importing.readers.ocr import ocr_pdf

    with tempfile.TemporaryDirectory(prefix="helhedsplan-bench-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", str(source), f"{tmp}/p"], check=True
        )
        pages = sorted(Path(tmp).glob("p*.png"))
        # the scan: page images in a PDF without text
        import img2pdf  # installed with ocrmypdf

        scan = img2pdf.convert([str(p) for p in pages])
        started = time.perf_counter()
        ocr_pdf(scan)
        ours = (time.perf_counter() - started) / len(pages)
        started = time.perf_counter()
        for page in pages:
            subprocess.run(
                ["tesseract", str(page), str(page.with_suffix("")), "-l", "dan", "pdf"],
                check=True,
                capture_output=True,
            )
        bare = (time.perf_counter() - started) / len(pages)
    return ours, bare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-ocr", action="store_true")
    args = parser.parse_args(argv)
    documents = _documents()
    for kind in ("docx", "pdf", "text"):
        docs = documents[kind]
        if not docs:
            continue
        per_doc = [
            _median_seconds(functools.partial(read_document, data, name, ocr=False), args.runs)
            for data, name in docs
        ]
        print(f"import_{kind}_s {statistics.median(per_doc):.3f} s")
    if not args.no_ocr and shutil.which("tesseract") and shutil.which("pdftoppm"):
        from tests.importing.builders import pdf_agreement

        ours, bare = bench_ocr(pdf_agreement(rows=12))
        print(f"ocr_page_s {ours:.2f} s")
        print(f"tesseract_page_s {bare:.2f} s")
        print(f"ocr_vs_tesseract {ours / bare:.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
