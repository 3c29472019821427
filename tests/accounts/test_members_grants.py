"""The plan's page »Brugere og roller« (review R21/R22): every reason to refuse shown at once,
an administrator gives the roles across plans (LBF-konsulent, kommune) through the service
`helhedsplan grant-role` uses, and a koordinator who is made bestyrelsesmedlem too is warned
about four eyes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Role
from plans.models import AuditEntry, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _counts() -> tuple[int, int, int]:
    return (
        get_user_model().objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    )


def test_every_reason_to_refuse_is_shown_at_once(plan: Plan, personas: dict[str, Any]) -> None:
    before = _counts()
    response = _as(personas["koordinator"]).post(
        reverse("members", args=[plan.slug]),
        {"username": "ny-partner", "role": "partner", "password": "kort"},
    )
    page = _text(response)
    assert response.status_code == 200
    assert "En partner skal høre til en af planens organisationer." in page
    assert "adgangskode er for kort" in page  # Django's own rule, in Danish
    # each at its field, and both in the summary
    assert page.count("Ret »") >= 2
    assert _counts() == before


def test_a_koordinator_cannot_give_roles_across_plans(plan: Plan, personas: dict[str, Any]) -> None:
    client = _as(personas["koordinator"])
    url = reverse("members", args=[plan.slug])
    page = client.get(url).content.decode()
    assert 'value="lbf"' not in page and 'name="municipality"' not in page
    before = _counts()
    response = client.post(url, {"username": "lise", "role": "lbf", "password": "lang-nok-kode-1"})
    assert response.status_code == 200 and "Marker en gyldig valgmulighed" in _text(response)
    assert _counts() == before


def test_an_administrator_makes_a_new_user_lbf_konsulent(
    plan: Plan, personas: dict[str, Any]
) -> None:
    client = _as(personas["admin"])
    url = reverse("members", args=[plan.slug])
    response = client.post(
        url,
        {
            "username": "lise",
            "role": "lbf",
            "full_name": "Lise Landsby",
            "password": "lang-nok-kode-1",
            "municipality": plan.municipality,  # prefilled for kommune; ignored for LBF
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="lise")
    assert (membership.role, membership.plan, membership.municipality) == (Role.LBF, None, "")
    assert AuditEntry.objects.filter(
        plan=None, action__contains="lise fik rollen LBF-konsulent på tværs af planer"
    ).exists()
    page = _text(client.get(url))
    assert "lise er nu LBF-konsulent" in page
    assert "Lise Landsby (lise) LBF-konsulent alle planer" in page
    lise = Client()
    assert lise.login(username="lise", password="lang-nok-kode-1")
    assert lise.get(reverse("plan_detail", args=[plan.slug])).status_code == 200


def test_an_administrator_makes_a_user_kommune_for_the_plans_municipality(
    plan: Plan, personas: dict[str, Any], other_plan: Plan
) -> None:
    client = _as(personas["admin"])
    url = reverse("members", args=[plan.slug])
    form = client.get(url).content.decode()
    assert f'name="municipality" value="{plan.municipality}"' in form
    before = _counts()
    refused = client.post(
        url, {"username": "kaj", "role": "kommune", "municipality": " ", "password": "kort"}
    )
    page = _text(refused)
    assert "Angiv kommunen" in page and "adgangskode er for kort" in page
    assert _counts() == before
    response = client.post(
        url,
        {
            "username": "kaj",
            "role": "kommune",
            "municipality": plan.municipality,
            "password": "lang-nok-kode-1",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="kaj")
    assert (membership.role, membership.municipality) == (Role.KOMMUNE, plan.municipality)
    assert f"alle planer i {plan.municipality}" in _text(client.get(url))
    kaj = Client()
    assert kaj.login(username="kaj", password="lang-nok-kode-1")
    assert kaj.get(reverse("plan_detail", args=[plan.slug])).status_code == 200
    assert kaj.get(reverse("plan_detail", args=[other_plan.slug])).status_code == 404


def test_koordinator_and_board_member_at_once_is_warned(
    plan: Plan, personas: dict[str, Any]
) -> None:
    koordinator = personas["koordinator"]
    client = _as(personas["admin"])
    url = reverse("members", args=[plan.slug])
    response = client.post(url, {"username": koordinator.username, "role": "bestyrelse"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=koordinator, plan=plan, role=Role.BOARD).exists()
    page = _text(client.get(url))
    assert "er nu både koordinator og bestyrelsesmedlem i planen" in page
    assert "et andet bestyrelsesmedlem skal godkende den" in page
    # the page keeps saying so while it holds
    assert "Koordinator og bestyrelsesmedlem på én gang" in _text(client.get(url))


def test_an_ordinary_grant_has_no_four_eyes_warning(plan: Plan, personas: dict[str, Any]) -> None:
    client = _as(personas["admin"])
    url = reverse("members", args=[plan.slug])
    response = client.post(
        url, {"username": "birgit", "role": "bestyrelse", "password": "lang-nok-kode-1"}
    )
    assert response.status_code == 302
    page = _text(client.get(url))
    assert "birgit har fået rollen" in page
    assert "både koordinator og bestyrelsesmedlem" not in page
    assert "Koordinator og bestyrelsesmedlem på én gang" not in page
