"""Text copied from a PDF viewer line by line (Acrobat, a browser's viewer, `pdftotext
-raw`): every line a line of the page, no blank lines between paragraphs, and a table's
cells one after the other, each wrapped into the short lines of its narrow column. And the
goal table's warning when its column headings come out of the template's order.

Fixtures in our own fictional words: Tranebo, Tranemosen Kommune, Trane Boligselskab."""

from __future__ import annotations

from importing.layout import flat
from importing.pipeline import read_document

AREAS = ("Beskæftigelse", "Uddannelse og livschancer", "Tryghed og trivsel")

PROSE = (
    "Denne delaftale er et bilag til den strategiske samarbejdsaftale og beskriver, hvordan\n"
    "parterne arbejder sammen inden for indsatsområdet. Bestyrelsen sørger for, at delaftalen\n"
    "altid svarer til de aktiviteter, der faktisk gennemføres i Tranebo.\n"
)
HEAD = (
    "Delaftale for indsatsområdet Beskæftigelse\n"
    + PROSE
    + "Navn på den boligsociale indsats, som delaftalen vedrører:\n"
    "Tranebo i Fællesskab\n"
    "Delaftalen gælder fra - til:\n"
    "1. februar 2024 – 31. januar 2028\n"
    "Delaftalens parter:\n"
    "Trane Boligselskab\n"
    "Jobcenter Tranemosen\n"
)
# the goal table row by row, each cell in the short lines of its column; cells that start
# on the same line of the page come on one line ("18 %" and the comparison's first word)
TABLE = (
    "Delmål og indikatorer for indsatsområdet\n"
    "Delmål Indikator Baseline\n"
    "boligområde /\n"
    "målgruppe\n"
    "Evt. anden\n"
    "baseline\n"
    "Baseli\n"
    "ne år\n"
    "Datakilde\n"
    "Flere beboere i\n"
    "Tranebo er i job\n"
    "Andel 18-64-årige\n"
    "i beskæftigelse\n"
    "41,5 % Tranemosen\n"
    "Kommune:\n"
    "70,2 %\n"
    "2023 Danmarks\n"
    "Statistik\n"
    "Færre unge står\n"
    "uden uddannelse\n"
    "Andel 15-29-årige\n"
    "uden uddannelse\n"
    "18 % Tranemosen\n"
    "Kommune: 9 %\n"
    "2023 LBF -\n"
    "Boligsociale\n"
    "Data\n"
)
TAIL = (
    "Medarbejderressourcer for indsatsområdet:\n"
    "Jobmentor 60 %\n"
    "Projektleder 20 %\n"
    "Sammenhæng med den kommunale indsats i boligområdet:\n"
    "Delaftalen følger kommunens plan for beskæftigelse, og jobcentret har en medarbejder i\n"
    "Tranebo hver uge, så beboerne kan få hjælp tæt på deres bolig og uden tidsbestilling.\n"
)


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_document(text.encode(), "indsat.txt", areas=AREAS)


def _check_goals(agreement) -> None:  # type: ignore[no-untyped-def]
    first, second = agreement.goals
    assert first.text == "Flere beboere i Tranebo er i job"
    assert [i.text for i in first.indicators] == ["Andel 18-64-årige i beskæftigelse"]
    assert first.indicators[0].baselines[0].percent == 41.5
    assert first.indicators[0].comparators[0].percent == 70.2
    assert first.indicators[0].baseline_year == 2023
    assert first.indicators[0].data_source == "Danmarks Statistik"
    assert second.text == "Færre unge står uden uddannelse"
    assert second.indicators[0].baselines[0].percent == 18
    assert second.indicators[0].data_source == "LBF - Boligsociale Data"


def test_a_viewer_copy_line_by_line_reads_its_goal_table_parties_and_staff():
    text = HEAD + TABLE + TAIL
    assert flat.is_viewer_copy(text.split("\n"))
    result = _read(text)
    agreement = result.agreement
    assert agreement.initiative == "Tranebo i Fællesskab"
    assert agreement.period.start.isoformat() == "2024-02-01"
    assert agreement.parties == ["Trane Boligselskab", "Jobcenter Tranemosen"]
    _check_goals(agreement)
    assert [s.text for s in agreement.staff] == ["Jobmentor 60 %", "Projektleder 20 %"]


