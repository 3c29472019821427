"""Never silently empty: every part of the template the reading expected but found empty gets
a named Danish warning, tied to its place in the interchange JSON for the review page."""

from __future__ import annotations

from plans.interchange import Agreement


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
