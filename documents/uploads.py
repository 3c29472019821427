"""Checking an uploaded file: its size, and that its bytes are what its name claims.

The claim is the file name's suffix; the truth is the magic bytes (and, for Office and
OpenDocument files, the package's own declaration of what it holds). Pure: no database.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.conf import settings

from importing.errors import DocumentError
from importing.sniff import check_zip_bomb
from lib.danish import format_size
from lib.errors import DomainError
from lib.zipguard import check_zip_package

SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".odt": "odt",
    ".ods": "ods",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
}
NAMES = {
    "pdf": "en PDF",
    "docx": "et Word-dokument (DOCX)",
    "xlsx": "et Excel-regneark (XLSX)",
    "odt": "et OpenDocument-tekstdokument (ODT)",
    "ods": "et OpenDocument-regneark (ODS)",
    "png": "et PNG-billede",
    "jpeg": "et JPEG-billede",
}
_OOXML_MAIN = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def check_size(size: int, *, limit: int | None = None) -> None:
    limit = settings.MAX_UPLOAD_BYTES if limit is None else limit
    if size <= 0:
        raise DomainError("Filen er tom.")
    if size > limit:
        raise DomainError(
            f"Filen er for stor ({format_size(size)}); grænsen er {format_size(limit)}."
        )


def _package_type(data: bytes) -> str | None:
    check_zip_package(data)  # every member inflated for real, within a budget (lib/zipguard)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            check_zip_bomb(infos, len(data))
            names = {info.filename for info in infos}
            if "[Content_Types].xml" in names:
                declared = archive.read("[Content_Types].xml")
                for kind, marker in _OOXML_MAIN.items():
                    if marker in declared:
                        return kind
            if "mimetype" in names:
                mimetype = archive.read("mimetype").strip()
                for kind, marker in _ODF_MIMETYPES.items():
                    if mimetype == marker:
                        return kind
    except DocumentError as error:
        raise DomainError(error.message) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, KeyError):
        raise DomainError("Filen er en beskadiget eller afkortet Office-fil.") from None
    return None


def content_type_of(data: bytes) -> str | None:
    """What the bytes are (one of SUFFIXES' values), or None when none of them."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _package_type(data)
    return None


def check_upload(data: bytes, filename: str, *, allowed: tuple[str, ...] | None = None) -> str:
    """The file's type when its content matches its name; else DomainError in Danish."""
    check_size(len(data))
    suffix = PurePath(filename).suffix.lower()
    claimed = SUFFIXES.get(suffix)
    accepted = allowed or tuple(dict.fromkeys(SUFFIXES.values()))
    if claimed is None or claimed not in accepted:
        names = ", ".join(sorted({s for s, k in SUFFIXES.items() if k in accepted}))
        raise DomainError(
            f"Filtypen »{suffix or 'uden endelse'}« kan ikke bruges her. Brug {names}."
        )
    actual = content_type_of(data)
    if actual != claimed:
        what = NAMES[actual] if actual else "ikke en fil af den type"
        raise DomainError(
            f"Filen hedder {suffix}, men indholdet er {what}. Filen kan være beskadiget eller "
            "forkert navngivet."
        )
    return claimed
