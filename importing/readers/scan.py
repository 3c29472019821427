"""Scanned pages: page image → deskew → ruling lines → Tesseract words → a document tree.

A scanned PDF is one image per page; we take the image out as it is (no re-rendering) or,
for a page of another shape, render it with pdfium. Each page is straightened by the angle
whose row profile is sharpest (text lines make the sharpest profile when level; ±2° covers
what a sheet feeder does). The page's ruling lines (long runs of dark pixels, found on a
box-averaged copy of the image, so no OpenCV is needed) give the tables' cell grid, merged
cells included (a missing line between two grid cells merges them); the lines are erased
before OCR so Tesseract reads the cells as text, not as "|". Tesseract's Danish model
returns words with their boxes (TSV); a word goes to the table cell its centre lies in,
the rest to paragraphs in Tesseract's reading order.

Tesseract's OpenMP threads fight each other on a small machine (one page: 11–15 s with the
default threads, 1.3–2 s with one), so every Tesseract runs with `OMP_THREAD_LIMIT=1`, one
process per core. The pages are prepared one per core; then one Tesseract per core reads a
list of page images (a run, `_plan_runs`): its start and the load of its Danish model, about
a tenth of a page's time, are paid once a run, not once a page. The runs hold as much text
each, a page cut at a blank band between its lines where a run's share ends inside it (a
lone page is read as two halves at once), so no core waits idle for the last page. The
cells to read again (see `_empty_cells_sheet`: empty cells with ink, doubtful header cells)
of a page are read as soon as the page's own text is, by a core free of main runs.
"""

from __future__ import annotations

import io
import itertools
import math
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importing.errors import DocumentError
from importing.layout.vocabulary import label_fold
from importing.tree import Document

TESSERACT_TIMEOUT = 120  # seconds a page
PAGES_PER_RUN = 8  # at most, about, in one Tesseract's list of images
MAX_OCR_PAGES = 100
# A4 at 600 dpi is 35 megapixels; anything much larger is not a scanned page.
MAX_PAGE_PIXELS = 60_000_000
RENDER_DPI = 200
MAX_ANGLE = 5.0  # a hand-fed scan or a photo is tilted more than a sheet feeder's ±2°
COARSE_ANGLES = [a / 2 for a in range(-10, 11)]  # -5.0° … 5.0° in steps of 0.5°
MIN_ANGLE = 0.15
DARK = 170  # grey levels below this are ink
BOX = 8  # box-average factor for finding ruling lines
HEADING_RATIO = 1.4  # words this much taller than the page's body text are a heading
TOLERANCE = 8  # pixels: lines this close meet, grid positions this close are one


def workers() -> int:
    return max(1, os.cpu_count() or 1)


def refuse_large_image(width: int, height: int) -> None:
    if width * height > MAX_PAGE_PIXELS:
        raise DocumentError(
            f"Billedet er for stort ({width} × {height} punkter); højst "
            f"{MAX_PAGE_PIXELS // 1_000_000} megapixel pr. side. Skan siden med 200–300 dpi."
        )


# -- page images ----------------------------------------------------------------------------
def images_of_pdf(data: bytes, page_numbers: list[int]) -> Iterator[tuple[Any, int]]:
    """The image of each listed page (0-based) and its resolution in dpi, one page at a time
    (so the first page's OCR starts while the next page's image is taken out)."""
    import pikepdf

    if len(page_numbers) > MAX_OCR_PAGES:
        raise DocumentError(
            f"Skanningen har {len(page_numbers)} sider uden tekst; højst {MAX_OCR_PAGES} sider "
            "kan læses med tekstgenkendelse (OCR). Del filen op og prøv igen."
        )
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise DocumentError("PDF-filen er krypteret (beskyttet med adgangskode).") from exc
    except pikepdf.PdfError as exc:
        raise DocumentError("PDF-filen er beskadiget eller afkortet.") from exc
    return _page_images(pdf, data, page_numbers)


