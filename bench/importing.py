"""Import speed, one figure a line as `NAME VALUE UNIT`.

    .venv/bin/python -m bench.importing [--runs N] [--ocr-runs N] [--no-ocr] [--ocr-only]

Born-digital figures are the median seconds per document over several runs, on documents
built here in the LBF shapes (plus the seeds when ../shared is present), and one figure per
layout family of the layout corpus (`corpus/`, its DOCX and its PDF from LibreOffice; the
corpus is built once and cached). The OCR figures are the median seconds per page of our scan
path (deskew, ruling lines, one single-threaded Tesseract per core) on a 10-page and on a
one-page scan, each next to `tesseract_1thread_page_s`: one single-threaded Tesseract reading
the same page images one after the other, the best a sequential reader could do (the two
alternate run by run, so a change in the machine's load falls on both). For the lone
page it also says where the time goes: preparing the page (PIL), its two halves read at once
and each half alone, and what starting one Tesseract costs.

The machine is shared: the first lines give `nproc` and the load average, and the figures to
compare are the ratios, measured in the same run. Under other load the wall ratio of the OCR
figures is not our path's: with the kernel's session autogroups on (the first line says) a
busy machine gives our session one share of the CPU however many Tesseracts it runs, and the
ratio tends to the CPU ratio; `*_cores_used` says how many cores each side got.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from corpus.seeds import DEFAULT_SEEDS
from importing.pipeline import read_document


def _median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _documents() -> dict[str, list[tuple[bytes, str]]]:
    from tests.importing import layouts_pdftext as layouts
    from tests.importing.builders import docx_agreement, pdf_agreement

    texts = [(p.read_bytes(), p.name) for p in sorted(DEFAULT_SEEDS.glob("*.txt"))]
    paged = layouts.paged_pdf()
    documents = {
        "docx": [(docx_agreement(), "bench.docx")],
        "pdf": [(pdf_agreement(rows=12), "bench.pdf")],
        "text": texts or [(layouts.agreement_text().encode(), "bench.txt")],
        "pdf_paged": [(paged, "paged.pdf")],
        "pdf_paged_no_repeat": [(layouts.paged_pdf(repeat_header=False), "paged.pdf")],
        "text_wrapped": [(layouts.hard_wrapped_text().encode(), "wrapped.txt")],
        "text_flat": [(layouts.flat_text().encode(), "flat.txt")],
    }
    if shutil.which("pdftotext"):
        documents["text_layout"] = [(layouts.layout_text(paged).encode(), "layout.txt")]
    return documents


def bench_families(runs: int) -> None:
    """One figure per layout family of the corpus: the median seconds per born-digital
    document (its DOCX and its PDF), the slowest of them, and the median and the largest CPU
    seconds (the same work, but not lengthened by other load on the machine: a born-digital
    import runs in this one process) with the document that took the largest."""
    from corpus.build import build, load_manifest

    try:
        folder = build(log=lambda _message: None)
    except Exception as error:  # no LibreOffice, no ../shared: the figures are left out
        print(f"# layout corpus unavailable ({type(error).__name__}); no family figures")
        return
    manifest = load_manifest(folder)
    by_family: dict[str, dict[str, list[tuple[float, float, str]]]] = {}
    for document in manifest["documents"]:
        if document["format"] not in ("docx", "pdf"):
            continue
        data = (folder / document["path"]).read_bytes()
        read = functools.partial(read_document, data, document["id"], ocr=False)
        timed = [_timed(read) for _ in range(runs)]
        formats = by_family.setdefault(document["family"], {})
        formats.setdefault(document["format"], []).append(
            (
                statistics.median(w for w, _c in timed),
                statistics.median(c for _w, c in timed),
                document["id"],
            )
        )
    for name, by_format in by_family.items():
        for fmt, figures in sorted(by_format.items()):
            walls = [wall for wall, _cpu, _id in figures]
            cpus = [cpu for _wall, cpu, _id in figures]
            # the slowest document by CPU (the wall clock also counts other load), named, so
            # a regression can be traced to the document and read again on its own
            slowest = max(figures, key=lambda figure: figure[1])
            print(
                f"import_family_{name.replace('-', '_')}_{fmt}_s {statistics.median(walls):.3f} s"
                f" (max {max(walls):.3f}, {len(walls)} documents; CPU median "
                f"{statistics.median(cpus):.3f}, max {max(cpus):.3f}: {slowest[2]})",
                flush=True,
            )


def bench_one_page(image: Any, runs: int) -> None:
    """Where a lone page's time goes: preparing it (straighten, ruling lines: PIL), its two
    halves read at once, each half alone in sequence, and one Tesseract's start."""
    from importing.readers import scan

    dpi = 200
    prepare = _median_seconds(lambda: scan.prepare(image, dpi, split=True), runs)
    page = scan.prepare(image, dpi, split=True)
    with tempfile.TemporaryDirectory(prefix="helhedsplan-bench-") as tmp:
        crops = [page.image.crop((0, a, page.image.width, b)) for a, b in page.bands]

        def half(index: int) -> None:
            scan._tesseract(crops[index], dpi, index, 0, Path(tmp))

        def together() -> None:
            with ThreadPoolExecutor(max_workers=len(crops)) as pool:
                list(pool.map(half, range(len(crops))))

        alone = [_median_seconds(functools.partial(half, i), runs) for i in range(len(crops))]
        at_once = _median_seconds(together, runs)
        from PIL import Image

        blank = Image.new("L", (200, 60), 255)
        start = _median_seconds(lambda: scan._tesseract(blank, dpi, 0, 0, Path(tmp)), runs)
    print(f"ocr_1page_prepare_s {prepare:.2f} s", flush=True)
    print(
        f"ocr_1page_halves_at_once_s {at_once:.2f} s (each alone "
        + ", ".join(f"{a:.2f}" for a in alone)
        + f"; sum {sum(alone):.2f})",
        flush=True,
    )
    print(f"tesseract_start_s {start:.2f} s", flush=True)


