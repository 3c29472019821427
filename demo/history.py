"""Dating the demo's history by its story, not by the moment `load_demo` ran.

The demo is written through the services, which stamp every audit entry, decision and
recorded value with the time of the call. A plan that really started in 2022 has a change
log spread over its years: `dated(day)` re-stamps what the block writes to that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

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
