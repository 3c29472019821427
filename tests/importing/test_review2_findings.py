"""The second new-user review's agreements (tests/fixtures/importing/review2/, fictional text
made for the review of session 6) read through the real pipeline: what the review found lost
or misread."""

from __future__ import annotations

from pathlib import Path

from importing.pipeline import ImportResult
from importing.recognisers.goals import column_roles
from tests.importing.reviewing import read_review_document

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing" / "review2"


def read(name: str) -> ImportResult:
    return read_review_document("review2", name)


A = "A_beskaeftigelse_kv_tabeller.docx"
B = "B_sammenhaeng_overskrifter_inline.docx"


# -- R1: »Baseline <områdets navn> | Baseline <kommune> | Baseline år | Datakilde« -----------
def test_a_baseline_column_named_after_the_area_is_the_baseline_not_the_data_source():
    goals = read(A).agreement.goals
    first, second = goals[0].indicators[0], goals[1].indicators[0]
    assert first.text == "Andel 18-64 årige beboere i beskæftigelse"
    assert [m.text for m in first.baselines] == ["41,7 %"]
    assert [m.text for m in first.comparators] == ["68,9 %"]
    assert (first.baseline_year, first.data_source) == (2022, "LBF - Boligsociale Data")
    assert [m.text for m in second.baselines] == ["12 unge"]
    assert (second.baseline_year, second.data_source) == (2023, "Egen registrering")
    assert not any("ingen baseline" in w for w in read(A).warnings)


def test_a_place_in_a_baseline_header_is_no_data_source_whatever_its_name():
    header = [
        "Delmål",
        "Indikator",
        "Baseline Hvidkilde",
        "Baseline Kildebjerg Kommune",
        "Baseline år",
        "Datakilde",
    ]
    assert column_roles(header) == ["goal", "indicator", "baseline", "comparator", "year", "source"]
    # the source named in a baseline column's own header still is one
    assert column_roles(["Delmål", "Indikator", "Baseline og datakilde"])[2] == "source"


# -- R2: a bold »Aktivitetsskema: <navn>« above a table of the sheet's fields ----------------
def test_a_sheet_named_by_the_bold_line_above_its_field_table_is_read():
    result = read(A)
    sheets = result.agreement.activities
    assert [a.name for a in sheets] == ["Jobvejen – vejledning i fælleshuset", "Fritidsjobguiden"]
    jobvejen = sheets[0]
    assert jobvejen.purpose.startswith("At flere ledige beboere får hjælp til at søge job")
    assert jobvejen.target_groups.startswith("Ledige beboere mellem 25 og 64 år")
    assert jobvejen.content.startswith("Åben vejledning hver tirsdag")
    assert jobvejen.responsibilities.startswith("Boligselskabet Bakkely har ansvaret")
    assert sheets[1].purpose == "At unge i området får deres første fritidsjob."
    # no list of the activities in the document: the sheets name them
    assert result.agreement.activity_names == [a.name for a in sheets]
    assert not any("Aktivitetsskema« er ikke et af felterne" in w for w in result.warnings)
    assert not any("intet aktivitetsskema kunne læses" in w for w in result.warnings)


# -- R5: a heading »Aktivitetsskema«, the sheet's name a heading under it, »Formål: …« lines -
def test_sheet_fields_written_as_label_paragraphs_under_a_sheet_heading_are_read():
    result = read(B)
    sheets = result.agreement.activities
    assert [a.name for a in sheets] == ["Frivilligcentralen Bakkely"]
    sheet = sheets[0]
    assert sheet.purpose == "At flere beboere får lyst til og mod på at være frivillige."
    assert sheet.target_groups == "Alle voksne beboere, særligt nye beboere."
    assert sheet.content.startswith("Frivilligcentralen holder åbent torsdag aften")
    assert sheet.responsibilities.startswith("Beboerforeningen driver centralen")
    assert result.agreement.activity_names == ["Frivilligcentralen Bakkely"]
    assert not any("er ikke et af felterne" in w for w in result.warnings), result.warnings
