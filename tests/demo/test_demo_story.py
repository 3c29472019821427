"""The demo plan tells a consistent story: its history is dated by the story (approvals in the
past, spread over the plan's years, not "i dag" for every entry), and its own figures agree
with each other."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any) -> Any:
    from demo.plan import load_demo

    plan, _rows = load_demo()
    return plan


def test_the_change_log_is_dated_by_the_story(demo: Any) -> None:
    from followup.models import BoardMeeting, Measurement
    from plans.models import AgreementRevision, AuditEntry

    today = timezone.localdate()
    days = {timezone.localdate(e.at) for e in AuditEntry.objects.filter(plan=demo)}
    assert today not in days
    assert len({d.year for d in days}) >= 3, sorted(days)
    assert min(days) < dt.date(2023, 1, 1)
    approved = AgreementRevision.objects.filter(agreement__plan=demo, decided_at__isnull=False)
    for revision in approved:
        assert timezone.localdate(revision.decided_at) == revision.meeting_date
    approvals = AuditEntry.objects.filter(plan=demo, action__contains="godkendt af bestyrelsen")
    assert sorted(timezone.localdate(e.at) for e in approvals) == sorted(
        r.meeting_date for r in approved
    )
    for measurement in Measurement.objects.filter(plan=demo):
        # a year's value is recorded after that year, and never "today" on a loaded demo
        assert timezone.localdate(measurement.recorded_at) > dt.date(measurement.year, 12, 31)
        assert measurement.recorded_by is not None
    for meeting in BoardMeeting.objects.filter(plan=demo):
        assert timezone.localdate(meeting.recorded_at) == meeting.held_on


def test_a_survey_indicators_own_waves_agree_with_its_baseline(demo: Any) -> None:
    from followup.models import Measurement, PeriodKind
    from plans.models import Indicator

    surveyed = Indicator.objects.filter(
        goal__agreement__plan=demo,
        measurements__period_kind=PeriodKind.SURVEY_WAVE,
    ).distinct()
    assert surveyed.exists()
    for indicator in surveyed:
        baseline = indicator.baselines[0]
        wave = Measurement.objects.get(indicator=indicator, year=indicator.baseline_year)
        assert wave.percent == baseline.percent, (indicator.text, wave.percent, baseline.text)
        # the waves belong to the survey the baseline comes from
        assert wave.survey == indicator.data_source
