"""Reads of the follow-up (STYLE.md §2): the dashboard, what is due, the auditor's statement.

`plan_followup` costs a fixed number of queries whatever the size of the plan or the number
of plans in the database: current agreements, goals, indicators, baselines, the plan's current
measurements (as tuples, not model instances: a plan can have thousands), the year's board
meeting and the year's narratives. Values under the suppression threshold are left out of
every series before anything is judged or drawn, so no published figure can identify a
resident.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from followup.models import BoardMeeting, FollowUpDocument, GoalNarrative, Measurement, PeriodKind
from followup.status import (
    IndicatorStatus,
    Point,
    Sample,
    Status,
    indicator_status,
    last_register_year,
    next_survey_wave,
    suppressed,
)
from lib.danish import format_date, format_number, format_percent
from lib.text import fold
from plans.diff import agreement_diff
from plans.models import (
    Agreement,
    AgreementRevision,
    AgreementStatus,
    Goal,
    Indicator,
    Measure,
    MeasureRole,
    PeriodTransition,
    Plan,
    RevisionStatus,
    ScopeKind,
)
from plans.selectors import version_goals
from plans.transition import left_period_state, pending_move, starts_state

COMPARATOR_KINDS = (ScopeKind.MUNICIPALITY, ScopeKind.NATIONAL, ScopeKind.ALL_PLANS)
SURVEY_WORDS = ("survey", "tryghed", "undersogelse", "maling blandt beboere")


def suppress_below() -> int:
    """Counts from 1 up to this (exclusive) are never published. `FOLLOWUP_SUPPRESS_BELOW`."""
    return int(getattr(settings, "FOLLOWUP_SUPPRESS_BELOW", 5))


def period_label(period_kind: str, year: int, half: int, survey: str) -> str:
    if period_kind == PeriodKind.HALF_YEAR:
        return f"{half}. halvår {year}"
    if period_kind == PeriodKind.SURVEY_WAVE:
        return f"{survey} {year}"
    return str(year)


@dataclass(frozen=True)
class Row:
    """A current measurement as read for the dashboard (a tuple, not a model instance)."""

    indicator_id: int
    scope_kind: str
    scope: str
    period_kind: str
    year: int
    half: int
    survey: str
    count: Decimal | None
    percent: Decimal | None
    denominator: Decimal | None
    survey_respondents: int | None = None
    survey_weighted: bool = False

    @property
    def label(self) -> str:
        return period_label(self.period_kind, self.year, self.half, self.survey)


_ROW_FIELDS = (
    "indicator_id",
    "scope_kind",
    "scope",
    "period_kind",
    "year",
    "half",
    "survey",
    "count",
    "percent",
    "denominator",
    "survey_respondents",
    "survey_weighted",
)


def value_recorded(rows: Iterable[Any], register_year: int) -> bool:
    """Whether an indicator has its value for the follow-up's register year: a current value
    (`rows`: its series across the periods, `Chains.series`) of that year or later for the
    area itself, any of its own scopes (afdeling, boligområde, målgruppe), not only a
    comparator's (kommune, alle helhedsplaner, landsplan); shown or suppressed alike (a
    value under the threshold is recorded, only not shown). The one rule of the dashboard's
    »mangler en værdi« and the portfolio's »Værdier registreret« (review F32)."""
    return any(r.year >= register_year and r.scope_kind not in COMPARATOR_KINDS for r in rows)


def value_for(
    unit: str, count: Decimal | None, percent: Decimal | None, denominator: Decimal | None
) -> Decimal | None:
    """The number an indicator is judged by: a share for percent indicators, else the count."""
    if unit == "percent":
        if percent is not None:
            return Decimal(percent)
        if count is not None and denominator:
            return (Decimal(count) / Decimal(denominator) * 100).quantize(Decimal("0.01"))
        return None
    if unit == "count":
        return Decimal(count) if count is not None else None
    return Decimal(percent) if percent is not None else (Decimal(count) if count else None)


@dataclass
class Series:
    label: str
    scope_kind: str
    points: list[Point] = field(default_factory=list)
    hidden: int = 0  # values left out by suppression
    survey: str = ""
    # values that give no number in the indicator's unit (a count without »ud af« on a
    # procent indicator, a share without a count on an antal one): said, not drawn
    other_unit: int = 0


@dataclass
class IndicatorView:
    indicator: Indicator
    goal: Goal
    status: IndicatorStatus
    area: Series
    comparator: Series | None
    baseline_text: str
    comparator_baseline_text: str
    is_survey: bool
    other_scopes: int  # scopes with values beside the two shown
    # (year, label) where a new funding period began, for an indicator that continues one of
    # the plan's previous period (plans.transition): its series runs across and the chart
    # draws the boundary (charts.indicator_svg).
    boundaries: list[tuple[int, str]] = field(default_factory=list)
    # the indicator's baselines beside the one shown (one per afdeling, say)
    more_baselines: int = 0

    @property
    def more_baselines_text(self) -> str:
        """»og 2 baselines mere« beside the first baseline shown, or ""."""
        n = self.more_baselines
        return f"og {n} baseline{'s' if n != 1 else ''} mere" if n else ""

    @property
    def unit_notes(self) -> list[str]:
        """Why recorded values are not shown: they give no number in the indicator's unit
        (`Series.other_unit`), in Danish, with what to do; [] when every value is shown."""
        n = self.area.other_unit + (self.comparator.other_unit if self.comparator else 0)
        if not n:
            return []
        values, it = ("En værdi er", "den") if n == 1 else (f"{n} værdier er", "de")
        if self.indicator.unit == "percent":
            return [
                f"{values} registreret som antal uden »ud af«, men indikatoren måles i "
                f"procent, så {it} vises ikke. Ret indikatorens enhed til antal, eller angiv "
                "»ud af« ved værdien."
            ]
        return [
            f"{values} registreret som procent uden antal, men indikatoren måles i "
            f"{self.indicator.get_unit_display()}, så {it} vises ikke. Ret indikatorens enhed "
            "til procent, eller angiv antallet ved værdien."
        ]

    @property
    def badge(self) -> str:
        """The DKFDS badge class of the status."""
        return {
            Status.RIGHT: "badge-success",
            Status.HELD: "badge-success",
            Status.WRONG: "badge-error",
            Status.UNCHANGED: "badge-info",
            Status.MISSING: "badge-warning",
        }[self.status.status]

    @property
    def unit_suffix(self) -> str:
        return " procentpoint" if self.indicator.unit == "percent" else ""

    def number(self, value: Decimal | None) -> str:
        if value is None:
            return "–"
        if self.indicator.unit == "percent":
            return format_percent(value, 1)
        return format_number(value, 0)

    def signed(self, value: Decimal | None) -> str:
        if value is None:
            return "–"
        decimals = 1 if self.indicator.unit == "percent" else 0
        sign = "+" if value > 0 else ("−" if value < 0 else "±")
        return f"{sign}{format_number(abs(value), decimals)}{self.unit_suffix}"

    @property
    def table_rows(self) -> list[tuple[str, str, str]]:
        """(period, area, comparator) per period, formatted: the chart's numbers as a table."""
        area = {p.key: p for p in self.area.points}
        comparator = {p.key: p for p in self.comparator.points} if self.comparator else {}
        rows = []
        for key in sorted(area.keys() | comparator.keys()):
            point = area.get(key) or comparator[key]
            rows.append(
                (
                    point.label,
                    self.number(area[key].value) if key in area else "–",
                    self.number(comparator[key].value) if key in comparator else "–",
                )
            )
        return rows

    @property
    def latest_text(self) -> str:
        latest = self.status.latest
        return f"{self.number(latest.value)} ({latest.label})" if latest else "–"

    @property
    def change_text(self) -> str:
        return self.signed(self.status.change)

    @property
    def gap_text(self) -> str:
        s = self.status
        if s.gap_at_baseline is None and s.gap_now is None:
            return "–"
        return f"{self.signed(s.gap_now)} nu, {self.signed(s.gap_at_baseline)} ved baseline"


