"""Real-world wording of a delaftale's header, staff and activity sheets (review R6, R9 and
issue 8): parties written as one sentence, staff figures written as people write them, sheets
with the template's typos and guidance text, and OCR's artefacts around the words."""

from __future__ import annotations

import pytest

from importing.ocrfix import (
    clean_artefacts,
    danish_words,
    document_usage,
    repair_text,
    split_glued,
)
from importing.pipeline import read_document
from importing.recognisers.header import sentence_parties
from importing.recognisers.staff import read_staff_line
from importing.tidy import tidy_reading
from plans.interchange import Activity, Agreement, Goal
from tests.importing import recog5_documents as documents

AREAS = ("Uddannelse og livschancer", "Beskæftigelse")


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        (
            "Denne delaftale er indgået mellem Boligselskabet Bakkely, Åbyhavn Kommune (Kultur "
            "og Fritid) og Beboerforeningen i Bakkely.",
            ["Boligselskabet Bakkely", "Åbyhavn Kommune (Kultur og Fritid)", "Beboerforeningen i Bakkely"],
        ),
        (
            "Parterne er Boligforeningen Engly, Vestby Kommune samt Klubben Vestkanten",
            ["Boligforeningen Engly", "Vestby Kommune", "Klubben Vestkanten"],
        ),
        (
            "Aftalen er indgået af Boligselskabet Øbo og Øby Kommune, Børne- og Familieforvaltningen.",
            ["Boligselskabet Øbo", "Øby Kommune, Børne- og Familieforvaltningen"],
        ),
        (
            "Aftalen indgås mellem følgende parter: Boligselskabet Bakkely, Åbyhavn Kommune, Kultur "
            "og Fritid, og Frivilligcentralen",
            ["Boligselskabet Bakkely", "Åbyhavn Kommune, Kultur og Fritid", "Frivilligcentralen"],
        ),
        (
            "Delaftalen er indgået mellem Boligselskabet Bakkely og Åbyhavn Kommune og gælder fra "
            "1. januar 2024.",
            ["Boligselskabet Bakkely", "Åbyhavn Kommune"],
        ),
        (
            "Aftalens parter er Boligselskabet Bakkely, Åbyhavn Kommune, Børn og Unge, Kildeskolen "
            "og Fritidsklubben Stjernen",
            ["Boligselskabet Bakkely", "Åbyhavn Kommune, Børn og Unge", "Kildeskolen", "Fritidsklubben Stjernen"],
        ),
    ],
)  # fmt: skip
def test_parties_written_as_a_sentence_are_each_party_as_written(sentence, parties):
    assert sentence_parties(sentence) == parties


@pytest.mark.parametrize(
    "text",
    [
        "Delaftalen er indgået mellem parterne i helhedsplanen.",  # names none of them
        "Boligselskabet Bakkely og Åbyhavn Kommune",  # a list, no sentence: split_parties's
        "Aftalen er indgået mellem følgende parter:",  # the list follows on lines of its own
    ],
)
def test_a_text_that_names_no_parties_in_a_sentence_is_not_read_as_one(text):
    assert sentence_parties(text) is None


def _read(data: bytes, name: str):  # type: ignore[no-untyped-def]
    return read_document(data, name, areas=AREAS)


@pytest.mark.parametrize(
    ("name", "build"),
    [("delaftale.docx", documents.docx_document), ("delaftale.txt", documents.text_document)],
)
def test_the_parties_sentence_under_the_parties_label_is_read_in_docx_and_text(name, build):
    data = build()
    result = _read(data if isinstance(data, bytes) else data.encode(), name)
    assert result.agreement.parties == documents.PARTIES
    assert not any("parter" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        pytest.param(
            "Delaftale for indsatsområdet Beskæftigelse\n\nDelaftalens parter\n"
            "Denne delaftale er indgået mellem Boligselskabet Bakkely, Åbyhavn\n"
            "Kommune (Kultur og Fritid) og Beboerforeningen i Bakkely.\n"
            "Delmål\nIndikator: Antal frivillige\nBaseline: 35 frivillige (2023)\n",
            ["Boligselskabet Bakkely", "Åbyhavn Kommune (Kultur og Fritid)", "Beboerforeningen i Bakkely"],
            id="sentence-wrapped-over-lines-then-delmaal",
        ),
        pytest.param(
            "Delaftale for indsatsområdet Beskæftigelse\n\n"
            "Delaftalen er indgået mellem Boligselskabet Bakkely og Åbyhavn Kommune, Jobcentret.\n\n"
            "Medarbejderressourcer for indsatsområdet:\nJobmentor 50 %\n",
            ["Boligselskabet Bakkely", "Åbyhavn Kommune, Jobcentret"],
            id="sentence-opening-the-agreement-without-a-label",
        ),
        # OCR interleaved a cell's two lines (»… Jobcenter SR) (Fæ Åbyhavn«): its pieces are
        # no parties; the list of the parties further down names them.
        pytest.param(
            "Delaftale for indsatsområdet Beskæftigelse\n\n"
            "Delaftalens parter:\nKommune, Boligselskabet Jobcenter SR) (Fæ Åbyhavn, Foreningen Lyset\n\n"
            "Aftalens parter\n• Boligselskabet Bakkely (tovholder)\n• Åbyhavn Kommune, Jobcenter Åbyhavn\n"
            "• Foreningen Lyset\n",
            [
                "Boligselskabet Bakkely (tovholder)",
                "Åbyhavn Kommune, Jobcenter Åbyhavn",
                "Foreningen Lyset",
            ],
            id="ocr-interleaved-line-left-for-the-list-below",
        ),
    ],
)  # fmt: skip
def test_the_parties_of_a_pasted_text(text: str, parties: list[str]) -> None:
    assert _read(text.encode(), "aftale.txt").agreement.parties == parties


