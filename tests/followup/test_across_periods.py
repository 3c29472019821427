"""The follow-up after a plan moved into a new funding period (issue 11, plans.transition).

A year's follow-up follows what was in force in it (`selectors.follows_year`): the closed
period's approved agreements, read-only, for the years they covered, the new period's once
they begin (and are approved); an indicator and the one that continues it are one series,
shown once. The dashboard, the documents and the auditor's statement read the same; an
indicator's page follows the chain too; and an empty count never reads as up to date.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest

from followup import documents, selectors
from followup import services as followup_services
from plans import revisions
from plans import services as plan_services
from plans.models import Agreement, FundingPeriod, Indicator, Plan
from plans.periods import load_period
from tests.moving import move_plan

GRANT = dt.date(2027, 3, 1)
NEXT: dict[str, Any] = {
    "code": "2027-30",
    "name": "Prøveperioden 2027-30",
    "start": "2027-01-01",
    "end": "2030-12-31",
    "focus_areas": [
        {"name": "Skolegang og læring", "purpose": "Flere unge gennemfører skolen."},
        {"name": "Arbejde og økonomi", "purpose": "Flere voksne er i beskæftigelse."},
    ],
}
OLD_GOAL = "Flere unge gennemfører 9. klasse"
ACTIVITY = "Lektiehjælp i klubben"


@pytest.fixture(autouse=True)
def _before_the_grant_date(monkeypatch: Any) -> None:
    """The clock: 1 December 2026, before the move's grant date (1 March 2027), as the
    module's follow-ups read it (`today=`): the closed period is in force until then."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> dt.date:
        return dt.date(2026, 12, 1) if value is None else real(value, timezone)

    monkeypatch.setattr(timezone, "localdate", localdate)
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 1, 11, tzinfo=dt.UTC))


def _approve(agreement: Agreement, on: dt.date) -> None:
    revisions.agreement_submit(agreement=agreement, user=None, sent_on=on)
    revisions.agreement_approve(agreement=agreement, user=None, meeting_date=on)


@pytest.fixture
def moved(plan: Plan, personas: dict[str, Any]) -> dict[str, Any]:
    """The shared plan with its delaftale approved, values for 2024 and 2025, a logbook of
    four sessions in 2026, then moved into 2027-30 from 1 March 2027 (drafts, not approved)."""
    from evaluation import services as evaluation_services

    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    goal = sub.goals.get()
    activity = plan_services.activity_save(agreement=sub, name=ACTIVITY, linked_goals=[goal])
    _approve(sub, dt.date(2024, 2, 1))
    old = Indicator.objects.get(goal=goal)
    for year, value in ((2024, 64), (2025, 66)):
        followup_services.measurement_record(indicator=old, year=year, percent=Decimal(value))
    evaluation_services.sessions_record(
        agreement=sub,
        activity=activity,
        sessions=[
            evaluation_services.SessionInput(
                date=dt.date(2026, 3, day), theme="Matematik", place="in_area", participants=7
            )
            for day in (2, 9, 16, 23)
        ],
        user=personas["koordinator"],
    )
    load_period(NEXT)
    result = move_plan(
        plan, FundingPeriod.objects.get(code="2027-30"), grant=GRANT, user=personas["koordinator"]
    )
    new_sub = next(a for a in result.subagreements if a.goals.filter(text=OLD_GOAL).exists())
    new = Indicator.objects.get(goal__agreement=new_sub)
    assert new.continues == old
    return {"plan": plan, "old": old, "new": new, "old_sub": sub, "new_sub": new_sub}


def _docx_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _goal(follow: selectors.FollowUp, text: str) -> selectors.GoalView:
    return next(g for g in follow.goals if g.goal.text == text)


def test_the_year_before_the_move_follows_the_closed_period_read_only(
    moved: dict[str, Any],
) -> None:
    plan, old = moved["plan"], moved["old"]
    follow = selectors.plan_followup(plan, year=2026, today=dt.date(2026, 12, 1))
    goal = _goal(follow, OLD_GOAL)  # before: no goals (»Planen har ingen godkendte mål endnu«)
    assert goal.agreement == moved["old_sub"]
    # in force until the day before the grant date, which has not come (today: 1.12.2026)
    assert goal.closed_label == "Bevillingsperioden 2019-26 (gælder til 28. februar 2027)"
    # once the grant date has passed, the period is over (plans.transition.left_period_state)
    later = _goal(selectors.plan_followup(plan, year=2026, today=dt.date(2027, 4, 1)), OLD_GOAL)
    assert later.closed_label == (
        "Bevillingsperioden 2019-26 (afsluttet, gældende til 28. februar 2027)"
    )
    [view] = goal.indicators
    assert view.indicator == old
    assert [(p.year, p.value) for p in view.area.points] == [(2024, 64), (2025, 66)]
    # The logbook of the closed delaftale counts for the year it covered.
    [activity] = goal.activities
    assert (activity.name, activity.sessions, activity.participants) == (ACTIVITY, 4, 28)
    # The new period's drafts begin after the year: not followed, only named. The closed
    # period's agreements never approved stay, apart, as drafts.
    assert follow.pending and all(p.agreement.closed_period_id for p in follow.pending)
    assert moved["new_sub"].pk not in {p.agreement.pk for p in follow.pending}
    assert {a.pk for a in follow.later} >= {moved["new_sub"].pk}
    assert "bevillingsperioden 2027-30 pr. 1. marts 2027" in follow.later_text
    assert follow.due.register_indicators == 1 and follow.due.missing == []


