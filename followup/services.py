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
from lib.danish import format_date, format_number, parse_figure, parse_number
from lib.errors import DomainError, messages_of
from lib.forms import LINE, PARAGRAPH, check_text_bounds
from lib.text import fold
from plans.models import Goal, Indicator, PeriodTransition, Plan, ScopeKind
from plans.revisions import audit, read_date

_CONSTRAINT_MESSAGES = {
    "measurement_one_first_value_per_key": (
        "Indikatoren har allerede en værdi for dette omfang og denne periode; ret den i stedet."
    ),
    "boardmeeting_one_per_plan_and_year": "Årets opfølgning er allerede afsluttet med et møde.",
    "goalnarrative_one_per_goal_and_year": "Målet har allerede en tekst for dette år.",
}


def _named_messages(instance: Any, error: ValidationError) -> list[str]:
    """A model's validation messages, each field named as the forms name it (»Antal: …«,
    not »count: …«)."""
    if not hasattr(error, "error_dict"):
        return messages_of(error)
    result = []
    for name, errors in error.message_dict.items():
        try:
            label = str(instance._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - not a field: the message stands alone
            label = ""
        label = label[:1].upper() + label[1:]
        result += [f"{label}: {m}" if label and name != "__all__" else m for m in errors]
    return result


def _save(instance: Any) -> None:
    """full_clean and save; every failure becomes one DomainError with Danish messages."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise DomainError(_named_messages(instance, error)) from None
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


def period_bounds(period_kind: str, year: int, half: int = 0) -> tuple[dt.date, dt.date]:
    """The first and last day of a measurement's period (a survey wave counts as its year)."""
    if period_kind == PeriodKind.HALF_YEAR and half == 1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if period_kind == PeriodKind.HALF_YEAR and half == 2:
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _period_text(period_kind: str, year: int, half: int, survey: str) -> str:
    if period_kind == PeriodKind.HALF_YEAR:
        return f"{half}. halvår {year}"
    if period_kind == PeriodKind.SURVEY_WAVE:
        return f"{survey} {year}"
    return str(year)


OUTSIDE_PERIOD_HINT = (
    "Bekræft, at værdien skal gemmes alligevel (fx som historik fra før planen); den vises så "
    "som »uden for planperioden«."
)


def _plan_time_start(plan: Plan) -> dt.date | None:
    """The first day of the plan's time: its own period's start, or the start of the earliest
    funding period it has moved on from (plans.transition), whose years it still follows up.
    One query for a plan that has a start, kept on the plan object (a bulk import asks per row)."""
    if plan.period_start is None:
        return None
    cached: dt.date | None = getattr(plan, "_followup_time_start", None)
    if cached is None:
        starts = [plan.period_start]
        starts += [
            start
            for start in PeriodTransition.objects.filter(plan=plan).values_list(
                "previous_start", flat=True
            )
            if start is not None
        ]
        cached = min(starts)
        plan._followup_time_start = cached  # type: ignore[attr-defined]
    return cached


def _moves_into(plan: Plan) -> dict[int, PeriodTransition]:
    """The plan's moves by the funding period moved into (the latest), kept on the plan
    object: one query however many rows a bulk import asks about."""
    cached: dict[int, PeriodTransition] | None = getattr(plan, "_followup_moves_into", None)
    if cached is None:
        cached = {}
        for move in (
            PeriodTransition.objects.filter(plan=plan)
            .select_related("from_period", "to_period")
            .order_by("made_at", "id")
        ):
            cached[move.to_period_id] = move
        plan._followup_moves_into = cached  # type: ignore[attr-defined]
    return cached


def indicator_for_period(
    indicator: Indicator, *, period_kind: str, year: int, half: int = 0
) -> Indicator:
    """The indicator a period's value belongs to: one rule for the form, the service, the
    follow-up, the chart and the auditor's statement. A period that ends before the grant
    date of the move into the indicator's funding period (plans.transition) belongs to the
    indicator it continues, in force then (so it is that year's follow-up's value, listed
    under that period); an indicator new in the period has none, and is refused in Danish,
    naming where such values go."""
    _, last = period_bounds(period_kind, year, half)
    current, seen = indicator, {indicator.pk}
    while True:
        agreement = current.goal.agreement
        plan = agreement.plan
        period_id = agreement.closed_period_id or plan.funding_period_id
        move = _moves_into(plan).get(period_id) if period_id is not None else None
        if move is None or last >= move.grant_date:
            return current
        older = current.continues
        if older is None or older.pk in seen:
            label = _period_text(period_kind, year, half, "")
            raise DomainError(
                f"{label} ligger før bevillingsdatoen {format_date(move.grant_date)} for "
                f"bevillingsperioden {move.to_period.code}, og indikatoren »{current.text}« er "
                f"ny i den periode. Værdier for {label} hører til den afsluttede periode "
                f"{move.from_period.code}: registrér dem på den af den nye periodes "
                "indikatorer, der fortsætter en af dens indikatorer (den viser hele serien)."
            )
        seen.add(older.pk)
        current = older


def outside_plan_period(plan: Plan, period_kind: str, year: int, half: int = 0) -> bool:
    """Whether the period lies wholly outside the plan's time (`_plan_time_start` to its own
    period's end; a plan without a period: no). A year of a period the plan has moved on from
    is inside: its values go on the indicators that continue the closed period's."""
    first, last = period_bounds(period_kind, year, half)
    start = _plan_time_start(plan)
    return bool(
        (start is not None and last < start)
        or (plan.period_end is not None and first > plan.period_end)
    )


def check_measurement_time(
    *,
    plan: Plan,
    period_kind: str,
    year: int,
    half: int,
    survey: str,
    confirm_outside_period: bool,
    today: dt.date | None = None,
) -> bool:
    """The rules of time for a measurement, in one place; True when it lies outside the plan's
    period (and that was confirmed). A period that has not begun is refused."""
    today = today or timezone.localdate()
    first, _ = period_bounds(period_kind, year, half)
    label = _period_text(period_kind, year, half, survey)
    if first > today:
        raise DomainError(
            f"Perioden {label} er ikke begyndt endnu. En måling kan først registreres for en "
            "periode, der er begyndt.",
            argument="year",
        )
    outside = outside_plan_period(plan, period_kind, year, half)
    if outside and not confirm_outside_period:
        raise DomainError(
            f"Perioden {label} ligger uden for planens periode "
            f"({format_date(plan.period_start) or '?'} – {format_date(plan.period_end) or '?'}). "
            + OUTSIDE_PERIOD_HINT
        )
    return outside


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


# The model's numbers (Measurement.count, .denominator): 14 digits, 2 of them decimals.
MAX_WHOLE_DIGITS = 12


def _check_whole(value: Decimal | None, *, what: str, argument: str, whole: bool) -> None:
    """A count (or »ud af«) that fits the database, and for an indicator of persons or shares
    (unit antal or procent) a whole number: »3,5« young people is no count."""
    if value is None:
        return
    if abs(value) >= Decimal(10) ** MAX_WHOLE_DIGITS:
        raise DomainError(
            f"{what} er for stort: højst {MAX_WHOLE_DIGITS} cifre før kommaet.", argument=argument
        )
    if whole and value != value.to_integral_value():
        raise DomainError(
            f"{what} skal være et helt tal, fx {format_number(value.to_integral_value())}, "
            f"ikke {format_number(value)}.",
            argument=argument,
        )


def check_figures(
    *,
    count: Decimal | None,
    percent: Decimal | None,
    denominator: Decimal | None,
    unit: str | None = None,
) -> None:
    """Antal, »ud af« and procent must agree. The percent may be rounded as it is written: 22
    ud af 26 is 84,615… %, so »84,6 %« and »85 %« pass and »86,1 %« is refused. For an
    indicator measured in antal or procent (`unit`) the count and »ud af« are whole numbers."""
    if count is None and percent is None:
        raise DomainError("Skriv et antal eller en procent.")
    whole = unit in ("count", "percent")
    _check_whole(count, what="Antallet", argument="count", whole=whole)
    _check_whole(denominator, what="»Ud af«", argument="denominator", whole=whole)
    if percent is not None and not 0 <= percent <= 100:
        raise DomainError(f"Procenten {format_number(percent)} skal ligge mellem 0 og 100.")
    if count is not None and count < 0:
        raise DomainError("Et antal kan ikke være negativt.")
    if denominator is not None and denominator <= 0:
        raise DomainError("»Ud af« skal være større end 0.")
    if count is not None and denominator is not None and count > denominator:
        raise DomainError("Antallet kan ikke være større end det, det er ud af.")
    if count is not None and denominator is not None and percent is not None:
        share = Decimal(count) / Decimal(denominator) * 100
        decimals = _decimals(Decimal(percent))
        tolerance = Decimal(5) / Decimal(10) ** (decimals + 1)
        if abs(share - Decimal(percent)) > tolerance:
            raise DomainError(
                f"{format_number(count)} ud af {format_number(denominator)} er "
                f"{format_number(share.quantize(Decimal(10) ** -max(decimals, 1)))} %, ikke "
                f"{format_number(percent)} %. Ret antallet, »ud af« eller procenten."
            )


@dataclass(frozen=True)
class Figures:
    text: str
    count: Decimal | None
    percent: Decimal | None
    denominator: Decimal | None


def read_figures(
    *,
    text: str = "",
    count: Decimal | None = None,
    percent: Decimal | None = None,
    denominator: Decimal | None = None,
    unit: str | None = None,
) -> Figures:
    """The one write path's reading of a figure: numbers left empty are read out of the
    written text (»48 beboere (7,1 %)«) by `lib.danish.parse_figure`, the importer's reading;
    the result is checked by `check_figures`. The form, the sheet and the API all call this."""
    text = (text or "").strip()
    if text:
        figure = parse_figure(text)
        read = {
            "count": figure.count,
            "percent": figure.percent,
            "denominator": figure.denominator,
        }
        if percent is None and read["percent"] is not None and read["percent"] > 100:
            raise DomainError(f"Procenten i »{text}« er over 100.")
        count = count if count is not None else _decimal(read["count"])
        percent = percent if percent is not None else _decimal(read["percent"])
        denominator = denominator if denominator is not None else _decimal(read["denominator"])
    check_figures(count=count, percent=percent, denominator=denominator, unit=unit)
    return Figures(
        text=text or written_form(count=count, percent=percent, denominator=denominator),
        count=count,
        percent=percent,
        denominator=denominator,
    )


def _check_unit(indicator: Indicator, figures: Figures) -> None:
    """A figure the dashboard cannot judge the indicator by is refused (`selectors.value_for`):
    a percent alone on an »antal« indicator, and a count alone (no »ud af«, no percent) on a
    »procent« indicator. Either would be saved, never shown, and would block the real value
    of its period (»har allerede en værdi«; review4 T8). The form, the sheet, the API and the
    command line all come through here."""
    if indicator.unit == "count" and figures.count is None:
        raise DomainError(
            "Indikatoren måles i antal. Skriv antallet; en procent alene kan ikke følges op.",
            argument="count",
        )
    if indicator.unit == "percent" and figures.percent is None and figures.denominator is None:
        raise DomainError(
            f"Indikatoren måles i procent. Skriv procenten, eller antallet og »ud af« (fx "
            f"{format_number(figures.count or Decimal(41))} ud af 650); et antal alene kan "
            "ikke følges op.",
            argument="percent",
        )


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _scope_text(scope_kind: str, scope: str) -> str:
    return scope or str(ScopeKind(scope_kind).label)


@transaction.atomic
def _check_survey_sample(*, invited: int | None, respondents: int | None) -> None:
    """A survey sample that makes sense: counts not negative, no more answers than asked."""
    for value, what in ((invited, "inviterede"), (respondents, "svarpersoner")):
        if value is not None and value < 0:
            raise DomainError(f"Antal {what} kan ikke være negativt.")
    if invited is not None and respondents is not None and respondents > invited:
        raise DomainError(
            f"Der kan ikke være flere svarpersoner ({respondents}) end inviterede ({invited})."
        )


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
    confirm_outside_period: bool = False,
    recorded_by: Any = None,
    survey_wave: str = "",
    survey_question: str = "",
    survey_invited: int | None = None,
    survey_respondents: int | None = None,
    survey_weighted: bool = False,
) -> Measurement:
    """Add the first value of an indicator for one scope and period. A survey figure may
    carry its wave, question, how many were asked and answered, and whether it is weighted."""
    _check_survey_sample(invited=survey_invited, respondents=survey_respondents)
    check_text_bounds(
        scope=(scope, LINE), source=(source, LINE), note=(note, PARAGRAPH), text=(text, LINE)
    )
    if period_kind not in PeriodKind.values:
        raise DomainError("Perioden kendes ikke; vælg år, halvår eller surveybølge.")
    if scope_kind not in ScopeKind.values:
        raise DomainError(f"Omfanget »{scope_kind}« kendes ikke.")
    if period_kind != PeriodKind.HALF_YEAR:
        half = 0
    if period_kind != PeriodKind.SURVEY_WAVE:
        survey = ""
    _check_period(period_kind, half, survey)
    figures = read_figures(
        text=text, count=count, percent=percent, denominator=denominator, unit=indicator.unit
    )
    plan = indicator.goal.agreement.plan
    if indicator.goal.agreement.closed_period_id is not None:  # plans.transition
        raise DomainError(
            "Indikatoren hører til en afsluttet bevillingsperiode for planen. Registrér værdien "
            "på indikatoren i den nye periode; den fortsætter denne."
        )
    # A period before the move's grant date is the older indicator's, in force then.
    indicator = indicator_for_period(indicator, period_kind=period_kind, year=year, half=half)
    _check_unit(indicator, figures)
    outside = check_measurement_time(
        plan=plan,
        period_kind=period_kind,
        year=year,
        half=half,
        survey=survey.strip(),
        confirm_outside_period=confirm_outside_period,
    )
    key: dict[str, Any] = {
        "indicator": indicator,
        "scope_kind": scope_kind,
        "scope": scope.strip(),
        "period_kind": period_kind,
        "year": year,
        "half": half,
        "survey": survey.strip(),
    }
    existing = Measurement.objects.filter(**key).current().first()
    if existing is not None:
        # said with the value it is, so »ret den i stedet« names what to correct (review4 T9)
        raise DomainError(
            f"Indikatoren har allerede en værdi for "
            f"{_period_text(period_kind, year, half, key['survey'])} "
            f"({_scope_text(scope_kind, key['scope'])}: {existing.text}); ret den i stedet.",
            argument="year",
        )
    measurement = Measurement(
        plan_id=plan.pk,
        **key,
        text=figures.text,
        count=figures.count,
        percent=figures.percent,
        denominator=figures.denominator,
        outside_plan_period=outside,
        source=source.strip() or indicator.data_source,
        note=note.strip(),
        recorded_by=recorded_by,
        recorded_by_name=_user_name(recorded_by),
        survey_wave=survey_wave.strip(),
        survey_question=survey_question.strip(),
        survey_invited=survey_invited,
        survey_respondents=survey_respondents,
        survey_weighted=survey_weighted,
    )
    _save(measurement)
    audit(
        agreement=None,
        plan=plan,
        user=recorded_by,
        action=(
            f"Måling registreret: {indicator.text} · {_scope_text(scope_kind, key['scope'])} · "
            f"{_period_text(period_kind, year, half, key['survey'])}: {figures.text}"
            + (" (uden for planperioden)" if outside else "")
        ),
    )
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
    """Replace the current value of a key with a new row that says why.

    The correction goes on the indicator in force in the value's period, by the rule of
    recording (`indicator_for_period`): a value of a year before the grant date of a move,
    once put on the indicator that continues it, is corrected onto the one continued (the
    series is the same; the follow-up of that year finds it there)."""
    current = (
        Measurement.objects.select_for_update()
        .select_related("indicator__goal__agreement__plan", "plan")
        .get(pk=measurement.pk)
    )
    if Measurement.objects.filter(supersedes=current).exists():
        raise DomainError("Værdien er allerede rettet; ret den nyeste værdi.")
    indicator = indicator_for_period(
        current.indicator, period_kind=current.period_kind, year=current.year, half=current.half
    )
    if (
        indicator.pk != current.indicator_id
        and Measurement.objects.filter(
            indicator=indicator,
            scope_kind=current.scope_kind,
            scope=current.scope,
            period_kind=current.period_kind,
            year=current.year,
            half=current.half,
            survey=current.survey,
            superseded_by__isnull=True,
        ).exists()
    ):
        label = _period_text(current.period_kind, current.year, current.half, current.survey)
        raise DomainError(
            f"Den afsluttede periodes indikator »{indicator.text}« har allerede en værdi for "
            f"{label} og dette omfang. Ret den værdi; den gælder for {label}."
        )
    if not reason.strip():
        raise DomainError("Skriv en begrundelse for rettelsen.")
    check_text_bounds(
        reason=(reason, PARAGRAPH), source=(source, LINE), note=(note, PARAGRAPH), text=(text, LINE)
    )
    figures = read_figures(
        text=text, count=count, percent=percent, denominator=denominator, unit=indicator.unit
    )
    _check_unit(indicator, figures)
    correction = Measurement(
        plan_id=current.plan_id,
        indicator_id=indicator.pk,
        scope_kind=current.scope_kind,
        scope=current.scope,
        period_kind=current.period_kind,
        year=current.year,
        half=current.half,
        survey=current.survey,
        text=figures.text,
        count=figures.count,
        percent=figures.percent,
        denominator=figures.denominator,
        outside_plan_period=current.outside_plan_period,
        source=source.strip() or current.source,
        note=note.strip(),
        supersedes=current,
        reason=reason.strip(),
        recorded_by=recorded_by,
        recorded_by_name=_user_name(recorded_by),
        # A correction of a survey figure keeps the sample it rests on.
        survey_wave=current.survey_wave,
        survey_question=current.survey_question,
        survey_invited=current.survey_invited,
        survey_respondents=current.survey_respondents,
        survey_weighted=current.survey_weighted,
    )
    _save(correction)
    audit(
        agreement=None,
        plan=current.plan,
        user=recorded_by,
        action=(
            f"Måling rettet: {indicator.text} · "
            f"{_scope_text(current.scope_kind, current.scope)} · "
            f"{_period_text(current.period_kind, current.year, current.half, current.survey)}: "
            f"{current.text} → {figures.text}"
        ),
        reason=reason.strip(),
    )
    return correction