def test_short_line_text_with_blank_lines_has_its_goal_table_cells_run_together():
    # blank lines between the paragraphs: not read as one page a line, but the table's
    # short lines are still one table, and the rest of the text reads line by line
    text = HEAD + "\n" + TABLE + "\n" + TAIL
    assert not flat.is_viewer_copy(text.split("\n"))
    rebuilt = flat.rebuild_line_goal_tables(text, [])
    assert "Flere beboere i Tranebo er i job\tAndel 18-64-årige i beskæftigelse" in rebuilt
    agreement = _read(text).agreement
    _check_goals(agreement)
    assert agreement.parties == ["Trane Boligselskab", "Jobcenter Tranemosen"]


def test_a_paragraph_a_line_and_layout_columns_are_no_viewer_copy():
    # text saved from a word processor: a paragraph a line, longer than a page is wide
    saved = (HEAD + TAIL).replace("hvordan\n", "hvordan ").replace("delaftalen\n", "delaftalen ")
    assert not flat.is_viewer_copy((saved * 3).split("\n"))
    # `pdftotext -layout`: space-aligned columns have a reader of their own
    layout = "\n".join(f"Delmål {n}        Andel {n}        41,5 %" for n in range(30))
    assert not flat.is_viewer_copy(layout.split("\n"))
    assert flat.rebuild_line_goal_tables(layout, []) == layout


def test_a_viewer_copy_page_breaks_drop_the_running_footer_and_header():
    page_one = HEAD + TABLE[: -len("Data\n")]
    page_two = "Data\n" + TAIL
    footer = "Landsbyggefonden – boligsocial indsats Side {} af 2\n"
    header = "Tranebo i Fællesskab · Beskæftigelse\n"
    text = header + page_one + footer.format(1) + "\f" + header + page_two + footer.format(2)
    agreement = _read(text).agreement
    _check_goals(agreement)
    assert "Side" not in (agreement.municipal_coherence or "")
    assert "Landsbyggefonden" not in (agreement.municipal_coherence or "")


def test_goal_table_headings_out_of_the_templates_order_are_warned():
    ordered = ["Delmål Indikator Baseline boligområde / målgruppe Baseline år Datakilde G I"]
    assert not flat._headings_scrambled(ordered)
    # the columns reordered, or the copy ran down the columns: which figure is whose is a guess
    assert flat._headings_scrambled(["Delmål Indikator Datakilde Baseline år G I S 2020"])
    assert flat._headings_scrambled(
        ["Delmål Indikator Baseline år G I 2020 Baseline boligområde / målgruppe 41 %"]
    )
    # the header repeated after a page break is no reordering
    assert not flat._headings_scrambled(
        ["Delmål Indikator Baseline år Datakilde G I 2020 S Delmål Indikator Baseline år"]
    )


def test_a_running_footer_set_apart_from_its_page_number_is_dropped_on_one_line_pages():
    footer = "Landsbyggefonden – boligsocial indsats"
    pages = [
        f"Delmål Indikator Baseline 41 % {footer} Evt. anden baseline 2023 Side 1 af 3",
        f"Formålet er at ledige beboere får hjælp {footer} Side 2 af 3",
        f"Indhold og praksis Jobklubben mødes hver tirsdag {footer} Side 3 af 3",
    ]
    out = flat.drop_furniture(pages)
    assert not any(footer in page for page in out)
    assert "Evt. anden baseline 2023" in out[0]
    assert "Jobklubben mødes hver tirsdag" in out[2]


def test_delmaal_copied_after_the_indicators_share_them_in_order_and_are_warned():
    cells = [
        "Flere beboere i Tranebo er i job",
        "Andel 18-64-årige i beskæftigelse",
        "Antal beboere i praktik",
        "Andel 15-29-årige uden uddannelse",
        "41,5 %",
        "2023",
        "Danmarks Statistik",
        "12 beboere",
        "2024",
        "Helhedsplanens registrering",
        "18 %",
        "2023",
        "LBF Boligsociale Data",
        "Færre unge står uden uddannelse",
    ]
    guesses: list[str] = []
    table = flat.rebuild_goal_table(cells, guesses)
    assert table is not None
    rows = [row.split("\t") for row in table[1:]]
    assert [(r[0], r[1]) for r in rows] == [
        ("Flere beboere i Tranebo er i job", "Andel 18-64-årige i beskæftigelse"),
        ("", "Antal beboere i praktik"),
        ("Færre unge står uden uddannelse", "Andel 15-29-årige uden uddannelse"),
    ]
    assert [r[2] for r in rows] == ["41,5 %", "12 beboere", "18 %"]
    assert rows[2][5] == "LBF Boligsociale Data"
    assert guesses == ["Flere beboere i Tranebo er i job"]
    # every delmål with indicators of its own: nothing to guess
    guesses = []
    flat.rebuild_goal_table(cells[:3] + ["Færre unge står uden uddannelse", *cells[3:13]], guesses)
    assert guesses == []


