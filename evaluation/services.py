"""Every write of the local evaluation (STYLE.md §1): keyword-only, one transaction, audited.

The forandringsteori and the process goals are part of an agreement: their services run inside
`plans.revisions.change_agreement` (reason rule, edit conflict, the next version of an
approved agreement, the audit entry); the callers pass through it. The logbook and the seminar
are records and write their own audit entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import ngettext

from evaluation.interchange import agreement_indicators, write_process_goals
from evaluation.models import (
    Horizon,
    LogbookSession,
    Per,
    Place,
    ProcessGoal,
    Seminar,
    SeminarDecision,
    SessionGroupCount,
    TheoryOfChange,
    TheoryResult,
    TheoryResultIndicator,
)
from lib.danish import format_date
from lib.errors import DomainError
from lib.forms import LONG, check_text_bounds
from plans.models import (
    Activity,
    Agreement,
    AgreementKind,
    AgreementStatus,
    FocusArea,
    FundingPeriod,
    Indicator,
    PeriodTransition,
)
from plans.revisions import audit, audit_write, change_agreement, read_date


def funding_period_of(agreement: Agreement) -> FundingPeriod | None:
    """The funding period an agreement belongs to: the one the plan has left, for an
    agreement of a closed period (plans.transition), else the plan's."""
    if agreement.closed_period_id is not None:
        return agreement.closed_period
    return agreement.plan.funding_period


@dataclass(frozen=True)
class DateSpan:
    """The days a date of the local evaluation may lie on (None: open at that end), and what
    to tell someone whose date lies before or after them."""

    start: dt.date | None
    end: dt.date | None
    before: str = ""  # the sentence for a date before `start`
    after: str = ""  # the sentence for a date after `end`

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    @property
    def text(self) -> str:
        return " – ".join(format_date(d) if d else "…" for d in (self.start, self.end))


def _transitions(plan: Any) -> list[PeriodTransition]:
    return list(
        PeriodTransition.objects.filter(plan_id=plan.pk)
        .select_related("from_period", "to_period")
        .order_by("made_at", "id")
    )


def plan_span(plan: Any) -> DateSpan:
    """The plan's own time: from the start of the earliest funding period it moved on from
    (plans.transition; else its own start) to its own end (else its funding period's)."""
    period = plan.funding_period
    starts = [t.previous_start for t in _transitions(plan) if t.previous_start]
    starts += [plan.period_start] if plan.period_start else []
    start = min(starts) if starts else (period.start if period else None)
    end = plan.period_end or (period.end if period else None)
    outside = (
        f"ligger uden for planens periode ({DateSpan(start, end).text}), så den indgår i "
        "ingen opfølgning. Ret datoen."
    )
    return DateSpan(start, end, outside, outside)


def logbook_span(agreement: Agreement) -> DateSpan:
    """The days an agreement's logbook holds: the one rule for where a session belongs.

    The plan's time (`plan_span`) cut by its moves into new funding periods, as the follow-up
    is (`followup.selectors.followed_span`): a period's agreements from the grant date into it
    until the day before the grant date out of it. So a session before the grant date of a
    move belongs to the closed period's logbook (which takes it, late entries too: the old
    period stays complete), a session from the grant date on to the new period's."""
    plan = agreement.plan
    period = funding_period_of(agreement)
    transitions = _transitions(plan)
    into = [t for t in transitions if period is not None and t.to_period_id == period.pk]
    out = [t for t in transitions if period is not None and t.from_period_id == period.pk]
    whole = plan_span(plan)
    start: dt.date | None
    end: dt.date | None
    if out:
        move = out[0]
        start = move.previous_start or (period.start if period else None)
        end = move.grant_date - dt.timedelta(days=1)
        after = (
            f"ligger fra bevillingsdatoen {format_date(move.grant_date)}, hvor planen gik over "
            f"i bevillingsperioden {move.to_period.code}. Skriv gangen i logbogen for "
            f"{move.to_period.code}."
        )
    else:
        start, end, after = whole.start, whole.end, whole.after
    before = whole.before
    if into:
        move = into[-1]
        start = move.grant_date
        before = (
            f"ligger før bevillingsdatoen {format_date(move.grant_date)} for bevillingsperioden "
            f"{move.to_period.code}. Gangen hører til den afsluttede periode "
            f"{move.from_period.code}: skriv den i logbogen for {move.from_period.code}."
        )
    elif start is not None and whole.start is not None and start < whole.start:
        start = whole.start
    return DateSpan(start, end, before, after)


