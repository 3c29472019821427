"""Layouts of the fresh families (corpus/foreign/fresh.py, issue 8), each rule on a small
document of our own words: square-bracket guidance, roman section numbers and lettered
delmål, typed dash bullets, an activity overview table, several indicators as marked lines
side by side, staff sentences, a signature block, short labels, a Word outline list."""

from __future__ import annotations

import io
from typing import Any

from importing.layout.guidance import strip_guidance
from importing.pipeline import read_document
from importing.recognisers.labels import label_name


def _save(d: Any) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _table(d: Any, rows: list[list[str]]) -> None:
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def _bold(d: Any, text: str) -> None:
    d.add_paragraph().add_run(text).bold = True


def test_square_brackets_after_a_label_are_the_templates_guidance() -> None:
    assert strip_guidance("Formål [Hvad skal aktiviteten føre til?]") == "Formål"
    assert strip_guidance("[dd.mm.åååå – dd.mm.åååå]") == ""
    assert strip_guidance("Afd. 4: 212 beboere (48,2 %)") == "Afd. 4: 212 beboere (48,2 %)"


def form_with_brackets() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    _table(
        d,
        [
            ["Navn på den boligsociale indsats [Skriv navnet]", "Sammen i Rønnebo"],
            ["Delaftalen gælder fra - til [dd.mm.åååå – dd.mm.åååå]", "01.02.2024 – 31.01.2028"],
            [
                "Delaftalens parter [Navn på boligorganisation(er)]",
                "Rønnebo Boligselskab\nRønby Kommune",
            ],
        ],
    )
    d.add_heading("Skema til beskrivelse af aktiviteter", 2)
    _table(
        d,
        [
            ["Aktivitetsnavn", "Jobværkstedet"],
            ["Formål [Hvad skal aktiviteten føre til?]", "At flere ledige finder et job."],
            ["Målgruppe(r) [Hvem er aktiviteten for?]", "Ledige beboere over 30 år."],
            ["Ansvars- og rollefordeling [Hvem gør hvad?]", "Jobcentret leder værkstedet."],
        ],
    )
    return _save(d)


def test_label_cells_with_bracketed_guidance_read_as_their_fields() -> None:
    agreement = read_document(form_with_brackets(), "f.docx").agreement
    assert agreement.initiative == "Sammen i Rønnebo"
    assert str(agreement.period.start) == "2024-02-01"
    assert agreement.parties == ["Rønnebo Boligselskab", "Rønby Kommune"]
    sheet = agreement.activities[0]
    assert sheet.purpose == "At flere ledige finder et job."
    assert sheet.target_groups == "Ledige beboere over 30 år."
    assert sheet.responsibilities == "Jobcentret leder værkstedet."


def roman_and_lettered() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    d.add_paragraph("I. Aftalens grundlag ........................................ 2")
    d.add_paragraph("II. Parter ................................................. 3")
    _bold(d, "II. PARTER")
    d.add_paragraph("A)\tRønnebo Boligselskab")
    d.add_paragraph("B)\tRønby Kommune")
    _bold(d, "III. DELMÅL OG INDIKATORER")
    _bold(d, "Delmål A: Flere ledige kommer i job")
    _table(
        d,
        [
            ["Indikator", "Baseline", "Baseline år", "Datakilde"],
            ["Andel ledige", "14 %", "2023", "LBF - Boligsociale Data"],
        ],
    )
    _bold(d, "Delmål B: Flere unge tager en uddannelse")
    _table(
        d,
        [
            ["Indikator", "Baseline", "Baseline år", "Datakilde"],
            ["Andel unge i uddannelse", "58 %", "2023", "UU Rønby"],
        ],
    )
    _bold(d, "V. AKTIVITETSBESKRIVELSER")
    _bold(d, "V.1 Jobværkstedet")
    _bold(d, "Delmål for aktiviteten")
    d.add_paragraph("–\tTyve ledige deltager om året.")
    d.add_paragraph("–\tHalvdelen kommer i praktik.")
    return _save(d)


def test_roman_sections_lettered_parties_and_lettered_delmaal() -> None:
    agreement = read_document(roman_and_lettered(), "r.docx").agreement
    assert agreement.parties == ["Rønnebo Boligselskab", "Rønby Kommune"]
    assert [g.text for g in agreement.goals] == [
        "Flere ledige kommer i job",
        "Flere unge tager en uddannelse",
    ]
    assert agreement.goals[1].indicators[0].baselines[0].percent == 58
    # a typed dash is a bullet: one activity goal a line
    assert agreement.activities[0].goals == [
        "Tyve ledige deltager om året.",
        "Halvdelen kommer i praktik.",
    ]


def test_a_roman_section_number_is_no_part_of_the_label() -> None:
    assert label_name("II. PARTER", set_apart=True) == "parties"
    assert label_name("IV. Medarbejderressourcer", set_apart=True) == "staff"


