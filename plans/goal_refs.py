"""An activity sheet's »Delmål« line as links to the agreement's delmål.

The template's activity sheet names the delmål the activity serves: »Delmål 2«, »Delmål 1 og
2«, »2«, or the delmål's own words. `referred_goals` tells which of the agreement's delmål
(by their place, 0-based) each line means; a line that names none is the activity's own goal
and stays text. Saving (`plans.services`) links the activity to the delmål referred to, and
keeps the lines as written less those that repeat an earlier one (`distinct_goal_lines`), so
a delmål referred to twice is listed once. Pure: no database.
"""

from __future__ import annotations

import re

from lib.text import fold

_NUMBERS = re.compile(r"(?:delmaal(?:ene)?\s+)?(?:nr\s+)?(\d{1,2}(?:\s+(?:og\s+)?\d{1,2})*)")


def _numbers(line: str) -> list[int] | None:
    """The delmål numbers a line gives (»Delmål 1 og 2« → [1, 2]), None when it is not that."""
    match = _NUMBERS.fullmatch(fold(line))
    if match is None:
        return None
    return [int(n) for n in re.findall(r"\d+", match.group(1))]


def referred_goals(lines: list[str], goals: list[str]) -> tuple[list[int], list[str]]:
    """(the places of the delmål the lines refer to, the lines that are own goals)."""
    places: list[int] = []
    own: list[str] = []
    folded_goals = [fold(g) for g in goals]
    for line in lines:
        numbers = _numbers(line)
        if numbers and all(1 <= n <= len(goals) for n in numbers):
            for n in numbers:  # »Delmål 2 og 2« is delmål 2 once
                if n - 1 not in places:
                    places.append(n - 1)
            continue
        folded = fold(line)
        same = next((i for i, g in enumerate(folded_goals) if folded and g == folded), None)
        if same is not None:
            if same not in places:
                places.append(same)
            continue
        own.append(line)
    return places, own


def distinct_goal_lines(lines: list[str], goals: list[str]) -> list[str]:
    """The lines as written, less the empty ones and those that repeat an earlier line: the
    same words (in any case and spacing), or a reference only to delmål the earlier lines
    already referred to (»Delmål 2« after »Delmål 1 og 2«, »2« after »Delmål 2«, a delmål's
    own words after its number). `goals`: the agreement's delmål, in their order."""
    kept: list[str] = []
    seen: set[str] = set()
    referred: set[int] = set()
    for line in lines:
        folded = fold(line)
        if not folded or folded in seen:
            continue
        places, _own = referred_goals([line], goals)
        if places and set(places) <= referred:
            continue
        seen.add(folded)
        referred |= set(places)
        kept.append(line)
    return kept
