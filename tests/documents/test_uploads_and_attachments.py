"""Required attachments: content checked against the name, size bounded, versions and status."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services
from documents.models import AttachmentStatus, AttachmentVersion
from lib.errors import DomainError
from lib.uploads import check_upload
from tests.documents.conftest import PNG, make_docx, make_pdf, make_xlsx


@pytest.mark.parametrize(
    ("make", "name", "kind"),
    [
        (make_pdf, "budget.pdf", "pdf"),
        (make_docx, "kommissorium.docx", "docx"),
        (make_xlsx, "budget.xlsx", "xlsx"),
        (lambda: PNG, "diagram.png", "png"),
        (lambda: b"\xff\xd8\xff\xe0" + b"\x00" * 20, "diagram.JPG", "jpeg"),
    ],
)
def test_content_matching_its_name_is_accepted(make: Any, name: str, kind: str) -> None:
    assert check_upload(make(), name) == kind


def test_odt_is_recognised_by_its_mimetype() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert check_upload(buffer.getvalue(), "plan.odt") == "odt"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (PNG, "budget.pdf", "Filen hedder .pdf, men indholdet er et PNG-billede"),
        (b"just text", "budget.pdf", "men indholdet er tekst, ikke en PDF"),
        (b"\x00\x01\x02binary", "budget.pdf", "men indholdet er ikke en PDF"),
        ("xlsx", "budget.docx", "men indholdet er et Excel-regneark"),
        (b"MZ\x90\x00", "virus.exe", "Filtypen ».exe« kan ikke bruges her"),
        (b"PK\x03\x04broken", "budget.xlsx", "beskadiget"),
        (b"", "budget.pdf", "Filen er tom."),
    ],
)
def test_content_not_matching_its_name_is_refused(data: Any, name: str, message: str) -> None:
    if data == "xlsx":
        data = make_xlsx()
    with pytest.raises(DomainError) as caught:
        check_upload(data, name)
    assert message in caught.value.messages[0]


def test_too_large_is_refused(settings: Any) -> None:
    settings.MAX_UPLOAD_BYTES = 1000
    with pytest.raises(DomainError, match="for stor"):
        check_upload(b"%PDF-" + b"0" * 2000, "budget.pdf")


@pytest.mark.django_db
def test_versions_count_up_and_a_new_version_resets_the_status(plan: Any) -> None:
    first = services.attachment_upload(
        plan=plan, kind="budget", data=make_pdf("v1"), filename="budget.pdf"
    )
    services.attachment_set_status(attachment=first.attachment, status=AttachmentStatus.APPROVED)
    second = services.attachment_upload(
        plan=plan, kind="budget", data=make_xlsx(), filename="budget 2025.xlsx"
    )
    assert (first.number, second.number) == (1, 2)
    second.attachment.refresh_from_db()
    assert second.attachment.status == AttachmentStatus.DRAFT
    with second.file.open("rb") as handle:
        assert handle.read().startswith(b"PK")


@pytest.mark.django_db
def test_upload_page_refuses_wrong_content_and_saves_nothing(
    client: Any, personas: Any, plan: Any
) -> None:
    client.force_login(personas["koordinator"])
    url = reverse("plan_documents", args=[plan.slug])
    response = client.post(url, {"kind": "budget", "file": SimpleUploadedFile("budget.pdf", PNG)})
    assert response.status_code == 400
    assert "men indholdet er et PNG-billede" in response.content.decode()
    assert not AttachmentVersion.objects.exists()


@pytest.mark.django_db
def test_upload_page_refuses_too_large_before_reading(
    client: Any, personas: Any, plan: Any, settings: Any
) -> None:
    settings.MAX_UPLOAD_BYTES = 2000
    client.force_login(personas["koordinator"])
    response = client.post(
        reverse("plan_documents", args=[plan.slug]),
        {"kind": "budget", "file": SimpleUploadedFile("budget.pdf", b"%PDF-" + b"0" * 5000)},
    )
    assert response.status_code == 400
    assert "Filen er for stor" in response.content.decode()
    assert not AttachmentVersion.objects.exists()


@pytest.mark.django_db
def test_upload_page_saves_a_version_and_lists_it(client: Any, personas: Any, plan: Any) -> None:
    client.force_login(personas["koordinator"])
    url = reverse("plan_documents", args=[plan.slug])
    response = client.post(
        url,
        {"kind": "beredskabsplan", "file": SimpleUploadedFile("beredskab.pdf", make_pdf())},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "beredskab.pdf" in page and "version 1" in page
    version = AttachmentVersion.objects.get()
    download = client.get(reverse("attachment_download", args=[plan.slug, version.pk]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")
