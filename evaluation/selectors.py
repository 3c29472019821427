"""Reads of the local evaluation (STYLE.md §2): process goals judged from the logbook, the
activity figures beside each delmål, and the indicator statuses a forandringsteori shows.

`judge_process_goal` and `activity_figures` are pure (sessions in, figures out); the rest read
the database with a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import prefetch_related_objects
from django.utils import timezone

from evaluation.interchange import process_goals_by_key, theories_by_area
from evaluation.models import LogbookSession, Per, Place, Seminar
from lib.danish import format_number
from lib.text import fold
from plans.models import Activity, Agreement, AgreementStatus, Indicator, Plan

if TYPE_CHECKING:
    from followup.selectors import FollowUp


@dataclass(frozen=True)
class SessionFacts:
    """What a process goal needs to know of a session (no database)."""

    date: dt.date
    place: str
    conditions: tuple[str, ...] = ()
    participants: int = 0
    new_participants: int | None = None
    groups: tuple[tuple[str, int], ...] = ()


PLACE_STARTS = ("i boligomr", "i omradet", "i bebyggelsen")


def is_place_condition(condition: str | None) -> bool:
    """A condition read from a session's place rather than ticked for it."""
    wanted = fold(condition or "")
    return "uden for" in wanted or wanted.startswith(PLACE_STARTS)


def session_meets(condition: str | None, session: SessionFacts) -> bool:
    """Whether a session counts for a goal with this condition. »uden for boligområdet« and
    »i boligområdet« are read from the session's place; any other condition must be ticked
    for the session (its `conditions`, a column of the logbook sheet)."""
    wanted = fold(condition or "")
    if not wanted:
        return True
    if "uden for" in wanted:
        return session.place == Place.OUTSIDE
    if wanted.startswith(PLACE_STARTS):
        return session.place == Place.IN_AREA
    return wanted in {fold(c) for c in session.conditions}