def test_one_rule_decides_which_agreements_a_year_follows(moved: dict[str, Any]) -> None:
    plan = moved["plan"]
    closed = {a.pk for a in Agreement.objects.filter(plan=plan, closed_period__isnull=False)}
    current = {a.pk for a in Agreement.objects.filter(plan=plan, is_current=True)}
    by_year = {
        y: {a.pk for a in selectors.agreements_followed_in(plan, y)} for y in (2025, 2026, 2027)
    }
    assert by_year[2025] == by_year[2026] == closed
    assert by_year[2027] == closed | current  # January and February, then the new period
    old_sub = next(a for a in selectors.agreements_followed_in(plan, 2026) if a.pk in closed)
    assert selectors.followed_span(old_sub)[1] == GRANT - dt.timedelta(days=1)


def test_a_value_recorded_on_the_continuation_counts_for_the_closed_period(
    moved: dict[str, Any],
) -> None:
    """After the move a 2026 value is recorded on the new period's indicator (the closed one
    takes none): the 2026 follow-up shows it on the one series, and nothing is missing."""
    plan, new = moved["plan"], moved["new"]
    # 2026 lies before the plan's own period now (1 March 2027 on) but within its time: the
    # closed period's; no confirmation »uden for planperioden« is asked for.
    value = followup_services.measurement_record(indicator=new, year=2026, percent=Decimal(69))
    assert not value.outside_plan_period
    follow = selectors.plan_followup(plan, year=2026, today=dt.date(2027, 4, 1))
    [view] = _goal(follow, OLD_GOAL).indicators
    assert view.indicator == moved["old"]
    assert [p.year for p in view.area.points] == [2024, 2025, 2026]
    assert view.latest_text == "69 % (2026)" and follow.due.missing == []


def test_a_correction_goes_on_the_indicator_in_force_in_its_year(
    moved: dict[str, Any],
) -> None:
    """A correction follows the rule of recording (`indicator_for_period`): a 2026 value that
    sits on the new period's indicator (put there before the rule) is corrected onto the
    closed period's indicator, in force in 2026; where that one already has a value for the
    key, the correction is refused in Danish and nothing is written."""
    from followup.models import Measurement
    from lib.errors import DomainError

    plan, old, new = moved["plan"], moved["old"], moved["new"]
    stray = Measurement.objects.create(
        plan=plan, indicator=new, year=2026, percent=Decimal(60), text="60 %"
    )
    fixed = followup_services.measurement_correct(
        measurement=stray, reason="Tastefejl", percent=Decimal(61)
    )
    assert fixed.indicator_id == old.pk and fixed.supersedes_id == stray.pk
    follow = selectors.plan_followup(plan, year=2026, today=dt.date(2027, 4, 1))
    [view] = _goal(follow, OLD_GOAL).indicators
    assert view.latest_text == "61 % (2026)"
    # 2025 already has its value on the closed period's indicator (66 %)
    twin = Measurement.objects.create(
        plan=plan, indicator=new, year=2025, percent=Decimal(50), text="50 %"
    )
    with pytest.raises(DomainError, match="har allerede en værdi for 2025"):
        followup_services.measurement_correct(
            measurement=twin, reason="Tastefejl", percent=Decimal(51)
        )
    assert not Measurement.objects.filter(supersedes=twin).exists()


def test_once_approved_the_new_period_carries_the_series_once_across_the_boundary(
    moved: dict[str, Any],
) -> None:
    plan, new = moved["plan"], moved["new"]
    _approve(moved["new_sub"], dt.date(2026, 12, 1))
    follow = selectors.plan_followup(plan, year=2027, today=dt.date(2027, 6, 1))
    views = [v for g in follow.goals for v in g.indicators]
    assert [v.indicator.pk for v in views if v.indicator.text == new.text] == [new.pk]
    [view] = [v for v in views if v.indicator.pk == new.pk]
    assert [p.year for p in view.area.points] == [2024, 2025]  # the old period's values
    assert view.boundaries == [(2027, "Ny bevillingsperiode")]
    # The closed delaftale's goal keeps its place only for what is not shown elsewhere: the
    # 2026 logbook is not 2027's, and its one indicator goes on in the new period.
    assert all(g.agreement != moved["old_sub"] for g in follow.goals)


