"""Oversized text gets »Højst N tegn (du skrev M).« and changes nothing, through a form,
the service and the API; a bad input is echoed only in part."""

from __future__ import annotations

import json
from typing import Any

import pytest

from followup.forms import NarrativeForm
from followup.models import BoardMeeting, GoalNarrative
from followup.services import narrative_save
from lib.errors import DomainError
from lib.forms import DanishDateField, bound_field, check_text_bounds
from plans.models import Goal


def test_a_form_refuses_an_oversized_text_in_danish() -> None:
    form = NarrativeForm(data={"text": "y" * 200_000})
    assert not form.is_valid()
    assert form.errors["text"] == ["Højst 4.000 tegn (du skrev 200.000)."]
    assert "maxlength" not in str(form["text"])  # a pasted text is not cut silently


def test_a_bad_date_is_echoed_in_part() -> None:
    field = DanishDateField()
    with pytest.raises(Exception) as caught:
        field.clean("x" * 150)
    (message,) = caught.value.messages  # type: ignore[attr-defined]
    assert "x" * 40 + "…" in message and len(message) < 150


def test_an_overlong_date_is_refused_by_its_length_not_echoed() -> None:
    field = DanishDateField()
    bound_field(field)  # as every form does (lib.forms.BoundedForm)
    with pytest.raises(Exception) as caught:
        field.clean("x" * 5000)
    assert caught.value.messages == ["Højst 200 tegn (du skrev 5.000)."]  # type: ignore[attr-defined]


def test_check_text_bounds_names_the_argument() -> None:
    check_text_bounds(note=("kort", 10))
    with pytest.raises(DomainError) as caught:
        check_text_bounds(note=("x" * 11, 10))
    assert caught.value.argument == "note"
    assert caught.value.messages == ["Højst 10 tegn (du skrev 11)."]


@pytest.mark.django_db
def test_the_service_refuses_what_the_form_would(plan: Any) -> None:
    goal = Goal.objects.filter(agreement__plan=plan).first()
    assert goal is not None
    with pytest.raises(DomainError, match="Højst 4.000 tegn"):
        narrative_save(goal=goal, year=2025, text="y" * 200_000)
    assert not GoalNarrative.objects.filter(goal=goal).exists()


@pytest.mark.django_db
def test_the_api_refuses_an_oversized_text_and_saves_nothing(
    client: Any, plan: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    body = {"aar": 2025, "moededato": "20.11.2025", "deltagere": "A", "beslutninger": "b" * 5000}
    response = client.post(
        f"/api/planer/{plan.slug}/bestyrelsesmoede/", json.dumps(body), "application/json"
    )
    assert response.status_code == 400
    assert response.json()["fejl"] == ["Højst 4.000 tegn (du skrev 5.000)."]
    assert not BoardMeeting.objects.exists()


@pytest.mark.django_db
def test_the_json_guard_refuses_any_string_over_the_long_bound(
    client: Any, plan: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    body = {"aar": 2025, "moededato": "20.11.2025", "deltagere": "A", "beslutninger": "b" * 30_000}
    response = client.post(
        f"/api/planer/{plan.slug}/bestyrelsesmoede/", json.dumps(body), "application/json"
    )
    assert response.status_code == 400
    (message,) = response.json()["fejl"]
    assert "Højst 20.000 tegn (du skrev 30.000)." in message and len(message) < 200
    assert not BoardMeeting.objects.exists()
