"""Reads of the agreement chain (STYLE.md §2): the plan page and the interchange export."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from lib.text import fold
from plans import interchange as ix
from plans.models import (
    Activity,
    Agreement,
    AgreementKind,
    Department,
    FundingPeriod,
    Goal,
    HousingArea,
    Indicator,
    Measure,
    MeasureRole,
    Plan,
    ScopeKind,
)

CHAIN_PREFETCH = (
    "parties",
    "focus_area_sections__focus_area",
    "goals__indicators__measures",
    "goals__lbf_goal",
    "activities__linked_goals",
    "staff",
    # evaluation: the forandringsteori and the process goals (part of the agreement)
    "theories__focus_area",
    "theories__results__indicator_links__indicator",
    "process_goals",
)


def plan_agreements(
    plan: Plan,
    agreements: QuerySet[Agreement] | None = None,
    *,
    closed_period: FundingPeriod | None = None,
) -> list[Agreement]:
    """The plan's current agreements with their whole chain, strategic agreement first; with
    `closed_period`, those of that period the plan has left instead (plans.transition).

    Costs a fixed number of queries (one per level of the chain), whatever the plan's size.
    """
    qs = agreements if agreements is not None else Agreement.objects.filter(plan=plan)
    qs = qs.filter(closed_period=closed_period) if closed_period else qs.filter(is_current=True)
    return list(
        qs.select_related("focus_area", "plan__funding_period")
        .prefetch_related(*CHAIN_PREFETCH)
        .order_by("kind", "focus_area__order", "id")
    )


def plan_housing_areas(plan: Plan) -> list[HousingArea]:
    return list(
        HousingArea.objects.filter(plan=plan).prefetch_related(
            Prefetch("departments", queryset=Department.objects.select_related("organisation"))
        )
    )


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def agreement_to_interchange(agreement: Agreement) -> ix.Agreement:
    """The agreement in the interchange format. Expects `with_chain()` prefetches for speed."""
    activities = list(agreement.activities.all())
    listed = sorted((a for a in activities if a.in_list), key=lambda a: a.list_order)
    sheets = sorted((a for a in activities if a.has_sheet), key=lambda a: a.order)
    housing_areas: list[ix.HousingArea] = []
    if agreement.kind == AgreementKind.STRATEGIC:
        housing_areas = [
            ix.HousingArea(
                name=area.name,
                departments=[
                    ix.Department(
                        number=d.number,
                        organisation=d.organisation_text
                        or (d.organisation.name if d.organisation else None),
                    )
                    for d in area.departments.all()
                ],
            )
            for area in plan_housing_areas(agreement.plan)
        ]
    from evaluation.interchange import process_goals_by_activity, theories_by_area
    from evaluation.services import funding_period_of  # the agreement's own period (F34)

    theories = theories_by_area(agreement)
    process_goals = process_goals_by_activity(agreement)
    return ix.Agreement(
        kind=agreement.kind,
        funding_period=period.code if (period := funding_period_of(agreement)) else None,
        title=agreement.title or None,
        focus_area=agreement.focus_area.name if agreement.focus_area else None,
        initiative=agreement.initiative or None,
        period=ix.Period(start=agreement.period_start, end=agreement.period_end),
        parties=[p.name for p in agreement.parties.all()],
        goals=[
            ix.Goal(
                text=goal.text,
                indicators=[
                    ix.Indicator(
                        text=ind.text,
                        baselines=[_measure(m) for m in ind.baselines],
                        comparators=[_measure(m) for m in ind.comparators],
                        baseline_year=ind.baseline_year,
                        data_source=ind.data_source or None,
                        unit=ind.unit,
                        direction=ind.direction,
                    )
                    for ind in goal.indicators.all()
                ],
            )
            for goal in agreement.goals.all()
        ],
        activity_names=[a.name for a in listed],
        activities=[_activity(a, process_goals) for a in sheets],
        staff=[
            ix.Staff(
                text=s.text,
                role=s.role or None,
                share_percent=_number(s.share_percent),
                hours_per_year=_number(s.hours_per_year),
            )
            for s in agreement.staff.all()
        ],
        municipal_coherence=agreement.municipal_coherence or None,
        revision=agreement.revision_text or None,
        housing_areas=housing_areas,
        vision=agreement.vision or None,
        organisation=agreement.organisation or None,
        focus_areas=[
            ix.FocusAreaSection(
                name=s.focus_area.name,
                problem_complex=s.problem_complex or None,
                theory_of_change=theories.get(s.focus_area.name) or None,
            )
            for s in agreement.focus_area_sections.all()
        ],
        local_evaluation=agreement.local_evaluation or None,
        theory_of_change=(
            theories.get(agreement.focus_area.name) if agreement.focus_area else None
        ),
    )


def _measure(m: Any) -> ix.Measure:
    return ix.Measure(
        text=m.text,
        scope=m.scope,
        percent=_number(m.percent),
        count=_number(m.count),
        denominator=_number(m.denominator),
        year=m.year,
        scope_kind=m.scope_kind or None,
        survey=_survey(m),
    )


def _survey(m: Any) -> dict[str, Any] | None:
    """A baseline's survey sample (evaluation), None for a figure from no survey."""
    values = {
        "series": m.survey_series or None,
        "wave": m.survey_wave or None,
        "question": m.survey_question or None,
        "invited": m.survey_invited,
        "respondents": m.survey_respondents,
        "weighted": True if m.survey_weighted else None,
    }
    values = {k: v for k, v in values.items() if v is not None}
    return values or None


