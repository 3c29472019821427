"""Build the layout corpus once and cache it.

    .venv/bin/python -m corpus build        # prints the corpus folder (builds it if needed)

Every (source agreement, layout family) pair is rendered as DOCX and converted by LibreOffice
to PDF, and to ODT or HTML (alternating, so each family has both); a rotating quarter of the
pairs gets each pasted-text variant (hard-wrapped with hyphenation, `pdftotext -layout`, a
page on one line, HTML whose source lines wrap mid-sentence), and a few short documents are
scanned (150/200/300 dpi, rotated, speckled) as PDF and PNG. The output goes to
`.cache/corpus/<hash>/` where the hash covers the generator's sources and every input, so an
unchanged generator reuses the corpus; `manifest.json` lists each document with its family,
format and ground truth.
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.cache import cached_build, manifest_entry, write_truth
from corpus.layouts import FAMILIES
from corpus.render import render
from corpus.sources import REPO, Source, all_sources

BUILD_VERSION = "1"
CORPUS_DIR = Path(__file__).resolve().parent
TEXT_KINDS = ("text-wrap", "text-layout", "text-oneline", "html-wrap")
EXTENSIONS = {
    "docx": ".docx",
    "pdf": ".pdf",
    "odt": ".odt",
    "html": ".html",
    "scan-pdf": ".pdf",
    "scan-png": ".png",
    "text-wrap": ".txt",
    "text-layout": ".txt",
    "text-oneline": ".txt",
    "html-wrap": ".html",
}


@dataclass(frozen=True)
class Scan:
    source: str
    family: str
    dpi: int
    angle: float
    as_png: bool = False


# Kept small: OCR costs about a second a page.
SCANS = (
    Scan("oernekaer-kriminalitet", "seedlike", 200, 0.8),
    Scan("oernekaer-kriminalitet", "labeltable", 300, -1.4),
    Scan("oernekaer-kriminalitet", "merged", 150, 1.9),
    Scan("oernekaer-kriminalitet", "numbered-goals", 200, -0.7, as_png=True),
)


def default_cache_root() -> Path:
    return Path(os.environ.get("HELHEDSPLAN_CORPUS_CACHE") or REPO / ".cache" / "corpus")


# Files that do not change what the build writes (the eval, the command line, the cache's
# plumbing). scans.py (the hard scans) has its own key: it is made from the built corpus.
NOT_IN_KEY = {"evaluate.py", "__main__.py", "fixture.py", "scans.py", "cache.py"}


def cache_key(sources: list[Source]) -> str:
    """A hash of the generator's code, its own sources and every input agreement."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for path in sorted(CORPUS_DIR.rglob("*")):
        if path.name in NOT_IN_KEY or "__pycache__" in path.parts or "foreign" in path.parts:
            # corpus/foreign has its own cache (corpus.foreign.build): adding a hand-written
            # family never rebuilds this corpus
            continue
        if path.suffix in (".py", ".json"):
            digest.update(str(path.relative_to(CORPUS_DIR)).encode())
            digest.update(path.read_bytes())
    for source in sources:
        digest.update(source.name.encode())
        digest.update(json.dumps(source.agreement, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def build(
    cache_root: Path | None = None,
    *,
    force: bool = False,
    log: Callable[[str], None] = print,
) -> Path:
    """The corpus folder, built if the cache does not hold this generator's corpus yet."""
    root = cache_root or default_cache_root()
    sources = all_sources()
    return cached_build(
        root / cache_key(sources),
        lambda work: _build_into(work, sources, root, log),
        lock=root / ".lock",
        force=force,
        log=log,
        what="corpus built",
    )


def load_manifest(folder: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text("utf-8"))
    return manifest


# -- the build ----------------------------------------------------------------------------
def _build_into(
    work: Path, sources: list[Source], root: Path, log: Callable[[str], None]
) -> dict[str, Any]:
    for sub in ("docx", "truth", "lo", "text", "scan"):
        (work / sub).mkdir()
    documents: list[dict[str, Any]] = []
    pairs: list[tuple[int, int, Source, str]] = []
    stamp = time.perf_counter()
    for i, source in enumerate(sources):
        for f, layout in enumerate(FAMILIES.values()):
            pairs.append((i, f, source, layout.name))
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        rendered = pool.map(_render_one, [(s.agreement, family) for _, _, s, family in pairs])
    for (_, _, source, family), (data, truth) in zip(pairs, rendered, strict=True):
        stem = f"{source.name}--{family}"
        (work / "docx" / f"{stem}.docx").write_bytes(data)
        write_truth(work, stem, truth)
    log(f"rendered {len(pairs)} DOCX in {time.perf_counter() - stamp:.1f} s")

    def entry(stem: str, source: Source, family: str, fmt: str, path: Path, **extra: Any) -> None:
        documents.append(manifest_entry(work, stem, source, family, fmt, path, **extra))

    # LibreOffice: every pair to PDF; ODT and HTML alternate between pairs.
    stamp = time.perf_counter()
    jobs: dict[str, list[Path]] = {"pdf": [], "odt": [], "html": []}
    for i, f, source, family in pairs:
        docx = work / "docx" / f"{source.name}--{family}.docx"
        jobs["pdf"].append(docx)
        jobs["odt" if (i + f) % 2 == 0 else "html"].append(docx)
    convert_all(jobs, work / "lo", root)
    log(
        f"LibreOffice converted {sum(map(len, jobs.values()))} files in "
        f"{time.perf_counter() - stamp:.1f} s"
    )

    stamp = time.perf_counter()
    for i, f, source, family in pairs:
        stem = f"{source.name}--{family}"
        entry(stem, source, family, "docx", work / "docx" / f"{stem}.docx")
        pdf = work / "lo" / f"{stem}.pdf"
        pages = _page_count(pdf)
        entry(stem, source, family, "pdf", pdf, pages=pages)
        for fmt in ("odt", "html"):
            path = work / "lo" / f"{stem}{EXTENSIONS[fmt]}"
            if path.exists():
                entry(stem, source, family, fmt, path)
        kind = TEXT_KINDS[(i + f) % len(TEXT_KINDS)]
        text_path = work / "text" / f"{stem}--{kind}{EXTENSIONS[kind]}"
        if kind == "html-wrap":
            html = (work / "lo" / f"{stem}.html").read_text("utf-8", errors="replace")
            text_path.write_text(wrap_html_source(html), "utf-8")
        else:
            text_path.write_text(pasted_text(pdf, kind), "utf-8")
        entry(stem, source, family, kind, text_path)
    log(f"pasted-text variants in {time.perf_counter() - stamp:.1f} s")

    stamp = time.perf_counter()
    by_name = {s.name: s for s in sources}
    for scan in SCANS:
        scanned = by_name.get(scan.source)
        if scanned is None:
            continue
        stem = f"{scan.source}--{scan.family}"
        pdf = work / "lo" / f"{stem}.pdf"
        fmt = "scan-png" if scan.as_png else "scan-pdf"
        out = work / "scan" / f"{stem}--scan{scan.dpi}{EXTENSIONS[fmt]}"
        out.write_bytes(make_scan(pdf, scan))
        entry(
            stem,
            scanned,
            scan.family,
            fmt,
            out,
            dpi=scan.dpi,
            angle=scan.angle,
            pages=_page_count(pdf),
        )
    log(f"scans in {time.perf_counter() - stamp:.1f} s")
    return {
        "version": BUILD_VERSION,
        "families": {name: layout.description for name, layout in FAMILIES.items()},
        "sources": [{"name": s.name, "origin": s.origin} for s in sources],
        "documents": documents,
    }


def _render_one(job: tuple[dict[str, Any], str]) -> tuple[bytes, dict[str, Any]]:
    agreement, family = job
    return render(agreement, FAMILIES[family])


def _page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", out.stdout, re.M)
    return int(found.group(1)) if found else 0


# -- LibreOffice ---------------------------------------------------------------------------
FILTERS = {"pdf": "pdf", "odt": "odt", "html": "html:HTML (StarWriter):UTF8"}


def convert_all(jobs: dict[str, list[Path]], outdir: Path, root: Path) -> None:
    """Convert in a few batches (LibreOffice is slow to start), two at a time on two cores."""
    batches: list[tuple[str, list[Path]]] = []
    for fmt, files in jobs.items():
        half = (len(files) + 1) // 2
        batches += [(fmt, files[:half]), (fmt, files[half:])]
    batches = [b for b in batches if b[1]]

    def run(index_batch: tuple[int, tuple[str, list[Path]]]) -> None:
        index, (fmt, files) = index_batch
        profile = root / f"lo-profile-{index % 2}"
        try:
            soffice(FILTERS[fmt], files, outdir, profile)
        except subprocess.CalledProcessError:
            # LibreOffice's first start on a machine (a new profile, fonts not yet cached)
            # sometimes aborts; a second start converts what the first left undone.
            left = [f for f in files if not (outdir / (f.stem + EXTENSIONS[fmt])).exists()]
            if left:
                soffice(FILTERS[fmt], left, outdir, profile)

    # two workers, each with its own LibreOffice profile (a profile cannot be shared)
    lanes: list[list[tuple[int, tuple[str, list[Path]]]]] = [[], []]
    for index, batch in enumerate(batches):
        lanes[index % 2].append((index % 2, batch))

    def run_lane(lane: list[tuple[int, tuple[str, list[Path]]]]) -> None:
        for batch in lane:
            run(batch)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run_lane, lanes))
    for fmt, files in jobs.items():
        for docx in files:
            if not (outdir / (docx.stem + EXTENSIONS[fmt])).exists():
                raise RuntimeError(f"LibreOffice did not convert {docx.name} to {fmt}")


