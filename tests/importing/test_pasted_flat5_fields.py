"""Pasted text of an agreement whose header is a label | value table, and whose delmål are
written as records under a bare »Delmål« heading (review R8, R6's pasted variant).

A PDF's plain text copies a two-column table either a row at a time (a label line, then its
value line) or a column at a time (every label line, then every value line); a value that
wrapped in its cell comes on two lines. The labels must still read as labels, each value
under its own label, and a period never as a party. »Delmål« / »Indikator:« / »Baseline:«
/ »Datakilde:« end the list before them.

Fixtures in our own fictional words: Mosegården, Mosebjerg Kommune."""

from __future__ import annotations

from importing.pipeline import read_document
from importing.readers.text import field_lines

AREAS = ("Beskæftigelse", "Sammenhængskraft og medborgerskab")

COLUMNS_FIRST = """Delaftale for indsatsområdet
Beskæftigelse
Områdets navn
Helhedsplanens navn
Periode
Delaftalens parter

Mosegården
Sammen i Mosegården
1. marts 2024 – 28. februar 2028
Boligforeningen Mosegården, Mosebjerg
Kommune, Jobcenter Mosebjerg,
Foreningen Cykelværkstedet

Medarbejderressourcer
Jobmentor, 30 timer/uge
"""

ROWS_FIRST = """Delaftale for indsatsområdet Beskæftigelse
Områdets navn
Mosegården
Helhedsplanens navn
Sammen i Mosegården
Periode
1. marts 2024 – 28. februar 2028
Delaftalens parter
Boligforeningen Mosegården
Jobcenter Mosebjerg

Medarbejderressourcer
Jobmentor, 30 timer/uge
"""

RECORDS = """Delaftale for indsatsområdet
Sammenhængskraft og
medborgerskab
Områdets navn
Mosegården

Aftalens parter
Denne delaftale er indgået mellem Boligforeningen Mosegården, Mosebjerg
Kommune (Fritid og Kultur) og Beboerforeningen i Mosegården.

Delmål
Delmål 1: Flere beboere deltager i fællesspisning i beboerhuset

Indikator: Antal deltagere i fællesspisning pr. måned

Baseline: 40 deltagere (2023)

Datakilde: Egen optælling

Delmål 2: Flere beboere kender deres naboer

Indikator: Andel beboere, der kender mindst tre naboer ved navn

Baseline: 31 % (2023)

Datakilde: Beboerundersøgelse


Aktivitetsskema
Fællesspisning i beboerhuset
Formål: At beboerne mødes på tværs af opgange og alder.

Målgruppe: Alle beboere i Mosegården.

Indhold og praksis: Der er fællesspisning hver anden onsdag, og beboerne laver
maden på skift.

Ansvars- og rollefordeling: Beboerforeningen står for maden; den boligsociale
medarbejder står for invitationerne.
Medarbejderressourcer
Fællesskabsmedarbejder, 25 timer om ugen

Sammenhæng med den kommunale indsats
Fællesspisningen støtter kommunens plan for et aktivt fritidsliv.
"""


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_document(text.encode(), "indsat.txt", areas=AREAS).agreement


def test_labels_copied_a_column_at_a_time_pair_with_their_values_in_order() -> None:
    agreement = _read(COLUMNS_FIRST)
    assert agreement.initiative == "Mosegården"
    assert (str(agreement.period.start), str(agreement.period.end)) == ("2024-03-01", "2028-02-28")
    assert not any("2024" in party for party in agreement.parties)
    # the party that wrapped in its cell (»Mosebjerg« / »Kommune«) is one name again
    assert any(party.startswith("Mosebjerg Kommune") for party in agreement.parties)
    assert not any(party.startswith("Kommune") for party in agreement.parties)
    assert "Boligforeningen Mosegården" in agreement.parties
    assert "Foreningen Cykelværkstedet" in agreement.parties
    assert [s.text for s in agreement.staff] == ["Jobmentor, 30 timer/uge"]


def test_labels_copied_a_row_at_a_time_read_as_label_and_value() -> None:
    agreement = _read(ROWS_FIRST)
    assert agreement.initiative == "Mosegården"
    assert str(agreement.period.start) == "2024-03-01"
    assert agreement.parties == ["Boligforeningen Mosegården", "Jobcenter Mosebjerg"]


def test_a_column_of_labels_without_the_period_on_its_line_is_left_as_it_is() -> None:
    """When the values cannot be paired so that the period's label gets the period, the
    lines are not paired at all (no guessing)."""
    lines = ["Periode", "Delaftalens parter", "", "Boligforeningen Mosegården", "Jobcenter"]
    assert field_lines(lines) == lines
    paired = field_lines(["Periode", "Delaftalens parter", "", "1.3.2024 – 28.2.2028", "A"])
    assert paired == ["", "Periode:", "1.3.2024 – 28.2.2028", "", "Delaftalens parter:", "A", ""]


def test_delmaal_records_end_the_parties_and_are_read_as_goals() -> None:
    agreement = _read(RECORDS)
    for party in agreement.parties:
        assert not party.startswith(("Delmål", "Indikator", "Baseline", "Datakilde", "1:"))
    goals = agreement.goals
    assert [g.text for g in goals] == [
        "Flere beboere deltager i fællesspisning i beboerhuset",
        "Flere beboere kender deres naboer",
    ]
    first = goals[0].indicators[0]
    assert first.text == "Antal deltagere i fællesspisning pr. måned"
    assert first.data_source == "Egen optælling"
    assert first.baselines[0].count == 40
    assert goals[1].indicators[0].baselines[0].percent == 31


def test_the_sheets_heading_is_not_part_of_the_sheets_name() -> None:
    agreement = _read(RECORDS)
    assert [a.name for a in agreement.activities] == ["Fællesspisning i beboerhuset"]
    assert agreement.activities[0].purpose == "At beboerne mødes på tværs af opgange og alder."


def test_parties_written_as_a_sentence_reach_the_reader_as_one_line() -> None:
    from importing.layout.reflow import prepare_text

    text = prepare_text(RECORDS, [])
    assert (
        "Denne delaftale er indgået mellem Boligforeningen Mosegården, Mosebjerg Kommune "
        "(Fritid og Kultur) og Beboerforeningen i Mosegården.\n" in text
    )
