"""The status rules, without a database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from followup.status import (
    RULES,
    GapChange,
    Point,
    Status,
    Trend,
    indicator_status,
    judge_change,
    next_survey_wave,
    suppressed,
    trend_of,
)


def _points(*pairs: tuple[int, str]) -> list[Point]:
    return [Point(year, 0, D(value), str(year)) for year, value in pairs]


@pytest.mark.parametrize(
    ("direction", "change", "expected"),
    [
        ("more", "2", Status.RIGHT),
        ("more", "-2", Status.WRONG),
        ("more", "0.5", Status.UNCHANGED),
        ("less", "-2", Status.RIGHT),
        ("less", "2", Status.WRONG),
        ("hold", "0.5", Status.HELD),
        ("hold", "-3", Status.WRONG),
    ],
)
def test_a_change_is_judged_in_the_indicators_direction(
    direction: str, change: str, expected: Status
) -> None:
    assert judge_change(direction=direction, change=D(change), tol=D(1)) == expected


def test_fewer_absentees_is_the_right_direction_and_the_gap_to_the_municipality_narrows() -> None:
    result = indicator_status(
        direction="less",
        unit="percent",
        baseline=D("22"),
        baseline_year=2022,
        comparator_baseline=D("12"),
        area=_points((2023, "20"), (2024, "18.5")),
        comparator=_points((2023, "12"), (2024, "12.5")),
    )
    assert result.status == Status.RIGHT
    assert result.change == D("-3.5")
    assert result.gap_at_baseline == D("10")
    assert result.gap_now == D("6.0")
    assert result.gap_change == GapChange.NARROWER
    assert result.label == "i den rigtige retning"


def test_without_a_value_after_the_baseline_the_status_is_missing_data() -> None:
    result = indicator_status(
        direction="more",
        unit="percent",
        baseline=D("50"),
        baseline_year=2024,
        comparator_baseline=None,
        area=_points((2024, "50")),
        comparator=[],
    )
    assert result.status == Status.MISSING
    assert result.label == "mangler data"


def test_a_count_within_five_percent_of_its_baseline_is_unchanged() -> None:
    result = indicator_status(
        direction="more",
        unit="count",
        baseline=D("100"),
        baseline_year=2020,
        comparator_baseline=None,
        area=_points((2021, "103")),
        comparator=[],
    )
    assert result.status == Status.UNCHANGED
    assert result.gap_change == GapChange.UNKNOWN


def test_trend_needs_three_points_and_reads_the_slope() -> None:
    assert trend_of(_points((2020, "1"), (2021, "2")), tol=D(1)) == Trend.TOO_FEW
    assert trend_of(_points((2020, "1"), (2021, "3"), (2022, "5")), tol=D(1)) == Trend.UP
    assert trend_of(_points((2020, "5"), (2021, "3"), (2022, "1")), tol=D(1)) == Trend.DOWN
    assert trend_of(_points((2020, "5"), (2021, "5.2"), (2022, "5")), tol=D(1)) == Trend.FLAT


def test_next_survey_wave_follows_the_series_rhythm() -> None:
    assert next_survey_wave([2018, 2021]) == (2024, 3)
    assert next_survey_wave([2023]) == (2026, 3)


def test_small_counts_and_small_bases_are_suppressed_but_zero_is_not() -> None:
    assert suppressed(count=D(3), denominator=D(200), threshold=5)
    assert suppressed(count=D(30), denominator=D(4), threshold=5)
    assert not suppressed(count=D(0), denominator=D(200), threshold=5)
    assert not suppressed(count=D(5), denominator=None, threshold=5)
    assert not suppressed(count=None, denominator=None, threshold=5)


def test_the_rule_is_written_in_danish_and_never_against_a_target_alone() -> None:
    assert "aldrig alene ud fra et mål" in RULES


def test_the_chart_is_a_small_accessible_svg_with_both_series_and_danish_ticks() -> None:
    """One SVG per indicator: two series told apart by dash and marker as well as colour, Danish
    numbers, and a Danish name and description for screen readers."""
    from typing import Any, cast

    from followup.charts import indicator_svg, nice_ticks
    from followup.selectors import IndicatorView, Series
    from followup.status import Point
    from plans.models import Indicator

    assert nice_ticks(61, 66.5) == [60, 62, 64, 66, 68]
    area = Series("Tværgaden", "whole", [Point(2024, 0, D("64.5"), "2024")], hidden=1)
    area.points.append(Point(2025, 0, D(66), "2025"))
    comparator = Series("Lilleby Kommune", "municipality", [Point(2025, 0, D(81), "2025")])
    view = IndicatorView(
        indicator=Indicator(pk=7, unit="percent", text="Andel <elever>"),
        goal=cast(Any, None), status=cast(Any, None), area=area, comparator=comparator,
        baseline_text="", comparator_baseline_text="", is_survey=False, other_scopes=0,
    )  # fmt: skip
    svg = indicator_svg(view)
    assert svg.startswith("<svg") and svg.count("<") < 60
    assert 'viewBox="0 0 ' in svg and 'role="img"' in svg
    assert 'aria-labelledby="diagram-7-titel"' in svg and '<title id="diagram-7-titel">' in svg
    assert "Diagram: Andel &lt;elever&gt; – Tværgaden mod Lilleby Kommune over tid" in svg
    assert (
        '<desc id="diagram-7-beskrivelse">Tværgaden (fuld linje): 64,5 % i 2024, 66 % i 2025 '
        "(2 målinger); 1 for små tal er udeladt. Lilleby Kommune (stiplet linje): 81 % i 2025."
    ) in svg
    assert svg.count('stroke-dasharray="6,3"') == 2  # the comparator's line and its legend
    assert ">2024<" in svg and ">2025<" in svg and ">Procent<" in svg and ">70<" in svg
    view.area, view.comparator = Series("Tværgaden", "whole"), None
    assert "Ingen offentliggjorte værdier endnu" in indicator_svg(view)
