"""Delaftaler a plan laid out itself (issue 8's new-user review): parties in one line or cell,
header fields the template does not have, activity sheets as a heading with »Label: tekst«
paragraphs, and a title of the agreement's own under the template's heading."""

from __future__ import annotations

from typing import Any

import pytest

from importing.pipeline import read_document
from importing.recognisers import recognise
from importing.recognisers.header import split_parties
from importing.recognisers.labels import SHEET_LABELS, label_name
from importing.tree import Block, Document
from tests.importing import own_fields

AREAS = ("Tryghed og trivsel", "Beskæftigelse")


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Boligselskabet Bakkely; Åbyhavn Kommune, Borgerservice; Fritidsklubben Stjernen",
            ["Boligselskabet Bakkely", "Åbyhavn Kommune, Borgerservice", "Fritidsklubben Stjernen"],
        ),
        (
            "Boligforeningen Engly, Vestby Kommune og Klubben Vestkanten",
            ["Boligforeningen Engly", "Vestby Kommune", "Klubben Vestkanten"],
        ),
        ("Boligselskabet Øbo og Øby Kommune", ["Boligselskabet Øbo", "Øby Kommune"]),
        (
            "Øby Kommune, Jobcentret og Boligselskabet Øbo",
            ["Øby Kommune, Jobcentret", "Boligselskabet Øbo"],
        ),
        # commas and »og« inside one party's name
        ("Åbyhavn Kommune, Børn og Unge", ["Åbyhavn Kommune, Børn og Unge"]),
        ("Sundhedsplejen, Nordhavn Kommune", ["Sundhedsplejen, Nordhavn Kommune"]),
        ("Åbyhavn Kommune, Jobcentret", ["Åbyhavn Kommune, Jobcentret"]),
        ("FOB, Fællesorganisationens Boligforening", ["FOB, Fællesorganisationens Boligforening"]),
        ("Jobchef, Øby Kommune, Lis Berg", ["Jobchef, Øby Kommune, Lis Berg"]),
        ("Ungdomsskoleleder, Øby Kommune, Kim Lund", ["Ungdomsskoleleder, Øby Kommune, Kim Lund"]),
        ("Syd- og Sønderjyllands Politi", ["Syd- og Sønderjyllands Politi"]),
        ("Vesterå Politi, lokalpolitiet", ["Vesterå Politi, lokalpolitiet"]),
    ],
)
def test_parties_in_one_line_are_split_where_each_piece_is_an_organisation(
    text: str, parties: list[str]
) -> None:
    assert split_parties(text) == parties


def _read(build: Any) -> tuple[Any, dict[str, Any]]:
    data, truth = build()
    return read_document(data, "delaftale.docx").agreement, truth


def test_a_bold_header_with_fields_of_its_own() -> None:
    agreement, truth = _read(own_fields.bold_fields_docx)
    assert agreement.parties == truth["parties"]
    assert agreement.initiative == "Sammen i Engly"
    assert agreement.period.start is not None and agreement.period.start.year == 2027
    # the plan's own fields are no party and no activity, and the review says so
    assert not any("Lise Holm" in p or "Ikke endnu" in p for p in agreement.parties)
    notes = [w for w in agreement.warnings if "ikke læst ind" in w]
    assert len(notes) == 2
    assert "»Kontaktperson«" in notes[0] and "Lise Holm, boligsocial leder" in notes[0]
    assert "»Godkendt af bestyrelsen«" in notes[1]
    assert agreement.title == "Tryg i Engly"  # the own title under the template's heading


def test_a_header_table_with_a_row_of_its_own_and_parties_one_a_paragraph() -> None:
    agreement, truth = _read(own_fields.cell_lines_docx)
    assert agreement.parties == truth["parties"]
    assert agreement.initiative == "Sammen i Engly"
    assert agreement.focus_area == "Tryghed og trivsel"
    assert [a.name for a in agreement.activities] == truth["activity_names"]
    assert any("»Sidst revideret«" in w and "Marts 2027" in w for w in agreement.warnings)


def test_label_paragraphs_under_an_activity_heading_are_its_fields() -> None:
    agreement, truth = _read(own_fields.bold_fields_docx)
    assert agreement.activity_names == truth["activity_names"]  # 2, not one per paragraph
    read = [{k: v for k, v in a.items() if v} for a in agreement.to_dict()["activities"]]
    assert read == truth["activities"]


def _doc(*blocks: Block) -> Document:
    return Document(blocks=list(blocks))


def test_a_paragraph_under_the_template_title_is_the_own_title_only_when_set_apart() -> None:
    heading = Block(kind="heading", text="Delaftale for indsatsområdet Beskæftigelse", level=1)
    intro = "Denne delaftale beskriver indsatsen for beskæftigelse i Engly."
    plain = recognise(_doc(heading, Block(kind="paragraph", text=intro)), AREAS)
    assert plain.title == "Delaftale for indsatsområdet Beskæftigelse"
    own = Block(kind="paragraph", text="Job i Engly", label=True)
    label = Block(kind="paragraph", text="Delaftalens parter:", label=True)
    bold = recognise(_doc(heading, own), AREAS)
    assert (bold.title, bold.focus_area) == ("Job i Engly", "Beskæftigelse")
    # a label of the template right under the heading is that field, not a title
    labelled = recognise(_doc(heading, label, Block(kind="paragraph", text="Øby Kommune")), AREAS)
    assert labelled.title == "Delaftale for indsatsområdet Beskæftigelse"
    assert labelled.parties == ["Øby Kommune"]


def test_a_word_wrapped_onto_a_line_of_its_own_is_no_sheet_label() -> None:
    """»målgruppen.« ending a sentence on a PDF line of its own; written as a label (set
    apart, or with a colon) it is one."""
    assert label_name("målgruppen.", SHEET_LABELS) is None
    assert label_name("Beskrivelse", SHEET_LABELS) is None
    assert label_name("Beskrivelse", SHEET_LABELS, set_apart=True) == "content"
    assert label_name("Beskrivelse: En fest i gården.", SHEET_LABELS) == "content"
    assert label_name("Succeskriterium: 40 gåture.", SHEET_LABELS) == "goals"
    assert label_name("Ansvarlig: Lederen", SHEET_LABELS) == "responsibilities"


def test_a_heading_followed_by_one_label_line_is_no_sheet() -> None:
    """One »Label: tekst« under a heading is not enough to make it an activity sheet."""
    doc = _doc(
        Block(kind="heading", text="Delaftale for indsatsområdet Beskæftigelse", level=1),
        Block(kind="heading", text="Sammenhæng med den kommunale indsats", level=1),
        Block(kind="paragraph", text="Indhold: Jobcentret holder åbent i beboerhuset."),
    )
    agreement = recognise(doc, AREAS)
    assert agreement.activities == []
    assert agreement.municipal_coherence == "Indhold: Jobcentret holder åbent i beboerhuset."
