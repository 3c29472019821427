"""The unit an indicator gets when nobody has said (a Word or PDF document has no unit column):
the one place that decides it (saving a new indicator, `plans.services`; the import review's
proposal, `importing.kept_parts`).

The baselines decide first, when they agree: all counts (»Afd. 4: 9 unge«) → antal, all shares
(»52 %«) → procent. A comparator's share (»Åbyhavn Kommune 2,1 %«) does not make a count
indicator a share. Figures that give both (»17 ud af 23 unge (74 %)«), or none, leave it to
the indicator's words: »Antal …« → antal, »Andel …«/»Procentdel …« → procent. Then the
comparators, as the baselines; else procent for a share's words, else andet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lib.text import fold

_COUNT_WORDS = re.compile(r"^(?:antal(?:let)?|hvor mange)\b")
_PERCENT_WORDS = re.compile(r"^(?:andel(?:en)?|procent\w*|pct)\b")


def _get(measure: Any, name: str) -> Any:
    return measure.get(name) if isinstance(measure, dict) else getattr(measure, name, None)


def _kinds(measures: Iterable[Any]) -> set[str]:
    """»count«, »percent« or »both« per figure that has a number."""
    found = set()
    for m in measures:
        count, percent = _get(m, "count") is not None, _get(m, "percent") is not None
        if count and percent:
            found.add("both")
        elif count:
            found.add("count")
        elif percent:
            found.add("percent")
    return found


def unit_from_words(text: str | None) -> str | None:
    """»count« for »Antal …«, »percent« for »Andel …«/»Procentdel …«, else None."""
    folded = fold(text)
    if _COUNT_WORDS.search(folded):
        return "count"
    if _PERCENT_WORDS.search(folded):
        return "percent"
    return None


def _agreed(kinds: set[str]) -> str | None:
    return next(iter(kinds)) if len(kinds) == 1 and kinds != {"both"} else None


def guess_unit(text: str | None, baselines: Iterable[Any], comparators: Iterable[Any]) -> str:
    """»count«, »percent« or »other« (plans.models.Unit) for an indicator of these words and
    figures (interchange measures or their dicts)."""
    base, comp = _kinds(baselines), _kinds(comparators)
    if found := _agreed(base):
        return found
    if found := unit_from_words(text):
        return found
    if base:  # counts beside figures that give both are counts; anything else a share
        return "count" if "percent" not in base and "count" in base else "percent"
    if found := _agreed(comp):
        return found
    if comp:
        return "percent"
    return "other"
