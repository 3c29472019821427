"""Fictional follow-up data for the demo plan: a few years of values and one board meeting.

Our own invented numbers, drawn with a fixed seed so every `load_demo` gives the same picture:
most indicators move the right way, one stands still, one goes the wrong way, one survey
indicator has waves of a fictional tryghedsmåling. Saved through the services like any value.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Role
from demo.history import dated
from followup import services
from followup.models import BoardMeeting, Measurement, PeriodKind
from followup.selectors import value_for
from lib.danish import format_percent
from plans.models import Indicator, MeasureRole, Plan, ScopeKind

# Values of year Y come with LBF's spring delivery of Boligsociale Data, on 1 March of Y + 1;
# the years before the plan were entered when the plan began.
PLAN_BEGAN = dt.date(2023, 2, 1)


def recorded_on(year: int) -> dt.date:
    """The day the demo's value for `year` was recorded (not the day the demo was loaded)."""
    return max(dt.date(year + 1, 3, 1), PLAN_BEGAN)


def _q(value: float) -> Decimal:
    return Decimal(str(round(value, 1)))


def _series(
    indicator: Indicator, rng: random.Random, years: list[int], drift: float, who: Any
) -> None:
    measures = list(indicator.measures.all())
    baseline = next((m for m in measures if m.role == MeasureRole.BASELINE), None)
    comparator = next((m for m in measures if m.role == MeasureRole.COMPARATOR), None)
    unit = indicator.unit
    start = (
        value_for(unit, *(baseline.count, baseline.percent, baseline.denominator))
        if (baseline)
        else None
    )
    area_value = float(start) if start is not None else rng.uniform(20, 60)
    comp_value = None
    if comparator is not None:
        comp = value_for(unit, comparator.count, comparator.percent, comparator.denominator)
        comp_value = float(comp) if comp is not None else None
    area_scope = (baseline.scope or "") if baseline else ""
    area_kind = baseline.scope_kind if baseline else ScopeKind.WHOLE
    for year in years:
        with dated(recorded_on(year), hour=10):
            area_value = max(0.0, area_value + drift + rng.uniform(-0.6, 0.6))
            if unit == "percent":
                area_value = min(area_value, 100.0)
                services.measurement_record(
                    confirm_outside_period=True,  # values from before the plan are its history
                    recorded_by=who,
                    indicator=indicator,
                    scope_kind=area_kind,
                    scope=area_scope,
                    year=year,
                    percent=_q(area_value),
                    source=indicator.data_source or "LBF - Boligsociale Data",
                )
            else:
                services.measurement_record(
                    confirm_outside_period=True,  # values from before the plan are its history
                    recorded_by=who,
                    indicator=indicator,
                    scope_kind=area_kind,
                    scope=area_scope,
                    year=year,
                    count=Decimal(round(area_value)),
                    source=indicator.data_source or "Egen opgørelse",
                )
            if comp_value is not None and comparator is not None and unit == "percent":
                comp_value = min(100.0, max(0.0, comp_value + rng.uniform(-0.4, 0.4)))
                services.measurement_record(
                    confirm_outside_period=True,
                    recorded_by=who,
                    indicator=indicator,
                    scope_kind=comparator.scope_kind,
                    scope=comparator.scope or "",
                    year=year,
                    percent=_q(comp_value),
                    source=indicator.data_source or "LBF - Boligsociale Data",
                )