@pytest.mark.parametrize(
    ("line", "role", "share", "hours"),
    [
        ("Boligsociale medarbejdere, 2 x 37 timer", "Boligsociale medarbejdere", None, 3848),
        ("2 x 37 timer: Boligsociale medarbejdere", "Boligsociale medarbejdere", None, 3848),
        ("Projektleder 0,5 årsværk", "Projektleder", 50, None),
        ("Gadeplansmedarbejder, 0,5 stilling", "Gadeplansmedarbejder", 50, None),
        ("Fællesskabsmedarbejder 18,5 t/uge", "Fællesskabsmedarbejder", None, 962),
        ("Jobkonsulent, 50 % af en fuldtidsstilling", "Jobkonsulent", 50, None),
        ("SSP-medarbejder 10 timer/uge (finansieret af kommunen)", "SSP-medarbejder", None, 520),
        # OCR read the comma as a semicolon
        ("Beskæftigelsesmedarbejder; 37 timer/uge", "Beskæftigelsesmedarbejder", None, 1924),
    ],
)
def test_staff_figures_as_plans_write_them(line, role, share, hours):
    (staff,) = read_staff_line(line)
    assert (staff.role, staff.share_percent, staff.hours_per_year) == (role, share, hours)
    assert staff.text == line


@pytest.mark.parametrize(
    ("name", "build"),
    [("delaftale.docx", documents.docx_document), ("delaftale.txt", documents.text_document)],
)
def test_staff_in_a_table_with_its_columns_in_another_order_and_in_lines(name, build):
    data = build()
    staff = _read(data if isinstance(data, bytes) else data.encode(), name).agreement.staff
    assert [(s.role, s.share_percent, s.hours_per_year) for s in staff] == documents.STAFF
    # who pays stays in the written line
    assert "helhedsplanen" in staff[0].text.lower() and "kommunen" in staff[1].text.lower()


@pytest.mark.parametrize(
    ("name", "build"),
    [("delaftale.docx", documents.docx_document), ("delaftale.txt", documents.text_document)],
)
def test_sheets_with_the_templates_typos_guidance_and_a_name_only_in_a_heading(name, build):
    data = build()
    result = _read(data if isinstance(data, bytes) else data.encode(), name)
    sheets = result.agreement.activities
    assert [a.name for a in sheets] == [s.name for s in documents.SHEETS]
    for sheet, truth in zip(sheets, documents.SHEETS, strict=True):
        written = dict(truth.fields)
        assert sheet.target_groups == written["Målgruppe(r)"]
        assert sheet.content == written["Indhold og praksis"]
        assert sheet.responsibilities == written["Ansvars- og rollefordeling"]
    assert sheets[0].purpose == dict(documents.SHEETS[0].fields)["Formål"]
    # the template's guidance left in the field is no purpose
    assert sheets[1].purpose is None
    assert sheets[2].purpose == dict(documents.SHEETS[2].fields)["Formål"]


def test_a_sheets_fields_again_start_the_next_sheet_not_overwrite_this_one():
    text = (
        "Delaftale for indsatsområdet Beskæftigelse\n\nSkema til beskrivelse af aktiviteter\n\n"
        "Aktivitetsnavn: Jobcafé\nFormål: At flere søger job.\nMålgruppe: Ledige.\n\n"
        "Formål: At unge får fritidsjob.\nMålgruppe: Unge 13-17 år.\n"
    )
    sheets = _read(text.encode(), "aftale.txt").agreement.activities
    assert [(a.name, a.purpose) for a in sheets] == [
        ("Jobcafé", "At flere søger job."),
        ("", "At unge får fritidsjob."),
    ]


