"""The portfolio: every plan with its fixed LBF indicators side by side and how up to date it is.

For LBF, kommune users and administrators (plans.access.can_read_portfolio), each over the
plans they read. `portfolio` computes every plan of the database at once in a fixed number of
queries (eleven, whatever the number of plans: the query count for one plan equals that for
150, pinned in tests/portfolio); `cached_portfolio` keeps the result until anything it is
computed from changes (`portfolio_stamp`, two queries), so a page view costs a handful.

Only aggregates are shown, judged and suppressed by the follow-up's own rules: each fixed
indicator goes through `followup.selectors.indicator_view`, which leaves values under the
suppression threshold out of every series before anything is judged or shown. A fixed
indicator that continues one of the plan's previous funding period (`Indicator.continues`,
plans.transition) is one series across the periods, as on the dashboard
(`followup.selectors.rows_across_periods`): its latest value and its change since the
baseline follow it back.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Exists,
    Func,
    IntegerField,
    JSONField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from documents.models import Attachment, AttachmentVersion
from documents.selectors import RequiredAttachment, required_attachments
from followup.models import BoardMeeting, Measurement
from followup.selectors import (
    _ROW_FIELDS,
    SURVEY_WORDS,
    IndicatorView,
    Row,
    indicator_view,
    rows_across_periods,
    suppress_below,
    value_recorded,
)
from followup.status import last_register_year, value_at_or_before
from lib.danish import format_date
from lib.text import fold
from plans.models import (
    Agreement,
    AgreementKind,
    AgreementRevision,
    AgreementStatus,
    FundingPeriod,
    Indicator,
    LbfIndicator,
    Measure,
    Plan,
    RevisionStatus,
)
from plans.transition import moves_into

CACHE_SECONDS = 600
# What the cells read of a fixed indicator, its goal and agreement (`indicator_view`,
# `_cell`): not the agreements' texts, which are most of their bytes.
_FIXED_COLUMNS = (
    "text",
    "unit",
    "direction",
    "data_source",
    "baseline_year",
    "lbf_indicator_id",
    "continues_id",
    "goal__text",
    "goal__agreement__plan_id",
    "goal__agreement__kind",
    "goal__agreement__status",
    "goal__agreement__closed_period__code",
)
# What `indicator_view` reads of a baseline or comparator.
_MEASURE_COLUMNS = (
    "indicator_id",
    "role",
    "text",
    "scope_kind",
    "scope",
    "count",
    "percent",
    "denominator",
    "year",
    "survey_series",
    "survey_respondents",
    "survey_weighted",
)


@dataclass(frozen=True)
class Column:
    """One of LBF's fixed indicators: a group of four columns."""

    key: str  # "i12"
    lbf_indicator_id: int
    text: str
    period_code: str
    focus_area: str
    unit: str


@dataclass(frozen=True)
class Cell:
    area: str
    municipality: str
    change: str
    status: str  # Status value, or "" when there is nothing to judge
    status_label: str
    badge: str
    area_value: Decimal | None = None
    municipality_value: Decimal | None = None
    change_value: Decimal | None = None


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str
    short: str = ""  # the table's brief form: "Godkendt 2/3"
    # Nothing to count (»Værdier 0/0«): never a tick, never counted as »ajour« (`counted`).
    empty: bool = False


def counted(label: str, have: int, of: int, detail: str, short: str) -> Check:
    """A check that counts (»3 af 4 aftaler«): it holds when every one of at least one is
    there; nothing to count (0 of 0) is not »ajour«, so it shows no tick. The one rule for
    the portfolio's counted checks."""
    return Check(label, of > 0 and have == of, detail, short, empty=of == 0)