# ---------------------------------------------------------------------------------------
# Bulk import


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class RowOutcome:
    """What became of one row of a sheet: every row gets one, so none is dropped unsaid."""

    row: int
    outcome: str  # "ny", "rettet", "uændret", "tom", "fejl"
    message: str


@dataclass
class MeasurementImport:
    saved: int = 0
    corrected: int = 0
    unchanged: int = 0
    skipped_empty: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def note(self, row: int, outcome: str, message: str) -> None:
        self.rows.append(RowOutcome(row, outcome, message))


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
_YES = {"ja", "j", "x", "1", "yes", "sand", "true"}


@dataclass
class _Parsed:
    indicator: Indicator
    fields: dict[str, Any]
    reason: str


def _parse_row(row: SheetRow, indicators: dict[int, Indicator], plan: Plan) -> _Parsed:
    """A sheet row as arguments of `measurement_record`, judged by the same rules (figures read
    from »Som skrevet« by `read_figures`, time by `check_measurement_time`)."""
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
    half = half if period_kind == PeriodKind.HALF_YEAR else 0
    survey = survey if period_kind == PeriodKind.SURVEY_WAVE else ""
    figures = read_figures(
        text=cells.get("Som skrevet", ""),
        count=row.numbers.get("Antal"),
        percent=row.numbers.get("Procent"),
        denominator=row.numbers.get("Ud af"),
        unit=indicators[int(raw_id)].unit,
    )
    confirm = fold(cells.get("Uden for planperioden", "")) in _YES
    check_measurement_time(
        plan=plan,
        period_kind=period_kind,
        year=int(year_text),
        half=half,
        survey=survey,
        confirm_outside_period=confirm,
    )
    return _Parsed(
        indicator=indicators[int(raw_id)],
        fields={
            "scope_kind": scope_kind,
            "scope": cells.get("Gælder for", "").strip(),
            "period_kind": period_kind,
            "year": int(year_text),
            "half": half,
            "survey": survey,
            "text": figures.text,
            "count": figures.count,
            "percent": figures.percent,
            "denominator": figures.denominator,
            "source": cells.get("Kilde", ""),
            "note": cells.get("Note", ""),
            "confirm_outside_period": confirm,
            **_survey_cells(cells),
        },
        reason=cells.get("Begrundelse for rettelse", "").strip(),
    )


