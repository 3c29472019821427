"""»Registrér en ny værdi« proposes a year the whole area has no value for yet, not one
every scope has (review4 T9), and a refused duplicate says which value to correct and
links its »Ret«."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from followup import services

pytestmark = pytest.mark.django_db


def _year_value(page: str) -> str:
    match = re.search(r'<input[^>]*name="year"[^>]*>', page)
    assert match, page
    found = re.search(r'value="(\d+)"', match.group(0))
    return found.group(1) if found else ""


def test_the_form_proposes_the_first_year_without_a_value_for_the_whole_area(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    this_year = timezone.localdate().year
    client.force_login(personas["koordinator"])
    url = f"/planer/{plan.slug}/opfoelgning/indikatorer/{indicator.pk}/"
    # the plan began in 2024: nothing recorded, so its first year
    assert _year_value(client.get(url).content.decode()) == "2024"
    for year in range(2024, this_year):
        services.measurement_record(indicator=indicator, year=year, percent=Decimal(60))
    # every year up to last year has one: this year (a kommune's value does not count)
    services.measurement_record(
        indicator=indicator, year=this_year, percent=Decimal(80),
        scope_kind="municipality", scope="Lilleby Kommune",
    )  # fmt: skip
    assert _year_value(client.get(url).content.decode()) == str(this_year)


def test_a_duplicate_says_which_value_and_links_its_correction(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    first = services.measurement_record(indicator=indicator, year=2025, percent=Decimal(64))
    client.force_login(personas["koordinator"])
    url = f"/planer/{plan.slug}/opfoelgning/indikatorer/{indicator.pk}/"
    data = {"action": "record", "scope_kind": "whole", "period_kind": "year", "year": "2025",
            "half": "0", "percent": "66"}  # fmt: skip
    page = html.unescape(client.post(url, data).content.decode())
    assert (
        "Indikatoren har allerede en værdi for 2025 (hele området / målgruppen: 64 %); ret den i "
        "stedet." in page
    )
    assert 'id="id_year_error"' in page  # at »År«
    assert f'href="?ret={first.pk}#ret">Ret værdien 64 %' in page