@dataclass
class GoalView:
    goal: Goal
    agreement: Agreement
    indicators: list[IndicatorView]
    narrative: str = ""
    # The delmål's activities with their figures and process goals for the year
    # (evaluation.selectors.ActivityFigures), filled by `plan_followup`.
    activities: list[Any] = field(default_factory=list)
    # Indicators left out here because they continue, as one series, in the new period's
    # agreement shown beside (`_once_across_periods`).
    continued_elsewhere: int = 0
    # The follow-up's day (`plan_followup`'s `today`): whether a period left is still in
    # force (`closed_label`) depends on it.
    today: dt.date | None = None

    @property
    def is_overall(self) -> bool:
        return self.agreement.is_strategic

    @property
    def closed_label(self) -> str:
        """»Bevillingsperioden 2019-26 (afsluttet)« for a closed period's goal, else ""."""
        period = self.agreement.closed_period
        if period is None:
            return ""
        _, end = followed_span(self.agreement)
        return f"Bevillingsperioden {period.code} ({left_period_state(end, self.today)})"


@dataclass
class SurveyDue:
    survey: str
    last_year: int
    next_year: int
    interval: int


@dataclass
class Due:
    year: int
    register_year: int
    missing: list[IndicatorView]
    surveys: list[SurveyDue]
    meeting_held: bool
    register_indicators: int = 0  # indicators with register data the year follows

    @property
    def nothing(self) -> bool:
        """Nothing is due: never for a year with no indicators to follow (an empty count is
        not »up to date«)."""
        return (
            self.register_indicators > 0
            and not self.missing
            and not self.surveys
            and self.meeting_held
        )

    @property
    def recorded_text(self) -> str:
        """What is said when no indicator lacks a value: that all have one, or that there
        are none to have one."""
        if not self.register_indicators:
            return (
                f"Ingen indikatorer med registerdata at følge op på for {self.year}: "
                "planen har ingen godkendte mål med indikatorer for året endnu."
            )
        return f"Alle indikatorer med registerdata har en værdi for {self.register_year}."


@dataclass
class NextPeriodWork:
    """A draft of the new period a move proposed, while the move waits for its grant date:
    what is left to do on it before then (`plans.transition.pending_move`)."""

    agreement: Agreement

    @property
    def starts_on(self) -> dt.date | None:
        return followed_span(self.agreement)[0]

    @property
    def indicators(self) -> list[Indicator]:
        return [i for g in self.agreement.goals.all() for i in g.indicators.all()]

    @property
    def proposed_baselines(self) -> int:
        return sum(1 for i in self.indicators for m in i.measures.all() if m.proposed)

    @property
    def todo(self) -> str:
        """What is left, in Danish: »kladde; 3 baselines er kun forslag«."""
        a = self.agreement
        said = ["godkendt" if a.status == AgreementStatus.APPROVED else a.get_status_display()]
        if n := self.proposed_baselines:
            said.append(f"{n} baseline{'s' if n != 1 else ''} er kun forslag")
        return "; ".join(str(s) for s in said)


@dataclass
class Pending:
    """What of an agreement is not approved yet, shown apart from the version in force: the
    changes of a draft against it, or a whole agreement never approved (its `goals`)."""

    agreement: Agreement
    in_force: str  # the label of the version in force, "" when none
    changes: list[str] = field(default_factory=list)
    goals: list[GoalView] = field(default_factory=list)
    today: dt.date | None = None  # the follow-up's day, as `GoalView.today`

    @property
    def period_label(self) -> str:
        """»bevillingsperioden 2019-26 (gælder til 31. december 2026)« for a period the plan
        has left; »bevillingsperioden 2027-30 (gælder fra 1. januar 2027, når den er
        godkendt)« for a draft of a period whose grant date lies ahead; else ""."""
        start, end = followed_span(self.agreement)
        if self.agreement.closed_period is not None:
            state = left_period_state(end, self.today)
            return f"bevillingsperioden {self.agreement.closed_period.code} ({state})"
        if starts := starts_state(start, self.today):
            return f"bevillingsperioden {self.agreement.plan.funding_period.code} ({starts})"
        return ""


@dataclass
class FollowUp:
    plan: Plan
    year: int
    goals: list[GoalView]  # the version in force of every agreement
    due: Due
    meeting: BoardMeeting | None
    threshold: int
    pending: list[Pending] = field(default_factory=list)
    # The year's seminars with their decisions (evaluation.models.Seminar), by `plan_followup`.
    seminars: list[Any] = field(default_factory=list)
    # Current agreements the year does not follow: they begin after it (a new funding
    # period the plan has moved into, plans.transition).
    later: list[Agreement] = field(default_factory=list)
    # The new period's drafts while the move waits for its grant date (`plans.transition.pending_move`):
    # shown apart as »Til den nye periode«, counted in none of the year's figures.
    next_period: list[NextPeriodWork] = field(default_factory=list)

    @property
    def later_text(self) -> str:
        """»Planen er flyttet til bevillingsperioden 2027-30 pr. 1. marts 2027; …«, or ""."""
        starts = [s for a in self.later if (s := followed_span(a)[0]) is not None]
        if not starts:
            return ""
        start = min(starts)
        return (
            f"Planen er flyttet til bevillingsperioden {self.plan.funding_period.code} pr. "
            f"{format_date(start)}. Opfølgningen for {self.year} følger de aftaler, der var "
            f"gældende i {self.year}; den nye periodes aftaler indgår fra {start.year}."
        )

    @property
    def indicators(self) -> list[IndicatorView]:
        """Every indicator shown: in force, then those of agreements not approved yet."""
        return [i for g in self.goals for i in g.indicators] + [
            i for p in self.pending for g in p.goals for i in g.indicators
        ]

    @property
    def counts(self) -> list[tuple[Status, int]]:
        """The status summary of what the follow-up follows: the versions in force only
        (the page says so); what waits for approval is counted apart (`draft_counts`)."""
        return _tally(i for g in self.goals for i in g.indicators)

    @property
    def draft_counts(self) -> list[tuple[Status, int]]:
        """The same summary of the indicators of agreements never approved, shown apart and
        labelled as drafts (empty for readers who do not see drafts)."""
        return _tally(i for p in self.pending for g in p.goals for i in g.indicators)


