"""The one check of an uploaded file or a file argument (size and kind), and the upload size
enforced while the request body streams in.

`check_upload(data, filename, allowed=...)` is what every upload and every command's file
argument calls (attachments, Word templates, measurement sheets, interchange JSON, funding
periods, backups): the size first, then that the bytes are what the name's suffix claims
(magic bytes; for Office and OpenDocument files the package's own declaration of what it
holds, inflated for real within a budget by `lib.zipguard`). `check_uploaded_file` refuses
an upload by its size before reading it; `read_file_argument` does the same for a path.
Every failure is one `DomainError` with the same Danish message wherever it is met.

`document_kind(data, filename)` is the same detection for the importer, which reads more
kinds (html, rtf, the old .doc, tiff scans, text); `magic_kind` is the one table of magic
bytes both use.

Streaming:

`BoundedUploadHandler` comes first in FILE_UPLOAD_HANDLERS:

- a request whose Content-Length is over the upload limit (plus room for the form's other
  fields) is refused before one byte of it is read: `UploadTooLarge`, a 400 that our error
  handler (config/errors.py) shows as a Danish page, or JSON under /api/;
- a file that grows past `settings.MAX_UPLOAD_BYTES` while it streams in is kept no further:
  the rest of its bytes are counted and dropped (never in memory, never on disk), and the view
  receives an empty stand-in whose `size` is the real size, so the form refuses it with its
  own Danish message beside the other fields.

Both bound memory and disk by the limit; the first also bounds the time spent reading.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from lib.danish import format_size
from lib.errors import DomainError
from lib.zipguard import DAMAGED_MESSAGE, check_zip_package

# Room for the other fields of a multipart form around the file itself.
FORM_OVERHEAD_BYTES = 256 * 1024


def limit_text(limit: int | None = None) -> str:
    """The upload limit as forms show it (»20 MB«)."""
    return format_size(int(settings.MAX_UPLOAD_BYTES) if limit is None else limit)


# ---------------------------------------------------------------------------------------
# Size and kind

SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".odt": "odt",
    ".ods": "ods",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".json": "json",
    ".csv": "csv",
    ".tar.gz": "tar.gz",
    ".tgz": "tar.gz",
}
NAMES = {
    "pdf": "en PDF",
    "docx": "et Word-dokument (DOCX)",
    "xlsx": "et Excel-regneark (XLSX)",
    "odt": "et OpenDocument-tekstdokument (ODT)",
    "ods": "et OpenDocument-regneark (ODS)",
    "png": "et PNG-billede",
    "jpeg": "et JPEG-billede",
    "json": "en JSON-fil",
    "csv": "en CSV-fil",
    "tar.gz": "en backup (.tar.gz)",
}
# Kinds that are text: no magic bytes, so they are checked by not being any binary kind.
TEXT_KINDS = ("json", "csv")
# The kinds an attachment may have (the default of `check_upload`).
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "odt", "ods", "png", "jpeg")
# Advice for a refused name that a person can act on.
_ADVICE = {
    ".xls": "Det gamle Excel-format (.xls) kan ikke læses. Gem filen som .xlsx.",
    ".doc": "Det gamle Word-format (.doc) kan ikke bruges her. Gem filen som .docx eller PDF.",
}
_OOXML_MAIN = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def size_problem(size: int, *, limit: int | None = None, what: str = "Filen") -> str | None:
    """The Danish message for a file of `size` bytes that may not be used, else None.

    `limit` defaults to `settings.MAX_UPLOAD_BYTES`; 0 means no upper limit (a backup)."""
    limit = int(settings.MAX_UPLOAD_BYTES) if limit is None else limit
    if size <= 0:
        return f"{what} er tom."
    if limit and size > limit:
        return (
            f"{what} er for stor ({format_size(size, up=True)}); grænsen er {format_size(limit)}."
        )
    return None


def check_size(size: int, *, limit: int | None = None) -> None:
    problem = size_problem(size, limit=limit)
    if problem:
        raise DomainError(problem)


def _package_type(data: bytes) -> str | None:
    check_zip_package(data)  # every member inflated for real, within a budget
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
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
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, KeyError):
        raise DomainError("Filen er en beskadiget eller afkortet Office-fil.") from None
    return None


def _is_text(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # a multi-byte character cut at the end of the sample is still text
        if error.start < len(head) - 3:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


# The one table of magic bytes (tests/house/test_one_upload_check.py: nowhere else).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x1f\x8b", "tar.gz"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
)
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def magic_kind(data: bytes) -> str | None:
    """The container the bytes begin with: a kind of `_SIGNATURES` ("zip" for any package,
    "ole" for an old Office file), or None."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def content_type_of(data: bytes) -> str | None:
    """What the bytes are (a binary kind of NAMES), "text", or None when none of them."""
    kind = magic_kind(data)
    if kind == "zip":
        return _package_type(data)
    if kind in NAMES:
        return kind
    if kind is not None:
        return None
    return "text" if _is_text(data) else None


# ---------------------------------------------------------------------------------------
# The kind of an agreement document given to the importer