@dataclass
class PlanRow:
    plan_id: int
    slug: str
    name: str
    municipality: str
    period_code: str
    focus_areas: list[str]
    cells: dict[str, Cell] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    # A period the plan has left (plans.transition): its closed strategic agreement's fixed
    # indicators, not judged for »ajour«; `moved_to` is the plan's period now.
    closed: bool = False
    moved_to: str = ""
    agreement_id: int | None = None  # the closed strategic agreement, to read it
    # A move made before its grant date (plans.transition.move_not_in_force): the row of the
    # period left is still in force until `grant_date` (`moving_to` the new period's code),
    # and the new period's row begins then (`starts_on`): not judged for »ajour« until then.
    moving_to: str = ""
    grant_date: dt.date | None = None
    starts_on: dt.date | None = None

    @property
    def period_note(self) -> str:
        """What the period column says besides the code (»afsluttet; nu 2027-30«)."""
        if self.closed:
            return f"afsluttet; nu {self.moved_to}"
        if self.moving_to and self.grant_date:
            return f"flytter til {self.moving_to} pr. {format_date(self.grant_date)}"
        if self.starts_on:
            return f"begynder {format_date(self.starts_on)}"
        return ""

    @property
    def judged(self) -> bool:
        """Whether the row's »ajour« checks count: not a period left or not yet begun."""
        return not self.closed and self.starts_on is None

    @property
    def up_to_date(self) -> int:
        return sum(1 for c in self.checks if c.ok)

    @property
    def up_to_date_text(self) -> str:
        return f"{self.up_to_date} af {len(self.checks)}"


@dataclass
class Portfolio:
    columns: list[Column]
    rows: list[PlanRow]  # every plan once, in its funding period now
    today: dt.date
    register_year: int
    followup_year: int
    threshold: int
    # The plans' earlier periods, a row per plan and period left (`PlanRow.closed`).
    earlier: list[PlanRow] = field(default_factory=list)


NOT_IN_FORCE = Cell("–", "–", "–", "", "ikke godkendt endnu", "badge-info")
NO_INDICATOR = Cell("–", "–", "–", "", "", "")


def _cell(view: IndicatorView) -> Cell:
    status = view.status
    latest = status.latest
    comparator = None
    if view.comparator is not None and view.comparator.points:
        comparator = (
            value_at_or_before(view.comparator.points, latest.key)
            if latest
            else view.comparator.points[-1]
        )
    return Cell(
        area=view.latest_text,
        municipality=(
            f"{view.number(comparator.value)} ({comparator.label})" if comparator else "–"
        ),
        change=view.change_text,
        status=status.status.value,
        status_label=status.label,
        badge=view.badge,
        area_value=latest.value if latest else None,
        municipality_value=comparator.value if comparator else None,
        change_value=status.change,
    )


@functools.lru_cache(maxsize=1024)
def _is_survey(data_source: str) -> bool:
    source = fold(data_source)
    return any(word in source for word in SURVEY_WORDS)


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 - months, 12)
    year += day.year
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    return dt.date(year, month, 28)