def _tally(views: Iterable[IndicatorView]) -> list[tuple[Status, int]]:
    tally: dict[Status, int] = defaultdict(int)
    for view in views:
        tally[view.status.status] += 1
    return [(s, tally[s]) for s in Status if tally[s]]


def _measure_value(unit: str, measure: Measure | None) -> Decimal | None:
    if measure is None:
        return None
    return value_for(unit, measure.count, measure.percent, measure.denominator)


def _is_survey(indicator: Indicator, rows: list[Row]) -> bool:
    if any(r.period_kind == PeriodKind.SURVEY_WAVE for r in rows):
        return True
    source = fold(indicator.data_source)
    return any(word in source for word in SURVEY_WORDS)


def _series(label: str, scope_kind: str, rows: list[Row], unit: str, threshold: int) -> Series:
    """One comparable series: the period kind (and survey) of the newest row only."""
    series = Series(label=label, scope_kind=scope_kind)
    if not rows:
        return series
    newest = max(rows, key=lambda r: (r.year, r.half))
    same = [r for r in rows if r.period_kind == newest.period_kind and r.survey == newest.survey]
    series.survey = newest.survey
    for r in sorted(same, key=lambda r: (r.year, r.half)):
        if suppressed(count=r.count, denominator=r.denominator, threshold=threshold):
            series.hidden += 1
            continue
        value = value_for(unit, r.count, r.percent, r.denominator)
        if value is None:
            if unit in ("percent", "count") and (r.count is not None or r.percent is not None):
                series.other_unit += 1
        else:
            series.points.append(
                Point(
                    r.year,
                    r.half,
                    value,
                    r.label,
                    series=r.survey,
                    respondents=r.survey_respondents,
                    weighted=r.survey_weighted,
                )
            )
    return series


# `fold` of the scopes of rows (a few names, asked for again and again: the portfolio asks for
# every indicator of 150 plans).
_folded_scope = functools.lru_cache(maxsize=4096)(fold)


def _pick(rows: list[Row], kind: str, scope: str | None) -> tuple[list[Row], str]:
    """Rows of one scope: the named one when it has values, else the first of that kind."""
    of_kind = [r for r in rows if r.scope_kind == kind]
    if scope is not None:
        wanted = _folded_scope(scope)
        named = [r for r in of_kind if _folded_scope(r.scope) == wanted]
        if named or kind == ScopeKind.WHOLE:
            return named, scope
    if not of_kind:
        return [], scope or ""
    first = sorted({r.scope for r in of_kind})[0]
    return [r for r in of_kind if r.scope == first], first


def indicator_view(
    indicator: Indicator,
    goal: Goal,
    plan: Plan,
    rows: list[Row],
    threshold: int,
    measures: list[Measure] | None = None,
) -> IndicatorView:
    """The status of one indicator from its baselines (prefetched, or `measures` of the
    version in force) and its current rows."""
    measures = list(indicator.measures.all()) if measures is None else measures
    baseline = next((m for m in measures if m.role == MeasureRole.BASELINE), None)
    comparator_measure = next((m for m in measures if m.role == MeasureRole.COMPARATOR), None)
    unit = indicator.unit
    area_kind = baseline.scope_kind if baseline else ScopeKind.WHOLE
    area_scope = (baseline.scope or "") if baseline else ""
    if baseline is None and rows and not any(r.scope_kind == ScopeKind.WHOLE for r in rows):
        # (only a comparator's values, no baseline: the area's own series is empty, no 500)
        area_kind = next(
            (r.scope_kind for r in rows if r.scope_kind not in COMPARATOR_KINDS), ScopeKind.WHOLE
        )
    area_rows, area_scope = _pick(rows, area_kind, area_scope)
    area_label = area_scope or plan.name
    if comparator_measure is not None:
        comp_kind, comp_scope = comparator_measure.scope_kind, comparator_measure.scope
    else:
        comp_kind = next(
            (k for k in COMPARATOR_KINDS if any(r.scope_kind == k for r in rows)),
            ScopeKind.MUNICIPALITY,
        )
        comp_scope = None
    comp_rows, comp_label = _pick(rows, comp_kind, comp_scope)
    if not comp_label and comp_kind == ScopeKind.MUNICIPALITY:
        comp_label = plan.municipality or "Kommunen"
    area = _series(area_label, area_kind, area_rows, unit, threshold)
    comparator = (
        _series(
            comp_label or str(ScopeKind(comp_kind).label), comp_kind, comp_rows, unit, threshold
        )
        if comp_rows or comparator_measure is not None
        else None
    )
    baseline_value = _measure_value(unit, baseline)
    baseline_year = indicator.baseline_year or (baseline.year if baseline else None)
    comparator_baseline = _measure_value(unit, comparator_measure)
    status = indicator_status(
        direction=indicator.direction,
        unit=unit,
        baseline=baseline_value,
        baseline_year=baseline_year,
        comparator_baseline=comparator_baseline,
        area=area.points,
        comparator=comparator.points if comparator else [],
        baseline_sample=Sample(
            series=getattr(baseline, "survey_series", "") or "",
            respondents=getattr(baseline, "survey_respondents", None),
            weighted=bool(getattr(baseline, "survey_weighted", False)),
        )
        if baseline is not None
        else None,
    )
    shown = {(area_kind, area_scope), (comp_kind, comp_label)}
    others = {(r.scope_kind, r.scope) for r in rows} - shown
    return IndicatorView(
        indicator=indicator,
        goal=goal,
        status=status,
        area=area,
        comparator=comparator,
        baseline_text=baseline.text if baseline else "",
        comparator_baseline_text=comparator_measure.text if comparator_measure else "",
        is_survey=_is_survey(indicator, rows),
        other_scopes=len(others),
        more_baselines=max(sum(1 for m in measures if m.role == MeasureRole.BASELINE) - 1, 0),
    )


