"""Reading what format 2 adds, in layouts a plan writes by hand (our own fictional text): the
funding period, an indicator's unit and direction, scope kinds, a baseline year for all the
figures of a cell, process goals and the forandringsteori. Fast: text, DOCX and small PDFs."""

from __future__ import annotations

import io
from typing import Any

import pytest

from importing.figures import (
    parse_measures,
    parse_process_goal,
    process_goal_note,
    scope_kind_of,
)
from importing.pipeline import read_document
from importing.recognisers import read_funding_period
from importing.recognisers.goals import unit_and_direction
from plans.interchange import Agreement

AREAS = ("Sammenhængskraft og medborgerskab", "Beskæftigelse", "Uddannelse og livschancer")

HEAD = """Delaftale for indsatsområdet Sammenhængskraft og medborgerskab

{extra}

Navn på den boligsociale indsats, som delaftalen vedrører:

Fælles om Lyngtoften

Delaftalen gælder fra - til:

1. januar 2024 - 31. december 2027

Delaftalens parter:

Boligselskabet Lyngbo
Havbo Kommune
"""


def _read(text: str) -> Agreement:
    return read_document(text.encode(), "delaftale.md", areas=AREAS).agreement


# -- funding period --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("Bevillingsperiode: 2019-26", "2019-26"),
        ("Bevillingsperiode: 2015-2018", "2015-18"),
        ("Puljeperiode: 2011–14", "2011-14"),
        ("**Støtteperiode:** 2019 til 2026", "2019-26"),
    ],
)
def test_the_funding_period_under_the_title_is_read(written: str, period: str) -> None:
    reading = _read(HEAD.format(extra=written))
    assert reading.funding_period == period
    assert reading.initiative == "Fælles om Lyngtoften"  # the header goes on as before


def test_a_funding_period_is_a_period_of_years() -> None:
    assert read_funding_period("1998-02") == "1998-02"
    assert read_funding_period("2019-2045") is None  # not a funding period
    assert read_funding_period("ingen") is None


# -- unit and direction ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("procent\nmere er bedre", ("percent", "more")),
        ("Antal – færre er bedre", ("count", "less")),
        ("%; niveauet fastholdes", ("percent", "hold")),
        ("skal falde", (None, "less")),
        ("andet", ("other", None)),
        ("", (None, None)),
    ],
)
def test_unit_and_direction_from_their_words(cell: str, expected: tuple[Any, Any]) -> None:
    assert unit_and_direction(cell) == expected


def test_the_goal_tables_unit_column_is_read_in_any_position() -> None:
    table = (
        "\nDelmål og indikatorer for indsatsområdet\n\n"
        "| Enhed og retning | Delmål | Indikator | Baseline boligområde/ målgruppe | Datakilde |\n"
        "|---|---|---|---|---|\n"
        "| antal, flere er bedre | Flere møder op | Fremmøde til beboermøder | 41 beboere "
        "| Referater |\n"
        "| procent, mindre er bedre | Færre føler sig ensomme | Andel ensomme | 18 % "
        "| Egen måling |\n"
    )
    reading = _read(HEAD.format(extra="") + table)
    units = [(i.unit, i.direction) for g in reading.goals for i in g.indicators]
    assert units == [("count", "more"), ("percent", "less")]


# -- scope kinds -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("scope", "kind"),
    [
        ("Afd. 12", "department"),
        ("afdeling 4B", "department"),
        ("Boligafdeling Engen", "department"),
        ("Havbo Kommune", "municipality"),
        ("hele kommunen", "municipality"),
        ("alle helhedsplaner", "all_plans"),
        ("Landsgennemsnittet", "national"),
        ("landsplan", "national"),
        ("boligområdet Lyngtoften", "housing_area"),
        ("unge 15-24 år", "target_group"),
        ("deltagerne i forløbet", "target_group"),
        ("Lyngtoften", None),  # a bare name: a boligområde or an afdeling's name
        (None, None),  # no scope: the words say nothing
    ],
)
def test_a_scope_kind_from_the_scopes_words(scope: str | None, kind: str | None) -> None:
    assert scope_kind_of(scope) == kind


