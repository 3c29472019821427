"""Web import: upload → read → review beside the source → confirm; who may, and bad files."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from importing import jobs
from importing.models import ImportJob, ImportStatus
from plans.models import Agreement
from tests.importing.reviewing import (
    review_data,
    signed_in,
)
from tests.importing.test_command import SUBAGREEMENT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """The personas' passwords are hashed cheaply here; the hasher is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _upload(client: Client, plan: Any, content: bytes, name: str = "delaftale.md") -> Any:
    return client.post(
        reverse("import_upload", args=[plan.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )


def _ready_job(client: Client, plan: Any, text: str = SUBAGREEMENT) -> ImportJob:
    response = _upload(client, plan, text.encode())
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.READY, job.error
    return job


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("koordinator", 200),
        ("admin", 200),
        ("bestyrelse", 404),
        ("partner", 404),
        ("lbf", 404),
        ("outsider", 404),
    ],
)
def test_only_the_plans_editors_may_import(
    personas: dict[str, Any], plan: Any, who: str, status: int
):
    response = signed_in(personas[who]).get(reverse("import_upload", args=[plan.slug]))
    assert response.status_code == status


def test_anonymous_is_sent_to_login(plan: Any):
    response = Client().get(reverse("import_upload", args=[plan.slug]))
    assert response.status_code == 302 and "log-ind" in response["Location"]


def test_upload_page_has_a_drop_zone_over_a_plain_file_input(personas: dict[str, Any], plan: Any):
    html = signed_in(personas["koordinator"]).get(reverse("import_upload", args=[plan.slug]))
    content = html.content.decode()
    assert 'type="file"' in content and 'enctype="multipart/form-data"' in content
    assert "import-dropzone" in content and "Træk filen hertil" in content


def test_plan_page_links_editors_to_the_import(personas: dict[str, Any], plan: Any):
    url = reverse("import_upload", args=[plan.slug])
    page = signed_in(personas["koordinator"]).get(reverse("plan_detail", args=[plan.slug]))
    assert url in page.content.decode()
    page = signed_in(personas["bestyrelse"]).get(reverse("plan_detail", args=[plan.slug]))
    assert url not in page.content.decode()


