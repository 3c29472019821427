"""Build the hand-written families (corpus/foreign) once and cache them, beside the main
corpus and keyed on their own code only, so adding to them never rebuilds the main corpus.

Every delaftale source is written in every family (DOCX, or HTML for the HTML families) and
printed to PDF by LibreOffice in one batch (the HTML by WeasyPrint, as a browser prints it), except where the PDF would not show what the
truth says: a file with tracked changes prints them as markup, so `textbox-tracked` is DOCX
only."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.foreign.families import DESCRIPTIONS, DOCX_FAMILIES, HTML_FAMILIES
from corpus.sources import Source, all_sources

FOREIGN_DIR = Path(__file__).resolve().parent
NO_PDF = {"textbox-tracked"}


def printable(data: bytes) -> bytes:
    """The DOCX as Word prints it, for LibreOffice to print: LibreOffice drops the line
    breaks inside content controls that Word shows, so they are taken off before printing
    (the DOCX itself keeps them)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = re.sub(r"<w:sdtPr>.*?</w:sdtPr>", "", body.decode("utf-8"))
                text = re.sub(r"</?w:sdt(?:Content)?>", "", text)
                body = text.encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


OWN_DIR = FOREIGN_DIR / "sources"


def foreign_sources() -> list[Source]:
    """Every delaftale source: the corpus's, and our own fictional ones kept here (written
    apart from the main corpus, so adding one never changes the main corpus's documents)."""
    own = [
        Source(path.stem, json.loads(path.read_text("utf-8")), "own")
        for path in sorted(OWN_DIR.glob("*.json"))
    ]
    return delaftaler(own + all_sources())


def foreign_key(sources: list[Source]) -> str:
    digest = hashlib.sha256(b"foreign-1")
    for path in sorted(FOREIGN_DIR.glob("*.py")):
        if path.name == "fixture.py":
            continue  # it keeps fixtures; it does not change what the build writes
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for source in sources:
        digest.update(source.name.encode())
        digest.update(json.dumps(source.agreement, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def delaftaler(sources: list[Source]) -> list[Source]:
    return [s for s in sources if s.agreement.get("kind") == "delaftale"]


def build_foreign(root: Path, *, log: Callable[[str], None] = print) -> Path:
    """The folder of the hand-written families, built if this code has not built it yet."""
    from weasyprint import HTML

    from corpus.build import _locked, _page_count, soffice

    sources = foreign_sources()
    target = root / f"foreign-{foreign_key(sources)}"
    with _locked(root / ".lock-foreign"):
        if (target / "manifest.json").exists():
            return target
        started = time.perf_counter()
        work = Path(tempfile.mkdtemp(prefix="build-foreign-", dir=root))
        try:
            for sub in ("docx", "html", "pdf", "truth", "print"):
                (work / sub).mkdir()
            documents: list[dict[str, Any]] = []
            to_pdf: list[Path] = []

            def entry(stem: str, source: Source, family: str, fmt: str, path: Path) -> None:
                documents.append(
                    {
                        "id": path.name,
                        "source": source.name,
                        "origin": source.origin,
                        "family": family,
                        "format": fmt,
                        "path": str(path.relative_to(work)),
                        "truth": f"truth/{stem}.json",
                    }
                )

            for source in sources:
                for family, render in DOCX_FAMILIES.items():
                    stem = f"{source.name}--{family}"
                    data, truth = render(source.agreement)
                    path = work / "docx" / f"{stem}.docx"
                    path.write_bytes(data)
                    (work / "truth" / f"{stem}.json").write_text(
                        json.dumps(truth, ensure_ascii=False, indent=1), "utf-8"
                    )
                    entry(stem, source, family, "docx", path)
                    if family not in NO_PDF:
                        printed = work / "print" / path.name
                        printed.write_bytes(printable(data))
                        to_pdf.append(printed)
                for family, render_html in HTML_FAMILIES.items():
                    stem = f"{source.name}--{family}"
                    text, truth = render_html(source.agreement)
                    path = work / "html" / f"{stem}.html"
                    path.write_text(text, "utf-8")
                    (work / "truth" / f"{stem}.json").write_text(
                        json.dumps(truth, ensure_ascii=False, indent=1), "utf-8"
                    )
                    entry(stem, source, family, "html", path)
                    # printed as a browser prints it (WeasyPrint honours the class styles,
                    # which LibreOffice ignores)
                    pdf = work / "pdf" / f"{stem}.pdf"
                    HTML(string=text).write_pdf(pdf)
                    entry(stem, source, family, "pdf", pdf)
                    documents[-1]["pages"] = _page_count(pdf)
            soffice("pdf", to_pdf, work / "pdf", root / "lo-profile-foreign")
            for path in to_pdf:
                pdf = work / "pdf" / f"{path.stem}.pdf"
                if not pdf.exists():
                    raise RuntimeError(f"LibreOffice did not convert {path.name} to PDF")
                family = path.stem.split("--", 1)[1]
                source = next(s for s in sources if path.stem.startswith(s.name + "--"))
                entry(path.stem, source, family, "pdf", pdf)
                documents[-1]["pages"] = _page_count(pdf)
            manifest = {
                "families": DESCRIPTIONS,
                "documents": documents,
                "build_seconds": round(time.perf_counter() - started, 1),
            }
            (work / "manifest.json").write_text(
                json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8"
            )
            if target.exists():
                shutil.rmtree(target)
            work.rename(target)
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
        log(f"foreign families built in {manifest['build_seconds']} s: {target}")
    return target
