"""F29: sending and approving a version whose baselines are still proposals (from the move)
says how many; confirming them before the grant date says the date has not come."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from plans.models import Agreement, Measure, PeriodTransition
from tests.moving import client_of

pytestmark = pytest.mark.django_db


def _new_sub(plan: Any) -> Agreement:
    sub = (
        Agreement.objects.filter(
            plan=plan,
            closed_period__isnull=True,
            kind="delaftale",
            goals__indicators__measures__proposed=True,
        )
        .distinct()
        .first()
    )
    assert sub is not None
    return sub


def test_sending_and_approving_name_the_proposed_baselines(moved: Any) -> None:
    sub = _new_sub(moved)
    count = Measure.objects.filter(indicator__goal__agreement=sub, proposed=True).count()
    expected = f"{count} baseline" + ("s er kun forslag" if count > 1 else " er kun et forslag")
    coordinator = client_of("koordinator")
    page = coordinator.get(reverse("agreement_detail", args=[sub.pk])).content.decode()
    assert expected in page
    response = coordinator.post(
        reverse("agreement_submit", args=[sub.pk]), {"reason": ""}, follow=True
    )
    sub.refresh_from_db()
    assert sub.status == "submitted"
    assert expected in response.content.decode()
    board = client_of("bestyrelse").get(reverse("agreement_decide", args=[sub.pk])).content.decode()
    assert 'id="proposed-baselines"' in board and expected in board


def test_confirming_before_the_grant_date_says_so(moved: Any) -> None:
    move = PeriodTransition.objects.get(plan=moved)
    response = client_of("koordinator").post(
        reverse("plan_baseline_confirm", args=[moved.slug, move.pk]), follow=True
    )
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "er bekræftet pr. bevillingsdatoen" in text
    assert "Bevillingsdatoen 1. januar 2027 er ikke nået endnu" in text