def test_an_unscoped_comparator_is_what_its_column_says() -> None:
    assert scope_kind_of(None, default="municipality") == "municipality"
    assert scope_kind_of("Afd. 3", default="municipality") == "department"


def test_a_stated_kind_is_read_and_kept_out_of_the_text() -> None:
    named, _ = parse_measures("Lyngtoften (22 %) (omfang: afdeling)\nEngen (31 %)")
    assert [(m.scope, m.text, m.scope_kind) for m in named] == [
        ("Lyngtoften", "Lyngtoften (22 %)", "department"),
        ("Engen", "Engen (31 %)", None),
    ]
    colon, _ = parse_measures("Unge: 14 beboere (omfang: hele området)\nAfd. 2: 9 beboere")
    assert [(m.scope, m.text, m.scope_kind) for m in colon] == [
        ("Unge", "14 beboere", "whole"),
        ("Afd. 2", "9 beboere", None),
    ]
    bare, _ = parse_measures("2.450 anmeldelser (omfang: landsplan)")
    assert [(m.scope, m.text, m.count, m.scope_kind) for m in bare] == [
        (None, "2.450 anmeldelser", 2450, "national")
    ]


def test_a_scope_in_lower_case_before_its_figure_is_split_from_it() -> None:
    measures, _ = parse_measures("landsgennemsnittet: 10,4 %")
    assert [(m.scope, m.text, m.percent) for m in measures] == [
        ("landsgennemsnittet", "10,4 %", 10.4)
    ]
    two, _ = parse_measures("Afd. 2: 40 %\nalle helhedsplaner: 7,9 %")
    assert [(m.scope, m.text) for m in two] == [("Afd. 2", "40 %"), ("alle helhedsplaner", "7,9 %")]


def test_a_year_on_its_own_line_belongs_to_every_figure_of_the_cell() -> None:
    measures, year = parse_measures("Afd. 2: 40 beboere\nAfd. 5: 12 beboere\n(2023)")
    assert year == 2023
    assert [(m.text, m.year) for m in measures] == [("40 beboere", 2023), ("12 beboere", 2023)]
    # a year inside a figure's own words stays its own
    own, _ = parse_measures("Afd. 2: 40 beboere (2021)\nAfd. 5: 12 beboere\n(2023)")
    assert [m.year for m in own] == [2021, 2023]


# -- process goals ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "target", "per", "condition"),
    [
        ("12 fællesspisninger om året", 12, "year", None),
        ("Mindst 3 kurser pr. kvartal om temaerne", 3, "quarter", "om temaerne"),
        ("to netværksmøder om måneden", 2, "month", None),
        (
            "8 forløb i aftaleperioden med deltagelse af forældre",
            8,
            "period",
            "med deltagelse af forældre",
        ),
        ("mindst 2 uden for boligområdet", 2, None, "uden for boligområdet"),
        ("5 sommerture årligt, heraf mindst 1 for hele familien", 5, "year", None),
        ("Caféen holdes åben i 2025", None, None, None),
    ],
)
def test_a_process_goal_from_its_words(
    text: str, target: int | None, per: str | None, condition: str | None
) -> None:
    assert parse_process_goal(text) == {
        "text": text,
        "target": target,
        "per": per,
        "condition": condition,
    }


def test_a_note_states_what_the_words_do_not_and_reads_back() -> None:
    goal = {"text": "mindst 2 af dem holdes af de unge selv", "target": 2, "per": "year",
            "condition": "holdt af de unge"}  # fmt: skip
    note = process_goal_note(goal)
    assert note == " (mål: 2 pr. år; betingelse: holdt af de unge)"
    assert parse_process_goal(goal["text"] + note) == goal
    plain = {"text": "12 fællesspisninger om året", "target": 12, "per": "year", "condition": None}
    assert process_goal_note(plain) == ""


