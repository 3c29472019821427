"""The pure rules: a process goal judged from sessions, and survey figures in followup.status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from evaluation.selectors import SessionFacts, activity_figures, judge_process_goal
from followup.status import Point, Sample, Status, indicator_status, margin_points

TODAY = dt.date(2026, 12, 1)


def _s(day: dt.date, place: str = "in_area", *conditions: str) -> SessionFacts:
    return SessionFacts(date=day, place=place, conditions=conditions, participants=10)


def test_the_example_line_of_the_issue() -> None:
    sessions = [
        _s(dt.date(2026, 1, 5), "in_area", "om temaerne"),
        _s(dt.date(2026, 2, 5), "in_area", "om temaerne"),
        _s(dt.date(2026, 3, 5), "outside", "om temaerne"),
        _s(dt.date(2026, 4, 5), "in_area", "om temaerne"),
        _s(dt.date(2026, 5, 5)),
        _s(dt.date(2025, 5, 5), "in_area", "om temaerne"),  # another year does not count
    ]
    figures = activity_figures(
        "Netværksmøder",
        sessions,
        [
            {
                "text": "6 om året om temaerne",
                "target": 6,
                "per": "year",
                "condition": "om temaerne",
            },
            {
                "text": "mindst 1 uden for",
                "target": 1,
                "per": "year",
                "condition": "uden for boligområdet",
            },
        ],
        year=2026,
        today=TODAY,
    )
    assert figures.summary == "4 af 6 om temaerne i 2026, 1 uden for boligområdet (mål: 1)"
    assert [g.met for g in figures.goals] == [False, True]
    assert figures.sessions == 5 and figures.outside == 1


def test_per_quarter_counts_the_quarters_that_reached_the_target() -> None:
    sessions = [_s(dt.date(2026, m, 3)) for m in (1, 2, 4, 10)]
    progress = judge_process_goal(
        {"text": "2 i kvartalet", "target": 2, "per": "quarter"}, sessions, year=2026, today=TODAY
    )
    assert progress.summary == "1 af 4 kvartaler med mindst 2 i 2026" and progress.met is False


def test_small_counts_of_people_are_not_published() -> None:
    figures = activity_figures(
        "Lille hold", [_s(dt.date(2026, 1, 1))], [], year=2026, today=TODAY, threshold=5
    )
    figures.participants = 3
    assert figures.participants_text == "under 5"


def _status(
    base: str,
    latest: str,
    *,
    n_base: int | None,
    n_latest: int | None,
    series: tuple[str, str] = ("A", "A"),
) -> object:
    return indicator_status(
        direction="more",
        unit="percent",
        baseline=Decimal(base),
        baseline_year=2022,
        comparator_baseline=None,
        area=[Point(2025, 0, Decimal(latest), "A 2025", series=series[1], respondents=n_latest)],
        comparator=[],
        baseline_sample=Sample(series=series[0], respondents=n_base),
    )


def test_a_change_within_the_margin_of_few_respondents_is_not_a_change() -> None:
    assert margin_points(Decimal(50), 100) == Decimal("9.8")
    within = _status("50", "55", n_base=150, n_latest=150)
    assert within.status == Status.UNCHANGED and within.within_margin  # type: ignore[attr-defined]
    assert "±11,3 procentpoint" in within.notes[0]  # type: ignore[attr-defined]
    beyond = _status("50", "65", n_base=150, n_latest=150)
    assert beyond.status == Status.RIGHT and not beyond.within_margin  # type: ignore[attr-defined]
    many = _status("50", "55", n_base=None, n_latest=5000)
    assert many.status == Status.RIGHT and many.margin is None  # type: ignore[attr-defined]


def test_two_survey_series_are_never_a_trend_without_saying_so() -> None:
    mixed = _status("50", "65", n_base=None, n_latest=None, series=("VIVE 2018", "Egen måling"))
    assert any("to forskellige undersøgelser" in n for n in mixed.notes)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_measurement_sheet_carries_the_survey_sample(plan: Any) -> None:
    """The measurement sheet's survey columns reach the row; more answers than asked is a
    Danish error for that row and nothing is saved."""
    from followup import services
    from followup.models import Measurement
    from followup.tabular import rows_from_records
    from plans.models import Indicator

    indicator = Indicator.objects.get(goal__agreement__plan=plan, goal__agreement__kind="delaftale")
    record = {
        "indikator": indicator.pk,
        "omfang": "hele området",
        "periode": "surveybølge",
        "aar": 2025,
        "survey": "Skolemålingen",
        "procent": "64",
        "boelge": "2. runde",
        "svarpersoner": "140",
        "inviterede": "300",
        "vaegtet": True,
    }
    bad = services.measurements_import(
        plan=plan, rows=rows_from_records([{**record, "svarpersoner": "400"}])
    )
    assert bad.errors and "flere svarpersoner" in " ".join(e.message for e in bad.errors).lower()
    assert not Measurement.objects.exists()
    services.measurements_import(plan=plan, rows=rows_from_records([record]))
    saved = Measurement.objects.get()
    assert (saved.survey_wave, saved.survey_respondents, saved.survey_invited) == (
        "2. runde",
        140,
        300,
    )
    assert saved.survey_weighted is True
