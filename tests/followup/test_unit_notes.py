"""Review 3, S11: a value recorded in another unit than its indicator's is not skipped
silently on the dashboard, and a baseline shown beside others says there are more."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from followup import services

pytestmark = pytest.mark.django_db


def test_a_count_on_a_percent_indicator_is_said_not_skipped(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    # Recorded while the indicator was counted in antal; its unit was changed afterwards (a
    # count alone on a percent indicator is refused when typed: review4 T8).
    indicator.unit = "count"
    indicator.save(update_fields=["unit"])
    services.measurement_record(
        indicator=indicator, year=2025, count=Decimal(15), recorded_by=personas["koordinator"]
    )
    indicator.unit = "percent"
    indicator.save(update_fields=["unit"])
    client.force_login(personas["koordinator"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2026").content.decode()
    said = (
        "En værdi er registreret som antal uden »ud af«, men indikatoren måles i procent, "
        "så den vises ikke."
    )
    assert said in page
    detail = client.get(f"/planer/{plan.slug}/opfoelgning/indikatorer/{indicator.pk}/")
    assert said in detail.content.decode()


def test_a_share_on_a_count_indicator_is_said_and_values_in_its_unit_are_not(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    # The percent was recorded while the indicator was measured in procent; then its unit
    # became antal (each is refused when typed against the unit: review4 T8).
    user = personas["koordinator"]
    services.measurement_record(
        indicator=indicator, year=2025, percent=Decimal(7), recorded_by=user
    )
    indicator.unit = "count"
    indicator.save(update_fields=["unit"])
    services.measurement_record(indicator=indicator, year=2024, count=Decimal(40), recorded_by=user)
    client.force_login(user)
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2026").content.decode()
    assert "En værdi er registreret som procent uden antal" in page
    assert "måles i antal" in page


def test_every_value_in_the_unit_gives_no_note(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    client.force_login(personas["koordinator"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2026").content.decode()
    assert "app-unit-note" not in page


def test_the_baseline_column_says_more_baselines_exist(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    from plans import services as plan_services

    for scope, text in (("Afd. 4", "9 unge"), ("Afd. 7", "4 unge")):
        plan_services.measure_save(
            indicator=indicator,
            role="baseline",
            text=text,
            scope_kind="department",
            scope=scope,
            count=int(text.split()[0]),
        )
    client.force_login(personas["koordinator"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2026").content.decode()
    assert "og 2 baselines mere" in page