def _survey_cells(cells: dict[str, str]) -> dict[str, Any]:
    """A row's survey sample (Bølge, Svarpersoner, Inviterede, Vægtet) as arguments of
    `measurement_record`; a count that is not a whole number raises DomainError."""

    def count(column: str) -> int | None:
        text = (cells.get(column) or "").strip()
        if not text:
            return None
        number = parse_number(text)
        if number is None or number < 0 or number != number.to_integral_value():
            raise DomainError(f"{column}: »{text}« er ikke et helt tal.")
        return int(number)

    invited, answered = count("Inviterede"), count("Svarpersoner")
    _check_survey_sample(invited=invited, respondents=answered)
    return {
        "survey_wave": (cells.get("Bølge") or "").strip(),
        "survey_invited": invited,
        "survey_respondents": answered,
        "survey_weighted": fold(cells.get("Vægtet", "")) in _YES,
    }


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
) -> MeasurementImport:
    """Check every row; save them all in one transaction, or none when any row fails.

    With `save_good_rows` the rows without errors are saved and the others reported. A row
    whose key already has the same numbers is reported »uændret«; with other numbers it needs
    a reason and becomes a correction. Template rows without figures are reported as empty.
    Every row gets an outcome in `rows`.
    """
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(goal__agreement__plan=plan).select_related(
            "goal__agreement__plan"
        )
    }
    current = {
        (m.indicator_id, m.scope_kind, m.scope, m.period_kind, m.year, m.half, m.survey): m
        for m in Measurement.objects.filter(plan=plan).current()
    }
    result = MeasurementImport()
    plan_rows: list[tuple[int, _Parsed, Measurement | None]] = []
    seen: dict[tuple[Any, ...], int] = {}

    def fail(number: int, message: str) -> None:
        result.errors.append(RowError(number, message))
        result.note(number, "fejl", message)

    for row in rows:
        if row.is_empty_template_row:
            result.skipped_empty += 1
            result.note(row.number, "tom", "Ingen tal eller tekst; rækken er sprunget over.")
            continue
        try:
            parsed = _parse_row(row, indicators, plan)
        except DomainError as error:
            fail(row.number, " ".join(error.messages))
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
            fail(row.number, f"Samme indikator, omfang og periode som række {seen[key]}.")
            continue
        seen[key] = row.number
        existing = current.get(key)
        if existing is not None and _same_numbers(existing, f):
            result.unchanged += 1
            result.note(row.number, "uændret", f"Uændret: {existing.text}.")
            continue
        if existing is not None and not parsed.reason:
            fail(
                row.number,
                f"Der er allerede registreret {existing.text} for denne indikator, dette omfang "
                f"og denne periode, og rækken siger {f['text']}. Skriv en begrundelse for "
                "rettelse for at rette den.",
            )
            continue
        plan_rows.append((row.number, parsed, existing))
    if result.errors and not save_good_rows:
        result.rows.sort(key=lambda r: r.row)
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
                        result.note(number, "ny", f"Gemt: {parsed.fields['text']}.")
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
                        result.note(
                            number, "rettet", f"Rettet: {existing.text} → {parsed.fields['text']}."
                        )
            except DomainError as error:
                fail(number, " ".join(error.messages))
        if result.errors and not save_good_rows:
            transaction.set_rollback(True)
            result.saved = result.corrected = 0
            result.rows = [r for r in result.rows if r.outcome not in ("ny", "rettet")]
    result.errors.sort(key=lambda e: e.row)
    result.rows.sort(key=lambda r: r.row)
    return result


