"""Hard scans: the pages real plans bring, made from the layout corpus's own PDFs.

    .venv/bin/python -m corpus.scans build [--from CORPUS_FOLDER]   # prints the folder
    .venv/bin/python -m corpus eval --format scan-phone              # scored with the rest

The main corpus has a few mild scans (a flatbed at 150–300 dpi, under 2° of tilt). Real
agreements also come photographed with a phone, faxed, scanned upside down or sideways,
stamped and signed. Each `HardScan` below turns one corpus PDF (our own fictional sources and
the gold readings' renderings, never a seed file) into one of those, with Pillow only:

- `phone-pdf`: pages photographed with a phone: perspective, light falling off to one
  corner, a shadow at the fold, the table showing around the sheet, JPEG at quality 50, put
  in a PDF as a phone scanning app does, without a resolution (img2pdf's default 96 dpi);
- `phone-jpeg`: the pages as one long sheet photographed the same way, one JPEG with no
  dpi in it;
- `fax-tiff`: 1-bit at 200 dpi (fax "fine"), thresholded with noise, as a multipage TIFF
  (CCITT group 4);
- `gray150`: grayscale at 150 dpi with a 2.5–3° skew;
- `stamp`: a colour scan with a blue round stamp and a handwritten signature over the
  parties (the signature block);
- `upside-down`: every page turned 180°;
- `landscape`: pages scanned sideways (90° and 270°).

The set has its own cache key (this file and the corpus folder it was made from), so the
main corpus build never waits for it and it is made once: `<corpus cache root>/scans/<key>/`.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.cache import cached_build

BUILD_VERSION = "1"


@dataclass(frozen=True)
class HardScan:
    source: str
    family: str
    kind: str
    dpi: int = 200
    angle: float = 0.0


HARD_SCANS = (
    HardScan("kloevermarken-tryghed-2016", "seedlike", "phone-pdf", 200, 1.2),
    HardScan("oernekaer-kriminalitet", "labeltable", "phone-jpeg", 200, -0.8),
    HardScan("gold-003", "seedlike", "fax-tiff", 200, 0.6),
    HardScan("oernekaer-kriminalitet", "merged", "fax-tiff", 200, -0.4),
    HardScan("bredhoej-uddannelse", "numbered-goals", "gray150", 150, 2.7),
    HardScan("oernekaer-kriminalitet", "seedlike", "gray150", 150, -2.4),
    HardScan("oernekaer-kriminalitet", "seedlike", "stamp", 200, 0.5),
    HardScan("kloevermarken-tryghed-2016", "labeltable", "upside-down", 200, 180.4),
    HardScan("oernekaer-kriminalitet", "numbered-goals", "landscape", 200, 90.0),
)
EXTENSIONS = {"phone-jpeg": ".jpg", "fax-tiff": ".tif"}


def cache_key(corpus: Path) -> str:
    digest = hashlib.sha256(BUILD_VERSION.encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(corpus.name.encode())
    return digest.hexdigest()[:16]


def build(corpus: Path, root: Path | None = None) -> Path:
    """The hard-scan folder made from the corpus folder `corpus`, built once."""
    root = root or Path(os.environ.get("HELHEDSPLAN_SCANS_CACHE") or corpus.parent / "scans")
    return cached_build(
        root / cache_key(corpus), lambda work: _build_into(work, corpus), lock=root / ".lock"
    )


def _build_into(work: Path, corpus: Path) -> dict[str, Any]:
    (work / "scan").mkdir()
    (work / "truth").mkdir()
    manifest = json.loads((corpus / "manifest.json").read_text("utf-8"))
    origins = {s["name"]: s["origin"] for s in manifest["sources"]}
    documents = []
    for scan in HARD_SCANS:
        stem = f"{scan.source}--{scan.family}"
        pdf = corpus / "lo" / f"{stem}.pdf"
        if not pdf.exists():
            continue
        shutil.copy(corpus / "truth" / f"{stem}.json", work / "truth" / f"{stem}.json")
        out = work / "scan" / f"{stem}--{scan.kind}{EXTENSIONS.get(scan.kind, '.pdf')}"
        pages = make_hard_scan(pdf, scan)
        out.write_bytes(pages)
        documents.append(
            {
                "id": out.name,
                "source": scan.source,
                "origin": origins.get(scan.source, ""),
                "family": scan.family,
                "format": f"scan-{scan.kind}",
                "path": str(out.relative_to(work)),
                "truth": f"truth/{stem}.json",
                "dpi": scan.dpi,
                "angle": scan.angle,
            }
        )
    return {"version": BUILD_VERSION, "documents": documents}


def documents(corpus: Path, root: Path | None = None) -> list[dict[str, Any]]:
    """The hard scans as manifest entries whose paths are absolute (they live in another
    folder than the corpus, and `Path(corpus) / absolute` is the absolute path)."""
    folder = build(corpus, root)
    found: list[dict[str, Any]] = json.loads((folder / "manifest.json").read_text("utf-8"))[
        "documents"
    ]
    for doc in found:
        doc["path"] = str(folder / doc["path"])
        doc["truth"] = str(folder / doc["truth"])
    return found


# -- the pages ------------------------------------------------------------------------------
def _rasterise(pdf: Path, dpi: int, *, colour: bool = False) -> list[Any]:
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="corpus-hardscan-") as tmp:
        mode = [] if colour else ["-gray"]
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), *mode, "-png", str(pdf), f"{tmp}/p"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = []
        for path in sorted(Path(tmp).glob("p*.png")):
            with Image.open(path) as image:
                pages.append(image.convert("RGB" if colour else "L"))
    return pages


def make_hard_scan(pdf: Path, scan: HardScan) -> bytes:
    rng = random.Random(f"{pdf.name}-{scan.kind}-{scan.angle}")
    kind = scan.kind
    if kind == "stamp":
        pages = _rasterise(pdf, scan.dpi, colour=True)
        _stamp(pdf, pages, scan.dpi, rng)
        pages = [tilt(p, scan.angle, rng) for p in pages]
        return _pdf_of_jpegs(pages, scan.dpi, quality=75)
    pages = _rasterise(pdf, scan.dpi)
    if kind == "phone-jpeg":  # the pages as one long sheet, one photo
        return jpeg(photograph(_stack(pages), scan.angle, rng), quality=50)
    if kind == "phone-pdf":
        pages = [photograph(p, scan.angle, rng) for p in pages]
        return _pdf_of_jpegs(pages, None, quality=50)
    if kind == "fax-tiff":
        pages = [fax(tilt(p, scan.angle, rng), rng) for p in pages]
        out = io.BytesIO()
        pages[0].save(
            out,
            format="TIFF",
            compression="group4",
            save_all=True,
            append_images=pages[1:],
            dpi=(scan.dpi, scan.dpi),
        )
        return out.getvalue()
    if kind == "landscape":
        turned = []
        for number, page in enumerate(pages):
            page = tilt(page, 0.0, rng)
            turned.append(page.rotate(90 if number % 2 == 0 else 270, expand=True))
        return _pdf_of_jpegs(turned, scan.dpi, quality=80)
    pages = [tilt(p, scan.angle, rng) for p in pages]
    for page in pages:
        speckle(page, rng, scan.dpi)
    return _pdf_of_jpegs(pages, scan.dpi, quality=70 if kind == "gray150" else 80)


def tilt(page: Any, angle: float, rng: random.Random) -> Any:
    from PIL import Image

    fill: Any = (255, 255, 255) if page.mode == "RGB" else 255
    angle += rng.uniform(-0.15, 0.15)
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def speckle(page: Any, rng: random.Random, dpi: int) -> None:
    from corpus.build import _speckle as speckle

    speckle(page, rng, dpi)


def photograph(page: Any, angle: float, rng: random.Random) -> Any:
    """A sheet on a table seen by a phone: margin of table, perspective, light, fold shadow."""
    from PIL import Image, ImageChops, ImageFilter

    from importing.readers.images import perspective_coefficients

    width, height = page.size
    margin_x, margin_y = width // 14, height // 16
    canvas = Image.new("L", (width + 2 * margin_x, height + 2 * margin_y), 95)
    canvas.paste(page.point(lambda v: int(v * 0.93 + 8)), (margin_x, margin_y))
    canvas = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=95)
    w, h = canvas.size
    jitter = [(rng.uniform(0.0, 0.04) * w, rng.uniform(0.0, 0.03) * h) for _ in range(4)]
    corners = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]
    # the far edge (top) looks narrower: its corners move inwards
    seen = [
        (jitter[0][0] + 0.035 * w, jitter[0][1]),
        (w - jitter[1][0] - 0.035 * w, jitter[1][1]),
        (w - jitter[2][0], h - jitter[2][1]),
        (jitter[3][0], h - jitter[3][1]),
    ]
    coefficients = perspective_coefficients(corners, seen)
    photo = canvas.transform(
        (w, h),
        Image.Transform.PERSPECTIVE,
        coefficients,
        resample=Image.Resampling.BICUBIC,
        fillcolor=70,
    )
    # light: bright at one corner, about 60 % at the opposite one
    down = Image.linear_gradient("L")
    light = ImageChops.add(down, down.rotate(rng.choice([90, 270])), scale=2.0)
    if rng.random() < 0.5:
        light = light.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    light = light.resize((w, h), Image.Resampling.BILINEAR).point(lambda v: 255 - int(v * 0.42))
    photo = ImageChops.multiply(photo, light)
    # the shadow at the fold, a soft band across the sheet
    fold = Image.new("L", (w, h), 255)
    top = int(h * rng.uniform(0.42, 0.55))
    band = Image.new("L", (w, max(8, h // 30)), 150)
    fold.paste(band, (0, top))
    fold = fold.filter(ImageFilter.GaussianBlur(h // 60))
    photo = ImageChops.multiply(photo, fold)
    photo = photo.filter(ImageFilter.GaussianBlur(0.7))
    # sensor noise
    noise = _noise((w, h), 14, rng)
    return ImageChops.add(photo, noise, scale=1.0, offset=-128)


def _noise(size: tuple[int, int], spread: int, rng: random.Random) -> Any:
    """Grey noise around 128, from the seeded generator (Pillow's effect_noise is not)."""
    from PIL import Image

    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return raw.point(lambda v: 128 + (v - 128) * spread // 74)


def fax(page: Any, rng: random.Random) -> Any:
    """1 bit: thresholded with a little noise (ragged strokes), a few specks."""
    from PIL import Image, ImageChops

    noise = _noise(page.size, 30, rng)
    rough = ImageChops.add(page, noise, scale=1.0, offset=-128)
    ink = rough.point(lambda v: 255 if v > 150 else 0)
    pixels = ink.load()
    assert pixels is not None
    width, height = ink.size
    for _ in range(width * height // 8000):
        pixels[rng.randrange(width), rng.randrange(height)] = 0
    return ink.convert("1", dither=Image.Dither.NONE)


def _stamp(pdf: Path, pages: list[Any], dpi: int, rng: random.Random) -> None:
    """A blue round stamp and a signature over the lines under "parter:" (last occurrence)."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8", "replace")
    place = None
    for number, page_html in enumerate(bbox.split("<page ")[1:]):
        for word in page_html.split("<word ")[1:]:
            if word.split(">", 1)[1].startswith("parter"):
                attrs = dict(
                    (k, float(v)) for k, v in (a.split("=") for a in _attrs(word.split(">")[0]))
                )
                place = (number, attrs["xMin"], attrs["yMax"])
    if place is None:
        return
    number, x_pt, y_pt = place
    scale = dpi / 72
    stamp_at(pages[number], int(x_pt * scale), int(y_pt * scale), dpi, rng)


def stamp_at(page: Any, x: int, y: int, dpi: int, rng: random.Random) -> None:
    """A blue round stamp and a signature drawn on an RGB page over the lines below (x, y)."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(page)
    blue = (40, 60, 190)
    cx, cy = x + int(150 * dpi / 72), y + int(40 * dpi / 72)
    radius = int(0.5 * dpi)
    for r in (radius, radius - dpi // 18):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=blue, width=max(3, dpi // 60))
    draw.text((cx - radius * 0.6, cy - dpi // 20), "MODTAGET", fill=blue, font_size=dpi // 7)
    # a signature: a scrawl of connected loops across the first party line
    y += int(25 * dpi / 72)
    points = []
    for step in range(60):
        t = step / 59
        points.append(
            (
                x + t * 2.2 * dpi + math.sin(t * 31) * dpi * 0.05,
                y + math.sin(t * 17 + rng.random()) * dpi * 0.12 - t * dpi * 0.1,
            )
        )
    draw.line(points, fill=(20, 30, 120), width=max(3, dpi // 55), joint="curve")


def _attrs(text: str) -> list[str]:
    return [part.replace('"', "") for part in text.split() if "=" in part]


def _stack(pages: list[Any]) -> Any:
    from PIL import Image

    width = max(p.width for p in pages)
    tall = Image.new("L", (width, sum(p.height for p in pages)), 255)
    top = 0
    for page in pages:
        tall.paste(page, (0, top))
        top += page.height
    return tall


def jpeg(page: Any, *, quality: int, dpi: int | None = None) -> bytes:
    out = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    page.save(out, format="JPEG", quality=quality, **extra)
    return out.getvalue()


def _pdf_of_jpegs(pages: list[Any], dpi: int | None, *, quality: int) -> bytes:
    import img2pdf

    jpegs = [jpeg(page, quality=quality, dpi=dpi) for page in pages]
    if dpi is None:
        result: bytes = img2pdf.convert(jpegs)
    else:
        layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
        result = img2pdf.convert(jpegs, layout_fun=layout)
    return result


def main(argv: list[str] | None = None) -> int:
    from corpus.build import build as build_corpus
    from corpus.build import default_cache_root

    parser = argparse.ArgumentParser(prog="python -m corpus.scans", description=__doc__)
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--from", dest="corpus", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="where the set is kept")
    args = parser.parse_args(argv)
    corpus = args.corpus or build_corpus(default_cache_root(), log=lambda m: print(m, sys.stderr))
    print(build(corpus, args.cache))
    return 0


if __name__ == "__main__":
    sys.exit(main())
