"""A synthetic national dataset for the benchmark: fictional plans of a realistic size.

150 plans × 4 delaftaler × 10 indicators × 8 scopes × 10 years by default: about 480,000
values. Every name is invented ("Syntetisk plan 017", "Afd. 3"). The rows are written with
`bulk_create` rather than the services, because half a million `full_clean` calls would take
most of an hour; the values are drawn to satisfy every constraint the services check, and the
database's own constraints still hold them to it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from followup.models import Measurement
from plans.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Direction,
    FocusArea,
    FundingPeriod,
    Goal,
    Indicator,
    Measure,
    MeasureRole,
    Plan,
    ScopeKind,
    Unit,
)

SCOPES = [
    (ScopeKind.WHOLE, ""),
    (ScopeKind.HOUSING_AREA, "Nordparken"),
    (ScopeKind.DEPARTMENT, "Afd. 3"),
    (ScopeKind.DEPARTMENT, "Afd. 7"),
    (ScopeKind.TARGET_GROUP, "Unge 15-24 år"),
    (ScopeKind.MUNICIPALITY, ""),  # filled with the plan's municipality
    (ScopeKind.ALL_PLANS, "Alle helhedsplaner"),
    (ScopeKind.NATIONAL, "Landsgennemsnit, almene boliger"),
]


@dataclass
class Size:
    plans: int = 150
    subagreements: int = 4
    indicators_per_subagreement: int = 10
    years: int = 10
    first_year: int = 2015
    first_plan: int = 0  # numbering starts here, so a second call adds plans beside the first
    # The strategic agreement approved, with the period's fixed LBF goals and indicators and
    # their values for the area and the municipality (the portfolio's columns; bench.portfolio).
    fixed_indicators: bool = False


def slug_of(number: int) -> str:
    return f"syn-{number:03d}"


@transaction.atomic
def generate_national(size: Size, *, seed: int = 1) -> int:
    """Create the synthetic plans; returns the number of values written."""
    from plans.services import funding_period_default

    rng = random.Random(seed)
    # The period in force, as for any new plan (not the last code: a loaded later period,
    # such as the fictional 2027-30, must not take the synthetic plans).
    period = funding_period_default()
    if period is None:
        raise RuntimeError("no funding period: run the migrations first")
    focus_areas = list(FocusArea.objects.filter(funding_period=period).order_by("order"))
    written = 0
    for number in range(size.first_plan, size.first_plan + size.plans):
        municipality = f"Syntetisk Kommune {number % 98:02d}"
        plan = Plan.objects.create(
            name=f"Syntetisk plan {number:03d}",
            slug=slug_of(number),
            municipality=municipality,
            funding_period=period,
            period_start=dt.date(2023, 1, 1),
            period_end=dt.date(2026, 12, 31),
        )
        strategic = Agreement.objects.create(plan=plan, kind=AgreementKind.STRATEGIC)
        indicators: list[Indicator] = []
        fixed: list[Indicator] = []
        if size.fixed_indicators:
            fixed = _fixed_indicators(strategic, period, size)
        for sub in range(size.subagreements):
            agreement = Agreement.objects.create(
                plan=plan,
                kind=AgreementKind.SUB,
                focus_area=focus_areas[sub % len(focus_areas)],
                status=AgreementStatus.APPROVED,
            )
            goals = Goal.objects.bulk_create(
                [
                    Goal(agreement=agreement, text=f"Delmål {sub + 1}.{g + 1}", order=g)
                    for g in range(3)
                ]
            )
            indicators += Indicator.objects.bulk_create(
                [
                    Indicator(
                        goal=goals[i % 3],
                        text=f"Indikator {sub + 1}.{i + 1}: andel beboere i målgruppen",
                        unit=Unit.PERCENT if i % 4 else Unit.COUNT,
                        direction=[Direction.MORE, Direction.LESS, Direction.HOLD][i % 3],
                        data_source="LBF - Boligsociale Data",
                        baseline_year=size.first_year,
                        order=i,
                    )
                    for i in range(size.indicators_per_subagreement)
                ]
            )
        measures: list[Measure] = []
        values: list[Measurement] = []
        for indicator in fixed:
            _fixed_values(indicator, plan, municipality, size, rng, measures, values)
        for indicator in indicators:
            start = rng.uniform(15, 70)
            percent = indicator.unit == Unit.PERCENT
            measures.append(
                Measure(
                    indicator=indicator,
                    role=MeasureRole.BASELINE,
                    text=f"{start:.1f} %".replace(".", ",") if percent else f"{round(start)}",
                    percent=Decimal(f"{start:.1f}") if percent else None,
                    count=None if percent else Decimal(round(start)),
                    year=size.first_year,
                )
            )
            measures.append(
                Measure(
                    indicator=indicator,
                    role=MeasureRole.COMPARATOR,
                    scope_kind=ScopeKind.MUNICIPALITY,
                    scope=municipality,
                    text="40,0 %",
                    percent=Decimal("40.0"),
                    year=size.first_year,
                )
            )
            for kind, scope in SCOPES:
                level = start + rng.uniform(-8, 8)
                for year in range(size.first_year, size.first_year + size.years):
                    level = min(99.0, max(1.0, level + rng.uniform(-2, 2.4)))
                    denominator = Decimal(rng.randint(150, 900))
                    count = (denominator * Decimal(level) / 100).quantize(Decimal("1"))
                    values.append(
                        Measurement(
                            plan=plan,
                            indicator=indicator,
                            scope_kind=kind,
                            scope=scope or (municipality if kind == ScopeKind.MUNICIPALITY else ""),
                            year=year,
                            text=f"{count} ud af {denominator} ({level:.1f} %)",
                            count=count if percent else Decimal(round(level)),
                            percent=Decimal(f"{level:.1f}") if percent else None,
                            denominator=denominator if percent else None,
                            source="LBF - Boligsociale Data (syntetisk)",
                            recorded_by_name="Syntetisk indlæsning",
                        )
                    )
        Measure.objects.bulk_create(measures)
        Measurement.objects.bulk_create(values, batch_size=2000)
        written += len(values)
    return written


def _fixed_indicators(strategic: Agreement, period: FundingPeriod, size: Size) -> list[Indicator]:
    """The period's fixed goals and indicators in the plan's strategic agreement, approved."""
    from plans.models import LbfGoal

    Agreement.objects.filter(pk=strategic.pk).update(
        status=AgreementStatus.APPROVED, approved_on=dt.date(size.first_year + size.years - 1, 6, 1)
    )
    result: list[Indicator] = []
    for order, lbf_goal in enumerate(
        LbfGoal.objects.filter(funding_period=period).prefetch_related("indicators")
    ):
        goal = Goal.objects.create(
            agreement=strategic, text=lbf_goal.text, lbf_goal=lbf_goal, order=order
        )
        result += Indicator.objects.bulk_create(
            [
                Indicator(
                    goal=goal,
                    text=lbf.text,
                    unit=lbf.unit,
                    direction=lbf.direction,
                    data_source=lbf.data_source,
                    baseline_year=size.first_year,
                    lbf_indicator=lbf,
                    order=i,
                )
                for i, lbf in enumerate(lbf_goal.indicators.all())
            ]
        )
    return result


def _fixed_values(
    indicator: Indicator,
    plan: Plan,
    municipality: str,
    size: Size,
    rng: random.Random,
    measures: list[Measure],
    values: list[Measurement],
) -> None:
    """Baseline and comparator, and a yearly value for the area and the municipality."""
    percent = indicator.unit == Unit.PERCENT
    area, town = rng.uniform(20, 60), rng.uniform(30, 70)
    for role, kind, scope, level in (
        (MeasureRole.BASELINE, ScopeKind.WHOLE, None, area),
        (MeasureRole.COMPARATOR, ScopeKind.MUNICIPALITY, municipality, town),
    ):
        measures.append(
            Measure(
                indicator=indicator,
                role=role,
                scope_kind=kind,
                scope=scope,
                text=f"{level:.1f}".replace(".", ",") + (" %" if percent else ""),
                percent=Decimal(f"{level:.1f}") if percent else None,
                count=None if percent else Decimal(f"{level:.1f}"),
                year=size.first_year,
            )
        )
    for kind, scope, level in (
        (ScopeKind.WHOLE, "", area),
        (ScopeKind.MUNICIPALITY, municipality, town),
    ):
        for year in range(size.first_year, size.first_year + size.years):
            level = min(99.0, max(1.0, level + rng.uniform(-2, 2.4)))
            values.append(
                Measurement(
                    plan=plan,
                    indicator=indicator,
                    scope_kind=kind,
                    scope=scope,
                    year=year,
                    text=f"{level:.1f} %".replace(".", ",") if percent else f"{level:.1f}",
                    percent=Decimal(f"{level:.1f}") if percent else None,
                    count=None if percent else Decimal(f"{level:.1f}"),
                    source="LBF - Boligsociale Data (syntetisk)",
                    recorded_by_name="Syntetisk indlæsning",
                )
            )
