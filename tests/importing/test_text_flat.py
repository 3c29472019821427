"""Pasted text whose structure a PDF viewer flattened reads as the agreement it came from:
everything of a page on one line (with the page's running header and footer in the line),
paragraphs run together and hard-wrapped at a fixed width with hyphenation (a table's cells
one after the other), and `pdftotext -layout` two-column label tables and shifted columns.

Fixtures in our own fictional words: Tranebo, Tranemosen Kommune, Trane Boligselskab."""

from __future__ import annotations

import time

from importing.layout import flat
from importing.layout.reflow import layout_tables
from importing.pipeline import read_document

AREAS = ("Beskæftigelse", "Uddannelse og livschancer", "Tryghed og trivsel")
PARTIES = [
    "Trane Boligselskab",
    "Jobcenter Tranemosen",
    "Tranemosen Erhvervsråd",
    "Sprogcenter Nord",
]
STAFF = [
    "Jobmentor 60 %",
    "Projektleder 20 %",
    "Virksomhedskonsulent fra Jobcenter Tranemosen 300 timer om året",
]

PAGE_1 = (
    "Tranebo i Fællesskab · Beskæftigelse "
    "Delaftale for indsatsområdet Beskæftigelse "
    "Navn på den boligsociale indsats, som delaftalen vedrører Tranebo i Fællesskab "
    "(Vejledende tekst: skriv indsatsens navn, som det står i ansøgningen) "
    "Delaftalen gælder fra - til 01.02.24 – 31.01.28 "
    "Delaftalens parter " + " ".join(PARTIES) + " (Navn på boligorganisation(er) og kommune(r)) "
    "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
    "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale "
    "1. Jobklub i Tranebo 2. Sommerjob for unge "
    "Medarbejderressourcer for indsatsområdet " + " ".join(STAFF) + " "
    "Sammenhæng med den kommunale indsats i boligområdet Delaftalen følger kommunens plan "
    "for beskæftigelse, og jobcentret har en medarbejder i Tranebo hver uge. "
    "Landsbyggefonden – boligsocial indsats Side 1 af 2"
)
PAGE_2 = (
    "Tranebo i Fællesskab · Beskæftigelse "
    "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
    "(tilføj skemaer - ét skema pr. aktivitet) "
    "Jobklub i Tranebo Formål Formålet er at ledige beboere får hjælp til at søge job tæt på "
    "deres bolig. Delmål \uf0b7 Tyve beboere om året skriver et nyt cv. \uf0b7 Ti beboere "
    "om året kommer i praktik. Målgruppe(r) Ledige beboere over 25 år. Indhold og praksis "
    "Jobklubben mødes hver tirsdag i beboerhuset. Ansvars- og rollefordeling Jobmentoren "
    "leder jobklubben, og jobcentret deltager en gang om måneden. "
    "Sommerjob for unge Formål Formålet er at flere unge prøver et job i sommerferien. "
    "Delmål \uf0b7 Femten unge om året får et sommerjob. Målgruppe(r) Unge mellem 15 og 17 "
    "år. Indhold og praksis Helhedsplanen finder sommerjob hos lokale butikker. Ansvars- og "
    "rollefordeling Jobmentoren holder kontakten til butikkerne. "
    "Landsbyggefonden – boligsocial indsats Side 2 af 2"
)


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_document(text.encode(), "indsat.txt", areas=AREAS).agreement


def _check_header_lists_and_sheets(agreement) -> None:  # type: ignore[no-untyped-def]
    assert agreement.focus_area == "Beskæftigelse"
    assert agreement.initiative == "Tranebo i Fællesskab"
    assert agreement.period.start.isoformat() == "2024-02-01"
    assert agreement.period.end.isoformat() == "2028-01-31"
    assert agreement.parties == PARTIES
    assert [s.text for s in agreement.staff] == STAFF
    assert [s.share_percent for s in agreement.staff[:2]] == [60, 20]
    assert agreement.staff[2].hours_per_year == 300
    assert agreement.activity_names == ["Jobklub i Tranebo", "Sommerjob for unge"]
    first, second = agreement.activities
    assert first.name == "Jobklub i Tranebo"
    assert first.purpose.startswith("Formålet er at ledige beboere")
    assert first.goals == [
        "Tyve beboere om året skriver et nyt cv.",
        "Ti beboere om året kommer i praktik.",
    ]
    assert first.target_groups == "Ledige beboere over 25 år."
    assert first.content == "Jobklubben mødes hver tirsdag i beboerhuset."
    assert first.responsibilities.startswith("Jobmentoren leder jobklubben")
    assert second.name == "Sommerjob for unge"
    assert second.goals == ["Femten unge om året får et sommerjob."]
    assert "Side 1" not in (agreement.municipal_coherence or "")
    assert agreement.municipal_coherence.endswith("i Tranebo hver uge.")


def test_pages_on_one_line_read_at_the_templates_labels():
    agreement = _read(PAGE_1 + "\n" + PAGE_2 + "\n")
    _check_header_lists_and_sheets(agreement)