def portfolio(*, drafts: bool, today: dt.date | None = None) -> Portfolio:
    """Every plan's row in its funding period now, and a row per period it has left
    (`Portfolio.earlier`), computed in eleven queries whatever the number of plans.

    `drafts`: whether the reader sees agreements never approved (administrators); LBF and
    kommune users are shown the fixed indicators of a strategic agreement in force only.
    """
    today = today or timezone.localdate()
    threshold = suppress_below()
    register_year = last_register_year(today)
    followup_year = today.year - 1
    # a plan's time begins with the earliest period it has moved on from (plans.transition);
    # its latest move into the period it is in now (the one rule: plans.transition), to tell
    # whether that is in force yet
    moves = moves_into(plan=OuterRef("pk"), period=OuterRef("funding_period"))
    plans = list(
        Plan.objects.select_related("funding_period")
        .annotate(
            first_start=Min("period_transitions__previous_start"),
            move_grant=Subquery(moves.values("grant_date")[:1]),
            move_from=Subquery(moves.values("from_period__code")[:1]),
            move_from_required=Subquery(
                moves.values("from_period__required_attachments")[:1], output_field=JSONField()
            ),
            move_from_months=Subquery(moves.values("from_period__revision_interval_months")[:1]),
        )
        .order_by("name", "pk")
    )
    lbf = list(
        LbfIndicator.objects.select_related("goal__funding_period", "goal__focus_area").order_by(
            "goal__funding_period__start", "goal__order", "order", "pk"
        )
    )
    columns = [
        Column(
            f"i{i.pk}",
            i.pk,
            i.text,
            i.goal.funding_period.code,
            i.goal.focus_area.name,
            i.unit,
        )
        for i in lbf
    ]
    # The current agreements, and those of the periods the plans have left (closed).
    agreements = list(
        Agreement.objects.filter(Q(is_current=True) | Q(closed_period__isnull=False))
        .order_by()
        .values_list(
            "pk",
            "plan_id",
            "kind",
            "status",
            "approved_on",
            "focus_area__name",
            "closed_period__code",
        )
    )
    approvals = dict(
        AgreementRevision.objects.filter(status=RevisionStatus.APPROVED)
        .filter(Q(agreement__is_current=True) | Q(agreement__closed_period__isnull=False))
        .order_by()
        .values("agreement_id")
        .annotate(last=Max("approved_on"))
        .values_list("agreement_id", "last")
    )
    # The strategic agreements' fixed indicators with only the columns the cells read (the
    # agreements' long texts stay in the database), and their baselines in one query.
    in_strategic = Q(goal__agreement__kind=AgreementKind.STRATEGIC, lbf_indicator__isnull=False) & (
        Q(goal__agreement__is_current=True) | Q(goal__agreement__closed_period__isnull=False)
    )
    fixed = list(
        Indicator.objects.filter(in_strategic)
        .select_related("goal__agreement__closed_period")
        .only(*_FIXED_COLUMNS)
        .order_by()
    )
    measures: dict[int, list[Measure]] = defaultdict(list)
    for measure in (
        Measure.objects.filter(indicator__in=Indicator.objects.filter(in_strategic).values("pk"))
        .only(*_MEASURE_COLUMNS)
        .order_by("indicator_id", "order", "id")
    ):
        measures[measure.indicator_id].append(measure)
    # The current fixed indicators' values, and those of the indicators they continue (a
    # closed period's, plans.transition), with which indicator each of these continues.
    continues = {i.pk: i.continues_id for i in fixed if i.continues_id is not None}
    rows_by_indicator: dict[int, list[Row]] = defaultdict(list)
    # Sought by indicator (its index), not by scanning every plan's measurements.
    fixed_ids = Indicator.objects.filter(lbf_indicator__isnull=False).filter(
        # a closed period's indicators: shown under that period, and followed back by the
        # indicators that continue them
        Q(goal__agreement__is_current=True)
        | Q(goal__agreement__closed_period__isnull=False)
        | Exists(Indicator.objects.filter(continues_id=OuterRef("pk")))
    )
    for values_row in (
        Measurement.objects.filter(
            superseded_by__isnull=True, indicator_id__in=fixed_ids.values("pk")
        )
        .order_by()
        .values_list(*_ROW_FIELDS, "indicator__continues_id")
    ):
        value = Row(*values_row[:-1])
        rows_by_indicator[value.indicator_id].append(value)
        if values_row[-1] is not None:
            continues[value.indicator_id] = values_row[-1]
    # the current agreements' indicators, and those of the periods left (by code): a period
    # left is judged while the move into the next has not come into force
    indicators = list(
        Indicator.objects.filter(
            Q(goal__agreement__is_current=True) | Q(goal__agreement__closed_period__isnull=False)
        )
        .order_by()
        .values_list(
            "pk",
            "goal__agreement__plan_id",
            "data_source",
            "pk",
            "continues_id",
            "continues__continues_id",
            "goal__agreement__closed_period__code",
        )
    )
    # A value recorded on an indicator a current one continues (the closed period's, for a
    # year before the move; two moves back at most) is a value of the current one: the
    # series runs across the periods. Whether an indicator has its value is the dashboard's
    # rule (`followup.selectors.value_recorded`, review F32), over the current values of the
    # register year on (one query, by the year: one year's values, not every plan's series).
    recent: dict[int, list[Row]] = defaultdict(list)
    for recent_row in (
        Measurement.objects.filter(
            # sought by indicator and year (the index `measurement_indicator_year`)
            indicator_id__in=Indicator.objects.filter(
                Q(goal__agreement__is_current=True)
                | Q(goal__agreement__closed_period__isnull=False)
            ).values("pk"),
            year__gte=register_year,
            superseded_by__isnull=True,
        )
        .order_by()
        .values_list(*_ROW_FIELDS)
    ):
        value = Row(*recent_row)
        recent[value.indicator_id].append(value)
    recorded = {
        entry[0]
        for entry in indicators
        if value_recorded(
            [r for member in entry[3:6] if member for r in recent.get(member, [])],
            register_year,
        )
    }

    meetings = set(
        BoardMeeting.objects.filter(year=followup_year).values_list("plan_id", flat=True)
    )
    present = set(
        Attachment.objects.filter(versions__isnull=False)
        .order_by()
        .values_list("plan_id", "kind")
        .distinct()
    )

    # Each plan's agreements by period: None for the period it is in now, else the code of
    # the period it has left.
    by_plan_agreements: dict[tuple[int, str | None], list[tuple[Any, ...]]] = defaultdict(list)
    for a in agreements:
        by_plan_agreements[(a[1], a[6])].append(a[:6])
    by_plan_indicators: dict[tuple[int, str | None], list[tuple[Any, ...]]] = defaultdict(list)
    for entry in indicators:
        by_plan_indicators[(entry[1], entry[6])].append(entry)
    fixed_by_plan: dict[tuple[int, str | None], list[Indicator]] = defaultdict(list)
    for fixed_indicator in fixed:
        agreement = fixed_indicator.goal.agreement
        closed = agreement.closed_period.code if agreement.closed_period else None
        fixed_by_plan[(agreement.plan_id, closed)].append(fixed_indicator)
    left: dict[int, list[str]] = defaultdict(list)
    for plan_id, code in by_plan_agreements:
        if code is not None:
            left[plan_id].append(code)

    def cells(plan: Plan, period: str | None) -> dict[str, Cell]:
        found: dict[str, Cell] = {}
        for ind in fixed_by_plan.get((plan.pk, period), []):
            agreement = ind.goal.agreement
            in_force = agreement.status == AgreementStatus.APPROVED or agreement.pk in approvals
            key = f"i{ind.lbf_indicator_id}"
            if not drafts and not in_force:
                found[key] = NOT_IN_FORCE
                continue
            series = (
                rows_across_periods(ind.pk, rows_by_indicator, continues)
                if ind.pk in continues
                else rows_by_indicator.get(ind.pk, [])
            )
            view = indicator_view(ind, ind.goal, plan, series, threshold, measures[ind.pk])
            found[key] = _cell(view)
        return found

    result: list[PlanRow] = []
    earlier: list[PlanRow] = []
    for plan in plans:
        own = by_plan_agreements.get((plan.pk, None), [])
        grant = plan.move_grant  # type: ignore[attr-defined]
        pending = plan.move_from if grant is not None and grant > today else None  # type: ignore[attr-defined]
        row = PlanRow(
            plan_id=plan.pk,
            slug=plan.slug,
            name=plan.name,
            municipality=plan.municipality,
            period_code=plan.funding_period.code,
            focus_areas=sorted({a[5] for a in own if a[5]}),
            cells=cells(plan, None),
            starts_on=grant if pending else None,
        )
        common: dict[str, Any] = {
            "plan": plan,
            "approvals": approvals,
            "recorded": recorded,
            "meeting_held": plan.pk in meetings,
            "present": present,
            "today": today,
            "register_year": register_year,
            "followup_year": followup_year,
        }
        for code in sorted(left.get(plan.pk, [])):
            closed_agreements = by_plan_agreements[(plan.pk, code)]
            old_row = PlanRow(
                plan_id=plan.pk,
                slug=plan.slug,
                name=plan.name,
                municipality=plan.municipality,
                period_code=code,
                focus_areas=sorted({a[5] for a in closed_agreements if a[5]}),
                cells=cells(plan, code),
                closed=True,
                moved_to=row.period_code,
                agreement_id=next(
                    (a[0] for a in closed_agreements if a[2] == AgreementKind.STRATEGIC),
                    None,
                ),
            )
            if code == pending:
                # still in force until the grant date: judged, and shown in its period
                old_row.closed, old_row.moved_to = False, ""
                old_row.moving_to, old_row.grant_date = row.period_code, grant
                old_row.checks = _checks(
                    **common,
                    agreements=closed_agreements,
                    indicators=by_plan_indicators.get((plan.pk, code), []),
                    months=plan.move_from_months or 12,  # type: ignore[attr-defined]
                    required=_required(plan.move_from_required),  # type: ignore[attr-defined]
                )
                result.append(old_row)
            else:
                earlier.append(old_row)
        row.checks = _checks(
            **common,
            agreements=own,
            indicators=by_plan_indicators.get((plan.pk, None), []),
            months=plan.funding_period.revision_interval_months or 12,
            required=required_attachments(plan.funding_period),
        )
        result.append(row)
    return Portfolio(columns, result, today, register_year, followup_year, threshold, earlier)


