"""Uploads bounded while they stream in, zip bombs with falsified sizes, and download names."""

from __future__ import annotations

import io
import struct
import zipfile
from typing import Any
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from documents import services
from documents.models import AttachmentVersion
from lib.errors import DomainError
from lib.http import attachment_disposition
from lib.uploads import FORM_OVERHEAD_BYTES, UploadTooLarge, check_upload
from lib.zipguard import check_zip_package
from tests.documents.conftest import make_docx, make_pdf, make_xlsx

# -- the body is refused while it streams in ------------------------------------------------


class CountingStream(io.BytesIO):
    """A request body that records how much of it the server read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.consumed += len(chunk)
        return chunk

    def readline(self, size: int | None = -1) -> bytes:
        chunk = super().readline(size)
        self.consumed += len(chunk)
        return chunk


def _request(body: bytes, content_length: int) -> tuple[WSGIRequest, CountingStream]:
    stream = CountingStream(body)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(content_length),
        "wsgi.input": stream,
    }
    return WSGIRequest(environ), stream


def _multipart(size: int) -> bytes:
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-" + b"0" * (size - 5))
    return encode_multipart(BOUNDARY, {"kind": "budget", "file": upload})


def test_a_body_declared_too_large_is_refused_before_a_byte_is_read(settings: Any) -> None:
    settings.MAX_UPLOAD_BYTES = 1000
    body = _multipart(500)
    request, stream = _request(body, 1000 + FORM_OVERHEAD_BYTES + 1)
    with pytest.raises(UploadTooLarge) as caught:
        request.FILES  # noqa: B018 - parsing the body is what is tested
    assert stream.consumed == 0
    assert "Filen er for stor" in caught.value.message and "grænsen er" in caught.value.message


def test_a_file_past_the_limit_is_kept_no_further_and_keeps_its_size(settings: Any) -> None:
    settings.MAX_UPLOAD_BYTES = 200 * 1024
    size = 400 * 1024
    body = _multipart(size)
    request, _ = _request(body, len(body))
    upload = request.FILES["file"]
    assert upload.size >= size > settings.MAX_UPLOAD_BYTES
    assert upload.read() == b""  # nothing past the limit was kept, in memory or on disk
    assert request.POST["kind"] == "budget"


def test_a_file_within_the_limit_arrives_whole(settings: Any) -> None:
    settings.MAX_UPLOAD_BYTES = 200 * 1024
    body = _multipart(150 * 1024)
    request, _ = _request(body, len(body))
    assert len(request.FILES["file"].read()) == 150 * 1024


@pytest.mark.django_db
def test_the_attachment_page_answers_a_danish_400_for_a_body_too_large(
    client: Any, personas: Any, plan: Any, settings: Any
) -> None:
    settings.MAX_UPLOAD_BYTES = 1024
    client.force_login(personas["koordinator"])
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-" + b"0" * (FORM_OVERHEAD_BYTES + 2048))
    response = client.post(
        reverse("plan_documents", args=[plan.slug]), {"kind": "budget", "file": upload}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Filen er for stor" in text and "Intet er gemt" in text and "Traceback" not in text
    assert not AttachmentVersion.objects.exists()


@pytest.mark.django_db
def test_the_api_answers_json_for_a_body_too_large(
    client: Any, personas: Any, plan: Any, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(personas["admin"])
    response = client.post(
        "/api/planer/ny/aftaler/", b"[" + b"1," * 1000 + b"1]", content_type="application/json"
    )
    assert response.status_code == 400
    assert "for stor" in response.json()["fejl"][0]


# -- zip bombs --------------------------------------------------------------------------------


def _bomb(real_size: int, *, declared: int | None) -> bytes:
    """A DOCX whose extra member inflates to `real_size` zeros, its header sizes (local and
    central) rewritten to `declared` when given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        source = zipfile.ZipFile(io.BytesIO(make_docx("Kommissorium")))
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
        with archive.open("word/media/image1.bin", "w", force_zip64=False) as member:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(real_size // len(zeros)):
                member.write(zeros)
    data = bytearray(buffer.getvalue())
    if declared is not None:
        name = b"word/media/image1.bin"
        local = data.find(b"PK\x03\x04" + data[4:4])  # first local header
        while local != -1:
            (name_length,) = struct.unpack_from("<H", data, local + 26)
            if data[local + 30 : local + 30 + name_length] == name:
                struct.pack_into("<I", data, local + 22, declared)
            local = data.find(b"PK\x03\x04", local + 4)
        central = data.find(b"PK\x01\x02")
        while central != -1:
            (name_length,) = struct.unpack_from("<H", data, central + 28)
            if data[central + 46 : central + 46 + name_length] == name:
                struct.pack_into("<I", data, central + 24, declared)
            central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


@pytest.fixture
def small_budget(monkeypatch: Any) -> None:
    """A 4 MB budget, so a 20 MB bomb stands for a 2 GB one and the test stays fast."""
    monkeypatch.setattr("lib.zipguard.MAX_UNPACKED", 4 * 1024 * 1024)


def test_a_zip_bomb_with_falsified_sizes_is_refused(small_budget: None) -> None:
    bomb = _bomb(20 * 1024 * 1024, declared=1024)
    assert len(bomb) < 200 * 1024
    declared = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert declared < 4 * 1024 * 1024  # the headers lie: a header check would pass it
    with pytest.raises(DomainError) as caught:
        check_upload(bomb, "kommissorium.docx")
    assert "afvises" in caught.value.messages[0] or "beskadiget" in caught.value.messages[0]


def test_a_zip_bomb_with_honest_sizes_is_refused(small_budget: None) -> None:
    with pytest.raises(DomainError, match="mistænkeligt stor"):
        check_upload(_bomb(20 * 1024 * 1024, declared=None), "budget.docx")


def test_sizes_declared_over_the_budget_are_refused_before_inflating() -> None:
    with pytest.raises(DomainError, match="mistænkeligt stor"):
        check_zip_package(_bomb(1024 * 1024, declared=300 * 1024 * 1024))


def test_inflating_stops_at_the_budget_whatever_the_headers_say() -> None:
    bomb = _bomb(20 * 1024 * 1024, declared=None)
    with pytest.raises(DomainError, match="mistænkeligt stor"):
        check_zip_package(bomb, max_unpacked=5 * 1024 * 1024)


def test_ordinary_office_files_pass_with_their_real_size() -> None:
    for data in (make_docx("Budget", "2025"), make_xlsx()):
        assert check_zip_package(data) > len(data) // 4


@pytest.mark.django_db
def test_the_attachment_page_refuses_a_bomb_and_saves_nothing(
    client: Any, personas: Any, plan: Any, small_budget: None
) -> None:
    client.force_login(personas["koordinator"])
    upload = SimpleUploadedFile("kommissorium.docx", _bomb(20 * 1024 * 1024, declared=1024))
    response = client.post(
        reverse("plan_documents", args=[plan.slug]), {"kind": "budget", "file": upload}
    )
    assert response.status_code == 400
    assert not AttachmentVersion.objects.exists()


# -- download names -------------------------------------------------------------------------


def test_the_disposition_keeps_the_exact_name_and_an_ascii_fallback() -> None:
    header = attachment_disposition("Budget 🎉 Åbyhavn æøå.pdf")
    assert header.startswith('attachment; filename="')
    fallback = header.split('filename="')[1].split('"')[0]
    assert fallback.isascii() and fallback.endswith(".pdf")
    exact = header.split("filename*=UTF-8''")[1]
    assert unquote(exact) == "Budget 🎉 Åbyhavn æøå.pdf"
    assert attachment_disposition("budget.pdf") == 'attachment; filename="budget.pdf"'
    assert "\n" not in attachment_disposition('a"b\r\nSet-Cookie: x.pdf')
    assert attachment_disposition('a"b.pdf').split('filename="')[1].split('"')[0] == "a_b.pdf"


@pytest.mark.django_db
def test_an_emoji_named_attachment_downloads_with_a_correct_header(
    client: Any, personas: Any, plan: Any
) -> None:
    name = "Budget 2025 🎉 – Åbyhavn.pdf"
    version = services.attachment_upload(plan=plan, kind="budget", data=make_pdf(), filename=name)
    client.force_login(personas["koordinator"])
    response = client.get(reverse("attachment_download", args=[plan.slug, version.pk]))
    assert response.status_code == 200
    header = response["Content-Disposition"]
    header.encode("latin-1")  # a header browsers read: no raw non-latin-1 bytes
    assert unquote(header.split("filename*=UTF-8''")[1]) == name