def test_documents_and_the_auditor_statement_follow_the_same_agreements(
    moved: dict[str, Any],
) -> None:
    plan = moved["plan"]
    follow = selectors.plan_followup(plan, year=2026, today=dt.date(2026, 12, 1))
    html = documents.render_html(follow)
    assert (
        OLD_GOAL in html
        and "Delmål · Bevillingsperioden 2019-26 (gælder til 28. februar 2027)" in html
    )
    assert f"{ACTIVITY}: 4 gange i 2026" in html
    docx = _docx_text(documents.render_followup_docx(follow))
    assert (
        "Delmål · Bevillingsperioden 2019-26 (gælder til 28. februar 2027)" in docx
        and OLD_GOAL in docx
    )
    statement = selectors.auditor_statement(
        plan, 2026, now=dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    )
    titles = [v.title for v in statement.versions]
    assert any(
        "Delaftale om skolegang (bevillingsperioden 2019-26, gælder til 28. februar 2027" in t
        for t in titles
    )
    # The approved delaftale; the closed period's agreements never approved are named as
    # such (their drafts are in the follow-up, apart); the new drafts begin in 2027.
    assert all("2019-26, gælder til 28. februar 2027" in t for t in titles)
    never = [v for v in statement.versions if v.label == "ingen godkendt version"]
    assert len(never) == len(titles) - 1
    assert all("aldrig godkendt (kladde)" in v.pending for v in never)


def test_the_dashboard_shows_the_closed_period_for_its_years(
    client: Any, moved: dict[str, Any], personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    page = client.get(f"/planer/{moved['plan'].slug}/opfoelgning/?aar=2026").content.decode()
    assert "ingen godkendte mål" not in page
    assert OLD_GOAL in page and "Bevillingsperioden 2019-26 (gælder til 28. februar 2027)" in page
    assert "4 gange i 2026" in page
    assert "Planen er flyttet til bevillingsperioden 2027-30" in page


def test_a_continued_indicators_page_shows_the_older_periods_values_with_the_boundary(
    client: Any, moved: dict[str, Any], personas: dict[str, Any]
) -> None:
    plan, old, new = moved["plan"], moved["old"], moved["new"]
    client.force_login(personas["koordinator"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/indikatorer/{new.pk}/").content.decode()
    assert "Ingen værdier endnu" not in page  # before: the older period's rows were missing
    assert "Bevillingsperioden 2019-26 (gælder til 28. februar 2027)" in page
    assert "Bevillingsperioden 2027-30, fra 1. marts 2027" in page
    assert "66 %" in page and "app-period-boundary" in page
    assert "Registrér en ny værdi" in page
    # The closed one reads the same series and says where new values go; it takes none.
    closed = client.get(f"/planer/{plan.slug}/opfoelgning/indikatorer/{old.pk}/").content.decode()
    assert (
        f"/opfoelgning/indikatorer/{new.pk}/" in closed and "Nye værdier registreres dér" in closed
    )
    assert "Registrér en ny værdi" not in closed and "app-period-boundary" in closed
    across = selectors.indicator_across_periods(new, plan)
    assert [p.own for p in across.periods] == [True, False]
    assert [m.year for m in across.periods[1].rows] == [2025, 2024]
    assert across.continued_in is None
    assert selectors.indicator_across_periods(old, plan).continued_in == new


def test_an_empty_count_never_reads_as_up_to_date(
    client: Any, personas: dict[str, Any], django_user_model: Any
) -> None:
    """A new plan without agreements has nothing recorded, and is not »all recorded«."""
    from accounts.models import Membership, Role
    from portfolio.selectors import portfolio

    empty = plan_services.plan_create(
        name="Nyvej", slug="nyvej", municipality="Lilleby Kommune", period_start=dt.date(2025, 1, 1)
    )
    follow = selectors.plan_followup(empty, year=2026, today=dt.date(2026, 6, 1))
    assert follow.due.register_indicators == 0 and follow.due.missing == []
    assert not follow.due.nothing
    assert "Ingen indikatorer med registerdata" in follow.due.recorded_text
    assert "Alle indikatorer" not in documents.render_html(follow)
    docx = _docx_text(documents.render_followup_docx(follow))
    assert "Ingen indikatorer med registerdata" in docx and "Alle indikatorer" not in docx
    assert "Planen har ingen godkendte mål for 2026 endnu." in docx
    Membership.objects.create(user=personas["koordinator"], plan=empty, role=Role.COORDINATOR)
    client.force_login(personas["koordinator"])
    page = client.get("/planer/nyvej/opfoelgning/?aar=2026").content.decode()
    assert "Alle indikatorer med registerdata har en værdi" not in page
    assert "Ingen indikatorer med registerdata at følge op på for 2026" in page
    rows = portfolio(drafts=True, today=dt.date(2026, 6, 1)).rows
    row = next(r for r in rows if r.slug == "nyvej")
    values = next(c for c in row.checks if c.short.startswith("Værdier"))
    assert values.short == "Værdier 0/0" and not values.ok  # before: ok, a tick for nothing


def test_a_move_does_not_close_the_follow_up_of_the_years_before_it(
    moved: dict[str, Any],
) -> None:
    """The plan's own period now begins in 2027; 2024-2026 were never closed by the board."""
    plan = moved["plan"]
    assert selectors.overdue_followup_years(plan=plan, today=dt.date(2027, 4, 1)) == [
        2024,
        2025,
        2026,
    ]
