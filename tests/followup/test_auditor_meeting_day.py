"""The auditor's statement tells what the board can have seen (review4 T13): the values the
follow-up reads (registerdata of the year before, as the dashboard judges them, and the
year's own values) split by the meeting day, and the agreement versions in force ON that
day, with later approvals named apart; on the page and in the PDF."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from decimal import Decimal
from typing import Any

import pdfplumber
import pytest
from django.utils import timezone

from followup import selectors, services
from followup.models import FollowUpDocument, Measurement
from plans import revisions
from plans import services as plan_services
from plans.models import AgreementRevision

pytestmark = pytest.mark.django_db

MEETING = dt.date(2026, 3, 10)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)


def _approve(agreement: Any, on: dt.date) -> None:
    today = timezone.localdate()
    revisions.agreement_submit(agreement=agreement, user=None, sent_on=today)
    revisions.agreement_approve(agreement=agreement, user=None, meeting_date=today)
    # the approval as it happened then (the rules of approval dates are tested elsewhere)
    AgreementRevision.objects.filter(agreement=agreement, version=agreement.version).update(
        approved_on=on
    )


@pytest.fixture
def year_2025(plan: Any, indicator: Any, personas: Any) -> dict[str, Any]:
    """Follow-up 2025, met on 10 March 2026: version 1 approved in January, version 2 in
    April; two 2024 values (one typed before, one after the meeting), a 2024 correction
    and a 2025 value typed after it; the documents archived before it."""
    agreement = indicator.goal.agreement
    _approve(agreement, dt.date(2026, 1, 15))
    revisions.change_agreement(
        agreement=agreement,
        user=None,
        action="Delmål ændret",
        reason="Årlig revision",
        change=lambda: plan_services.goal_save(
            agreement=agreement, goal=indicator.goal, text="Flere unge består 9. klasse"
        ),
    )
    agreement.refresh_from_db()
    _approve(agreement, dt.date(2026, 4, 1))
    user = personas["koordinator"]

    def typed(measurement: Any, day: dt.date) -> Any:
        Measurement.objects.filter(pk=measurement.pk).update(recorded_at=_at(day))
        return measurement

    area = typed(
        services.measurement_record(
            indicator=indicator, year=2024, percent=Decimal(63), recorded_by=user
        ),
        dt.date(2026, 2, 1),
    )
    typed(
        services.measurement_record(
            indicator=indicator, year=2024, percent=Decimal(80), recorded_by=user,
            scope_kind="municipality", scope="Lilleby Kommune",
        ),
        dt.date(2026, 5, 1),
    )  # fmt: skip
    typed(
        services.measurement_correct(
            measurement=area, reason="LBF's tal er rettet", percent=Decimal(64), recorded_by=user
        ),
        dt.date(2026, 4, 2),
    )
    typed(
        services.measurement_record(
            indicator=indicator, year=2025, percent=Decimal(67), recorded_by=user
        ),
        MEETING,  # the meeting day itself counts as before: typed for the meeting
    )
    typed(
        services.measurement_record(
            indicator=indicator, year=2025, percent=Decimal(81), recorded_by=user,
            scope_kind="municipality", scope="Lilleby Kommune",
        ),
        dt.date(2026, 6, 1),
    )  # fmt: skip
    document = services.followup_document_archive(
        plan=plan, year=2025, format="pdf", content=b"%PDF-1.4 2025", generated_by=user
    )
    FollowUpDocument.objects.filter(pk=document.pk).update(generated_at=_at(dt.date(2026, 3, 1)))
    services.board_meeting_record(
        plan=plan, year=2025, held_on=MEETING, attendees="Bestyrelsen", decisions="Godkendt",
        recorded_by=user,
    )  # fmt: skip
    return {"agreement": agreement}


def test_the_statement_splits_the_values_by_the_meeting_day(
    plan: Any, year_2025: dict[str, Any]
) -> None:
    statement = selectors.auditor_statement(plan, 2025, now=timezone.now())
    register, own = statement.register, statement.of_year
    assert register.year == 2024 and own.year == 2025
    assert (register.recorded, register.recorded_before, register.recorded_after) == (2, 1, 1)
    assert (register.corrections, register.corrections_after) == (1, 1)
    assert (own.recorded, own.recorded_before, own.recorded_after) == (2, 1, 1)


def test_the_statement_names_the_versions_in_force_on_the_meeting_day(
    plan: Any, year_2025: dict[str, Any]
) -> None:
    statement = selectors.auditor_statement(plan, 2025, now=timezone.now())
    (row,) = [v for v in statement.versions if v.title.startswith("Delaftale om skolegang")]
    assert row.label == "Version 1 (godkendt 15. januar 2026)"
    assert row.later == "Version 2 (godkendt 1. april 2026)"


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_page_and_the_pdf_say_which_data_year_and_what_came_after(
    client: Any, plan: Any, personas: Any, year_2025: dict[str, Any]
) -> None:
    client.force_login(personas["bestyrelse"])
    page = _text(client.get(f"/planer/{plan.slug}/revision/?aar=2025").content.decode())
    assert "Opfølgningen for 2025 vurderer registerdata for 2024" in page
    assert (
        "Målinger for 2024 (registerdata, som opfølgningen vurderer): 2 – 1 skrevet ind "
        "senest på mødedagen, 1 efter" in page
    )
    assert (
        "Rettelser af målinger for 2024 (med begrundelse): 1 – 0 senest på mødedagen, 1 efter"
        in page
    )
    assert "Målinger for perioder i 2025: 2 – 1 skrevet ind senest på mødedagen, 1 efter" in page
    assert "Gældende på mødedagen" in page and "Version 2 (godkendt 1. april 2026)" in page
    # the dashboard of the same year names the same data year and the same missing values
    dashboard = _text(client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2025").content.decode())
    missing = re.search(r"(\d+) indikatorer mangler en værdi for 2024", dashboard)
    assert missing, dashboard
    assert f"heraf {missing.group(1)} uden en værdi for 2024" in page
    pdf = client.get(f"/planer/{plan.slug}/revision/?aar=2025&format=pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as opened:
        text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in opened.pages))
    assert "vurderer registerdata for 2024" in text
    assert "1 skrevet ind senest på mødedagen, 1 efter" in text
    assert "Version 2 (godkendt 1. april 2026)" in text


def test_without_a_meeting_the_statement_names_todays_versions_and_no_split(
    plan: Any, indicator: Any
) -> None:
    _approve(indicator.goal.agreement, dt.date(2026, 1, 15))
    services.measurement_record(indicator=indicator, year=2026, percent=Decimal(70))
    statement = selectors.auditor_statement(plan, 2026, now=timezone.now())
    assert statement.of_year.recorded == 1 and statement.of_year.recorded_after is None
    assert statement.register.year == 2025
    (row,) = [v for v in statement.versions if v.title.startswith("Delaftale om skolegang")]
    assert row.label == "Version 1 (godkendt 15. januar 2026)" and row.later == ""
