"""Numbers on the measurement list and the agreement page are written the Danish way, as
everywhere else: decimal comma, »7,1 %«, thousands with ».« (one filter, lib.danish)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from followup.services import measurement_record
from lib.danish import format_percent
from plans import services
from plans.models import Indicator

pytestmark = pytest.mark.django_db


def test_format_percent() -> None:
    assert format_percent(Decimal("92.10")) == "92,1 %"
    assert format_percent(7.1) == "7,1 %"
    assert format_percent(None) == ""
    assert format_percent(Decimal("1250.5")) == "1.250,5 %"


def test_the_measurement_list_writes_numbers_the_danish_way(
    personas: dict[str, Any], plan: Any
) -> None:
    indicator = Indicator.objects.get(text="Andel elever med afgangsprøve")
    measurement_record(indicator=indicator, year=2024, text="92,1 %", percent=Decimal("92.10"))
    count = services.indicator_save(
        goal=indicator.goal, text="Antal besøg i klubben", unit="count", direction="more"
    )
    measurement_record(indicator=count, year=2024, text="1.200 besøg", count=Decimal(1200))
    client = Client()
    client.force_login(personas["koordinator"])
    page = client.get(
        reverse("followup_indicator", args=[indicator.goal.agreement.plan.slug, indicator.pk])
    ).content.decode()
    assert '<td class="app-number">92,1 %</td>' in page
    assert "92,10" not in page
    page = client.get(reverse("followup_indicator", args=[plan.slug, count.pk])).content.decode()
    assert '<td class="app-number">1.200</td>' in page


def test_staff_shares_and_hours_on_the_agreement_page(personas: dict[str, Any], plan: Any):
    sub = plan.agreements.get(focus_area__name="Uddannelse og livschancer")
    services.staff_save(
        agreement=sub, text="Klubmedarbejder", share_percent=Decimal("37.50"),
        hours_per_year=Decimal(1200),
    )  # fmt: skip
    client = Client()
    client.force_login(personas["koordinator"])
    page = client.get(reverse("agreement_detail", args=[sub.pk])).content.decode()
    assert "37,5 %" in page and "1.200" in page
