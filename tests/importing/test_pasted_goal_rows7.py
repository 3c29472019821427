"""Pasted text (session 10, pasted7): a goal table's cells as a PDF viewer copies them, torn
apart by page breaks and column blocks, rebuilt by the rules of
`importing.layout.pasted_goals`. Fictional words: Birkely, Birkely Trivselsmåling."""

from __future__ import annotations

from importing.layout import flat
from importing.layout.pasted_goals import share_indicators

G1 = "Trivslen i Birkely fastholdes på trods af store"
G1_REST = "ombygninger (herunder genhusning og nye lejere)"
G2 = "Beboerne oplever at kunne påvirke deres hverdagssituation"
G3 = "Niveauet for tilfredsheden med at bo i området fastholdes"
G4 = "Flere beboere er aktive i foreningslivet"
I1 = '"Er du glad for dit nabolag?"'
I2 = '"Hilser du på dine naboer i opgangen?"'
I3 = '"Taler du med dine naboer i opgangen?"'
I4 = "Andel der kan forbedre deres økonomiske situation"
I5 = "Tilfredshed med at bo i boligområdet"
I6 = "Andel beboere, der er medlem af en forening"
I7 = "Antal beboere i bestyrelser"
SURVEY = "Birkely Trivselsmåling*"


def _rows(table: list[str] | None) -> list[list[str]]:
    assert table is not None
    return [row.split("\t") for row in table[1:]]


def test_a_delmaal_cut_by_a_page_break_goes_on_and_its_delmaal_are_shared_by_their_words():
    """A page's rest of a cut delmål (lower case) goes on with it; the delmål copied as a
    block before later pages' indicators get them by the words they share and by data
    sources neighbouring rows share, not as evenly as they go."""
    cells = [
        G1, I1, "36 % glade", "2021", SURVEY,
        G1_REST, I2, G2, G3, G4, "40 % hilser", "2021", SURVEY,
        I3, I4, I5, "52 % taler", "2021", SURVEY, "18 % enige", "2021", SURVEY,
        "73 % tilfredse", "2021", "Boligundersøgelse spg 15",
        I6, I7, "12 %", "2022", "Foreningsregistrering", "9 beboere", "2022",
        "Foreningsregistrering",
    ]  # fmt: skip
    rows = _rows(flat.rebuild_goal_table(cells))
    goals = {row[0] for row in rows if row[0]}
    assert f"{G1} {G1_REST}" in goals and G1_REST not in goals
    owner, whose = "", {}
    for row in rows:
        owner = row[0] or owner
        whose[row[1]] = owner
    assert [whose[i] for i in (I1, I2, I3)] == [f"{G1} {G1_REST}"] * 3
    assert (whose[I4], whose[I5], whose[I6], whose[I7]) == (G2, G3, G4, G4)


def test_indicators_are_shared_evenly_where_nothing_tells():
    assert share_indicators(["Aa bb cc", "Dd ee ff"], ["Xx", "Yy", "Zz"]) == [2, 1]


def test_indicators_go_with_the_delmaal_whose_words_they_share():
    names = ["Flere unge i Birkely får et fritidsjob", "Flere voksne taler dansk"]
    indicators = ["Antal unge med fritidsjob", "Andel der taler dansk", "Andel der læser dansk"]
    assert share_indicators(names, indicators) == [1, 2]


def test_figures_and_sources_copied_as_column_blocks_go_to_their_rows():
    """A »Datakilde (baseline år)« column and the figures columns copied as blocks: each
    source with its year is a cell, a block of figures goes to the row it was read at and
    the rows after it, the second block read at a row being the comparisons."""
    cells = [
        "Flere beboere i Birkely kommer til beboermøderne",
        "Deltagelse ved beboermøderne",
        "Flere beboere i Birkely er glade for deres bolig",
        "Oplevet tilfredshed med boligen",
        "Færre beboere i Birkely oplever indbrud i kælderen",
        "Antal anmeldte indbrud",
        "Afd. 3: 40 beboere (6,1%) Afd. 5: 22 beboere (5,0%) 81% 120 ud af 148 beboere "
        "14 anmeldelser = 3,10% af alle anmeldelser",
        "Birkely beboerregister (2021)",
        "74% 9.100 ud af 12.000 beboere (alle boligområder) 450 anmeldelser",
        "Birkely Trivselsmåling (2019) Nordby Politi. (2021)",
    ]
    rows = _rows(flat.rebuild_goal_table(cells))
    assert [row[2:] for row in rows] == [
        ["Afd. 3: 40 beboere (6,1%) Afd. 5: 22 beboere (5,0%)", "", "2021", "Birkely beboerregister"],
        ["81% 120 ud af 148 beboere", "74% 9.100 ud af 12.000 beboere (alle boligområder)", "2019",
         "Birkely Trivselsmåling"],
        ["14 anmeldelser = 3,10% af alle anmeldelser", "450 anmeldelser", "2021", "Nordby Politi."],
    ]  # fmt: skip