SHEETS = """
Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet (ét skema pr. aktivitet):

Aktivitetsnavn: Fællesspisning i Lyngtoften

Formål: At naboer mødes.

Procesmål:
- 12 fællesspisninger om året
- mindst 4 af dem med mad fra beboernes egne lande

Målgruppe(r): Alle beboere.

Aktivitetsnavn: Ungeværkstedet

Formål: At unge lærer et håndværk.

Aktivitetens procesmål: 30 værkstedsaftener i perioden
"""  # noqa: E501


def test_process_goals_are_read_per_activity_from_paragraphs() -> None:
    reading = _read(HEAD.format(extra="") + SHEETS)
    first, second = reading.activities
    assert [p["text"] for p in first.process_goals] == [
        "12 fællesspisninger om året",
        "mindst 4 af dem med mad fra beboernes egne lande",
    ]
    assert first.process_goals[0]["target"] == 12 and first.process_goals[0]["per"] == "year"
    assert first.target_groups == "Alle beboere."  # the label after it still ends it
    assert second.process_goals == [
        {"text": "30 værkstedsaftener i perioden", "target": 30, "per": "period", "condition": None}
    ]


def _docx(build: Any) -> bytes:
    from docx import Document

    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_process_goals_are_read_from_a_two_column_sheet_table() -> None:
    def build(document: Any) -> None:
        document.add_paragraph("Delaftale for indsatsområdet Beskæftigelse")
        document.add_paragraph("Delaftalens parter:")
        document.add_paragraph("Boligselskabet Lyngbo")
        table = document.add_table(rows=0, cols=2)
        for label, value in (
            ("Aktivitetsnavn", "Jobværkstedet"),
            ("Formål", "Flere i job."),
            ("Procesmål", "6 virksomhedsbesøg om året\n2 jobmesser pr. år om brancher med mangel"),
        ):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value

    reading = read_document(_docx(build), "a.docx", areas=AREAS).agreement
    (sheet,) = reading.activities
    assert [(p["target"], p["per"], p["condition"]) for p in sheet.process_goals] == [
        (6, "year", None),
        (2, "year", "om brancher med mangel"),
    ]


# -- forandringsteori ------------------------------------------------------------------
THEORY_LISTS = """
Forandringsteori for indsatsområdet

Aktiviteter:
- Fællesspisning i Lyngtoften
- Ungeværkstedet

Output:
- Fællesspisninger og værkstedsaftener holdes som planlagt.

Kort sigt:
- De unge får et sted at være om aftenen.

Resultater på mellemlang sigt:
- Flere unge kender en voksen i området.
Måles ved: Andel unge, der kender en voksen; Fremmøde i værkstedet

Langsigtede effekter:
- Et område, hvor unge og voksne hjælper hinanden (måles ved: Andel trygge beboere)

Forudsætninger:
- Værkstedet har åbent tre aftener om ugen.

Senest gennemgået: 3. februar 2025
"""


def test_a_forandringsteori_written_as_lists_under_its_headings() -> None:
    theory = _read(HEAD.format(extra="") + THEORY_LISTS).theory_of_change
    assert theory == {
        "activities": ["Fællesspisning i Lyngtoften", "Ungeværkstedet"],
        "results": [
            {
                "horizon": "output",
                "text": "Fællesspisninger og værkstedsaftener holdes som planlagt.",
                "indicators": [],
            },
            {
                "horizon": "short",
                "text": "De unge får et sted at være om aftenen.",
                "indicators": [],
            },
            {
                "horizon": "medium",
                "text": "Flere unge kender en voksen i området.",
                "indicators": ["Andel unge, der kender en voksen", "Fremmøde i værkstedet"],
            },
            {
                "horizon": "long",
                "text": "Et område, hvor unge og voksne hjælper hinanden",
                "indicators": ["Andel trygge beboere"],
            },
        ],
        "assumptions": ["Værkstedet har åbent tre aftener om ugen."],
        "reviewed": "2025-02-03",
    }


