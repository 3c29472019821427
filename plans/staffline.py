"""The figures of one staff line, as written: one rule for the import, the review page's rows
and the agreement's own staff form.

»Jobmentor 50 %« is a share of a position; »Klubben 300 t/år« and »400 timer årligt« are hours
a year; »30 timer/uge« and »15 timer pr. uge« are hours a week, counted as hours a year with
`WEEKS_PER_YEAR` (a full-time 37-hour week is 1924 hours a year); »fuld tid« is 100 %, and so is one
»årsværk« or »stilling« (»0,5 årsværk« is 50 %); »2 x 37 timer« is two people's weeks. A bare
number says nothing here: the caller knows from its column what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from lib.danish import parse_number

WEEKS_PER_YEAR = 52

_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)"
_HOURS = r"(?:t|timer|time)\.?"
YEARLY = re.compile(
    rf"{_NUMBER}\s*(?:{_HOURS}\s*(?:/|pr\.?|om|i|per|hvert)\s*år(?:et)?\b|timer\s+årligt"
    rf"|årlige\s+timer|t/år)",
    re.IGNORECASE,
)
WEEKLY = re.compile(
    rf"{_NUMBER}\s*(?:{_HOURS}\s*(?:/|pr\.?|om|i|per|hver)\s*uge(?:n)?\b|timer\s+ugentligt"
    rf"|ugentlige\s+timer|t/uge)",
    re.IGNORECASE,
)
SHARE = re.compile(rf"{_NUMBER}\s*(?:%|pct\b\.?|procent\b)", re.IGNORECASE)
# »0,5 årsværk«, »0,5 stilling«: positions, one a full-time position (100 %)
POSITIONS = re.compile(rf"{_NUMBER}\s*(?:årsværk|(?:fuldtids)?stilling(?:er)?)\b", re.IGNORECASE)
# »2 x 37 timer«: so many people with so many hours a week each
TIMES_WEEKLY = re.compile(
    rf"(\d{{1,2}})\s*[x×]\s*{_NUMBER}\s*{_HOURS}(?:\s*(?:/|pr\.?|om|i|per|hver)\s*uge(?:n)?)?(?![\w/])",
    re.IGNORECASE,
)
FULL_TIME = re.compile(r"\bfuld\s*tid\w*", re.IGNORECASE)
# a number with an hours word but no »a year« / »a week«: the caller's column decides
BARE_HOURS = re.compile(rf"^\s*{_NUMBER}\s*(?:{_HOURS})?\s*$", re.IGNORECASE)
BARE_SHARE = re.compile(rf"^\s*{_NUMBER}\s*$")


@dataclass
class StaffFigures:
    role: str | None = None
    share_percent: Decimal | None = None
    hours_per_year: Decimal | None = None
    # where in the text the first figure starts (the role is the text before it)
    figure_start: int | None = None
    # the hours a week the text states, when the hours a year are computed from them
    weekly_hours: Decimal | None = None

    @property
    def found(self) -> bool:
        return self.share_percent is not None or self.hours_per_year is not None


def _number(token: str) -> Decimal | None:
    value = parse_number(token)
    return Decimal(str(value)) if value is not None else None


def staff_figures(text: str) -> StaffFigures:
    """The role, share and hours a year one written staff line states."""
    figures = StaffFigures()
    starts: list[int] = []
    if match := YEARLY.search(text):
        figures.hours_per_year = _number(match[1])
        starts.append(match.start())
    elif (match := TIMES_WEEKLY.search(text)) or (match := WEEKLY.search(text)):
        weekly = _number(match[match.lastindex or 1])
        if weekly is not None:
            weekly *= int(match[1]) if match.re is TIMES_WEEKLY else 1
            figures.hours_per_year = weekly * WEEKS_PER_YEAR
            figures.weekly_hours = weekly
        starts.append(match.start())
    if match := SHARE.search(text):
        figures.share_percent = _number(match[1])
        starts.append(match.start())
    elif (match := POSITIONS.search(text)) and (positions := _number(match[1])) is not None:
        figures.share_percent = positions * 100
        starts.append(match.start())
    elif match := FULL_TIME.search(text):
        figures.share_percent = Decimal(100)
        starts.append(match.start())
    if starts:
        figures.figure_start = min(starts)
        role = text[: figures.figure_start].strip(" :-–,\t(")
        figures.role = role or None
    return figures


def cell_figures(text: str, column: str) -> StaffFigures:
    """A staff table's figure cell: its own words first (»80 %« in an hours column is a
    share, »15 timer pr. uge« is weekly); a bare number is what its column (`share` or
    `hours`) says."""
    figures = staff_figures(text)
    if figures.found:
        return figures
    if column == "share" and (bare := BARE_SHARE.match(text)):
        figures.share_percent = _number(bare[1])
    elif column == "hours" and (bare := BARE_HOURS.match(text)):
        figures.hours_per_year = _number(bare[1])
    return figures


def unread_figure(text: str, share: object, hours: object) -> bool:
    """A written line with a figure of hours or share whose number fields are empty."""
    if share is not None or hours is not None:
        return False
    return bool(re.search(r"\d\s*(?:%|t\b|timer|pct|procent)", text, re.IGNORECASE))
