"""Deciding what a file is from its bytes (magic numbers), not from its name alone."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from importing.errors import DocumentError

MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 100
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument (ODT)",
    "html": "HTML",
    "text": "tekst",
    "image": "billede",
    "doc": "Word (DOC)",
    "rtf": "RTF",
}


def _magic(data: bytes) -> str | None:
    head = data[:1024].lstrip()
    if data[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if (
        data[:8] == b"\x89PNG\r\n\x1a\n"
        or data[:3] == b"\xff\xd8\xff"
        or data[:4] in (b"II*\x00", b"MM\x00*")
    ):
        return "image"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"
    if head[:5] == b"{\\rtf":
        return "rtf"
    if head[:1] == b"<":
        lower = head[:512].lower()
        if b"<html" in lower or b"<!doctype html" in lower or b"<body" in lower or b"<p" in lower:
            return "html"
    return None


def detect(data: bytes, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    magic = _magic(data)
    if magic == "ole":
        if suffix not in (".doc", ".dot", "") and b"W\x00o\x00r\x00d\x00D\x00o\x00c" not in data:
            raise DocumentError(
                "Filen er et gammelt Office-dokument, men ikke et Word-dokument. "
                "Brug DOCX, PDF, ODT, HTML eller tekst."
            )
        return "doc"
    if magic == "rtf":
        return "rtf"
    if magic == "zip":
        kind = _zip_kind(data)
        if suffix in (".pdf", *IMAGE_SUFFIXES, *HTML_SUFFIXES, ".txt", ".md"):
            raise DocumentError(
                f"Filen hedder {suffix}, men indholdet er {NAMES[kind]}. Tjek filen og prøv igen."
            )
        return kind
    if magic == "pdf":
        if suffix not in (".pdf", ""):
            raise DocumentError(f"Filen hedder {suffix}, men indholdet er en PDF.")
        return "pdf"
    if magic == "image":
        return "image"
    if suffix in (".pdf", ".docx", ".odt", ".doc", ".rtf"):
        raise DocumentError(
            f"Filen hedder {suffix}, men indholdet er ikke {NAMES[suffix[1:]]}; filen kan være "
            "beskadiget eller forkert navngivet."
        )
    if suffix in IMAGE_SUFFIXES:
        raise DocumentError("Billedfilen er beskadiget eller i et ukendt format.")
    text = decode_text(data)
    if magic == "html" or suffix in HTML_SUFFIXES:
        return "html"
    if suffix not in TEXT_SUFFIXES:
        raise DocumentError(
            f"Filtypen {suffix} understøttes ikke. Brug DOCX, PDF, ODT, HTML eller tekst."
        )
    del text
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        check_zip_bomb(infos, len(data))
        names = {info.filename for info in infos}
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
            if b"opendocument.text" in mimetype or not mimetype:
                return "odt"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise DocumentError("Filen er en beskadiget eller afkortet ZIP/Office-fil.") from exc
    raise DocumentError("Filen er et ZIP-arkiv, men ikke et Word- (DOCX) eller ODT-dokument.")


def check_zip_bomb(infos: list[zipfile.ZipInfo], packed_size: int) -> None:
    """Refuse archives that would unpack to far more than they weigh (before extracting)."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED or total > MAX_RATIO * max(packed_size, 1) and total > 10 * 1024 * 1024:
        raise DocumentError(
            "Filen pakker ud til en mistænkeligt stor mængde data og afvises af sikkerhedshensyn."
        )
    if len(infos) > 5000:
        raise DocumentError("Filen indeholder for mange dele og afvises af sikkerhedshensyn.")


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError("Filen ser ud til at være binære data, ikke tekst.")
    try:
        text = (
            data.decode("utf-16")
            if data.startswith((b"\xff\xfe", b"\xfe\xff"))
            else data.decode("utf-8")
        )
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DocumentError("Filen ser ud til at være binære data, ikke tekst.") from exc
    sample = text[:8192]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
        printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t\f")
        if controls > 0.01 * len(sample) or printable < 0.9 * len(sample):
            raise DocumentError("Filen ser ud til at være binære data, ikke tekst.")
    return text
