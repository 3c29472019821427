"""The status rules of an indicator: pure functions, no database (tested without one).

An indicator is judged by how its value has moved since the baseline, in the indicator's
direction, and beside that by how the gap to its comparator (usually the municipality) has
moved. It is never judged against a target alone. The rules are written out in `RULES`, and
the pages and documents show that text next to the status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from lib.danish import format_number

# A change smaller than this counts as "uændret".
TOLERANCE_POINTS = Decimal("1")  # percentage points, for shares
TOLERANCE_SHARE_OF_BASELINE = Decimal("0.05")  # 5 % of the baseline, for counts and others


class Status(StrEnum):
    RIGHT = "right"
    HELD = "held"
    UNCHANGED = "unchanged"
    WRONG = "wrong"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.RIGHT: "i den rigtige retning",
    Status.HELD: "niveauet er fastholdt",
    Status.UNCHANGED: "uændret",
    Status.WRONG: "i den forkerte retning",
    Status.MISSING: "mangler data",
}


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"
    TOO_FEW = "too_few"

    @property
    def label(self) -> str:
        return {
            Trend.UP: "stigende",
            Trend.DOWN: "faldende",
            Trend.FLAT: "stabil",
            Trend.TOO_FEW: "for få målinger",
        }[self]


class GapChange(StrEnum):
    NARROWER = "narrower"
    WIDER = "wider"
    SAME = "same"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            GapChange.NARROWER: "afstanden er mindsket",
            GapChange.WIDER: "afstanden er øget",
            GapChange.SAME: "afstanden er uændret",
            GapChange.UNKNOWN: "kan ikke sammenlignes",
        }[self]


RULES = (
    "Status sammenligner den seneste måling med baseline i indikatorens retning "
    "(mere er bedre, mindre er bedre eller niveauet fastholdes). En ændring på under "
    f"{format_number(TOLERANCE_POINTS)} procentpoint (for andele) eller under "
    f"{format_number(TOLERANCE_SHARE_OF_BASELINE * 100)} % af baseline (for antal) regnes som "
    "uændret; for indikatorer, hvor niveauet skal fastholdes, er det »niveauet er fastholdt«. "
    "Mangler baseline eller en måling efter baseline, er status »mangler data«. "
    "Afstanden til sammenligningsgrundlaget (fx kommunen) nu og ved baseline vises ved siden "
    "af. Status bedømmes aldrig alene ud fra et mål."
)
TREND_RULE = (
    "Udviklingen er hældningen over de seneste op til fem målinger: stigende eller faldende, "
    "når den samlede ændring over perioden er mindst tærsklen for »uændret«; ellers stabil."
)


@dataclass(frozen=True)
class Point:
    """One value of a series, ordered by (year, half)."""

    year: int
    half: int
    value: Decimal
    label: str = ""
    # From a survey: its series and how many answered (None: not a survey, or not known).
    series: str = ""
    respondents: int | None = None
    weighted: bool = False

    @property
    def key(self) -> tuple[int, int]:
        return (self.year, self.half)


@dataclass(frozen=True)
class IndicatorStatus:
    status: Status
    baseline: Decimal | None
    latest: Point | None
    change: Decimal | None
    gap_at_baseline: Decimal | None
    gap_now: Decimal | None
    gap_change: GapChange
    trend: Trend
    # Survey figures (issue 10): the 95 % margin of the change in percentage points when a
    # figure has few respondents, whether the change lies within it, and what the reader must
    # be told (two different survey series, a margin, a weighted figure).
    margin: Decimal | None = None
    within_margin: bool = False
    notes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.status.label


# A survey figure from fewer respondents than this shows its margin and is not called a change
# inside it; from more, the sampling error is below the tolerance for »uændret« anyway.
FEW_RESPONDENTS = 1000
MARGIN_RULE = (
    "Tal fra en spørgeskemaundersøgelse med under "
    f"{FEW_RESPONDENTS} svar vises med den statistiske usikkerhed (95 %-margin i procentpoint); "
    "en ændring inden for den kaldes ikke en ændring. Målinger fra to forskellige "
    "undersøgelser sammenlignes ikke som en udvikling uden at det står ved siden af."
)


@dataclass(frozen=True)
class Sample:
    """What a survey figure rests on."""

    series: str = ""
    respondents: int | None = None
    weighted: bool = False


def margin_points(percent: Decimal, respondents: int | None) -> Decimal | None:
    """The 95 % margin of a share from `respondents` answers, in percentage points (normal
    approximation, 1,96 · √(p(1−p)/n)); None without a known, small enough sample."""
    if respondents is None or respondents <= 0 or respondents >= FEW_RESPONDENTS:
        return None
    p = min(max(percent / 100, Decimal(0)), Decimal(1))
    # p = 0 or 1 gives no spread; use half an answer so the margin is never claimed as zero.
    p = min(max(p, Decimal("0.5") / respondents), 1 - Decimal("0.5") / respondents)
    return (Decimal("1.96") * (p * (1 - p) / respondents).sqrt() * 100).quantize(Decimal("0.1"))


def survey_judgement(
    *,
    unit: str,
    direction: str,
    status: Status,
    change: Decimal | None,
    base: Decimal | None,
    baseline_sample: Sample | None,
    latest: Point | None,
) -> tuple[Status, Decimal | None, bool, tuple[str, ...]]:
    """The one place survey samples bear on a status: (status, margin, within, notes)."""
    notes: list[str] = []
    if latest is None or change is None or base is None:
        return status, None, False, ()
    base_series = baseline_sample.series if baseline_sample else ""
    if latest.series and base_series and latest.series.casefold() != base_series.casefold():
        notes.append(
            f"Baseline er fra »{base_series}«, seneste måling fra »{latest.series}«: to "
            "forskellige undersøgelser, så ændringen er ikke en udvikling i samme måling."
        )
    margin = None
    within = False
    if unit == "percent":
        latest_margin = margin_points(latest.value, latest.respondents)
        base_margin = margin_points(base, baseline_sample.respondents if baseline_sample else None)
        if latest_margin is not None or base_margin is not None:
            margin = (
                ((latest_margin or Decimal(0)) ** 2 + (base_margin or Decimal(0)) ** 2)
                .sqrt()
                .quantize(Decimal("0.1"))
            )
            within = abs(change) <= margin
            asked = f"{latest.respondents} svar" if latest.respondents else "få svar"
            text = (
                f"Usikkerhed ±{format_number(margin, 1)} procentpoint (95 %, {asked})"
                + (", vægtet" if latest.weighted else "")
                + "."
            )
            if within and status in (Status.RIGHT, Status.WRONG):
                status = Status.HELD if direction == "hold" else Status.UNCHANGED
                text += " Ændringen er inden for usikkerheden og regnes ikke som en ændring."
            notes.append(text)
    return status, margin, within, tuple(notes)


def tolerance(*, unit: str, baseline: Decimal) -> Decimal:
    if unit == "percent":
        return TOLERANCE_POINTS
    return max(abs(baseline) * TOLERANCE_SHARE_OF_BASELINE, Decimal("0.5"))


def judge_change(*, direction: str, change: Decimal, tol: Decimal) -> Status:
    """The status of a change since baseline, in the indicator's direction."""
    if direction == "hold":
        return Status.HELD if abs(change) < tol else Status.WRONG
    if abs(change) < tol:
        return Status.UNCHANGED
    better = change > 0 if direction == "more" else change < 0
    return Status.RIGHT if better else Status.WRONG