def date_problems(
    day: dt.date,
    *,
    what: str = "Datoen",
    span: DateSpan | None = None,
    today: dt.date | None = None,
) -> list[str]:
    """What is wrong with a date of the local evaluation, in Danish (nothing: an empty list):
    the one rule the forms' date fields and the services both ask. It happened, so it is not in
    the future; with `span` (`logbook_span` of a session's agreement, `plan_span` of a
    seminar's plan), it lies within it: a date outside the plan's own time is almost always a
    mistyped year and would count in no follow-up; one on the other side of a move belongs to
    the other period's logbook."""
    today = today or timezone.localdate()
    problems = []
    if day > today:
        problems.append(f"{what} kan ikke ligge i fremtiden ({format_date(day)}).")
    if day.year < 1990:
        problems.append(f"{what} ligger før 1990.")
    if span is not None and day not in span:
        early = span.start is not None and day < span.start
        problems.append(f"{what} ({format_date(day)}) " + (span.before if early else span.after))
    return problems


@dataclass
class ResultInput:
    horizon: str
    text: str
    indicators: list[Indicator] = field(default_factory=list)


def theory_focus_areas(agreement: Agreement) -> list[FocusArea]:
    """The indsatsområder an agreement can hold a forandringsteori for."""
    if agreement.kind == AgreementKind.SUB:
        return [agreement.focus_area] if agreement.focus_area else []
    return [s.focus_area for s in agreement.focus_area_sections.select_related("focus_area")]


def _user_label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return str(user.get_full_name() or user.get_username())


@transaction.atomic
def theory_save(
    *,
    agreement: Agreement,
    focus_area: FocusArea,
    activities: Sequence[str],
    results: Sequence[ResultInput],
    assumptions: Sequence[str],
    reviewed: dt.date | None,
    by: Any = None,
    reason: str = "",
) -> TheoryOfChange:
    """Replace the agreement's forandringsteori for `focus_area`. Call through
    `change_agreement` (its entry then covers this one). Every linked indicator must be one
    of the agreement's own."""
    if focus_area not in theory_focus_areas(agreement):
        raise DomainError("Indsatsområdet hører ikke til aftalen.")
    own = {i.pk for i in agreement_indicators(agreement)}
    for result in results:
        if result.horizon not in Horizon.values:
            raise DomainError(f"Ukendt tidshorisont: »{result.horizon}«.")
        if not result.text.strip():
            raise DomainError("Et resultat skal have en tekst.")
        if any(i.pk not in own for i in result.indicators):
            raise DomainError("Et resultat kan kun måles med indikatorer fra aftalens egne mål.")
    if reviewed is not None:
        problems = date_problems(reviewed, what="Datoen for seneste gennemgang")
        if problems:
            raise DomainError(problems)
    TheoryOfChange.objects.filter(agreement=agreement, focus_area=focus_area).delete()
    theory = TheoryOfChange.objects.create(
        agreement=agreement,
        focus_area=focus_area,
        activities=[a.strip() for a in activities if a.strip()],
        assumptions=[a.strip() for a in assumptions if a.strip()],
        reviewed=reviewed,
        shown_keys=["activities", "results", "assumptions"],
    )
    for order, result in enumerate(results):
        row = TheoryResult.objects.create(
            theory=theory,
            horizon=result.horizon,
            text=result.text.strip(),
            order=order,
            shown_keys=["indicators"],
        )
        for link_order, indicator in enumerate(result.indicators):
            TheoryResultIndicator.objects.create(
                result=row, indicator=indicator, text=indicator.text, order=link_order
            )
    audit_write(
        plan=agreement.plan,
        agreement=agreement,
        user=by,
        action=f"Forandringsteori for {focus_area.name} gemt ({len(results)} resultater)",
        reason=reason,
    )
    return theory


@transaction.atomic
def theory_delete(
    *, agreement: Agreement, focus_area: FocusArea, by: Any = None, reason: str = ""
) -> None:
    TheoryOfChange.objects.filter(agreement=agreement, focus_area=focus_area).delete()
    audit_write(
        plan=agreement.plan,
        agreement=agreement,
        user=by,
        action=f"Forandringsteori for {focus_area.name} slettet",
        reason=reason,
    )


@dataclass
class ProcessGoalInput:
    text: str
    target: Decimal | None = None
    per: str = ""
    condition: str = ""