def _tesseract_sequential(paths: list[Path]) -> None:
    """One single-threaded tesseract, pages one after the other."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    for path in paths:
        subprocess.run(
            ["tesseract", str(path), "stdout", "-l", "dan", "--dpi", "200", "tsv"],
            check=True,
            capture_output=True,
            env=env,
        )


def _cpu_now() -> float:
    """CPU seconds used so far, ours and our child processes' (Tesseract): unlike the wall
    clock, what other load on the machine does not change."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the action."""
    wall, cpu = time.perf_counter(), _cpu_now()
    action()
    return time.perf_counter() - wall, _cpu_now() - cpu


def bench_ocr(images: list[Any], runs: int) -> tuple[float, float, float, float]:
    """Median seconds per page: our scan path on a PDF of these page images, and one
    single-threaded tesseract on the same images (saved as PNG beforehand, not timed) in
    sequence; then the median CPU seconds per page of each (the work our path does beyond
    Tesseract's: taking the images out, PIL, processes). The two alternate run by run, so a
    change in the machine's load falls on both."""
    from importing.readers.ocr import ocr_pdf_pages
    from tests.importing.layouts_pdftext import scan_pdf

    scan = scan_pdf(images)
    pages = list(range(len(images)))
    ours: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="helhedsplan-bench-") as tmp:
        paths = []
        for number, image in enumerate(images):
            path = Path(tmp) / f"page{number:03d}.png"
            image.save(path)
            paths.append(path)
        for _ in range(runs):
            ours.append(_timed(lambda: ocr_pdf_pages(scan, pages)))
            bare.append(_timed(lambda: _tesseract_sequential(paths)))
    count = len(images)
    return (
        statistics.median(wall for wall, _cpu in ours) / count,
        statistics.median(wall for wall, _cpu in bare) / count,
        statistics.median(cpu for _wall, cpu in ours) / count,
        statistics.median(cpu for _wall, cpu in bare) / count,
    )


def _scan_images(count: int) -> list[Any]:
    from tests.importing import layouts_pdftext as layouts

    pages = layouts.page_images(layouts.paged_pdf(copies=12))
    return [layouts.scanned(pages[n % len(pages)], seed=n) for n in range(count)]


