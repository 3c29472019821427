"""The plan's latest move into its period now is one read (`transition.latest_move_in`):
whether the move is in force, the note on confirming baselines early and the confirmation
itself read the same move."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lib.errors import DomainError
from plans import transition
from plans.models import PeriodTransition


def test_the_move_into_the_plan_s_period(moved: Any) -> None:
    move = PeriodTransition.objects.get(plan=moved)
    assert transition.latest_move_in(moved) == move
    assert transition.latest_move_in(moved, for_update=True) == move


def test_the_three_readers_follow_the_one_move(moved: Any) -> None:
    before, after = dt.date(2026, 12, 1), dt.date(2027, 1, 2)  # grant date 1 January 2027
    assert transition.move_not_in_force(moved, before) is not None
    assert transition.move_not_in_force(moved, after) is None
    assert "Bevillingsdatoen 1. januar 2027 er ikke nået endnu" in (
        transition.baseline_confirm_note(moved, before)
    )
    assert transition.baseline_confirm_note(moved, after) == ""
    assert transition.baseline_confirm(plan=moved, user=None) > 0
    move = PeriodTransition.objects.get(plan=moved)
    assert move.baseline_confirmed_on == dt.date(2027, 1, 1)


def test_a_plan_not_moved_into_its_period_has_nothing_to_confirm(demo: Any) -> None:
    assert transition.latest_move_in(demo) is None
    assert transition.move_not_in_force(demo) is None
    assert transition.baseline_confirm_note(demo) == ""
    with pytest.raises(DomainError, match="ikke flyttet til en ny bevillingsperiode"):
        transition.baseline_confirm(plan=demo, user=None)
