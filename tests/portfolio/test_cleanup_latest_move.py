"""The portfolio reads a plan's latest move into its period now by the one rule of
`plans.transition` (`moves_into`, which `latest_move_in` reads too): with two moves into the
period made in the same instant, the later one (by id) decides for both."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from plans import transition
from plans.models import FundingPeriod, PeriodTransition, Plan
from tests.moving import EXAMPLE
from tests.portfolio.test_periods import _row, _section, moved  # noqa: F401 - a fixture
from tests.portfolio.test_portfolio import measured  # noqa: F401 - a fixture

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not EXAMPLE.is_file(), reason="../shared is not beside this clone"),
]


def test_the_portfolio_and_the_plan_read_the_same_latest_move(
    client: Any,
    personas: dict[str, Any],
    moved: Plan,  # noqa: F811 - the fixture
) -> None:
    first = PeriodTransition.objects.get(plan=moved)
    left = first.from_period
    # the plan's move made first is one from an older period, in force long ago; a second
    # one, made in the same instant (a higher id), comes from 2019-26 on 1 February 2027
    older = FundingPeriod.objects.create(code="1999-02", name="Bevillingsperioden 1999-02")
    PeriodTransition.objects.filter(pk=first.pk).update(
        from_period=older, grant_date=dt.date(2011, 1, 1)
    )
    first.pk, first.from_period, first.grant_date = None, left, dt.date(2027, 2, 1)
    first.save()
    latest = transition.latest_move_in(moved)
    assert latest is not None and latest.grant_date == dt.date(2027, 2, 1)
    assert list(transition.moves_into(plan=moved, period=moved.funding_period_id))[0] == latest

    # today 15 January 2027: the latest move is not in force, for the plan and the portfolio
    assert transition.move_not_in_force(moved) == latest
    client.force_login(personas["lbf"])
    page = client.get(reverse("portfolio")).content.decode()
    row = _row(_section(page, "2019-26"), "Tværgaden")
    assert "flytter til 2027-30 pr. 1. februar 2027" in row
