"""The demo plan's follow-up as a new user's review found it (issue 11): a move does not drop
a year's content, the status summary counts what the page follows, and a pending draft does
not cut the version in force's activity–delmål links."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from followup import selectors
from tests.moving import client_of, load_example_period, move_plan

TODAY = dt.date(2026, 12, 1)


def _activities(follow: selectors.FollowUp) -> dict[str, Any]:
    goals = list(follow.goals) + [g for p in follow.pending for g in p.goals]
    return {a.name: a for g in goals for a in g.activities}


def _names(follow: selectors.FollowUp) -> set[str]:
    return {v.indicator.text for v in follow.indicators}


def test_a_move_keeps_the_old_periods_draft_in_the_years_follow_up(demo: Any) -> None:
    from followup import documents

    before = selectors.plan_followup(demo, year=2026, today=TODAY)
    # the demo's logbook runs up to the machine's day: its count, not a fixed number
    sessions = _activities(before)["Jobcafé"].sessions
    assert sessions > 40
    move_plan(demo, load_example_period())
    after = selectors.plan_followup(demo, year=2026, today=TODAY)
    assert len(after.indicators) == len(before.indicators) == 10
    assert _names(after) == _names(before)
    assert _activities(after)["Jobcafé"].sessions == sessions
    jobcafe = next(p for p in after.pending if p.agreement.closed_period_id is not None)
    assert jobcafe.in_force == ""  # shown apart, as the draft it is
    html = documents.render_html(after)
    assert f"Jobcafé: {sessions} gange i 2026" in html
    statement = selectors.auditor_statement(demo, 2026, now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    assert any(
        "Beskæftigelse" in v.title and "aldrig godkendt" in v.pending for v in statement.versions
    )


def test_the_status_summary_counts_what_the_page_follows(demo: Any) -> None:
    follow = selectors.plan_followup(demo, year=2026, today=TODAY)
    in_force = sum(n for _, n in follow.counts)
    drafts = sum(n for _, n in follow.draft_counts)
    assert in_force == sum(len(g.indicators) for g in follow.goals) == 9
    assert drafts == 1  # the never-approved jobcafé indicator, counted apart
    page = client_of().get(f"/planer/{demo.slug}/opfoelgning/?aar=2026").content.decode()
    summary = page[page.index('id="status-godkendt"') : page.index('id="status-kladde"')]
    assert sum(int(n) for n in __import__("re").findall(r"<strong>(\d+)</strong>", summary)) == 9
    assert "Kladde" in page[page.index('id="status-kladde"') :][:200]


def test_a_pending_draft_keeps_the_version_in_forces_links(demo: Any) -> None:
    from plans import revisions
    from plans import services as plan_services
    from plans.models import Activity, AgreementStatus

    lektie = Activity.objects.get(agreement__plan=demo, name="Lektiecafé i fælleshuset")
    agreement = lektie.agreement
    linked = list(lektie.linked_goals.all())
    revisions.change_agreement(
        agreement=agreement,
        user=None,
        action="Aktivitet ændret",
        reason="Nyt sted",
        change=lambda: plan_services.activity_save(
            agreement=agreement,
            activity=lektie,
            name="Lektiecafé i klubhuset",
            own_goals=lektie.own_goals,
            linked_goals=linked,
        ),
    )
    agreement.refresh_from_db()
    assert agreement.status != AgreementStatus.APPROVED  # a draft waits
    follow = selectors.plan_followup(demo, year=2026, today=TODAY)
    activities = _activities(follow)
    assert "Lektiecafé i fælleshuset" in activities  # the version in force's name
    for name in ("Lektiecafé i fælleshuset", "Sommerskole for kommende 0. klasser"):
        assert not activities[name].unlinked, name
        assert activities[name].sessions > 0


def test_a_years_value_goes_on_the_indicator_in_force_that_year(moved: Any) -> None:
    from decimal import Decimal

    from followup import services
    from followup.models import Measurement
    from plans.models import Indicator

    chained = [
        i
        for i in Indicator.objects.filter(
            goal__agreement__plan=moved, goal__agreement__is_current=True, continues__isnull=False
        )
        if not Measurement.objects.filter(indicator=i.continues, year=2026).exists()
        and Measurement.objects.filter(indicator=i.continues, year=2025).exists()
        and i.unit == "percent"
    ]
    assert chained, "the demo has a continued indicator without a 2026 value"
    new = chained[0]
    shown = Measurement.objects.filter(
        indicator=new.continues, year=2025, scope_kind__in=["whole", "housing_area"]
    ).first()
    assert shown is not None
    value = services.measurement_record(
        indicator=new,
        scope_kind=shown.scope_kind,
        scope=shown.scope,
        year=2026,
        percent=Decimal(42),
    )
    assert value.indicator_id == new.continues_id  # the 2019-26 indicator, in force in 2026
    assert not value.outside_plan_period
    follow = selectors.plan_followup(moved, year=2026, today=TODAY)
    view = next(v for v in follow.indicators if v.indicator.pk == new.continues_id)
    assert 2026 in [p.year for p in view.area.points]
    across = selectors.indicator_across_periods(new, moved)
    periods = {h.label: [m.year for m in h.rows] for h in across.periods}
    assert any("2019-26" in label and 2026 in years for label, years in periods.items())
    assert not any("2027-30" in label and 2026 in years for label, years in periods.items())
    statement = selectors.auditor_statement(
        moved, 2026, now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    )
    assert (
        statement.measurements_recorded
        == Measurement.objects.filter(plan=moved, year=2026, supersedes__isnull=True).count()
    )
    # An indicator new in 2027-30 has no 2026 value: refused, naming where it goes.
    fresh = Indicator.objects.create(goal=new.goal, text="Ny i perioden", unit="percent", order=99)
    with pytest.raises(services.DomainError, match="hører til den afsluttede periode 2019-26"):
        services.measurement_record(indicator=fresh, year=2026, percent=Decimal(5))
    assert not Measurement.objects.filter(indicator=fresh).exists()


def test_a_missing_year_says_why_in_danish(moved: Any) -> None:
    client = client_of()
    for year, text in (
        (2027, "Opfølgningsåret 2027 er ikke begyndt endnu."),
        (2019, "Planen har ingen opfølgning for 2019"),
    ):
        response = client.get(f"/planer/{moved.slug}/opfoelgning/?aar={year}")
        assert response.status_code == 404
        page = response.content.decode()
        assert text in page
        assert f"/planer/{moved.slug}/opfoelgning/?aar=2026" in page
    # A reader without access learns nothing of the plan's years.
    response = client_of("partner").get(f"/planer/{moved.slug}/opfoelgning/?aar=2027")
    assert response.status_code == 404 and "ikke begyndt" not in response.content.decode()


def _relink(activity: Any, goal: Any) -> None:
    from plans import revisions
    from plans import services as plan_services

    agreement = activity.agreement
    revisions.change_agreement(
        agreement=agreement,
        user=None,
        action="Aktivitet knyttet til et andet delmål",
        reason="Lektiecaféen støtter nu det andet delmål",
        change=lambda: plan_services.activity_save(
            agreement=agreement,
            activity=activity,
            name=activity.name,
            own_goals=activity.own_goals,
            linked_goals=[goal],
        ),
    )


def _approve(agreement: Any) -> Any:
    from plans import revisions

    revisions.agreement_submit(agreement=agreement, user=None, sent_on=TODAY)
    return revisions.agreement_approve(agreement=agreement, user=None, meeting_date=TODAY)


def _goals_of(follow: selectors.FollowUp, name: str) -> list[str]:
    return [g.goal.text for g in follow.goals if any(a.name == name for a in g.activities)]


def test_a_draft_keeps_its_activity_links_and_approval_keeps_them(demo: Any) -> None:
    """Which delmål an activity serves is part of a version (`activity_goals` in the
    snapshot): relinking an approved delaftale's activity starts a draft of its next version,
    the diff says so, the version in force keeps its own link until the board approves, and
    the approved version has the new one."""
    from plans import revisions
    from plans.models import Activity, AgreementStatus

    lektie = Activity.objects.get(agreement__plan=demo, name="Lektiecafé i fælleshuset")
    agreement = lektie.agreement
    first, second = list(agreement.goals.all())[:2]
    assert list(lektie.linked_goals.all()) == [first]
    version = agreement.version
    _relink(lektie, second)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT and agreement.version == version + 1
    follow = selectors.plan_followup(demo, year=2026, today=TODAY)
    assert first.text in _goals_of(follow, lektie.name)  # the version in force's link
    assert second.text not in _goals_of(follow, lektie.name)
    revision = _approve(agreement)
    assert {"name": lektie.name, "goals": [second.text]} in revision.snapshot["activity_goals"]
    changes = [str(c) for c in revisions.compare(agreement, version, version + 1)]
    assert any("aktiviteten »Lektiecafé i fælleshuset« bidrager til" in c for c in changes)
    # a later draft (another relink) leaves the approved link in force
    _relink(lektie, first)
    follow = selectors.plan_followup(demo, year=2026, today=TODAY)
    assert _goals_of(follow, lektie.name) == [second.text]


def test_a_carried_delaftale_keeps_its_links_through_approval(moved: Any) -> None:
    """The move carries each activity's delmål (the new drafts' rows); the board's approval
    of the carried delaftale keeps them in the version it approves."""
    from plans.models import Activity, Agreement

    old = Activity.objects.get(
        agreement__plan=moved, agreement__closed_period__isnull=False, name="Jobcafé"
    )
    new = Activity.objects.get(agreement__plan=moved, agreement__is_current=True, name="Jobcafé")
    assert [g.text for g in new.linked_goals.all()] == [g.text for g in old.linked_goals.all()]
    assert new.linked_goals.exists()
    revision = _approve(Agreement.objects.get(pk=new.agreement_id))
    kept = {a["name"]: a["goals"] for a in revision.snapshot["activity_goals"]}
    assert kept["Jobcafé"] == [g.text for g in old.linked_goals.all()]
