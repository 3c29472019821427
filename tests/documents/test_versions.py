"""Documents of earlier versions (plans.revisions): their own content, number and approval date.

The story in every test: the delaftale om skolegang is approved by the board on 1 March 2024
(version 1), then a party is added with a reason, which starts version 2 as a draft.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx2python import docx2python

from documents.selectors import plan_reminders
from plans import revisions, services
from plans.models import Agreement

BOARD_DAY = dt.date(2024, 3, 1)
V1_STAMP = "Tværgaden · Version 1 · godkendt af bestyrelsen 1. marts 2024"
V2_STAMP = "Tværgaden · Version 2 · Kladde – ikke godkendt"


def _approve(agreement: Agreement, personas: Any, day: dt.date) -> None:
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"], sent_on=day)
    revisions.agreement_approve(agreement=agreement, user=personas["bestyrelse"], meeting_date=day)


def _add_party(agreement: Agreement, personas: Any, name: str) -> None:
    revisions.change_agreement(
        agreement=agreement,
        user=personas["koordinator"],
        action=f"Part tilføjet: {name}",
        reason="Jobcentret er kommet med",
        change=lambda: services.party_save(agreement=agreement, name=name),
    )


@pytest.fixture
def sub(plan: Any, personas: Any) -> Agreement:
    """Version 1 approved by the board on 1 March 2024; version 2 is a draft with a new party."""
    agreement = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    _approve(agreement, personas, BOARD_DAY)
    _add_party(agreement, personas, "Jobcenter Lilleby")
    agreement.refresh_from_db()
    assert (agreement.version, agreement.status) == (2, "draft")
    return agreement


def _docx_text(data: bytes) -> str:
    with docx2python(io.BytesIO(data)) as content:
        return content.text


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as document:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)


@pytest.mark.django_db
def test_earlier_version_renders_its_snapshot_stamped_with_its_approval(
    client: Any, personas: Any, sub: Agreement
) -> None:
    client.force_login(personas["koordinator"])
    url = reverse("agreement_download", args=[sub.pk, "docx"])
    old = client.get(url, {"version": "1"})
    assert old.status_code == 200
    assert old["Content-Disposition"].endswith('delaftale-uddannelse-og-livschancer-v1.docx"')
    text = _docx_text(old.content)
    assert V1_STAMP in text  # header, stamp line and footer all say it
    assert "Klubben Lyset" in text and "Jobcenter Lilleby" not in text
    new = _docx_text(client.get(url, {"version": "2"}).content)
    assert V2_STAMP in new and "Jobcenter Lilleby" in new

    pdf_url = reverse("agreement_download", args=[sub.pk, "pdf"])
    old_pdf = _pdf_text(client.get(pdf_url, {"version": "1"}).content)
    assert V1_STAMP in old_pdf and "Jobcenter Lilleby" not in old_pdf
    draft_pdf = _pdf_text(client.get(pdf_url).content)  # no version: the working copy
    assert V2_STAMP in draft_pdf and "Jobcenter Lilleby" in draft_pdf


@pytest.mark.django_db
def test_strategic_agreement_is_stamped_with_the_lbf_date(
    client: Any, personas: Any, plan: Any
) -> None:
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    _approve(strategic, personas, dt.date(2024, 2, 1))
    revisions.agreement_record_lbf_approval(
        agreement=strategic, user=personas["koordinator"], approved_on=dt.date(2024, 4, 15)
    )
    _add_party(strategic, personas, "Lilleby Politi")
    client.force_login(personas["lbf"])
    response = client.get(
        reverse("agreement_download", args=[strategic.pk, "pdf"]), {"version": "1"}
    )
    text = _pdf_text(response.content)
    assert "Version 1 · godkendt af Landsbyggefonden 15. april 2024" in text
    assert "Lilleby Politi" not in text


@pytest.mark.django_db
def test_export_of_an_approved_earlier_version_after_a_later_draft(
    sub: Agreement, tmp_path: Path
) -> None:
    call_command(
        "export", plan=sub.plan.slug, fmt="docx", output=tmp_path, agreement=sub.pk, version=1
    )
    [path] = list(tmp_path.iterdir())
    assert path.name == "delaftale-uddannelse-og-livschancer-v1.docx"
    text = _docx_text(path.read_bytes())
    assert V1_STAMP in text and "Jobcenter Lilleby" not in text


@pytest.mark.django_db
def test_package_holds_the_approved_version_and_names_the_newer_draft(
    client: Any, personas: Any, sub: Agreement
) -> None:
    client.force_login(personas["lbf"])
    response = client.post(reverse("lbf_package", args=[sub.plan.slug]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert "aftaler/delaftale-uddannelse-og-livschancer-v1.docx" in names
    assert "aftaler/delaftale-uddannelse-og-livschancer-v2.docx" not in names
    text = _docx_text(archive.read("aftaler/delaftale-uddannelse-og-livschancer-v1.docx"))
    assert V1_STAMP in text and "Jobcenter Lilleby" not in text
    index = archive.read("indeks.html").decode()
    assert "Version 2 er under udarbejdelse (kladde) og er ikke vedlagt." in index
    # Never approved: LBF does not read it in the app, so it is listed without files.
    assert not any("beskaeftigelse" in name for name in names), names
    assert "Ingen version er godkendt endnu; kladden er ikke vedlagt." in index
    assert "Kladde – ikke godkendt" not in index
    # The koordinator reads drafts: their package holds the draft, stamped and noted.
    client.force_login(personas["koordinator"])
    response = client.post(reverse("lbf_package", args=[sub.plan.slug]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "aftaler/delaftale-beskaeftigelse-v1.pdf" in archive.namelist()
    assert "aftaler/delaftale-uddannelse-og-livschancer-v2.docx" not in archive.namelist()
    index = archive.read("indeks.html").decode()
    assert "Ingen version er godkendt endnu; kladden er vedlagt." in index


@pytest.mark.django_db
def test_twelve_months_count_from_the_approval_not_the_last_save(plan: Any, sub: Agreement) -> None:
    """Version 2 was saved just now, but the last approval was 1 March 2024."""

    def stale(today: dt.date) -> list[str]:
        return [
            r.message
            for r in plan_reminders(plan, today)
            if r.kind == "stale_subagreement" and r.agreement_id == sub.pk
        ]

    assert stale(dt.date(2025, 2, 28)) == []
    assert stale(dt.date(2025, 3, 1)) == [
        "Delaftale om skolegang er ikke revideret siden 1. marts 2024; delaftaler skal "
        "revideres mindst én gang om året."
    ]


@pytest.mark.django_db
def test_twelve_months_count_from_creation_when_never_approved(plan: Any) -> None:
    never = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    created = dt.datetime(2024, 5, 10, 12, tzinfo=dt.UTC)
    Agreement.objects.filter(pk=never.pk).update(created_at=created)

    def stale_ids(today: dt.date) -> set[int | None]:
        return {
            r.agreement_id for r in plan_reminders(plan, today) if r.kind == "stale_subagreement"
        }

    assert never.pk not in stale_ids(dt.date(2025, 5, 9))
    assert never.pk in stale_ids(dt.date(2025, 5, 10))


@pytest.mark.django_db
def test_agreement_page_offers_every_version_and_the_version_page_links_its_files(
    client: Any, personas: Any, sub: Agreement
) -> None:
    client.force_login(personas["koordinator"])
    page = client.get(reverse("agreement_detail", args=[sub.pk])).content.decode()
    assert '<option value="2" selected>Version 2 (kladde)</option>' in page
    assert '<option value="1">Version 1 (godkendt 1. marts 2024)</option>' in page
    assert reverse("agreement_download", args=[sub.pk, "docx"]) in page
    version_page = client.get(reverse("agreement_version", args=[sub.pk, 1])).content.decode()
    assert reverse("agreement_download", args=[sub.pk, "pdf"]) + "?version=1" in version_page