def test_words_a_narrow_cell_broke_are_joined_and_two_words_are_not():
    from lib.wordlist import danish_words

    if not danish_words():  # without the word list nothing is joined
        assert flat.join_broken_words("helhedspl anens") == "helhedspl anens"
        return
    assert flat.join_broken_words("Tal fra helhedspl anens egen registreri ng") == (
        "Tal fra helhedsplanens egen registrering"
    )
    assert flat.join_broken_words("Landsgenne msnittet (10,4%)") == "Landsgennemsnittet (10,4%)"
    assert flat.join_broken_words("fastholdes på arbejdsmarkede t") == (
        "fastholdes på arbejdsmarkedet"
    )
    # a place and a word, a word and a compound, two words: left as they are
    for text in ("Tranebo er i job", "Jobmentoren leder jobklubben", "bolig området"):
        assert flat.join_broken_words(text) == text


def test_a_names_definite_ending_on_the_next_line_is_joined_and_an_article_is_not():
    assert flat.join_broken_words("Tranevæng et (14) Engtoft en (8)") == (
        "Tranevænget (14) Engtoften (8)"
    )
    assert flat.join_broken_words("Tranebo en gang om året") == "Tranebo en gang om året"


def test_a_year_in_a_remark_is_no_baseline_year_on_a_one_line_page():
    cells = flat.flow_cells("41,5 % 2023 Danmarks Statistik Ny måling i 2025")
    assert cells == ["41,5 %", "2023", "Danmarks Statistik Ny måling i 2025"]


def test_delmaal_copied_before_the_later_rows_indicators_share_them_across_batches():
    cells = [
        "Flere beboere i Tranebo er i job",
        "Andel 18-64-årige i beskæftigelse",
        "Færre unge står uden uddannelse",
        "41,5 %",
        "2023",
        "Danmarks Statistik",
        "Antal beboere i praktik",
        "Andel 15-29-årige uden uddannelse",
        "12 beboere",
        "2024",
        "Helhedsplanens registrering",
        "18 %",
        "2023",
        "LBF Boligsociale Data",
    ]
    guesses: list[str] = []
    table = flat.rebuild_goal_table(cells, guesses)
    assert table is not None
    rows = [row.split("\t") for row in table[1:]]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("Flere beboere i Tranebo er i job", "Andel 18-64-årige i beskæftigelse", "41,5 %"),
        ("", "Antal beboere i praktik", "12 beboere"),
        ("Færre unge står uden uddannelse", "Andel 15-29-årige uden uddannelse", "18 %"),
    ]
    assert guesses


def test_a_viewer_copy_block_by_block_reads_its_goal_table_from_the_blocks():
    # poppler's copy (Evince, `pdftotext`): a blank line between blocks, each line a line
    # of the page; the table's columns come as blocks of short lines
    blocks = [
        HEAD,
        "Delmål og indikatorer for indsatsområdet",
        "Delmål\n\nIndikator",
        "Flere beboere i\nTranebo er i job",
        "Andel 18-64-årige\ni beskæftigelse",
        "Baseline\nboligområde /\nmålgruppe\n41,5 %",
        "Evt. anden\nbaseline",
        "Baseli\nne år",
        "Datakilde",
        "Tranemosen\nKommune:\n70,2 %",
        "2023",
        "Danmarks\nStatistik",
        TAIL,
    ]
    text = "\n\n".join(blocks) + "\n"
    lines = text.split("\n")
    assert flat.is_page_lines(lines) and not flat.is_viewer_copy(lines)
    agreement = _read(text).agreement
    (goal,) = agreement.goals
    assert goal.text == "Flere beboere i Tranebo er i job"
    indicator = goal.indicators[0]
    assert indicator.text == "Andel 18-64-årige i beskæftigelse"
    assert indicator.baselines[0].percent == 41.5
    assert indicator.comparators[0].percent == 70.2
    assert indicator.baseline_year == 2023
    assert agreement.parties == ["Trane Boligselskab", "Jobcenter Tranemosen"]