# ---------------------------------------------------------------------------------------
# Narratives, documents and the board meeting


def followup_first_year(plan: Plan) -> int | None:
    """The first year a plan has a follow-up for: the start of its own period, or of the
    earliest funding period it has moved on from (plans.transition), whose years stay
    readable (None when the plan has no period)."""
    starts = [plan.period_start] if plan.period_start else []
    starts += [
        start
        for start in PeriodTransition.objects.filter(plan=plan).values_list(
            "previous_start", flat=True
        )
        if start is not None
    ]
    return min(starts).year if starts else None


def check_followup_year(plan: Plan, year: int, *, today: dt.date | None = None) -> None:
    """A follow-up year (its page, document, archive, texts) must have begun and lie within
    the plan's time. Raises DomainError in Danish."""
    today = today or timezone.localdate()
    if year > today.year:
        raise DomainError(f"Opfølgningsåret {year} er ikke begyndt endnu.")
    first = plan.period_start.year if plan.period_start else None
    if first is None or year < first:
        first = followup_first_year(plan)  # the periods it moved on from (one query, rarely)
    if year < max(first or 1990, 1990):
        raise DomainError(
            f"Planen har ingen opfølgning for {year}; dens første år er {first or 1990}."
        )


NARRATIVE_CLOSED = "Årets opfølgning er afsluttet; teksten kan ikke længere ændres."