def trend_of(points: Sequence[Point], *, tol: Decimal, window: int = 5) -> Trend:
    """The least-squares slope over the last `window` points, judged over their span."""
    recent = sorted(points, key=lambda p: p.key)[-window:]
    if len(recent) < 3:
        return Trend.TOO_FEW
    xs = [Decimal(p.year) + Decimal(p.half) / 4 for p in recent]
    ys = [p.value for p in recent]
    n = Decimal(len(recent))
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum(((x - mean_x) ** 2 for x in xs), Decimal(0))
    if spread == 0:
        return Trend.TOO_FEW
    covariance = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), Decimal(0))
    slope: Decimal = covariance / spread
    total = slope * (xs[-1] - xs[0])
    if abs(total) < tol:
        return Trend.FLAT
    return Trend.UP if total > 0 else Trend.DOWN


def value_at_or_before(points: Iterable[Point], key: tuple[int, int]) -> Point | None:
    """The latest point at or before `key` (the comparator beside an area value)."""
    candidates = [p for p in points if p.key <= key]
    return max(candidates, key=lambda p: p.key) if candidates else None


def gap_change(
    *, gap_at_baseline: Decimal | None, gap_now: Decimal | None, tol: Decimal
) -> GapChange:
    if gap_at_baseline is None or gap_now is None:
        return GapChange.UNKNOWN
    difference = abs(gap_now) - abs(gap_at_baseline)
    if abs(difference) < tol:
        return GapChange.SAME
    return GapChange.NARROWER if difference < 0 else GapChange.WIDER


