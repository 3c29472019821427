"""The indsatsområder an agreement may belong to, from the funding periods the database holds.

A funding period's rules are data (plans.models.FundingPeriod / FocusArea, loaded by
migrations), so the importer reads the areas from there and never keeps its own list. Pure
callers (tests, tools without a database) pass the areas themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from rapidfuzz import fuzz

from importing.recognisers.labels import label_fold

T = TypeVar("T")


def from_database(query: Callable[[], T]) -> T | None:
    """`query()` run against the database; None without one (Django not installed or not
    configured: a pure caller; or no database access here, as in pytest without db)."""
    try:
        from django.apps import apps

        if not apps.ready:
            return None
        from django.db import DatabaseError
    except Exception:  # Django not installed or not configured: a pure caller
        return None
    try:
        return query()
    except (DatabaseError, RuntimeError):  # no database here (pytest without db access)
        return None


def areas_from_database() -> tuple[str, ...] | None:
    """Every funding period's focus areas, newest period first; None without a database."""

    def query() -> tuple[str, ...]:
        from plans.models import FocusArea

        rows = FocusArea.objects.order_by("-funding_period__code", "order").values_list(
            "name", flat=True
        )
        return tuple(dict.fromkeys(rows))

    return from_database(query)


def default_areas() -> tuple[str, ...]:
    """The areas when the caller gives none: the database's, else those of the funding-period
    files that ship with the product."""
    found = areas_from_database()
    if found:
        return found
    from plans.periods import bundled_focus_areas

    return bundled_focus_areas()


def match_focus_area(text: str, areas: Iterable[str]) -> str | None:
    """The area a text names ("Delaftale for indsatsområdet Tryghed og trivsel")."""
    folded = label_fold(text)
    tail = re.sub(r"^.*?indsatsomr\w*\s*", "", folded)
    best, best_key = None, (0.0, 0)
    for name in areas:
        wanted = label_fold(name)
        score = float(fuzz.ratio(wanted, tail)) if tail else 0.0
        if len(folded) >= len(wanted):
            # the name inside a longer text; a longer name found whole wins over a shorter
            # one it contains ("Uddannelse og beskæftigelse" over "Beskæftigelse")
            score = max(score, fuzz.partial_ratio(wanted, folded) - 1)
        score = max(score, float(fuzz.ratio(wanted, folded)))
        key = (score, len(wanted))
        if key > best_key:
            best, best_key = name, key
    return best if best_key[0] >= 85 else None


def area_at_start(text: str, areas: Iterable[str]) -> str | None:
    """The area a short line starts with (a heading in the strategic agreement's list, its
    number written by hand or not: »7.2 Beskæftigelse«)."""
    folded = label_fold(re.sub(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?|[A-H]\.)\s+", "", text))
    found = None
    for name in areas:
        if folded.startswith(label_fold(name)) and (found is None or len(name) > len(found)):
            found = name
    return found