def soffice(target: str, files: list[Path], outdir: Path, profile: Path) -> None:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is needed to build the corpus")
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=1800,
    )


# -- pasted text --------------------------------------------------------------------------
def pdftotext(pdf: Path, *args: str) -> str:
    out = subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, check=True, timeout=120
    )
    return out.stdout.decode("utf-8", errors="replace")


def pasted_text(pdf: Path, kind: str) -> str:
    if kind == "text-layout":
        return pdftotext(pdf, "-layout")
    text = pdftotext(pdf)
    if kind == "text-oneline":
        pages = [" ".join(page.split()) for page in text.split("\f")]
        return "\n".join(page for page in pages if page) + "\n"
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.replace("\f", "\n\n"))]
    return "\n\n".join(hard_wrap(p, 64) for p in paragraphs if p) + "\n"


_VOWELS = set("aeiouyæøå")


def hard_wrap(text: str, width: int) -> str:
    """Wrap at `width` columns, hyphenating long words at line ends as a PDF viewer pastes."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - (2 if line else 1)
        cut = _hyphen_point(word, room)
        if cut:
            lines.append(f"{line} {word[:cut]}-" if line else f"{word[:cut]}-")
            line = word[cut:]
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return "\n".join(lines)


def _hyphen_point(word: str, room: int) -> int:
    if len(word) < 8 or not word.isalpha() or room < 3:
        return 0
    for cut in range(min(room, len(word) - 3), 2, -1):
        if word[cut - 1].lower() in _VOWELS and word[cut].lower() not in _VOWELS:
            return cut
    return 0


def wrap_html_source(html: str, width: int = 72) -> str:
    """Re-wrap the text between tags so source lines break mid-sentence, as editors save."""

    def rewrap(match: re.Match[str]) -> str:
        text = match.group(0)
        if len(text) <= width or not text.strip():
            return text
        lead = " " if text[0].isspace() else ""
        tail = " " if text[-1].isspace() else ""
        words = text.split()
        out, line = [], ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
        return lead + "\n".join(out) + tail

    head, sep, body = html.partition("<body")
    if not sep:
        return re.sub(r"(?<=>)[^<]+(?=<)", rewrap, html)
    return head + sep + re.sub(r"(?<=>)[^<]+(?=<)", rewrap, body)


# -- scans --------------------------------------------------------------------------------
def make_scan(pdf: Path, scan: Scan) -> bytes:
    """Rasterise, rotate, speckle; a PDF of JPEG pages (img2pdf) or one tall PNG."""
    import img2pdf
    from PIL import Image

    rng = random.Random(f"{pdf.name}-{scan.dpi}-{scan.angle}")
    with tempfile.TemporaryDirectory(prefix="corpus-scan-") as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(scan.dpi), "-gray", "-png", str(pdf), f"{tmp}/p"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = []
        for path in sorted(Path(tmp).glob("p*.png")):
            with Image.open(path) as image:
                page = image.convert("L")
            angle = scan.angle + rng.uniform(-0.15, 0.15)
            page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
            _speckle(page, rng, scan.dpi)
            pages.append(page)
    if scan.as_png:
        width = max(p.width for p in pages)
        tall = Image.new("L", (width, sum(p.height for p in pages)), 255)
        top = 0
        for page in pages:
            tall.paste(page, (0, top))
            top += page.height
        out = io.BytesIO()
        tall.save(out, format="PNG", dpi=(scan.dpi, scan.dpi), optimize=False)
        return out.getvalue()
    jpegs = []
    for page in pages:
        out = io.BytesIO()
        page.save(out, format="JPEG", quality=80, dpi=(scan.dpi, scan.dpi))
        jpegs.append(out.getvalue())
    layout = img2pdf.get_fixed_dpi_layout_fun((scan.dpi, scan.dpi))
    result: bytes = img2pdf.convert(jpegs, layout_fun=layout)
    return result


def _speckle(page: Any, rng: random.Random, dpi: int) -> None:
    """Dust and toner specks: small dark dots, and a few light drop-outs."""
    pixels = page.load()
    width, height = page.size
    size = max(1, dpi // 150)
    for _ in range(width * height // 6000):
        x, y = rng.randrange(width - size), rng.randrange(height - size)
        shade = rng.randrange(0, 90)
        for dx in range(size):
            for dy in range(size):
                pixels[x + dx, y + dy] = shade
    for _ in range(width * height // 12000):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 255
