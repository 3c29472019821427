"""Tables a PDF viewer pasted as running text: a Part | Underskriver | Dato table copied row
by row (the signers in between the parties, inside a party's name where its cell wrapped),
words a line end or a narrow cell broke, and activity sheets copied a column at a time
whose template has no delmål field (the purpose's own dashed entries, a numbered list of
target groups, a duties field at the top of the next page).

Our own fictional agreements: Mosegården in Kærby, Kærby Kommune, Kærby Boligselskab. The
whole documents are fixtures (`tests/fixtures/importing/pasted_*.txt`, read by
`test_fixtures.py`); here are the rules they rest on."""

from __future__ import annotations

import textwrap
from pathlib import Path

from importing.layout import flat
from importing.layout.pasted_people import person_at, without_signers
from importing.pipeline import read_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importing"


def _read(name: str):  # type: ignore[no-untyped-def]
    path = FIXTURES / name
    return read_document(path.read_bytes(), path.name)


def _wrap(*paragraphs: str) -> str:
    return "\n\n".join("\n".join(textwrap.wrap(p, 64)) for p in paragraphs) + "\n"


# -- the signers' column copied in between the parties --------------------------------------
def test_signers_copied_between_the_parties_are_left_out_and_the_parties_read_whole():
    result = _read("pasted_signers_and_sheets.txt")
    assert result.agreement.parties == [
        "Kærby Boligselskab",
        "Kærby Kommune, Børne- og Ungeforvaltningen",  # a signer inside the wrapped cell
        "SSP Kærby",
        "Fritidscentret Mosen",
    ]
    assert flat.PARTIES_WARNING in result.warnings  # still a reading to check


def test_a_titled_partys_own_person_stays_and_the_signer_and_date_go():
    parties = _read("pasted_titled_signers_oneline.txt").agreement.parties
    assert parties == [
        "Jobkonsulent, Kærby Jobcenter, Anna Friis",
        "Afdelingsleder, Kærby Boligselskab, Jens Vinther",
        "Driftschef, Ejendomskontoret Mosegården, Per Krogh Madsen",
    ]


def test_a_person_is_given_names_then_one_or_two_surnames_never_an_organisations_word():
    words = ["Lone", "Bak", "Kærby", "Kommune"]
    assert person_at(words, 0) == 2  # "Kærby" before "Kommune" is the place, not a surname
    assert person_at(["Jens", "Peter", "Vinther", "og"], 0) == 3
    assert person_at(["Sara", "Holt", "Fritidscentret", "Mosen"], 0) == 2
    assert person_at(["Mikkel", "Due", "Krogh", "Madsen"], 0) == 3  # at most two surnames
    assert person_at(["Kærby", "Boligselskab"], 0) == 0  # no given name
    assert person_at(["Karen", "Jobcentret"], 0) == 0  # a given name alone is no one
    assert person_at(["Lone", "bak"], 0) == 0


def test_without_signers_counts_what_it_took_out_and_keeps_the_rest_in_order():
    text, removed = without_signers("Kærby Skole Ida Holm 1.3.2025 SSP Kærby Per Lund")
    assert (text, removed) == ("Kærby Skole SSP Kærby", 2)
    assert without_signers("Leder, Kærby Skole, Ida Holm") == ("Leder, Kærby Skole, Ida Holm", 0)


def test_parties_without_a_signers_column_keep_a_name_that_looks_like_a_person():
    text = _wrap(
        "Delaftale for indsatsområdet Tryghed og trivsel Navn på den boligsociale indsats, som "
        "delaftalen vedrører: Sammen i Mosegården Delaftalen gælder fra - til: 1.3.2025 – "
        "28.2.2029 Delaftalens parter: Kærby Boligselskab Karen Blixen Skolen SSP Kærby "
        "Medarbejderressourcer for indsatsområdet: Tryghedsmedarbejder 80 % Projektleder 20 % "
        "Sammenhæng med den kommunale indsats i boligområdet: Kærby Kommunes tryghedsstrategi "
        "nævner Mosegården. Revision af delaftalen: Delaftalen revideres hvert forår af "
        "styregruppen, som også følger op på aktiviteterne og deres delmål hvert halve år.",
    )
    parties = read_document(text.encode(), "x.txt").agreement.parties
    assert "Karen Blixen Skolen" in " ".join(parties)


# -- words a line end or a narrow cell broke -------------------------------------------------
def test_a_compounds_hyphen_lost_before_og_comes_back():
    assert flat.join_broken_words("Kærby Kommune, Børneog Ungeforvaltningen") == (
        "Kærby Kommune, Børne- og Ungeforvaltningen"
    )
    assert flat.join_broken_words("Sundhedsog Omsorgsforvaltningen") == (
        "Sundheds- og Omsorgsforvaltningen"
    )
    # words that end in "og" stay as they are
    assert flat.join_broken_words("en god dialog og et katalog") == "en god dialog og et katalog"


