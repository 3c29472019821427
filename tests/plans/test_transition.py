"""»Ny bevillingsperiode« (issue 11): the plan moves into the next funding period.

The service closes the old period's agreements (readable, never edited again), proposes the
new ones as drafts carrying over what fits, maps the indsatsområder, lists what could not be
carried over, and proposes baselines from the latest measured values until they are confirmed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from followup import services as followup_services
from lib.errors import DomainError
from plans import revisions, transition
from plans.models import (
    Agreement,
    AuditEntry,
    FocusArea,
    FundingPeriod,
    Indicator,
    Measure,
    PeriodTransition,
    Plan,
)
from plans.periods import load_period

# A fictional next period of our own: other indsatsområder, one fixed goal.
NEXT: dict[str, Any] = {
    "code": "2027-30",
    "name": "Prøveperioden 2027-30",
    "start": "2027-01-01",
    "end": "2030-12-31",
    "focus_areas": [
        {
            "name": "Skolegang og læring",
            "purpose": "Flere unge gennemfører skolen og en uddannelse.",
            "fixed_goals": [
                {
                    "text": "Flere unge fuldfører en uddannelse",
                    "indicators": [
                        {
                            "text": "Andel 25-årige med en ungdomsuddannelse",
                            "data_source": "Registerdata",
                            "unit": "percent",
                            "direction": "more",
                        }
                    ],
                }
            ],
        },
        {"name": "Arbejde og økonomi", "purpose": "Flere voksne er i beskæftigelse."},
        {"name": "Grønne gårde"},
    ],
    "required_attachments": ["Budget"],
}


@pytest.fixture
def next_period(db: Any) -> FundingPeriod:
    load_period(NEXT)
    return FundingPeriod.objects.get(code="2027-30")


def _record(plan: Plan, indicator: Indicator, year: int, percent: int) -> None:
    followup_services.measurement_record(
        indicator=indicator, year=year, text=f"{percent} %", percent=Decimal(percent)
    )


def _mapping(plan: Plan, period: FundingPeriod) -> dict[int, int | None]:
    return {
        c.agreement.pk: (c.proposal.pk if c.proposal else None)
        for c in transition.propose_mapping(plan, period)
    }


def test_the_proposal_maps_by_name_and_words(plan: Plan, next_period: FundingPeriod) -> None:
    choices = {c.old.name: c.proposal for c in transition.propose_mapping(plan, next_period)}
    assert choices["Uddannelse og livschancer"].name == "Skolegang og læring"  # type: ignore[union-attr]
    assert choices["Beskæftigelse"].name == "Arbejde og økonomi"  # type: ignore[union-attr]


def test_moving_carries_over_closes_the_old_and_proposes_baselines(
    plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    indicator = Indicator.objects.get(
        goal__agreement__plan=plan, text="Andel elever med afgangsprøve"
    )
    for year, value in ((2024, 63), (2025, 66), (2026, 68)):
        _record(plan, indicator, year, value)
    old_ids = set(Agreement.objects.filter(plan=plan).values_list("pk", flat=True))
    result = transition.plan_move_to_period(
        plan=plan,
        to_period=next_period,
        grant_date=dt.date(2027, 3, 1),
        mapping=_mapping(plan, next_period),
        user=personas["koordinator"],
    )
    plan.refresh_from_db()
    assert plan.funding_period == next_period
    assert (plan.period_start, plan.period_end) == (dt.date(2027, 3, 1), dt.date(2030, 12, 31))
    old = Agreement.objects.filter(pk__in=old_ids)
    assert all(a.closed_period and a.closed_period.code == "2019-26" for a in old)
    assert not any(a.is_current for a in old)
    new = Agreement.objects.filter(plan=plan, is_current=True)
    assert {a.focus_area.name for a in new if a.focus_area} == {
        "Skolegang og læring",
        "Arbejde og økonomi",
    }
    assert all(a.status == "draft" and a.closed_period is None for a in new)
    school = new.get(focus_area__name="Skolegang og læring")
    assert [p.name for p in school.parties.all()] == ["Lilleby Boligforening", "Klubben Lyset"]
    continued = Indicator.objects.get(goal__agreement=school)
    assert continued.continues == indicator  # the identity goes on
    baseline = Measure.objects.get(indicator=continued, role="baseline")
    assert (baseline.percent, baseline.year, baseline.proposed) == (68, 2026, True)
    assert "seneste måling, 2026" in baseline.text
    strategic = new.get(kind="strategisk_samarbejdsaftale")
    assert strategic.goals.filter(lbf_goal__funding_period=next_period).exists()
    assert [p.name for p in strategic.parties.all()] == ["Lilleby Boligforening", "Lilleby Kommune"]
    # What could not be carried: the old period's fixed indicators have no counterpart.
    assert any("faste indikator" in line for line in result.not_carried)
    assert PeriodTransition.objects.get(plan=plan).mapping["Beskæftigelse"] == "Arbejde og økonomi"
    assert AuditEntry.objects.filter(plan=plan, action__contains="flyttet fra").exists()
    # The old period is read-only.
    closed = old.get(focus_area__name="Uddannelse og livschancer")
    with pytest.raises(DomainError, match="lukket for ændringer"):
        revisions.change_agreement(
            agreement=closed, user=None, action="x", reason="y", change=lambda: None
        )
    # No new values on the old period's indicators: they go on the one that continues it.
    with pytest.raises(DomainError, match="afsluttet bevillingsperiode"):
        _record(plan, Indicator.objects.get(pk=indicator.pk), 2025, 1)
    # The koordinator confirms the proposed baselines at the grant date.
    assert transition.baseline_confirm(plan=plan, user=personas["koordinator"]) >= 1
    assert not Measure.objects.filter(indicator__goal__agreement__plan=plan, proposed=True).exists()
    assert PeriodTransition.objects.get(plan=plan).baseline_confirmed_on == dt.date(2027, 3, 1)


def test_an_unmapped_area_is_listed_and_not_carried(plan: Plan, next_period: FundingPeriod) -> None:
    mapping = _mapping(plan, next_period)
    employment = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    mapping[employment.pk] = None
    result = transition.plan_move_to_period(
        plan=plan, to_period=next_period, grant_date=dt.date(2027, 1, 1), mapping=mapping, user=None
    )
    assert len(result.subagreements) == 1
    assert any("»Beskæftigelse« er ikke overført" in line for line in result.not_carried)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("same_area_twice", "valgt for to delaftaler"),
        ("grant_before_period", "før bevillingsperioden"),
        ("same_period", "allerede i den bevillingsperiode"),
    ],
)
def test_a_bad_move_is_refused_in_danish_and_changes_nothing(
    plan: Plan, next_period: FundingPeriod, change: str, message: str
) -> None:
    mapping = _mapping(plan, next_period)
    period, grant = next_period, dt.date(2027, 2, 1)
    if change == "same_area_twice":
        area = FocusArea.objects.get(funding_period=next_period, name="Grønne gårde")
        mapping = {k: area.pk for k in mapping}
    elif change == "grant_before_period":
        grant = dt.date(2026, 6, 1)
    else:
        period = plan.funding_period
    before = Agreement.objects.count()
    with pytest.raises(DomainError, match=message):
        transition.plan_move_to_period(
            plan=plan, to_period=period, grant_date=grant, mapping=mapping, user=None
        )
    assert Agreement.objects.count() == before
    assert not Agreement.objects.filter(closed_period__isnull=False).exists()


def test_an_agreement_waiting_for_approval_blocks_the_move(
    plan: Plan, next_period: FundingPeriod
) -> None:
    sub = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    revisions.agreement_submit(agreement=sub, user=None)
    with pytest.raises(DomainError, match="ligger til godkendelse"):
        transition.plan_move_to_period(
            plan=plan,
            to_period=next_period,
            grant_date=dt.date(2027, 2, 1),
            mapping=_mapping(plan, next_period),
            user=None,
        )


def test_the_page_moves_the_plan_and_the_old_period_says_it_is_read_only(
    client: Any, plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    url = reverse("plan_new_period", args=[plan.slug])
    first = client.get(url)
    assert first.status_code == 200 and "Ny bevillingsperiode" in first.content.decode()
    step = client.get(url, {"periode": "2027-30", "bevillingsdato": "1. marts 2027"})
    page = step.content.decode()
    assert step.status_code == 200 and "Skolegang og læring" in page
    choices = transition.propose_mapping(plan, next_period)
    data = {
        "periode": "2027-30",
        "bevillingsdato": "1. marts 2027",
        "form-TOTAL_FORMS": str(len(choices)),
        "form-INITIAL_FORMS": str(len(choices)),
    }
    for i, c in enumerate(choices):
        data[f"form-{i}-agreement"] = str(c.agreement.pk)
        data[f"form-{i}-area"] = str(c.proposal.pk) if c.proposal else ""
    done = client.post(url, data, follow=True)
    assert done.status_code == 200
    assert "Planen er flyttet til bevillingsperioden 2027-30" in done.content.decode()
    closed = Agreement.objects.get(
        plan=plan, closed_period__isnull=False, kind="delaftale", focus_area__name="Beskæftigelse"
    )
    detail = client.get(reverse("agreement_detail", args=[closed.pk])).content.decode()
    # afsluttet, or in force until the grant date (1 March 2027): read-only either way
    assert "Aftalen hører til bevillingsperioden 2019-26" in detail
    assert "kan læses, men ikke ændres" in detail
    # no link into a forandringsteori editor or process goals that would answer 404
    assert f"/aftaler/{closed.pk}/forandringsteori/" not in detail
    activity = closed.activities.first()
    if activity is not None:
        logbook = client.get(
            reverse("evaluation_logbook", args=[closed.pk, activity.pk])
        ).content.decode()
        assert "Ret procesmålene" not in logbook
    # F27: the edit page of a closed agreement sends to the agreement, which says why
    assert client.get(reverse("agreement_edit", args=[closed.pk]))["Location"] == reverse(
        "agreement_detail", args=[closed.pk]
    )
    # Moving again into the same period is not offered, and a bad grant date is a message.
    again = client.get(url, {"periode": "2019-26", "bevillingsdato": "1. marts 2027"})
    assert again.status_code == 200
    assert "Der er ingen anden bevillingsperiode" in again.content.decode()


def test_others_cannot_move_the_plan(
    client: Any, plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    for role in ("bestyrelse", "partner", "lbf", "outsider"):
        client.force_login(personas[role])
        assert client.get(reverse("plan_new_period", args=[plan.slug])).status_code == 404


def test_a_continued_indicator_runs_across_the_boundary_in_its_chart(
    plan: Plan, next_period: FundingPeriod, monkeypatch: Any
) -> None:
    from django.utils import timezone

    from followup import charts
    from followup.selectors import plan_followup

    old = Indicator.objects.get(goal__agreement__plan=plan, text="Andel elever med afgangsprøve")
    for year, value in ((2024, 63), (2025, 66), (2026, 68)):
        _record(plan, old, year, value)
    transition.plan_move_to_period(
        plan=plan,
        to_period=next_period,
        grant_date=dt.date(2027, 3, 1),
        mapping=_mapping(plan, next_period),
        user=None,
    )
    new = Indicator.objects.get(continues=old)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2028, 2, 1))
    _record(plan, new, 2027, 71)
    follow = plan_followup(Plan.objects.get(pk=plan.pk), today=dt.date(2028, 2, 1))
    view = next(v for v in follow.indicators if v.indicator.pk == new.pk)
    assert [p.year for p in view.area.points] == [2024, 2025, 2026, 2027]
    assert view.boundaries == [(2027, "Ny bevillingsperiode")]
    assert view.status.status == "right"  # 71 against the proposed baseline 68 (2026)
    svg = charts.indicator_svg(view)
    assert svg.count('class="app-period-boundary"') == 1
    assert "ny bevillingsperiode begyndte (2027)" in svg
    # An indicator that does not continue one has no boundary.
    other = next(v for v in follow.indicators if v.indicator.continues_id is None)
    assert "app-period-boundary" not in charts.indicator_svg(other)


def test_the_old_periods_follow_up_years_stay_readable_after_the_move(
    plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    """A plan moved into the next period keeps its earlier years' follow-up (the board's and
    the auditor's record): the first follow-up year is the old period's, not the grant's."""
    before = followup_services.followup_first_year(plan)
    assert before is not None and before < 2027
    transition.plan_move_to_period(
        plan=plan,
        to_period=next_period,
        grant_date=dt.date(2027, 3, 1),
        mapping=_mapping(plan, next_period),
        user=personas["koordinator"],
    )
    plan.refresh_from_db()
    assert followup_services.followup_first_year(plan) == before
    followup_services.check_followup_year(plan, 2026, today=dt.date(2027, 6, 1))  # no error


