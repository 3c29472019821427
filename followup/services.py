"""Every write of the yearly follow-up (STYLE.md §1): typed, keyword-only, one transaction.

Measurements are append-only: `measurement_record` adds the first value of a key (indicator,
scope, period), `measurement_correct` adds a row that supersedes the current one with a
reason. `measurements_import` checks every row of a sheet first and saves nothing from a file
with errors unless asked to save the good rows. Failures raise `DomainError` in Danish.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from followup.models import (
    BoardMeeting,
    FollowUpDocument,
    GoalNarrative,
    Measurement,
    PeriodKind,
)
from followup.tabular import SheetRow
from lib.danish import format_number
from lib.errors import DomainError, messages_of
from lib.text import fold
from plans.models import Goal, Indicator, Plan, ScopeKind

_CONSTRAINT_MESSAGES = {
    "measurement_one_first_value_per_key": (
        "Indikatoren har allerede en værdi for dette omfang og denne periode; ret den i stedet."
    ),
    "boardmeeting_one_per_plan_and_year": "Årets opfølgning er allerede afsluttet med et møde.",
    "goalnarrative_one_per_goal_and_year": "Målet har allerede en tekst for dette år.",
}


def _save(instance: Any) -> None:
    """full_clean and save; every failure becomes one DomainError with Danish messages."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise DomainError(messages_of(error)) from None
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raw = str(error)
        message = next(
            (m for name, m in _CONSTRAINT_MESSAGES.items() if name in raw),
            "Ændringen strider mod en regel i databasen og blev ikke gemt.",
        )
        raise DomainError(message) from error


def _user_name(user: Any) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username()).strip()


def _plan_of(indicator: Indicator) -> int:
    return int(indicator.goal.agreement.plan_id)


def written_form(
    *, count: Decimal | None, percent: Decimal | None, denominator: Decimal | None
) -> str:
    """The figure in words when the user wrote none: `41 ud af 650 (6,3 %)`."""
    parts = []
    if count is not None:
        parts.append(format_number(count))
        if denominator is not None:
            parts.append(f"ud af {format_number(denominator)}")
    if percent is not None:
        text = f"{format_number(percent)} %"
        parts.append(f"({text})" if parts else text)
    return " ".join(parts)


def _check_period(period_kind: str, half: int, survey: str) -> None:
    if period_kind == PeriodKind.HALF_YEAR and half not in (1, 2):
        raise DomainError("Vælg 1. eller 2. halvår.")
    if period_kind == PeriodKind.SURVEY_WAVE and not survey.strip():
        raise DomainError("Skriv surveyens navn for en surveybølge, fx »Tryghedsmåling (VIVE)«.")


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    scope_kind: str = ScopeKind.WHOLE,
    scope: str = "",
    period_kind: str = PeriodKind.YEAR,
    year: int,
    half: int = 0,
    survey: str = "",
    text: str = "",
    count: Decimal | None = None,
    percent: Decimal | None = None,
    denominator: Decimal | None = None,
    source: str = "",
    note: str = "",
    recorded_by: Any = None,
) -> Measurement:
    """Add the first value of an indicator for one scope and period."""
    if period_kind != PeriodKind.HALF_YEAR:
        half = 0
    if period_kind != PeriodKind.SURVEY_WAVE:
        survey = survey.strip()
    _check_period(period_kind, half, survey)
    if count is None and percent is None:
        raise DomainError("Skriv et antal eller en procent.")
    key = {
        "indicator": indicator,
        "scope_kind": scope_kind,
        "scope": scope.strip(),
        "period_kind": period_kind,
        "year": year,
        "half": half,
        "survey": survey.strip(),
    }
    if Measurement.objects.filter(**key, supersedes__isnull=True).exists():
        raise DomainError(_CONSTRAINT_MESSAGES["measurement_one_first_value_per_key"])
    measurement = Measurement(
        plan_id=_plan_of(indicator),
        **key,
        text=text.strip() or written_form(count=count, percent=percent, denominator=denominator),
        count=count,
        percent=percent,
        denominator=denominator,
        source=source.strip() or indicator.data_source,
        note=note.strip(),
        recorded_by=recorded_by,
        recorded_by_name=_user_name(recorded_by),
    )
    _save(measurement)
    return measurement


