"""Never silently empty: every part of the template the reading expected but found empty gets
a named Danish warning, tied to its place in the interchange JSON for the review page."""

from __future__ import annotations

import re

from plans.interchange import Agreement, Indicator


def check_reading(agreement: Agreement, sections: set[str]) -> None:
    """`sections`: the template's sections the document has (their labels were found)."""
    delaftale = agreement.kind == "delaftale"
    if delaftale and agreement.focus_area is None:
        agreement.warn("Indsatsområdet kunne ikke genkendes.", "focus_area")
    if not agreement.parties:
        where = " under »Aftalens parter«" if "parties" in sections else ""
        agreement.warn(f"Ingen af aftalens parter blev fundet{where}.", "parties")
    if agreement.period.start is None or agreement.period.end is None:
        if "period" in sections:
            agreement.warn("Aftalens periode kunne ikke læses.", "period")
        else:
            agreement.warn("Aftalens periode (gælder fra - til) blev ikke fundet.", "period")
    if "initiative" in sections and not agreement.initiative:
        agreement.warn("Navnet på den boligsociale indsats står tomt.", "initiative")
    if not agreement.goals:
        agreement.warn("Ingen delmål eller indikatorer fundet.", "goals")
    for g, goal in enumerate(agreement.goals):
        if not goal.text:
            agreement.warn(f"Delmål {g + 1} står uden tekst.", f"goals.{g}")
        if not goal.indicators:
            agreement.warn(f"Delmål {g + 1} har ingen indikatorer.", f"goals.{g}")
        for i, indicator in enumerate(goal.indicators):
            if not indicator.baselines and delaftale:
                agreement.warn(
                    f"Indikator {i + 1} under delmål {g + 1} har ingen baseline.",
                    f"goals.{g}.indicators.{i}",
                )
    for a, activity in enumerate(agreement.activities):
        fields = (activity.purpose, activity.target_groups, activity.content)
        if not activity.name:
            agreement.warn(f"Aktivitetsskema {a + 1} har intet aktivitetsnavn.", f"activities.{a}")
        if (
            not any(fields)
            and not activity.goals
            and not activity.process_goals
            and not activity.responsibilities
        ):
            agreement.warn(
                f"Aktivitetsskemaet »{activity.name or a + 1}« har ingen udfyldte felter.",
                f"activities.{a}",
            )
    check_merged_rows(agreement)
    if "staff" in sections and not agreement.staff:
        agreement.warn(
            "Afsnittet om medarbejderressourcer blev fundet, men ingen medarbejdere kunne "
            "læses ud af det.",
            "staff",
        )
    elif delaftale and not agreement.staff:
        agreement.warn("Ingen medarbejderressourcer fundet.", "staff")
    for name, attribute, title in _TEXT_PARTS:
        if name in sections and not getattr(agreement, attribute):
            agreement.warn(
                f"Afsnittet »{title}« blev fundet, men står tomt (eller har kun skabelonens "
                "vejledende tekst).",
                attribute,
            )


# The template's parts of free text: (section, agreement field, the part's name in Danish)
_TEXT_PARTS = (
    ("municipal", "municipal_coherence", "Sammenhæng med den kommunale indsats"),
    ("revision", "revision", "Revision af aftalen"),
    ("vision", "vision", "Vision"),
    ("organisation", "organisation", "Organisering"),
    ("local_evaluation", "local_evaluation", "Lokal evaluering"),
)


# A delmål's number inside its text after other words ("… timer 2. Flere unge …"): the next
# row's delmål run into this one
_NUMBER_INSIDE = re.compile(r"(?<=[a-zæøå,])\s+(\d{1,2}\.\s+[A-ZÆØÅ][a-zæøå]+)")
# an indicator's first word ("Andel", "Antal") again after a lower-case word: two names
_NAME_AGAIN = re.compile(r"(?<=[a-zæøå])\s+((?:Andel|Antal|Procentdel|Gennemsnit)\b[^,;]{0,30})")
_PERCENT = re.compile(r"\d+(?:,\d+)?\s?%")
# a figure right after a percentage with nothing to part them ("41,7 % 12 unge"): two cells
_FIGURE_AFTER_PERCENT = re.compile(r"%\s+(?!(?:19|20)\d{2}\b)\d")


def check_merged_rows(agreement: Agreement) -> None:
    """Rows of a goal table that look read as one (text pasted from a PDF, where a table's
    rows are only lines): two delmål in one delmål's text, two indicators' names in one, two
    figures of one kind in one baseline. Each gets a named warning at its place."""
    for g, goal in enumerate(agreement.goals):
        found = _NUMBER_INSIDE.search(goal.text)
        if found:
            agreement.warn(
                f"Delmål {g + 1} ser ud til at rumme to delmål (»{found[1]}« står midt i "
                "teksten); kontrollér, om to rækker i tabellen er læst som én.",
                f"goals.{g}",
            )
        for i, indicator in enumerate(goal.indicators):
            _check_indicator(
                agreement,
                indicator,
                f"Indikator {i + 1} under delmål {g + 1}",
                f"goals.{g}.indicators.{i}",
            )


def _check_indicator(agreement: Agreement, indicator: Indicator, name: str, path: str) -> None:
    again = _NAME_AGAIN.search(indicator.text)
    if again:
        agreement.warn(
            f"{name} ser ud til at være to indikatorers navne i ét (»{again[1].strip()}« står "
            "midt i navnet); kontrollér, om to rækker i tabellen er læst som én.",
            path,
        )
    for measure in indicator.baselines + indicator.comparators:
        text = measure.text
        if len(_PERCENT.findall(text)) >= 2 or _FIGURE_AFTER_PERCENT.search(text):
            agreement.warn(
                f"{name} har to tal af samme slags i én baseline (»{text}«); kontrollér, om to "
                "rækker i tabellen er læst som én.",
                path,
            )
            break
