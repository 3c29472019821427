"""What a generated agreement says, independent of DOCX or PDF: one context for both.

`document_context` turns an interchange `Agreement` and a `Stamp` into plain strings and lists
in the order and wording of Landsbyggefonden's templates (the headings of the strategic
agreement and the delaftale, the delmål / indikator / baseline table, one sheet per activity).
The Word template and the HTML template for the PDF both read this context, so the two
formats always say the same. Pure: no database, no files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from lib.danish import format_date, format_number
from plans import interchange as ix

STRATEGIC = "strategisk_samarbejdsaftale"

# The template's own labels; the importer (importing.recognise) reads documents by them.
LABELS_SUB = {
    "initiative": "Navn på den boligsociale indsats, som delaftalen vedrører:",
    "period": "Delaftalen gælder fra - til:",
    "parties": "Delaftalens parter:",
    "goals": "Delmål og indikatorer for indsatsområdet",
    "goal_column": "Delmål",
    "baseline_column": "Baseline boligområde/ målgruppe",
    "comparator_column": "Evt. anden baseline",
    "activity_list": (
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
        "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:"
    ),
    "staff": "Medarbejderressourcer for indsatsområdet:",
    "municipal": "Sammenhæng med den kommunale indsats i boligområdet:",
    "revision": (
        "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til "
        "Landsbyggefonden, men fonden skal om nødvendigt til enhver tid kunne rekvirere "
        "ajourførte delaftaler):"
    ),
    "sheets": (
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
        "(ét skema pr. aktivitet):"
    ),
}
LABELS_STRATEGIC = {
    "initiative": "Områdets navn:",
    "period": "Samarbejdsaftalen gælder fra - til:",
    "parties": "Aftalens parter:",
    "area": "1. Kort om boligområdet",
    "vision": "2. Vision for boligområdet",
    "organisation": "3. Organisering",
    "interplay": "4. Samspil med centrale tiltag og indsatser i boligområdet",
    "goals": "5. Overordnede mål og indikatorer for den boligsociale indsats",
    "goal_column": "Overordnet mål",
    "baseline_column": "Baseline boligområde",
    "comparator_column": "Baseline kommune",
    "focus_areas": "6. Indsatsområder",
    "problem_complex": "Problemkompleks for indsatsområdet:",
    "local_evaluation": "7. Lokal evaluering",
    "revision": "8. Revision af samarbejdsaftalen",
}
SHEET_LABELS = {
    "name": "Aktivitetsnavn:",
    "purpose": "Formål:",
    "goals": "Delmål for aktiviteten:",
    "process_goals": "Procesmål:",
    "target_groups": "Målgruppe(r):",
    "content": "Indhold og praksis:",
    "responsibilities": "Ansvars- og rollefordeling:",
}
COMMON_LABELS = {
    "indicator_column": "Indikator",
    "year_column": "Baseline år",
    "source_column": "Datakilde",
    # Not a column of LBF's table: how the follow-up judges the indicator. Written so a
    # document made here says everything its data says and reads back without loss.
    "unit_column": "Enhed og retning",
    # The funding period the agreement belongs to (format 2), under the title.
    "funding_period": "Bevillingsperiode:",
    # The staff table: role, share and hours, then the line as the agreement words it.
    "staff_role_column": "Rolle",
    "staff_share_column": "Andel af stilling",
    "staff_hours_column": "Timer om året",
    "staff_text_column": "Beskrivelse",
}
# The words for an indicator's unit and direction (plans.models.Unit / Direction labels).
UNIT_WORDS = {"percent": "procent", "count": "antal", "other": "andet"}
DIRECTION_WORDS = {
    "more": "mere er bedre",
    "less": "mindre er bedre",
    "hold": "niveauet fastholdes",
}


@dataclass(frozen=True)
class Stamp:
    """Which version a document shows: the plan, the version number and its approval date.

    `approved_on` None means the version is not approved: the document says "Kladde".
    `approved_by` names who approved it: "bestyrelsen" (a delaftale) or "Landsbyggefonden"
    (the strategic agreement), whose date `approved_on` is.
    """

    plan_name: str
    version: int | None = None
    approved_on: dt.date | None = None
    approved_by: str = ""

    @property
    def text(self) -> str:
        parts = [f"Version {self.version}"] if self.version is not None else []
        if self.approved_on is not None:
            by = f" af {self.approved_by}" if self.approved_by else ""
            parts.append(f"godkendt{by} {format_date(self.approved_on)}")
        else:
            parts.append("Kladde – ikke godkendt")
        return " · ".join(parts)


def paragraphs(text: str | None) -> list[str]:
    """A long text as its paragraphs (blank lines separate them; single newlines are kept)."""
    if not text:
        return []
    chunks = [" ".join(chunk.split()) for chunk in text.replace("\r\n", "\n").split("\n\n")]
    return [chunk for chunk in chunks if chunk]


def measure_text(
    measure: ix.Measure, role: str = "baseline", *, unscoped_kind: str | None = None
) -> str:
    """A baseline as the table cell shows it: its own words, with its scope when not in them,
    and its scope kind (»(omfang: målgruppe)«) where an import would not come to it: neither
    the scope's words (»Afd. 7«, »Lilleby Kommune«) nor the guess saving makes for a figure
    without a stated kind (a boligområde's name, no scope: the whole area) give it.

    `unscoped_kind`: what the column says a figure without a scope is for (the strategic
    agreement's »Baseline kommune«: the municipality)."""
    from importing.figures import kind_word, scope_kind_of
    from plans.services import guess_scope_kind

    text = " ".join(measure.text.split())
    scope = measure.scope
    if scope and not text.startswith(scope) and not text.rstrip().endswith(f"({scope})"):
        text = f"{scope}: {text}"
    kind = measure.scope_kind
    read = scope_kind_of(scope, default=unscoped_kind) or guess_scope_kind(scope, role)
    if kind and kind != read:
        text = f"{text} (omfang: {kind_word(kind)})"
    return text


def measure_lines(
    measures: list[ix.Measure], role: str = "baseline", *, unscoped_kind: str | None = None
) -> list[str]:
    """A cell's figures, one a line; a year they share that their words do not give stands on
    a line of its own under them (»(2022)«), as plans write it, so it is read as theirs."""
    from lib.danish import parse_figure

    lines = [measure_text(m, role, unscoped_kind=unscoped_kind) for m in measures]
    unstated = {m.year for m in measures if parse_figure(m.text).year is None}
    if len(unstated) == 1 and (year := unstated.pop()) is not None:
        lines.append(f"({year})")
    return lines


def period_text(period: ix.Period) -> str:
    if period.start is None and period.end is None:
        return ""
    start = format_date(period.start) if period.start else "?"
    end = format_date(period.end) if period.end else "?"
    return f"{start} – {end}"


def _departments_text(area: ix.HousingArea) -> str:
    """`Bakkely (afd. 4 og 7 i Boligselskabet Bakkely; afd. 12 i …)`, as the template says it."""
    groups: dict[str | None, list[str]] = {}
    for department in area.departments:
        groups.setdefault(department.organisation, []).append(department.number)
    pieces = []
    for organisation, numbers in groups.items():
        listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " og " + numbers[-1]
        pieces.append(f"afd. {listed}" + (f" i {organisation}" if organisation else ""))
    return f"{area.name} ({'; '.join(pieces)})" if pieces else area.name


def staff_row(staff: ix.Staff) -> dict[str, str]:
    """One line of the staff table: the line in its own words (never rewritten: a document
    read back must give the same line), then its role, share and hours as separate cells."""
    return {
        "text": " ".join(staff.text.split()),
        "role": " ".join((staff.role or "").split()),
        "share": f"{format_number(staff.share_percent)} %"
        if staff.share_percent is not None
        else "",
        "hours": format_number(staff.hours_per_year) if staff.hours_per_year is not None else "",
    }


def unit_lines(indicator: ix.Indicator) -> list[str]:
    """`["procent", "mere er bedre"]`: the indicator's unit and direction, each on a line."""
    lines = []
    if indicator.unit:
        lines.append(UNIT_WORDS.get(indicator.unit, indicator.unit))
    if indicator.direction:
        lines.append(DIRECTION_WORDS.get(indicator.direction, indicator.direction))
    return lines


def process_goal_text(goal: dict[str, Any]) -> str:
    """A process goal as the sheet writes it: its words, and in brackets the target, period
    or condition they do not say (»mindst 4 af dem arrangeres af beboerne (mål: 4 pr. år;
    betingelse: arrangeret af beboerne)«)."""
    from importing.figures import process_goal_note

    return " ".join(str(goal.get("text", "")).split()) + process_goal_note(goal)


THEORY_LABELS = {
    "heading": "Forandringsteori for indsatsområdet",
    "activities": "Aktiviteter, som forandringsteorien tager udgangspunkt i:",
    "step_column": "Led",
    "result_column": "Resultat",
    "indicators_column": "Måles ved",
    "assumptions": "Forudsætninger:",
    "reviewed": "Senest gennemgået:",
}
HORIZON_WORDS = {
    "output": "Output",
    "short": "Kort sigt",
    "medium": "Mellemlang sigt",
    "long": "Lang sigt",
}


def theory_context(theory: dict[str, Any] | None) -> dict[str, Any] | None:
    """The forandringsteori (format 2, `theory_of_change`) as lines and table rows."""
    if not theory:
        return None
    reviewed = theory.get("reviewed")
    try:
        reviewed_text = format_date(dt.date.fromisoformat(reviewed)) if reviewed else ""
    except ValueError:
        reviewed_text = str(reviewed)
    return {
        "activities": [" ".join(str(a).split()) for a in theory.get("activities") or []],
        "results": [
            {
                "step": HORIZON_WORDS.get(r.get("horizon", ""), r.get("horizon", "")),
                "text": " ".join(str(r.get("text", "")).split()),
                "indicators": [" ".join(str(i).split()) for i in r.get("indicators") or []],
            }
            for r in theory.get("results") or []
        ],
        "assumptions": [" ".join(str(a).split()) for a in theory.get("assumptions") or []],
        "reviewed": reviewed_text,
    }


def goal_rows(agreement: ix.Agreement) -> list[dict[str, Any]]:
    """One row per indicator; the goal is written on its first indicator's row only."""
    rows: list[dict[str, Any]] = []
    # the strategic agreement's comparator column is »Baseline kommune«
    unscoped_kind = "municipality" if agreement.kind == STRATEGIC else None
    for goal in agreement.goals:
        indicators = goal.indicators or [ix.Indicator(text="")]
        for index, indicator in enumerate(indicators):
            rows.append(
                {
                    "goal": goal.text if index == 0 else "",
                    "indicator": indicator.text,
                    "baselines": measure_lines(indicator.baselines),
                    "comparators": measure_lines(
                        indicator.comparators, "comparator", unscoped_kind=unscoped_kind
                    ),
                    "year": str(indicator.baseline_year) if indicator.baseline_year else "",
                    "source": indicator.data_source or "",
                    "unit": unit_lines(indicator),
                }
            )
    return rows


_SECTION_NUMBER = re.compile(r"^\d+\.\s+")


def _numbered_sections(printed: dict[str, bool]) -> dict[str, str]:
    """The strategic agreement's numbered headings, numbered 1, 2, 3 … over the sections
    that are printed (an empty section is left out, and the numbers close up), in the
    template's order (`LABELS_STRATEGIC`)."""
    result: dict[str, str] = {}
    number = 0
    for key, shown in printed.items():
        if shown:
            number += 1
            result[key] = f"{number}. " + _SECTION_NUMBER.sub("", LABELS_STRATEGIC[key])
    return result


def document_context(
    agreement: ix.Agreement, stamp: Stamp, *, interplay: str | None = None
) -> dict[str, Any]:
    """Everything the Word and the HTML template show, as strings and lists of strings.

    Lists named `*_paragraphs`, `parties`, `activity_names`, `staff`, `housing_areas` hold one
    paragraph each. The Word renderer joins them into single fields (see `render.py`).
    `interplay` (samspil med andre indsatser) is a column of the strategic agreement that the
    interchange format does not carry; pass it when rendering the current version.
    """
    strategic = agreement.kind == STRATEGIC
    labels = {**COMMON_LABELS, **(LABELS_STRATEGIC if strategic else LABELS_SUB)}
    title = (agreement.title or "").strip()
    if strategic:
        labels |= _numbered_sections(
            {
                "area": bool(agreement.housing_areas),
                "vision": bool(paragraphs(agreement.vision)),
                "organisation": bool(paragraphs(agreement.organisation)),
                "interplay": bool(paragraphs(interplay)),
                "goals": True,  # the goal table stands even when empty (»Ingen mål endnu.«)
                "focus_areas": bool(agreement.focus_areas),
                "local_evaluation": bool(paragraphs(agreement.local_evaluation)),
                "revision": bool(paragraphs(agreement.revision)),
            }
        )
    if strategic:
        heading = (
            title
            if title.casefold().startswith("strategisk samarbejdsaftale")
            else "Strategisk samarbejdsaftale om boligsocial indsats"
        )
    else:
        heading = f"Delaftale for indsatsområdet {agreement.focus_area or ''}".strip()
    if title.casefold() == heading.casefold():
        heading = title  # the agreement's own spelling of the template's title
    # An own title stands under the template's, set apart, and import reads it from there.
    subtitle = title if title and title != heading else ""
    return {
        "is_strategic": strategic,
        "heading": heading,
        "subtitle": subtitle,
        "plan_name": stamp.plan_name,
        "stamp": stamp.text,
        "version": stamp.version,
        "approved_on": format_date(stamp.approved_on) if stamp.approved_on else "",
        "is_draft": stamp.approved_on is None,
        "labels": labels,
        "sheet_labels": SHEET_LABELS,
        "theory_labels": THEORY_LABELS,
        # The delaftale's forandringsteori; the strategic agreement has one per indsatsområde,
        # under its problemkompleks (`focus_areas[].theory`).
        "theory": None if strategic else theory_context(agreement.theory_of_change),
        "focus_area": agreement.focus_area or "",
        "funding_period": (
            f"{labels['funding_period']} {agreement.funding_period}"
            if agreement.funding_period
            else ""
        ),
        "initiative": agreement.initiative or "",
        "period": period_text(agreement.period),
        "parties": [" ".join(p.split()) for p in agreement.parties if p.strip()],
        "goal_rows": goal_rows(agreement),
        "activity_names": [" ".join(n.split()) for n in agreement.activity_names],
        "activities": [
            {
                "name": " ".join(a.name.split()),
                "purpose_paragraphs": paragraphs(a.purpose),
                "goals": [" ".join(g.split()) for g in a.goals],
                "process_goals": [process_goal_text(p) for p in a.process_goals],
                "target_groups_paragraphs": paragraphs(a.target_groups),
                "content_paragraphs": paragraphs(a.content),
                "responsibilities_paragraphs": paragraphs(a.responsibilities),
            }
            for a in agreement.activities
        ],
        "staff": [staff_row(s)["text"] for s in agreement.staff],
        "staff_rows": [staff_row(s) for s in agreement.staff],
        "municipal_paragraphs": paragraphs(agreement.municipal_coherence),
        "revision_paragraphs": paragraphs(agreement.revision),
        "housing_areas": [_departments_text(a) for a in agreement.housing_areas],
        "vision_paragraphs": paragraphs(agreement.vision),
        "organisation_paragraphs": paragraphs(agreement.organisation),
        "interplay_paragraphs": paragraphs(interplay) if strategic else [],
        "focus_areas": [
            {
                "name": s.name,
                "paragraphs": paragraphs(s.problem_complex),
                "theory": theory_context(s.theory_of_change),
            }
            for s in agreement.focus_areas
        ],
        "local_evaluation_paragraphs": paragraphs(agreement.local_evaluation),
    }