@transaction.atomic
def measurement_correct(
    *,
    measurement: Measurement,
    reason: str,
    text: str = "",
    count: Decimal | None = None,
    percent: Decimal | None = None,
    denominator: Decimal | None = None,
    source: str = "",
    note: str = "",
    recorded_by: Any = None,
) -> Measurement:
    """Replace the current value of a key with a new row that says why."""
    current = Measurement.objects.select_for_update().get(pk=measurement.pk)
    if Measurement.objects.filter(supersedes=current).exists():
        raise DomainError("Værdien er allerede rettet; ret den nyeste værdi.")
    if not reason.strip():
        raise DomainError("Skriv en begrundelse for rettelsen.")
    if count is None and percent is None:
        raise DomainError("Skriv et antal eller en procent.")
    correction = Measurement(
        plan_id=current.plan_id,
        indicator_id=current.indicator_id,
        scope_kind=current.scope_kind,
        scope=current.scope,
        period_kind=current.period_kind,
        year=current.year,
        half=current.half,
        survey=current.survey,
        text=text.strip() or written_form(count=count, percent=percent, denominator=denominator),
        count=count,
        percent=percent,
        denominator=denominator,
        source=source.strip() or current.source,
        note=note.strip(),
        supersedes=current,
        reason=reason.strip(),
        recorded_by=recorded_by,
        recorded_by_name=_user_name(recorded_by),
    )
    _save(correction)
    return correction


# ---------------------------------------------------------------------------------------
# Bulk import


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ImportResult:
    saved: int = 0
    corrected: int = 0
    unchanged: int = 0
    skipped_empty: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


_SCOPE_WORDS = {
    **{fold(str(label)): value for value, label in ScopeKind.choices},
    **{fold(value): value for value in ScopeKind.values},
    **{
        fold(word): value
        for word, value in (
            ("hele området", ScopeKind.WHOLE),
            ("området", ScopeKind.WHOLE),
            ("målgruppe", ScopeKind.TARGET_GROUP),
            ("spørgsmål", ScopeKind.TARGET_GROUP),
            ("landsgennemsnit", ScopeKind.NATIONAL),
            ("", ScopeKind.WHOLE),
        )
    },
}
_PERIOD_WORDS = {
    fold(word): value
    for word, value in (
        ("år", PeriodKind.YEAR),
        ("aar", PeriodKind.YEAR),
        ("year", PeriodKind.YEAR),
        ("", PeriodKind.YEAR),
        ("halvår", PeriodKind.HALF_YEAR),
        ("halvaar", PeriodKind.HALF_YEAR),
        ("surveybølge", PeriodKind.SURVEY_WAVE),
        ("survey", PeriodKind.SURVEY_WAVE),
        ("bølge", PeriodKind.SURVEY_WAVE),
    )
}


@dataclass
class _Parsed:
    indicator: Indicator
    fields: dict[str, Any]
    reason: str


