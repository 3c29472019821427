"""What the import review tests share: reading in the request instead of the background
thread, a signed-in client, a read job, and the review form as the browser posts it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from importing import jobs
from importing.forms import Review, review_post_data
from importing.models import ImportJob, ImportStatus
from importing.pipeline import ImportResult, read_document
from tests.importing.test_command import SUBAGREEMENT

FOCUS_AREAS = [
    "Uddannelse og livschancer",
    "Beskæftigelse",
    "Kriminalitetsforebyggelse",
    "Sammenhængskraft og medborgerskab",
]


REVIEW_FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing"


@cache
def read_review_document(folder: str, name: str) -> ImportResult:
    """A reviewer's document (tests/fixtures/importing/<folder>/<name>) through the real
    pipeline, read once per run: the review tests only look at the reading."""
    path = REVIEW_FIXTURES / folder / name
    return read_document(path.read_bytes(), name, areas=FOCUS_AREAS)


@pytest.fixture(autouse=True)
def read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The background thread is replaced by reading in the request (same code path). A test
    module that imports this fixture has it for every test."""
    monkeypatch.setattr(jobs, "run_in_background", jobs.job_read)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ready_job(client: Client, plan: Any, text: str = SUBAGREEMENT) -> ImportJob:
    """Upload `text` as a document and return its job, read and ready for review."""
    response = client.post(
        reverse("import_upload", args=[plan.slug]),
        {"file": SimpleUploadedFile("delaftale.md", text.encode())},
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.READY, job.error
    return job


def review_data(job: ImportJob, **changes: str) -> dict[str, str]:
    """The review form as the browser would post it unchanged, with some fields changed."""
    job.refresh_from_db()
    from plans.models import Organisation

    review = Review(
        reading=job.result or {},
        focus_areas=FOCUS_AREAS,
        warning_fields=job.warning_fields,
        # the page offers the plan's organisations for each party, preselected
        organisations=Organisation.objects.filter(plan=job.plan_id).values_list("name", flat=True),
    )
    data = review_post_data(review)
    data.update(changes)
    return data


def post_review(client: Client, job: ImportJob, data: dict[str, str]) -> Any:
    return client.post(reverse("import_review", args=[job.plan.slug, job.pk]), data)
