"""Which reminders a plan has today: a pure function of dates and records (no database).

Rules (issue 5): a delaftale not revised in 12 months; a year's follow-up overdue; the plan's
period ending within 6 months; a required attachment missing. Each reminder has a stable key,
so an e-mail about it goes out once per person (`ReminderDelivery`), and a new revision or
upload gives a new key or none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lib.danish import format_date


@dataclass(frozen=True)
class SubagreementRecord:
    agreement_id: int
    title: str
    last_revised: dt.date | None


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str  # "stale_subagreement", "followup_overdue", "period_ending", "attachment_missing",
    # and on the plan page only: "sent_back" (to the koordinator), "awaiting_board" (to the board)
    message: str
    agreement_id: int | None = None
    url: str = ""  # where the reminder leads, when not to the agreement's page


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    return _shift_months(day, -months)


def months_after(day: dt.date, months: int) -> dt.date:
    return _shift_months(day, months)


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last_day = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def compute_reminders(
    *,
    today: dt.date,
    plan_end: dt.date | None,
    subagreements: list[SubagreementRecord],
    missing_attachments: list[tuple[str, str]],
    overdue_followup_years: list[int],
) -> list[Reminder]:
    """The reminders for one plan on `today`, most pressing kinds first.

    `missing_attachments` is (kind, Danish label) per required attachment without a file.
    """
    reminders: list[Reminder] = []
    if plan_end is not None and today <= plan_end <= months_after(today, 6):
        reminders.append(
            Reminder(
                key=f"period_ending:{plan_end.isoformat()}",
                kind="period_ending",
                message=f"Helhedsplanens periode slutter {format_date(plan_end)}, om under 6 "
                "måneder.",
            )
        )
    for year in sorted(overdue_followup_years):
        reminders.append(
            Reminder(
                key=f"followup_overdue:{year}",
                kind="followup_overdue",
                message=f"Årets opfølgning mangler for {year}: bestyrelsens opfølgningsmøde "
                "er ikke registreret.",
            )
        )
    limit = months_before(today, 12)
    for record in subagreements:
        if record.last_revised is None or record.last_revised <= limit:
            since = f"siden {format_date(record.last_revised)}" if record.last_revised else "endnu"
            reminders.append(
                Reminder(
                    key=f"stale_subagreement:{record.agreement_id}:"
                    f"{record.last_revised.isoformat() if record.last_revised else 'never'}",
                    kind="stale_subagreement",
                    message=f"{record.title} er ikke revideret {since}; delaftaler skal "
                    "revideres mindst én gang om året.",
                    agreement_id=record.agreement_id,
                )
            )
    for kind, label in missing_attachments:
        reminders.append(
            Reminder(
                key=f"attachment_missing:{kind}",
                kind="attachment_missing",
                message=f"Det krævede bilag »{label}« mangler.",
            )
        )
    return reminders
