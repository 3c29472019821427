"""A count alone (no »ud af«, no percent) on a *procent* indicator is refused (review4 T8,
the other half): the dashboard judges such an indicator by its share, so the count was
saved, never shown, and blocked the year's real share (»har allerede en værdi«). One rule
(`services._check_unit`) for the form, the sheet, the API and the command line."""

from __future__ import annotations

import html
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from followup import services, tabular
from followup.models import Measurement
from lib.errors import DomainError
from tests.followup.test_import import _csv

pytestmark = pytest.mark.django_db
SAID = "Indikatoren måles i procent. Skriv procenten, eller antallet og »ud af«"


def test_a_count_alone_is_refused_and_a_count_with_its_base_is_a_share(indicator: Any) -> None:
    with pytest.raises(DomainError, match="måles i procent") as refused:
        services.measurement_record(indicator=indicator, year=2024, count=Decimal(1204))
    assert refused.value.argument == "percent"
    with pytest.raises(DomainError, match="måles i procent"):
        services.measurement_record(indicator=indicator, year=2024, text="41 beboere")
    assert not Measurement.objects.exists()
    services.measurement_record(indicator=indicator, year=2024, text="41 ud af 650")
    services.measurement_record(
        indicator=indicator, year=2025, count=Decimal(41), percent=Decimal("6.3")
    )
    assert Measurement.objects.count() == 2


def test_a_correction_to_a_count_alone_is_refused(indicator: Any) -> None:
    first = services.measurement_record(indicator=indicator, year=2024, percent=Decimal(64))
    with pytest.raises(DomainError, match="måles i procent"):
        services.measurement_correct(measurement=first, reason="Genopgjort", count=Decimal(41))
    assert Measurement.objects.get().percent == Decimal(64)


def test_the_form_shows_it_at_procent_and_keeps_what_was_typed(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    client.force_login(personas["koordinator"])
    url = f"/planer/{plan.slug}/opfoelgning/indikatorer/{indicator.pk}/"
    data = {"action": "record", "scope_kind": "municipality", "scope": "Lilleby Kommune",
            "period_kind": "year", "year": "2024", "half": "0", "count": "1.204",
            "note": "Fra kommunens opgørelse"}  # fmt: skip
    page = html.unescape(client.post(url, data).content.decode())
    assert "Intet er gemt" in page and 'id="id_percent_error"' in page and SAID in page
    assert 'value="1.204"' in page and "Fra kommunens opgørelse" in page
    assert not Measurement.objects.exists()


def test_the_sheet_the_api_and_the_command_line_refuse_it_alike(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    data = _csv(
        [[indicator.pk, "kommune", "Lilleby Kommune", "år", 2024, "", "", "1.204", "", "", "", ""]]
    )
    result = services.measurements_import(plan=plan, rows=tabular.read_sheet(data, "m.csv"))
    assert not result.ok and SAID in result.errors[0].message
    client.force_login(personas["koordinator"])
    response = client.post(
        f"/api/planer/{plan.slug}/maalinger/",
        json.dumps({"indikator": indicator.pk, "aar": 2024, "antal": "1.204"}),
        "application/json",
    )
    assert response.status_code == 400 and SAID in " ".join(response.json()["fejl"])
    with pytest.raises(CommandError, match="måles i procent"):
        call_command(
            "record_measurement", plan=plan.slug, user="koordinator", indicator=indicator.pk,
            year=2024, count="1.204", stdout=io.StringIO(),
        )  # fmt: skip
    assert not Measurement.objects.exists()
