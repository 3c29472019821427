"""Which funding period a plan is in today: the one answer every page, the API and the
importer give (issue 11, review F26).

A move into a new period (`plans.transition.plan_move_to_period`) sets the plan's period to
the new one at once, with its start at the grant date; until that date the period the plan
left is the one in force (its agreements read-only, »lukket for ændringer«), and the new
period's drafts wait beside it. `period_now` says so: the period in force today with its
dates, and the move waiting for its grant date (None once it has come, or without a move).
No query while the plan's own period has begun (`transition.pending_move`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from lib.danish import format_date
from plans import transition
from plans.models import Agreement, FundingPeriod, PeriodTransition, Plan


@dataclass(frozen=True)
class PeriodNow:
    period: FundingPeriod
    start: dt.date | None
    end: dt.date | None
    # The move into the plan's next period, waiting for its grant date.
    pending: PeriodTransition | None = None

    @property
    def span_text(self) -> str:
        return (
            f"{format_date(self.start) if self.start else '…'} – "
            f"{format_date(self.end) if self.end else '…'}"
        )


def period_now(plan: Plan, today: dt.date | None = None) -> PeriodNow:
    """The period the plan is in on `today` (default: today) and its dates."""
    move = transition.pending_move(plan, today)
    if move is not None:
        return PeriodNow(move.from_period, move.previous_start, move.previous_end, move)
    return PeriodNow(plan.funding_period, plan.period_start, plan.period_end)


def plan_period_json(plan: Plan, today: dt.date | None = None) -> dict[str, Any]:
    """The API's »period« of a plan: the one in force today; a move waiting for its grant
    date is given beside it (`next`)."""
    now = period_now(plan, today)
    data: dict[str, Any] = {
        "funding_period": now.period.code,
        "start": now.start.isoformat() if now.start else None,
        "end": now.end.isoformat() if now.end else None,
    }
    if now.pending is not None:
        data["next"] = {
            "funding_period": plan.funding_period.code,
            "start": plan.period_start.isoformat() if plan.period_start else None,
            "end": plan.period_end.isoformat() if plan.period_end else None,
        }
    return data


def closed_period_of(plan: Plan, start: dt.date | None, end: dt.date | None) -> str:
    """For an agreement running `start`–`end` that belongs to a period the plan has left
    (it lies within that period's dates and ends before the plan's own period begins): why
    it cannot be saved, in Danish; else "". The importer asks before it saves anything."""
    if start is None and end is None:
        return ""
    for move in PeriodTransition.objects.filter(plan=plan).select_related("from_period"):
        first, last = move.previous_start, move.previous_end
        if first is None and last is None:
            continue
        inside = (first is None or (start or end) >= first) and (  # type: ignore[operator]
            last is None or (end or start) <= last  # type: ignore[operator]
        )
        if not inside:
            continue
        closed = Agreement.objects.filter(plan=plan, closed_period=move.from_period_id).exists()
        if not closed:
            continue
        in_force = (
            f"; den gælder til {format_date(move.grant_date - dt.timedelta(days=1))}"
            if move.grant_date > timezone.localdate()
            else ""
        )
        return (
            f"Aftalens periode ({_span(start, end)}) hører til bevillingsperioden "
            f"{move.from_period.code}, som planen er flyttet ud af pr. "
            f"{format_date(move.grant_date)}. Periodens aftaler er lukket for ændringer"
            f"{in_force}, så dokumentet kan ikke gemmes i den. Skal det være en aftale i "
            f"{plan.funding_period.code}, så ret aftalens periode."
        )
    return ""


def _span(start: dt.date | None, end: dt.date | None) -> str:
    return f"{format_date(start) if start else '…'} – {format_date(end) if end else '…'}"
