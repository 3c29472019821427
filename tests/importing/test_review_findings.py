"""The reviewer's own agreements (tests/fixtures/importing/review/, fictional text made for
the review of issue 8) read through the real pipeline: what the first review found lost or
misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from importing.pipeline import ImportResult
from plans.interchange import Agreement
from tests.importing.reviewing import read_review_document

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing" / "review"


def read(name: str) -> ImportResult:
    return read_review_document("review", name)


def agreement(name: str) -> Agreement:
    return read(name).agreement


B = "B_sammenhaeng_labeltable.docx"
C = "C_beskaeftigelse_headings_nostaff.docx"
D = "D_uddannelse_forpdf.pdf"
E = "E_tryghed_pasted.txt"
A = "A_kriminalitet_boldlabels.docx"


# -- F4 / F13: a staff table's figures, one rule (plans.staffline) -------------------------
def test_a_staff_tables_scope_column_is_read_and_funding_kept_apart_from_the_role():
    staff = agreement(B).staff
    assert [(s.role, s.hours_per_year) for s in staff] == [
        ("Fællesskabsmedarbejder", 30 * 52),
        ("Foreningsguide", 400),
        ("Studentermedhjælp", 10 * 52),
    ]
    assert staff[0].text == "Fællesskabsmedarbejder 30 timer/uge (finansieret af Helhedsplanen)"


def test_a_percent_is_a_share_and_hours_a_week_are_not_hours_a_year():
    staff = agreement(D).staff
    by_role = {s.role: s for s in staff}
    helper = by_role["Børne- og ungemedarbejder"]
    assert (helper.share_percent, helper.hours_per_year) == (80, None)
    assert by_role["Lektiecafékoordinator"].hours_per_year == 15 * 52
    assert helper.text == "Børne- og ungemedarbejder 80 %"


@pytest.mark.parametrize(
    ("text", "role", "share", "hours"),
    [
        (
            "Praktikant fra pædagoguddannelsen, 8 t/uge",
            "Praktikant fra pædagoguddannelsen",
            None,
            416,
        ),
        ("Jobmentor 50 %", "Jobmentor", 50, None),
        ("Klubben 1.200 timer om året", "Klubben", None, 1200),
        ("Tryghedsvært\t25 %", "Tryghedsvært", 25, None),
    ],
)
def test_the_staff_form_reads_a_typed_line_by_the_imports_rule(text, role, share, hours):
    from plans.forms import StaffForm

    form = StaffForm(data={"text": text})
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["role"], data["share_percent"], data["hours_per_year"]) == (role, share, hours)


# -- F10: sheets headed »Aktivitetsskema: X« are the listed activity X ----------------------
def test_a_sheet_headed_aktivitetsskema_is_the_listed_activity_of_that_name():
    reading = agreement(C)
    assert reading.activity_names == ["Jobcafé", "Virksomhedspraktik for unge"]
    assert [a.name for a in reading.activities] == reading.activity_names


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Aktivitetsskema: Jobcafé", "Jobcafé"),
        ("Aktivitetsskema – Lektiecafé i fælleshuset", "Lektiecafé i fælleshuset"),
        ("Aktivitetsskema 2: Tryg opgang", "Tryg opgang"),
        ("Aktivitet for unge", "Aktivitet for unge"),
        ("Aktivitetsskema", "Aktivitetsskema"),
    ],
)
def test_the_sheet_prefix_goes_and_nothing_else(written, name):
    from importing.tidy import sheet_name

    assert sheet_name(written) == name


# -- F7: »Delmål 1:« written before a goal is its number, not its text ----------------------
def test_numbered_goal_paragraphs_lose_their_delmaal_label():
    assert [g.text.split()[0] for g in agreement(B).goals] == ["Flere", "Færre", "Flere"]


# -- F5 / F6 / F8 / F12: figures after their names, one line ---------------------------------
def test_figures_after_area_names_split_per_area_with_the_names_as_scopes():
    indicator = agreement(B).goals[0].indicators[0]
    assert [(m.scope, m.percent, m.year, m.text) for m in indicator.baselines] == [
        ("Bakkely", 18, 2023, "18 %"),
        ("Kildevang", 22, 2023, "22 %"),
    ]
    (municipality,) = indicator.comparators
    assert (municipality.scope, municipality.scope_kind, municipality.text) == (
        "Åbyhavn Kommune",
        "municipality",
        "35 %",
    )


def test_a_national_average_without_a_colon_is_landsplan():
    (comparator,) = agreement(B).goals[1].indicators[0].comparators
    assert comparator.scope_kind == "national"
    assert comparator.percent == 6.8


def test_the_year_is_read_into_its_field_and_the_figure_stays_as_written():
    # »14 beboere (2022)« in the document: the year is read, the written text kept as the
    # document has it (an exported agreement must read back unchanged)
    baseline = agreement(C).goals[0].indicators[0].baselines[0]
    assert (baseline.text, baseline.count, baseline.year) == ("14 beboere (2022)", 14, 2022)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Ca. 40 beboere", None),
        ("Bakkely 18 %, Kildevang 22 % (2023)", [("Bakkely", "18 %"), ("Kildevang", "22 %")]),
        ("Afd. 4: 17, afd. 7: 9 (2023)", [("Afd. 4", "17"), ("afd. 7", "9")]),
        (
            "Vestergården 41 beboere og Østergården 12 beboere",
            [("Vestergården", "41 beboere"), ("Østergården", "12 beboere")],
        ),
        ("36 % utryk 5 % utryk", None),
    ],
)
def test_named_figures(cell, expected):
    from importing.named_figures import named_figures

    assert named_figures(cell) == expected


# -- F1: a new indicator's direction is proposed from its words ------------------------------
@pytest.mark.parametrize(
    ("goal", "indicator", "direction"),
    [
        ("Færre unge bliver sigtet for kriminalitet", "Andel 15-25-årige sigtet", "less"),
        ("Trygheden i området skal øges", "Antal anmeldte hærværkssager", "less"),
        ("Færre unge har et højt skolefravær", "Andel elever med mere end 10 % fravær", "less"),
        ("Flere unge læser videre efter 9. klasse", "Andel i gang med en uddannelse", "more"),
        ("Beboerne skal reducere energiforbruget", "Forbrug pr. lejemål", "less"),
        ("Antallet fastholdes", "Antal deltagere i fællesspisning", "hold"),
        ("Et godt sted at bo", "Andel beboere, der er tilfredse", None),
    ],
)
def test_the_direction_is_guessed_from_the_words(goal, indicator, direction):
    from plans.direction import guess_direction

    assert guess_direction(goal, indicator) == direction


# -- F18: a .txt with the template's labels, as pasted from Word ------------------------------
def test_pasted_text_reads_the_activity_list_sheets_and_tab_staff_lines():
    reading = agreement(E)
    assert reading.activity_names == ["Natteravne og gadeplansarbejde", "Tryg opgang"]
    assert [a.name for a in reading.activities] == reading.activity_names
    assert reading.activities[0].responsibilities.endswith("møde.")
    assert [(s.role, s.share_percent, s.hours_per_year) for s in reading.staff] == [
        ("Gadeplansmedarbejder", None, 37 * 52),
        ("Tryghedsvært", 25, None),
        ("SSP-konsulent (kommunal medfinansiering)", None, 200),
    ]