def _parse_row(row: SheetRow, indicators: dict[int, Indicator]) -> _Parsed:
    """A sheet row as arguments of `measurement_record`; DomainError when it cannot be."""
    cells = row.cells
    if row.number_errors:
        raise DomainError("; ".join(f"{k}: {v}" for k, v in row.number_errors.items()))
    raw_id = cells.get("Indikator-id", "").strip()
    if not raw_id.isdigit() or int(raw_id) not in indicators:
        raise DomainError(f"Indikator-id »{raw_id}« hører ikke til planens indikatorer.")
    scope_kind = _SCOPE_WORDS.get(fold(cells.get("Omfang", "")))
    if scope_kind is None:
        raise DomainError(f"Omfanget »{cells.get('Omfang')}« kendes ikke.")
    period_kind = _PERIOD_WORDS.get(fold(cells.get("Periode", "")))
    if period_kind is None:
        raise DomainError(
            f"Perioden »{cells.get('Periode')}« kendes ikke; skriv år, halvår eller surveybølge."
        )
    year_text = cells.get("År", "").strip()
    if not year_text.isdigit() or not 1990 <= int(year_text) <= 2100:
        raise DomainError(f"Året »{year_text}« skal være et årstal mellem 1990 og 2100.")
    half_text = cells.get("Halvår", "").strip().rstrip(".")
    half = int(half_text) if half_text in ("1", "2") else 0
    if period_kind == PeriodKind.HALF_YEAR and not half:
        raise DomainError("Skriv 1 eller 2 i kolonnen Halvår.")
    survey = cells.get("Survey", "").strip()
    _check_period(period_kind, half, survey)
    count, percent = row.numbers.get("Antal"), row.numbers.get("Procent")
    denominator = row.numbers.get("Ud af")
    if count is None and percent is None:
        raise DomainError("Rækken har hverken antal eller procent.")
    if percent is not None and not 0 <= percent <= 100:
        raise DomainError(f"Procent {format_number(percent)} skal ligge mellem 0 og 100.")
    if count is not None and count < 0:
        raise DomainError("Et antal kan ikke være negativt.")
    if count is not None and denominator is not None and count > denominator:
        raise DomainError("Antallet er større end det, det er ud af.")
    return _Parsed(
        indicator=indicators[int(raw_id)],
        fields={
            "scope_kind": scope_kind,
            "scope": cells.get("Gælder for", "").strip(),
            "period_kind": period_kind,
            "year": int(year_text),
            "half": half if period_kind == PeriodKind.HALF_YEAR else 0,
            "survey": survey if period_kind == PeriodKind.SURVEY_WAVE else "",
            "text": cells.get("Som skrevet", ""),
            "count": count,
            "percent": percent,
            "denominator": denominator,
            "source": cells.get("Kilde", ""),
            "note": cells.get("Note", ""),
        },
        reason=cells.get("Begrundelse for rettelse", "").strip(),
    )


def _same_numbers(m: Measurement, fields: dict[str, Any]) -> bool:
    return all(
        (getattr(m, name) is None and fields[name] is None)
        or (
            getattr(m, name) is not None
            and fields[name] is not None
            and Decimal(getattr(m, name)) == Decimal(fields[name])
        )
        for name in ("count", "percent", "denominator")
    )