def _required(names: Any) -> list[RequiredAttachment]:
    """A period's required attachments from its names (the period of a move not yet in
    force, read with the plans): the one rule, documents.selectors.required_attachments."""
    return required_attachments(FundingPeriod(required_attachments=list(names or [])))


def _checks(
    *,
    plan: Plan,
    agreements: list[tuple[Any, ...]],
    approvals: dict[int, dt.date],
    indicators: list[tuple[Any, ...]],
    recorded: set[int],
    meeting_held: bool,
    present: set[tuple[int, str]],
    today: dt.date,
    register_year: int,
    followup_year: int,
    months: int,
    required: list[RequiredAttachment],
) -> list[Check]:
    """The four »ajour« checks of a plan's agreements of one period (`months`: its revision
    interval; `required`: its required attachments), in Danish."""
    since = _months_before(today, months)
    fresh = 0
    for pk, _plan, _kind, _status, approved_on, _area in agreements:
        last = max((d for d in (approved_on, approvals.get(pk)) if d), default=None)
        if last is not None and last >= since:
            fresh += 1
    approved = counted(
        f"Aftaler godkendt inden for {months} måneder",
        fresh,
        len(agreements),
        f"{fresh} af {len(agreements)} aftaler" if agreements else "ingen aftaler",
        f"Godkendt {fresh}/{len(agreements)}",
    )
    first_start = min(
        (d for d in (plan.period_start, getattr(plan, "first_start", None)) if d), default=None
    )
    started = first_start is None or first_start.year <= followup_year
    meeting = Check(
        f"Årets opfølgning ({followup_year}) holdt",
        meeting_held or not started,
        "holdt" if meeting_held else ("ikke relevant endnu" if not started else "ikke holdt"),
        f"Opfølgning {followup_year}",
    )
    register = [i for i in indicators if not _is_survey(i[2] or "")]
    with_value = sum(1 for i in register if i[0] in recorded)
    values = counted(
        f"Værdier for {register_year} registreret",
        with_value,
        len(register),
        f"{with_value} af {len(register)} indikatorer"
        if register
        else "ingen indikatorer med registerdata",
        f"Værdier {with_value}/{len(register)}",
    )
    missing = []
    for item in required:
        if item.is_agreement:
            if not any(a[2] == AgreementKind.SUB for a in agreements):
                missing.append(item.name)
            continue
        if item.kind is None or (plan.pk, item.kind) not in present:
            missing.append(item.name)
    attachments = counted(
        "Krævede bilag til stede",
        len(required) - len(missing),
        len(required),
        f"{len(required) - len(missing)} af {len(required)} bilag"
        + (f" (mangler: {', '.join(missing)})" if missing else ""),
        f"Bilag {len(required) - len(missing)}/{len(required)}",
    )
    return [approved, meeting, values, attachments]