def narrative_closed(goal: Goal, year: int) -> bool:
    """A goal's text for a year is fixed once the board's meeting has closed the year."""
    return BoardMeeting.objects.filter(plan_id=goal.agreement.plan_id, year=year).exists()


@transaction.atomic
def narrative_save(*, goal: Goal, year: int, text: str, written_by: Any = None) -> GoalNarrative:
    """Write (or rewrite) the short text on a goal for a year's follow-up."""
    check_text_bounds(text=(text, PARAGRAPH))
    check_followup_year(goal.agreement.plan, year)
    narrative = GoalNarrative.objects.filter(goal=goal, year=year).first() or GoalNarrative(
        goal=goal, year=year
    )
    if narrative_closed(goal, year):
        raise DomainError(NARRATIVE_CLOSED)
    narrative.text = text.strip()
    narrative.written_by_name = _user_name(written_by)
    _save(narrative)
    audit(
        agreement=None,
        plan=goal.agreement.plan,
        user=written_by,
        action=f"Tekst til opfølgningen {year} gemt for målet »{goal.text[:120]}«",
    )
    return narrative


@transaction.atomic
def followup_document_archive(
    *, plan: Plan, year: int, format: str, content: bytes, generated_by: Any = None
) -> FollowUpDocument:
    """Keep a copy of the year's follow-up document exactly as it was handed to the board.
    A closed year's documents are those its meeting named: no more are added."""
    if format not in FollowUpDocument.Format.values:
        raise DomainError("Ukendt dokumentformat.")
    check_followup_year(plan, year)
    if BoardMeeting.objects.filter(plan=plan, year=year).exists():
        raise DomainError(
            f"Opfølgningen for {year} er afsluttet; dokumenterne er dem, bestyrelsen behandlede."
        )
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
    audit(
        agreement=None,
        plan=plan,
        user=generated_by,
        action=f"Opfølgningen for {year} arkiveret som {format.upper()} ({document.sha256[:12]})",
    )
    return document