THEORY_COLUMNS = """
Forandringsteori

| Aktiviteter | Output | Kort sigt | Mellemlang sigt | Lang sigt |
|---|---|---|---|---|
| Ungeværkstedet | 30 aftener om året | De unge kommer igen | Flere unge i fritidsjob | Flere unge i uddannelse |
"""


def test_a_forandringsteori_drawn_as_a_table_of_columns() -> None:
    theory = _read(HEAD.format(extra="") + THEORY_COLUMNS).theory_of_change
    assert theory is not None
    assert theory["activities"] == ["Ungeværkstedet"]
    assert [(r["horizon"], r["text"]) for r in theory["results"]] == [
        ("output", "30 aftener om året"),
        ("short", "De unge kommer igen"),
        ("medium", "Flere unge i fritidsjob"),
        ("long", "Flere unge i uddannelse"),
    ]


THEORY_ROWS = """
Forandringsteori for indsatsområdet

| Tidshorisont | Forventet forandring | Indikatorer |
|---|---|---|
| Kortsigtede resultater | De unge kommer igen | Fremmøde i værkstedet |
| Lang sigt | Flere unge i uddannelse | Andel unge i uddannelse |
"""


def test_a_forandringsteori_as_one_row_per_step() -> None:
    theory = _read(HEAD.format(extra="") + THEORY_ROWS).theory_of_change
    assert theory is not None
    assert theory["results"] == [
        {"horizon": "short", "text": "De unge kommer igen", "indicators": ["Fremmøde i værkstedet"]},
        {"horizon": "long", "text": "Flere unge i uddannelse", "indicators": ["Andel unge i uddannelse"]},
    ]  # fmt: skip


# -- PDF: what a PDF writer does to text ------------------------------------------------
def _pdf(body: str) -> bytes:
    from weasyprint import HTML

    html = f"<html><body style='font-family: DejaVu Sans; font-size: 10pt'>{body}</body></html>"
    data: bytes = HTML(string=html).write_pdf()
    return data


def test_a_pdf_keeps_asterisks_and_joins_a_line_broken_after_a_slash() -> None:
    long_word = "beboerhusbestyrelserne/aktivitetsudvalgene"
    body = (
        "<p>Delaftale for indsatsområdet Beskæftigelse</p><p>Delaftalens parter:</p>"
        "<p>Boligselskabet Lyngbo</p><p>Sammenhæng med den kommunale indsats i boligområdet:</p>"
        f"<p style='width: 9cm'>Vi ansætter en *jobmentor* sammen med {long_word} "
        "og de lokale foreninger i Lyngtoften (omkring nye/gamle beboere) hvert år.</p>"
    )
    reading = read_document(_pdf(body), "a.pdf", areas=AREAS).agreement
    assert reading.municipal_coherence == (
        f"Vi ansætter en *jobmentor* sammen med {long_word} og de lokale foreninger i "
        "Lyngtoften (omkring nye/gamle beboere) hvert år."
    )


THEORY_HEADINGS = """
## Forandringsteori for indsatsområdet

### Aktiviteter

- Ungeværkstedet

### Kort sigt

- De unge kommer igen

### Lang sigt

- Flere unge i uddannelse

## Revision af delaftalen

Hvert år i marts.
"""


def test_a_forandringsteori_under_headings_keeps_its_own_activities_heading() -> None:
    """»Aktiviteter« as a heading inside the forandringsteori is its activities, not the
    delaftale's list of activities; the next part of the template ends it."""
    reading = _read(HEAD.format(extra="") + THEORY_HEADINGS)
    theory = reading.theory_of_change
    assert theory is not None
    assert theory["activities"] == ["Ungeværkstedet"]
    assert [(r["horizon"], r["text"]) for r in theory["results"]] == [
        ("short", "De unge kommer igen"),
        ("long", "Flere unge i uddannelse"),
    ]
    assert reading.activity_names == []
    assert reading.revision == "Hvert år i marts."
