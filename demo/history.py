"""Dating the demo's history by its story, not by the moment `load_demo` ran.

The demo is written through the services, which stamp every audit entry, decision and
recorded value with the time of the call. A plan that really started in 2022 has a change
log spread over its years: `dated(day)` re-stamps what the block writes to that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone


def moment(day: dt.date, hour: int = 12) -> dt.datetime:
    """`day` at `hour` local time, never later than now (a story does not run ahead)."""
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    return min(at, timezone.now())


@contextmanager
def dated(day: dt.date, hour: int = 12) -> Iterator[None]:
    """Everything the block writes to a history (audit entries, the board's decisions,
    recorded measurements and meetings) is stamped `day` at `hour` instead of now."""
    from followup.models import BoardMeeting, GoalNarrative, Measurement
    from plans.models import AgreementRevision, AuditEntry

    started = timezone.now()
    yield
    at = moment(day, hour)
    AuditEntry.objects.filter(at__gte=started).update(at=at)
    AgreementRevision.objects.filter(decided_at__gte=started).update(decided_at=at)
    Measurement.objects.filter(recorded_at__gte=started).update(recorded_at=at)
    BoardMeeting.objects.filter(recorded_at__gte=started).update(recorded_at=at)
    GoalNarrative.objects.filter(updated_at__gte=started).update(updated_at=at)


def approved_on_its_days(
    agreement: Any,
    *,
    sent: dt.date,
    reason: str,
    approved: dt.date,
    meeting: str,
    by: Any,
    board: Any,
    lbf: dt.date | None = None,
    lbf_reference: str = "",
) -> None:
    """`agreement` sent by `by` for approval (`reason`), approved by the board (`board`) at
    its meeting, and with `lbf` approved by LBF too, each step on its own day."""
    from plans import revisions

    with dated(sent):
        revisions.agreement_submit(agreement=agreement, user=by, reason=reason, sent_on=sent)
    with dated(approved, hour=16):
        revisions.agreement_approve(
            agreement=agreement, user=board, meeting_date=approved, meeting_reference=meeting
        )
    if lbf is not None:
        with dated(lbf, hour=9):
            revisions.agreement_record_lbf_approval(
                agreement=agreement, user=by, approved_on=lbf, reference=lbf_reference
            )
