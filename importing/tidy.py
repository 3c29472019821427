"""The last pass over a reading, after the recognisers: what the template's own words leave in
the text once their content is read into fields, and warnings about what was read but looks
lost or wrong. No database (the parser never touches it); called at the end of `recognise`.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from lib.text import fold
from plans.interchange import Agreement, Measure
from plans.staffline import unread_figure

# »Aktivitetsskema: Jobcafé«, »Aktivitetsskema – Jobcafé«, »Aktivitetsskema for Jobcafé«,
# »Aktivitetsskema 2: Jobcafé«, »Aktivitet 1: Jobcafé«
_SHEET_PREFIX = re.compile(
    r"^\s*(?:(?:aktivitetsskema|skema)(?:\s+(?:nr\.?\s*)?\d{1,2}\.?)?(?:\s*[:–—-]\s*|\s+for\s+)"
    r"|aktivitet(?:\s+(?:nr\.?\s*)?\d{1,2}\.?)?\s*[:–—-]\s*)",
    re.IGNORECASE,
)
# »Delmål 1: …«, »Delmål 2. …«, »Delmål 3 – …«
_GOAL_NUMBER = re.compile(r"^\s*[Dd]elmål\s*\d{1,2}[a-z]?\s*(?:[:.)–—-]\s*|\s+(?=[A-ZÆØÅ]))")
# »2. Flere unge …«, »2.Flere unge …« (a scan), »3) Flere …«: the delmål's number kept
_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s*(?=[A-ZÆØÅ][a-zæøå])")
_NEXT_CAPTION = re.compile(r"\s+Aktivitetsskema\s*:?\s*$")


def tidy_reading(agreement: Agreement, source_text: str = "") -> None:
    _tidy_sheet_names(agreement)
    _tidy_goal_texts(agreement)
    for goal in agreement.goals:
        for indicator in goal.indicators:
            for measure in (*indicator.baselines, *indicator.comparators):
                _tidy_measure(measure)
    _warn_suspicious(agreement, source_text)


def sheet_name(name: str) -> str:
    """An activity sheet's name without the template's »Aktivitetsskema:« before it."""
    stripped = _SHEET_PREFIX.sub("", name, count=1).strip()
    return stripped if stripped and stripped != name.strip() else name.strip()


def _tidy_sheet_names(agreement: Agreement) -> None:
    listed = {fold(name): name for name in agreement.activity_names}
    agreement.activity_names = [sheet_name(n) for n in agreement.activity_names]
    listed.update({fold(name): name for name in agreement.activity_names})
    for activity in agreement.activities:
        for field in ("purpose", "target_groups", "content", "responsibilities"):
            value = getattr(activity, field)
            if value:  # the caption of the next sheet run on into the last field of this one
                setattr(activity, field, _NEXT_CAPTION.sub("", value) or value)
        if not activity.name:
            continue
        name = sheet_name(activity.name)
        # the list's spelling, so the sheet and the listed activity are one activity
        activity.name = listed.get(fold(name)) or listed.get(fold(activity.name)) or name


def _tidy_goal_texts(agreement: Agreement) -> None:
    for goal in agreement.goals:
        stripped = _GOAL_NUMBER.sub("", goal.text or "", count=1).strip()
        stripped = _LIST_NUMBER.sub("", stripped, count=1).strip()
        if stripped:
            goal.text = stripped


def _tidy_measure(measure: Measure) -> None:
    """A figure's written text without the scope written before it (»Åbyhavn Kommune 35 %«),
    once that scope is read into its own field."""
    text = measure.text.strip().rstrip(",;").strip()
    if measure.scope and fold(text).startswith(fold(measure.scope) + " "):
        rest = text[len(measure.scope) :].lstrip(" :–-")
        if re.match(r"[=~]?\s*\d", rest):
            text = rest
    # The year stays in the written text: it is what the document says, and an exported
    # agreement must read back unchanged (»… (10,4 %) (2019)« with its year 2019).
    measure.text = text or measure.text


def _warn_suspicious(agreement: Agreement, source_text: str) -> None:
    for index, line in enumerate(agreement.staff):
        if unread_figure(line.text, line.share_percent, line.hours_per_year):
            agreement.warn(
                f"Medarbejderlinjen »{line.text}« nævner timer eller en andel, men tallet "
                "kunne ikke læses; udfyld »Andel af stilling« eller »Timer om året«.",
                f"staff.{index}",
            )
        if line.share_percent is not None and line.share_percent > 100:
            agreement.warn(
                f"Medarbejderlinjen »{line.text}« er læst som {line.share_percent:g} % af en "
                "stilling; mere end 100 % kan ikke gemmes.",
                f"staff.{index}",
            )
    for g, goal in enumerate(agreement.goals):
        for i, indicator in enumerate(goal.indicators):
            for measure in (*indicator.baselines, *indicator.comparators):
                if measure.percent is not None and measure.percent > 100:
                    agreement.warn(
                        f"Tallet »{measure.text}« ved indikatoren »{indicator.text}« er læst "
                        f"som {measure.percent:g} %; mere end 100 % kan ikke gemmes.",
                        f"goals.{g}.indicators.{i}",
                    )
    unread = _unread_sheets(agreement, source_text)
    for name in unread:
        agreement.warn(
            f"Dokumentet har et aktivitetsskema for »{name}«, men det kunne ikke læses; "
            "tilføj det her eller kontrollér dokumentet.",
            "activities",
        )
    if not unread and "aktivitetsskema" in fold(source_text) and not agreement.activities:
        agreement.warn(
            "Dokumentet nævner aktivitetsskemaer, men intet aktivitetsskema kunne læses; "
            "tilføj dem her eller kontrollér dokumentet.",
            "activities",
        )


# a line naming the sheet under it: »Aktivitetsskema: Jobcafé«, »Aktivitetsskema 2 – Jobcafé«
_SHEET_CAPTION = re.compile(
    r"^[ \t]*(?:aktivitetsskema|skema)(?:[ \t]+(?:nr\.?[ \t]*)?\d{1,2}\.?)?[ \t]*[:;–—-]"
    r"[ \t]*(?P<name>[^\n|]{3,120}?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _unread_sheets(agreement: Agreement, source_text: str) -> list[str]:
    """The sheets the document names in a caption (»Aktivitetsskema: Jobcafé«) that no sheet
    read has the name of: each is said by name, so no sheet is lost without a word."""
    read = [fold(a.name) for a in agreement.activities if a.name]
    unread: list[str] = []
    for found in _SHEET_CAPTION.finditer(source_text):
        name = " ".join(found["name"].split()).strip(" .:")
        key = fold(name)
        if name[:1] in "([" or "skema" in key or "aktiviteter" in key.split():
            continue  # the template's guidance (»(Udfyld ét skema pr. aktivitet)«)
        if not key or any(key == r or key in r or r in key for r in read):
            continue
        if any(fuzz.ratio(key, r) >= 85 for r in read) or name in unread:
            continue
        unread.append(name)
    return unread
