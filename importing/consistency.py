"""Does a reading belong to the plan it is about to be saved in?

A koordinator who uploads last year's delaftale of the neighbouring plan, or an agreement of
an earlier funding period, should hear so before saving, not find it in the board's next
revision. `plan_mismatches` compares a reading (interchange dict) with the plan: the
municipality named among the parties, the parties against the plan's organisations, and the
agreement's period against the plan's. The web review and `helhedsplan import --plan` both
call it and show the same Danish messages; neither the reader nor the database is involved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lib.danish import format_date
from lib.text import fold
from plans.models import Organisation, Plan
from plans.parties import names_organisation
from plans.period_now import closed_period_of, period_now


@dataclass(frozen=True)
class Mismatch:
    """One way the reading looks like another plan's; `path` is the part it concerns."""

    message: str
    path: str


def plan_mismatches(plan: Plan, document: dict[str, Any]) -> list[Mismatch]:
    """What in `document` speaks of another plan than `plan`. One query (the organisations)."""
    parties = [p for p in document.get("parties") or [] if isinstance(p, str) and p.strip()]
    # the plan organisations the reviewer linked parties to (the import review)
    chosen = [c for c in document.get("party_organisations") or [] if isinstance(c, str) and c]
    found = _municipality(plan, parties) + _parties(plan, parties, chosen)
    period = document.get("period") or {}
    if not closed_period_message(plan, period):
        # a document of a period the plan has left is refused as such (`closed_period_message`)
        found += _period(plan, period)
    return found


def closed_period_message(plan: Plan, period: dict[str, Any]) -> str:
    """Why a document whose period lies in a period the plan has left cannot be saved (its
    agreements are closed for changes), in Danish; "" when it does not."""
    return closed_period_of(plan, _iso(period.get("start")), _iso(period.get("end")))


def _municipality(plan: Plan, parties: list[str]) -> list[Mismatch]:
    if not plan.municipality.strip():
        return []
    own = fold(plan.municipality)
    others = [
        p for p in parties if "kommune" in fold(p) and own not in fold(p) and fold(p) not in own
    ]
    if not others:
        return []
    names = ", ".join(f"»{p}«" for p in others)
    return [
        Mismatch(
            f"Dokumentet nævner {names} som part, men planen hører til {plan.municipality}. "
            "Hører dokumentet til en anden plan?",
            "parties",
        )
    ]


def _parties(plan: Plan, parties: list[str], chosen: list[str]) -> list[Mismatch]:
    known = list(Organisation.objects.filter(plan=plan).values_list("name", flat=True))
    if not known or not parties or set(chosen) & set(known):
        return []
    # a party names an organisation as saving links it (»Titel Navn, Organisation« too)
    if any(names_organisation(p, k) for p in parties for k in known):
        return []
    return [
        Mismatch(
            "Ingen af dokumentets parter ("
            + ", ".join(f"»{p}«" for p in parties[:5])
            + (", …" if len(parties) > 5 else "")
            + ") er blandt planens organisationer. Hører dokumentet til en anden plan?",
            "parties",
        )
    ]


def _iso(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _period(plan: Plan, period: dict[str, Any]) -> list[Mismatch]:
    start, end = _iso(period.get("start")), _iso(period.get("end"))
    # The plan's span: from the start of the period in force today (the one the plan is
    # leaving, while a move waits for its grant date: `plans.period_now`) to its end.
    now = period_now(plan)
    plan_start, plan_end = now.start if now.pending else plan.period_start, plan.period_end
    if not (plan_start or plan_end) or not (start or end):
        return []
    plan_text = (
        f"{format_date(plan_start) if plan_start else '…'} – "
        f"{format_date(plan_end) if plan_end else '…'}"
    )
    text = f"{format_date(start) if start else '…'} – {format_date(end) if end else '…'}"
    before = plan_start is not None and (
        (end is not None and end < plan_start)
        or (end is None and start is not None and start < plan_start)
    )
    after = plan_end is not None and start is not None and start > plan_end
    if before or after:
        return [
            Mismatch(
                f"Aftalens periode ({text}) ligger uden for planens periode ({plan_text}). "
                "Er det en aftale fra en anden plan eller bevillingsperiode?",
                "period",
            )
        ]
    beyond = (plan_start is not None and start is not None and start < plan_start) or (
        plan_end is not None and end is not None and end > plan_end
    )
    if beyond:
        return [
            Mismatch(
                f"Aftalens periode ({text}) går ud over planens periode ({plan_text}).",
                "period",
            )
        ]
    return []