def test_an_ending_a_narrow_cell_broke_off_joins_its_word():
    assert flat.join_broken_words("Helhedsplanen s registrering") == "Helhedsplanens registrering"
    assert flat.join_broken_words("Tryghedsmedarbejd er (fuldtid)") == (
        "Tryghedsmedarbejder (fuldtid)"
    )
    # an article before its noun is no ending
    assert flat.join_broken_words("til opgangsmøder en gang om året") == (
        "til opgangsmøder en gang om året"
    )


# -- activity sheets copied a column at a time -----------------------------------------------
def test_sheets_without_a_delmaal_field_read_purpose_numbered_targets_content_and_duties():
    first, second = _read("pasted_signers_and_sheets.txt").agreement.activities
    assert first.name == "Onsdagscaféen"
    assert first.purpose.endswith("- At flere ældre beboere bruger beboerhuset")
    assert first.goals == []
    assert first.target_groups == "1. Ældre beboere over 65 år 2. Beboere der bor alene"
    assert first.content.startswith("Caféen holder åbent hver onsdag")
    assert first.content.endswith("flytter caféen ud i gården.")
    # the duties' label came at the top of the next page, beside the page number
    assert first.responsibilities.startswith("Tryghedsmedarbejderen koordinerer")
    assert second.name == "Gårdvandringer"
    assert (
        second.target_groups == "1. Alle beboere i Mosegården 2. Særligt forældre til mindre børn"
    )
    assert second.content.startswith("Beboere, ejendomskontor og SSP går")
    assert second.responsibilities == (
        "Helhedsplanen planlægger vandringerne. Kærby Boligselskab udfører forbedringerne."
    )


def test_the_duties_begin_where_the_helhedsplan_says_what_it_does():
    sentences = [
        "Caféen holder åbent hver onsdag.",
        "Beboerne tager selv ansvar for at dække bord.",
        "Helhedsplanen rekrutterer de frivillige.",
    ]
    assert flat._duties_start(sentences) == 2  # before a mere mention of "ansvar"
    assert flat._duties_start(sentences[:2]) == 1
    assert flat._duties_start(sentences[:1]) == 1


def test_a_repeated_label_at_the_top_of_a_page_is_no_running_header():
    flows = [
        "Indhold og praksis:",
        "Caféen holder åbent hver onsdag.",
        "Side 1 af 3",
        "Ansvars- og rollefordeling:",
        "Helhedsplanen har ansvaret.",
        "Side 2 af 3",
        "Ansvars- og rollefordeling:",
        "Boligselskabet har ansvaret.",
        "Running footer",
        "Side 3 af 3",
        "Running footer",
    ]
    kept = flat.drop_paragraph_furniture(flows)
    assert kept.count("Ansvars- og rollefordeling:") == 2
    assert "Side 2 af 3" not in kept


def test_a_sheet_whose_delmaal_label_holds_the_values_and_whose_name_ends_with_a_stop():
    """ "Aktivitetsnavn: Formål:" and "Delmål:" on lines of their own, then the sheet's
    values: a name ending in a full stop, the purpose, the delmål without their bullets,
    the target groups (the sentence that speaks of "målgruppe"), the content, the duties."""
    text = _wrap(
        "Delaftale for indsatsområdet Tryghed og trivsel Navn på den boligsociale indsats, som "
        "delaftalen vedrører: Sammen i Mosegården Delaftalen gælder fra - til: 1.3.2025 – "
        "28.2.2029 Delaftalens parter: Kærby Boligselskab SSP Kærby Medarbejderressourcer for "
        "indsatsområdet: Tryghedsmedarbejder 80 % Sammenhæng med den kommunale indsats i "
        "boligområdet: Kærby Kommunes tryghedsstrategi nævner Mosegården. Revision af "
        "delaftalen: Delaftalen revideres hvert forår af styregruppen. Aktiviteter, som skal "
        "bidrage til indfrielsen af delmålene for indsatsområdet (tilføj skemaer - ét skema pr. "
        "aktivitet): Aktivitetsnavn: Formål:",
        "Delmål:",
        "Nabohjælp i opgangene. Formålet er at naboerne kender hinanden og hjælper hinanden i "
        "hverdagen. Beboerne kender navnet på mindst tre naboer. Beboerne ved, hvem de kan "
        "spørge om hjælp. Målgruppen er alle beboere i Mosegården, især de nyindflyttede. "
        "Opgangsværter inviterer til kaffe i opgangen to gange om året.",
        "Målgruppe(r):",
        "Indhold og praksis:",
        "Ansvars- og rollefordeling:",
        "Helhedsplanen uddanner opgangsværterne og holder styr på listen over dem.",
    )
    (sheet,) = read_document(text.encode(), "x.txt").agreement.activities
    assert sheet.name.rstrip(".") == "Nabohjælp i opgangene"
    assert sheet.purpose.startswith("Formålet er at naboerne kender hinanden")
    assert sheet.goals == [
        "Beboerne kender navnet på mindst tre naboer.",
        "Beboerne ved, hvem de kan spørge om hjælp.",
    ]
    assert sheet.target_groups.startswith("Målgruppen er alle beboere i Mosegården")
    assert sheet.content.startswith("Opgangsværter inviterer til kaffe")
    assert sheet.responsibilities.startswith("Helhedsplanen uddanner opgangsværterne")
