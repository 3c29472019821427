"""»Gem som ny aftale« into another indsatsområde: the delaftale's title follows the area
(one rule, plans.loading.title_for_area), unless the koordinator changed the title too."""

from __future__ import annotations

from typing import Any

import pytest

from plans.loading import title_for_area
from plans.models import Agreement
from tests.importing.reviewing import (
    post_review,
    ready_job,
    review_data,
    signed_in,
)

OLD = "Uddannelse og livschancer"
NEW = "Kriminalitetsforebyggelse"


def test_the_old_areas_name_in_the_title_becomes_the_new_ones():
    assert (
        title_for_area(f"Delaftale for indsatsområdet {OLD}", was=OLD, now=NEW)
        == f"Delaftale for indsatsområdet {NEW}"
    )
    # any case and spacing, lower case kept lower
    assert (
        title_for_area("Delaftale om uddannelse  og livschancer", was=OLD, now=NEW)
        == "Delaftale om kriminalitetsforebyggelse"
    )
    # the koordinator's own words, and an empty title, are kept
    assert title_for_area("Skole og fritid i Tværgaden", was=OLD, now=NEW) == (
        "Skole og fritid i Tværgaden"
    )
    assert title_for_area("", was=OLD, now=NEW) == ""
    assert title_for_area(f"Delaftale: {OLD}", was=OLD, now=OLD) == f"Delaftale: {OLD}"
    # part of a longer word is not the area's name
    assert title_for_area("Beskæftigelsesindsats", was="Beskæftigelse", now=NEW) == (
        "Beskæftigelsesindsats"
    )


@pytest.mark.django_db
def test_gem_som_ny_aftale_under_another_area_takes_that_areas_title(
    personas: dict[str, Any], plan: Any
):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    assert OLD in (job.result or {}).get("title", "")

    response = post_review(client, job, review_data(job, confirm_new="1", focus_area=NEW))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Agreement.objects.get(plan=plan, focus_area__name=NEW, is_current=True)
    assert created.title == f"Delaftale for indsatsområdet {NEW}"
    assert OLD not in created.title


@pytest.mark.django_db
def test_a_title_the_koordinator_changed_with_the_area_stands(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    data = review_data(job, confirm_new="1", focus_area=NEW, title="Tryghed i Tværgaden")
    response = post_review(client, job, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Agreement.objects.get(plan=plan, focus_area__name=NEW, is_current=True)
    assert created.title == "Tryghed i Tværgaden"


@pytest.mark.django_db
def test_saving_the_corrections_shows_the_new_title_before_saving(
    personas: dict[str, Any], plan: Any
):
    """»Gem rettelser« with another area: the review page then shows the title it will save
    with, which the koordinator can still change."""
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    response = post_review(client, job, review_data(job, focus_area=NEW))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.result or {})["title"] == f"Delaftale for indsatsområdet {NEW}"
    assert (job.result or {})["focus_area"] == NEW