def _hard_wrap(text: str, width: int = 64) -> str:
    """Wrapped at `width`, a long word hyphenated at a line end, as a PDF viewer pastes."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if len(line) + 1 + len(word) <= width or not line:
            line = f"{line} {word}".strip()
            continue
        room = width - len(line) - 2
        if len(word) >= 10 and word.isalpha() and room >= 4:
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return "\n".join(lines)


HEADER = "Tranebo i Fællesskab · Beskæftigelse "
FOOTER = " Landsbyggefonden – boligsocial indsats Side "


def _body(page: str) -> str:
    """A page without its running header and footer (a PDF viewer copies those apart)."""
    return page.removeprefix(HEADER).split(FOOTER)[0]


def test_paragraphs_run_together_and_hard_wrapped_read_at_the_labels():
    text = _hard_wrap(_body(PAGE_1)) + "\n\n" + _hard_wrap(_body(PAGE_2)) + "\n"
    assert any(line.endswith("-") for line in text.split("\n"))  # hyphenation is exercised
    _check_header_lists_and_sheets(_read(text))


# A goal table as a PDF viewer copies it: the delmål and indikator cells of a page first,
# then the figures row by row (baseline, comparison, year, data source), each cell its own
# paragraph.
GOAL_CELLS = [
    "Delmål",
    "Indikator",
    "Flere beboere i Tranebo er i job",
    "Andel 18-64-årige i beskæftigelse Antal beboere i praktik",
    "Færre unge står uden uddannelse",
    "Andel 15-29-årige uden uddannelse",
    "Baseline boligområde / målgruppe Afd. 3: 41,5 %",
    "Evt. anden baseline",
    "Baseli ne år",
    "Datakilde",
    "Tranemosen Kommune: 70,2 %",
    "2023",
    "Danmarks Statistik",
    "12 beboere",
    "2024",
    "Helhedsplanens registrering",
    "18 %",
    "Tranemosen Kommune: 9 %",
    "2023",
    "LBF Boligsociale Data",
]


def test_a_goal_tables_cells_one_after_the_other_are_rebuilt_by_their_shape():
    first_page = _body(PAGE_1)
    cut = first_page.index("Aktiviteter, som")
    head = _hard_wrap(
        first_page[:cut] + "Delmål og indikatorer for indsatsområdet Delmålene er de "
        "konkrete skridt, indsatsområdet tager for at nå de overordnede mål. Delmål"
    )
    tail = _hard_wrap(first_page[cut:]) + "\n\n" + _hard_wrap(_body(PAGE_2))
    text = "\n\n".join([head, *GOAL_CELLS[1:], tail]) + "\n"
    agreement = _read(text)
    assert [g.text for g in agreement.goals] == [
        "Flere beboere i Tranebo er i job",
        "Færre unge står uden uddannelse",
    ]
    first, second = agreement.goals
    assert [i.text for i in first.indicators] == [
        "Andel 18-64-årige i beskæftigelse",
        "Antal beboere i praktik",
    ]
    employed, trainees = first.indicators
    assert [(m.scope, m.percent) for m in employed.baselines] == [("Afd. 3", 41.5)]
    assert [(m.scope, m.percent) for m in employed.comparators] == [("Tranemosen Kommune", 70.2)]
    assert (employed.baseline_year, employed.data_source) == (2023, "Danmarks Statistik")
    assert [m.count for m in trainees.baselines] == [12]
    assert trainees.baseline_year == 2024
    assert second.indicators[0].baseline_year == 2023
    assert [m.percent for m in second.indicators[0].baselines] == [18]


LABEL_TABLE = """\
Aktivitetsnavn:    Jobklub i Tranebo
Formål:            Formålet er at ledige beboere får hjælp til at søge job tæt på
                   deres bolig og møder virksomheder i området.
Delmål:            \uf0b7 Tyve beboere om året skriver et nyt cv.
                   \uf0b7 Ti beboere om året kommer i praktik.

Landsbyggefonden – boligsocial indsats       Side 3 af 6
\fTranebo i Fællesskab · Beskæftigelse
                 \uf0b7 Fem beboere om året får et job.
Målgruppe(r):    Ledige beboere over 25 år.
Indhold og       Jobklubben mødes hver tirsdag i beboerhuset, og en gang om
praksis:         måneden kommer en virksomhed på besøg.
Ansvars- og      Jobmentoren leder jobklubben.
rollefordeling:
"""


def test_a_two_column_label_table_set_out_by_pdftotext_is_a_label_table():
    pieces = layout_tables(LABEL_TABLE)
    tables = [p for p in pieces if isinstance(p, list)]
    assert len(tables) == 1
    rows = tables[0]
    assert [label for label, _ in rows] == [
        "Aktivitetsnavn:",
        "Formål:",
        "Delmål:",
        "Målgruppe(r):",
        "Indhold og praksis:",
        "Ansvars- og rollefordeling:",
    ]
    values = dict(rows)
    # the column's wrapped lines are one text again, bullets stay entries
    assert values["Formål:"] == (
        "Formålet er at ledige beboere får hjælp til at søge job tæt på deres bolig og møder "
        "virksomheder i området."
    )
    assert values["Delmål:"].count("\uf0b7") == 3  # over the page break and its furniture
    assert "Side 3" not in values["Delmål:"] and "Tranebo i Fællesskab" not in values["Delmål:"]


# the second row set four characters to the left of the header, as pdftotext does
SHIFTED_TABLE = """\
Delmål             Indikator               Baseline        Baseline år   Datakilde
Flere beboere      Andel 18-64-årige i     41,5 %          2023          Danmarks
er i job           beskæftigelse                                         Statistik
                   Antal beboere i     12 beboere      2024          Helhedsplanens
                   praktik                                           registrering
