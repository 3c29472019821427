"""One upload check (size and kind) in lib/uploads.py, met the same way at every upload and
every command's file argument."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from lib.errors import DomainError
from lib.uploads import check_upload, read_file_argument, size_problem

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 2 * 1_048_576
TOO_BIG = "Filen er for stor (3 MB); grænsen er 2 MB."


def test_the_size_message_is_danish() -> None:
    assert size_problem(3 * 1_048_576, limit=LIMIT) == TOO_BIG
    assert size_problem(31_457_280, limit=20 * 1_048_576) == (
        "Filen er for stor (30 MB); grænsen er 20 MB."
    )
    assert size_problem(0) == "Filen er tom."
    assert size_problem(10**12, limit=0) is None  # a backup has no upper limit


@pytest.mark.parametrize(
    ("data", "name", "allowed", "message"),
    [
        (b'{"a": 1}', "plan.json", ("json",), None),
        (b"Indikator-id;Omfang\n1;2\n", "maal.csv", ("xlsx", "csv"), None),
        (b"\x00\x01binary", "maal.csv", ("xlsx", "csv"), "men er ikke en tekstfil"),
        (b"%PDF-1.4", "plan.json", ("json",), "men er ikke en tekstfil"),
        (b"{}", "plan.txt", ("json",), "Filtypen ».txt« kan ikke bruges her. Brug .json."),
        (b"x", "gammel.xls", ("xlsx", "csv"), "Det gamle Excel-format (.xls)"),
        (b"\x1f\x8b\x08", "backup.tar.gz", ("tar.gz",), None),
        (b"not gzip", "backup.tar.gz", ("tar.gz",), "men indholdet er tekst, ikke en backup"),
    ],
)
def test_kind_is_checked_from_the_bytes(
    data: bytes, name: str, allowed: tuple[str, ...], message: str | None
) -> None:
    if message is None:
        assert check_upload(data, name, allowed=allowed) == allowed[0] or allowed[-1]
        return
    with pytest.raises(DomainError) as raised:
        check_upload(data, name, allowed=allowed)
    assert message in raised.value.messages[0]


def test_no_other_module_writes_its_own_size_check() -> None:
    """Every size message and megabyte sum is lib/uploads.py's (today nine copies were); the
    size as Danish words is lib.danish.format_size, which it calls."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "bench/", "corpus/")):
            continue
        if relative in ("lib/uploads.py", "lib/danish.py"):
            continue
        text = path.read_text("utf-8")
        if "1_048_576" in text or "for stor (" in text or "MAX_UPLOAD_BYTES / " in text:
            offenders.append(relative)
    assert not offenders, offenders


def _big(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(b"{" + b" " * (3 * 1_048_576 - 2) + b"}")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("command", "name", "extra"),
    [
        ("load_json", "big.json", {"plan": "ny"}),
        ("load_period", "big.json", {}),
        ("import_measurements", "big.csv", {"plan": "tvaergaden", "user": "koordinator"}),
        ("import", "big.docx", {"plan": "tvaergaden"}),
    ],
)
def test_every_file_argument_gives_the_same_message(
    command: str, name: str, extra: dict[str, Any], tmp_path: Path, settings: Any, personas: Any
) -> None:
    settings.MAX_UPLOAD_BYTES = LIMIT
    with pytest.raises(CommandError) as raised:
        call_command(command, str(_big(tmp_path, name)), stdout=io.StringIO(), **extra)
    assert TOO_BIG in str(raised.value)


def test_a_missing_file_argument_says_so(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="Filen findes ikke"):
        read_file_argument(tmp_path / "ingen.json", allowed=("json",))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "field", "name", "data"),
    [
        ("/planer/tvaergaden/dokumenter/", "file", "budget.pdf", {"kind": "budget"}),
        ("/planer/tvaergaden/dokumenter/skabelon/", "template_file", "skabelon.docx", {}),
        ("/planer/tvaergaden/opfoelgning/indlaes/", "file", "maal.csv", {}),
        ("/planer/tvaergaden/indlaes-json/", "file", "plan.json", {}),
        ("/planer/tvaergaden/importer/", "file", "aftale.docx", {}),
    ],
)
def test_every_upload_gives_the_same_message(
    client: Any,
    personas: Any,
    settings: Any,
    url: str,
    field: str,
    name: str,
    data: dict[str, str],
) -> None:
    """A file just past the limit (the request itself is within the streaming handler's
    room) is refused by the one check, with the same words, and nothing is saved."""
    from documents.models import AttachmentVersion, WordTemplate
    from importing.models import ImportJob

    settings.MAX_UPLOAD_BYTES = LIMIT
    client.force_login(personas["koordinator"])
    upload = SimpleUploadedFile(name, b"x" * (LIMIT + 1000))
    response = client.post(url, {**data, field: upload}, follow=True)
    page = response.content.decode()
    assert "Filen er for stor (2,1 MB); grænsen er 2 MB." in page
    assert not AttachmentVersion.objects.exists()
    assert not WordTemplate.objects.exists()
    assert not ImportJob.objects.exists()


# Byte signatures a module would write to decide a file's kind by itself.
_MAGIC_LITERALS = (
    'b"%PDF',
    "b'%PDF",
    r"PK\x03\x04",
    r"\x89PNG",
    r"\xff\xd8\xff",
    r"\xd0\xcf\x11\xe0",
    r"II*\x00",
    r"MM\x00*",
    r"\x1f\x8b",
    r'b"{\\rtf',
)


def test_no_other_module_checks_magic_bytes_itself() -> None:
    """What a file is (the attachment's kind and the importer's document kind) is decided by
    lib/uploads.py's one table of magic bytes; no product module keeps its own."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "bench/", "corpus/")):
            continue
        if relative == "lib/uploads.py":
            continue
        text = path.read_text("utf-8")
        found = [literal for literal in _MAGIC_LITERALS if literal in text]
        if found:
            offenders.append((relative, found))
    assert not offenders, offenders


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7\n", "aftale.pdf", "pdf"),
        (b"junk before\n%PDF-1.4\n", "aftale.pdf", "pdf"),  # readers tolerate junk first
        (b"II*\x00" + b"\x00" * 16, "scan.tif", "image"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, "scan.png", "image"),
        (b"{\\rtf1\\ansi hej}", "aftale.rtf", "rtf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "aftale.doc", "doc"),
        (b"<!DOCTYPE html><p>Aftale</p>", "aftale", "html"),
        ("Strategisk aftale for Tværgaden".encode(), "aftale.txt", "text"),
    ],
)
def test_the_importer_and_the_uploads_share_one_detection(
    data: bytes, name: str, kind: str
) -> None:
    from importing import sniff
    from lib.uploads import content_type_of, document_kind, magic_kind

    assert document_kind(data, name) == kind
    assert sniff.detect(data, name) == kind
    if data.startswith(b"%PDF-"):
        assert content_type_of(data) == magic_kind(data) == "pdf"


def test_a_document_named_otherwise_is_refused_in_danish() -> None:
    from importing import sniff
    from importing.errors import DocumentError
    from lib.uploads import document_kind

    with pytest.raises(DomainError, match="Filen hedder .docx, men indholdet er en PDF."):
        document_kind(b"%PDF-1.7\n", "aftale.docx")
    with pytest.raises(DocumentError, match="binære data"):
        sniff.detect(b"\x00\x01\x02" * 100, "aftale.txt")