WITHOUT_DOCUMENTS_LABEL = "Bestyrelsen fik ingen arkiverede dokumenter"


def check_meeting_documents(*, year: int, archived: int, without: bool) -> None:
    """The one rule of a meeting's documents: archived ones, or the koordinator's word that
    the board got none (»without«), never both, never neither. Named at the tick's field."""
    if not archived and not without:
        raise DomainError(
            f"Ingen dokumenter er arkiveret for {year}. Arkivér årets opfølgning, som "
            "bestyrelsen fik den, før du registrerer mødet, eller sæt kryds ved "
            f"»{WITHOUT_DOCUMENTS_LABEL}«, hvis bestyrelsen ikke fik opfølgningen herfra. "
            "Året kan ikke åbnes igen.",
            argument="without_documents",
        )
    if archived and without:
        raise DomainError(
            f"Der er arkiveret dokumenter for {year}; de kommer med som dem, bestyrelsen "
            f"behandlede. Fjern krydset ved »{WITHOUT_DOCUMENTS_LABEL}«.",
            argument="without_documents",
        )


@transaction.atomic
def board_meeting_record(
    *,
    plan: Plan,
    year: int,
    held_on: dt.date | str | None,
    attendees: str,
    decisions: str,
    without_documents: bool = False,
    recorded_by: Any = None,
) -> BoardMeeting:
    """Record the board's follow-up meeting; it closes the year and names its documents.
    The date may be Danish text (API, command line); it cannot lie in the future.

    The year must have archived documents (`followup_document_archive`), the record of what
    the board was shown, since a closed year takes no more; or the koordinator says, with
    `without_documents`, that the board got none from the product, and the auditor's
    statement says that instead. Both at once is refused: the archive would contradict it."""
    check_text_bounds(attendees=(attendees, PARAGRAPH), decisions=(decisions, PARAGRAPH))
    held_on = read_date(held_on, what="Mødedatoen", argument="held_on")
    if held_on > timezone.localdate():
        raise DomainError(
            f"Mødedatoen ({format_date(held_on)}) ligger i fremtiden. Et møde kan først "
            "registreres, når det er holdt.",
            argument="held_on",
        )
    if held_on.year < year:
        raise DomainError(
            "Mødet om opfølgningen for et år kan ikke ligge før det år.", argument="held_on"
        )
    if not attendees.strip():
        raise DomainError("Skriv, hvem der deltog.")
    if not decisions.strip():
        raise DomainError("Skriv bestyrelsens beslutninger.")
    if BoardMeeting.objects.filter(plan=plan, year=year).exists():
        raise DomainError(_CONSTRAINT_MESSAGES["boardmeeting_one_per_plan_and_year"])
    documents = list(FollowUpDocument.objects.filter(plan=plan, year=year).defer("content"))
    check_meeting_documents(year=year, archived=len(documents), without=without_documents)
    meeting = BoardMeeting(
        plan=plan,
        year=year,
        held_on=held_on,
        attendees=attendees.strip(),
        decisions=decisions.strip(),
        without_documents=without_documents,
        recorded_by=recorded_by,
        recorded_by_name=_user_name(recorded_by),
    )
    _save(meeting)
    meeting.documents.set(documents)
    audit(
        agreement=None,
        plan=plan,
        user=recorded_by,
        action=(
            f"Bestyrelsens opfølgningsmøde for {year} registreret ({format_date(held_on)}); "
            + (
                "bestyrelsen fik ingen arkiverede dokumenter; "
                if without_documents
                else f"{len(documents)} arkiverede dokumenter; "
            )
            + "året er afsluttet"
        ),
    )
    return meeting