def _page_images(pdf: Any, data: bytes, page_numbers: list[int]) -> Iterator[tuple[Any, int]]:
    from pikepdf import PdfImage

    from importing.readers.pdf import PDFIUM_LOCK

    rendered: Any = None  # pdfium's copy, opened once if some page must be rendered
    with pdf:
        try:
            for number in page_numbers:
                page = pdf.pages[number]
                width_pt = float(page.mediabox[2]) - float(page.mediabox[0])
                images = list(page.get_images().values())
                image = None
                if len(images) == 1:
                    raw = images[0]
                    refuse_large_image(int(raw.get("/Width", 0)), int(raw.get("/Height", 0)))
                    try:
                        image = PdfImage(raw).as_pil_image()  # type: ignore[arg-type]
                    except Exception:  # an encoding pikepdf cannot hand over: render the page
                        image = None
                if image is None:
                    if rendered is None:
                        import pypdfium2 as pdfium

                        with PDFIUM_LOCK:
                            rendered = pdfium.PdfDocument(data)
                    with PDFIUM_LOCK:
                        image = _render(rendered, number)
                    yield image, RENDER_DPI
                    continue
                dpi = round(image.width / (width_pt / 72)) if width_pt > 0 else RENDER_DPI
                yield image, max(70, min(dpi, 1200))
        finally:
            if rendered is not None:
                with PDFIUM_LOCK:
                    rendered.close()


def _render(pdf: Any, number: int) -> Any:
    page = pdf[number]
    try:
        width, height = page.get_size()
        scale = RENDER_DPI / 72
        refuse_large_image(int(width * scale), int(height * scale))
        # grey, as Tesseract reads it: no colour to convert afterwards
        return page.render(scale=scale, grayscale=True).to_pil()
    finally:
        page.close()


def images_of_image(data: bytes) -> list[tuple[Any, int]]:
    """The frames of an image file (a multi-page TIFF has several) and their dpi."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            refuse_large_image(image.width, image.height)
            across, down = (float(v or 0) for v in (*image.info.get("dpi", ()), 0, 0)[:2])
            dpi = int(across) if across and across > 10 else RENDER_DPI
            # a fax in standard mode has half the lines of its fine mode (204 × 98 dpi):
            # stretched to square pixels, or Tesseract sees letters half as tall as wide
            stretch = across / down if across and down and down > 10 else 1.0
            frames: list[tuple[Any, int]] = []
            for frame in ImageSequence.Iterator(image):
                if len(frames) >= MAX_OCR_PAGES:
                    raise DocumentError(f"Billedfilen har for mange sider (højst {MAX_OCR_PAGES}).")
                refuse_large_image(frame.width, frame.height)
                gray = frame.convert("L")
                if not 0.75 <= stretch <= 1.33:
                    height = round(gray.height * stretch)
                    refuse_large_image(gray.width, height)
                    gray = gray.resize((gray.width, height), Image.Resampling.BILINEAR)
                frames.append((gray, dpi))
            return frames
    except Image.DecompressionBombError as exc:
        raise DocumentError(
            f"Billedet er for stort; højst {MAX_PAGE_PIXELS // 1_000_000} megapixel pr. side."
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise DocumentError("Billedfilen er beskadiget eller i et ukendt format.") from exc


# -- deskew ---------------------------------------------------------------------------------
def skew_angle(image: Any) -> float:
    """The rotation (degrees) that levels the text lines; 0.0 when none is clearly better."""
    from PIL import Image, ImageOps

    gray = image.convert("L")
    factor = max(1, -(-gray.width // 600))  # at most 600 px wide
    small = ImageOps.invert(gray.reduce(factor) if factor > 1 else gray)
    scores: dict[float, float] = {}

    def sharpness(angle: float) -> float:
        if angle not in scores:
            turned = small.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
            profile = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
            mean = sum(profile) / len(profile)
            scores[angle] = sum((value - mean) ** 2 for value in profile)
        return scores[angle]

    best = max(COARSE_ANGLES, key=sharpness)
    fine = [round(best + step / 10, 1) for step in range(-4, 5)]
    best = max((a for a in fine if abs(a) <= MAX_ANGLE), key=sharpness)
    return best if abs(best) >= MIN_ANGLE and scores[best] > 1.02 * sharpness(0.0) else 0.0


# -- ruling lines and tables ----------------------------------------------------------------
@dataclass
class Rule:
    """A ruling line: `at` across the line (y of a horizontal one), `start`-`end` along it."""

    at: float
    start: int
    end: int
    low: int = 0
    high: int = 0


def _runs(image: Any, min_length: int, thickness: int) -> list[Rule]:
    """Horizontal runs of ink at least `min_length` px long, merged over adjacent rows."""
    from PIL import Image

    width, height = image.size
    reduced = image.resize((max(1, width // BOX), height), Image.Resampling.BOX)
    full = reduced.point(lambda v: 255 if v >= 190 else 0)
    cols = full.width
    data = full.tobytes()
    need = max(2, min_length // BOX)
    # a run of `need` full boxes holds an aligned block of need // 2 of them: rows without
    # one are skipped at C speed, so only the few rows with a line are scanned in Python
    step = max(1, need // 2)
    blocks = full.resize((max(1, cols // step), height), Image.Resampling.BOX)
    block_cols = blocks.width
    block_data = blocks.tobytes()
    segments: list[tuple[int, int, int]] = []
    for y in range(height):
        if 255 not in block_data[y * block_cols : (y + 1) * block_cols]:
            continue
        row = data[y * cols : (y + 1) * cols]
        x = 0
        while x < cols:
            if row[x]:
                start = x
                while x < cols and row[x]:
                    x += 1
                if x - start >= need:
                    segments.append((y, start * BOX, x * BOX))
            else:
                x += 1
    rules: list[Rule] = []
    open_rules: list[Rule] = []
    for y, start, end in segments:
        open_rules = [r for r in open_rules if y - r.high <= 3]
        for rule in open_rules:
            if start <= rule.end + 2 * BOX and end >= rule.start - 2 * BOX:
                rule.start, rule.end = min(rule.start, start), max(rule.end, end)
                rule.high = y
                break
        else:
            rule = Rule(at=y, start=start, end=end, low=y, high=y)
            rules.append(rule)
            open_rules.append(rule)
    for rule in rules:
        rule.at = (rule.low + rule.high) / 2
    return [r for r in rules if r.end - r.start >= min_length and r.high - r.low <= thickness]


@dataclass
class Grid:
    """A table found from its ruling lines; cells[i][j] is the merged region's id."""

    xs: list[float]
    ys: list[float]
    regions: list[list[int]] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    horizontal: int = 0  # rules[:horizontal] run across, the rest down

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        col = next(j for j in range(len(self.xs) - 1) if x <= self.xs[j + 1])
        row = next(i for i in range(len(self.ys) - 1) if y <= self.ys[i + 1])
        region = self.regions[row][col]
        # the text of a merged region belongs to its top-left grid cell
        for i in range(len(self.ys) - 1):
            for j in range(len(self.xs) - 1):
                if self.regions[i][j] == region:
                    return i, j
        return row, col  # pragma: no cover - the region always has a first cell


