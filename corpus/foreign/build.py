"""Build the hand-written families (corpus/foreign) once and cache them, beside the main
corpus and keyed on their own code only, so adding to them never rebuilds the main corpus.

Every source is written in every family whose template is for its kind (delaftaler, or the
strategic agreement: `FAMILY_KINDS`), as DOCX, ODT or HTML, and printed to PDF by LibreOffice
in one batch (the HTML by WeasyPrint, as a browser prints it), except where the PDF would not
show what the truth says: a file with tracked changes prints them as markup, so
`textbox-tracked` is DOCX only. Some families' DOCX are also saved by LibreOffice as Word 97
(.doc) or RTF (`LEGACY_FORMATS`), read by the importer through its own conversion. The
folder is made by `corpus.cache.cached_build`."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.cache import cached_build, manifest_entry, write_truth
from corpus.foreign import wml
from corpus.foreign.families import Json
from corpus.foreign.fresh import (
    DESCRIPTIONS,
    DOCX_FAMILIES,
    FAMILY_KINDS,
    HTML_FAMILIES,
    LEGACY_FORMATS,
    ODT_FAMILIES,
    PRINT_ACCEPTED,
    accepted,
)
from corpus.sources import Source, all_sources

FOREIGN_DIR = Path(__file__).resolve().parent
NO_PDF = {"textbox-tracked"}
# LibreOffice's filters for the old formats plans still send
LEGACY_FILTERS = {"doc": "doc:MS Word 97", "rtf": "rtf:Rich Text Format"}


def printable(data: bytes, *, accept: bool = False) -> bytes:
    """The DOCX as Word prints it, for LibreOffice to print: LibreOffice drops the line
    breaks inside content controls that Word shows, so they are taken off before printing
    (the DOCX itself keeps them); with `accept`, its tracked changes accepted (LibreOffice
    would print them as markup)."""

    def settled(text: str) -> str:
        text = re.sub(r"<w:sdtPr>.*?</w:sdtPr>", "", text)
        text = re.sub(r"</?w:sdt(?:Content)?>", "", text)
        return accepted(text) if accept else text

    return wml.rewrite_part(data, "word/document.xml", settled)


OWN_DIR = FOREIGN_DIR / "sources"


def foreign_sources() -> list[Source]:
    """Every source: the corpus's, and our own fictional ones kept here (written apart from
    the main corpus, so adding one never changes the main corpus's documents). Each family
    writes the kinds of agreement its template is for (`FAMILY_KINDS`; delaftaler by
    default)."""
    own = [
        Source(path.stem, json.loads(path.read_text("utf-8")), "own")
        for path in sorted(OWN_DIR.glob("*.json"))
    ]
    return own + all_sources()


def foreign_key(sources: list[Source]) -> str:
    digest = hashlib.sha256(b"foreign-2")
    for path in sorted(FOREIGN_DIR.glob("*.py")):
        if path.name == "fixture.py":
            continue  # it keeps fixtures; it does not change what the build writes
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for source in sources:
        digest.update(source.name.encode())
        digest.update(json.dumps(source.agreement, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def _writes(family: str, source: Source) -> bool:
    return source.agreement.get("kind") in FAMILY_KINDS.get(family, ("delaftale",))


def build_foreign(root: Path, *, log: Callable[[str], None] = print) -> Path:
    """The folder of the hand-written families, built if this code has not built it yet."""
    sources = foreign_sources()
    return cached_build(
        root / f"foreign-{foreign_key(sources)}",
        lambda work: _build_into(work, sources, root),
        lock=root / ".lock-foreign",
        prefix="build-foreign-",
        log=log,
        what="foreign families built",
    )


def _build_into(work: Path, sources: list[Source], root: Path) -> dict[str, Any]:
    from weasyprint import HTML

    from corpus.build import _page_count, soffice

    for sub in ("docx", "html", "odt", "pdf", "legacy", "truth", "print"):
        (work / sub).mkdir()
    documents: list[dict[str, Any]] = []
    to_pdf: list[Path] = []
    legacy: dict[str, list[Path]] = {}

    def entry(stem: str, source: Source, family: str, fmt: str, path: Path) -> None:
        documents.append(manifest_entry(work, stem, source, family, fmt, path))

    renders: tuple[tuple[str, dict[str, Callable[[Json], tuple[Any, Json]]]], ...] = (
        ("docx", DOCX_FAMILIES),
        ("odt", ODT_FAMILIES),
        ("html", HTML_FAMILIES),
    )
    for number, source in enumerate(sources):
        for fmt, families in renders:
            for family, render in families.items():
                if not _writes(family, source):
                    continue
                stem = f"{source.name}--{family}"
                data, truth = render(source.agreement)
                path = work / fmt / f"{stem}.{fmt}"
                if isinstance(data, str):
                    path.write_text(data, "utf-8")
                else:
                    path.write_bytes(data)
                write_truth(work, stem, truth)
                entry(stem, source, family, fmt, path)
                if fmt == "html":
                    # printed as a browser prints it (WeasyPrint honours the class styles,
                    # which LibreOffice ignores)
                    pdf = work / "pdf" / f"{stem}.pdf"
                    HTML(string=data).write_pdf(pdf)
                    entry(stem, source, family, "pdf", pdf)
                    documents[-1]["pages"] = _page_count(pdf)
                elif fmt == "odt":
                    to_pdf.append(path)
                elif family not in NO_PDF:
                    printed = work / "print" / path.name
                    printed.write_bytes(printable(data, accept=family in PRINT_ACCEPTED))
                    to_pdf.append(printed)
                if fmt == "docx" and (legacy_formats := LEGACY_FORMATS.get(family, ())):
                    # Word 97 and RTF in turn, as plans still send them
                    target = legacy_formats[number % len(legacy_formats)]
                    legacy.setdefault(target, []).append(path)
    profile = root / "lo-profile-foreign"
    soffice("pdf", to_pdf, work / "pdf", profile)
    for fmt, files in legacy.items():
        soffice(LEGACY_FILTERS[fmt], files, work / "legacy", profile)
    by_name = {s.name: s for s in sources}
    for path in to_pdf:
        pdf = work / "pdf" / f"{path.stem}.pdf"
        if not pdf.exists():
            raise RuntimeError(f"LibreOffice did not convert {path.name} to PDF")
        source_name, family = path.stem.split("--", 1)
        entry(path.stem, by_name[source_name], family, "pdf", pdf)
        documents[-1]["pages"] = _page_count(pdf)
    for fmt, files in legacy.items():
        for path in files:
            converted = work / "legacy" / f"{path.stem}.{fmt}"
            if not converted.exists():
                raise RuntimeError(f"LibreOffice did not convert {path.name} to {fmt}")
            source_name, family = path.stem.split("--", 1)
            entry(path.stem, by_name[source_name], family, fmt, converted)
    return {"families": DESCRIPTIONS, "documents": documents}