def _current_rows(plan: Plan, continues: dict[int, int] | None = None) -> dict[int, list[Row]]:
    """The plan's current values by indicator. With `continues`, filled with which indicator
    each one continues (from the rows' own indicators; same query)."""
    by_indicator: dict[int, list[Row]] = defaultdict(list)
    values = (
        Measurement.objects.filter(plan=plan, superseded_by__isnull=True)
        .order_by()
        .values_list(*_ROW_FIELDS, "indicator__continues_id")
    )
    for values_row in values:
        row = Row(*values_row[:-1])
        by_indicator[row.indicator_id].append(row)
        if continues is not None and values_row[-1] is not None:
            continues[row.indicator_id] = values_row[-1]
    return by_indicator


def rows_across_periods(
    indicator_id: int, rows: dict[int, list[Row]], continues: dict[int, int]
) -> list[Row]:
    """An indicator's rows followed back through the indicators it continues (earlier funding
    periods of the plan, plans.transition): one series. Where two have a value for the same
    scope and period, the newer indicator's wins."""
    result = list(rows.get(indicator_id, []))
    seen_keys = {(r.scope_kind, r.scope, r.period_kind, r.year, r.half, r.survey) for r in result}
    visited = {indicator_id}
    current = continues.get(indicator_id)
    while current is not None and current not in visited:
        visited.add(current)
        for r in rows.get(current, []):
            key = (r.scope_kind, r.scope, r.period_kind, r.year, r.half, r.survey)
            if key not in seen_keys:
                seen_keys.add(key)
                result.append(r)
        current = continues.get(current)
    return result


# ---------------------------------------------------------------------------------------
# Which agreements a follow-up year follows: one rule, here


def followed_span(agreement: Agreement) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day an agreement is followed up for (None: open).

    A plan's time is cut by its moves into new funding periods (plans.transition): the
    agreements of a period are followed from the grant date of the move into that period
    (the plan's first period: from its beginning) until the day before the grant date of
    the move out of it (the current period: open, in force until replaced). The agreements'
    own period fields do not decide it: they are read from documents and may overlap.
    Needs the annotations of `_followed_agreements` (`followed_from`, `followed_until`).
    """
    start = getattr(agreement, "followed_from", None)
    until = getattr(agreement, "followed_until", None)
    return start, (until - dt.timedelta(days=1)) if until else None


def follows_year(agreement: Agreement, year: int) -> bool:
    """Whether the follow-up of `year` follows this agreement (its version in force, or, not
    approved yet, apart as such): its span touches the year. So the year a plan moves into a
    new period follows both the closed period's agreements (until the grant date) and the
    new period's; the years before follow only the closed period's, read-only."""
    start, end = followed_span(agreement)
    return (start is None or start.year <= year) and (end is None or end.year >= year)


def _followed_agreements() -> QuerySet[Agreement]:
    """The agreements a follow-up can follow: the current ones and those of the periods the
    plan has left (closed, read-only), each annotated with the grant dates that bound it
    (`followed_span`). Replaced agreements of neither kind are never followed."""
    transitions = PeriodTransition.objects.filter(plan=OuterRef("plan_id"))
    return (
        Agreement.objects.filter(Q(is_current=True) | Q(closed_period__isnull=False))
        .annotate(
            followed_period=Coalesce(
                "closed_period_id", "plan__funding_period_id", output_field=IntegerField()
            )
        )
        .annotate(
            followed_from=Subquery(
                transitions.filter(to_period=OuterRef("followed_period"))
                .order_by("-made_at", "-id")
                .values("grant_date")[:1]
            ),
            followed_until=Subquery(
                transitions.filter(from_period=OuterRef("followed_period"))
                .order_by("made_at", "id")
                .values("grant_date")[:1]
            ),
        )
    )


def agreements_followed_in(plan: Plan, year: int) -> list[Agreement]:
    """The plan's agreements the follow-up of `year` follows (`follows_year`), the overall
    goals first, the current period's before a closed one's. Four queries (the chain)."""
    return [a for a in _chain(plan) if follows_year(a, year)]


def _chain(plan: Plan) -> list[Agreement]:
    """Current and closed agreements with goals, indicators and baselines; the current
    period's first, within a period the overall goals first."""
    agreements = list(
        _followed_agreements()
        .filter(plan=plan)
        .select_related("focus_area", "closed_period")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.order_by("order", "id").prefetch_related(
                    Prefetch(
                        "indicators",
                        queryset=Indicator.objects.order_by("order", "id").prefetch_related(
                            Prefetch("measures", queryset=Measure.objects.order_by("order", "id"))
                        ),
                    )
                ),
            )
        )
        .order_by("kind", "focus_area__order", "id")
    )
    return sorted(
        agreements,
        key=lambda a: (
            a.closed_period_id is not None,
            -(followed_span(a)[0] or dt.date.min).toordinal(),
            not a.is_strategic,
        ),
    )


class Chains:
    """An indicator and those it continues or is continued by (plans.transition) are one
    series: this follows the links both ways over the rows read once."""

    def __init__(
        self,
        rows: dict[int, list[Row]],
        continues: dict[int, int],
        owner: dict[int, Agreement] | None = None,
    ):
        self.rows = rows
        self.continues = continues
        self.owner = owner or {}
        self.continued_by: dict[int, int] = {}
        for new, old in sorted(continues.items()):
            self.continued_by.setdefault(old, new)

    def head(self, pk: int) -> int:
        """The newest indicator of the chain `pk` is in."""
        seen = {pk}
        while (later := self.continued_by.get(pk)) is not None and later not in seen:
            seen.add(later)
            pk = later
        return pk

    def members(self, pk: int) -> list[int]:
        """Every indicator of the chain, newest first."""
        result = [self.head(pk)]
        while (older := self.continues.get(result[-1])) is not None and older not in result:
            result.append(older)
        return result

    def newer(self, pk: int) -> list[int]:
        """The indicators that continue `pk`, nearest first."""
        members = self.members(pk)
        return list(reversed(members[: members.index(pk)]))

    def series(self, pk: int) -> list[Row]:
        """The rows of the whole chain (a newer indicator's value wins for the same key)."""
        head = self.head(pk)
        if head == pk and pk not in self.continues:
            return self.rows.get(pk, [])
        return rows_across_periods(head, self.rows, self.continues)

    def boundaries(self, pk: int, *, year: int | None = None) -> list[tuple[int, str]]:
        """(year, label) where a new funding period began inside the chain: the start of each
        member but the oldest. With `year` (a follow-up year), only boundaries up to the year
        or with values after them, so an older year's chart does not end on a period to come."""
        found: set[int] = set()
        for member in self.members(pk)[:-1]:
            agreement = self.owner.get(member)
            if agreement is None:
                continue
            start = followed_span(agreement)[0] or agreement.period_start
            if start is not None:
                found.add(start.year)
        if year is not None:
            latest = max((r.year for r in self.series(pk)), default=0)
            found = {y for y in found if y <= year or latest >= y}
        return [(y, "Ny bevillingsperiode") for y in sorted(found)]


