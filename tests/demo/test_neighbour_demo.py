"""The second demo plan, in another fictional municipality (`demo.neighbour`): `load_demo`
(the command) loads it beside the demo plan, so LBF's portfolio holds two plans with values
of the fixed indicators, and the demo's kommune user reads neither its page nor its row."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    from demo.plan import DEMO_PASSWORD

    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def test_the_demo_command_loads_a_second_municipality_s_plan(db: Any, capsys: Any) -> None:
    from demo.neighbour import NEIGHBOUR_MUNICIPALITY, NEIGHBOUR_NAME, NEIGHBOUR_SLUG
    from plans.models import Agreement, AgreementStatus, Plan

    call_command("load_demo")
    assert NEIGHBOUR_NAME in capsys.readouterr().out
    neighbour = Plan.objects.get(slug=NEIGHBOUR_SLUG)
    assert neighbour.municipality == NEIGHBOUR_MUNICIPALITY != "Åbyhavn Kommune"
    strategic = Agreement.objects.get(plan=neighbour, kind="strategisk_samarbejdsaftale")
    assert strategic.status == AgreementStatus.APPROVED
    assert strategic.revisions.filter(lbf_approved_on__isnull=False).exists()

    lbf = _client("lbf").get(reverse("portfolio")).content.decode()
    assert "Fælles om Bakkely" in lbf and NEIGHBOUR_NAME in lbf
    assert "2 af 2 planer vist" in lbf

    kommune = _client("kommune")
    page = kommune.get(reverse("portfolio")).content.decode()
    assert "Fælles om Bakkely" in page and NEIGHBOUR_NAME not in page
    assert kommune.get(reverse("plan_detail", args=[NEIGHBOUR_SLUG])).status_code == 404

    # loading again changes nothing
    call_command("load_demo")
    assert Plan.objects.filter(slug=NEIGHBOUR_SLUG).count() == 1
    assert Agreement.objects.filter(plan=neighbour).count() == 2
