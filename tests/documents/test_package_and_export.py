"""The ZIP for LBF and the `export` command."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from documents import services
from plans.models import Agreement
from tests.documents.conftest import make_pdf


@pytest.mark.django_db
def test_package_has_agreements_attachments_and_a_danish_index(
    client: Any, personas: Any, plan: Any
) -> None:
    services.attachment_upload(plan=plan, kind="budget", data=make_pdf(), filename="Budget.pdf")
    services.attachment_upload(plan=plan, kind="budget", data=make_pdf("2"), filename="Budget.pdf")
    client.force_login(personas["koordinator"])  # reads drafts: every agreement is one here
    response = client.post(reverse("lbf_package", args=[plan.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert names == {
        "indeks.html",
        "aftaler/strategisk-samarbejdsaftale-v1.docx",
        "aftaler/strategisk-samarbejdsaftale-v1.pdf",
        "aftaler/delaftale-uddannelse-og-livschancer-v1.docx",
        "aftaler/delaftale-uddannelse-og-livschancer-v1.pdf",
        "aftaler/delaftale-beskaeftigelse-v1.docx",
        "aftaler/delaftale-beskaeftigelse-v1.pdf",
        "bilag/budget-v2.pdf",
    }
    index = archive.read("indeks.html").decode()
    assert "Pakke til Landsbyggefonden" in index and "Tværgaden" in index
    assert "Budget" in index and "Mangler" in index
    assert "Beredskabsplan" in index  # listed as missing
    assert archive.read("aftaler/delaftale-beskaeftigelse-v1.pdf").startswith(b"%PDF-")
    Document(io.BytesIO(archive.read("aftaler/strategisk-samarbejdsaftale-v1.docx")))


@pytest.mark.django_db
def test_export_writes_every_current_agreement(plan: Any, tmp_path: Path) -> None:
    call_command("export", plan=plan.slug, fmt="docx", output=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "delaftale-beskaeftigelse-v1.docx",
        "delaftale-uddannelse-og-livschancer-v1.docx",
        "strategisk-samarbejdsaftale-v1.docx",
    ]


@pytest.mark.django_db
def test_export_one_agreement_as_pdf_and_unknown_versions(plan: Any, tmp_path: Path) -> None:
    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    call_command("export", plan=plan.slug, fmt="pdf", output=tmp_path, agreement=sub.pk)
    files = list(tmp_path.iterdir())
    assert [p.name for p in files] == ["delaftale-uddannelse-og-livschancer-v1.pdf"]
    assert files[0].read_bytes().startswith(b"%PDF-")
    with pytest.raises(CommandError, match="Versionen findes ikke"):
        call_command(
            "export", plan=plan.slug, fmt="pdf", output=tmp_path, agreement=sub.pk, version=99
        )
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("export", plan="nope", fmt="pdf", output=tmp_path)


@pytest.mark.django_db
def test_cli_spelling_with_version_flag(plan: Any, tmp_path: Path) -> None:
    from config.cli import main

    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    main(
        [
            "export",
            "--plan",
            plan.slug,
            "--format",
            "docx",
            "-o",
            str(tmp_path),
            "--agreement",
            str(sub.pk),
            "--version",
            "1",
        ]
    )
    assert [p.name for p in tmp_path.iterdir()] == ["delaftale-uddannelse-og-livschancer-v1.docx"]


@pytest.mark.django_db
def test_download_of_unknown_version_says_so(client: Any, personas: Any, plan: Any) -> None:
    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    client.force_login(personas["koordinator"])
    url = reverse("agreement_download", args=[sub.pk, "pdf"])
    for version in ("7", "abc", "0"):
        response = client.get(url, {"version": version})
        assert response.status_code == 404
        assert "Versionen findes ikke." in response.content.decode()
    response = client.get(url, {"version": "1"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