def goal_columns_and_overview() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    d.add_heading("Delmål og indikatorer", 2)
    _table(
        d,
        [
            ["Delmål", "Flere ledige kommer i job"],
            ["Indikator", "a) Andel ledige\nb) Antal jobsamtaler"],
            ["Baseline boligområde/ målgruppe", "a) 14 %\nb) 120 samtaler"],
            ["Evt. anden baseline", "a) Rønby Kommune: 6 %\nb) –"],
            ["Baseline år", "a) 2023\nb) 2022"],
            ["Datakilde", "Egen registrering"],
        ],
    )
    d.add_heading("Aktiviteter", 2)
    _table(
        d,
        [
            ["Aktivitet", "Formål", "Målgruppe(r)", "Indhold og praksis", "Ansv."],
            [
                "Jobværkstedet",
                "At flere finder job.",
                "Ledige beboere.",
                "Et værksted om ugen.",
                "Jobcentret.",
            ],
            [
                "Sprogcaféen",
                "At flere taler dansk.",
                "Nye beboere.",
                "En café om ugen.",
                "Biblioteket.",
            ],
        ],
    )
    d.add_heading("Medarbejderressourcer", 2)
    d.add_paragraph(
        "Der er ansat en jobkoordinator 80 %. Desuden indgår en sprogmedarbejder 300 timer om året."
    )
    return _save(d)


def test_marked_lines_side_by_side_are_one_indicator_each() -> None:
    agreement = read_document(goal_columns_and_overview(), "g.docx").agreement
    first, second = agreement.goals[0].indicators
    assert (first.text, second.text) == ("Andel ledige", "Antal jobsamtaler")
    assert first.baselines[0].percent == 14 and first.baseline_year == 2023
    assert first.comparators[0].percent == 6
    assert second.baselines[0].count == 120 and second.baseline_year == 2022
    assert second.comparators == []  # »–«: none
    assert second.data_source == "Egen registrering"  # one source for both


def test_an_activity_overview_table_is_one_sheet_a_row() -> None:
    agreement = read_document(goal_columns_and_overview(), "g.docx").agreement
    assert [a.name for a in agreement.activities] == ["Jobværkstedet", "Sprogcaféen"]
    assert agreement.activity_names == ["Jobværkstedet", "Sprogcaféen"]
    assert agreement.activities[1].responsibilities == "Biblioteket."  # »Ansv.«


def test_staff_written_as_sentences_is_one_line_a_sentence() -> None:
    staff = read_document(goal_columns_and_overview(), "g.docx").agreement.staff
    assert [(s.text, s.share_percent, s.hours_per_year) for s in staff] == [
        ("Jobkoordinator 80 %", 80.0, None),
        ("Sprogmedarbejder 300 timer om året", None, 300.0),
    ]


def short_labels_and_signatures() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    _bold(d, "Indsats:")
    d.add_paragraph("Sammen i Rønnebo")
    _table(
        d,
        [
            ["Delmål", "Succeskriterie", "Baseline", "Sml.", "År", "Kilde"],
            ["Flere kommer i job", "Andel ledige", "14 %", "Rønby Kommune: 6 %", "2023", "LBF"],
        ],
    )
    _bold(d, "Sammenhæng m. kommunal indsats:")
    d.add_paragraph("Indsatsen følger kommunens beskæftigelsesplan.")
    _bold(d, "Underskrifter")
    d.add_paragraph("Parterne har godkendt delaftalen.")
    for party in ("Rønnebo Boligselskab", "Rønby Kommune"):
        _bold(d, f"For {party}")
        d.add_paragraph("Dato: ______________\tUnderskrift: ______________________")
    return _save(d)


def test_short_labels_and_parties_in_a_signature_block() -> None:
    agreement = read_document(short_labels_and_signatures(), "s.docx").agreement
    assert agreement.initiative == "Sammen i Rønnebo"
    assert agreement.goals[0].indicators[0].comparators[0].percent == 6  # »Sml.«
    assert agreement.municipal_coherence == "Indsatsen følger kommunens beskæftigelsesplan."
    assert agreement.parties == ["Rønnebo Boligselskab", "Rønby Kommune"]


def test_a_word_outline_list_numbers_headings_fields_and_delmaal() -> None:
    from corpus.foreign.fresh import outline_numbered
    from corpus.sources import own_sources

    source = next(s for s in own_sources() if s.name == "soelvdal-beskaeftigelse").agreement
    data, truth = outline_numbered(source)
    agreement = read_document(data, "o.docx").agreement
    assert agreement.initiative == truth["initiative"]
    assert agreement.parties == truth["parties"]
    assert [g.text for g in agreement.goals] == [g["text"] for g in truth["goals"]]
    assert agreement.municipal_coherence == " ".join(truth["municipal_coherence"].split())
    assert [a.name for a in agreement.activities] == [a["name"] for a in truth["activities"]]
