"""The demo has a user per role, the kommune role included: the demo plan's municipality's
user reads the demo plan and its portfolio, and nothing of another municipality's plans."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_kommune_user_of_the_demo_plans_municipality(db: Any) -> None:
    from accounts.models import Membership, Role
    from demo.plan import DEMO_PASSWORD, load_demo
    from plans import services

    plan, rows = load_demo()
    assert ("kommune", "kommune (Åbyhavn Kommune)") in rows
    membership = Membership.objects.get(user__username="kommune")
    assert (membership.role, membership.plan, membership.municipality) == (
        Role.KOMMUNE,
        None,
        plan.municipality,
    )
    other = services.plan_create(name="Fjernt Kvarter", slug="fjernt", municipality="Fjernby")

    client = Client()
    assert client.login(username="kommune", password=DEMO_PASSWORD)
    assert client.get(reverse("plan_detail", args=[plan.slug])).status_code == 200
    assert client.get(reverse("plan_detail", args=[other.slug])).status_code == 404
    page = client.get(reverse("portfolio")).content.decode()
    assert plan.name in page and "Fjernt Kvarter" not in page
    assert client.get(reverse("followup_dashboard", args=[other.slug])).status_code == 404

    # Loading the demo again neither duplicates nor changes the user's role.
    load_demo()
    assert Membership.objects.filter(user__username="kommune").count() == 1


def test_the_readme_lists_every_demo_user() -> None:
    from pathlib import Path

    from demo.plan import DEMO_USERS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for username, *_ in DEMO_USERS:
        assert f"| `{username}` |" in readme, username


def test_the_demo_names_the_port_it_is_served_on(db: Any) -> None:
    """`PORT=8101 make run` prints the address the server really listens on (review R24)."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_demo", port=8101, stdout=out)
    assert "http://localhost:8101/planer/" in out.getvalue()
    assert "8000" not in out.getvalue()
