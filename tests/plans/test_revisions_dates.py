"""Approval dates that make sense, judged once in `plans.revisions` and said the same way in
the form, the JSON API and the command line (the approval has no spreadsheet upload)."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from lib.danish import format_date
from plans import revisions, services
from plans.models import Agreement, AgreementRevision, Plan

TODAY = timezone.localdate()
SENT = TODAY - dt.timedelta(days=10)


def _sub(plan: Plan) -> Agreement:
    return Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")


def _via_service(client: Any, personas: Any, agreement: Agreement, text: str) -> str:
    try:
        revisions.agreement_approve(
            agreement=agreement, user=personas["bestyrelse"], meeting_date=text
        )
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def _via_form(client: Any, personas: Any, agreement: Agreement, text: str) -> str:
    client.force_login(personas["bestyrelse"])
    response = client.post(
        reverse("agreement_decide", args=[agreement.pk]), {"approve": "1", "meeting_date": text}
    )
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _via_api(client: Any, personas: Any, agreement: Agreement, text: str) -> str:
    client.force_login(personas["bestyrelse"])
    response = client.post(
        reverse("api_agreement_approve", args=[agreement.pk]),
        data=json.dumps({"moededato": text}),
        content_type="application/json",
    )
    assert response.status_code == 400
    return " ".join(response.json()["fejl"])


def _via_cli(client: Any, personas: Any, agreement: Agreement, text: str) -> str:
    with pytest.raises(CommandError) as raised:
        call_command(
            "approve", agreement=agreement.pk, user="bestyrelse", date=text, stdout=io.StringIO()
        )
    return str(raised.value)


INTERFACES: dict[str, Callable[[Any, Any, Agreement, str], str]] = {
    "service": _via_service,
    "form": _via_form,
    "api": _via_api,
    "cli": _via_cli,
}
CASES = [
    (
        "01.01.2020",
        f"Bestyrelsens mødedato (1. januar 2020) ligger før version 1 blev sendt til "
        f"godkendelse ({format_date(SENT)})",
    ),
    (
        f"{TODAY + dt.timedelta(days=3):%d.%m.%Y}",
        f"Bestyrelsens mødedato ({format_date(TODAY + dt.timedelta(days=3))}) kan ikke ligge "
        "i fremtiden.",
    ),
    ("", "Mødedatoen mangler. Skriv fx 1. september 2021 eller 01.09.2021."),
    ("31. februar 2024", "»31. februar 2024« er ikke en dato."),
]


@pytest.mark.django_db
@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize(("text", "message"), CASES, ids=["before-sent", "future", "empty", "bad"])
def test_an_approval_date_that_makes_no_sense_is_refused_everywhere_alike(
    client: Any, plan: Plan, personas: dict[str, Any], interface: str, text: str, message: str
) -> None:
    agreement = _sub(plan)
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"], sent_on=SENT)
    said = INTERFACES[interface](client, personas, agreement, text)
    assert message in said
    agreement.refresh_from_db()
    assert (agreement.status, agreement.approved_on) == ("submitted", None)
    assert not AgreementRevision.objects.filter(agreement=agreement, status="approved").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("interface", ["form", "api", "cli"])
def test_a_sensible_date_is_accepted_everywhere(
    client: Any, plan: Plan, personas: dict[str, Any], interface: str
) -> None:
    agreement = _sub(plan)
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"], sent_on=SENT)
    text = f"{SENT:%d.%m.%Y}"
    client.force_login(personas["bestyrelse"])
    if interface == "form":
        response = client.post(
            reverse("agreement_decide", args=[agreement.pk]), {"approve": "1", "meeting_date": text}
        )
        assert response.status_code == 302
    elif interface == "api":
        response = client.post(
            reverse("api_agreement_approve", args=[agreement.pk]),
            data=json.dumps({"moededato": text, "reference": "Møde 4"}),
            content_type="application/json",
        )
        assert response.status_code == 200 and response.json()["godkendt"] == SENT.isoformat()
    else:
        out = io.StringIO()
        call_command("approve", agreement=agreement.pk, user="bestyrelse", date=text, stdout=out)
        assert "godkendt" in out.getvalue()
    agreement.refresh_from_db()
    assert (agreement.status, agreement.approved_on) == ("approved", SENT)


@pytest.mark.django_db
def test_an_approval_before_the_previous_versions_approval_is_refused(
    plan: Plan, personas: dict[str, Any]
) -> None:
    agreement = _sub(plan)
    first = TODAY - dt.timedelta(days=40)
    revisions.agreement_submit(agreement=agreement, user=None, sent_on=first)
    revisions.agreement_approve(agreement=agreement, user=None, meeting_date=first)
    revisions.change_agreement(
        agreement=agreement,
        user=None,
        action="x",
        reason="Ny periode",
        change=lambda: services.agreement_update(agreement=agreement, initiative="Ny periode"),
    )
    with pytest.raises(ValidationError, match="før den forrige version blev godkendt"):
        revisions.agreement_submit(
            agreement=agreement, user=None, sent_on=first - dt.timedelta(days=1)
        )
    revisions.agreement_submit(agreement=agreement, user=None, sent_on=TODAY)
    # A version whose sending was recorded wrongly (old data) is still judged against the
    # previous approval.
    AgreementRevision.objects.filter(agreement=agreement, version=2).update(
        submitted_at=dt.datetime(2020, 1, 1, 12, tzinfo=dt.UTC)
    )
    with pytest.raises(ValidationError, match="før den forrige version blev godkendt"):
        revisions.agreement_approve(
            agreement=agreement, user=None, meeting_date=first - dt.timedelta(days=5)
        )


@pytest.mark.django_db
@pytest.mark.parametrize("interface", ["service", "form", "api", "cli"])
def test_lbf_cannot_approve_before_the_board(
    client: Any, plan: Plan, personas: dict[str, Any], interface: str
) -> None:
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    revisions.agreement_submit(agreement=strategic, user=None, sent_on=SENT)
    board_day = SENT + dt.timedelta(days=3)
    revisions.agreement_approve(agreement=strategic, user=None, meeting_date=board_day)
    before_board = f"{SENT + dt.timedelta(days=1):%d.%m.%Y}"
    expected = "Landsbyggefonden kan ikke have godkendt før bestyrelsen"
    client.force_login(personas["koordinator"])
    if interface == "service":
        with pytest.raises(ValidationError) as raised:
            revisions.agreement_record_lbf_approval(
                agreement=strategic, user=None, approved_on=before_board
            )
        said = " ".join(raised.value.messages)
    elif interface == "form":
        response = client.post(
            reverse("agreement_lbf_approval", args=[strategic.pk]), {"approved_on": before_board}
        )
        said = html.unescape(response.content.decode())
    elif interface == "api":
        response = client.post(
            reverse("api_agreement_lbf_approval", args=[strategic.pk]),
            data=json.dumps({"dato": before_board}),
            content_type="application/json",
        )
        assert response.status_code == 400
        said = " ".join(response.json()["fejl"])
    else:
        with pytest.raises(CommandError) as raised_cli:
            call_command(
                "approve",
                agreement=strategic.pk,
                user="koordinator",
                date=before_board,
                lbf=True,
                stdout=io.StringIO(),
            )
        said = str(raised_cli.value)
    assert expected in said
    strategic.refresh_from_db()
    assert strategic.status == "awaiting_lbf"


@pytest.mark.django_db
def test_the_cli_refuses_a_user_who_may_not_approve(plan: Plan, personas: dict[str, Any]) -> None:
    agreement = _sub(plan)
    revisions.agreement_submit(agreement=agreement, user=None)
    with pytest.raises(CommandError, match="må ikke"):
        call_command(
            "approve", agreement=agreement.pk, user="partner", date="1.1.2025", stdout=io.StringIO()
        )