def _move(plan: Plan, period: FundingPeriod, user: Any) -> transition.MoveResult:
    return transition.plan_move_to_period(
        plan=plan,
        to_period=period,
        grant_date=dt.date(2027, 3, 1),
        mapping=_mapping(plan, period),
        user=user,
    )


def test_every_scope_with_a_baseline_gets_a_proposal(
    plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    """The old indicator had baselines for two afdelinger: each gets its latest value as a
    proposal; a scope with no value since keeps its old figure, also as a proposal."""
    from plans import services

    indicator = Indicator.objects.get(
        goal__agreement__plan=plan, text="Andel elever med afgangsprøve"
    )
    Measure.objects.filter(indicator=indicator).delete()
    for scope, value in (("Afd. 1", 55), ("Afd. 2", 60), ("Afd. 3", 70)):
        services.measure_save(
            indicator=indicator,
            role="baseline",
            text=f"{value} %",
            scope_kind="department",
            scope=scope,
            percent=value,
            year=2023,
        )
    for scope, year, value in (("Afd. 1", 2025, 58), ("Afd. 1", 2026, 59), ("Afd. 2", 2026, 64)):
        followup_services.measurement_record(
            indicator=indicator,
            scope_kind="department",
            scope=scope,
            year=year,
            text=f"{value} %",
            percent=Decimal(value),
        )
    _move(plan, next_period, personas["koordinator"])
    continued = Indicator.objects.get(continues=indicator)
    got = {
        m.scope: (m.percent, m.year, m.proposed)
        for m in Measure.objects.filter(indicator=continued, role="baseline")
    }
    assert got == {
        "Afd. 1": (59, 2026, True),
        "Afd. 2": (64, 2026, True),
        "Afd. 3": (70, 2023, True),
    }


def test_the_forandringsteori_and_process_goals_go_on_with_the_delaftale(
    plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    from evaluation import services as evaluation
    from evaluation.models import ProcessGoal, TheoryOfChange
    from plans import services

    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    indicator = Indicator.objects.get(goal__agreement=sub)
    services.activity_save(agreement=sub, name="Lektiecafé")
    evaluation.theory_save(
        agreement=sub,
        focus_area=sub.focus_area,  # type: ignore[arg-type]
        activities=["Lektiecafé"],
        results=[evaluation.ResultInput("short", "Flere laver lektier", [indicator])],
        assumptions=["Forældrene bakker op"],
        reviewed=dt.date(2026, 5, 1),
    )
    evaluation.process_goals_save(
        agreement=sub,
        activity=sub.activities.get(name="Lektiecafé"),
        goals=[evaluation.ProcessGoalInput("20 deltagere", Decimal(20), "month")],
    )
    # A process goal of an activity the agreement no longer has cannot go on: it is listed.
    ProcessGoal.objects.create(agreement=sub, activity_key=uuid.uuid4(), text="Ti børn med")
    before = AuditEntry.objects.filter(plan=plan).count()
    result = _move(plan, next_period, personas["koordinator"])
    new = Agreement.objects.get(plan=plan, is_current=True, focus_area__name="Skolegang og læring")
    theory = TheoryOfChange.objects.get(agreement=new)
    assert theory.focus_area.name == "Skolegang og læring"
    assert (theory.activities, theory.assumptions) == (["Lektiecafé"], ["Forældrene bakker op"])
    assert theory.reviewed == dt.date(2026, 5, 1)
    links = [link.indicator for r in theory.results.all() for link in r.indicator_links.all()]
    assert links == [Indicator.objects.get(continues=indicator)]
    goals = ProcessGoal.objects.filter(agreement=new)
    lektiecafe = new.activities.get(name="Lektiecafé")
    assert [(g.activity_key, g.text, g.target, g.per) for g in goals] == [
        (lektiecafe.key, "20 deltagere", 20, "month")
    ]
    # the activity goes on as itself: the same key in the new period
    assert lektiecafe.key == sub.activities.get(name="Lektiecafé").key
    assert any("»Ti børn med«" in line for line in result.not_carried)
    # The old agreement keeps its own.
    assert TheoryOfChange.objects.filter(agreement=sub).exists()
    # The move's own entries only: the carried evaluation adds none of its own.
    actions = list(
        AuditEntry.objects.filter(plan=plan).order_by("pk").values_list("action", flat=True)
    )[before:]
    assert not any("Forandringsteori" in a or "Procesmål" in a for a in actions)
    assert any("1 forandringsteori og 1 procesmål overført" in a for a in actions)


def test_after_the_move_the_new_periods_attachments_are_required_everywhere(
    client: Any,
    plan: Plan,
    next_period: FundingPeriod,
    personas: dict[str, Any],
    monkeypatch: Any,
) -> None:
    """2019-26 requires seven attachments, the next period only a budget: the documents page,
    the plan page's reminders and the portfolio all ask for the budget alone."""
    from documents.selectors import plan_attachments, plan_reminders

    assert len(plan_attachments(plan)) == 7
    _move(plan, next_period, personas["koordinator"])
    plan.refresh_from_db()
    from django.utils import timezone

    # until the grant date (1 March 2027) the old period's list stands (review F22)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2027, 2, 28))
    assert len(plan_attachments(plan)) == 7
    # from it, the new period's
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2027, 3, 2))
    assert [r.label for r in plan_attachments(plan)] == ["Budget"]
    missing = [r.message for r in plan_reminders(plan) if r.kind == "attachment_missing"]
    assert missing == ["Det krævede bilag »Budget« mangler."]
    client.force_login(personas["koordinator"])
    documents = client.get(reverse("plan_documents", args=[plan.slug])).content.decode()
    assert 'id="bilag-budget"' in documents and "bilag-beredskabsplan" not in documents
    page = client.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    assert "»Budget« mangler" in page and "»Beredskabsplan« mangler" not in page
    client.force_login(personas["admin"])
    # the portfolio judges the new period once its grant date (1 March 2027) has come
    portfolio = client.get(reverse("portfolio")).content.decode()
    assert "0 af 1 bilag (mangler: Budget)" in portfolio


def test_a_forandringsteori_of_an_area_not_carried_is_listed(
    plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    from evaluation import services as evaluation

    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    evaluation.theory_save(
        agreement=sub,
        focus_area=sub.focus_area,  # type: ignore[arg-type]
        activities=[],
        results=[evaluation.ResultInput("long", "Flere får en uddannelse")],
        assumptions=[],
        reviewed=None,
    )
    mapping = {**_mapping(plan, next_period), sub.pk: None}
    result = transition.plan_move_to_period(
        plan=plan,
        to_period=next_period,
        grant_date=dt.date(2027, 3, 1),
        mapping=mapping,
        user=personas["koordinator"],
    )
    assert any(
        "Uddannelse og livschancer" in line and "forandringsteori" in line
        for line in result.not_carried
    )
