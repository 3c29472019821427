"""Reminder rules (pure, fixed dates) and the e-mail that goes once per reminder and person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from documents import services
from documents.models import ReminderDelivery
from documents.reminders import SubagreementRecord, compute_reminders, months_before
from tests.documents.conftest import make_pdf

TODAY = dt.date(2025, 3, 31)


def _kinds(**kwargs: Any) -> list[str]:
    base: dict[str, Any] = {
        "today": TODAY,
        "plan_end": None,
        "subagreements": [],
        "missing_attachments": [],
        "overdue_followup_years": [],
    }
    return [r.kind for r in compute_reminders(**{**base, **kwargs})]


def test_nothing_to_remind() -> None:
    assert _kinds(subagreements=[SubagreementRecord(1, "A", dt.date(2024, 4, 1))]) == []


@pytest.mark.parametrize(
    ("revised", "stale"),
    [(dt.date(2024, 4, 1), False), (dt.date(2024, 3, 31), True), (None, True)],
)
def test_delaftale_not_revised_in_twelve_months(revised: dt.date | None, stale: bool) -> None:
    kinds = _kinds(subagreements=[SubagreementRecord(1, "Delaftale A", revised)])
    assert kinds == (["stale_subagreement"] if stale else [])


@pytest.mark.parametrize(
    ("end", "warned"),
    [
        (dt.date(2025, 9, 30), True),
        (dt.date(2025, 10, 1), False),
        (dt.date(2025, 3, 31), True),
        (dt.date(2025, 3, 30), False),  # already ended: no longer "ending"
    ],
)
def test_period_ends_within_six_months(end: dt.date, warned: bool) -> None:
    assert _kinds(plan_end=end) == (["period_ending"] if warned else [])


def test_followup_and_attachments() -> None:
    kinds = _kinds(overdue_followup_years=[2024], missing_attachments=[("budget", "Budget")])
    assert kinds == ["followup_overdue", "attachment_missing"]


def test_months_before_handles_short_months() -> None:
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)


def test_a_new_revision_gives_a_new_key() -> None:
    old = compute_reminders(
        today=TODAY,
        plan_end=None,
        missing_attachments=[],
        overdue_followup_years=[],
        subagreements=[SubagreementRecord(1, "A", dt.date(2023, 1, 1))],
    )
    new = compute_reminders(
        today=dt.date(2026, 3, 31),
        plan_end=None,
        missing_attachments=[],
        overdue_followup_years=[],
        subagreements=[SubagreementRecord(1, "A", dt.date(2025, 1, 1))],
    )
    assert old[0].key != new[0].key


@pytest.mark.django_db
def test_reminders_are_emailed_once_per_reminder_and_person(personas: Any, plan: Any) -> None:
    for name in ("koordinator", "bestyrelse", "partner"):
        personas[name].email = f"{name}@example.org"
        personas[name].save()
    today = plan.period_end - dt.timedelta(days=30)
    assert services.reminders_send(plan=plan, today=today) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bestyrelse@example.org",
        "koordinator@example.org",
    ]
    body = mail.outbox[0].body
    assert "periode slutter 31. december 2027" in body
    assert "»Budget« mangler" in body
    assert services.reminders_send(plan=plan, today=today) == 0
    assert len(mail.outbox) == 2
    # One more reminder later (an attachment is uploaded, another appears): only the new one.
    services.attachment_upload(plan=plan, kind="budget", data=make_pdf(), filename="b.pdf")
    assert services.reminders_send(plan=plan, today=today) == 0
    per_person = ReminderDelivery.objects.filter(user=personas["koordinator"]).count()
    assert per_person == len(set(ReminderDelivery.objects.values_list("key", flat=True)))


@pytest.mark.django_db
def test_send_reminders_command(personas: Any, plan: Any) -> None:
    personas["koordinator"].email = "k@example.org"
    personas["koordinator"].save()
    call_command("send_reminders", plan=plan.slug)
    assert [m.to for m in mail.outbox] == [["k@example.org"]]
    call_command("send_reminders")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_plan_page_shows_reminders_to_the_whole_plan_readers(
    client: Any, personas: Any, plan: Any
) -> None:
    from django.urls import reverse

    client.force_login(personas["koordinator"])
    page = client.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    assert "Påmindelser" in page and "Det krævede bilag »Beredskabsplan« mangler." in page
    client.force_login(personas["partner"])
    page = client.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    assert "Påmindelser" not in page


@pytest.mark.django_db
def test_an_unclosed_followup_year_is_reminded_until_the_board_meeting_is_recorded(
    plan: Any,
) -> None:
    """Each ended year of the plan's period without a recorded board meeting is reminded."""
    from documents.selectors import plan_reminders
    from followup import services as followup_services

    today = dt.date(2026, 3, 31)  # the period began in 2024

    def overdue() -> list[str]:
        return [r.message for r in plan_reminders(plan, today) if r.kind == "followup_overdue"]

    assert [m.split(":")[0] for m in overdue()] == [
        "Årets opfølgning mangler for 2024",
        "Årets opfølgning mangler for 2025",
    ]
    followup_services.board_meeting_record(
        plan=plan, year=2024, held_on=dt.date(2025, 1, 20), attendees="Anne", decisions="OK",
        without_documents=True,
    )  # fmt: skip
    assert [m.split(":")[0] for m in overdue()] == ["Årets opfølgning mangler for 2025"]
    in_the_first_year = plan_reminders(plan, dt.date(2024, 6, 1))
    assert not [r for r in in_the_first_year if r.kind == "followup_overdue"]
