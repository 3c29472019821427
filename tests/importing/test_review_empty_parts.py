"""A warning about an empty part of the reading (no staff, no parties) goes away once the
reviewer fills the part in; the others stay."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.importing.reviewing import post_review, ready_job, review_data, signed_in

pytestmark = pytest.mark.django_db


def test_the_no_staff_warning_goes_once_staff_lines_are_added(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    url = reverse("import_review", args=[plan.slug, job.pk])
    assert "Ingen medarbejderressourcer fundet" in client.get(url).content.decode()
    data = review_data(job, update="1")
    data["staff-0-text"] = "Projektleder, 50 %"
    response = post_review(client, job, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(url).content.decode()
    assert 'value="Projektleder, 50 %"' in page
    assert "Ingen medarbejderressourcer fundet" not in page
    job.refresh_from_db()
    assert "Ingen medarbejderressourcer fundet" not in (job.result or {}).get("warnings", [])
