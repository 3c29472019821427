"""The second new-user review's agreement uploaded through the web import: what the review
page shows of it beside the saved agreement."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importing.models import ImportJob, ImportStatus
from plans import services
from plans.models import Agreement, FocusArea
from tests.importing.reviewing import (
    signed_in,
)

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing" / "review2"


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_diff_writes_a_read_figure_as_the_saved_one_is_written(
    personas: dict[str, Any], plan: Any
):
    # R3: »Medarbejderressourcens timer om året …: 370 → 300.0«
    employment = FocusArea.objects.get(name="Beskæftigelse")
    sub = Agreement.objects.get(plan=plan, kind="delaftale", focus_area=employment)
    services.staff_save(
        agreement=sub,
        text="Virksomhedskonsulent fra Jobcenter Åbyhavn 370 t/år",
        role="Virksomhedskonsulent fra Jobcenter Åbyhavn",
        hours_per_year=Decimal("370"),
    )
    client = signed_in(personas["koordinator"])
    name = "A_beskaeftigelse_kv_tabeller.docx"
    client.post(
        reverse("import_upload", args=[plan.slug]),
        {"file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes())},
    )
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.READY, job.error
    page = client.get(reverse("import_status", args=[plan.slug, job.pk]), follow=True)
    content = page.content.decode()
    assert "Medarbejderressourcens timer om året" in content
    assert "300.0" not in content
    assert "<del>370</del> → <ins>300</ins>" in content


def test_hours_a_year_computed_from_hours_a_week_say_so_beside_the_field(
    personas: dict[str, Any], plan: Any
):
    # R3: »37 timer/uge« becomes 1.924 timer om året, a figure the document does not state
    client = signed_in(personas["koordinator"])
    name = "A_beskaeftigelse_kv_tabeller.docx"
    client.post(
        reverse("import_upload", args=[plan.slug]),
        {"file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes())},
    )
    job = ImportJob.objects.get()
    page = client.get(reverse("import_status", args=[plan.slug, job.pk]), follow=True)
    content = page.content.decode()
    assert "Beregnet: 37 timer/uge × 52 uger" in content
    assert content.count("Beregnet:") == 1  # »50 %« and »300 t/år« are the document's own
