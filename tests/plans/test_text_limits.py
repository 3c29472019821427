"""R13: a delmål's and an indicator's text have a bound (»Højst 1.000 tegn«); typed text stays."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_an_overlong_goal_is_refused_in_danish_and_kept(
    personas: dict[str, Any], client: Client, plan: Any
) -> None:
    from plans.models import Goal

    goal = Goal.objects.get(agreement__plan=plan, text="Flere unge gennemfører 9. klasse")
    url = reverse("part_edit", args=[goal.agreement_id, "maal", goal.pk])
    client.force_login(personas["koordinator"])
    typed = "x" * 20_000
    response = client.post(url, {"text": typed, "change_reason": "prøve"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Højst 1.000 tegn (du skrev 20.000)." in page
    assert typed in page  # what was typed stands in the field
    goal.refresh_from_db()
    assert goal.text == "Flere unge gennemfører 9. klasse"

    fits = "Flere unge " + "y" * 989
    response = client.post(url, {"text": fits, "change_reason": "prøve"})
    assert response.status_code == 302
    assert Goal.objects.filter(agreement__plan=plan, text=fits).exists()


@pytest.mark.django_db
def test_an_overlong_indicator_is_refused(
    personas: dict[str, Any], client: Client, plan: Any
) -> None:
    from plans.models import Indicator

    indicator = Indicator.objects.get(
        goal__agreement__plan=plan, text="Andel elever med afgangsprøve"
    )
    url = reverse("part_edit", args=[indicator.goal.agreement_id, "indikator", indicator.pk])
    client.force_login(personas["koordinator"])
    response = client.post(
        url,
        {"text": "z" * 1_001, "unit": "percent", "direction": "more", "change_reason": "prøve"},
    )
    assert "Højst 1.000 tegn (du skrev 1.001)." in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.text == "Andel elever med afgangsprøve"


def test_the_import_review_uses_the_same_bounds() -> None:
    from importing.forms import GoalRow, IndicatorRow
    from plans.forms import GoalForm, IndicatorForm

    assert GoalRow.base_fields["text"].max_length == GoalForm.base_fields["text"].max_length
    assert (
        IndicatorRow.base_fields["text"].max_length == IndicatorForm.base_fields["text"].max_length
    )
    form = GoalRow(data={"text": "x" * 1_001})
    form.is_valid()
    assert "Højst 1.000 tegn (du skrev 1.001)." in str(form.errors)
