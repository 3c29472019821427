"""Figures written after the name they are for, without a colon: »Bakkely 18 %, Kildevang
22 % (2023)«, »Afd. 4: 17, afd. 7: 9 (2023)«, »Åbyhavn Kommune 35 % (2023)«,
»Landsgennemsnittet for almene familieboliger 6,8 %«.

A list of two or more is split at »,«, »;« or »og« between one figure and the next name, each
figure with its name as scope; one figure alone takes the words before it as its scope only
when they say what kind of scope they are (a kommune, the country, an afdeling …), so
»Ca. 40 beboere« keeps its words. The year written once at the end is every figure's year, and
it is not kept in the figure's text (it has its own field).
"""

from __future__ import annotations

import re

from plans.interchange import Measure

_NAME = (
    r"(?:[Aa]fd\.?|[Aa]fdeling|[Bb]oligafdeling)\s*\d+[a-z]?"
    r"|[A-ZÆØÅ][\wæøåÆØÅ\-.]*(?:\s+(?!og\b)[\wæøåÆØÅ\-]+){0,5}?"
)
_FIGURE = (
    r"[=~]?\s*\d+(?:[.,]\d+)*(?:\s*(?:%|pct\.?|procent))?"
    r"(?:\s+(?:ud\s+af\s+\d+(?:[.,]\d+)*\s+)?[a-zæøå]+)?"  # »41 beboere«, »17 ud af 77 elever«
    r"(?:\s*\([^()]*\d[^()]*%[^()]*\))?"  # »38 børn (79,2 %)«
)
_ENTRY = re.compile(rf"\s*(?P<name>{_NAME})\s*:?\s+(?P<figure>{_FIGURE})\s*")
_SEPARATOR = re.compile(r"\s*(?:,|;|\bog\b)\s*")
_YEAR_END = re.compile(r"\s*\(\s*((?:19|20)\d{2})\s*\)\s*$")
_KNOWN_KINDS = {"municipality", "national", "all_plans", "department", "housing_area"}


def named_figures(text: str) -> list[tuple[str, str]] | None:
    """(scope, figure) pairs when the whole text is figures after their names, else None."""
    body = _YEAR_END.sub("", text)
    pairs: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        if pairs:
            separator = _SEPARATOR.match(body, position)
            if not separator or separator.end() == position:
                return None
            position = separator.end()
        entry = _ENTRY.match(body, position)
        if not entry or not re.search(r"\d", entry["figure"]):
            return None
        name = " ".join(entry["name"].split())
        if re.search(r"\d", name) and not re.match(r"(?i)(?:bolig)?afd", name):
            return None
        pairs.append((name, " ".join(entry["figure"].split())))
        position = entry.end()
    if not pairs:
        return None
    if len(pairs) == 1:
        from importing.figures import scope_kind_of

        if scope_kind_of(pairs[0][0]) not in _KNOWN_KINDS:
            return None
    return pairs


def read_named_figures(text: str, year: int | None) -> list[Measure] | None:
    """The measures of a cell of named figures (see `named_figures`), else None."""
    from importing.figures import _measure

    pairs = named_figures(text)
    if pairs is None:
        return None
    if (end := _YEAR_END.search(text)) and year is None:
        year = int(end[1])
    measures = []
    for scope, figure in pairs:
        measures.append(_measure(figure, scope, year))
    return measures