"""


def test_table_rows_whose_columns_pdftotext_shifted_keep_their_cells():
    tables = [p for p in layout_tables(SHIFTED_TABLE) if isinstance(p, list)]
    assert tables
    rows = tables[0]
    assert rows[0] == ["Delmål", "Indikator", "Baseline", "Baseline år", "Datakilde"]
    years = [row[3] for row in rows[1:]]
    assert years == ["2023", "2024"]
    assert rows[2][2] == "12 beboere"
    assert rows[2][4].replace("\n", " ") == "Helhedsplanens registrering"


def test_names_run_together_are_cut_between_organisations():
    assert flat.split_names(
        "Boligforeningen Lyngtoft Jobcenter Tranemosen Tranemosen Erhvervsråd Ungdommens "
        "Uddannelsesvejledning Tranemosen Sprogcenter Nord"
    ) == [
        "Boligforeningen Lyngtoft",
        "Jobcenter Tranemosen",
        "Tranemosen Erhvervsråd",
        "Ungdommens Uddannelsesvejledning Tranemosen",
        "Sprogcenter Nord",
    ]
    assert flat.split_names(
        "Trane Boligselskab Tranebo Skole Dagtilbud Øst, Tranemosen Kommune"
    ) == [
        "Trane Boligselskab",
        "Tranebo Skole",
        "Dagtilbud Øst, Tranemosen Kommune",
    ]


def test_parties_as_title_organisation_person_run_together_are_cut_before_each_title():
    text = (
        "Skoleleder, Tranemosen Kommune, Ida Kjær Holm Leder, Familieafsnittet, Tranemosen "
        'Kommune, Per Lund Formand, "Klub Nord" Fritidscenter Tranemosen Kommune, Eva Bo Berg '
        "Driftschef, Lyngtoft Boligforening, Ole Ravn"
    )
    assert flat.split_titled(text) == [
        "Skoleleder, Tranemosen Kommune, Ida Kjær Holm",
        "Leder, Familieafsnittet, Tranemosen Kommune, Per Lund",
        'Formand, "Klub Nord" Fritidscenter Tranemosen Kommune, Eva Bo Berg',
        "Driftschef, Lyngtoft Boligforening, Ole Ravn",
    ]
    # names without the title-organisation-person shape are left to split_names
    assert flat.split_titled("Lyngtoft Boligforening, Tranemosen Kommune, Jobcenter Øst") is None


def test_staff_lines_run_together_are_cut_after_their_figures():
    assert flat.split_staff(
        "Familiemedarbejder, 100 %, finansieret af helhedsplanen Ungemedarbejder 50 % "
        "Pædagog fra Dagtilbud Øst, 150 timer om året"
    ) == [
        "Familiemedarbejder, 100 %, finansieret af helhedsplanen",
        "Ungemedarbejder 50 %",
        "Pædagog fra Dagtilbud Øst, 150 timer om året",
    ]


def test_a_numbered_list_is_cut_only_where_the_numbers_run_on():
    assert flat.split_numbered("1. Jobklub 2. Sommerjob 3. Sprog på arbejde") == [
        "1. Jobklub",
        "2. Sommerjob",
        "3. Sprog på arbejde",
    ]
    assert flat.split_numbered("Vi har 3 principper: 1. princip er synlighed") is None


def test_long_flattened_lines_are_read_in_bounded_time():
    filler = "Beboerne mødes i huset og taler om Formål og Delmål Indikator 2023 12 % " * 60
    text = (PAGE_1 + " " + filler[:3000] + "\n") * 40
    started = time.perf_counter()
    rebuilt = flat.restructure(text)
    assert rebuilt is not None
    assert time.perf_counter() - started < 5.0


def test_text_that_is_not_flattened_is_left_to_the_plain_reading():
    text = "Delaftale for indsatsområdet Beskæftigelse\n\nDelaftalens parter:\nTrane Boligselskab\n"
    assert flat.restructure(text) is None


STRATEGIC_PAGE = (
    "Strategisk samarbejdsaftale om boligsocial indsats Områdets navn: Tranebo i Fællesskab "
    "Aftalens parter: Trane Boligselskab Tranemosen Kommune Samarbejdsaftalen gælder fra - "
    "til: 1. februar 2024 – 31. januar 2028 1. Kort om boligområdet Samarbejdsaftalen "
    "omfatter følgende boligområder: Tranebakken (afdeling 3 og 5 i Trane Boligselskab) "
    "Mosegården (afdeling 12 i Trane Boligselskab) 2. Vision for boligområdet Tranebo skal "
    "være et sted, hvor børn og voksne har de samme muligheder som i resten af kommunen. "
    "3. Organisering Helhedsplanen ledes af en bestyrelse, som mødes fire gange om året. "
    "6. Indsatsområder Beskæftigelse Problemkompleks for indsatsområdet Mange voksne "
    "beboere står uden for arbejdsmarkedet. Tryghed og trivsel Problemkompleks for "
    "indsatsområdet Beboerne føler sig utrygge om aftenen. 7. Lokal evaluering Parterne "
    "gør status hvert år i januar."
)


def test_a_strategic_agreement_on_one_line_reads_its_numbered_sections():
    agreement = _read(STRATEGIC_PAGE + "\n" + STRATEGIC_PAGE.replace("Strategisk", "Samlet") + "\n")
    assert agreement.kind == "strategisk_samarbejdsaftale"
    assert agreement.parties == ["Trane Boligselskab", "Tranemosen Kommune"]
    assert [(h.name, [d.number for d in h.departments]) for h in agreement.housing_areas[:2]] == [
        ("Tranebakken", ["3", "5"]),
        ("Mosegården", ["12"]),
    ]
    assert agreement.vision.startswith("Tranebo skal være et sted")
    assert agreement.organisation.startswith("Helhedsplanen ledes af en bestyrelse")
    assert [(f.name, f.problem_complex) for f in agreement.focus_areas[:2]] == [
        ("Beskæftigelse", "Mange voksne beboere står uden for arbejdsmarkedet."),
        ("Tryghed og trivsel", "Beboerne føler sig utrygge om aftenen."),
    ]


def test_bullets_copied_as_a_column_of_their_own_still_part_the_entries():
    page = PAGE_1.replace(
        "Delaftalens parter " + " ".join(PARTIES),
        "Delaftalens parter \uf0b7 \uf0b7 \uf0b7 \uf0b7 " + " ".join(PARTIES),
    )
    assert _read(page + "\n" + PAGE_2 + "\n").parties == PARTIES


def test_page_furniture_copied_as_paragraphs_is_dropped_from_hard_wrapped_text():
    body_1, body_2 = _hard_wrap(_body(PAGE_1)), _hard_wrap(_body(PAGE_2))
    text = "\n\n".join(
        [
            "Tranebo i Fællesskab · Beskæftigelse Delaftale for indsatsområdet Beskæftigelse",
            *body_1.split("\n\n"),
            "Landsbyggefonden – boligsocial indsats",
            "Side 1 af 2",
            "Tranebo i Fællesskab · Beskæftigelse " + body_2,
            "Landsbyggefonden – boligsocial indsats",
            "Side 2 af 2",
        ]
    )
    agreement = _read(text + "\n")
    assert (
        agreement.activities[-1].responsibilities == "Jobmentoren holder kontakten til butikkerne."
    )
    assert "Side" not in str(agreement.to_dict())
    assert "Landsbyggefonden –" not in str(agreement.to_dict())


CONTINUED_TABLE = """\
Delmål og indikatorer for indsatsområdet

