"""Who may use each documents page: koordinator, board, partner (own delaftaler only), LBF,
admin, and a koordinator of another plan (404, as if nothing were there)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from documents import services
from plans.models import Agreement
from tests.documents.conftest import make_pdf

READ_WHOLE = {
    "koordinator": 200,
    "bestyrelse": 200,
    "partner": 404,
    "lbf": 200,
    "admin": 200,
    "outsider": 404,
}
EDIT = {
    "koordinator": 302,
    "bestyrelse": 404,
    "partner": 404,
    "lbf": 404,
    "admin": 302,
    "outsider": 404,
}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_agreement_download(client: Any, personas: Any, plan: Any, fmt: str) -> None:
    own = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    other = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    from plans import revisions

    # Partners and LBF read the version in force: `own` is approved, `other` is a draft.
    revisions.agreement_submit(agreement=own, user=None)
    revisions.agreement_approve(agreement=own, user=None, meeting_date=timezone.localdate())
    expected = {
        "koordinator": (200, 200),
        "bestyrelse": (200, 200),
        "partner": (200, 404),
        "lbf": (200, 404),
        "admin": (200, 200),
        "outsider": (404, 404),
    }
    for name, (own_status, other_status) in expected.items():
        client.force_login(personas[name])
        got = (
            client.get(reverse("agreement_download", args=[own.pk, fmt])).status_code,
            client.get(reverse("agreement_download", args=[other.pk, fmt])).status_code,
        )
        assert got == (own_status, other_status), name
    client.logout()
    assert client.get(reverse("agreement_download", args=[own.pk, fmt])).status_code == 302


@pytest.mark.django_db
def test_read_pages(client: Any, personas: Any, plan: Any) -> None:
    version = services.attachment_upload(
        plan=plan, kind="budget", data=make_pdf(), filename="budget.pdf"
    )
    urls = [
        reverse("plan_documents", args=[plan.slug]),
        reverse("attachment_download", args=[plan.slug, version.pk]),
        reverse("default_template", args=[plan.slug]),
    ]
    package = reverse("lbf_package", args=[plan.slug])
    for name, status in READ_WHOLE.items():
        client.force_login(personas[name])
        for url in urls:
            assert client.get(url).status_code == status, (name, url)
        assert client.post(package).status_code == status, name  # the button builds it
        assert client.get(package).status_code == (302 if status == 200 else 404), name


@pytest.mark.django_db
def test_attachment_of_another_plan_is_not_found(
    client: Any, personas: Any, plan: Any, other_plan: Any
) -> None:
    version = services.attachment_upload(
        plan=other_plan, kind="budget", data=make_pdf(), filename="budget.pdf"
    )
    client.force_login(personas["koordinator"])
    url = reverse("attachment_download", args=[plan.slug, version.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_write_actions(client: Any, personas: Any, plan: Any) -> None:
    version = services.attachment_upload(
        plan=plan, kind="budget", data=make_pdf(), filename="budget.pdf"
    )
    for name, status in EDIT.items():
        client.force_login(personas[name])
        upload = client.post(
            reverse("plan_documents", args=[plan.slug]),
            {"kind": "budget", "file": SimpleUploadedFile("b.pdf", make_pdf())},
        )
        change = client.post(
            reverse("attachment_status", args=[plan.slug, version.attachment.pk]),
            {"status": "approved"},
        )
        template = client.post(reverse("word_template", args=[plan.slug]), {"delete": "1"})
        assert (upload.status_code, change.status_code, template.status_code) == (
            status,
            status,
            status,
        ), name