def _activity(a: Activity, process_goals: dict[str, list[dict[str, Any]]]) -> ix.Activity:
    return ix.Activity(
        name=a.name,
        purpose=a.purpose or None,
        goals=list(a.own_goals or []),
        target_groups=a.target_groups or None,
        content=a.content or None,
        responsibilities=a.responsibilities or None,
        process_goals=list(process_goals.get(a.name) or []),
    )


def plan_export(plan: Plan) -> list[dict[str, Any]]:
    """Every current agreement of the plan as interchange JSON dicts."""
    return [agreement_to_interchange(a).to_dict() for a in plan_agreements(plan)]


# ---------------------------------------------------------------------------------------
# A version's goals as rows: the one rule that says which live row a snapshot's item is


VersionIndicator = tuple[Indicator, list[Measure]]


def version_goals(
    agreement: Agreement, snapshot: dict[str, Any]
) -> list[tuple[Goal, list[VersionIndicator]]]:
    """The goals and indicators of one version of `agreement` (its snapshot, the interchange
    document `plans.revisions` keeps) as unsaved model objects, each carrying the primary key
    of the live row it is, so the measurements recorded on that row and its narratives attach
    to it: the follow-up shows the version in force this way, and a move into a new period
    continues the live indicators from it (`plans.transition`).

    A snapshot item is the live row of the same text, else the one in the same place; a live
    row is taken once (two indicators of the same wording stay two). An item with no live row
    has no primary key. Each indicator comes with its baselines and comparators as unsaved
    `Measure`s; a figure the snapshot gives without its scope kind (an older version) takes
    the live figure's in the same place, else the whole area (a comparator: the
    municipality). Needs `goals__indicators__measures` prefetched for no queries.
    """
    from evaluation.interchange import survey_fields

    live_goals = list(agreement.goals.all())
    taken_goals: set[int] = set()
    result = []
    for gi, data in enumerate(snapshot.get("goals") or []):
        live_goal = _live_row(live_goals, data.get("text", ""), gi, taken_goals)
        goal = Goal(
            pk=live_goal.pk if live_goal else None,
            agreement=agreement,
            text=data.get("text", ""),
            lbf_goal_id=live_goal.lbf_goal_id if live_goal else None,
        )
        live_indicators = list(live_goal.indicators.all()) if live_goal else []
        taken: set[int] = set()
        indicators = []
        for ii, ind in enumerate(data.get("indicators") or []):
            live = _live_row(live_indicators, ind.get("text", ""), ii, taken)
            indicator = Indicator(
                pk=live.pk if live else None,
                goal=goal,
                text=ind.get("text", ""),
                unit=ind.get("unit") or (live.unit if live else "other"),
                direction=ind.get("direction") or (live.direction if live else "more"),
                data_source=ind.get("data_source") or "",
                baseline_year=ind.get("baseline_year"),
                lbf_indicator_id=live.lbf_indicator_id if live else None,
            )
            live_measures = list(live.measures.all()) if live else []
            measures = []
            for role, key in (
                (MeasureRole.BASELINE, "baselines"),
                (MeasureRole.COMPARATOR, "comparators"),
            ):
                same_role = [m for m in live_measures if m.role == role]
                for mi, m in enumerate(ind.get(key) or []):
                    kind = m.get("scope_kind") or (
                        same_role[mi].scope_kind
                        if mi < len(same_role)
                        else ScopeKind.WHOLE
                        if role == MeasureRole.BASELINE
                        else ScopeKind.MUNICIPALITY
                    )
                    measures.append(
                        Measure(
                            role=role,
                            scope_kind=kind,
                            scope=m.get("scope"),
                            text=m.get("text", ""),
                            count=_decimal(m.get("count")),
                            percent=_decimal(m.get("percent")),
                            denominator=_decimal(m.get("denominator")),
                            year=m.get("year"),
                            **survey_fields(m.get("survey")),
                        )
                    )
            indicators.append((indicator, measures))
        result.append((goal, indicators))
    return result


def _live_row(items: list[Any], text: str, index: int, taken: set[int]) -> Any | None:
    """The live row a snapshot item is (see `version_goals`); marks it taken."""
    wanted = fold(text)
    free = [i for i in items if i.pk not in taken]
    row = next((i for i in free if fold(i.text) == wanted), None)
    if row is None and index < len(items) and items[index].pk not in taken:
        row = items[index]
    if row is not None:
        taken.add(row.pk)
    return row


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))