Delmål             Indikator               Baseline        Baseline år   Datakilde
Flere beboere      Andel 18-64-årige i     41,5 %          2023          Danmarks
er i job, også     beskæftigelse                                         Statistik
de beboere,
som har været
ledige længe
                   Antal beboere i         12 beboere      2024          Helhedsplanens
                   praktik                                               registrering

                                  Side 1 af 2
\fTranebo i Fællesskab · Beskæftigelse
Færre unge        Andel 15-29-årige       18 %           2023         LBF Boligsociale
står uden         uden uddannelse                                     Data
uddannelse
"""


def test_a_pdftotext_goal_table_goes_on_over_tall_cells_and_a_page_break():
    tables = [p for p in layout_tables(CONTINUED_TABLE) if isinstance(p, list)]
    assert len(tables[0][0]) == 5 and len(tables[-1][0]) == 5  # the header's columns
    text = (
        "Delaftale for indsatsområdet Beskæftigelse\n\nNavn på den boligsociale indsats, som "
        "delaftalen vedrører:\nTranebo i Fællesskab\n\n"
        + CONTINUED_TABLE
        + "\nMedarbejderressourcer for indsatsområdet:\nJobmentor 60 %\n"
    )
    agreement = _read(text)
    assert [g.text for g in agreement.goals] == [
        "Flere beboere er i job, også de beboere, som har været ledige længe",
        "Færre unge står uden uddannelse",
    ]
    assert [len(g.indicators) for g in agreement.goals] == [2, 1]
    young = agreement.goals[1].indicators[0]
    assert [m.percent for m in young.baselines] == [18]
    assert (young.baseline_year, young.data_source) == (2023, "LBF Boligsociale Data")


def test_a_label_right_after_a_list_item_ends_the_item():
    from importing.readers.text import read_text

    doc = read_text(
        "Delmål\n\uf0b7 Tyve beboere om året skriver et nyt cv.\nMålgruppe(r)\n"
        "Ledige beboere over 25 år.\n"
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Delmål"),
        ("item", "\uf0b7 Tyve beboere om året skriver et nyt cv."),
        ("paragraph", "Målgruppe(r)\nLedige beboere over 25 år."),
    ]


def test_a_text_with_long_paragraphs_and_short_lines_is_not_taken_for_one_line_pages():
    prose = "Helhedsplanen samarbejder med skolen og klubben om lektiehjælp og sommerjob. " * 8
    text = (
        "Delaftale for indsatsområdet Beskæftigelse\n\nDelaftalens parter:\nTrane Boligselskab\n"
        "Jobcenter Tranemosen\nTranemosen Erhvervsråd\n\n"
        f"Sammenhæng med den kommunale indsats i boligområdet:\n{prose}\n\n"
        f"Revision af delaftalen:\n{prose}\n"
    )
    assert flat.restructure(text) is None
    assert flat.restructure("# Delaftale\n\n" + PAGE_1 + "\n" + PAGE_2 + "\n") is None  # Markdown


def test_an_activitys_delmaal_without_bullets_are_one_sentence_each():
    page = _body(PAGE_2).replace("\uf0b7 ", "")
    agreement = _read(_hard_wrap(_body(PAGE_1)) + "\n\n" + _hard_wrap(page) + "\n")
    assert agreement.activities[0].goals == [
        "Tyve beboere om året skriver et nyt cv.",
        "Ti beboere om året kommer i praktik.",
    ]


def test_a_labels_guidance_wrapped_over_lines_is_not_read_as_its_value():
    text = (
        "Delaftale for indsatsområdet Beskæftigelse\n\nDelaftalens parter:\nTrane Boligselskab\n\n"
        "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke\n"
        "fremsendes til Landsbyggefonden, men fonden skal om nødvendigt\n"
        "til enhver tid kunne rekvirere ajourførte delaftaler)\n"
        "Delaftalen revideres hvert år i marts.\n"
    )
    assert _read(text).revision == "Delaftalen revideres hvert år i marts."


def test_a_sheet_named_by_a_sentence_before_its_formaal_is_still_a_sheet():
    page = PAGE_2.replace("Jobklub i Tranebo Formål", "Jobklub i Tranebo for alle ledige. Formål")
    agreement = _read(PAGE_1 + "\n" + page + "\n")
    assert [a.name for a in agreement.activities] == [
        "Jobklub i Tranebo for alle ledige.",
        "Sommerjob for unge",
    ]
    assert agreement.activities[0].goals == [
        "Tyve beboere om året skriver et nyt cv.",
        "Ti beboere om året kommer i praktik.",
    ]


# Activity sheets whose two-column tables were copied a column at a time: all the labels
# first, then every sheet's values run together, the second sheet's labels broken by a page.
COLUMNS_FIRST_PAGE_2 = (
    "Tranebo i Fællesskab · Beskæftigelse "
    "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
    "(tilføj skemaer - ét skema pr. aktivitet): "
    "Aktivitetsnavn: Formål: Delmål: Målgruppe(r): Indhold og praksis: "
    "Ansvars- og rollefordeling: Aktivitetsnavn: Formål: Delmål: Målgruppe(r): Indhold og "
    "Jobklub i Tranebo Formålet er at ledige beboere får hjælp til at søge job tæt på deres "
    "bolig. \uf0b7 Tyve beboere om året skriver et nyt cv. \uf0b7 Ti beboere om året kommer i "
    "praktik. Ledige beboere over 25 år. Jobklubben mødes hver tirsdag i beboerhuset. "
    "Jobmentoren har ansvaret for jobklubben, og jobcentret deltager en gang om måneden. "
    "Sommerjob for unge Formålet er at flere unge prøver et job i sommerferien. \uf0b7 Femten "
    "unge om året får et sommerjob. Unge mellem 15 og 17 år. Helhedsplanen finder sommerjob "
    "hos lokale butikker. Jobmentoren har ansvaret for kontakten til butikkerne. praksis: "
    "Ansvars- og rollefordeling: "
    "Landsbyggefonden – boligsocial indsats Side 2 af 2"
)


def test_activity_sheets_copied_a_column_at_a_time_are_cut_at_their_names_and_warned():
    result = read_document(
        (PAGE_1 + "\n" + COLUMNS_FIRST_PAGE_2 + "\n").encode(), "indsat.txt", areas=AREAS
    )
    agreement = result.agreement
    first, second = agreement.activities
    assert first.name == "Jobklub i Tranebo"
    assert first.purpose == (
        "Formålet er at ledige beboere får hjælp til at søge job tæt på deres bolig."
    )
    assert first.goals == [
        "Tyve beboere om året skriver et nyt cv.",
        "Ti beboere om året kommer i praktik.",
    ]
    assert first.target_groups == "Ledige beboere over 25 år."
    assert first.content == "Jobklubben mødes hver tirsdag i beboerhuset."
    assert first.responsibilities.startswith("Jobmentoren har ansvaret for jobklubben")
    assert second.name == "Sommerjob for unge"
    assert second.goals == ["Femten unge om året får et sommerjob."]
    assert second.content == "Helhedsplanen finder sommerjob hos lokale butikker."
    assert second.responsibilities == "Jobmentoren har ansvaret for kontakten til butikkerne."
    assert flat.COLUMNS_FIRST_WARNING in result.warnings


def test_a_numbered_section_heading_right_above_its_text_is_the_sections_heading():
    text = (
        "Strategisk samarbejdsaftale om boligsocial indsats\n\n"
        "Områdets navn\nTranebo i Fællesskab\n\n"
        "Aftalens parter\n   Trane Boligselskab\n   Tranemosen Kommune\n\n"
        "Samarbejdsaftalen gælder fra - til\n01.02.24 – 31.01.28\n\n"
        "2. Vision for boligområdet\n"
        "Tranebo skal være et sted, hvor børn og voksne har de samme muligheder som\n"
        "andre i Tranemosen.\n\n"
        "3. Organisering\n"
        "Helhedsplanen ledes af en bestyrelse med en direktør fra hver part.\n\n"
        "7. Lokal evaluering\n"
        "Bestyrelsen følger op på indikatorerne hvert år i marts.\n"
    )
    agreement = _read(text)
    assert agreement.vision.startswith("Tranebo skal være et sted")
    assert agreement.vision.endswith("andre i Tranemosen.")
    assert agreement.organisation == (
        "Helhedsplanen ledes af en bestyrelse med en direktør fra hver part."
    )
    assert agreement.local_evaluation == "Bestyrelsen følger op på indikatorerne hvert år i marts."


def test_figures_named_after_places_are_parted_where_a_place_comes_again():
    rows = flat.rebuild_goal_table(
        [
            "Færre fraflytninger fra Tranebo og Tranehaven",
            "Andel årlige fraflytninger",
            "Engtoften (12,5%) Tofteparken (9,1%)",
            "Landsgennemsnittet for almene boliger (10,4%) (2022)",
            "2022",
            "Trane Boligselskab",
            "Færre udsættelser",
            "Antal berammede udsættelser",
            "Antal effektive udsættelser",
            "Engtoften (14) Tofteparken (3) Engtoften (5) Tofteparken (0)",
            "2022",
            "Trane Boligselskab",
            "2022",
            "Trane Boligselskab",
        ]
    )
    assert rows is not None
    cells = [row.split("\t") for row in rows[1:]]
    assert cells[0][2] == "Engtoften (12,5%) Tofteparken (9,1%)"
    # a named percentage with its year is the comparison figure, not a data source
    assert cells[0][3] == "Landsgennemsnittet for almene boliger (10,4%) (2022)"
    assert cells[0][5] == "Trane Boligselskab"
    assert [c[1] for c in cells[1:]] == [
        "Antal berammede udsættelser",
        "Antal effektive udsættelser",
    ]
    assert [c[2] for c in cells[1:]] == [
        "Engtoften (14) Tofteparken (3)",
        "Engtoften (5) Tofteparken (0)",
    ]


def test_a_staff_table_copied_a_column_at_a_time_pairs_roles_with_their_figures():
    warnings: list[str] = []
    rows = flat._columns_first_staff(
        "Rolle Boligsocial koordinator Jobmentor Medarbejder fra Jobcenter Tranemosen "
        "Andel af fuldtid 100 % 40 % Timer pr. år Finansieret af 300",
        warnings,
    )
    assert rows is not None
    assert [row.split("\t")[:3] for row in rows[1:]] == [
        ["Boligsocial koordinator", "100 %", ""],
        ["Jobmentor", "40 %", ""],
        ["Medarbejder fra Jobcenter Tranemosen", "", "300"],
    ]
    assert flat.STAFF_COLUMNS_WARNING in warnings  # shares and hours for different roles
    # a funding column with words in it cannot be paired: left to the row reading
    assert (
        flat._columns_first_staff(
            "Rolle Jobmentor Projektleder Andel af fuldtid 40 % 20 % Timer pr. år "
            "Finansieret af helhedsplanen kommunen",
            [],
        )
        is None
    )
    # through the reader: the rebuilt rows are the staff
    text = (
        "Delaftale for indsatsområdet Beskæftigelse Medarbejderressourcer for indsatsområdet "
        "Rolle Trivselsmedarbejder Projektleder Andel af fuldtid 75 % 15 % Timer pr. år "
        "Finansieret af Sammenhæng med den kommunale indsats i boligområdet Delaftalen "
        "følger kommunens plan. Revision af delaftalen Delaftalen revideres hvert år.\n"
    )
    agreement = _read(text)
    assert [(s.share_percent) for s in agreement.staff] == [75, 15]
    assert [s.text.split()[0] for s in agreement.staff] == ["Trivselsmedarbejder", "Projektleder"]


def test_parties_stop_where_a_signers_column_copied_as_its_own_paragraph_begins():
    paragraphs = [
        _body(PAGE_1).split("Delaftalens parter")[0]
        + "Delaftalens parter Part Trane Boligselskab Jobcenter Tranemosen",
        "Underskriver Ida Kjær Holm Per Lund",
        "Dato",
        "Eva Bo Berg",
        "Medarbejderressourcer for indsatsområdet " + " ".join(STAFF) + " Sammenhæng med den "
        "kommunale indsats i boligområdet Delaftalen følger kommunens plan for beskæftigelse, "
        "og jobcentret har en medarbejder i Tranebo hver uge.",
        _body(PAGE_2),
    ]
    text = "\n\n".join(_hard_wrap(p) for p in paragraphs) + "\n"
    assert flat.restructure(text) is not None  # read as flattened text
    assert _read(text).parties == ["Trane Boligselskab", "Jobcenter Tranemosen"]


def test_a_goal_table_that_cannot_be_rebuilt_whole_is_warned_and_a_whole_one_is_not():
    first_page = _body(PAGE_1)
    cut = first_page.index("Aktiviteter, som")
    head = _hard_wrap(
        first_page[:cut] + "Delmål og indikatorer for indsatsområdet Delmålene er de "
        "konkrete skridt, indsatsområdet tager for at nå de overordnede mål. Delmål"
    )
    tail = _hard_wrap(first_page[cut:]) + "\n\n" + _hard_wrap(_body(PAGE_2))

    def warnings_of(cells: list[str]) -> list[str]:
        text = "\n\n".join([head, *cells, tail]) + "\n"
        return read_document(text.encode(), "indsat.txt", areas=AREAS).warnings

    assert flat.GOAL_TABLE_WARNING not in warnings_of(GOAL_CELLS[1:])
    # the figures' columns lost: delmål and indikatorer with nothing to pair them with
    scrambled = [
        "Indikator",
        "Flere beboere i Tranebo er i job Færre unge står uden uddannelse",
        "Andel 18-64-årige i beskæftigelse Antal beboere i praktik Andel unge i uddannelse",
        "Baseline boligområde / målgruppe",
        "Datakilde",
    ]
    assert flat.GOAL_TABLE_WARNING in warnings_of(scrambled)


def test_parties_interleaved_with_their_signers_are_warned():
    paragraphs = [
        _body(PAGE_1).split("Delaftalens parter")[0]
        + "Delaftalens parter Part Underskriver Trane Boligselskab Ida Kjær Holm Jobcenter "
        "Tranemosen Per Lund",
        "Medarbejderressourcer for indsatsområdet " + " ".join(STAFF) + " Sammenhæng med den "
        "kommunale indsats i boligområdet Delaftalen følger kommunens plan for beskæftigelse, "
        "og jobcentret har en medarbejder i Tranebo hver uge.",
        _body(PAGE_2),
    ]
    text = "\n\n".join(_hard_wrap(p) for p in paragraphs) + "\n"
    result = read_document(text.encode(), "indsat.txt", areas=AREAS)
    assert flat.PARTIES_WARNING in result.warnings
    clean = "\n\n".join(
        _hard_wrap(p) for p in [_body(PAGE_1).split("Aktiviteter, som")[0], *paragraphs[1:]]
    )
    assert flat.PARTIES_WARNING not in read_document(clean.encode(), "x.txt", areas=AREAS).warnings


def test_a_staff_table_copied_row_by_row_drops_its_headings():
    text = (
        "Delaftale for indsatsområdet Beskæftigelse Medarbejderressourcer for indsatsområdet: "
        "Rolle Andel af fuldtid Timer pr. år Finansieret af Jobmentor 60 % Projektleder 20 % "
        "Sammenhæng med den kommunale indsats i boligområdet: Delaftalen følger kommunens "
        "plan. Revision af delaftalen: Delaftalen revideres hvert år.\n"
    )
    assert [s.text for s in _read(text).staff] == ["Jobmentor 60 %", "Projektleder 20 %"]


def test_a_party_that_is_a_role_is_cut_from_the_organisation_before_it():
    assert flat.split_names(
        "Helhedsplanen i Tranebo Parken Trivselsmedarbejder (ansat af helhedsplanen) "
        "Tranebo Bibliotek"
    ) == [
        "Helhedsplanen i Tranebo Parken",
        "Trivselsmedarbejder (ansat af helhedsplanen)",
        "Tranebo Bibliotek",
    ]


def test_a_rebuilt_goal_table_with_half_a_quotation_in_a_cell_is_not_whole():
    header = "Delmål\tIndikator\tBaseline\tEvt. anden baseline\tBaseline år\tDatakilde"
    whole = '"Jeg kender naboerne" (andel enige)'
    assert flat._whole([header, f"Flere kender naboerne\t{whole}\t40 % enige\t\t2023\tSurvey"])
    assert not flat._whole(
        [header, 'Flere kender naboerne\tAndel i job "Jeg kender\t40 % enige\t\t2023\tSurvey']
    )


def test_housing_areas_after_a_column_of_bullets_are_cut_after_their_brackets():
    assert flat._entries(
        "housing",
        "Samarbejdsaftalen omfatter følgende boligområder: \uf0b7 \uf0b7 Tranebo Park (afdeling 3 "
        "i Trane Boligselskab) Tranehaven (afdeling 5 og 6)",
    ) == [
        "Samarbejdsaftalen omfatter følgende boligområder:",
        "Tranebo Park (afdeling 3 i Trane Boligselskab)",
        "Tranehaven (afdeling 5 og 6)",
    ]


def test_a_housing_table_copied_row_by_row_after_its_headings_is_a_table_again():
    page = STRATEGIC_PAGE.replace(
        "Tranebakken (afdeling 3 og 5 i Trane Boligselskab) "
        "Mosegården (afdeling 12 i Trane Boligselskab)",
        "Boligområde Afdelinger Tranebakken 3, 5 Mosegården 12",
    )
    agreement = _read(page + "\n" + page.replace("Strategisk", "Samlet") + "\n")
    assert [(h.name, [d.number for d in h.departments]) for h in agreement.housing_areas[:2]] == [
        ("Tranebakken", ["3", "5"]),
        ("Mosegården", ["12"]),
    ]
    assert agreement.vision.startswith("Tranebo skal være et sted")


# Delmål written as a numbered list, each with its own small table (Indikator | Baseline
# boligområde / målgruppe | Datakilde, no year column) that a PDF viewer copied column by
# column, each column's cells under its heading.
NUMBERED_COLUMNS = (
    "Delmål og indikatorer for indsatsområdet Delmålene er de konkrete skridt, "
    "indsatsområdet tager for at nå de overordnede mål. "
    "1. Flere beboere i Tranebo er i job "
    "Indikator Andel 18-64-årige i beskæftigelse Antal beboere i praktik "
    "Baseline boligområde / målgruppe Afd. 3: 41,5 % Afd. 5: 38 % 12 beboere "
    "Datakilde Danmarks Statistik Helhedsplanens egen registrering "
    "2. Beboerne føler sig trygge om aftenen "
    'Indikator "Jeg føler mig tryg i Tranebo" (andel enige) "Jeg går gerne ude om aftenen" '
    "(andel enige) "
    "Baseline boligområde / målgruppe 61 % enige 48 % enige "
    "Datakilde Beboerundersøgelse i Tranebo Beboerundersøgelse i Tranebo "
    "3. Færre unge står uden uddannelse "
    "Indikator Baseline boligområde / Datakilde Andel 15-29-årige uden uddannelse målgruppe "
    "18 % LBF Boligsociale Data "
)


def _numbered_columns_text(wrapped: bool) -> str:
    first_page = _body(PAGE_1)
    cut = first_page.index("Aktiviteter, som")
    if wrapped:
        parts = [first_page[:cut], NUMBERED_COLUMNS, first_page[cut:], _body(PAGE_2)]
        return "\n\n".join(_hard_wrap(p) for p in parts) + "\n"
    return first_page[:cut] + NUMBERED_COLUMNS + first_page[cut:] + "\n" + _body(PAGE_2) + "\n"


def _check_numbered_columns(agreement) -> None:  # type: ignore[no-untyped-def]
    assert [g.text for g in agreement.goals] == [
        "Flere beboere i Tranebo er i job",
        "Beboerne føler sig trygge om aftenen",
        "Færre unge står uden uddannelse",
    ]
    jobs, safety, young = agreement.goals
    employed, trainees = jobs.indicators
    assert employed.text == "Andel 18-64-årige i beskæftigelse"
    assert [(m.scope, m.percent) for m in employed.baselines] == [("Afd. 3", 41.5), ("Afd. 5", 38)]
    assert employed.data_source == "Danmarks Statistik"
    assert [m.count for m in trainees.baselines] == [12]
    assert trainees.data_source == "Helhedsplanens egen registrering"
    assert [i.text for i in safety.indicators] == [
        '"Jeg føler mig tryg i Tranebo" (andel enige)',
        '"Jeg går gerne ude om aftenen" (andel enige)',
    ]
    assert [[m.percent for m in i.baselines] for i in safety.indicators] == [[61], [48]]
    assert [i.data_source for i in safety.indicators] == ["Beboerundersøgelse i Tranebo"] * 2
    (alone,) = young.indicators
    assert alone.text == "Andel 15-29-årige uden uddannelse"
    assert [m.percent for m in alone.baselines] == [18]
    assert alone.data_source == "LBF Boligsociale Data"
    assert all(i.baseline_year is None for g in agreement.goals for i in g.indicators)


def test_numbered_delmaal_with_tables_copied_column_by_column_on_one_line():
    agreement = _read(_numbered_columns_text(wrapped=False))
    _check_numbered_columns(agreement)
    assert agreement.activity_names == ["Jobklub i Tranebo", "Sommerjob for unge"]


def test_numbered_delmaal_with_tables_copied_column_by_column_hard_wrapped():
    _check_numbered_columns(_read(_numbered_columns_text(wrapped=True)))


def test_a_column_whose_cells_come_after_a_later_heading_is_not_read_column_by_column():
    # "Evt. anden baseline" and "Baseline år" empty, their cells after "Datakilde": the
    # table came row by row, and the column reading leaves it to the row reading
    values = [
        "Delmål 1: Færre flytter fra Tranebo Indikator Andel årlige fraflytninger "
        "Baseline boligområde / målgruppe Afd. 3 (17 %) Evt. anden baseline Baseline år "
        "Datakilde Landsgennemsnittet (10,4 %) 2019 Trane Boligselskab "
        "Delmål 2: Færre udsættelser Indikator Antal udsættelser Baseline boligområde / "
        "målgruppe Afd. 3 (4) Evt. anden baseline Baseline år Datakilde 2019 Trane Boligselskab"
    ]
    assert flat.column_block_table(values, []) is None


def test_two_rows_after_headings_side_by_side_are_not_read_as_one_row():
    values = [
        "Delmål 1: Beboerne føler sig trygge Indikator Baseline boligområde / målgruppe "
        "Baseline år Datakilde Andel beboere, der føler sig trygge 54 % 2015 Beboerundersøgelse "
        "2015 Antal anmeldte hærværkssager 37 sager 2015 Tranemosen Politi "
        "Delmål 2: Færre unge står uden uddannelse Indikator Baseline boligområde / målgruppe "
        "Baseline år Datakilde Andel 15-29-årige uden uddannelse 18 % 2023 LBF Boligsociale Data"
    ]
    assert flat.column_block_table(values, []) is None
    one_row = flat._one_row("Andel 15-29-årige uden uddannelse målgruppe 18 % 2023 LBF Data")
    assert one_row == ["Andel 15-29-årige uden uddannelse", "18 %", "", "2023", "LBF Data"]


def test_data_sources_run_together_are_cut_where_a_source_is_said_again():
    assert flat.split_sources(
        "LBF Boligsociale Data LBF Boligsociale Data Tryghedsmåling VIVE/LBF "
        "Tryghedsmåling VIVE/LBF Danmarks Statistik"
    ) == [
        "LBF Boligsociale Data",
        "LBF Boligsociale Data",
        "Tryghedsmåling VIVE/LBF",
        "Tryghedsmåling VIVE/LBF",
        "Danmarks Statistik",
    ]
    assert flat.split_sources("Danmarks Statistik Beboerundersøgelse i Tranebo") == [
        "Danmarks Statistik",
        "Beboerundersøgelse i Tranebo",
    ]


def _sources(rows: list[str]) -> list[tuple[str, str]]:
    return [(row.split("\t")[1], row.split("\t")[5]) for row in rows[1:]]


def test_a_table_of_indicators_and_data_sources_alone_gives_one_source_a_row():
    # »Mål | Indikator | Datakilde« without figures: the sources copied together after the
    # text columns, in the last indicator's cell or in one of their own
    goals = ["Flere beboere i Tranebo er i job", "Færre unge står uden uddannelse"]
    in_the_cell = [
        *goals,
        "Andel 18-64-årige i beskæftigelse",
        "Andel 15-29-årige uden uddannelse målgruppe Danmarks Statistik LBF Boligsociale Data",
    ]
    assert _sources(flat.rebuild_goal_table(in_the_cell, []) or []) == [
        ("Andel 18-64-årige i beskæftigelse", "Danmarks Statistik"),
        ("Andel 15-29-årige uden uddannelse", "LBF Boligsociale Data"),
    ]
    own_cell = [
        *goals,
        "Andel 18-64-årige i beskæftigelse",
        "Andel 15-29-årige uden uddannelse",
        "målgruppe Tryghedsmåling i Tranebo Tryghedsmåling i Tranebo",
    ]
    assert _sources(flat.rebuild_goal_table(own_cell, []) or []) == [
        ("Andel 18-64-årige i beskæftigelse", "Tryghedsmåling i Tranebo"),
        ("Andel 15-29-årige uden uddannelse", "Tryghedsmåling i Tranebo"),
    ]


def test_a_comparison_named_in_brackets_after_its_figure_is_the_other_baseline():
    assert flat._split_measures("68 % 74 % (alle helhedsplaner)") == (
        "68 %",
        "74 % (alle helhedsplaner)",
    )
    assert flat._split_measures("41 % 38 % (Tranemosen Kommune)") == (
        "41 %",
        "38 % (Tranemosen Kommune)",
    )
    assert flat._split_measures("Afd. 3 (17 %)") == ("Afd. 3 (17 %)", "")


def test_the_rest_of_an_indicator_a_page_break_cut_goes_on_with_the_indicator():
    # "… uden tilknytning til" breaks off on a word no cell ends with; its rest comes after
    # the next delmål (the next page's text column), which ends as a sentence does
    goals = flat._goals_and_indicators(
        [
            "Flere beboere i Tranebo er i job",
            "Andel 18-64-årige, der er uden tilknytning til",
            "Flere unge i Tranebo tager en uddannelse",
            "arbejdsmarked og uddannelse Andel 15-29-årige uden uddannelse",
        ]
    )
    assert goals == [
        (
            "Flere beboere i Tranebo er i job",
            ["Andel 18-64-årige, der er uden tilknytning til arbejdsmarked og uddannelse"],
        ),
        ("Flere unge i Tranebo tager en uddannelse", ["Andel 15-29-årige uden uddannelse"]),
    ]
