"""Giving people roles in a plan: who may, what is checked, what the new user can then do."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.models import Membership
from plans.models import AuditEntry, Organisation, Plan

ROLES = ("koordinator", "bestyrelse", "partner", "lbf", "admin", "outsider")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_and_who_manages_members(
    client: Any, plan: Plan, personas: dict[str, Any], role: str
) -> None:
    client.force_login(personas[role])
    url = reverse("members", args=[plan.slug])
    page = client.get(url)
    assert page.status_code == (
        200 if role in ("koordinator", "bestyrelse", "lbf", "admin") else 404
    )
    before = Membership.objects.count()
    response = client.post(
        url, {"username": "ny-bruger", "role": "bestyrelse", "password": "lang-nok-kode-1"}
    )
    if role in ("koordinator", "admin"):
        assert response.status_code == 302
        assert Membership.objects.count() == before + 1
    else:
        assert response.status_code == 404
        assert Membership.objects.count() == before


@pytest.mark.django_db
def test_a_new_board_member_can_log_in_and_read_the_plan(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    client.post(
        reverse("members", args=[plan.slug]),
        {
            "username": "birgit",
            "role": "bestyrelse",
            "full_name": "Birgit Bo",
            "password": "lang-nok-kode-1",
        },
    )
    client.logout()
    assert client.login(username="birgit", password="lang-nok-kode-1")
    assert client.get(reverse("plan_detail", args=[plan.slug])).status_code == 200
    assert AuditEntry.objects.filter(plan=plan, action__contains="birgit fik rollen").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "ny", "role": "partner", "password": "lang-nok-kode-1"}, "organisation"),
        ({"username": "ny", "role": "bestyrelse"}, "midlertidig adgangskode"),
        ({"username": "ny", "role": "bestyrelse", "password": "kort"}, "for kort"),
        (
            {"username": "ny bruger", "role": "bestyrelse", "password": "lang-nok-kode-1"},
            "bogstaver",
        ),
        ({"username": "bestyrelse", "role": "bestyrelse"}, "allerede"),
        ({"username": "ny", "role": "lbf", "password": "lang-nok-kode-1"}, "gyldig valgmulighed"),
    ],
)
def test_bad_member_input_is_refused(
    client: Any, plan: Plan, personas: dict[str, Any], data: dict[str, str], message: str
) -> None:
    client.force_login(personas["koordinator"])
    before = Membership.objects.count()
    response = client.post(reverse("members", args=[plan.slug]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Membership.objects.count() == before


@pytest.mark.django_db
def test_partner_role_and_removal(client: Any, plan: Plan, personas: dict[str, Any]) -> None:
    client.force_login(personas["koordinator"])
    club = Organisation.objects.get(plan=plan, name="Klubben Lyset")
    client.post(
        reverse("members", args=[plan.slug]),
        {
            "username": "lyset",
            "role": "partner",
            "organisation": club.pk,
            "password": "lang-nok-kode-1",
        },
    )
    membership = Membership.objects.get(user__username="lyset")
    assert membership.organisation == club
    client.post(reverse("members", args=[plan.slug]), {"remove": membership.pk})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    last_coordinator = Membership.objects.get(plan=plan, role="koordinator")
    response = client.post(
        reverse("members", args=[plan.slug]), {"remove": last_coordinator.pk}, follow=True
    )
    assert "mindst én koordinator" in response.content.decode()
    assert Membership.objects.filter(pk=last_coordinator.pk).exists()


@pytest.mark.django_db
def test_grant_role_across_plans(plan: Plan, personas: dict[str, Any], monkeypatch: Any) -> None:
    import io

    from django.core.management import call_command

    monkeypatch.setattr("getpass.getpass", lambda prompt="": "lang-nok-kode-1")
    out = io.StringIO()
    call_command("grant_role", "lone", role="lbf", name="Lone Larsen", stdout=out)
    assert "LBF-konsulent" in out.getvalue()
    membership = Membership.objects.get(user__username="lone")
    assert membership.plan is None and membership.role == "lbf"
