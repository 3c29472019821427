"""Small recognisers: figures, indicator splitting, OCR repair, staff lines."""

from __future__ import annotations

from importing.figures import parse_measures, split_indicators
from importing.ocrfix import repair_text
from importing.readers.text import read_text
from importing.recognise import recognise


def test_scoped_figures_in_one_cell():
    measures, year = parse_measures("Nordhaven (12,5%) Sydhaven (9,1%) (2020)")
    assert [(m.scope, m.percent) for m in measures] == [("Nordhaven", 12.5), ("Sydhaven", 9.1)]
    assert year == 2020


def test_percent_and_out_of_are_one_figure_but_two_percents_are_two():
    (one,), _ = parse_measures("64%\n90 ud af 140\nbeboere")
    assert (one.percent, one.count, one.denominator) == (64, 90, 140)
    many, _ = parse_measures("12 % utrygge 30 % utrygge")
    assert [m.percent for m in many] == [12, 30]


def test_lost_line_break_splits_two_indicators():
    parts = split_indicators("Andel der kender naboerne Lyst til at deltage i fester", 2)
    assert parts == ["Andel der kender naboerne", "Lyst til at deltage i fester"]


def test_ocr_repair_changes_only_unknown_words():
    text, changed = repair_text("Beboerne i omradet gnsker mere fellesskab og mal")
    assert "området" in text and "ønsker" in text
    assert text.endswith("mal")  # a known word is never changed
    assert changed >= 2


def test_a_years_opening_parenthesis_read_as_a_digit_is_given_back():
    from importing.ocrfix import clean_artefacts

    assert clean_artefacts("17 ud af 23 unge (74 %)\n12023)") == "17 ud af 23 unge (74 %)\n(2023)"
    assert clean_artefacts("Vestby Kommune 40 02021)") == "Vestby Kommune 40 (2021)"
    # a parenthesis the line opened, and a number that is no year, are left alone
    assert clean_artefacts("(i alt 12023)") == "(i alt 12023)"
    assert clean_artefacts("Afd. 3: 102019)") == "Afd. 3: 102019)"


def test_ocr_repair_leaves_an_inflected_form_of_a_known_word_alone():
    # »mentorer« is »mentor« + »er«; the list only has the base form, and »ment« + »ører«
    # would otherwise pass for a compound
    text, changed = repair_text("Vi har fire mentorer og to frivillige i omradet")
    assert "fire mentorer og" in text
    assert "området" in text
    assert changed == 1


def test_staff_in_prose_and_lines():
    doc = read_text(
        "Delaftale for indsatsområdet Beskæftigelse\n\nDelaftalens parter:\n\nJobcenter\n\n"
        "Medarbejderressourcer for indsatsområdet:\n\n"
        "Der afsættes 20 % af den boligsociale leders arbejdstid til indsatsen.\n\n"
        "Jobcenter Lindby 150t/år\n"
    )
    staff = recognise(doc).staff
    assert [(s.share_percent, s.hours_per_year) for s in staff] == [(20, None), (None, 150)]


def test_interleaved_ocr_line_is_cut_by_the_template_columns():
    """One OCR line holding a piece of every column goes back to its cells."""
    from importing.interleave import read_interleaved

    lines = [
        ("Flere børn læser Andel børn der 52 % 61 % 2022 Skolens", True),
        ("hver dag hjemme. læser dagligt Kommunen trivselsmåling", False),
    ]
    (row,) = read_interleaved(lines, has_comparator=True)
    assert row["goal"].split("\n") == ["Flere børn læser", "hver dag hjemme."]
    assert row["indicator"].split("\n") == ["Andel børn der", "læser dagligt"]
    assert row["baseline"] == "52 %"
    assert row["comparator"].split("\n") == ["61 %", "Kommunen"]
    assert row["year"] == "2022"
    assert row["source"].split("\n") == ["Skolens", "trivselsmåling"]


def test_skew_angle_levels_tilted_text_lines():
    from PIL import Image, ImageDraw

    from importing.readers.scan import skew_angle

    page = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(page)
    for y in range(100, 1500, 40):
        draw.rectangle((100, y, 1100, y + 14), fill=0)
    assert skew_angle(page) == 0.0
    tilted = page.rotate(1.0, fillcolor=255)
    assert abs(skew_angle(tilted) + 1.0) <= 0.2
