"""The strategic agreement's overall goals in pasted text, put back under LBF's fixed goals.

The overall goals and their indicators of a strategic agreement are not the plan's own: the
funding period fixes them (`plans/periods/*.json`, "fixed_goals"). A PDF viewer copies the
goal table's columns one after the other, so the goal cells come apart from their
indicators ("Flere bliver tilknyttet arbejdsmarkedet" above the education indicators, two
goals in a row with no indicator between them), and a narrow cell breaks an indicator's
words ("Karaktergennemsni t", "kommunalvalg/folk etingsvalg") or sends its last words into
the next cell. Where a rebuilt goal table's goals are the period's fixed goals, each
indicator the period fixes goes under the goal the period gives it, in its fixed wording;
an indicator the period does not know stays under the goal above it.

The fixed goals are the funding periods' in the database (`plans.models.LbfGoal`), as the
recognisers take the indsatsområder from there (`importing.recognisers.areas`): a period
loaded later (`helhedsplan load-period`) counts at once. A reading without database access
(the bounded child process of a background task) is given them by its caller
(`read_document(fixed_goals=…)`, set for the reading with `reading_with`); a pure caller with
no database at all gets the bundled period files' (`plans.periods.bundled_fixed_goals`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from rapidfuzz import fuzz

FixedGoals = tuple[tuple[str, tuple[str, ...]], ...]
# the fixed goals of the reading under way (set by `reading_with`)
_READING: ContextVar[FixedGoals | None] = ContextVar("fixed_goals", default=None)
_FOLD = re.compile(r"[^0-9a-zæøåéü]+")
_MIN_PREFIX = 0.5  # a cut-off indicator keeps at least this share of its fixed wording
_MIN_RATIO = 92


def fold(text: str) -> str:
    """Letters and digits only, in lower case: the words a viewer's breaks cannot change."""
    return _FOLD.sub("", text.lower())


def as_fixed_goals(goals: Iterable[tuple[str, Iterable[str]]]) -> FixedGoals:
    return tuple((goal, tuple(indicators)) for goal, indicators in goals)


def fixed_goals_from_database() -> FixedGoals | None:
    """(goal, its indicators) of every funding period the database holds, newest period
    first; None without a database (`areas.from_database`)."""
    from importing.recognisers.areas import from_database

    def query() -> FixedGoals:
        from plans.models import LbfGoal

        goals = LbfGoal.objects.order_by("-funding_period__code", "order", "pk").prefetch_related(
            "indicators"
        )
        return tuple((goal.text, tuple(i.text for i in goal.indicators.all())) for goal in goals)

    return from_database(query)


def default_fixed_goals() -> FixedGoals:
    """The fixed goals when the caller gives none: the database's, else the bundled files'."""
    found = fixed_goals_from_database()
    if found:
        return found
    from plans.periods import bundled_fixed_goals

    return as_fixed_goals(bundled_fixed_goals())


@contextmanager
def reading_with(goals: Sequence[tuple[str, Sequence[str]]] | None) -> Iterator[FixedGoals]:
    """The fixed goals for the reading inside the block: `goals`, or by default the
    database's (read once for the whole reading)."""
    found = as_fixed_goals(goals) if goals is not None else default_fixed_goals()
    token = _READING.set(found)
    try:
        yield found
    finally:
        _READING.reset(token)


def fixed_goals() -> FixedGoals:
    """(goal, its indicators) of the funding periods, for the reading under way."""
    found = _READING.get()
    return found if found is not None else default_fixed_goals()


def _fixed_goal(cell: str) -> str | None:
    """The fixed goal a goal cell holds (it may carry words of another cell after it)."""
    folded = fold(cell)
    if not folded:
        return None
    for goal, _ in fixed_goals():
        if folded.startswith(fold(goal)):
            return goal
    return None


def is_fixed_goal(cell: str) -> bool:
    """Whether a goal cell holds one of the funding period's fixed goals (their indicators
    are then the period's to place, `fixed_goal_rows`, not a guess's)."""
    return _fixed_goal(cell) is not None


def _fixed_indicator(cell: str) -> tuple[str, str] | None:
    """(goal, indicator) for an indicator cell in the period's wording, whole, cut off at
    its end, or with a word broken by a space."""
    folded = fold(cell)
    if len(folded) < 12:
        return None
    prefixed: list[tuple[str, str]] = []
    for goal, indicators in fixed_goals():
        for indicator in indicators:
            fixed = fold(indicator)
            if folded == fixed:
                return goal, indicator
            if fixed.startswith(folded) and len(folded) >= _MIN_PREFIX * len(fixed):
                prefixed.append((goal, indicator))
    if len(set(prefixed)) == 1:  # a beginning two indicators share names neither
        return prefixed[0]
    for goal, indicators in fixed_goals():
        for indicator in indicators:
            if fuzz.ratio(folded, fold(indicator)) >= _MIN_RATIO:
                return goal, indicator
    return None


def _regroup(rows: list[list[str]]) -> list[list[str]] | None:
    """The rows of one goal table (goal, indicator, …) under the fixed goals, or None when
    the table's goals are not the period's fixed goals."""
    current: str | None = None
    effective: list[tuple[str | None, list[str]]] = []
    goals_seen: set[str] = set()
    other_goals = 0
    matched = 0
    indicator_rows = 0
    for row in rows:
        goal_cell = row[0].strip()
        if goal_cell:
            fixed = _fixed_goal(goal_cell)
            if fixed:
                goals_seen.add(fixed)
            else:
                other_goals += 1
            current = fixed or goal_cell
        if len(row) < 2 or not row[1].strip():
            effective.append((current, row))
            continue
        indicator_rows += 1
        hit = _fixed_indicator(row[1])
        if hit:
            matched += 1
            fixed_goal, indicator = hit
            effective.append((fixed_goal, [fixed_goal, indicator, *row[2:]]))
        else:
            effective.append((current, row))
    if len(goals_seen) < 2 or other_goals > len(goals_seen) // 3:
        return None
    if matched < 2 or matched < 0.6 * indicator_rows:
        return None
    order: list[str | None] = []
    groups: dict[str | None, list[list[str]]] = {}
    for key, row in effective:
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(row)
    out: list[list[str]] = []
    for key in order:
        members = [row for row in groups[key] if len(row) > 1 and any(c.strip() for c in row[1:])]
        if not members:
            members = groups[key][:1]  # a goal with no indicator keeps its row
        for number, row in enumerate(members):
            out.append([(key or "") if number == 0 else "", *row[1:]])
    return out


def fixed_goal_rows(text: str) -> str:
    """The text with each tab-separated goal table whose goals are the funding period's
    fixed goals regrouped under them (see the module's docstring); other text unchanged."""
    if "\t" not in text:
        return text
    if _READING.get() is None:  # called outside a reading: the periods read once for it
        with reading_with(None):
            return fixed_goal_rows(text)
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        cells = line.split("\t")
        if len(cells) < 3 or not re.match(r"^(?:Delmål|Mål)$", cells[0].strip()):
            out.append(line)
            index += 1
            continue
        end = index + 1
        while end < len(lines) and "\t" in lines[end]:
            end += 1
        rows = [row.split("\t") for row in lines[index + 1 : end]]
        regrouped = _regroup(rows)
        out.append(line)
        if regrouped is None:
            out.extend(lines[index + 1 : end])
        else:
            width = len(cells)
            out.extend("\t".join((row + [""] * width)[:width]) for row in regrouped)
        index = end
    return "\n".join(out)
