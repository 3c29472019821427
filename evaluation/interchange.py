"""The forandringsteori and the process goals in the interchange format (format 2).

`theory_dict` / `process_goal_dict` write the format's dicts from the rows; `save_from_interchange`
writes the rows from an `ix.Agreement`. An optional key the loaded document left out stays
out, and one it gave as empty (`"indicators": []`, `"condition": null`) is given back, so a
load followed by an export returns the document unchanged (`shown_keys`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from evaluation.models import (
    ProcessGoal,
    TheoryOfChange,
    TheoryResult,
    TheoryResultIndicator,
)
from lib.errors import DomainError
from lib.text import fold
from plans import interchange as ix
from plans.models import Activity, Agreement, AgreementKind, FocusArea, Indicator

THEORY_KEYS = ("activities", "results", "assumptions", "reviewed")
RESULT_KEYS = ("indicators",)
GOAL_KEYS = ("target", "per", "condition")


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _with_keys(
    values: dict[str, Any], shown: list[str], optional: tuple[str, ...]
) -> dict[str, Any]:
    """`values` without the optional keys that are empty and not in `shown`."""
    return {
        k: v
        for k, v in values.items()
        if k not in optional or k in shown or v not in (None, "", [], {})
    }


def theory_dict(theory: TheoryOfChange) -> dict[str, Any]:
    """One forandringsteori as the format's `theory_of_change` object (uses prefetches)."""
    results = []
    for result in theory.results.all():
        links = list(result.indicator_links.all())
        results.append(
            _with_keys(
                {
                    "horizon": result.horizon,
                    "text": result.text,
                    "indicators": [link.label for link in links],
                },
                list(result.shown_keys or []),
                RESULT_KEYS,
            )
        )
    return _with_keys(
        {
            "activities": list(theory.activities or []),
            "results": results,
            "assumptions": list(theory.assumptions or []),
            "reviewed": theory.reviewed.isoformat() if theory.reviewed else None,
        },
        list(theory.shown_keys or []),
        THEORY_KEYS,
    )


def process_goal_dict(goal: ProcessGoal) -> dict[str, Any]:
    return _with_keys(
        {
            "text": goal.text,
            "target": _number(goal.target),
            "per": goal.per or None,
            "condition": goal.condition or None,
        },
        list(goal.shown_keys or []),
        GOAL_KEYS,
    )


def theories_by_area(agreement: Agreement) -> dict[str, dict[str, Any]]:
    """focus area name → `theory_of_change` of the agreement (uses prefetches)."""
    return {t.focus_area.name: theory_dict(t) for t in agreement.theories.all()}


def process_goals_by_key(agreement: Agreement) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """activity key → its `process_goals` (uses prefetches)."""
    result: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for goal in sorted(agreement.process_goals.all(), key=lambda g: (g.order, g.pk)):
        result.setdefault(goal.activity_key, []).append(process_goal_dict(goal))
    return result


def process_goals_by_activity(agreement: Agreement) -> dict[str, list[dict[str, Any]]]:
    """activity name → its `process_goals`, as the format names activities (uses prefetches;
    of two activities of one name, the first)."""
    by_key = process_goals_by_key(agreement)
    result: dict[str, list[dict[str, Any]]] = {}
    for activity in agreement.activities.all():
        if activity.key in by_key:
            result.setdefault(activity.name, by_key[activity.key])
    return result


# ---------------------------------------------------------------------------------------
# Writing


def agreement_indicators(agreement: Agreement) -> list[Indicator]:
    return list(
        Indicator.objects.filter(goal__agreement=agreement).order_by("goal__order", "order", "id")
    )


def indicator_by_text(indicators: list[Indicator], text: str) -> Indicator | None:
    wanted = fold(text)
    return next((i for i in indicators if fold(i.text) == wanted), None)


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def write_theory(
    *,
    agreement: Agreement,
    focus_area: FocusArea,
    data: dict[str, Any],
    indicators: list[Indicator],
) -> TheoryOfChange:
    """Replace the agreement's forandringsteori for `focus_area` by `data` (format dict)."""
    TheoryOfChange.objects.filter(agreement=agreement, focus_area=focus_area).delete()
    theory = TheoryOfChange.objects.create(
        agreement=agreement,
        focus_area=focus_area,
        activities=[str(a) for a in data.get("activities") or []],
        assumptions=[str(a) for a in data.get("assumptions") or []],
        reviewed=_date(data.get("reviewed")),
        shown_keys=[k for k in THEORY_KEYS if k in data],
    )
    for order, raw in enumerate(data.get("results") or []):
        result = TheoryResult.objects.create(
            theory=theory,
            horizon=raw["horizon"],
            text=raw["text"],
            order=order,
            shown_keys=[k for k in RESULT_KEYS if k in raw],
        )
        for link_order, text in enumerate(raw.get("indicators") or []):
            TheoryResultIndicator.objects.create(
                result=result,
                indicator=indicator_by_text(indicators, str(text)),
                text=str(text),
                order=link_order,
            )
    return theory


