"""The demo plan's local evaluation (our own fictional words): a forandringsteori per
indsatsområde, process goals, a year of logbook sessions, a seminar, and survey samples on
the survey figures. Loaded once; `load_demo` calls it after the follow-up demo."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.history import dated
from evaluation import services
from evaluation.models import LogbookSession, Place, Seminar, TheoryOfChange
from followup.models import Measurement, PeriodKind
from plans import revisions
from plans.models import Agreement, AgreementKind, AgreementStatus, Indicator, Plan

THEORIES: dict[str, dict[str, Any]] = {
    "Uddannelse og livschancer": {
        "results": [
            (
                "output",
                "Lektiecaféen holder åbent to eftermiddage om ugen, og sommerskolen "
                "samler de kommende skolebørn.",
                [],
            ),
            ("short", "Børnene får hjælp til lektierne og møder skolen, før den begynder.", []),
            (
                "medium",
                "Færre elever har højt fravær, og flere små børn går i dagtilbud.",
                [
                    "Andel elever i 7.-9. klasse med mere end 10 % fravær",
                    "Andel 1-5 årige i dagtilbud",
                ],
            ),
            (
                "long",
                "Flere unge fra Bakkely og Kildevang får en uddannelse.",
                [
                    "Andel elever i 7.-9. klasse med mere end 10 % fravær",
                ],
            ),
        ],
        "assumptions": [
            "Der er frivillige studerende nok hvert semester.",
            "Kildeskolen henviser fortsat elever til caféen.",
        ],
    },
    "Beskæftigelse": {
        "results": [
            ("output", "Jobcaféen har åbent hver tirsdag og besøger lokale virksomheder.", []),
            ("short", "Ledige beboere får et opdateret CV og møder arbejdsgivere.", []),
            ("medium", "Flere søger job og kommer til samtale.", []),
            (
                "long",
                "Flere beboere kommer i job eller uddannelse.",
                [
                    "Antal beboere, der via jobcaféen er startet i job eller uddannelse",
                ],
            ),
        ],
        "assumptions": ["Jobcentret stiller en konsulent til rådighed hver uge."],
    },
}

PROCESS_GOALS: dict[str, list[services.ProcessGoalInput]] = {
    "Lektiecafé i fælleshuset": [
        services.ProcessGoalInput("70 caféeftermiddage om året", Decimal(70), "year"),
        services.ProcessGoalInput(
            "mindst 6 om året om temaerne trivsel og læselyst", Decimal(6), "year", "om temaerne"
        ),
        services.ProcessGoalInput(
            "mindst 2 udflugter uden for boligområdet", Decimal(2), "year", "uden for boligområdet"
        ),
    ],
    "Jobcafé": [
        services.ProcessGoalInput("40 åbne caféer om året", Decimal(40), "year"),
        services.ProcessGoalInput(
            "et virksomhedsbesøg i hvert kvartal", Decimal(1), "quarter", "uden for boligområdet"
        ),
    ],
}

THEMES = ["Læselyst", "Trivsel", "Matematik", "Fremtidsdrømme", "Naturfag"]
GROUPS = [("Børn (0-12 år)", 0.6), ("Unge (13-17 år)", 0.4)]


def load_evaluation_demo(plan: Plan) -> None:
    """Add the evaluation demo to the demo plan, once."""
    if TheoryOfChange.objects.filter(agreement__plan=plan).exists():
        return
    User = get_user_model()
    koordinator = User.objects.get(username="koordinator")
    board = User.objects.get(username="bestyrelse")
    today = timezone.localdate()
    for agreement in Agreement.objects.filter(plan=plan, kind=AgreementKind.SUB, is_current=True):
        _theory_and_goals(agreement, koordinator, board, today)
    rng = random.Random(f"evaluation-{plan.slug}")
    for agreement in Agreement.objects.filter(plan=plan, kind=AgreementKind.SUB, is_current=True):
        for activity in agreement.activities.all():
            _logbook(agreement, activity, koordinator, rng, today)
    _survey_samples(plan)
    _seminar(plan, koordinator, today)


def _theory_and_goals(agreement: Agreement, user: Any, board: Any, today: dt.date) -> None:
    area = agreement.focus_area
    if area is None or area.name not in THEORIES:
        return
    spec = THEORIES[area.name]
    indicators = list(Indicator.objects.filter(goal__agreement=agreement))
    by_text = {i.text: i for i in indicators}
    approved = agreement.status == AgreementStatus.APPROVED
    reason = "Forandringsteori og procesmål fra kick-off-seminaret" if approved else ""

    def change() -> None:
        services.theory_save(
            agreement=agreement,
            focus_area=area,
            activities=list(agreement.activities.values_list("name", flat=True)),
            results=[
                services.ResultInput(h, text, [by_text[t] for t in linked if t in by_text])
                for h, text, linked in spec["results"]
            ],
            assumptions=spec["assumptions"],
            reviewed=dt.date(today.year, 3, 12) if dt.date(today.year, 3, 12) <= today else None,
        )
        for name, goals in PROCESS_GOALS.items():
            if activity := agreement.activities.filter(name=name).first():
                services.process_goals_save(agreement=agreement, activity=activity, goals=goals)

    # the history is dated by the story: the kick-off seminar's theory, then the board
    worked_on = min(dt.date(today.year, 3, 12), today - dt.timedelta(days=1))
    with dated(worked_on, hour=14):
        revisions.change_agreement(
            agreement=agreement,
            user=user,
            action=f"Forandringsteori for {area.name} og procesmål tilføjet",
            reason=reason,
            change=change,
        )
    if approved:
        # The board approved them with the delaftale's next version.
        sent = max(dt.date(today.year, 3, 14), agreement.approved_on or dt.date(today.year, 1, 1))
        sent = min(sent, today - dt.timedelta(days=1))
        meeting = min(sent + dt.timedelta(days=10), today - dt.timedelta(days=1))
        with dated(sent, hour=9):
            revisions.agreement_submit(agreement=agreement, user=user, reason=reason, sent_on=sent)
        with dated(meeting, hour=16):
            revisions.agreement_approve(
                agreement=agreement,
                user=board,
                meeting_date=meeting,
                meeting_reference="Bestyrelsesmøde efter seminaret",
            )


def _logbook(
    agreement: Agreement, activity: Any, user: Any, rng: random.Random, today: dt.date
) -> None:
    """A year of sessions up to today: the lektiecafé twice a week (a theme now and then, a
    trip out twice), the jobcafé every week with a company visit most quarters."""
    name = activity.name
    if LogbookSession.objects.filter(agreement=agreement, activity_key=activity.key).exists():
        return
    start = dt.date(today.year, 1, 6)
    sessions: list[services.SessionInput] = []
    weekdays: tuple[int, ...]
    if name.startswith("Lektiecafé"):
        weekdays, outside_days = (1, 3), {dt.date(today.year, 5, 21), dt.date(today.year, 9, 17)}
    elif name == "Jobcafé":
        weekdays = (1,)
        outside_days = {dt.date(today.year, m, 10) for m in (2, 5, 8)}
    else:  # the summer school: two weeks in July
        weekdays, outside_days = (0, 1, 2, 3, 4), set()
    day = start
    seen = 0
    while day < today:
        summer = day.month == 7
        school = not name.startswith("Sommerskole")
        if (day.weekday() in weekdays and (summer != school)) or day in outside_days:
            if name.startswith("Sommerskole") and day.day > 14:
                day += dt.timedelta(days=1)
                continue
            seen += 1
            outside = day in outside_days
            theme = ""
            conditions: list[str] = []
            if name.startswith("Lektiecafé") and (seen % 11 == 0 or outside):
                theme = THEMES[seen % len(THEMES)]
                conditions = ["om temaerne"] if not outside else []
            if outside:
                theme = theme or "Virksomhedsbesøg"
            total = rng.randint(9, 22) if school else rng.randint(14, 24)
            new = rng.randint(0, 3) if seen > 4 else rng.randint(4, 8)
            new = min(new, total)
            groups: dict[str, int] = {}
            if name != "Jobcafé":
                children = round(total * GROUPS[0][1])
                groups = {GROUPS[0][0]: children, GROUPS[1][0]: total - children}
            sessions.append(
                services.SessionInput(
                    date=day,
                    theme=theme,
                    place=Place.OUTSIDE if outside else Place.IN_AREA,
                    participants=total,
                    new_participants=new,
                    groups=groups,
                    conditions=conditions,
                )
            )
        day += dt.timedelta(days=1)
    if sessions:
        # entered from the logbook spreadsheet the day after its last session
        entered = min(sessions[-1].date + dt.timedelta(days=1), today - dt.timedelta(days=1))
        with dated(entered, hour=15):
            services.sessions_record(
                agreement=agreement, activity=activity, sessions=sessions, user=user
            )


def _survey_samples(plan: Plan) -> None:
    """The survey figures carry their sample: a small survey's change is within its margin."""
    for row in Measurement.objects.filter(plan=plan, period_kind=PeriodKind.SURVEY_WAVE):
        row.survey_wave = f"{row.year}-runden"
        row.survey_question = (
            "Hvor tryg føler du dig, når du går alene i dit boligområde om aftenen?"
        )
        row.survey_invited = 420
        row.survey_respondents = 168 + row.year % 7
        row.survey_weighted = True
        row.save(
            update_fields=[
                "survey_wave",
                "survey_question",
                "survey_invited",
                "survey_respondents",
                "survey_weighted",
            ]
        )
    # (The baselines keep no sample in the demo: the Word and PDF exports do not write one,
    # and the demo's exports must read back unchanged.)


def _seminar(plan: Plan, user: Any, today: dt.date) -> None:
    if Seminar.objects.filter(plan=plan).exists():
        return
    held = min(dt.date(today.year, 3, 12), today - dt.timedelta(days=1))
    employment = Agreement.objects.filter(
        plan=plan, kind=AgreementKind.SUB, focus_area__name="Beskæftigelse", is_current=True
    ).first()
    with dated(held, hour=13):
        services.seminar_record(
            plan=plan,
            held_on=held,
            roles=[
                "Boligsocial leder",
                "Børne- og ungekoordinator",
                "Repræsentant for Åbyhavn Kommune",
                "Repræsentant for Kildeskolen",
                "Frivillig fra lektiecaféen",
            ],
            data_reviewed=(
                "Logbøgerne for lektiecaféen og jobcaféen, fraværstallene fra Kildeskolen og "
                "tryghedsmålingen."
            ),
            decisions=[
                services.DecisionInput(
                    "Lektiecaféen holder fast i to eftermiddage om ugen og får flere temadage."
                ),
                services.DecisionInput(
                    "Jobcaféen lægger et virksomhedsbesøg i hvert kvartal ind i delaftalen.",
                    agreement=employment,
                    start_revision=False,
                ),
            ],
            user=user,
        )
