"""A short name (kortnavn) or a username with a space is refused in plain Danish, not with
Django's word »slug«."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_kortnavn_with_a_space_is_refused_in_plain_danish(personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["admin"])
    response = client.post(
        reverse("plan_create"),
        {
            "name": "Job i Tværgaden",
            "slug": "Tvaergaden 2024",
            "period_start": "1.1.2024",
            "period_end": "31.12.2027",
            "status": "active",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kortnavnet må kun have bogstaver, tal og bindestreger" in html
    assert "slug" not in html.lower().replace('name="slug"', "").replace("id_slug", "")


def test_a_username_with_a_space_is_refused_in_plain_danish(
    personas: dict[str, Any], plan: Any
) -> None:
    client = Client()
    client.force_login(personas["koordinator"])
    response = client.post(
        reverse("members", args=[plan.slug]), {"username": "kirsten k", "role": "board"}
    )
    html = response.content.decode()
    assert "Brugernavnet må kun have bogstaver" in html and "“slug”" not in html
