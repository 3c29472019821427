"""Review 3, S7: every reason not to save is shown at once: the form's own errors beside the
missing »another plan« tick and a new agreement the plan already has."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from importing.models import ImportStatus
from plans.models import Agreement
from tests.importing.reviewing import (  # noqa: F401 - read_at_once is autouse here
    post_review,
    read_at_once,
    ready_job,
    review_data,
    signed_in,
)
from tests.importing.test_review3_parties import _upload
from tests.importing.test_views_answered_warnings import OTHER_PLANS

pytestmark = pytest.mark.django_db

TICK = "Dokumentet ser ud til at høre til en anden plan."


def test_document_c_in_another_plan_shows_period_percent_and_tick_together(
    personas: dict[str, Any], plan: Any
) -> None:
    client: Client = signed_in(personas["koordinator"])
    job = _upload(client, plan)  # Åbyhavn's document in Lilleby's plan
    before = Agreement.objects.count()
    data = review_data(
        job,
        period_start="1. maj 2025",
        period_end="1. januar 2025",
        confirm="1",
        **{"goals-1-indicators-0-baselines-0-percent": "140"},
    )
    page = post_review(client, job, data).content.decode()
    assert "Perioden skal slutte efter den begynder." in page
    assert "højst være 100" in page or "over 100" in page
    assert TICK in page and "Intet er gemt" in page
    assert Agreement.objects.count() == before
    job.refresh_from_db()
    assert job.status == ImportStatus.READY


def test_a_taken_area_is_said_beside_the_forms_errors(personas: dict[str, Any], plan: Any) -> None:
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, OTHER_PLANS)
    data = review_data(job, confirm_new="1", other_plan_checked="on")
    data["goals-0-indicators-0-baselines-0-percent"] = "140"
    data["goals-0-indicators-0-baselines-0-text"] = "140 %"
    page = post_review(client, job, data).content.decode()
    assert "højst være 100" in page or "over 100" in page
    assert "Planen har allerede en gældende delaftale for Uddannelse og livschancer" in page