def _amount(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    return format_number(Decimal(str(value)), 0 if Decimal(str(value)) % 1 == 0 else 1)


@dataclass
class GoalProgress:
    text: str  # the goal as written
    target: Decimal | None
    per: str
    condition: str
    counted: int  # sessions that count (per year / the period), or units that reached the target
    out_of: int | None  # quarters or months judged, for per quarter / month
    met: bool | None  # None without a target
    summary: str  # »4 af 6 om temaerne i 2026«
    short: str  # »1 uden for boligområdet (mål: 1)«

    @property
    def badge(self) -> str:
        if self.met is None:
            return "badge-info"
        return "badge-success" if self.met else "badge-warning"

    @property
    def status_label(self) -> str:
        if self.met is None:
            return "uden mål"
        return "nået" if self.met else "ikke nået endnu"


def _units(per: str, year: int, today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The quarters or months of `year` that have begun by `today`."""
    if per == Per.QUARTER:
        spans = [
            (dt.date(year, m, 1), dt.date(year + (m == 10), (m + 3) % 12 or 12, 1))
            for m in (1, 4, 7, 10)
        ]
    else:
        spans = [
            (dt.date(year, m, 1), dt.date(year + (m == 12), m % 12 + 1, 1)) for m in range(1, 13)
        ]
    return [(start, end) for start, end in spans if start <= today]


def judge_process_goal(
    goal: dict[str, Any],
    sessions: Sequence[SessionFacts],
    *,
    year: int,
    today: dt.date,
    period_start: dt.date | None = None,
) -> GoalProgress:
    """A process goal (the format's dict) judged from the activity's sessions in `year`."""
    condition = str(goal.get("condition") or "")
    target = None if goal.get("target") is None else Decimal(str(goal["target"]))
    per = str(goal.get("per") or "")
    counting = [s for s in sessions if session_meets(condition, s)]
    what = f" {condition}" if condition else ""
    out_of: int | None = None
    if per in (Per.QUARTER, Per.MONTH):
        units = _units(per, year, today)
        per_unit = [sum(1 for s in counting if a <= s.date < b) for a, b in units]
        unit_name = "kvartaler" if per == Per.QUARTER else "måneder"
        out_of = len(units)
        if target is None:
            counted = sum(per_unit)
            summary = f"{counted}{what} i {year}"
            short = summary
            met = None
        else:
            counted = sum(1 for n in per_unit if n >= target)
            summary = (
                f"{counted} af {out_of} {unit_name} med mindst {_amount(target)}{what} i {year}"
            )
            short = summary
            met = out_of > 0 and counted == out_of
        return GoalProgress(
            str(goal.get("text") or ""),
            target,
            per,
            condition,
            counted,
            out_of,
            met,
            summary,
            short,
        )
    if per == Per.PERIOD:
        end = dt.date(year, 12, 31)
        counted = sum(
            1
            for s in counting
            if s.date <= end and (period_start is None or s.date >= period_start)
        )
        when = f"i perioden til og med {year}"
    else:
        counted = sum(1 for s in counting if s.date.year == year)
        when = f"i {year}"
    if target is None:
        summary = f"{counted}{what} {when}"
        short = summary
        met = None
    else:
        summary = f"{counted} af {_amount(target)}{what} {when}"
        short = f"{counted}{what} (mål: {_amount(target)})"
        met = counted >= target
    return GoalProgress(
        str(goal.get("text") or ""), target, per, condition, counted, out_of, met, summary, short
    )


@dataclass
class ActivityFigures:
    name: str
    year: int
    sessions: int = 0
    outside: int = 0
    participants: int = 0
    new_participants: int = 0
    groups: list[tuple[str, int]] = field(default_factory=list)
    goals: list[GoalProgress] = field(default_factory=list)
    unlinked: bool = False  # the activity names no delmål; shown with the delaftale's first
    threshold: int = 5

    @property
    def summary(self) -> str:
        """»4 af 6 om temaerne i 2026, 1 uden for boligområdet (mål: 1)«."""
        if not self.goals:
            return ""
        return ", ".join([self.goals[0].summary] + [g.short for g in self.goals[1:]])

    def people(self, n: int) -> str:
        """A count of people as published: under the threshold it is not shown."""
        if 0 < n < self.threshold:
            return f"under {self.threshold}"
        return format_number(Decimal(n), 0)

    @property
    def participants_text(self) -> str:
        return self.people(self.participants)

    @property
    def new_text(self) -> str:
        return self.people(self.new_participants)

    @property
    def groups_text(self) -> str:
        return ", ".join(f"{name}: {self.people(n)}" for name, n in self.groups)

    @property
    def figures_text(self) -> str:
        """»Nabocaféen: 38 gange i 2026, heraf 2 uden for boligområdet · 412 deltagere, 57 nye«."""
        text = f"{self.name}: {self.sessions} gang{'e' if self.sessions != 1 else ''} i {self.year}"
        if self.outside:
            text += f", heraf {self.outside} uden for boligområdet"
        if self.sessions:
            text += f" · {self.participants_text} fremmøder, {self.new_text} nye deltagere"
        if self.groups:
            text += f" · {self.groups_text}"
        return text

    @property
    def lines(self) -> list[str]:
        """The activity as the yearly follow-up document writes it."""
        lines = [
            self.figures_text + (" (ikke knyttet til et bestemt delmål)" if self.unlinked else "")
        ]
        if self.goals:
            lines.append(f"Procesmål: {self.summary}")
            lines += [f"{g.text}: {g.summary} ({g.status_label})" for g in self.goals]
        return lines


def activity_figures(
    name: str,
    sessions: Sequence[SessionFacts],
    goals: Sequence[dict[str, Any]],
    *,
    year: int,
    today: dt.date,
    period_start: dt.date | None = None,
    threshold: int = 5,
) -> ActivityFigures:
    """The year's figures of one activity and its process goals judged (pure)."""
    of_year = [s for s in sessions if s.date.year == year]
    groups: dict[str, int] = defaultdict(int)
    for s in of_year:
        for group, n in s.groups:
            groups[group] += n
    return ActivityFigures(
        name=name,
        year=year,
        sessions=len(of_year),
        outside=sum(1 for s in of_year if s.place == Place.OUTSIDE),
        participants=sum(s.participants for s in of_year),
        new_participants=sum(s.new_participants or 0 for s in of_year),
        groups=sorted(groups.items()),
        goals=[
            judge_process_goal(g, sessions, year=year, today=today, period_start=period_start)
            for g in goals
        ],
        threshold=threshold,
    )


def _facts(session: LogbookSession) -> SessionFacts:
    return SessionFacts(
        date=session.date,
        place=session.place,
        conditions=tuple(session.conditions or ()),
        participants=session.participants,
        new_participants=session.new_participants,
        groups=tuple((g.target_group, g.count) for g in session.groups.all()),
    )


def sessions_by_activity(
    agreements: Iterable[Agreement],
) -> dict[tuple[int, uuid.UUID], list[SessionFacts]]:
    """(agreement id, activity key) → its sessions. Two queries."""
    result: dict[tuple[int, uuid.UUID], list[SessionFacts]] = defaultdict(list)
    for session in LogbookSession.objects.filter(agreement__in=list(agreements)).prefetch_related(
        "groups"
    ):
        result[(session.agreement_id, session.activity_key)].append(_facts(session))
    return result


def activity_sessions(agreement: Agreement, activity: Activity) -> list[LogbookSession]:
    return list(
        LogbookSession.objects.filter(agreement=agreement, activity_key=activity.key)
        .prefetch_related("groups")
        .order_by("-date", "-id")
    )


def logbook_years(agreement: Agreement, activity: Activity, *, today: dt.date) -> list[int]:
    """The years an activity's logbook can show, newest first: every year of the days its
    agreement's logbook holds (`services.logbook_span`) up to this year, and any year it has a
    session in."""
    from evaluation.services import logbook_span

    span = logbook_span(agreement)
    last = today.year
    if span.end is not None:
        last = min(last, span.end.year)
    first = span.start.year if span.start is not None else last - 5
    years = set(range(first, last + 1)) if first <= last else {first}  # a period to come
    years |= {
        d.year
        for d in LogbookSession.objects.filter(
            agreement=agreement, activity_key=activity.key
        ).dates("date", "year")
    }
    return sorted(years, reverse=True)


def version_activities(
    version: Sequence[dict[str, Any]], working: Sequence[Activity]
) -> list[Activity | None]:
    """The working copy's activity each activity of a version (the format's dicts, which name
    them) is: the one of its name; an activity renamed since (a name the version has and the
    working copy has not) is the working copy's activity, in the same order, whose name the
    version has not. None: removed since."""
    names = {str(a.get("name") or "") for a in version}
    by_name: dict[str, Activity] = {}
    for activity in working:
        by_name.setdefault(activity.name, activity)
    renamed = [a for a in working if a.name not in names]
    return [
        by_name.get(str(a.get("name") or "")) or (renamed.pop(0) if renamed else None)
        for a in version
    ]


def earlier_logbooks(agreement: Agreement, activity: Activity) -> list[Activity]:
    """The same activity in the plan's agreements of funding periods it has left (a move
    carries an activity's key over, plans.transition): their logbooks hold its earlier years."""
    return list(
        Activity.objects.filter(
            key=activity.key,
            agreement__plan_id=agreement.plan_id,
            agreement__closed_period__isnull=False,
        )
        .exclude(pk=activity.pk)
        .select_related("agreement__closed_period")
        .order_by("-agreement__closed_period__start", "-id")
    )


def _live_activities(agreement: Agreement) -> list[dict[str, Any]]:
    """The working copy's activities as the format has them, with the delmål they name
    (own goal texts and linked delmål), and their keys."""
    goals = process_goals_by_key(agreement)
    return [
        {
            "key": a.key,
            "name": a.name,
            "goals": list(a.own_goals or []) + [g.text for g in a.linked_goals.all()],
            "process_goals": goals.get(a.key, []),
        }
        for a in agreement.activities.all()
    ]


def attach_activity_figures(
    follow: FollowUp,
    *,
    today: dt.date | None = None,
    in_force: dict[int, Any] | None = None,
) -> None:
    """Put each delmål's activity figures and process goals on its GoalView (`activities`):
    the activities of the version shown (the version in force, `in_force` by agreement id,
    else the agreement's own rows) that name the delmål; those that name none go with the
    delaftale's first delmål. Four queries (five with sessions), whatever the plan's size."""
    from followup.selectors import suppress_below

    today = today or timezone.localdate()
    threshold = suppress_below()
    in_force = in_force or {}
    follow.seminars = plan_seminars(follow.plan, year=follow.year)
    views = list(follow.goals) + [g for p in follow.pending for g in p.goals]
    live: dict[int, Agreement] = {}
    for view in views:
        if not view.agreement.is_strategic:
            live.setdefault(view.agreement.pk, view.agreement)
    if not live:
        return
    prefetch_related_objects(list(live.values()), "activities__linked_goals", "process_goals")
    sessions = sessions_by_activity(live.values())
    for pk, agreement in live.items():
        goal_views = [v for v in views if v.agreement.pk == pk]
        if agreement.status != AgreementStatus.APPROVED and pk in in_force:
            snapshot = in_force[pk].snapshot
            version = list(snapshot.get("activities") or [])
            found = version_activities(version, list(agreement.activities.all()))
            # A version names an activity's own delmål and (since plans.revisions keeps
            # them) the delaftale's delmål it serves, `activity_goals`: the version in
            # force's links, whatever a draft has relinked since. A version from before
            # names none: the working copy's links (Activity.linked_goals).
            kept = snapshot.get("activity_goals")
            links = {a["name"]: list(a["goals"]) for a in kept or []}
            activities = [
                {
                    **a,
                    "goals": list(a.get("goals") or []) + links.get(a.get("name") or "", []),
                    "key": same.key if same is not None else None,
                    "goal_ids": (
                        [g.pk for g in same.linked_goals.all()]
                        if same is not None and kept is None
                        else []
                    ),
                }
                for a, same in zip(version, found, strict=True)
            ]
        else:
            activities = _live_activities(agreement)
        for activity in activities:
            name = activity.get("name", "")
            figures = activity_figures(
                name,
                sessions.get((pk, activity["key"]), []) if activity["key"] else [],
                activity.get("process_goals") or [],
                year=follow.year,
                today=today,
                period_start=agreement.period_start,
                threshold=threshold,
            )
            named = {fold(t) for t in activity.get("goals") or []}
            ids = set(activity.get("goal_ids") or [])
            targets = [
                v
                for v in goal_views
                if fold(v.goal.text) in named or (v.goal.pk is not None and v.goal.pk in ids)
            ]
            if not targets:
                figures.unlinked = True
                targets = goal_views[:1]
            for view in targets:
                view.activities.append(figures)


def indicator_statuses(plan: Plan) -> dict[str, tuple[str, str]]:
    """folded indicator text → (status label, status) of the plan's indicators, as the
    follow-up judges them this year (the fixed queries of `plan_followup`)."""
    from followup.selectors import plan_followup

    follow = plan_followup(plan, narratives=False)
    result: dict[str, tuple[str, str]] = {}
    for view in follow.indicators:
        result.setdefault(fold(view.indicator.text), (view.status.label, str(view.status.status)))
    return result


def agreement_indicator_statuses(agreement: Agreement) -> dict[str, tuple[str, str]]:
    """What a forandringsteori of `agreement` shows for its indicators: the plan's follow-up
    this year; for an agreement of a funding period the plan has left (plans.transition), its
    own indicators judged from their own values, as they stood when the period closed (the
    plan's follow-up now judges the new period's indicators, which have no values yet)."""
    if agreement.closed_period_id is None:
        return indicator_statuses(agreement.plan)
    from followup.selectors import _current_rows, indicator_view, suppress_below

    plan = agreement.plan
    indicators = list(
        Indicator.objects.filter(goal__agreement=agreement)
        .select_related("goal")
        .prefetch_related("measures")
        .order_by("goal__order", "order", "id")
    )
    rows = _current_rows(plan)
    threshold = suppress_below()
    result: dict[str, tuple[str, str]] = {}
    for indicator in indicators:
        view = indicator_view(
            indicator, indicator.goal, plan, rows.get(indicator.pk, []), threshold
        )
        result.setdefault(fold(indicator.text), (view.status.label, str(view.status.status)))
    return result


def agreement_theories(agreement: Agreement) -> dict[str, dict[str, Any]]:
    """The working copy's forandringsteorier by focus area name."""
    full = Agreement.objects.prefetch_related(
        "theories__focus_area", "theories__results__indicator_links__indicator"
    ).get(pk=agreement.pk)
    return theories_by_area(full)


def theories_of_data(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(focus area, theory) of an agreement in the interchange format (a snapshot)."""
    found = []
    if data.get("theory_of_change"):
        found.append((str(data.get("focus_area") or ""), data["theory_of_change"]))
    for section in data.get("focus_areas") or []:
        if section.get("theory_of_change"):
            found.append((str(section.get("name") or ""), section["theory_of_change"]))
    return found


def plan_seminars(plan: Plan, *, year: int | None = None) -> list[Seminar]:
    qs = Seminar.objects.filter(plan=plan).prefetch_related("decisions__agreement")
    if year is not None:
        qs = qs.filter(held_on__year=year)
    return list(qs)