def _approved_snapshots(agreements: list[Agreement]) -> dict[int, AgreementRevision]:
    """The version in force of each agreement that is not approved as it stands (one query)."""
    ids = [a.pk for a in agreements if a.status != AgreementStatus.APPROVED]
    latest: dict[int, AgreementRevision] = {}
    if not ids:
        return latest
    for revision in AgreementRevision.objects.filter(
        agreement_id__in=ids, status=RevisionStatus.APPROVED
    ).order_by("agreement_id", "version"):
        latest[revision.agreement_id] = revision
    return latest


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _live_goals(agreement: Agreement) -> list[dict[str, Any]]:
    """The working copy's goals in the interchange shape, from the prefetched chain."""

    def measure(m: Measure) -> dict[str, Any]:
        return {
            "text": m.text,
            "scope": m.scope,
            "percent": _number(m.percent),
            "count": _number(m.count),
            "denominator": _number(m.denominator),
            "year": m.year,
        }

    return [
        {
            "text": goal.text,
            "indicators": [
                {
                    "text": ind.text,
                    "baselines": [
                        measure(m) for m in ind.measures.all() if m.role == MeasureRole.BASELINE
                    ],
                    "comparators": [
                        measure(m) for m in ind.measures.all() if m.role == MeasureRole.COMPARATOR
                    ],
                    "baseline_year": ind.baseline_year,
                    "data_source": ind.data_source or None,
                    "unit": ind.unit,
                    "direction": ind.direction,
                }
                for ind in goal.indicators.all()
            ],
        }
        for goal in agreement.goals.all()
    ]


def plan_followup(
    plan: Plan, *, year: int | None = None, today: dt.date | None = None, narratives: bool = True
) -> FollowUp:
    """Everything the dashboard and the follow-up document show for `year`: the version in
    force of every agreement the year follows (`follows_year`: a closed period's for the
    years it covered, read-only), and apart what of them is not approved yet. An indicator
    and those it continues are one series, shown once: under the newest of them in force.
    Seven queries (six without narratives), whatever the plan's size."""
    today = today or timezone.localdate()
    year = year or today.year
    threshold = suppress_below()
    every = _chain(plan)
    # the new period's drafts while the move waits for its grant date: work to do for the
    # new period, shown apart (`FollowUp.next_period`), never the running period's to-dos
    waiting = pending_move(plan, today) is not None  # the one rule (plans.transition)
    next_period = [a for a in every if waiting and a.closed_period_id is None]
    agreements = [a for a in every if follows_year(a, year) and a not in next_period]
    later = [a for a in every if a.closed_period_id is None and a not in agreements]
    continues: dict[int, int] = {}
    rows = _current_rows(plan, continues)
    owner: dict[int, Agreement] = {}
    for agreement in every:
        for goal in agreement.goals.all():
            for ind in goal.indicators.all():
                owner[ind.pk] = agreement
                if ind.continues_id is not None:
                    continues[ind.pk] = ind.continues_id
    chains = Chains(rows, continues, owner)
    texts: dict[int, str] = {}
    if narratives:
        texts = dict(
            GoalNarrative.objects.filter(goal__agreement__plan=plan, year=year).values_list(
                "goal_id", "text"
            )
        )
    goals: list[GoalView] = []
    pending: list[Pending] = []
    approved = _approved_snapshots(agreements)

    def view_of(ind: Indicator, goal: Goal, measures: list[Measure] | None = None) -> IndicatorView:
        if ind.pk is None:  # a snapshot's indicator without a live row: no values
            return indicator_view(ind, goal, plan, [], threshold, measures)
        view = indicator_view(ind, goal, plan, chains.series(ind.pk), threshold, measures)
        view.boundaries = chains.boundaries(ind.pk, year=year)
        return view

    def live_views(agreement: Agreement) -> list[GoalView]:
        return [
            GoalView(
                goal,
                agreement,
                [view_of(ind, goal) for ind in goal.indicators.all()],
                texts.get(goal.pk, ""),
                today=today,
            )
            for goal in agreement.goals.all()
        ]

    for agreement in agreements:
        closed = agreement.closed_period_id is not None
        if agreement.status == AgreementStatus.APPROVED:
            goals += live_views(agreement)
            continue
        revision = approved.get(agreement.pk)
        if revision is None:
            # Never approved, so never in force: shown apart as a draft, for the years its
            # period covered too (a move must not drop content from a year's follow-up).
            pending.append(Pending(agreement, "", goals=live_views(agreement), today=today))
            continue
        in_force = version_goals(agreement, revision.snapshot)
        for goal, indicators in in_force:
            views = [view_of(ind, goal, m) for ind, m in indicators]
            goals.append(GoalView(goal, agreement, views, texts.get(goal.pk, ""), today=today))
        if closed:  # its draft was never approved and never will be
            continue
        changes = [
            str(c)
            for c in agreement_diff(
                {"goals": revision.snapshot.get("goals") or []}, {"goals": _live_goals(agreement)}
            )
        ]
        if changes:
            label = f"version {revision.version} (godkendt {format_date(revision.approved_on)})"
            pending.append(Pending(agreement, label, changes=changes, today=today))
    goals = _once_across_periods(goals, chains)
    meeting = BoardMeeting.objects.filter(plan=plan, year=year).first()
    register_year = last_register_year(dt.date(year, 12, 31) if year < today.year else today)
    all_views = [v for g in goals for v in g.indicators] + [
        v for p in pending for g in p.goals for v in g.indicators
    ]
    # Values are owed for what is in force and what may still be approved, not for a closed
    # period's draft that never was (shown, apart, but never to be approved).
    owed = [v for g in goals for v in g.indicators] + [
        v
        for p in pending
        if p.agreement.closed_period_id is None
        for g in p.goals
        for v in g.indicators
    ]
    register = [v for v in owed if not v.is_survey]
    missing = [
        v
        for v in register
        if not value_recorded(
            chains.series(v.indicator.pk) if v.indicator.pk else [], register_year
        )
    ]
    shown = {
        member
        for v in all_views
        if v.indicator.pk is not None
        for member in chains.members(v.indicator.pk)
    }
    waves: dict[str, set[int]] = defaultdict(set)
    for pk, indicator_rows in rows.items():
        if pk not in shown:
            continue
        for r in indicator_rows:
            if r.period_kind == PeriodKind.SURVEY_WAVE:
                waves[r.survey].add(r.year)
    surveys = []
    for survey, years in sorted(waves.items()):
        next_year, interval = next_survey_wave(years)
        if next_year <= year + 1:
            surveys.append(SurveyDue(survey, max(years), next_year, interval))
    due = Due(year, register_year, missing, surveys, meeting is not None, len(register))
    follow = FollowUp(
        plan,
        year,
        goals,
        due,
        meeting,
        threshold,
        pending,
        later=later,
        next_period=[NextPeriodWork(a) for a in next_period],
    )
    from evaluation.selectors import attach_activity_figures

    attach_activity_figures(follow, today=today, in_force=approved)
    # A closed period's activities count with the sessions it had in the year (it may have
    # covered only its first months); its delmål whose indicators all continue in the new
    # period, with no such activity, says nothing the new period's does not.
    for g in follow.goals:
        if g.agreement.closed_period_id is not None:
            g.activities = [a for a in g.activities if a.sessions]
    follow.goals = [
        g for g in follow.goals if g.indicators or g.activities or not g.continued_elsewhere
    ]
    return follow