# The importer reads more kinds than an attachment may have: html, rtf, the old OLE .doc,
# tiff scans, text; and it tolerates junk before "%PDF-" (as PDF readers do).
DOCUMENT_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
DOCUMENT_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCUMENT_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
# Photo formats phones save that the importer cannot read, and what to do instead.
_HEIC = (
    "Billeder i HEIC-format (fra iPhone) kan ikke læses. Gem billedet som JPEG (på iPhone: "
    "Indstillinger → Kamera → Formater → Mest kompatibel), eller skan siden som PDF."
)
PHONE_IMAGE_ADVICE = {
    ".heic": _HEIC,
    ".heif": _HEIC,
    ".webp": "Billeder i WebP-format kan ikke læses. Gem billedet som JPEG eller PNG.",
}
DOCUMENT_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument (ODT)",
    "html": "HTML",
    "text": "tekst",
    "image": "billede",
    "doc": "Word (DOC)",
    "rtf": "RTF",
}
_PDF_SLACK = 1024
_NOT_TEXT = "Filen ser ud til at være binære data, ikke tekst."


def _document_magic(data: bytes) -> str | None:
    kind = magic_kind(data)
    if kind == "pdf" or data[:_PDF_SLACK].find(b"%PDF-") != -1:
        return "pdf"
    if kind in ("png", "jpeg", "tiff"):
        return "image"
    if kind in ("zip", "ole"):
        return kind
    head = data[:1024].lstrip()
    if head[:5] == b"{\\rtf":
        return "rtf"
    if head[:1] == b"<":
        lower = head[:512].lower()
        if b"<html" in lower or b"<!doctype html" in lower or b"<body" in lower or b"<p" in lower:
            return "html"
    return None


def _document_package_kind(data: bytes) -> str:
    damaged = "Filen er en beskadiget eller afkortet ZIP/Office-fil."
    try:
        check_zip_package(data)  # every member inflated for real, within a budget
    except DomainError as error:
        if error.messages[0] == DAMAGED_MESSAGE:
            raise DomainError(damaged) from None
        raise
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "content.xml" in names:
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
                if b"opendocument.text" in mimetype or not mimetype:
                    return "odt"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise DomainError(damaged) from exc
    raise DomainError("Filen er et ZIP-arkiv, men ikke et Word- (DOCX) eller ODT-dokument.")


def document_kind(data: bytes, filename: str) -> str:
    """The kind of an agreement document for the importer (one of DOCUMENT_NAMES) from its
    bytes, its name only where the bytes leave it open; DomainError in Danish otherwise."""
    suffix = PurePath(filename).suffix.lower()
    magic = _document_magic(data)
    if magic == "ole":
        if suffix not in (".doc", ".dot", "") and b"W\x00o\x00r\x00d\x00D\x00o\x00c" not in data:
            raise DomainError(
                "Filen er et gammelt Office-dokument, men ikke et Word-dokument. "
                "Brug DOCX, PDF, ODT, HTML eller tekst."
            )
        return "doc"
    if magic == "rtf":
        return "rtf"
    if magic == "zip":
        try:
            kind = _document_package_kind(data)
        except DomainError:
            if suffix == ".pdf":  # the user uploaded a PDF: name it (F35)
                raise DomainError(
                    "PDF-filen er beskadiget: indholdet er ikke en PDF, men begynder som en "
                    "ZIP/Office-fil. Gem filen som PDF igen, og prøv igen."
                ) from None
            raise
        if suffix in (".pdf", *DOCUMENT_IMAGE_SUFFIXES, *DOCUMENT_HTML_SUFFIXES, ".txt", ".md"):
            raise DomainError(
                f"Filen hedder {suffix}, men indholdet er {DOCUMENT_NAMES[kind]}. "
                "Tjek filen og prøv igen."
            )
        return kind
    if magic == "pdf":
        if suffix not in (".pdf", ""):
            raise DomainError(f"Filen hedder {suffix}, men indholdet er en PDF.")
        return "pdf"
    if magic == "image":
        return "image"
    if suffix in (".pdf", ".docx", ".odt", ".doc", ".rtf"):
        raise DomainError(
            f"Filen hedder {suffix}, men indholdet er ikke {DOCUMENT_NAMES[suffix[1:]]}; filen "
            "kan være beskadiget eller forkert navngivet."
        )
    if suffix in DOCUMENT_IMAGE_SUFFIXES:
        raise DomainError("Billedfilen er beskadiget eller i et ukendt format.")
    if suffix in PHONE_IMAGE_ADVICE:
        raise DomainError(PHONE_IMAGE_ADVICE[suffix])
    decode_text(data)  # text it must be
    if magic == "html" or suffix in DOCUMENT_HTML_SUFFIXES:
        return "html"
    if suffix not in DOCUMENT_TEXT_SUFFIXES:
        raise DomainError(
            f"Filtypen {suffix} understøttes ikke. Brug DOCX, PDF, ODT, HTML eller tekst."
        )
    return "text"