# ---------------------------------------------------------------------------------------
# The cache


def _count(queryset: QuerySet[Any]) -> Subquery:
    """COUNT(*) of a whole table as a scalar subquery (no GROUP BY: Func is no aggregate).
    COUNT(*), not COUNT(id): SQLite counts the former from its smallest index, hundreds of
    times faster on the measures of 150 plans."""
    count = Func(template="COUNT(*)", output_field=IntegerField())
    return Subquery(queryset.order_by().annotate(n=count).values("n"))


def _latest(queryset: QuerySet[Any], name: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{name}").values(name)[:1])


def portfolio_stamp() -> tuple[Any, ...]:
    """What the portfolio is computed from, as a version stamp. Two queries.

    The plans' own fields are read as they are (few rows); of the rest the newest id, the
    newest change and a count per table: measurements and revisions are appended, every
    change to an agreement moves its `updated_at`, and removing a part changes a count.
    Both queries' SQL is compiled once per process (building it cost more than running it).
    """
    with connection.cursor() as cursor:
        cursor.execute(*_compiled("plans", connection.alias, connection.vendor))
        plans = cursor.fetchall()
        cursor.execute(*_compiled("stamp", connection.alias, connection.vendor))
        stamp = cursor.fetchone()
    return (tuple(map(tuple, plans)), tuple(stamp or ()))


def _plans_query() -> QuerySet[Any]:
    return Plan.objects.order_by("pk").values_list(
        "pk", "slug", "name", "municipality", "funding_period_id", "period_start"
    )


@functools.cache
def _compiled(name: str, alias: str, vendor: str) -> tuple[str, tuple[Any, ...]]:
    """The stamp's two queries as SQL, compiled once per process: compiling them cost more
    than running them (the plans' dates stay as the database gives them, a stamp only)."""
    del vendor  # part of the cache key only
    query = _plans_query() if name == "plans" else _stamp_query()
    return query.query.get_compiler(using=alias).as_sql()


def _stamp_query() -> QuerySet[Any]:
    return (
        FundingPeriod.objects.order_by()
        .annotate(
            measurement=_latest(Measurement.objects.all(), "pk"),
            agreement=_latest(Agreement.objects.all(), "updated_at"),
            agreements=_count(Agreement.objects.all()),
            revision=_latest(AgreementRevision.objects.all(), "pk"),
            decided=_latest(AgreementRevision.objects.exclude(decided_at=None), "decided_at"),
            indicators=_count(Indicator.objects.all()),
            indicator=_latest(Indicator.objects.all(), "pk"),
            measures=_count(Measure.objects.all()),
            measure=_latest(Measure.objects.all(), "pk"),
            meeting=_latest(BoardMeeting.objects.all(), "pk"),
            meetings=_count(BoardMeeting.objects.all()),
            version=_latest(AttachmentVersion.objects.all(), "pk"),
            versions=_count(AttachmentVersion.objects.all()),
            lbf=_count(LbfIndicator.objects.all()),
            periods=_count(FundingPeriod.objects.all()),
        )
        .values_list(
            "measurement",
            "agreement",
            "agreements",
            "revision",
            "decided",
            "indicators",
            "indicator",
            "measures",
            "measure",
            "meeting",
            "meetings",
            "version",
            "versions",
            "lbf",
            "periods",
        )[:1]
    )


def cache_key(*parts: Any) -> str:
    return "portfolio:v2:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def version_key(*, drafts: bool, today: dt.date, stamp: tuple[Any, ...] | None = None) -> str:
    """The key of everything made from the portfolio as it stands (two queries without
    `stamp`)."""
    stamp = portfolio_stamp() if stamp is None else stamp
    return cache_key("data", drafts, today.isoformat(), suppress_below(), stamp)


def cached_portfolio(
    *, drafts: bool, today: dt.date | None = None, key: str | None = None
) -> Portfolio:
    """The portfolio, from the cache while nothing it is computed from has changed."""
    today = today or timezone.localdate()
    key = key or version_key(drafts=drafts, today=today)
    found = cache.get(key)
    if found is None:
        found = portfolio(drafts=drafts, today=today)
        cache.set(key, found, CACHE_SECONDS)
    return found