def test_upload_reads_and_leads_to_a_review_beside_the_source(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    before = Agreement.objects.count()
    response = _upload(client, plan, SUBAGREEMENT.encode())
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("import_status", args=[plan.slug, job.pk])
    assert job.upload is None  # the bytes are dropped once read
    state = client.get(reverse("import_status_json", args=[plan.slug, job.pk])).json()
    assert state["status"] == "ready" and state["next"].endswith("/gennemse/")
    response = client.get(reverse("import_status", args=[plan.slug, job.pk]), follow=True)
    content = response.content.decode()
    assert "Kildeteksten" in content and "Sammen i Tværgaden" in content
    assert "Andel elever med afgangsprøve" in content
    # the plan already has a delaftale for this focus area: the review shows what changes
    assert "Ændringer i forhold til den gemte aftale" in content
    assert "Sammen i Tværgaden" in content
    assert Agreement.objects.count() == before


def test_review_shows_the_readings_warnings(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    undated = SUBAGREEMENT.replace("1. januar 2024 - 31. december 2027", "efter aftale")
    job = _ready_job(client, plan, undated)
    content = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    # the warning concerns the period, so it stands beside the period's fields, not at the top
    beside = content.index('<ul class="app-field-warnings')
    assert "Aftalens periode kunne ikke læses." in content[beside : content.index("</ul>", beside)]
    assert content.index("id_period_start") > beside


def test_confirm_saves_the_corrected_reading_as_a_revision(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = _ready_job(client, plan)
    current = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    count = Agreement.objects.count()
    data = review_data(job, initiative="Rettet navn", **{"parties-0-name": "Lilleby Skole"})
    data["parties-1-name"] = "Klubben Lyset"
    data["confirm"] = "1"
    response = client.post(reverse("import_review", args=[plan.slug, job.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("agreement_detail", args=[current.pk])
    current.refresh_from_db()
    assert current.initiative == "Rettet navn"
    assert [p.name for p in current.parties.order_by("order")] == ["Lilleby Skole", "Klubben Lyset"]
    assert Agreement.objects.count() == count
    job.refresh_from_db()
    assert job.status == ImportStatus.SAVED and job.agreement == current
    # a second confirm cannot save it again
    response = client.post(reverse("import_review", args=[plan.slug, job.pk]), data)
    assert response.status_code == 302


def test_update_keeps_corrections_but_saves_no_agreement(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = _ready_job(client, plan)
    current = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    data = review_data(job, initiative="Foreløbigt navn", update="1")
    response = client.post(reverse("import_review", args=[plan.slug, job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.result["initiative"] == "Foreløbigt navn"
    current.refresh_from_db()
    assert current.initiative != "Foreløbigt navn"


def test_invalid_corrections_are_shown_in_danish_and_nothing_is_saved(
    personas: dict[str, Any], plan: Any
):
    client = signed_in(personas["koordinator"])
    job = _ready_job(client, plan)
    current = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    version = current.version
    for changes, message in (
        ({"goals-0-text": ""}, "Dette felt er påkrævet"),
        ({"period_start": "1. januar 2030"}, "slutte efter"),
        ({"goals-0-indicators-0-baselines-0-percent": "140"}, "højst være 100"),
        ({"kind": "delaftale", "focus_area": ""}, "indsatsområde"),
    ):
        data = review_data(job, **changes)
        data["confirm"] = "1"
        response = client.post(reverse("import_review", args=[plan.slug, job.pk]), data)
        assert response.status_code == 200
        assert message in response.content.decode()
    current.refresh_from_db()
    assert current.version == version and current.initiative != "Sammen i Tværgaden"


def test_cancel_saves_nothing_and_drops_the_reading(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = _ready_job(client, plan)
    before = list(Agreement.objects.values_list("pk", "version", "initiative"))
    response = client.post(reverse("import_cancel", args=[plan.slug, job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED and job.result is None
    assert list(Agreement.objects.values_list("pk", "version", "initiative")) == before
    response = client.get(reverse("import_review", args=[plan.slug, job.pk]))
    assert response.status_code == 302  # back to the status page, which says it was cancelled


def test_a_new_focus_area_creates_a_new_agreement(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    text = SUBAGREEMENT.replace("Uddannelse og livschancer", "Kriminalitetsforebyggelse")
    job = _ready_job(client, plan, text)
    content = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert "Ny aftale" in content
    data = review_data(job, confirm="1")
    client.post(reverse("import_review", args=[plan.slug, job.pk]), data)
    assert (
        Agreement.objects.filter(plan=plan, focus_area__name="Kriminalitetsforebyggelse").count()
        == 1
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7\n1 0 obj <<", "afkortet.pdf", "PDF-filen"),
        (b"\x00\x01\x02garbage" * 100, "data.bin", "binære data"),
        (b"Indkobsliste\n\nMaelk og brod.\n", "liste.txt", "ligner ikke"),
        (b"PK\x03\x04broken", "aftale.docx", "beskadiget"),
        (b"<html><script>alert(1)</script><p>Hej</p></html>", "side.html", "ligner ikke"),
        (b"hello", "aftale.exe", "understøttes ikke"),
    ],
)
def test_bad_files_fail_with_a_danish_message_and_save_nothing(
    personas: dict[str, Any], plan: Any, content: bytes, name: str, message: str
):
    client = signed_in(personas["koordinator"])
    before = Agreement.objects.count()
    response = _upload(client, plan, content, name)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and message in job.error
    assert job.upload is None and job.result is None
    page = client.get(response["Location"]).content.decode()
    assert "Dokumentet kunne ikke læses" in page and message in page
    assert "<script>alert" not in page
    assert Agreement.objects.count() == before


def test_empty_and_oversized_files_are_refused_on_the_form(
    personas: dict[str, Any], plan: Any, settings: Any
):
    client = signed_in(personas["koordinator"])
    response = _upload(client, plan, b"", "tom.docx")
    assert response.status_code == 200 and "Filen er tom" in response.content.decode()
    settings.MAX_UPLOAD_BYTES = 100
    response = _upload(client, plan, b"x" * 101, "stor.txt")
    assert response.status_code == 200 and "Filen er for stor" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_another_plans_job_is_not_found(personas: dict[str, Any], plan: Any, other_plan: Any):
    job = _ready_job(signed_in(personas["koordinator"]), plan)
    outsider = signed_in(personas["outsider"])
    for name in ("import_status", "import_review", "import_status_json"):
        assert outsider.get(reverse(name, args=[plan.slug, job.pk])).status_code == 404
        assert outsider.get(reverse(name, args=[other_plan.slug, job.pk])).status_code == 404
    assert outsider.post(reverse("import_cancel", args=[plan.slug, job.pk])).status_code == 404


def test_a_read_that_crashes_ends_failed_not_running(
    personas: dict[str, Any], plan: Any, monkeypatch: pytest.MonkeyPatch
):
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(jobs, "read_document", boom)
    _upload(signed_in(personas["koordinator"]), plan, SUBAGREEMENT.encode())
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and "fejl i programmet" in job.error
