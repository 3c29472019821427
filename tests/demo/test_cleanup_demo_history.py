"""Both demo plans tell the start of their story by the same steps (`demo.history`): the
plan written on its day in its municipality, and its strategic agreement sent with the
application, approved by the board and granted by LBF, each step dated on its own day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def _story(plan: Any) -> dict[str, Any]:
    from plans.models import Agreement, AuditEntry

    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    revision = strategic.revisions.get(lbf_approved_on__isnull=False)
    days = {e.at.date() for e in AuditEntry.objects.filter(agreement=strategic)}
    return {
        "status": strategic.status,
        "reason": revision.reason,
        "approved": revision.approved_on,
        "lbf": (revision.lbf_approved_on, revision.lbf_reference),
        "days": days,
    }


def test_the_demo_plans_are_written_and_granted_by_the_shared_steps() -> None:
    from demo.history import plan_written, strategic_granted
    from demo.neighbour import EDUCATION, STRATEGIC, load_neighbour_demo
    from demo.plan import load_demo

    demo, _rows = load_demo()
    neighbour = load_neighbour_demo()
    assert _story(demo)["lbf"] == (dt.date(2022, 12, 15), "Bevilling 2022-0417")
    assert _story(neighbour)["lbf"] == (dt.date(2023, 2, 28), "Bevilling 2023-0112")

    # the same steps on a third plan tell the same story
    plan = plan_written(
        slug="tredje",
        name="Tredje plan",
        documents=[STRATEGIC, EDUCATION],
        day=dt.date(2023, 1, 16),
        municipality="Nørrevig Kommune",
        lbf_case_number="2023-0999",
    )
    assert (plan.municipality, plan.lbf_case_number) == ("Nørrevig Kommune", "2023-0999")
    strategic_granted(
        plan,
        sent=dt.date(2023, 2, 1),
        approved=dt.date(2023, 2, 14),
        meeting="Bestyrelsesmøde 1/2023",
        lbf=dt.date(2023, 2, 28),
        lbf_reference="Bevilling 2023-0999",
    )
    third, theirs = _story(plan), _story(neighbour)
    assert third["lbf"] == (dt.date(2023, 2, 28), "Bevilling 2023-0999")
    assert {k: v for k, v in third.items() if k != "lbf"} == {
        k: v for k, v in theirs.items() if k != "lbf"
    }
    assert third["reason"] == "Ansøgningen"
    assert third["days"] >= {dt.date(2023, 1, 16), dt.date(2023, 2, 1), dt.date(2023, 2, 14)}