def measurements_import(
    *, plan: Plan, rows: list[SheetRow], save_good_rows: bool = False, recorded_by: Any = None
) -> ImportResult:
    """Check every row; save them all in one transaction, or none when any row fails.

    With `save_good_rows` the rows without errors are saved and the others reported. A row
    whose key already has the same numbers is counted as unchanged; with other numbers it needs
    a reason and becomes a correction. Template rows without figures are skipped.
    """
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(goal__agreement__plan=plan).select_related(
            "goal__agreement"
        )
    }
    current = {
        (m.indicator_id, m.scope_kind, m.scope, m.period_kind, m.year, m.half, m.survey): m
        for m in Measurement.objects.filter(plan=plan).current()
    }
    result = ImportResult()
    plan_rows: list[tuple[int, _Parsed, Measurement | None]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        if row.is_empty_template_row:
            result.skipped_empty += 1
            continue
        try:
            parsed = _parse_row(row, indicators)
        except DomainError as error:
            result.errors.append(RowError(row.number, " ".join(error.messages)))
            continue
        f = parsed.fields
        key = (
            parsed.indicator.pk,
            f["scope_kind"],
            f["scope"],
            f["period_kind"],
            f["year"],
            f["half"],
            f["survey"],
        )
        if key in seen:
            result.errors.append(
                RowError(row.number, f"Samme indikator, omfang og periode som række {seen[key]}.")
            )
            continue
        seen[key] = row.number
        existing = current.get(key)
        if existing is not None and _same_numbers(existing, f):
            result.unchanged += 1
            continue
        if existing is not None and not parsed.reason:
            result.errors.append(
                RowError(
                    row.number,
                    "Der findes allerede en anden værdi for denne indikator, dette omfang og "
                    "denne periode. Skriv en begrundelse for rettelse for at rette den.",
                )
            )
            continue
        plan_rows.append((row.number, parsed, existing))
    if result.errors and not save_good_rows:
        return result
    with transaction.atomic():
        for number, parsed, existing in plan_rows:
            try:
                with transaction.atomic():
                    if existing is None:
                        measurement_record(
                            indicator=parsed.indicator, recorded_by=recorded_by, **parsed.fields
                        )
                        result.saved += 1
                    else:
                        fields = {
                            k: parsed.fields[k]
                            for k in ("text", "count", "percent", "denominator", "source", "note")
                        }
                        measurement_correct(
                            measurement=existing,
                            reason=parsed.reason,
                            recorded_by=recorded_by,
                            **fields,
                        )
                        result.corrected += 1
            except DomainError as error:
                result.errors.append(RowError(number, " ".join(error.messages)))
        if result.errors and not save_good_rows:
            transaction.set_rollback(True)
            result.saved = result.corrected = 0
    result.errors.sort(key=lambda e: e.row)
    return result


# ---------------------------------------------------------------------------------------
# Narratives, documents and the board meeting


@transaction.atomic
def narrative_save(*, goal: Goal, year: int, text: str, written_by: Any = None) -> GoalNarrative:
    """Write (or rewrite) the short text on a goal for a year's follow-up."""
    narrative = GoalNarrative.objects.filter(goal=goal, year=year).first() or GoalNarrative(
        goal=goal, year=year
    )
    if BoardMeeting.objects.filter(plan_id=goal.agreement.plan_id, year=year).exists():
        raise DomainError("Årets opfølgning er afsluttet; teksten kan ikke længere ændres.")
    narrative.text = text.strip()
    narrative.written_by_name = _user_name(written_by)
    _save(narrative)
    return narrative


@transaction.atomic
def followup_document_archive(
    *, plan: Plan, year: int, format: str, content: bytes, generated_by: Any = None
) -> FollowUpDocument:
    """Keep a copy of the year's follow-up document exactly as it was handed to the board."""
    if format not in FollowUpDocument.Format.values:
        raise DomainError("Ukendt dokumentformat.")
    document = FollowUpDocument(
        plan=plan,
        year=year,
        format=format,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        generated_by_name=_user_name(generated_by),
    )
    _save(document)
    return document


@transaction.atomic
def board_meeting_record(
    *,
    plan: Plan,
    year: int,
    held_on: dt.date,
    attendees: str,
    decisions: str,
    recorded_by: Any = None,
) -> BoardMeeting:
    """Record the board's follow-up meeting; it closes the year and names its documents."""
    if held_on > timezone.localdate():
        raise DomainError("Mødet kan ikke registreres, før det er holdt.")
    if held_on.year < year:
        raise DomainError("Mødet om opfølgningen for et år kan ikke ligge før det år.")
    if not attendees.strip():
        raise DomainError("Skriv, hvem der deltog.")
    if not decisions.strip():
        raise DomainError("Skriv bestyrelsens beslutninger.")
    meeting = BoardMeeting(
        plan=plan,
        year=year,
        held_on=held_on,
        attendees=attendees.strip(),
        decisions=decisions.strip(),
        recorded_by=recorded_by,
        recorded_by_name=_user_name(recorded_by),
    )
    _save(meeting)
    meeting.documents.set(FollowUpDocument.objects.filter(plan=plan, year=year))
    return meeting
