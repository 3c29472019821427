"""F31: the auditor's statement names a draft pending beside the version in force of a
closed period's agreement (»version 4 (kladde)«), as it does for one never approved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User

from followup import selectors
from plans import revisions, services
from tests.moving import load_example_period, move_plan

pytestmark = pytest.mark.django_db


def test_a_draft_frozen_by_the_move_is_named_as_not_approved(demo: Any) -> None:
    sub = demo.agreements.get(focus_area__name="Uddannelse og livschancer")
    assert sub.status == "approved" and sub.version == 3
    goal = sub.goals.first()
    revisions.change_agreement(
        agreement=sub,
        user=User.objects.get(username="koordinator"),
        action="Mål ændret",
        reason="Årlig revision",
        change=lambda: services.goal_save(agreement=sub, goal=goal, text="Et nyt udkast"),
    )
    sub.refresh_from_db()
    assert (sub.status, sub.version) == ("draft", 4)
    move_plan(demo, load_example_period(), carry_drafts=frozenset({sub.pk}))
    statement = selectors.auditor_statement(demo, 2026, now=dt.datetime(2026, 12, 2, tzinfo=dt.UTC))
    (row,) = [v for v in statement.versions if "Uddannelse og livschancer" in v.title]
    assert row.label.startswith("Version 3")
    assert row.pending == "version 4 (kladde)"
