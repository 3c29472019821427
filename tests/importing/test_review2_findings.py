"""The second new-user review's agreements (tests/fixtures/importing/review2/, fictional text
made for the review of session 6) read through the real pipeline: what the review found lost
or misread."""

from __future__ import annotations

from pathlib import Path

from importing.pipeline import ImportResult, read_document
from importing.recognisers.goals import column_roles

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing" / "review2"
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


A = "A_beskaeftigelse_kv_tabeller.docx"


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