def indicator_status(
    *,
    direction: str,
    unit: str,
    baseline: Decimal | None,
    baseline_year: int | None,
    comparator_baseline: Decimal | None,
    area: Sequence[Point],
    comparator: Sequence[Point],
    baseline_sample: Sample | None = None,
) -> IndicatorStatus:
    """Judge an indicator by its area series against its baseline and comparator.

    Only area values after the baseline year count as "since baseline" (a value for the
    baseline year itself is the baseline written another way).
    """
    ordered = sorted(area, key=lambda p: p.key)
    after = [p for p in ordered if baseline_year is None or p.year > baseline_year]
    latest = after[-1] if after else (ordered[-1] if ordered else None)
    base = baseline
    if base is None and baseline_year is not None:
        at_base = [p for p in ordered if p.year == baseline_year]
        base = at_base[-1].value if at_base else None
    tol = tolerance(unit=unit, baseline=base if base is not None else Decimal(0))
    trend = trend_of(ordered, tol=tol)
    comparator_base = comparator_baseline
    if comparator_base is None and baseline_year is not None:
        at = value_at_or_before(comparator, (baseline_year, 2))
        comparator_base = at.value if at else None
    gap_at_baseline = (
        base - comparator_base if base is not None and comparator_base is not None else None
    )
    comparator_now = value_at_or_before(comparator, latest.key) if latest else None
    gap_now = latest.value - comparator_now.value if latest and comparator_now else None
    gap = gap_change(gap_at_baseline=gap_at_baseline, gap_now=gap_now, tol=tol)
    if base is None or not after:
        return IndicatorStatus(
            Status.MISSING, base, latest, None, gap_at_baseline, gap_now, gap, trend
        )
    assert latest is not None
    change = latest.value - base
    status = judge_change(direction=direction, change=change, tol=tol)
    status, margin, within, notes = survey_judgement(
        unit=unit,
        direction=direction,
        status=status,
        change=change,
        base=base,
        baseline_sample=baseline_sample,
        latest=latest,
    )
    return IndicatorStatus(
        status, base, latest, change, gap_at_baseline, gap_now, gap, trend, margin, within, notes
    )


# ---------------------------------------------------------------------------------------
# What is due


def last_register_year(today: dt.date) -> int:
    """The latest year whose register data a follow-up in `today`'s year should hold.

    LBF's Boligsociale Data for a year arrive during the following year, so in year Y the
    follow-up reports on Y-1.
    """
    return today.year - 1


def next_survey_wave(wave_years: Iterable[int], *, default_interval: int = 3) -> tuple[int, int]:
    """(next expected year, interval) of a survey series from the years of its waves.

    The interval is the latest gap between waves, or `default_interval` with a single wave.
    """
    years = sorted(set(wave_years))
    if not years:
        raise ValueError("a survey series has at least one wave")
    interval = years[-1] - years[-2] if len(years) > 1 else default_interval
    return years[-1] + max(interval, 1), max(interval, 1)


def suppressed(*, count: Decimal | None, denominator: Decimal | None, threshold: int) -> bool:
    """True when a figure could identify residents: a count or base of 1..threshold-1.

    Zero is shown (nobody is identified by nobody). A share is suppressed along with its count,
    because share and denominator give the count back.
    """
    return any(n is not None and 0 < n < threshold for n in (count, denominator))