@pytest.mark.parametrize(
    ("ocr", "clean"),
    [
        ("+ Fritidsjobguide, 50 %", "• Fritidsjobguide, 50 %"),
        ("+ .Virksomhedskonsulent fra Jobcentret", "• Virksomhedskonsulent fra Jobcentret"),
        ("+. Åbyhavn Kommune", "• Åbyhavn Kommune"),
        ("2.Flere unge har et fritidsjob", "2. Flere unge har et fritidsjob"),
        ("Aktivitetsskema; Jobvejen", "Aktivitetsskema: Jobvejen"),
        ("Formål; At flere søger job", "Formål: At flere søger job"),
        (". til virksomheder", "til virksomheder"),
        # what is no artefact stays
        ("Vi ses; med venlig hilsen", "Vi ses; med venlig hilsen"),
        ("+45 12 34 56 78", "+45 12 34 56 78"),
        ("1.januar 2024", "1.januar 2024"),
    ],
)
def test_ocr_artefacts_around_the_words_are_cleaned(ocr, clean):
    assert clean_artefacts(ocr) == clean


@pytest.mark.skipif(not danish_words(), reason="the Danish word list (wdanish) is not installed")
def test_a_short_word_glued_to_the_word_before_it_is_split_only_between_known_words():
    words = danish_words()
    assert split_glued("kommeri", words) == "kommer i"
    assert repair_text("Flere voksne kommeri job")[0] == "Flere voksne kommer i job"
    # an ending, not a word: a compound the list lacks is never cut
    assert split_glued("beskæftigelsesindsatsen", words) is None
    assert split_glued("kommer", words) is None  # a word already
    assert split_glued("Kommeri", words) is None  # a name is left alone


def test_each_sheet_a_caption_names_but_that_was_not_read_gets_its_warning():
    agreement = Agreement(kind="delaftale", activities=[Activity(name="Fritidsjobguiden")])
    source = (
        "Aktivitetsskema: Jobvejen – vejledning\nFormål | …\nAktivitetsskema: Fritidsjobguiden\n"
    )
    tidy_reading(agreement, source)
    notes = [w for w in agreement.warnings if "aktivitetsskema" in w.lower()]
    assert len(notes) == 1 and "»Jobvejen – vejledning«" in notes[0]


def test_a_delmaal_keeps_no_number_the_list_or_a_scan_gave_it():
    agreement = Agreement(
        kind="delaftale",
        goals=[Goal(text="2.Flere unge har et fritidsjob", indicators=[]), Goal(text="3) Færre", indicators=[])],
    )  # fmt: skip
    tidy_reading(agreement)
    assert [g.text for g in agreement.goals] == ["Flere unge har et fritidsjob", "Færre"]


@pytest.mark.parametrize(
    "line",
    [
        "1. Navn på den boligsociale indsats, som delaftalen vedrører: Sammen i Solbakken",
        "Navn på den boligsociale indsats, som delaftalen vedrører: Sammen i Solbakken 2.",
    ],
)
def test_the_initiative_answered_on_its_numbered_labels_line(line):
    """A koordinator fills the template's numbered labels in on their own line (review3 S2);
    a copy from a PDF runs the next label's number on to the answer."""
    text = f"Delaftale for indsatsområdet Beskæftigelse\n\n{line}\n\nDelaftalens parter:\nØby Kommune\n"
    assert _read(text.encode(), "aftale.txt").agreement.initiative == "Sammen i Solbakken"


def test_a_scans_headings_are_known_by_their_words_where_their_look_is_lost():
    """No bold and no styles in OCR'd or pasted text: a title in capitals and a part numbered
    by hand are still headings; the initiative wrapped after »i« is one name; the activities'
    list whose bullets the scan partly lost names each activity (review3 S5)."""
    text = (
        "DELAFTALE – BESKÆFTIGELSE\n\n"
        "1. Navn på den boligsociale indsats, som delaftalen vedrører: Sammen i\n\nSolbakken\n\n"
        "5. Aktiviteter, som skal bidrage til indfrielsen af delmålene:\n\n"
        "• Jobcafé\n\nLektiehjælp for voksne\n\nCykelværkstedet\n\n"
        "6. Aktivitetsskemaer\n\n"
        "Aktivitetsnavn: Jobcafé\nFormål: At flere søger job.\n"
    )
    agreement = _read(text.encode(), "aftale.txt").agreement
    assert agreement.focus_area == "Beskæftigelse"
    assert agreement.initiative == "Sammen i Solbakken"
    assert agreement.activity_names == ["Jobcafé", "Lektiehjælp for voksne", "Cykelværkstedet"]
    assert [(a.name, a.purpose) for a in agreement.activities] == [
        ("Jobcafé", "At flere søger job.")
    ]


@pytest.mark.skipif(not danish_words(), reason="the Danish word list (wdanish) is not installed")
def test_ocr_repair_takes_a_name_the_document_writes_right_elsewhere():
    """»Abyhavn« (the ring of Å lost) is no word of the list, but the document writes
    »Åbyhavn« elsewhere: that spelling is the word."""
    used = document_usage("Nørreby Kommune. Åbyhavn Politi. Åbyhavn Kommune.")
    assert repair_text("SSP Abyhavn", used)[0] == "SSP Åbyhavn"
    assert repair_text("SSP Abyhavn")[0] == "SSP Abyhavn"  # nothing says so: left alone