@transaction.atomic
def process_goals_save(
    *,
    agreement: Agreement,
    activity: Activity,
    goals: Sequence[ProcessGoalInput],
    by: Any = None,
    reason: str = "",
) -> list[ProcessGoal]:
    """Replace the process goals of one activity. Call through `change_agreement` (its entry
    then covers this one)."""
    _activity_or_error(agreement, activity)
    for goal in goals:
        if not goal.text.strip():
            raise DomainError("Et procesmål skal have en tekst.")
        if goal.per and goal.per not in Per.values:
            raise DomainError(f"Ukendt periode: »{goal.per}«.")
        if goal.target is not None and goal.target < 0:
            raise DomainError("Et mål kan ikke være negativt.")
    saved = write_process_goals(
        agreement=agreement,
        activity=activity,
        goals=[
            {
                "text": g.text.strip(),
                "target": g.target,
                "per": g.per or None,
                "condition": g.condition.strip() or None,
            }
            for g in goals
        ],
    )
    audit_write(
        plan=agreement.plan,
        agreement=agreement,
        user=by,
        action=f"Procesmål for »{activity.name}« gemt ({len(saved)})"[:300],
        reason=reason,
    )
    return saved


# ---------------------------------------------------------------------------------------
# The logbook


@dataclass
class SessionInput:
    """One logbook row as read and checked (counts only)."""

    date: dt.date
    theme: str
    place: str
    participants: int
    new_participants: int | None = None
    groups: dict[str, int] = field(default_factory=dict)
    conditions: list[str] = field(default_factory=list)
    row: int = 0  # the spreadsheet's row number, for messages


def check_session(
    session: SessionInput, *, span: DateSpan | None = None, today: dt.date | None = None
) -> list[str]:
    """What is wrong with one session, in Danish (nothing: an empty list); `span`: the days
    its agreement's logbook holds (`logbook_span`)."""
    problems = date_problems(session.date, span=span, today=today)
    if session.place not in Place.values:
        problems.append("Stedet skal være »i boligområdet« eller »uden for boligområdet«.")
    if session.participants < 0:
        problems.append("Antal deltagere kan ikke være negativt.")
    if session.new_participants is not None and session.new_participants > session.participants:
        problems.append("Der kan ikke være flere nye deltagere end deltagere i alt.")
    for group, count in session.groups.items():
        if count > session.participants:
            problems.append(f"Flere i målgruppen »{group}« ({count}) end deltagere i alt.")
    if len(session.theme) > 300:
        problems.append("Temaet er længere end 300 tegn.")
    return problems


def _activity_or_error(agreement: Agreement, activity: Activity) -> None:
    if (
        activity.agreement_id != agreement.pk
        or not agreement.activities.filter(pk=activity.pk).exists()
    ):
        raise DomainError(f"Aftalen har ingen aktivitet, der hedder »{activity.name}«.")


@transaction.atomic
def sessions_record(
    *, agreement: Agreement, activity: Activity, sessions: Sequence[SessionInput], user: Any
) -> list[LogbookSession]:
    """Record sessions of an activity, all or nothing: any bad row, or a session the logbook
    already has (same day and theme), saves none and names every problem by its row."""
    _activity_or_error(agreement, activity)
    if not sessions:
        raise DomainError("Der er ingen aktivitetsgange at gemme.")
    span = logbook_span(agreement)
    problems: list[str] = []
    seen: set[tuple[dt.date, str]] = set()
    existing = set(
        LogbookSession.objects.filter(agreement=agreement, activity_key=activity.key).values_list(
            "date", "theme"
        )
    )
    for s in sessions:
        where = f"Række {s.row}: " if s.row else ""
        problems += [where + p for p in check_session(s, span=span)]
        key = (s.date, s.theme.strip())
        if key in seen:
            problems.append(where + "Samme dato og tema står to gange i filen.")
        elif key in existing:
            problems.append(
                where + f"Logbogen har allerede en gang den {format_date(s.date)} med det tema."
            )
        seen.add(key)
    if problems:
        raise DomainError(problems)
    saved = []
    try:
        with transaction.atomic():
            for s in sessions:
                row = LogbookSession(
                    plan=agreement.plan,
                    agreement=agreement,
                    activity_key=activity.key,
                    date=s.date,
                    theme=s.theme.strip(),
                    place=s.place,
                    participants=s.participants,
                    new_participants=s.new_participants,
                    conditions=list(s.conditions),
                    recorded_by=user if getattr(user, "is_authenticated", False) else None,
                    recorded_by_name=_user_label(user),
                )
                row.full_clean(exclude=["plan", "agreement", "recorded_by"])
                row.save()
                for group, count in s.groups.items():
                    SessionGroupCount.objects.create(session=row, target_group=group, count=count)
                saved.append(row)
    except IntegrityError:  # a concurrent upload of the same sessions
        raise DomainError(
            "En anden har netop gemt nogle af de samme aktivitetsgange; intet er gemt. Prøv igen."
        ) from None
    audit(
        agreement=agreement,
        user=user,
        action=(
            f"Logbog for »{activity.name}«: "
            + ngettext(
                "%(n)d aktivitetsgang registreret", "%(n)d aktivitetsgange registreret", len(saved)
            )
            % {"n": len(saved)}
        )[:300],
    )
    return saved


