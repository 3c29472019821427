"""A delaftale with a narrow six-column goal table, pasted from a PDF (the reviewer's
document D as `pdftotext -layout` and as a viewer's line-by-line copy): cells wrapped over
many lines with no blank line between rows, headings wrapped mid-word ("boligområd" / "e/"),
words a narrow cell broke without a hyphen ("ungdomsudd" / "annelse"), and the parties'
sentence wrapped after »og« (review findings F14, F15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from importing.pipeline import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importing"
AREAS = ("Uddannelse og livschancer", "Beskæftigelse")
PARTIES = [
    "Boligselskabet Bakkely",
    "Åbyhavn Kommune, Børn og Unge",
    "Kildeskolen",
    "Fritidsklubben Stjernen",
]


def _read(name: str, *, crlf: bool = False):  # type: ignore[no-untyped-def]
    data = (FIXTURES / name).read_bytes()
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    return read_document(data, "aftale.txt", areas=AREAS)


@pytest.mark.parametrize("crlf", [False, True])
def test_a_layout_copy_reads_each_wrapped_row_as_one_delmaal_with_its_figures(crlf):
    agreement = _read("pasted_layout_narrow_cells.txt", crlf=crlf).agreement
    assert [g.text for g in agreement.goals] == [
        "Flere børn i Bakkely og Kildevang går i dagtilbud, før de starter i skole",
        "Færre unge har et højt skolefravær",
        "Flere unge læser videre efter 9. klasse",
    ]
    first = agreement.goals[0].indicators[0]
    assert first.text == "Andel 1-5 årige i dagtilbud"
    assert [b.text for b in first.baselines] == ["38 børn (79,2 %)", "21 børn (84,0 %)"]
    assert [c.text for c in first.comparators] == ["92,5 %"]
    assert first.data_source == "LBF - Boligsociale Data"


def test_words_a_narrow_cell_broke_without_a_hyphen_are_whole_again():
    agreement = _read("pasted_layout_narrow_cells.txt").agreement
    indicators = [i for g in agreement.goals for i in g.indicators]
    assert indicators[1].data_source == "Kildeskolens fraværsopgørelse"
    assert "ungdomsuddannelse 15 måneder" in indicators[2].text


@pytest.mark.parametrize("name", ["pasted_layout_narrow_cells.txt", "pasted_raw_narrow_cells.txt"])
def test_the_parties_sentence_wrapped_after_og_names_each_party_once(name):
    assert _read(name).agreement.parties == PARTIES
