"""The order the reviewer gave survives a validation error: moved rows come back moved."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from plans.models import Agreement
from tests.importing.reviewing import (
    post_review,
    ready_job,
    review_data,
    signed_in,
)


def test_a_moved_goal_stays_moved_when_the_page_comes_back_with_an_error(
    personas: dict[str, Any], plan: Any
):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    data = review_data(job, confirm="1")
    data["goals-1-text"] = "Et andet delmål, flyttet op"
    data["goals-1-indicators-0-text"] = "Andel i job"
    data["goals-1-ORDER"], data["goals-0-ORDER"] = "1", "2"  # ↑ Op on delmål 2
    data["period_start"] = "ikke en dato"
    before = Agreement.objects.filter(plan=plan).count()
    response = post_review(client, job, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "er ikke en dato" in html and "Intet er gemt" in html
    assert html.index('id="row-goals-1"') < html.index('id="row-goals-0"')
    assert 'data-index="1"' in html[html.index('id="row-goals-1"') - 200 :]
    assert Agreement.objects.filter(plan=plan).count() == before
    assert reverse("import_review", args=[plan.slug, job.pk])