@transaction.atomic
def session_delete(*, session: LogbookSession, user: Any, reason: str = "") -> None:
    """Delete a session from a logbook that holds its date (`logbook_span`); a session of
    days the logbook does not hold is read-only there."""
    agreement = session.agreement
    if session.date not in logbook_span(agreement):
        raise DomainError(
            f"Gangen den {format_date(session.date)} ligger uden for de dage, logbogen "
            "holder, og kan ikke slettes her."
        )
    name = (
        agreement.activities.filter(key=session.activity_key).values_list("name", flat=True).first()
    )
    label = f"Logbog for »{name or 'aktiviteten'}«: gangen {format_date(session.date)} slettet"
    session.delete()
    audit(agreement=agreement, user=user, action=label[:300], reason=reason)


# ---------------------------------------------------------------------------------------
# The yearly seminar


SEMINAR_DATE = "Seminarets dato"


@dataclass
class DecisionInput:
    text: str
    agreement: Agreement | None = None
    start_revision: bool = False


@transaction.atomic
def seminar_record(
    *,
    plan: Any,
    held_on: dt.date | str | None,
    roles: Sequence[str],
    data_reviewed: str,
    decisions: Sequence[DecisionInput],
    user: Any,
) -> Seminar:
    """Record the yearly seminar and its decisions, all or nothing. A decision that starts a
    revision makes the delaftale's next version a draft (with the decision as its reason) and
    keeps the version it started, so the revision links back to the seminar."""
    day = read_date(held_on, what=SEMINAR_DATE)
    if problems := date_problems(day, what=SEMINAR_DATE, span=plan_span(plan)):
        raise DomainError(problems)
    roles = [r.strip() for r in roles if r.strip()]
    if not roles:
        raise DomainError("Skriv mindst én rolle, der deltog (fx koordinator).")
    check_text_bounds(data_reviewed=(data_reviewed, LONG))
    if not data_reviewed.strip():
        raise DomainError("Skriv, hvilke data seminaret så på.")
    if not decisions:
        raise DomainError("Skriv mindst én beslutning.")
    for decision in decisions:
        if not decision.text.strip():
            raise DomainError("En beslutning skal have en tekst.")
        if decision.agreement is not None and decision.agreement.plan_id != plan.pk:
            raise DomainError("Beslutningen gælder en aftale i en anden plan.")
        if decision.start_revision and decision.agreement is None:
            raise DomainError("Vælg den delaftale, beslutningen skal revidere.")
    seminar = Seminar.objects.create(
        plan=plan,
        held_on=day,
        roles=roles,
        data_reviewed=data_reviewed.strip(),
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    for order, decision in enumerate(decisions):
        started, to_draft = None, False
        if decision.start_revision and decision.agreement is not None:
            started, to_draft = _start_revision(seminar, decision, user)
        SeminarDecision.objects.create(
            seminar=seminar,
            text=decision.text.strip(),
            agreement=decision.agreement,
            started_version=started,
            added_to_draft=to_draft,
            order=order,
        )
    audit(
        agreement=None,
        plan=plan,
        user=user,
        action=f"Seminar den {format_date(day)} registreret med "
        + ngettext("%(n)d beslutning", "%(n)d beslutninger", len(decisions))
        % {"n": len(decisions)},
    )
    return seminar


def _start_revision(seminar: Seminar, decision: DecisionInput, user: Any) -> tuple[int, bool]:
    """The version the decision revises, and whether it was added to a draft the agreement
    already had (an approved agreement starts its next version; a draft is that version)."""
    agreement = decision.agreement
    assert agreement is not None
    if agreement.status in (AgreementStatus.SUBMITTED, AgreementStatus.AWAITING_LBF):
        raise DomainError(
            f"»{agreement.display_title}« ligger til godkendelse; en revision kan først startes, "
            "når bestyrelsen har besluttet."
        )
    to_draft = agreement.status != AgreementStatus.APPROVED
    day = f"{format_date(seminar.held_on)}"
    change_agreement(
        agreement=agreement,
        user=user,
        action=(
            f"Seminarets beslutning den {day} føjet til kladden (version {agreement.version})"
            if to_draft
            else f"Revision startet af seminaret den {day}"
        ),
        reason=f"Besluttet på seminaret den {day}: {decision.text.strip()}",
        change=lambda: None,
        start_version=True,
    )
    return int(agreement.version), to_draft
