"""The new period's drafts before the move's grant date (review F23): work to do for the new
period, shown apart as »Til den nye periode«, never mixed with the running period's to-dos
(the year's missing values, the draft counts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from followup import selectors
from plans.models import Agreement
from tests.moving import load_example_period, move_plan

GRANT = dt.date(2027, 3, 1)
BEFORE = dt.date(2027, 2, 1)


def _new_period_ids(plan: Any) -> set[int]:
    return set(Agreement.objects.filter(plan=plan, is_current=True).values_list("pk", flat=True))


def test_the_new_periods_drafts_are_not_the_running_periods_to_dos(demo: Any) -> None:
    move_plan(demo, load_example_period(), grant=GRANT)
    new = _new_period_ids(demo)
    follow = selectors.plan_followup(demo, year=2027, today=BEFORE)
    # shown apart, every one of them
    assert {w.agreement.pk for w in follow.next_period} == new
    # counted in none of the year's figures
    assert not any(p.agreement.pk in new for p in follow.pending)
    assert not any(g.agreement.pk in new for g in follow.goals)
    assert not any(v.indicator.goal.agreement_id in new for v in follow.due.missing)
    # what is left to do on them is said
    strategic = next(w for w in follow.next_period if w.agreement.is_strategic)
    assert strategic.starts_on == GRANT
    from plans.transition import proposed_baselines

    assert sum(w.proposed_baselines for w in follow.next_period) == len(proposed_baselines(demo))
    assert any("kun forslag" in w.todo for w in follow.next_period)


def test_from_the_grant_date_they_are_the_years_own(demo: Any) -> None:
    move_plan(demo, load_example_period(), grant=GRANT)
    new = _new_period_ids(demo)
    follow = selectors.plan_followup(demo, year=2027, today=GRANT)
    assert follow.next_period == []
    assert any(p.agreement.pk in new for p in follow.pending)  # drafts, apart, as before


def test_the_dashboard_shows_them_under_their_own_heading(demo: Any, monkeypatch: Any) -> None:
    from django.core.cache import cache
    from django.utils import timezone

    from tests.moving import client_of

    move_plan(demo, load_example_period(), grant=GRANT)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: BEFORE)
    cache.clear()
    page = client_of().get(f"/planer/{demo.slug}/opfoelgning/?aar=2027").content.decode()
    section = page[page.index('id="til-ny-periode"') :]
    assert "Til den nye periode" in section[:400]
    assert "1. marts 2027" in section[:400]
    due = page[page.index('id="due-heading"') : page.index('id="til-ny-periode"')]
    assert "Strategisk samarbejdsaftale" not in due
    # a reader who does not see drafts is not shown them
    cache.clear()
    lbf = client_of("lbf") if _has_user("lbf") else None
    if lbf is not None:
        other = lbf.get(f"/planer/{demo.slug}/opfoelgning/?aar=2027").content.decode()
        assert 'id="til-ny-periode"' not in other


def _has_user(name: str) -> bool:
    from django.contrib.auth.models import User

    return User.objects.filter(username=name).exists()