def _once_across_periods(goals: list[GoalView], chains: Chains) -> list[GoalView]:
    """Each series once: an indicator in force whose continuation is in force too (the
    year of a move, once the new period's agreements are approved) is left to the newer."""
    shown = {v.indicator.pk for g in goals for v in g.indicators if v.indicator.pk is not None}
    for goal in goals:
        kept = [
            v
            for v in goal.indicators
            if v.indicator.pk is None or not shown.intersection(chains.newer(v.indicator.pk))
        ]
        goal.continued_elsewhere = len(goal.indicators) - len(kept)
        goal.indicators = kept
    return goals


def _scalar(queryset: QuerySet[Any], group: str, aggregate: Any) -> Subquery:
    """One aggregate of the rows a correlated queryset selects, as a scalar subquery."""
    return Subquery(queryset.order_by().values(group).annotate(v=aggregate).values("v")[:1])


def dashboard_stamp(plan: Plan, *, year: int) -> tuple[Any, ...]:
    """What a plan's dashboard for `year` is computed from, as a version stamp. One query.

    Measurements are append-only and a correction is a new row, so the newest id changes
    with every new value or correction; agreements carry `updated_at` and `edit_seq`, which
    every revision bumps; goals, indicators and baselines are counted and their newest id
    taken, so an edit outside a revision that adds or removes one shows too. Narratives
    and the board meeting are those of `year`. An in-place edit of a goal's or a baseline's
    words outside a revision is the one change this misses; the cache's timeout bounds it.
    """
    agreements = Agreement.objects.filter(plan=OuterRef("pk"))
    goals = Goal.objects.filter(agreement__plan=OuterRef("pk"))
    indicators = Indicator.objects.filter(goal__agreement__plan=OuterRef("pk"))
    measures = Measure.objects.filter(indicator__goal__agreement__plan=OuterRef("pk"))
    narratives = GoalNarrative.objects.filter(goal__agreement__plan=OuterRef("pk"), year=year)
    meetings = BoardMeeting.objects.filter(plan=OuterRef("pk"), year=year)
    measurements = Measurement.objects.filter(plan=OuterRef("pk"))
    from evaluation.models import LogbookSession, Seminar

    sessions = LogbookSession.objects.filter(plan=OuterRef("pk"))
    seminars = Seminar.objects.filter(plan=OuterRef("pk"))
    by_plan, by_goal_plan = "plan", "goal__agreement__plan"
    stamp = Plan.objects.filter(pk=plan.pk).values_list(
        _scalar(measurements, by_plan, Max("id")),
        _scalar(agreements, by_plan, Max("updated_at")),
        _scalar(agreements, by_plan, Sum("edit_seq")),
        _scalar(agreements, by_plan, Count("id")),
        _scalar(goals, "agreement__plan", Count("id")),
        _scalar(goals, "agreement__plan", Max("id")),
        _scalar(indicators, by_goal_plan, Count("id")),
        _scalar(indicators, by_goal_plan, Max("id")),
        _scalar(measures, "indicator__goal__agreement__plan", Count("id")),
        _scalar(measures, "indicator__goal__agreement__plan", Max("id")),
        _scalar(narratives, by_goal_plan, Max("updated_at")),
        _scalar(narratives, by_goal_plan, Count("id")),
        _scalar(meetings, by_plan, Max("id")),
        # evaluation: the logbook (the process goals change with the agreement's edit_seq)
        _scalar(sessions, by_plan, Max("id")),
        _scalar(sessions, by_plan, Count("id")),
        _scalar(seminars, by_plan, Max("id")),
    )
    return tuple(stamp.get())


def overdue_followup_years(*, plan: Plan, today: dt.date) -> list[int]:
    """Years of the plan's period, up to last year, that no board meeting has closed.

    A year's follow-up is closed when the board's follow-up meeting for it is recorded
    (`board_meeting_record`). The years of the periods the plan has moved on from count too
    (`services.followup_first_year`): a move does not close their follow-up. A plan without
    a period start has no overdue years. Two queries.
    """
    from followup.services import followup_first_year

    if plan.period_start is None:
        return []
    last = today.year - 1
    if plan.period_end is not None:
        last = min(last, plan.period_end.year)
    years = range(followup_first_year(plan) or plan.period_start.year, last + 1)
    if not years:
        return []
    closed = set(
        BoardMeeting.objects.filter(plan=plan, year__in=list(years)).values_list("year", flat=True)
    )
    return [year for year in years if year not in closed]


@dataclass
class PeriodHistory:
    """One funding period's part of an indicator's history: its own indicator's rows."""

    indicator: Indicator
    label: str  # »Bevillingsperioden 2019-26 (afsluttet), til 28. februar 2027«
    rows: list[Measurement]
    own: bool  # the indicator of the page


@dataclass
class IndicatorAcross:
    """An indicator's page: its series across the funding periods it runs through (the
    indicators it continues and those that continue it, plans.transition), drawn with the
    boundary as the dashboard draws it, and the history of every row, period by period."""

    indicator: Indicator
    view: IndicatorView
    periods: list[PeriodHistory]  # newest period first
    continued_in: Indicator | None  # the newest of the chain, when it is not this one

    @property
    def has_values(self) -> bool:
        return any(p.rows for p in self.periods)

    @property
    def across(self) -> bool:
        return len(self.periods) > 1


