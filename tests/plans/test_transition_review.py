"""The new-user review of a move into 2027-30 (issue 11): the carried-over delaftaler's titles
follow their new indsatsområde, and a proposed baseline keeps its own year and unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from followup import services as followup_services
from plans import services, transition
from plans.models import Agreement, FundingPeriod, Indicator, Measure, Plan
from plans.periods import load_period
from tests.plans.test_transition import NEXT


@pytest.fixture
def next_period(db: Any) -> FundingPeriod:
    load_period(NEXT)
    return FundingPeriod.objects.get(code="2027-30")


def _move(plan: Plan, period: FundingPeriod, user: Any, grant: dt.date) -> transition.MoveResult:
    mapping = {
        c.agreement.pk: (c.proposal.pk if c.proposal else None)
        for c in transition.propose_mapping(plan, period)
    }
    return transition.plan_move_to_period(
        plan=plan, to_period=period, grant_date=grant, mapping=mapping, user=user
    )


def test_a_carried_delaftales_title_follows_its_new_area(
    plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    Agreement.objects.filter(plan=plan, focus_area__name="Uddannelse og livschancer").update(
        title="Delaftale for indsatsområdet Uddannelse og livschancer"
    )
    Agreement.objects.filter(plan=plan, focus_area__name="Beskæftigelse").update(
        title="Vores egen titel"
    )
    _move(plan, next_period, personas["koordinator"], dt.date(2027, 3, 1))
    titles = {
        a.focus_area.name: a.title
        for a in Agreement.objects.filter(plan=plan, is_current=True, kind="delaftale")
    }
    assert titles == {
        "Skolegang og læring": "Delaftale for indsatsområdet Skolegang og læring",
        "Arbejde og økonomi": "Vores egen titel",  # the koordinator's own words stay
    }


def test_a_proposed_baseline_keeps_its_own_year_and_unit(
    client: Any, plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    old = Indicator.objects.get(goal__agreement__plan=plan, text="Andel elever med afgangsprøve")
    Indicator.objects.filter(pk=old.pk).update(baseline_year=2022)
    goal = old.goal
    # a baseline of its own scope, written without a year (the indicator's year, 2022)
    services.measure_save(
        indicator=old,
        role="baseline",
        text="21 børn (84,0%)",
        scope_kind="department",
        scope="Kildevang",
        count=21,
        percent=84,
    )
    followup_services.measurement_record(indicator=old, year=2025, text="66 %", percent=Decimal(66))
    count = services.indicator_save(
        goal=goal,
        text="Antal beboere i job via jobcaféen",
        unit="count",
        direction="more",
        data_source="Jobcaféens opgørelse",
        baseline_year=2022,
    )
    services.measure_save(indicator=count, role="baseline", text="14 beboere", count=14)
    followup_services.measurement_record(indicator=count, year=2025, text="23", count=Decimal(23))

    _move(plan, next_period, personas["koordinator"], dt.date(2027, 3, 1))
    got = {
        (m.indicator.text, m.scope): (m.text, m.year)
        for m in Measure.objects.filter(
            indicator__goal__agreement__plan=plan,
            indicator__goal__agreement__is_current=True,
            role="baseline",
        ).select_related("indicator")
    }
    assert got[("Andel elever med afgangsprøve", "Kildevang")] == (
        "21 børn (84,0%), ingen nyere måling",  # said (review F25)
        2022,
    )
    assert got[("Andel elever med afgangsprøve", None)][1] == 2025
    assert got[("Antal beboere i job via jobcaféen", None)] == (
        "23 beboere (seneste måling, 2025)",
        2025,
    )
    move = plan.period_transitions.get()
    client.force_login(personas["koordinator"])
    page = client.get(reverse("plan_period_move", args=[plan.slug, move.pk])).content.decode()
    assert "<td>21 børn (84,0%), ingen nyere måling " in page and "<td>2022</td>" in page
    # Confirming keeps each figure's own year; the agreement page shows the year that differs
    # from the indicator's.
    plan.refresh_from_db()
    transition.baseline_confirm(plan=plan, user=personas["koordinator"])
    kildevang = Measure.objects.get(
        indicator__continues=old, scope="Kildevang", indicator__goal__agreement__is_current=True
    )
    assert (kildevang.year, kildevang.proposed) == (2022, False)
    new = kildevang.indicator.goal.agreement
    page = client.get(reverse("agreement_detail", args=[new.pk])).content.decode()
    assert '21 børn (84,0%), ingen nyere måling <span class="app-meta">(2022)</span>' in page


@pytest.mark.parametrize(
    "who,sees_drafts",
    [
        ("koordinator", True),
        ("bestyrelse", True),
        ("admin", True),
        ("partner", False),
        ("lbf", False),
        ("kommune", False),
    ],
)
def test_before_the_grant_date_the_plan_page_shows_the_agreements_in_force_and_the_drafts(
    client: Any,
    plan: Plan,
    next_period: FundingPeriod,
    personas: dict[str, Any],
    monkeypatch: Any,
    who: str,
    sees_drafts: bool,
) -> None:
    """A move made on 1 December for 1 January: until then the old period's agreements are in
    force (read-only) and the plan page shows them; the new period's drafts beside them to
    those who read drafts (plans.access.can_see_drafts)."""
    from django.utils import timezone

    from plans import revisions

    school = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 6, 1))
    for agreement in (school, strategic):
        revisions.agreement_submit(agreement=agreement, user=None)
        revisions.agreement_approve(
            agreement=agreement, user=None, meeting_date=dt.date(2026, 6, 1)
        )
    revisions.agreement_record_lbf_approval(
        agreement=strategic, user=None, approved_on=dt.date(2026, 6, 1)
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 12, 1))
    _move(plan, next_period, personas["koordinator"], dt.date(2027, 1, 1))
    client.force_login(personas[who])
    page = client.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    assert "Planen flytter til bevillingsperioden 2027-30 pr. 1. januar 2027" in page
    assert "Gældende nu: bevillingsperioden 2019-26" in page
    assert "Planen har ingen strategisk samarbejdsaftale endnu" not in page
    assert "Ingen delaftaler, som du er part i" not in page
    # the old period's delaftale in force, the partner's club a party to it
    assert reverse("agreement_detail", args=[school.pk]) in page
    new_school = Agreement.objects.get(
        plan=plan, is_current=True, focus_area__name="Skolegang og læring"
    )
    assert (reverse("agreement_detail", args=[new_school.pk]) in page) == sees_drafts
    if not sees_drafts:
        assert "Aftalerne for 2027-30 er under udarbejdelse" in page
    # the old agreement's own page: in force until the grant date, never edited
    old_page = client.get(reverse("agreement_detail", args=[school.pk])).content.decode()
    assert (
        "som planen forlader pr. 1. januar 2027. Den gælder til da; den kan læses, men ikke ændres"
        in old_page
    )
    # once the grant date has come, the page is the new period's only
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2027, 1, 1))
    page = client.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    assert "Gældende nu" not in page and "Planen er i bevillingsperioden 2027-30" in page


def test_the_mapping_proposal_says_what_it_is_based_on(
    client: Any, plan: Plan, next_period: FundingPeriod, personas: dict[str, Any]
) -> None:
    """Not a »lighed 95 %« for two different pairs: the words the areas have in common."""
    reasons = {c.old.name: c.reason for c in transition.propose_mapping(plan, next_period)}
    assert reasons["Beskæftigelse"] == "fælles ord i navn og formål: arbejde, beskæftigelse"
    assert reasons["Uddannelse og livschancer"].startswith("fælles ord i navn og formål: ")
    assert "uddannelse" in reasons["Uddannelse og livschancer"]
    client.force_login(personas["koordinator"])
    page = client.get(
        reverse("plan_new_period", args=[plan.slug]),
        {"periode": "2027-30", "bevillingsdato": "1. marts 2027"},
    ).content.decode()
    assert "(fælles ord i navn og formål: arbejde, beskæftigelse)" in page
    assert "lighed" not in page
