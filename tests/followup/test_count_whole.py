"""Review 3, S12: a count of persons is a whole number, and a too long number is refused
beside »Antal« in Danish, not as »count: …«."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from followup import services
from followup.models import Measurement
from lib.errors import DomainError

pytestmark = pytest.mark.django_db


def _post(client: Any, plan: Any, indicator: Any, **fields: str) -> str:
    data = {
        "action": "record",
        "scope_kind": "whole",
        "period_kind": "year",
        "year": "2025",
        "half": "0",
        **fields,
    }
    url = f"/planer/{plan.slug}/opfoelgning/indikatorer/{indicator.pk}/"
    response = client.post(url, data)
    assert response.status_code == 200
    return str(response.content.decode())


def test_half_a_person_is_no_count(client: Any, plan: Any, personas: Any, indicator: Any) -> None:
    from plans.models import Indicator

    Indicator.objects.filter(pk=indicator.pk).update(unit="count")
    client.force_login(personas["koordinator"])
    page = _post(client, plan, indicator, count="3,5")
    assert "Antallet skal være et helt tal, fx 4, ikke 3,5." in page
    assert "Ret »Antal«" in page and 'value="3,5"' in page
    assert not Measurement.objects.filter(indicator=indicator).exists()
    # the same rule for a share's count and »ud af«, whatever the interface
    with pytest.raises(DomainError, match="»Ud af« skal være et helt tal"):
        services.measurement_record(
            indicator=indicator, year=2025, count=Decimal(3), denominator=Decimal("7.5")
        )


def test_an_other_unit_keeps_its_decimals(plan: Any, indicator: Any) -> None:
    from plans.models import Indicator

    Indicator.objects.filter(pk=indicator.pk).update(unit="other")
    indicator.refresh_from_db()
    saved = services.measurement_record(indicator=indicator, year=2025, count=Decimal("3.5"))
    assert saved.count == Decimal("3.5")


def test_a_twenty_digit_count_is_refused_beside_antal(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    client.force_login(personas["koordinator"])
    page = _post(client, plan, indicator, count="12345678901234567890")
    assert "Antallet er for stort: højst 12 cifre før kommaet." in page
    assert "count:" not in page and "Ret »Antal«" in page
    assert not Measurement.objects.filter(indicator=indicator).exists()