def load_followup_demo(plan: Plan) -> None:
    """Add the demo's measurements and last year's board meeting, once."""
    if Measurement.objects.filter(plan=plan).exists():
        return
    rng = random.Random(f"followup-{plan.slug}")
    koordinator = _koordinator(plan)
    this_year = timezone.localdate().year
    indicators = list(
        Indicator.objects.filter(goal__agreement__plan=plan, goal__agreement__is_current=True)
        .select_related("goal__agreement")
        .prefetch_related("measures")
        .order_by("goal__agreement__kind", "goal__order", "order", "id")
    )
    for number, indicator in enumerate(indicators):
        first = (indicator.baseline_year or this_year - 4) + 1
        years = list(range(first, this_year))
        sign = 1 if indicator.direction != "less" else -1
        step = 1.4 if indicator.unit == "percent" else 3
        # One indicator goes the wrong way and one stands still, as in real plans.
        drift = {2: -sign * step, 4: 0.0}.get(number, sign * step)
        if "survey" in indicator.data_source.lower() and indicator.unit == "percent":
            _survey(indicator, rng, rising=indicator.direction != "less", who=koordinator)
            continue
        _series(indicator, rng, years, drift, koordinator)
    # A department with too few residents to publish: recorded, never shown.
    if indicators:
        with dated(recorded_on(this_year - 1), hour=11):
            services.measurement_record(
                indicator=indicators[0],
                scope_kind=ScopeKind.DEPARTMENT,
                scope="Afd. 12",
                year=this_year - 1,
                count=Decimal(3),
                denominator=Decimal(20),
                percent=Decimal(15),
                note="Lille afdeling: tallet vises ikke i offentliggjort materiale.",
                recorded_by=koordinator,
            )
    first_year = plan.period_start.year if plan.period_start else this_year - 1
    for year in range(first_year, this_year):
        _meeting(plan, year)


def _survey(indicator: Indicator, rng: random.Random, *, rising: bool, who: Any) -> None:
    baseline = next((m for m in indicator.baselines if m.percent is not None), None)
    value = float(baseline.percent) if baseline and baseline.percent is not None else 50.0
    first = indicator.baseline_year or 2021
    # The waves of the survey the baseline comes from (its data source), so they compare
    # with it: the wave of the baseline year is the baseline itself; the next one has moved.
    survey = indicator.data_source or "Tryghedsundersøgelse"
    for year in (first, first + 3):
        if year != first:
            value += rng.uniform(2, 4) if rising else -rng.uniform(2, 4)
        with dated(recorded_on(year), hour=10):
            services.measurement_record(
                confirm_outside_period=True,  # a wave before the plan began is its history
                recorded_by=who,
                indicator=indicator,
                period_kind=PeriodKind.SURVEY_WAVE,
                survey=survey,
                year=year,
                percent=_q(value),
                text=format_percent(_q(value)),
                source=survey,
            )


def _koordinator(plan: Plan) -> Any:
    """The koordinator records the values, writes the texts and records the meeting, as in a
    real plan, so the log and the auditor's statement name who did (not "system")."""
    return (
        get_user_model()
        .objects.filter(memberships__plan=plan, memberships__role=Role.COORDINATOR)
        .order_by("pk")
        .first()
    )


def _meeting(plan: Plan, year: int) -> None:
    if BoardMeeting.objects.filter(plan=plan, year=year).exists():
        return
    koordinator = _koordinator(plan)
    held_on = min(dt.date(year, 11, 20), timezone.localdate())
    goals = {i.goal for i in Indicator.objects.filter(goal__agreement__plan=plan)}
    # The texts are written for the board pack two weeks before the meeting.
    with dated(held_on - dt.timedelta(days=14), hour=14):
        for goal in sorted(goals, key=lambda g: g.pk):
            services.narrative_save(
                goal=goal,
                year=year,
                text=(
                    "Tallene peger overvejende i den rigtige retning. Sekretariatet fortsætter "
                    "aktiviteterne og følger særligt op på de indikatorer, der står stille."
                ),
                written_by=koordinator,
            )
    with dated(held_on, hour=17):
        services.board_meeting_record(
            plan=plan,
            year=year,
            held_on=held_on,
            attendees=(
                "Direktør, Boligselskabet Bakkely; direktør, Andelsboligforeningen Kildevang; "
                "børne- og ungechef og beskæftigelseschef, Åbyhavn Kommune; lokalpolitiet"
            ),
            decisions=(
                "Bestyrelsen tog opfølgningen til efterretning.\n"
                "Lektiecaféen udvides med en ekstra dag om ugen fra februar.\n"
                "Sekretariatet undersøger, hvorfor fraværet ikke falder, og vender tilbage i juni."
            ),
            # the demo archives no documents (rendering them would slow `load_demo`); said
            # so, as the rule of a meeting's documents asks (review4 T12)
            without_documents=True,
            recorded_by=koordinator,
        )