def _period_label(agreement: Agreement, plan: Plan) -> str:
    start, end = followed_span(agreement)
    if agreement.closed_period is not None:
        return f"Bevillingsperioden {agreement.closed_period.code} ({left_period_state(end)})"
    since = f", fra {format_date(start)}" if start else ""
    return f"Bevillingsperioden {plan.funding_period.code}{since}"


def indicator_across_periods(indicator: Indicator, plan: Plan) -> IndicatorAcross:
    """The indicator page's reading (`IndicatorAcross`): the same chain and series the
    dashboard shows (`Chains`, `rows_across_periods`). Seven queries."""
    links = dict(
        Indicator.objects.filter(goal__agreement__plan=plan, continues__isnull=False)
        .order_by()
        .values_list("pk", "continues_id")
    )
    members = Chains({}, links).members(indicator.pk)
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(pk__in=members)
        .select_related("goal")
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.order_by("order", "id")))
    }
    agreement_ids = {i.goal.agreement_id for i in indicators.values()}
    agreements = {
        a.pk: a
        for a in _followed_agreements()
        .filter(pk__in=agreement_ids)
        .select_related("closed_period", "focus_area")
    }
    owner = {pk: agreements[i.goal.agreement_id] for pk, i in indicators.items()}
    rows: dict[int, list[Row]] = defaultdict(list)
    for values_row in (
        Measurement.objects.filter(indicator_id__in=members, superseded_by__isnull=True)
        .order_by()
        .values_list(*_ROW_FIELDS)
    ):
        row = Row(*values_row)
        rows[row.indicator_id].append(row)
    chains = Chains(rows, links, owner)
    own = indicators.get(indicator.pk, indicator)
    view = indicator_view(own, own.goal, plan, chains.series(indicator.pk), suppress_below())
    view.boundaries = chains.boundaries(indicator.pk)
    history: dict[int, list[Measurement]] = defaultdict(list)
    for m in (
        Measurement.objects.filter(indicator_id__in=members)
        .select_related("supersedes")
        .prefetch_related("superseded_by")
        .order_by("-year", "-half", "scope_kind", "scope", "survey", "recorded_at", "id")
    ):
        history[m.indicator_id].append(m)
    periods = [
        PeriodHistory(
            indicator=indicators[pk],
            label=_period_label(owner[pk], plan),
            rows=history.get(pk, []),
            own=pk == indicator.pk,
        )
        for pk in members
        if pk in indicators
    ]
    head = members[0]
    return IndicatorAcross(
        indicator=own,
        view=view,
        periods=periods,
        continued_in=indicators.get(head) if head != indicator.pk else None,
    )


def indicator_history(indicator: Indicator) -> list[Measurement]:
    """Every row of an indicator, corrections included, newest key first (two queries)."""
    return list(
        Measurement.objects.filter(indicator=indicator)
        .select_related("supersedes")
        .prefetch_related("superseded_by")
        .order_by("-year", "-half", "scope_kind", "scope", "survey", "recorded_at", "id")
    )


def plan_indicators(plan: Plan) -> list[Indicator]:
    return list(
        Indicator.objects.filter(goal__agreement__plan=plan, goal__agreement__is_current=True)
        .select_related("goal__agreement__focus_area")
        .prefetch_related("measures")
        .order_by("goal__agreement__kind", "goal__agreement__focus_area__order", "goal__order")
    )


# ---------------------------------------------------------------------------------------
# The auditor's statement


@dataclass(frozen=True)
class VersionInForce:
    title: str
    label: str  # "Version 2 (godkendt 25.01.2024)", or why there is none
    pending: str  # "" or the status of a newer version not approved yet
    # With a meeting date: the versions approved after it, which the board's follow-up
    # cannot have been built on (»Version 4 (godkendt 3. december 2026)«), else "".
    later: str = ""


@dataclass(frozen=True)
class DataYearCount:
    """The values of one data year as the auditor reads them: how many, how many corrected,
    and, once the board has met, how many of each were typed after the meeting day (the board
    cannot have seen those)."""

    year: int
    recorded: int  # first values (`supersedes` empty), current or corrected since
    corrections: int
    outside_period: int
    recorded_after: int | None = None  # None: no meeting to split by
    corrections_after: int | None = None

    @property
    def recorded_before(self) -> int | None:
        return None if self.recorded_after is None else self.recorded - self.recorded_after

    @property
    def corrections_before(self) -> int | None:
        if self.corrections_after is None:
            return None
        return self.corrections - self.corrections_after