def write_process_goals(
    *, agreement: Agreement, activity: Activity, goals: list[dict[str, Any]]
) -> list[ProcessGoal]:
    """Replace the process goals of one activity by `goals` (format dicts)."""
    ProcessGoal.objects.filter(agreement=agreement, activity_key=activity.key).delete()
    saved = []
    for order, raw in enumerate(goals):
        target = raw.get("target")
        goal = ProcessGoal(
            agreement=agreement,
            activity_key=activity.key,
            text=str(raw.get("text") or ""),
            target=None if target is None else Decimal(str(target)),
            per=raw.get("per") or "",
            condition=raw.get("condition") or "",
            order=order,
            shown_keys=[k for k in GOAL_KEYS if k in raw],
        )
        goal.full_clean(exclude=["agreement"])
        goal.save()
        saved.append(goal)
    return saved


SampleKey = tuple[str, str, str | None, int | None]


def _sample_key(indicator_text: str, role: str, scope: str | None, year: int | None) -> SampleKey:
    return (fold(indicator_text), role, scope, year)


def survey_samples_of(agreement: Agreement) -> dict[SampleKey, dict[str, Any]]:
    """The survey samples of an agreement's baselines and comparators, by figure."""
    from plans.models import Measure

    result: dict[SampleKey, dict[str, Any]] = {}
    for m in Measure.objects.filter(indicator__goal__agreement=agreement).select_related(
        "indicator"
    ):
        fields = {k: getattr(m, k) for k in survey_fields(None)}
        if any(fields.values()):
            result[_sample_key(m.indicator.text, m.role, m.scope, m.year)] = fields
    return result


def save_from_interchange(
    *,
    agreement: Agreement,
    data: ix.Agreement,
    samples: dict[SampleKey, dict[str, Any]] | None = None,
) -> None:
    """Write the document's forandringsteori and process goals onto the agreement (called
    right after `plans.services.agreement_save_from_interchange`, in its transaction).

    What the document gives replaces what the agreement had; what it leaves out is kept, as a
    figure's scope kind is: a Word or PDF reading that finds no forandringsteori (or no
    process goals for an activity) does not erase the one the plan keeps. Parts whose
    indsatsområde or activity the agreement no longer has go with it.
    """
    indicators = agreement_indicators(agreement)
    if agreement.kind == AgreementKind.SUB:
        TheoryOfChange.objects.filter(agreement=agreement).exclude(
            focus_area=agreement.focus_area
        ).delete()
        if data.theory_of_change and agreement.focus_area:
            write_theory(
                agreement=agreement,
                focus_area=agreement.focus_area,
                data=data.theory_of_change,
                indicators=indicators,
            )
    if agreement.kind == AgreementKind.STRATEGIC:
        areas = {
            s.focus_area.name: s.focus_area
            for s in agreement.focus_area_sections.select_related("focus_area")
        }
        TheoryOfChange.objects.filter(agreement=agreement).exclude(
            focus_area__in=list(areas.values())
        ).delete()
        for section in data.focus_areas:
            if section.theory_of_change and section.name in areas:
                write_theory(
                    agreement=agreement,
                    focus_area=areas[section.name],
                    data=section.theory_of_change,
                    indicators=indicators,
                )
    _save_survey_samples(agreement, data, samples or {})
    activities = list(agreement.activities.order_by("-order", "-id"))
    ProcessGoal.objects.filter(agreement=agreement).exclude(
        activity_key__in=[a.key for a in activities]
    ).delete()
    by_name = {a.name: a for a in activities}  # of a repeated name, the first
    for sheet in data.activities:
        if sheet.process_goals and sheet.name in by_name:
            write_process_goals(
                agreement=agreement, activity=by_name[sheet.name], goals=sheet.process_goals
            )


def survey_fields(survey: dict[str, Any] | None) -> dict[str, Any]:
    """A format `survey` object as plans.Measure's survey fields."""
    survey = survey or {}

    def count(key: str) -> int | None:
        value = survey.get(key)
        return int(value) if isinstance(value, int | float) and value >= 0 else None

    return {
        "survey_series": str(survey.get("series") or "")[:200],
        "survey_wave": str(survey.get("wave") or "")[:100],
        "survey_question": str(survey.get("question") or ""),
        "survey_invited": count("invited"),
        "survey_respondents": count("respondents"),
        "survey_weighted": bool(survey.get("weighted")),
    }


def _save_survey_samples(
    agreement: Agreement, data: ix.Agreement, kept: dict[SampleKey, dict[str, Any]]
) -> None:
    """Put each baseline's and comparator's survey sample on the row the chain saved for it
    (same indicator, role, scope and year): the document's own, else the one it had."""
    from plans.models import Measure

    rows = {
        _sample_key(r.indicator.text, r.role, r.scope, r.year): r
        for r in Measure.objects.filter(indicator__goal__agreement=agreement).select_related(
            "indicator"
        )
    }
    for goal in data.goals:
        for ind in goal.indicators:
            for role, measures in (("baseline", ind.baselines), ("comparator", ind.comparators)):
                for m in measures:
                    key = _sample_key(ind.text, role, m.scope, m.year)
                    row = rows.get(key)
                    if row is None:
                        continue
                    fields = survey_fields(m.survey) if m.survey else kept.get(key)
                    if not fields:
                        continue
                    invited, answered = fields["survey_invited"], fields["survey_respondents"]
                    if invited is not None and answered is not None and answered > invited:
                        raise DomainError(
                            f"»{ind.text}«: flere svarpersoner ({answered}) end inviterede "
                            f"({invited}) i surveyen."
                        )
                    for name, value in fields.items():
                        setattr(row, name, value)
                    row.save(update_fields=list(fields))
