"""Dating the demo's history by its story, not by the moment `load_demo` ran.

The demo is written through the services, which stamp every audit entry, decision and
recorded value with the time of the call. A plan that really started in 2022 has a change
log spread over its years: `dated(day)` re-stamps what the block writes to that day. The
steps every demo plan's story shares (`plan_written`, `approved_on_its_days`,
`strategic_granted`) are here, so the demo plans (`demo.plan`, `demo.neighbour`) tell them
the same way.
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


def plan_written(
    *,
    slug: str,
    name: str,
    documents: list[dict[str, Any]],
    day: dt.date,
    municipality: str,
    lbf_case_number: str,
) -> Any:
    """A demo plan loaded from its agreements (interchange `documents`) as they were first
    written on `day`, in `municipality`, with LBF's case number; returns the plan."""
    from plans.loading import plan_load_interchange

    with dated(day, hour=10):
        plan = plan_load_interchange(slug=slug, documents=documents, name=name).plan
    plan.municipality = municipality
    plan.lbf_case_number = lbf_case_number
    plan.save(update_fields=["municipality", "lbf_case_number"])
    return plan


def strategic_granted(
    plan: Any,
    *,
    sent: dt.date,
    approved: dt.date,
    meeting: str,
    lbf: dt.date,
    lbf_reference: str,
    by: Any = None,
    board: Any = None,
) -> None:
    """The plan's strategic agreement sent with the application (»Ansøgningen«), approved
    by the board at `meeting` and then by LBF (the grant, `lbf_reference`), each on its day."""
    from plans.models import Agreement, AgreementKind

    approved_on_its_days(
        Agreement.objects.get(plan=plan, kind=AgreementKind.STRATEGIC),
        sent=sent,
        reason="Ansøgningen",
        approved=approved,
        meeting=meeting,
        by=by,
        board=board,
        lbf=lbf,
        lbf_reference=lbf_reference,
    )