HOSTILE = {
    # name: Python that builds the input as `data` and its file name as `name`
    "pdf_2000_pages": (
        "import io, pikepdf\n"
        "pdf = pikepdf.new()\n"
        "for _ in range(2000): pdf.add_blank_page()\n"
        "out = io.BytesIO(); pdf.save(out); data, name = out.getvalue(), 'lang.pdf'"
    ),
    "text_15mb_one_line": (
        "data, name = ('Delaftalens parter: Lindby Politi og SSP Lindby. ' * 320_000).encode(), "
        "'linje.txt'"
    ),
    "png_20000x20000": (
        "from tests.importing.test_limits_pdftext import _png_header_only\n"
        "data, name = _png_header_only(20000, 20000), 'stor.png'"
    ),
}
_HOSTILE_RUN = """
import resource, sys, time
import django, os
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')
django.setup()
from importing.errors import DocumentError
from importing.pipeline import read_document
{build}
started = time.perf_counter()
try:
    read_document(data, name)
    outcome = 'read'
except DocumentError:
    outcome = 'refused'
seconds = time.perf_counter() - started
print(f"{{seconds:.2f}} {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}} {{outcome}}")
"""


def bench_hostile() -> None:
    """Each hostile input of issue 12 in a process of its own: seconds, peak memory, outcome."""
    for label, build in HOSTILE.items():
        result = subprocess.run(
            [sys.executable, "-c", _HOSTILE_RUN.format(build=build)],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, megabytes, outcome = result.stdout.split()
        print(f"hostile_{label}_s {seconds} s", flush=True)
        print(f"hostile_{label}_peak_mb {megabytes} MB ({outcome})", flush=True)


def _autogroup() -> str:
    try:
        enabled = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip()
    except OSError:
        return ""
    return f", sched_autogroup_enabled {enabled}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ocr-runs", type=int, default=3)
    parser.add_argument("--no-ocr", action="store_true")
    parser.add_argument("--no-families", action="store_true")
    parser.add_argument("--ocr-only", action="store_true", help="only the OCR figures")
    args = parser.parse_args(argv)
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"nproc {os.cpu_count()} cores (load average {load}){_autogroup()}", flush=True)
    if not args.ocr_only:
        documents = _documents()
        for kind, docs in documents.items():
            per_doc = [
                _median_seconds(functools.partial(read_document, data, name, ocr=False), args.runs)
                for data, name in docs
            ]
            print(f"import_{kind}_s {statistics.median(per_doc):.3f} s", flush=True)
        if not args.no_families:
            bench_families(args.runs)
        bench_hostile()
    if not args.no_ocr and shutil.which("tesseract") and shutil.which("pdftoppm"):
        images = _scan_images(10)
        for name, subset in (("ocr_page_s", images), ("ocr_1page_s", images[:1])):
            ours, bare, ours_cpu, bare_cpu = bench_ocr(subset, args.ocr_runs)
            suffix = "" if len(subset) > 1 else "_1page"
            stem = name.removesuffix("_s")
            print(f"{name} {ours:.2f} s", flush=True)
            print(f"tesseract_1thread_page_s{suffix} {bare:.2f} s", flush=True)
            print(f"{stem}_vs_tesseract {ours / bare:.2f} x", flush=True)
            print(
                f"{stem}_cpu_s {ours_cpu:.2f} s (tesseract alone {bare_cpu:.2f} s: "
                f"{ours_cpu / bare_cpu:.2f} x the CPU)",
                flush=True,
            )
            # CPU seconds per wall second: on an idle machine near 2 for ours and 1 for the
            # sequential Tesseract; far below, other load took the cores and the wall ratio
            # above says more about that load than about our path
            print(
                f"{stem}_cores_used {ours_cpu / ours:.2f} (tesseract alone {bare_cpu / bare:.2f})",
                flush=True,
            )
        bench_one_page(images[0], args.ocr_runs)
        load = " ".join(f"{v:.2f}" for v in os.getloadavg())
        print(f"# load average after the OCR figures: {load}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