@dataclass
class AuditorStatement:
    plan: Plan
    year: int
    meetings: list[BoardMeeting]
    documents: list[FollowUpDocument]
    # The data years the follow-up of `year` reads, as the dashboard reads them: the register
    # year (`Due.register_year`, year − 1: LBF's data for a year arrive the year after), then
    # the year itself (surveys, half-years, the plan's own figures).
    register: DataYearCount
    of_year: DataYearCount
    narratives: int
    versions: list[VersionInForce]
    generated_at: dt.datetime
    # The dashboard's »Alle indikatorer med registerdata har en værdi for …« in numbers.
    register_indicators: int = 0
    register_missing: int = 0

    @property
    def meeting(self) -> BoardMeeting | None:
        return self.meetings[0] if self.meetings else None

    @property
    def measurements_recorded(self) -> int:  # values for periods of the follow-up year
        return self.of_year.recorded

    @property
    def corrections(self) -> int:
        return self.of_year.corrections

    @property
    def outside_period(self) -> int:
        return self.of_year.outside_period

    @property
    def versions_on(self) -> dt.date | None:
        """The day the versions are named for: the meeting's, else None (today's)."""
        return self.meeting.held_on if self.meeting else None

    @property
    def data_years(self) -> list[DataYearCount]:
        return [self.register, self.of_year]

    @property
    def documents_after(self) -> set[int]:
        """The archived documents made after the meeting day: not what the board was given."""
        meeting = self.meeting
        if meeting is None:
            return set()
        return {d.pk for d in self.documents if _local_day(d.generated_at) > meeting.held_on}


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def versions_in_force(
    plan: Plan, year: int | None = None, *, on: dt.date | None = None
) -> list[VersionInForce]:
    """Each agreement's version in force (the latest approved) and what waits: of the
    agreements the follow-up of `year` follows (`follows_year`; without a year, the current
    ones). A closed period's agreement says so and until when; one never approved says that
    too (its draft is in the year's follow-up, apart), so a move leaves nothing out.

    With `on` (the board's meeting day) the version is the one in force that day (the last
    approved on or before it, as `plans.revisions.agreement_as_of`), and the versions
    approved after it are named apart (`later`): the meeting cannot have seen them."""
    from plans.revisions import approved_revisions, approved_version

    def approved_label(revision: AgreementRevision) -> str:
        return f"Version {revision.version} (godkendt {format_date(revision.approved_on)})"

    agreements = (
        [a for a in _chain(plan) if follows_year(a, year)]
        if year is not None
        else [a for a in _chain(plan) if a.is_current]
    )
    rows = []
    for agreement in agreements:
        closed = agreement.closed_period
        later = ""
        if on is not None:
            approved = list(approved_revisions(agreement))  # one query, no snapshot built
            then = [r for r in approved if r.approved_on and r.approved_on <= on]
            after = [r for r in approved if r.approved_on and r.approved_on > on]
            in_force = max(then, key=lambda r: (r.approved_on, r.version)) if then else None
            label = approved_label(in_force) if in_force else "ingen godkendt version på mødedagen"
            later = "; ".join(approved_label(r) for r in after)
            pending = ""
        else:
            version = approved_version(agreement)
            if closed is not None and version is None:
                pending = f"version {agreement.version} blev aldrig godkendt (kladde)"
            elif closed is not None and version is not None and agreement.version > version.number:
                # a draft frozen by the move beside the version in force (F31)
                pending = f"version {agreement.version} ({agreement.get_status_display()})"
            elif agreement.status == AgreementStatus.APPROVED or closed is not None:
                pending = ""
            else:
                pending = (
                    f"version {agreement.version} er {agreement.get_status_display()} – ikke "
                    "godkendt endnu"
                )
            label = (
                version.label
                if version
                else "ingen godkendt version"
                if closed is not None
                else "ingen godkendt version endnu"
            )
        title = agreement.display_title
        if closed is not None:
            _, end = followed_span(agreement)
            title = f"{title} (bevillingsperioden {closed.code}, {left_period_state(end)})"
        elif starts := starts_state(followed_span(agreement)[0]):
            title = f"{title} (bevillingsperioden {agreement.plan.funding_period.code}, {starts})"
        rows.append(VersionInForce(title, label, pending, later))
    return rows


def _data_year_count(plan: Plan, year: int, meeting: BoardMeeting | None) -> DataYearCount:
    """The values for periods of `year` (by the period they measure, not the day typed),
    split by the meeting day when there is one: one query."""
    rows = Measurement.objects.filter(plan=plan, year=year).values_list(
        "supersedes_id", "outside_plan_period", "recorded_at"
    )
    recorded = corrections = outside = recorded_after = corrections_after = 0
    for supersedes, outside_period, recorded_at in rows:
        after = meeting is not None and _local_day(recorded_at) > meeting.held_on
        if supersedes is None:
            recorded += 1
            outside += outside_period
            recorded_after += after
        else:
            corrections += 1
            corrections_after += after
    split = meeting is not None
    return DataYearCount(
        year,
        recorded,
        corrections,
        outside,
        recorded_after if split else None,
        corrections_after if split else None,
    )


def auditor_statement(plan: Plan, year: int, *, now: dt.datetime) -> AuditorStatement:
    """What the records say about the follow-up year `year`: its meeting, its archived
    documents, the values the follow-up reads (register data of year − 1, as the dashboard
    judges them, and the values for periods of the year itself; by the period they measure,
    not the day they were typed, split by the meeting day), its narratives, and the versions
    in force on the meeting day (today's without a meeting)."""
    meetings = list(
        BoardMeeting.objects.filter(plan=plan, year=year).prefetch_related(
            Prefetch("documents", queryset=FollowUpDocument.objects.defer("content"))
        )
    )
    meeting = meetings[0] if meetings else None
    documents = list(FollowUpDocument.objects.filter(plan=plan, year=year).defer("content"))
    today = timezone.localtime(now).date()
    due = plan_followup(plan, year=year, today=today, narratives=False).due
    return AuditorStatement(
        plan=plan,
        year=year,
        meetings=meetings,
        documents=documents,
        register=_data_year_count(plan, due.register_year, meeting),
        of_year=_data_year_count(plan, year, meeting),
        narratives=GoalNarrative.objects.filter(goal__agreement__plan=plan, year=year).count(),
        versions=versions_in_force(plan, year, on=meeting.held_on if meeting else None),
        generated_at=now,
        register_indicators=due.register_indicators,
        register_missing=len(due.missing),
    )


def first_year_without_value(
    indicator: Indicator, plan: Plan, *, today: dt.date | None = None
) -> int:
    """The year the »Registrér en ny værdi« form proposes: the first year of the plan, up to
    last year (register data for a year arrive the year after: `last_register_year`),
    without a value for the whole area; this year when every one of them has one (review4
    T9: the form proposed a year every scope already had). One query."""
    today = today or timezone.localdate()
    last = last_register_year(today)
    first = plan.period_start.year if plan.period_start else last
    have = set(
        Measurement.objects.filter(
            indicator=indicator,
            scope_kind=ScopeKind.WHOLE,
            scope="",
            period_kind=PeriodKind.YEAR,
        )
        .current()
        .values_list("year", flat=True)
    )
    return next((y for y in range(min(first, last), last + 1) if y not in have), today.year)


def current_value_for_key(indicator: Indicator, data: dict[str, Any]) -> Measurement | None:
    """The current value of the key a form names (scope, period), if there is one."""
    period_kind = data.get("period_kind") or PeriodKind.YEAR
    if data.get("year") is None:
        return None
    return (
        Measurement.objects.filter(
            indicator=indicator,
            scope_kind=data.get("scope_kind") or ScopeKind.WHOLE,
            scope=(data.get("scope") or "").strip(),
            period_kind=period_kind,
            year=data["year"],
            half=(data.get("half") or 0) if period_kind == PeriodKind.HALF_YEAR else 0,
            survey=(data.get("survey") or "").strip()
            if period_kind == PeriodKind.SURVEY_WAVE
            else "",
        )
        .current()
        .first()
    )


def scope_choices_for(plan: Plan) -> dict[str, list[str]]:
    """Names a user can pick per scope kind: areas, departments and the municipality."""
    from plans.models import Department, HousingArea

    names: dict[str, list[str]] = {
        ScopeKind.HOUSING_AREA: list(
            HousingArea.objects.filter(plan=plan).values_list("name", flat=True)
        ),
        ScopeKind.DEPARTMENT: [
            f"Afd. {n}"
            for n in Department.objects.filter(housing_area__plan=plan).values_list(
                "number", flat=True
            )
        ],
        ScopeKind.MUNICIPALITY: [plan.municipality] if plan.municipality else [],
    }
    return names
