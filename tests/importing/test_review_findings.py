"""The reviewer's own agreements (tests/fixtures/importing/review/, fictional text made for
the review of issue 8) read through the real pipeline: what the first review found lost or
misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from importing.pipeline import ImportResult, read_document
from plans.interchange import Agreement

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing" / "review"
AREAS = [
    "Uddannelse og livschancer",
    "Beskæftigelse",
    "Kriminalitetsforebyggelse",
    "Sammenhængskraft og medborgerskab",
]
_READ: dict[str, ImportResult] = {}


def read(name: str) -> ImportResult:
    if name not in _READ:
        _READ[name] = read_document((FIXTURES / name).read_bytes(), name, areas=AREAS)
    return _READ[name]


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