def decode_text(data: bytes) -> str:
    """The text of a document given as text (UTF-8, UTF-16 with its mark, or Windows-1252);
    DomainError when it is binary data."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    utf16 = data.startswith(_UTF16_BOMS)
    if b"\x00" in data[:4096] and not utf16:
        raise DomainError(_NOT_TEXT)
    try:
        text = data.decode("utf-16") if utf16 else data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DomainError(_NOT_TEXT) from exc
    sample = text[:8192]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
        printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t\f")
        if controls > 0.01 * len(sample) or printable < 0.9 * len(sample):
            raise DomainError(_NOT_TEXT)
    return text


def _claimed_kind(filename: str) -> tuple[str, str | None]:
    name = PurePath(filename).name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix, SUFFIXES[suffix]
    return PurePath(filename).suffix.lower(), None


def check_upload(
    data: bytes,
    filename: str,
    *,
    allowed: tuple[str, ...] | None = None,
    limit: int | None = None,
) -> str:
    """The file's kind when its size may be used and its content matches its name (one of
    `allowed`, by default DOCUMENT_KINDS); else DomainError in Danish."""
    check_size(len(data), limit=limit)
    suffix, claimed = _claimed_kind(filename)
    accepted = allowed or DOCUMENT_KINDS
    if claimed is None or claimed not in accepted:
        suffixes = [s for kind in accepted for s, k in SUFFIXES.items() if k == kind]
        names = (
            ", ".join(suffixes[:-1]) + " eller " + suffixes[-1]
            if len(suffixes) > 1
            else "".join(suffixes)
        )
        advice = _ADVICE.get(suffix)
        raise DomainError(
            advice
            if advice
            else f"Filtypen »{suffix or 'uden endelse'}« kan ikke bruges her. Brug {names}."
        )
    actual = content_type_of(data)
    if claimed in TEXT_KINDS:
        if actual == "text":
            return claimed
        raise DomainError(
            f"Filen hedder {suffix}, men er ikke en tekstfil i UTF-8; forventede {NAMES[claimed]}."
        )
    if actual != claimed:
        if actual in NAMES:
            what = NAMES[str(actual)]
        elif actual == "text":
            what = f"tekst, ikke {NAMES[claimed]}"
        else:
            what = f"ikke {NAMES[claimed]}"
        raise DomainError(
            f"Filen hedder {suffix}, men indholdet er {what}. Filen kan være beskadiget eller "
            "forkert navngivet."
        )
    return claimed


def check_uploaded_file(
    upload: Any, *, allowed: tuple[str, ...] | None = None, limit: int | None = None
) -> bytes:
    """An uploaded file's bytes after `check_upload`; its size is checked before it is read
    (an upload past the limit arrives empty from `BoundedUploadHandler`, with its real size)."""
    check_size(int(getattr(upload, "size", 0) or 0), limit=limit)
    data: bytes = upload.read()
    check_upload(data, str(getattr(upload, "name", "") or ""), allowed=allowed, limit=limit)
    return data


def read_file_argument(
    path: Path, *, allowed: tuple[str, ...] | None = None, limit: int | None = None
) -> bytes:
    """A command's file argument, checked as an upload is: it exists, its size (before it
    is read), its kind. DomainError in Danish."""
    if not path.is_file():
        raise DomainError(f"Filen findes ikke: {path}")
    check_size(path.stat().st_size, limit=limit)
    data = path.read_bytes()
    check_upload(data, path.name, allowed=allowed, limit=limit)
    return data


def check_path(path: Path, *, allowed: tuple[str, ...], limit: int | None = None) -> None:
    """A command's file argument too large to read whole (a backup), checked without reading
    it: it exists, its size, its name, and the magic bytes at its start. DomainError."""
    if not path.is_file():
        raise DomainError(f"Filen findes ikke: {path}")
    check_size(path.stat().st_size, limit=limit)
    with path.open("rb") as handle:
        head = handle.read(4096)
    if any(kind in ("docx", "xlsx", "odt", "ods") for kind in allowed):
        raise ValueError("packages are checked whole: use read_file_argument")
    check_upload(head, path.name, allowed=allowed, limit=0)


# ---------------------------------------------------------------------------------------
# Streaming


class UploadTooLarge(RequestDataTooBig):
    """The request is larger than any upload may be; `message` is Danish."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        self.message = f"{size_problem(size, limit=limit)} Intet er gemt."
        super().__init__(self.message)


class OversizedUpload(UploadedFile):
    """Stands in for a file that passed the limit: no content, the size it had."""

    oversized = True

    def __init__(self, name: str, content_type: str | None, size: int) -> None:
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)


class BoundedUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = int(settings.MAX_UPLOAD_BYTES)
        self.seen = 0
        self.oversized = False

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        if content_length and content_length > self.limit + FORM_OVERHEAD_BYTES:
            raise UploadTooLarge(content_length, self.limit)
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.seen = 0
        self.oversized = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        if self.seen > self.limit:
            self.oversized = True
        # past the limit the bytes go nowhere: the later handlers get nothing to keep
        return None if self.oversized else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.oversized:
            return OversizedUpload(self.file_name or "fil", self.content_type, self.seen)
        return None