def _cluster(values: list[float]) -> list[float]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= TOLERANCE:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def find_tables(ink: Any, dpi: int) -> list[Grid]:
    """Tables on a binarised page (ink = 255) and the ruling lines they are made of."""
    from PIL import Image

    thickness = max(6, dpi // 30)
    horizontal = _runs(ink, max(40, dpi * 2 // 5), thickness)
    vertical = _runs(ink.transpose(Image.Transpose.TRANSPOSE), max(40, dpi // 2), thickness)
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if (
                h.start - TOLERANCE <= v.at <= h.end + TOLERANCE
                and v.start - TOLERANCE <= h.at <= v.end + TOLERANCE
            ):
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    grids = []
    for hs, vs in groups.values():
        if len(hs) < 2 or len(vs) < 2:
            continue
        grid = Grid(xs=_cluster([v.at for v in vs]), ys=_cluster([h.at for h in hs]))
        if len(grid.xs) < 2 or len(grid.ys) < 2:
            continue
        _merge_regions(grid, hs, vs)
        grid.rules = hs + vs
        grid.horizontal = len(hs)
        grids.append(grid)
    return grids


def _merge_regions(grid: Grid, hs: list[Rule], vs: list[Rule]) -> None:
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def ruled(rules: list[Rule], at: float, along: float) -> bool:
        return any(
            abs(r.at - at) <= TOLERANCE and r.start - TOLERANCE <= along <= r.end + TOLERANCE
            for r in rules
        )

    for i in range(rows):
        for j in range(cols):
            middle_x = (grid.xs[j] + grid.xs[j + 1]) / 2
            middle_y = (grid.ys[i] + grid.ys[i + 1]) / 2
            if i + 1 < rows and not ruled(hs, grid.ys[i + 1], middle_x):
                parent[find(i * cols + j)] = find((i + 1) * cols + j)
            if j + 1 < cols and not ruled(vs, grid.xs[j + 1], middle_y):
                parent[find(i * cols + j)] = find(i * cols + j + 1)
    grid.regions = [[find(i * cols + j) for j in range(cols)] for i in range(rows)]


# -- OCR ------------------------------------------------------------------------------------
@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    key: tuple[int, int, int, int]  # band, block, paragraph, line
    conf: float = 100.0  # Tesseract's confidence in the word, 0-100

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


@dataclass
class _Page:
    image: Any
    dpi: int
    grids: list[Grid] = field(default_factory=list)
    bands: list[tuple[int, int]] = field(default_factory=list)
    weight: int = 0  # how much text the page holds (see `_cut_points`)
    cuts: list[tuple[int, float]] = field(default_factory=list)  # y, share of text above


def prepare(image: Any, dpi: int, *, split: bool) -> _Page:
    """Straighten, find the tables, erase their lines, and choose the bands to OCR."""
    from PIL import ImageDraw

    from importing.readers.images import median3, normalise

    gray, dpi = normalise(image, dpi)  # grey, upright, straight, evenly lit; dpi believed
    ink = gray.point(lambda v: 255 if v < DARK else 0)
    grids = find_tables(ink, dpi)  # before the filter below, which would thin the lines
    if dpi >= 200:
        # isolated specks read as ".", "'" or "|"; strokes at 200 dpi and up are wider
        gray = median3(gray)  # = gray.filter(ImageFilter.MedianFilter(3)), cheaper
    draw = ImageDraw.Draw(gray)
    pad = 2 + dpi // 100  # a blurred line is wider than its darkest rows
    for grid in grids:
        for rule in grid.rules[: grid.horizontal]:
            draw.rectangle((rule.start, rule.low - pad, rule.end, rule.high + pad), fill=255)
        for rule in grid.rules[grid.horizontal :]:
            draw.rectangle((rule.low - pad, rule.start, rule.high + pad, rule.end), fill=255)
    page = _Page(image=gray, dpi=dpi, grids=grids)
    page.weight, page.cuts = _cut_points(gray)
    cut = _blank_band_near_middle(page) if split else None
    page.bands = [(0, cut), (cut, gray.height)] if cut else [(0, gray.height)]
    return page


def _cut_points(gray: Any) -> tuple[int, list[tuple[int, float]]]:
    """How much text the page holds, and the y's between its text lines where it may be cut
    (the middle of each blank band), each with the share of the page's text above it.

    Text is measured by the ink's left and right edges per row (about two per stroke), so a
    row of small letters weighs more than a thick line of a large heading: Tesseract's time
    goes with the letters it reads."""
    from PIL import Image, ImageChops

    height = gray.height
    ink = gray.point(lambda v: 255 if v < DARK else 0)
    profile = ink.resize((1, height), Image.Resampling.BOX).tobytes()
    edges = ImageChops.difference(ink, ImageChops.offset(ink, 1, 0))
    weight = edges.resize((1, height), Image.Resampling.BOX).tobytes()
    total = sum(weight)
    cuts: list[tuple[int, float]] = []
    if not total:
        return 0, cuts
    above = 0  # text above y
    y = 0
    while y < height * 0.95:
        if profile[y] == 0 and y >= height * 0.05:
            start = y
            while y < height and profile[y] == 0:
                y += 1
            if y - start >= 6:
                cuts.append(((start + y) // 2, above / total))
            continue
        above += weight[y]
        y += 1
    return total, cuts


def _blank_band_near_middle(page: _Page) -> int | None:
    """A y between text lines that parts the page's text most evenly (so both halves take
    Tesseract about as long), within the middle of the page; None if there is none."""
    height = page.image.height
    middle = [(y, share) for y, share in page.cuts if 0.2 * height <= y <= 0.8 * height]
    if not middle:
        return None
    return min(middle, key=lambda cut: abs(cut[1] - 0.5))[0]


def _tesseract(
    image: Any, dpi: int, band: int, offset: int, tmp: Path, *, psm: int = 3
) -> list[Word]:
    source = tmp / f"band{id(image)}-{band}.pgm"
    image.save(source)
    try:
        tsv = _run_tesseract(source, dpi, psm)
    finally:
        source.unlink(missing_ok=True)
    return list(_words(tsv, band, offset))


def _tesseract_many(images: list[Any], dpi: int, tmp: Path, *, psm: int) -> list[list[Word]]:
    """The words of several images read by one Tesseract (its list-of-images input): one
    start and one load of the Danish model for all of them, the same words as one run each."""
    if len(images) == 1:
        return [_tesseract(images[0], dpi, 99, 0, tmp, psm=psm)]
    sources = []
    for image in images:
        sources.append(tmp / f"sheet{id(image)}.pgm")
        image.save(sources[-1])
    listing = tmp / f"sheets{id(images)}.txt"
    listing.write_text("".join(f"{source}\n" for source in sources))
    try:
        tsv = _run_tesseract(listing, dpi, psm, timeout=TESSERACT_TIMEOUT * len(images))
    finally:
        for source in [*sources, listing]:
            source.unlink(missing_ok=True)
    found: list[list[Word]] = [[] for _ in images]
    for number, word in _numbered_words(tsv):
        if 1 <= number <= len(images):
            found[number - 1].append(word)
    return found


def _run_tesseract(source: Path, dpi: int, psm: int, *, timeout: float = TESSERACT_TIMEOUT) -> str:
    """Tesseract's TSV of an image (or of a list of images), one OpenMP thread, bounded."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = ["tesseract", str(source), "stdout", "-l", "dan", "--dpi", str(dpi)]
    command += ["--psm", str(psm), "tsv"]
    try:
        result = subprocess.run(  # noqa: S603 - fixed command, our own temp path
            command, capture_output=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentError("Tekstgenkendelsen af en side tog for lang tid.") from exc
    if result.returncode != 0:
        if b"traineddata" in result.stderr:
            raise DocumentError("Tekstgenkendelse (Tesseract med dansk) mangler på serveren.")
        raise DocumentError("Skanningen kunne ikke læses med tekstgenkendelse (OCR).")
    return result.stdout.decode("utf-8", "replace")


def _numbered_words(tsv: str) -> Iterator[tuple[int, Word]]:
    """The words of a TSV of several images, each with its image's number (from 1)."""
    lines = tsv.splitlines()
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5" or not parts[1].isdigit():
            continue
        for word in _words("\n" + line, 99, 0):
            yield int(parts[1]), word


def _words(tsv: str, band: int, offset: int) -> Iterator[Word]:
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        conf = float(parts[10])
        if not text or _speck(text, conf):
            continue
        yield Word(
            text=text,
            left=int(parts[6]),
            top=int(parts[7]) + offset,
            width=int(parts[8]),
            height=int(parts[9]),
            key=(band, int(parts[2]), int(parts[3]), int(parts[4])),
            conf=conf,
        )


def _speck(text: str, conf: float) -> bool:
    """A word that is a speck or a remnant of a ruling line, not text."""
    if not any(ch.isalnum() for ch in text):
        return conf < 60 or set(text) <= set("|¦")
    return len(text) == 1 and conf < 50 and text not in "iIå"


def ocr_images(images: Iterable[tuple[Any, int]]) -> list[Document]:
    """One document per page image: paragraphs and tables, in reading order.

    The pages are prepared (straightened, their tables found and their lines erased) one per
    core, each as soon as its image is out of the file; then their text is read in a few
    runs of Tesseract (`_plan_runs`), one per core at a time, each run a list of page images
    read by one Tesseract, so the Danish model is loaded once a run and not once a page (a
    start costs about a tenth of a page). The runs hold as much text each, a page cut at a
    blank band where a run ends inside it, so the cores finish together, a lone page read as
    two halves at once. A page's doubtful table cells (`_empty_cells_sheet`) are read again
    as soon as its own text is read: a core free of main runs reads the sheets waiting then,
    all in one Tesseract (`_Reading`), so no core idles while the other ends its run."""
    if shutil.which("tesseract") is None:
        raise DocumentError("Tekstgenkendelse (Tesseract) er ikke installeret på serveren.")
    with (
        tempfile.TemporaryDirectory(prefix="helhedsplan-scan-") as tmp,
        ThreadPoolExecutor(max_workers=workers()) as pool,
    ):
        futures = []
        try:
            for item in images:
                futures.append(pool.submit(prepare, item[0], item[1], split=False))
            pages = [future.result() for future in futures]
            reading = _Reading(pages, pool, Path(tmp))
            words, again = reading.run()
        except BaseException:
            for future in futures:  # a page refused: the pages not yet begun are dropped
                future.cancel()
            raise
    return [
        page_document(_with_cells_read_again(page, page_words, more), page.grids)
        for page, page_words, more in zip(pages, words, again, strict=True)
    ]


class _Reading:
    """The Tesseract work of a scan as jobs on the pool, kept at one per core.

    The main runs (`_plan_runs`) are queued first, in order; when a run has read the last
    piece of a page, the page's sheet of cells to read again is made and a job to read the
    sheets waiting is queued behind the main runs. That job reads every sheet waiting when
    it starts (one Tesseract for them all, a start saved a sheet), or nothing if an earlier
    one took them. The words do not depend on which sheets share a Tesseract."""

    def __init__(self, pages: list[_Page], pool: Any, tmp: Path) -> None:
        self.pages = pages
        self.pool = pool
        self.tmp = tmp
        self.runs = _plan_runs(pages)
        self.words: list[list[Word]] = [[] for _ in pages]
        self.again: list[list[Word]] = [[] for _ in pages]
        self.left = [0] * len(pages)  # pieces of each page not yet read
        for run in self.runs:
            for piece in run:
                self.left[piece.page] += 1
        self.waiting: list[tuple[int, _Sheet]] = []  # page, its sheet not yet read
        self.lock = threading.Lock()
        self.jobs: list[Any] = []

    def run(self) -> tuple[list[list[Word]], list[list[Word]]]:
        with self.lock:
            self.jobs += [self.pool.submit(self._main, run) for run in self.runs]
        try:
            done = 0
            while True:
                with self.lock:
                    if done == len(self.jobs):
                        break
                    job = self.jobs[done]
                job.result()  # a job queues its follow-up before it ends
                done += 1
        except BaseException:
            with self.lock:
                for job in self.jobs:
                    job.cancel()
            raise
        return self.words, self.again

    def _main(self, run: list[_Piece]) -> None:
        found = _read_run(run, self.pages, self.tmp)
        finished = []
        with self.lock:
            for piece, piece_words in zip(run, found, strict=True):
                self.words[piece.page].extend(piece_words)
                self.left[piece.page] -= 1
                if self.left[piece.page] == 0:
                    finished.append(piece.page)
        sheets = [
            (n, sheet)
            for n in finished
            if (sheet := _empty_cells_sheet(self.pages[n], self.words[n])) is not None
        ]
        if sheets:
            with self.lock:
                self.waiting += sheets
                self.jobs.append(self.pool.submit(self._sheets))

    def _sheets(self) -> None:
        with self.lock:
            waiting, self.waiting = self.waiting, []
        by_dpi: dict[int, list[tuple[int, _Sheet]]] = {}
        for number, sheet in sorted(waiting, key=lambda item: item[0]):
            by_dpi.setdefault(sheet.dpi, []).append((number, sheet))
        for dpi, group in by_dpi.items():
            images = [sheet.image for _number, sheet in group]
            found = _tesseract_many(images, dpi, self.tmp, psm=6)
            for (number, sheet), sheet_words in zip(group, found, strict=True):
                self.again[number] = _back_in_cells(sheet, sheet_words)


@dataclass
class _Piece:
    """A band of a page (its rows `top` to `bottom`) that one image of a run holds."""

    page: int
    top: int
    bottom: int
    band: int  # which band of its page, from the top (its words' paragraphs stay apart)


def _plan_runs(pages: list[_Page]) -> list[list[_Piece]]:
    """The pages' text in runs of Tesseract: one Tesseract, one list of images, a run.

    Pages at one resolution are read in `workers()` runs for every `PAGES_PER_RUN` pages
    (fewer starts of Tesseract; a run bounded, so its timeout is too), each run holding as
    much text as the others; where a run's share ends inside a page, the page is cut at the
    blank band between its lines nearest that share (a lone page in two halves)."""
    runs: list[list[_Piece]] = []
    group: list[int] = []
    for number, page in enumerate(pages):
        if group and pages[group[0]].dpi != page.dpi:
            runs += _runs_of(pages, group)
            group = []
        group.append(number)
    if group:
        runs += _runs_of(pages, group)
    return runs


def _runs_of(pages: list[_Page], group: list[int]) -> list[list[_Piece]]:
    """The runs of consecutive pages at one resolution (see `_plan_runs`)."""
    count = workers() * math.ceil(len(group) / PAGES_PER_RUN)
    weights = [max(pages[n].weight, 1) for n in group]
    total = sum(weights)
    # the places a run may begin: (text before it, page, y), a page's top or a blank band
    places: list[tuple[float, int, int]] = []
    before = 0.0
    for number, weight in zip(group, weights, strict=True):
        places.append((before, number, 0))
        places += [(before + share * weight, number, y) for y, share in pages[number].cuts]
        before += weight
    starts = {(group[0], 0)}
    for k in range(1, count):
        target = total * k / count
        _text, number, y = min(places, key=lambda place: abs(place[0] - target))
        starts.add((number, y))
    runs: list[list[_Piece]] = []
    for number in group:
        height = pages[number].image.height
        tops = sorted(y for n, y in starts if n == number)
        bands = [0, *[y for y in tops if y > 0], height]
        for band, (top, bottom) in enumerate(itertools.pairwise(bands)):
            if (number, top) in starts or not runs:
                runs.append([])
            runs[-1].append(_Piece(page=number, top=top, bottom=bottom, band=band))
        pages[number].bands = list(itertools.pairwise(bands))
    return runs


def _read_run(run: list[_Piece], pages: list[_Page], tmp: Path) -> list[list[Word]]:
    """The words of each piece of a run, read by one Tesseract, in page coordinates."""
    images = []
    for piece in run:
        image = pages[piece.page].image
        if piece.top > 0 or piece.bottom < image.height:
            image = image.crop((0, piece.top, image.width, piece.bottom))
        images.append(image)
    found = _tesseract_many(images, pages[run[0].page].dpi, tmp, psm=3)
    for piece, words in zip(run, found, strict=True):
        for word in words:
            word.top += piece.top
            word.key = (piece.band, *word.key[1:])
    return found


def _with_cells_read_again(page: _Page, words: list[Word], more: list[Word]) -> list[Word]:
    """A page's words with those of its cells read again (`_empty_cells_sheet`)."""
    grids = page.grids
    first: dict[Any, list[Word]] = {}
    again: dict[Any, list[Word]] = {}
    for word in words:
        first.setdefault(_header_cell(grids, word), []).append(word)
    for word in more:
        again.setdefault(_header_cell(grids, word), []).append(word)
    # a header cell keeps the reading with more of the template's column words
    # ("Baseline år" over "Baseline", "Delmål" over "Delimal"); other cells were empty
    for cell, reading in again.items():
        if cell is None or _heading_words(reading) > _heading_words(first.get(cell, [])):
            first[cell] = (first.get(cell, []) if cell is None else []) + reading
    return [word for reading in first.values() for word in reading]


GAP_BETWEEN_SNIPPETS = 40


def _heading_words(words: list[Word]) -> int:
    from importing.layout.vocabulary import heading_words

    known = heading_words()
    return sum(1 for w in words for part in label_fold(w.text).split() if part in known)


def _header_cell(grids: list[Grid], word: Word) -> tuple[int, int, int] | None:
    """The (table, row, column) of a header-row cell the word lies in, else None."""
    for index, grid in enumerate(grids):
        cell = grid.cell_at(*word.centre)
        if cell is not None:
            return (index, *cell) if cell[0] == 0 else None
    return None


@dataclass
class _Sheet:
    """A page's cells to read again, one under the other on a white sheet."""

    image: Any
    dpi: int
    places: list[tuple[int, int, int, int]]  # sheet top, bottom, page x, page y


SURE = 90  # Tesseract's confidence in a word above which a header cell is not read again
LEFT_INK = 40  # dark pixels in a cell outside its words' boxes: a word was skipped there


def _empty_cells_sheet(page: _Page, words: list[Word]) -> _Sheet | None:
    """Tesseract's page layout now and then skips a short word alone in a cell (a year in a
    narrow column) or misreads a header word: the cells left empty that hold ink, and the
    header row's doubtful cells (its words decide the columns' roles: a cell with ink
    beside its words, or a word Tesseract is unsure of), are read again as one column of
    snippets. A header cell read surely, all its ink under its words, is not."""
    from PIL import Image, ImageDraw

    in_cell: dict[tuple[int, tuple[int, int]], list[Word]] = {}
    for word in words:
        for index, grid in enumerate(page.grids):
            cell = grid.cell_at(*word.centre)
            if cell is not None:
                in_cell.setdefault((index, cell), []).append(word)
                break
    pad = 4 + page.dpi // 50
    crops: list[tuple[int, int, Any]] = []
    for index, grid in enumerate(page.grids):
        seen = set()
        for i in range(len(grid.ys) - 1):
            for j in range(len(grid.xs) - 1):
                cell = grid.cell_at(
                    (grid.xs[j] + grid.xs[j + 1]) / 2, (grid.ys[i] + grid.ys[i + 1]) / 2
                )
                found = in_cell.get((index, cell)) if cell is not None else None
                if cell is None or cell in seen or found and i > 0:
                    continue
                seen.add(cell)
                box = (
                    int(grid.xs[j]) + pad,
                    int(grid.ys[i]) + pad,
                    int(grid.xs[j + 1]) - pad,
                    int(grid.ys[i + 1]) - pad,
                )
                if box[2] - box[0] < 8 or box[3] - box[1] < 8:
                    continue
                crop = page.image.crop(box)
                ink = crop.point(lambda v: 255 if v < DARK else 0)
                if found:  # a header cell: its ink beside its words, or a word unsure
                    if min(word.conf for word in found) < SURE:
                        crops.append((box[0], box[1], crop))
                        continue
                    draw = ImageDraw.Draw(ink)
                    margin = 2 + page.dpi // 100
                    for word in found:
                        draw.rectangle(
                            (
                                word.left - box[0] - margin,
                                word.top - box[1] - margin,
                                word.left + word.width - box[0] + margin,
                                word.top + word.height - box[1] + margin,
                            ),
                            fill=0,
                        )
                if ink.histogram()[255] >= LEFT_INK:
                    crops.append((box[0], box[1], crop))
    if not crops:
        return None
    width = max(crop.width for _x, _y, crop in crops) + 2 * GAP_BETWEEN_SNIPPETS
    height = sum(crop.height + GAP_BETWEEN_SNIPPETS for _x, _y, crop in crops)
    sheet = Image.new("L", (width, height + GAP_BETWEEN_SNIPPETS), 255)
    places: list[tuple[int, int, int, int]] = []  # sheet top, bottom, page x, page y
    y = GAP_BETWEEN_SNIPPETS
    for x0, y0, crop in crops:
        sheet.paste(crop, (GAP_BETWEEN_SNIPPETS, y))
        places.append((y, y + crop.height, x0, y0))
        y += crop.height + GAP_BETWEEN_SNIPPETS
    return _Sheet(image=sheet, dpi=page.dpi, places=places)


def _back_in_cells(sheet: _Sheet, words: list[Word]) -> list[Word]:
    """The words read on a sheet, moved to where their snippet lies on the page."""
    found = []
    for word in words:
        middle = word.top + word.height / 2
        for top, bottom, x0, y0 in sheet.places:
            if top <= middle <= bottom:
                word.left += x0 - GAP_BETWEEN_SNIPPETS
                word.top += y0 - top
                found.append(word)
                break
    return found


# -- words → document -----------------------------------------------------------------------
def _lines(words: list[Word]) -> list[str]:
    """Words of one cell or paragraph as text lines, top to bottom, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.left)):
        middle = word.centre[1]
        for line in lines:
            top = min(w.top for w in line)
            bottom = max(w.top + w.height for w in line)
            if top - 2 <= middle <= bottom + 2:
                line.append(word)
                break
        else:
            lines.append([word])
    lines.sort(key=lambda line: min(w.top for w in line))
    return [" ".join(w.text for w in sorted(line, key=lambda w: w.left)) for line in lines]


def page_document(words: list[Word], grids: list[Grid]) -> Document:
    doc = Document(ocr=True)
    cells: list[dict[tuple[int, int], list[Word]]] = [{} for _ in grids]
    paragraphs: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        x, y = word.centre
        for index, grid in enumerate(grids):
            cell = grid.cell_at(x, y)
            if cell is not None:
                cells[index].setdefault(cell, []).append(word)
                break
        else:
            paragraphs.setdefault(word.key[:3], []).append(word)
    items: list[tuple[float, int, Any]] = []
    for para in paragraphs.values():
        items.append((min(w.top for w in para), 0, para))
    for index, grid in enumerate(grids):
        items.append((grid.ys[0], 1, index))
    items.sort(key=lambda item: (item[0], item[1]))
    heights = sorted(w.height for w in words if w.text.isalpha() and len(w.text) > 2)
    body = heights[len(heights) // 2] if heights else 0
    for _top, kind, obj in items:
        if kind == 0:
            lines = _lines(obj)
            sizes = sorted(w.height for w in obj if w.text.isalpha() and len(w.text) > 2)
            size = sizes[len(sizes) // 2] if sizes else 0
            if body and size >= HEADING_RATIO * body and len(lines) <= 4:
                # set large: a heading, its wrapped lines one line again (Tesseract may
                # have made two paragraphs of it)
                if doc.blocks and doc.blocks[-1].kind == "heading":
                    doc.blocks[-1].text += " " + " ".join(lines)
                else:
                    doc.add("heading", " ".join(lines), level=1)
            else:
                doc.add("paragraph", "\n".join(lines))
            continue
        grid = grids[obj]
        rows = [
            ["\n".join(_lines(cells[obj].get((i, j), []))) for j in range(len(grid.xs) - 1)]
            for i in range(len(grid.ys) - 1)
        ]
        doc.add_table(rows)
    return doc
