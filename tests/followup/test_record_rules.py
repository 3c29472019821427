"""Each rule of a measurement and of the board meeting is judged once, in followup.services,
and says the same Danish words in the form, the CSV/XLSX upload, the JSON API and the
command line. Nothing is saved when a rule refuses."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from followup.models import BoardMeeting, Measurement
from followup.tabular import COLUMNS, RECORD_KEYS

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
FORM_FIELDS = {
    "omfang": "scope_kind",
    "gaelder_for": "scope",
    "periode": "period_kind",
    "aar": "year",
    "halvaar": "half",
    "survey": "survey",
    "som_skrevet": "text",
    "antal": "count",
    "procent": "percent",
    "ud_af": "denominator",
    "kilde": "source",
    "note": "note",
    "uden_for_planperioden": "confirm_outside_period",
}
FORM_VALUES = {"hele området": "whole", "år": "year"}


def _form(client: Any, plan: Any, record: dict[str, Any]) -> str:
    data = {"action": "record"}
    for key, value in record.items():
        if key == "indikator" or value in ("", None, False):
            continue
        data[FORM_FIELDS[key]] = FORM_VALUES.get(str(value), str(value))
    data.setdefault("scope_kind", "whole")
    data.setdefault("period_kind", "year")
    response = client.post(
        f"/planer/{plan.slug}/opfoelgning/indikatorer/{record['indikator']}/", data
    )
    if response.status_code == 302:
        return "GEMT"
    return html.unescape(response.content.decode())


def _sheet(client: Any, plan: Any, record: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    cells = {
        RECORD_KEYS[k]: ("ja" if v is True else "" if v is False else v) for k, v in record.items()
    }
    cells.setdefault("Omfang", "hele området")
    cells.setdefault("Periode", "år")
    writer.writerow([cells.get(c, "") for c in COLUMNS])
    upload = SimpleUploadedFile("m.csv", buffer.getvalue().encode("utf-8-sig"))
    response = client.post(f"/planer/{plan.slug}/opfoelgning/indlaes/", {"file": upload})
    text = html.unescape(response.content.decode())
    return "GEMT" if "Filen er indlæst: 1 nye" in text else text


def _api(client: Any, plan: Any, record: dict[str, Any]) -> str:
    response = client.post(
        f"/api/planer/{plan.slug}/maalinger/",
        data=json.dumps(record),
        content_type="application/json",
    )
    if response.status_code == 201:
        return "GEMT"
    assert response.status_code == 400, response.content
    return " ".join(response.json()["fejl"])


CLI_OPTIONS = {
    "indikator": "indicator",
    "omfang": "scope_kind",
    "gaelder_for": "scope",
    "periode": "period",
    "aar": "year",
    "som_skrevet": "text",
    "antal": "count",
    "procent": "percent",
    "ud_af": "denominator",
    "uden_for_planperioden": "outside_period",
}


def _cli(client: Any, plan: Any, record: dict[str, Any]) -> str:
    options = {CLI_OPTIONS[k]: (v if isinstance(v, bool) else str(v)) for k, v in record.items()}
    try:
        call_command(
            "record_measurement",
            plan=plan.slug,
            user="koordinator",
            stdout=io.StringIO(),
            **options,
        )
    except CommandError as error:
        return str(error)
    return "GEMT"


INTERFACES: dict[str, Callable[[Any, Any, dict[str, Any]], str]] = {
    "form": _form,
    "sheet": _sheet,
    "api": _api,
    "cli": _cli,
}


@pytest.fixture
def recorder(client: Any, personas: Any) -> Any:
    client.force_login(personas["koordinator"])
    return client


RULES = [
    (
        {"aar": THIS_YEAR + 1, "procent": "70"},
        f"Perioden {THIS_YEAR + 1} er ikke begyndt endnu.",
    ),
    (
        {"aar": 2022, "procent": "70"},
        "Perioden 2022 ligger uden for planens periode (1. januar 2024 – 31. december 2027). "
        "Bekræft, at værdien skal gemmes alligevel",
    ),
    (
        {"aar": 2025, "antal": "22", "ud_af": "26", "procent": "86,1"},
        "22 ud af 26 er 84,6 %, ikke 86,1 %. Ret antallet, »ud af« eller procenten.",
    ),
    (
        {"aar": 2025, "som_skrevet": "22 ud af 26 elever (86,1 %)"},
        "22 ud af 26 er 84,6 %, ikke 86,1 %.",
    ),
    ({"aar": 2025, "som_skrevet": "ingen tal her"}, "Skriv et antal eller en procent."),
]


@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize(
    ("record", "message"), RULES, ids=["not-begun", "outside", "disagree", "text-disagree", "none"]
)
def test_a_rule_says_the_same_in_every_interface(
    recorder: Any, plan: Any, indicator: Any, interface: str, record: dict[str, Any], message: str
) -> None:
    said = INTERFACES[interface](recorder, plan, {"indikator": indicator.pk, **record})
    assert message in said
    assert not Measurement.objects.exists()


@pytest.mark.parametrize("interface", INTERFACES)
def test_the_written_figure_is_read_the_same_everywhere(
    recorder: Any, plan: Any, indicator: Any, interface: str
) -> None:
    record = {"indikator": indicator.pk, "aar": 2025, "som_skrevet": "48 beboere (7,1 %)"}
    assert INTERFACES[interface](recorder, plan, record) == "GEMT"
    m = Measurement.objects.get()
    assert (m.text, m.count, m.percent, m.denominator) == (
        "48 beboere (7,1 %)",
        Decimal(48),
        Decimal("7.1"),
        None,
    )


@pytest.mark.parametrize("interface", INTERFACES)
def test_a_period_outside_the_plan_is_saved_when_confirmed_and_shown_as_such(
    recorder: Any, plan: Any, indicator: Any, interface: str
) -> None:
    record = {
        "indikator": indicator.pk,
        "aar": 2022,
        "procent": "58",
        "uden_for_planperioden": True,
    }
    assert INTERFACES[interface](recorder, plan, record) == "GEMT"
    assert Measurement.objects.get().outside_plan_period
    page = recorder.get(f"/planer/{plan.slug}/opfoelgning/indikatorer/{indicator.pk}/")
    assert "uden for planperioden" in page.content.decode()


def test_a_period_inside_the_plan_is_never_flagged(plan: Any, indicator: Any) -> None:
    from followup import services

    m = services.measurement_record(
        indicator=indicator, year=2025, percent=Decimal(70), confirm_outside_period=True
    )
    assert not m.outside_plan_period


# ---------------------------------------------------------------------------------------
# The board meeting


def _meeting_form(client: Any, plan: Any, year: int, date: str) -> str:
    response = client.post(
        f"/planer/{plan.slug}/opfoelgning/bestyrelsesmoede/?aar={year}",
        {
            "year": str(year),
            "held_on": date,
            "attendees": "Anne A.",
            "decisions": "Taget til efterretning",
            "without_documents": "on",
        },
    )
    return "GEMT" if response.status_code == 302 else html.unescape(response.content.decode())


def _meeting_api(client: Any, plan: Any, year: int, date: str) -> str:
    response = client.post(
        f"/api/planer/{plan.slug}/bestyrelsesmoede/",
        data=json.dumps(
            {
                "aar": year,
                "moededato": date,
                "deltagere": "Anne A.",
                "beslutninger": "OK",
                "uden_arkiverede_dokumenter": True,
            }
        ),
        content_type="application/json",
    )
    return "GEMT" if response.status_code == 201 else " ".join(response.json()["fejl"])


def _meeting_cli(client: Any, plan: Any, year: int, date: str) -> str:
    try:
        call_command(
            "record_board_meeting",
            plan=plan.slug,
            user="koordinator",
            year=year,
            date=date,
            attendees="Anne A.",
            decisions="OK",
            without_documents=True,
            stdout=io.StringIO(),
        )
    except CommandError as error:
        return str(error)
    return "GEMT"


def _meeting_service(client: Any, plan: Any, year: int, date: str) -> str:
    from django.core.exceptions import ValidationError

    from followup import services

    try:
        services.board_meeting_record(
            plan=plan,
            year=year,
            held_on=date,
            attendees="Anne A.",
            decisions="OK",
            without_documents=True,
        )
    except ValidationError as error:
        return " ".join(error.messages)
    return "GEMT"


MEETING_INTERFACES = {
    "service": _meeting_service,
    "form": _meeting_form,
    "api": _meeting_api,
    "cli": _meeting_cli,
}
TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.mark.parametrize("interface", MEETING_INTERFACES)
@pytest.mark.parametrize(
    ("date", "message"),
    [
        (
            f"{TOMORROW:%d.%m.%Y}",
            "ligger i fremtiden. Et møde kan først registreres, når det er holdt.",
        ),
        ("", "Mødedatoen mangler. Skriv fx 1. september 2021 eller 01.09.2021."),
        ("32.13.2025", "»32.13.2025« er ikke en dato."),
    ],
    ids=["future", "empty", "unreadable"],
)
def test_a_board_meeting_date_is_judged_the_same_everywhere(
    recorder: Any, plan: Any, interface: str, date: str, message: str
) -> None:
    assert message in MEETING_INTERFACES[interface](recorder, plan, 2025, date)
    assert not BoardMeeting.objects.exists()


@pytest.mark.parametrize("interface", MEETING_INTERFACES)
def test_a_held_board_meeting_closes_the_year_everywhere(
    recorder: Any, plan: Any, interface: str
) -> None:
    assert MEETING_INTERFACES[interface](recorder, plan, 2025, "20.11.2025") == "GEMT"
    assert BoardMeeting.objects.get().year == 2025


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("koordinator", 201),
        ("admin", 201),
        ("bestyrelse", 404),
        ("lbf", 404),
        ("partner", 404),
        ("outsider", 404),
    ],
)
def test_only_recorders_may_post_to_the_follow_up_api(
    client: Any, plan: Any, personas: Any, indicator: Any, role: str, status: int
) -> None:
    client.force_login(personas[role])
    record = {"indikator": indicator.pk, "aar": 2025, "procent": "66"}
    response = client.post(
        f"/api/planer/{plan.slug}/maalinger/",
        data=json.dumps(record),
        content_type="application/json",
    )
    assert response.status_code == status
    meeting = client.post(
        f"/api/planer/{plan.slug}/bestyrelsesmoede/",
        data=json.dumps(
            {
                "aar": 2024,
                "moededato": "1.12.2024",
                "deltagere": "A",
                "beslutninger": "B",
                "uden_arkiverede_dokumenter": True,
            }  # fmt: skip
        ),
        content_type="application/json",
    )
    assert meeting.status_code == status
    assert Measurement.objects.count() == (1 if status == 201 else 0)