def test_sources_standing_before_the_years_are_cut_off_their_indicators():
    """»Datakilde« before »Baseline år«, each page on one line: a source run into its
    indicator's cell is cut off where a source's word begins; several sources read before
    the next years go to those rows in order, and the lower-case rest of a source a page
    break cut goes back to it."""
    cells = [
        "Flere beboere i Birkely kommer til beboermøderne",
        "Deltagelse ved beboermøderne ABC data for deltagere ved møderne og",
        "2020",
        "Afd. 3: 40 beboere (6,1%)",
        "Flere beboere i Birkely er glade for deres bolig",
        "Oplevet tilfredshed med boligen",
        "Færre beboere i Birkely oplever indbrud i kælderen",
        "Antal anmeldte indbrud registreret derover. Birkely trivselsmåling Nordby Politi.",
        "2018",
        "81 %",
        "2020",
        "14 anmeldelser",
    ]
    rows = _rows(flat.rebuild_goal_table(cells, year_first=True))
    assert [(row[1], row[4], row[5]) for row in rows] == [
        ("Deltagelse ved beboermøderne", "2020", "ABC data for deltagere ved møderne og derover."),
        ("Oplevet tilfredshed med boligen", "2018", "Birkely trivselsmåling"),
        ("Antal anmeldte indbrud registreret", "2020", "Nordby Politi."),
    ]


def test_a_source_cell_merged_over_rows_is_shared_by_its_indicators():
    """One »Datakilde (baseline år)« cell merged over three survey rows, the figures
    columns copied as blocks: a row for each indicator again, the survey's source and year
    for the quoted questions, each comparison with the figure of its own unit."""
    cells = [
        "Flere unge i Birkely har et fritidsjob",
        "Andel 15-17-årige med fritidsjob",
        "Beboerne i Birkely kender vejen til hjælp",
        "Flere beboere i Birkely er i arbejde",
        'Antal unge, der får fritidsjob via helhedsplanen "Ved du, hvor du kan få råd?" (andel ja)',
        '"Har du talt med en jobkonsulent?" (andel ja)',
        '"Kender du beboerrådgiveren?" (andel ja)',
        "Andel 18-64-årige i arbejde",
        "Nordby: 31,0 %",
        "Søby: 12,5 %",
        "9 unge",
        "Birkely Kommune: 20,1 %",
        "Kommunens jobregister (2021)",
        "Helhedsplanens registrering (2022)",
        "Birkely Trivselsmåling (2022)",
        "40 % ja",
        "21 % ja",
        "63 % ja",
        "Afd. 2: 100 beboere (45,0 %)",
        "Birkely Kommune: 70,2 %",
        "Danmarks Statistik (2021)",
        "Afd. 6: 80 beboere (50,5 %)",
    ]
    rows = _rows(flat.rebuild_goal_table(cells))
    assert [(row[2], row[3], row[4], row[5]) for row in rows] == [
        ("Nordby: 31,0 % Søby: 12,5 %", "Birkely Kommune: 20,1 %", "2021", "Kommunens jobregister"),
        ("9 unge", "", "2022", "Helhedsplanens registrering"),
        ("40 % ja", "", "2022", "Birkely Trivselsmåling"),
        ("21 % ja", "", "2022", "Birkely Trivselsmåling"),
        ("63 % ja", "", "2022", "Birkely Trivselsmåling"),
        ("Afd. 2: 100 beboere (45,0 %) Afd. 6: 80 beboere (50,5 %)", "Birkely Kommune: 70,2 %",
         "2021", "Danmarks Statistik"),
    ]  # fmt: skip
    owners = [row[0] for row in rows]
    assert owners[0] and not owners[1] and owners[2] and not owners[3] and not owners[4]
    assert owners[5]  # the delmål read before the columns' rests share them by their words


def test_a_quoted_question_run_into_a_delmaal_is_its_first_indicator():
    cells = [
        'Beboerne i Birkely ved, hvor de kan få råd "Ved du, hvor du kan få råd?" (andel ja)',
        '"Kender du beboerrådgiveren?" (andel ja)',
        "40 % ja",
        "2022",
        "Birkely Trivselsmåling",
        "31 % ja",
        "2022",
        "Birkely Trivselsmåling",
    ]
    rows = _rows(flat.rebuild_goal_table(cells))
    assert [row[:3] for row in rows] == [
        ["Beboerne i Birkely ved, hvor de kan få råd", '"Ved du, hvor du kan få råd?" (andel ja)',
         "40 % ja"],
        ["", '"Kender du beboerrådgiveren?" (andel ja)', "31 % ja"],
    ]  # fmt: skip
