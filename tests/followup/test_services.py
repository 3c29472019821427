"""Recording, correcting and closing a year: the services and the rules they keep."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from followup import selectors, services
from followup.models import BoardMeeting, FollowUpDocument, Measurement
from followup.status import Status
from lib.errors import DomainError

pytestmark = pytest.mark.django_db


def test_a_value_keeps_its_written_form_numbers_source_and_who(
    indicator: Any, personas: Any
) -> None:
    m = services.measurement_record(
        indicator=indicator,
        scope_kind="department",
        scope="Afd. 4",
        year=2024,
        count=Decimal(41),
        denominator=Decimal(650),
        percent=Decimal("6.3"),
        note="Fra LBF's Beboerdata",
        recorded_by=personas["koordinator"],
    )
    assert m.text == "41 ud af 650 (6,3 %)"
    assert m.source == "Skolens opgørelse"  # the indicator's data source by default
    assert m.plan_id == indicator.goal.agreement.plan_id
    assert m.recorded_by_name == "koordinator"


def test_the_same_indicator_scope_and_period_cannot_be_recorded_twice(values: Any) -> None:
    with pytest.raises(DomainError, match="ret den i stedet"):
        services.measurement_record(indicator=values[0].indicator, year=2024, percent=Decimal(70))


def test_a_value_needs_a_number_and_a_survey_wave_needs_its_survey(indicator: Any) -> None:
    with pytest.raises(DomainError, match="antal eller en procent"):
        services.measurement_record(indicator=indicator, year=2024)
    with pytest.raises(DomainError, match="surveyens navn"):
        services.measurement_record(
            indicator=indicator, year=2024, period_kind="survey_wave", percent=Decimal(3)
        )
    with pytest.raises(ValidationError, match="større end"):
        services.measurement_record(
            indicator=indicator, year=2024, count=Decimal(9), denominator=Decimal(5)
        )
    assert not Measurement.objects.exists()


def test_a_correction_is_a_new_row_with_a_reason_and_the_old_row_stays(
    values: Any, personas: Any
) -> None:
    original = values[0]
    with pytest.raises(DomainError, match="begrundelse"):
        services.measurement_correct(measurement=original, reason=" ", percent=Decimal(65))
    correction = services.measurement_correct(
        measurement=original,
        reason="Skolen har genopgjort året",
        percent=Decimal(65),
        recorded_by=personas["koordinator"],
    )
    original.refresh_from_db()
    assert original.percent == Decimal(64)  # never overwritten
    assert correction.supersedes == original
    assert list(Measurement.objects.current().filter(year=2024, scope="")) == [correction]
    history = selectors.indicator_history(original.indicator)
    assert {m.pk for m in history} >= {original.pk, correction.pk}
    with pytest.raises(DomainError, match="allerede rettet"):
        services.measurement_correct(measurement=original, reason="igen", percent=Decimal(1))


def test_status_of_the_plan_reads_change_gap_and_what_is_due(plan: Any, values: Any) -> None:
    follow = selectors.plan_followup(plan, year=2026, today=dt.date(2026, 3, 1))
    view = next(v for v in follow.indicators if v.indicator.pk == values[0].indicator_id)
    assert view.status.status == Status.RIGHT
    assert view.status.change == Decimal(5)
    assert view.gap_text == "−15 procentpoint nu, −19 procentpoint ved baseline"
    assert follow.due.register_year == 2025
    assert view not in follow.due.missing
    assert not follow.due.meeting_held
    follow_2027 = selectors.plan_followup(plan, year=2027, today=dt.date(2027, 3, 1))
    assert values[0].indicator_id in [v.indicator.pk for v in follow_2027.due.missing]


def test_the_board_meeting_closes_the_year_and_names_its_documents(
    plan: Any, values: Any, personas: Any
) -> None:
    document = services.followup_document_archive(
        plan=plan, year=2025, format="pdf", content=b"%PDF-1.7 test", generated_by=None
    )
    goal = values[0].indicator.goal
    services.narrative_save(goal=goal, year=2025, text="Flere elever går til prøve.")
    meeting = services.board_meeting_record(
        plan=plan,
        year=2025,
        held_on=dt.date(2025, 11, 20),
        attendees="Anne Andersen, Lilleby Boligforening",
        decisions="Taget til efterretning.",
        recorded_by=personas["koordinator"],
    )
    assert list(meeting.documents.all()) == [document]
    with pytest.raises(DomainError, match="allerede afsluttet"):
        services.board_meeting_record(
            plan=plan, year=2025, held_on=dt.date(2025, 12, 1), attendees="x", decisions="y"
        )
    with pytest.raises(DomainError, match="afsluttet"):
        services.narrative_save(goal=goal, year=2025, text="Ny tekst")
    with pytest.raises(DomainError, match="ligger i fremtiden"):
        services.board_meeting_record(
            plan=plan, year=2099, held_on=dt.date(2099, 1, 1), attendees="x", decisions="y"
        )
    statement = selectors.auditor_statement(plan, 2025, now=dt.datetime.now(tz=dt.UTC))
    assert statement.meetings == [meeting]
    assert statement.documents[0].sha256 == document.sha256
    assert BoardMeeting.objects.count() == 1 and FollowUpDocument.objects.count() == 1


def test_small_counts_are_left_out_of_every_published_series(plan: Any, indicator: Any) -> None:
    services.measurement_record(
        indicator=indicator, year=2024, count=Decimal(3), denominator=Decimal(40)
    )
    services.measurement_record(
        indicator=indicator, year=2025, count=Decimal(30), denominator=Decimal(40)
    )
    follow = selectors.plan_followup(plan, year=2026, today=dt.date(2026, 3, 1))
    view = next(v for v in follow.indicators if v.indicator.pk == indicator.pk)
    assert [p.year for p in view.area.points] == [2025]
    assert view.area.hidden == 1
    assert follow.threshold == 5


def test_the_suppression_threshold_is_a_setting(plan: Any, indicator: Any, settings: Any) -> None:
    settings.FOLLOWUP_SUPPRESS_BELOW = 50
    services.measurement_record(
        indicator=indicator, year=2025, count=Decimal(30), denominator=Decimal(40)
    )
    follow = selectors.plan_followup(plan, year=2026, today=dt.date(2026, 3, 1))
    view = next(v for v in follow.indicators if v.indicator.pk == indicator.pk)
    assert view.area.points == [] and view.area.hidden == 1


def test_overdue_years_are_the_ended_years_of_the_period_without_a_board_meeting(
    plan: Any,
) -> None:
    """The period runs 2024–2027; a year is overdue once it has ended until a meeting closes it."""
    assert selectors.overdue_followup_years(plan=plan, today=dt.date(2024, 12, 31)) == []
    assert selectors.overdue_followup_years(plan=plan, today=dt.date(2026, 1, 1)) == [2024, 2025]
    services.board_meeting_record(
        plan=plan, year=2025, held_on=dt.date(2025, 12, 1), attendees="Anne", decisions="OK",
        without_documents=True,
    )  # fmt: skip
    assert selectors.overdue_followup_years(plan=plan, today=dt.date(2026, 1, 1)) == [2024]
    # After the period only its own years count; without a start there is nothing to judge.
    later = selectors.overdue_followup_years(plan=plan, today=dt.date(2031, 6, 1))
    assert later == [2024, 2026, 2027]
    plan.period_start = None
    assert selectors.overdue_followup_years(plan=plan, today=dt.date(2031, 6, 1)) == []


def test_the_demo_board_meeting_is_recorded_by_the_koordinator(db: Any) -> None:
    """The demo's meeting and narratives name the koordinator, never "ukendt"."""
    from demo.plan import load_demo
    from followup.models import GoalNarrative

    plan, _ = load_demo()
    meetings = list(BoardMeeting.objects.filter(plan=plan))
    assert meetings, "the demo plan has held its yearly follow-ups"
    for meeting in meetings:
        assert meeting.recorded_by is not None and meeting.recorded_by.username == "koordinator"
        assert meeting.recorded_by_name == "Kirsten Koordinator"
    assert set(GoalNarrative.objects.values_list("written_by_name", flat=True)) == {
        "Kirsten Koordinator"
    }
