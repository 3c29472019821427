"""An activity sheet's »Delmål« line as links to the agreement's delmål.

The template's activity sheet names the delmål the activity serves: »Delmål 2«, »Delmål 1 og
2«, »2«, or the delmål's own words. `referred_goals` tells which of the agreement's delmål
(by their place, 0-based) each line means; a line that names none is the activity's own goal
and stays text. Saving (`plans.services`) links the activity to the delmål referred to.
Pure: no database.
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
            places += [n - 1 for n in numbers if n - 1 not in places]
            continue
        folded = fold(line)
        same = next((i for i, g in enumerate(folded_goals) if folded and g == folded), None)
        if same is not None:
            if same not in places:
                places.append(same)
            continue
        own.append(line)
    return places, own
