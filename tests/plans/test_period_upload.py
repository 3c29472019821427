"""R17: an administrator loads a funding period from its file in the browser, through the
command's own path (parse, checks, recorded change); the plan can then move to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "periods" / "2033-36-proeve.json"


def _upload(client: Client, raw: bytes, name: str = "periode.json", reason: str = "") -> Any:
    return client.post(
        reverse("funding_periods"),
        {"file": SimpleUploadedFile(name, raw, content_type="application/json"), "reason": reason},
        follow=True,
    )


@pytest.mark.django_db
def test_an_administrator_uploads_a_period_and_the_plan_can_move_to_it(
    personas: dict[str, Any], client: Client, plan: Any
) -> None:
    from plans.models import AuditEntry, FocusArea, FundingPeriod

    client.force_login(personas["admin"])
    page = client.get(reverse("funding_periods")).content.decode()
    assert "Indlæs en bevillingsperiode" in page and 'enctype="multipart/form-data"' in page

    response = _upload(client, FIXTURE.read_bytes(), reason="Ny periode fra fonden")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bevillingsperioden 2033-36 »Øveperioden 2033-36« er oprettet" in page
    period = FundingPeriod.objects.get(code="2033-36")
    assert set(FocusArea.objects.filter(funding_period=period).values_list("name", flat=True)) == {
        "Lektier og læsning",
        "Fælles gårdrum",
    }
    # recorded as the command records it: across plans, by whom, why
    entry = AuditEntry.objects.filter(plan__isnull=True).order_by("-id").first()
    assert entry is not None
    assert "2033-36" in entry.action and "oprettet fra fil" in entry.action
    assert entry.user == personas["admin"] and entry.reason == "Ny periode fra fonden"

    # the plan's »Ny bevillingsperiode« offers it, chosen, as it is the only one
    client.force_login(personas["koordinator"])
    page = client.get(reverse("plan_new_period", args=[plan.slug])).content.decode()
    assert "ingen anden bevillingsperiode" not in page
    assert '<option value="2033-36" selected>Øveperioden 2033-36 (2033-36)</option>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"code": "2033-36", ', "Filen er ikke gyldig JSON (linje 1"),
        (json.dumps({"code": "2033-36", "name": "Uden datoer"}).encode(), "start"),
        (b" " * (1024 * 1024 + 1), "Filen er for stor"),
    ],
)
def test_a_bad_period_file_is_refused_in_danish_and_changes_nothing(
    personas: dict[str, Any], client: Client, raw: bytes, message: str
) -> None:
    from plans.models import AuditEntry, FundingPeriod

    periods, entries = FundingPeriod.objects.count(), AuditEntry.objects.count()
    client.force_login(personas["admin"])
    response = _upload(client, raw)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Perioden er ikke indlæst. Intet er gemt." in page
    assert message in page
    assert (FundingPeriod.objects.count(), AuditEntry.objects.count()) == (periods, entries)


@pytest.mark.django_db
def test_an_update_that_would_break_a_plan_saves_nothing(
    personas: dict[str, Any], client: Client
) -> None:
    """The writer fails after it has begun writing: the transaction leaves the period as it was."""
    from plans.models import FundingPeriod

    data = json.loads(Path("plans/periods/2019-26.json").read_text("utf-8"))
    data["name"] = "Omdøbt"
    data["focus_areas"] = [a for a in data["focus_areas"] if a["name"] != "Beskæftigelse"]
    client.force_login(personas["admin"])
    page = _upload(client, json.dumps(data).encode()).content.decode()
    assert "Indsatsområdet »Beskæftigelse« bruges af en plans aftaler" in page
    assert FundingPeriod.objects.get(code="2019-26").name == "Bevillingsperioden 2019-26"


@pytest.mark.django_db
def test_only_administrators_load_periods(personas: dict[str, Any], client: Client) -> None:
    from plans.models import FundingPeriod

    for name in ("koordinator", "lbf", "bestyrelse"):
        client.force_login(personas[name])
        response = _upload(client, FIXTURE.read_bytes())
        assert response.status_code == 404, name
    assert not FundingPeriod.objects.filter(code="2033-36").exists()


@pytest.mark.django_db
def test_the_period_notes_are_plain_danish(personas: dict[str, Any], client: Client) -> None:
    """R19: no raw JSON key (»end«) in the notes the administrator's page shows."""
    client.force_login(personas["admin"])
    page = client.get(reverse("funding_periods")).content.decode()
    assert "»end«" not in page
    assert "Periodens slutdato er den sidste dag, en aftale under perioden kan løbe til" in page
