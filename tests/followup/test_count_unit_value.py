"""A percent alone on an »antal« indicator is refused (review4 T8): the dashboard judges the
indicator by its count, so the value was saved, never shown, and blocked the count of its
year (»har allerede en værdi … ret den i stedet«)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from followup import services
from followup.models import Measurement
from lib.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(indicator: Any) -> Any:
    indicator.unit = "count"
    indicator.save(update_fields=["unit"])
    return indicator


def test_a_percent_alone_on_a_count_indicator_is_refused_and_nothing_saved(counted: Any) -> None:
    with pytest.raises(DomainError, match="måles i antal"):
        services.measurement_record(indicator=counted, year=2024, percent=Decimal("12.5"))
    with pytest.raises(DomainError, match="måles i antal"):
        services.measurement_record(indicator=counted, year=2024, text="12,5 %")
    assert not Measurement.objects.exists()
    # a count, with or without its share, is the indicator's value
    services.measurement_record(
        indicator=counted, year=2024, count=Decimal(9), percent=Decimal("12.5"),
        denominator=Decimal(72),
    )  # fmt: skip
    services.measurement_record(indicator=counted, year=2025, text="11 beboere")
    assert Measurement.objects.count() == 2


def test_a_correction_to_a_percent_alone_is_refused(counted: Any) -> None:
    first = services.measurement_record(indicator=counted, year=2024, count=Decimal(9))
    with pytest.raises(DomainError, match="måles i antal"):
        services.measurement_correct(measurement=first, reason="Genopgjort", percent=Decimal(7))
    assert Measurement.objects.get().count == Decimal(9)


def test_a_percent_indicator_still_takes_a_percent_alone(indicator: Any) -> None:
    services.measurement_record(indicator=indicator, year=2024, percent=Decimal("64.5"))
    assert Measurement.objects.get().percent == Decimal("64.5")


def test_the_form_shows_the_refusal_at_antal_and_keeps_what_was_typed(
    client: Any, plan: Any, personas: Any, counted: Any
) -> None:
    client.force_login(personas["koordinator"])
    url = f"/planer/{plan.slug}/opfoelgning/indikatorer/{counted.pk}/"
    data = {"action": "record", "scope_kind": "whole", "period_kind": "year", "year": "2026",
            "half": "0", "percent": "12,5", "note": "Fra jobcaféens liste"}  # fmt: skip
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "Intet er gemt" in page
    assert 'id="id_count_error"' in page and "måles i antal" in page
    assert "Fra jobcaféens liste" in page and 'value="12,5"' in page
    assert not Measurement.objects.exists()
