"""Pasted text (session 9, pasted6): the funding periods' fixed goals come from the database,
a layout stage's warning reaches the review page, the review counts its points in Danish
singular and plural, and text copied from a PDF viewer reads its parties, title and staff.
Fictional words: Kastanjebo, Kastanjelund Kommune, Egeparken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from importing import jobs
from importing.layout import flat
from importing.layout.pasted_fixed import default_fixed_goals, fixed_goal_rows, reading_with
from plans.models import FocusArea, FundingPeriod, LbfGoal, LbfIndicator
from tests.importing.reviewing import (  # noqa: F401 - read_at_once is autouse here
    read_at_once,
    ready_job,
    signed_in,
)

HEADER = "Delmål\tIndikator\tBaseline\tEvt. anden baseline\tBaseline år\tDatakilde"
GOAL_A = "Flere beboere i Kastanjebo kender deres naboer"
GOAL_B = "Færre beboere i Kastanjebo føler sig ensomme"
IND_A = "Andel beboere, der kender mindst tre naboer ved navn"
IND_B = "Andel beboere, der ofte føler sig alene i hverdagen"


def _period_with_goals() -> None:
    """A funding period loaded after the shipped ones, with fixed goals of its own."""
    period = FundingPeriod.objects.create(code="2031-34", name="Bevillingsperiode 2031-34")
    area = FocusArea.objects.create(funding_period=period, name="Naboskab og fællesskab")
    for order, (goal_text, indicator_text) in enumerate([(GOAL_A, IND_A), (GOAL_B, IND_B)]):
        goal = LbfGoal.objects.create(
            funding_period=period, focus_area=area, text=goal_text, order=order
        )
        LbfIndicator.objects.create(goal=goal, text=indicator_text, data_source="Egen måling")


def _table_with_goals_apart() -> str:
    # the goal cells come apart from their indicators, as a PDF viewer copies the columns
    return "\n".join(
        [
            HEADER,
            f"{GOAL_A}\t{IND_B}\t31 %\t\t2030\tEgen måling",
            f"{GOAL_B}\t\t\t\t\t",
            f"\t{IND_A}\t44 %\t\t2030\tEgen måling",
        ]
    )


@pytest.mark.django_db
def test_the_fixed_goals_are_those_of_the_periods_in_the_database():
    _period_with_goals()
    assert (GOAL_A, (IND_A,)) in default_fixed_goals()
    rows = [line.split("\t") for line in fixed_goal_rows(_table_with_goals_apart()).split("\n")]
    assert [row[:3] for row in rows[1:]] == [[GOAL_B, IND_B, "31 %"], [GOAL_A, IND_A, "44 %"]]


def test_a_reading_given_the_fixed_goals_uses_them_and_no_other():
    with reading_with([(GOAL_A, [IND_A]), (GOAL_B, [IND_B])]):
        rows = [line.split("\t") for line in fixed_goal_rows(_table_with_goals_apart()).split("\n")]
    assert [row[:2] for row in rows[1:]] == [[GOAL_B, IND_B], [GOAL_A, IND_A]]
    with reading_with([]):  # a period without fixed goals changes nothing
        assert fixed_goal_rows(_table_with_goals_apart()) == _table_with_goals_apart()


@pytest.mark.django_db
def test_the_background_reading_is_given_the_databases_fixed_goals(
    personas: dict[str, Any], plan: Any, monkeypatch: pytest.MonkeyPatch
):
    _period_with_goals()
    real = jobs.read_document

    def read_and_tell(*args: Any, **kwargs: Any) -> Any:
        # runs in the job's child process: what it was given comes back as a warning
        result = real(*args, **kwargs)
        if (GOAL_A, (IND_A,)) in kwargs["fixed_goals"] and "Naboskab og fællesskab" in (
            kwargs["areas"]
        ):
            result.agreement.warn("Fik periodens faste mål.")
        return result

    monkeypatch.setattr(jobs, "read_document", read_and_tell)
    job = ready_job(signed_in(personas["koordinator"]), plan)
    assert job.result is not None
    assert "Fik periodens faste mål." in job.result["warnings"]


@pytest.mark.django_db
def test_a_warning_of_the_layout_stage_reaches_the_review_page(personas: dict[str, Any], plan: Any):
    """Activity sheets copied a column at a time are cut by sentences in the layout stage;
    its warning goes with the reading to the job and stands on the review page."""
    from tests.importing.test_text_flat import COLUMNS_FIRST_PAGE_2, PAGE_1

    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, PAGE_1 + "\n" + COLUMNS_FIRST_PAGE_2 + "\n")
    assert job.result is not None
    assert flat.COLUMNS_FIRST_WARNING in job.result["warnings"]
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert "Aktivitetsskemaerne er kopieret kolonne for kolonne" in html


@pytest.mark.django_db
def test_the_review_counts_one_point_in_the_singular(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    assert job.result is not None
    page = reverse("import_review", args=[plan.slug, job.pk])
    job.result["warnings"] = ["Side 3 kunne ikke læses."]
    job.warning_fields = {}
    job.save()
    html = client.get(page).content.decode()
    assert "Kontrollér dette punkt, før du gemmer" in html and "1 punkter" not in html
    job.result["warnings"] = ["Side 3 kunne ikke læses.", "Side 4 kunne ikke læses."]
    job.save()
    assert "Kontrollér disse 2 punkter, før du gemmer" in client.get(page).content.decode()


# A delaftale copied from a PDF viewer block by block (a blank line between the page's
# blocks, the goal table's cells a block each): a title in capitals, labels numbered by hand,
# the parties and the activities a line each, a staff table a column at a time.
VIEWER_COPY = Path(__file__).resolve().parents[1] / "fixtures/importing/pasted_viewer_egeparken.txt"
AREAS = ("Beskæftigelse", "Kriminalitetsforebyggelse", "Uddannelse og livschancer")


def _viewer_copy() -> Any:
    from importing.pipeline import read_document

    return read_document(VIEWER_COPY.read_bytes(), "indsat.txt", areas=AREAS)


def test_viewer_copy_reads_the_parties_a_line_each_and_no_label_number_as_text():
    agreement = _viewer_copy().agreement
    assert agreement.parties == [
        "Driftsleder Ole Lund, Boligforeningen Egeparken",
        "Klubleder Nina Holt, Kastanjelund Kommune",
        "Lokalbetjent Per Aagaard, Kastanjelund Politi",
    ]
    assert agreement.initiative == "Tryg i Egeparken"
    assert agreement.activity_names == [
        "Gårdvagter i Egeparken",
        "Lektiehjælp i klubben",
        "Lys på stierne",
    ]


def test_viewer_copy_reads_the_area_and_title_from_a_title_in_capitals():
    agreement = _viewer_copy().agreement
    assert agreement.focus_area == "Kriminalitetsforebyggelse"
    assert agreement.title == "DELAFTALE – KRIMINALITETSFOREBYGGELSE"


def test_a_staff_tables_column_headings_are_no_role():
    (staff,) = _viewer_copy().agreement.staff
    assert (staff.role, staff.hours_per_year) == ("Tryghedsmedarbejder", 1560)


def test_a_staff_line_a_heading_opens_is_read_without_it():
    assert flat.split_staff("Omfang 30 timer pr. uge") == ["30 timer pr. uge"]
    assert flat._entries("staff", "Stilling Jobmentor Omfang 20 % Finansiering") == [
        "Jobmentor 20 %"
    ]


def test_a_wrapped_party_on_viewer_lines_stays_one_party():
    lines = flat.mark_list_lines(
        [
            "3. Delaftalens parter:",
            "Boligforeningen Egeparken, afdeling 3, 4 og 7 samt afdelingsbestyrelserne i",
            "Kastanjelund",
            "Kastanjelund Kommune",
            "4. Delmål og indikatorer for indsatsområdet",
            "En linje med prosa, der går helt ud til sidens kant, som en side har den her.",
        ]
    )
    assert lines[1:4] == [
        "• Boligforeningen Egeparken, afdeling 3, 4 og 7 samt afdelingsbestyrelserne i",
        "Kastanjelund",
        "• Kastanjelund Kommune",
    ]
    assert not lines[5].startswith("•")


def test_an_age_in_a_data_source_is_no_figure():
    cells = flat.flow_cells("Beboerdata, antal beboere 18 år og derover 2021 Afd. 3: 40 beboere")
    assert "18" not in cells
    assert cells[-2:] == ["2021", "Afd. 3: 40 beboere"]


def test_a_table_with_its_year_before_the_baselines_reads_each_rows_year_first():
    """»Delmål | Indikator | Datakilde | Baseline år | Baseline boligområde …«, a page on one
    line: each row's figures come year first, so a year begins its row's figures."""
    assert flat._year_before_baseline(
        "Delmål Indikator Datakilde Baseli ne år Flere … Baseline boligområde / målgruppe"
    )
    assert not flat._year_before_baseline(
        "Delmål Indikator Baseline boligområde / målgruppe Evt. anden baseline Baseline år"
    )
    cells = [
        "Flere beboere i Egeparken deltager i foreningslivet",
        "Andel beboere, der er med i en forening",
        "Færre beboere i Egeparken føler sig ensomme",
        "Andel beboere, der ofte er alene",
        "2021",
        "31 %",
        "2022",
        "12 %",
        "Kastanjelund Kommune: 20 %",
    ]
    rows = [row.split("\t") for row in flat.rebuild_goal_table(cells, year_first=True) or []]
    assert [row[2:5] for row in rows[1:]] == [
        ["31 %", "", "2021"],
        ["12 %", "Kastanjelund Kommune: 20 %", "2022"],
    ]


def test_a_survey_answer_and_a_question_number_are_read_as_written():
    assert flat.flow_cells("Trivselsmåling Spg 15 2021 73 % er glad/meget glad Andel beboere") == [
        "Trivselsmåling Spg 15",
        "2021",
        "73 % er glad/meget glad",
        "Andel beboere",
    ]
    assert flat.flow_cells("2022 46 % er enige Andel") == ["2022", "46 % er enige", "Andel"]
    assert flat.flow_cells("2022 42 % er i job")[:2] == ["2022", "42 % er"]


def test_a_source_before_a_scoped_figure_and_a_time_in_an_indicator():
    assert flat.flow_cells("Kommunens fraværsdata Piger: 22 % Drenge: 41 %") == [
        "Kommunens fraværsdata",
        "Piger: 22 %",
        "Drenge: 41 %",
    ]
    assert flat.flow_cells("Kastanjelund Kommune: 86 %") == ["Kastanjelund Kommune: 86 %"]
    cells = flat.flow_cells("Andel unge i uddannelse 15 måneder efter 9. klasse 2021 62 %")
    assert cells == ["Andel unge i uddannelse 15 måneder efter 9. klasse", "2021", "62 %"]


def test_a_quoted_question_after_an_indicator_begins_the_next_and_an_age_range_is_words():
    assert flat._indicator_pieces(
        'Antal unge i fritidsjob via klubben "Jeg ved, hvor jeg kan få hjælp" (andel enige)'
    ) == ["Antal unge i fritidsjob via klubben", '"Jeg ved, hvor jeg kan få hjælp" (andel enige)']
    quoted = 'Andel, der er enig i udsagnet: "Folk er til at stole på" om naboerne'
    assert flat._indicator_pieces(quoted) == [quoted]
    assert flat._indicator_pieces('Andel, der svarer "Meget tryg" i målingen') == [
        'Andel, der svarer "Meget tryg" i målingen'
    ]
    assert "18" not in flat.flow_cells("Flere beboere mellem 18 og 64 år er i job 2021 40 %")


def test_a_parties_and_signers_table_copied_row_by_row_is_left_to_its_reader():
    lines = [
        "Delaftalens parter:",
        "Part",
        "Underskriver",
        "Boligforeningen Egeparken",
        "Ole Lund",
        "Delmål og indikatorer for indsatsområdet",
    ]
    assert flat.mark_list_lines(lines) == lines


def test_sheets_copied_a_column_at_a_time_are_cut_at_the_listed_names():
    """The activities' list lost its bullets (»Gårdvagter Lys på stierne«) and the sheets'
    purposes are bullets, not »Formålet …«: the names are those the sheets begin with."""
    values = (
        "Gårdvagter - Synlige voksne i gården om aftenen Beboere over 18 år. Vagterne går "
        "hver fredag. Helhedsplanen koordinerer. Lys på stierne • Flere lamper på stierne "
        "Alle beboere. Lamperne sættes op i 2026. Driften har ansvaret."
    )
    assert flat._listed_names("Gårdvagter Lys på stierne", values) == [
        "Gårdvagter",
        "Lys på stierne",
    ]
    assert flat._listed_names("Gårdvagter Lektiehjælp", values) is None
    before = [
        flat.Segment("Aktiviteter, som skal bidrage:", ["\uf0b7 \uf0b7 Gårdvagter Lys på stierne"])
    ]
    cuts = flat._cuts_at_listed_names(values, before)
    assert cuts is not None and [values[a:b] for a, b in cuts] == ["Gårdvagter", "Lys på stierne"]


def test_year_first_rows_take_the_source_before_their_year_and_a_sources_own_year():
    assert flat.flow_cells("Beboerundersøgelse 2015 2015 Blok A: 31 %") == [
        "Beboerundersøgelse 2015",
        "2015",
        "Blok A: 31 %",
    ]
    cells = [
        "Flere beboere i Egeparken føler sig trygge",
        "Andel beboere, der er trygge om aftenen",
        "Antal anmeldte indbrud",
        "2024",
        "54 %",
        "Kastanjelund Politi",
        "2024",
        "37 sager",
    ]
    rows = [r.split("\t") for r in flat.rebuild_goal_table(cells, year_first=True) or []]
    assert [(row[2], row[4], row[5]) for row in rows[1:]] == [
        ("54 %", "2024", ""),
        ("37 sager", "2024", "Kastanjelund Politi"),
    ]


def test_staff_lines_whose_bullets_were_copied_apart_are_items_each():
    value = "\uf0b7 Tryghedsmedarbejder, fuldtid \uf0b7 \uf0b7 \uf0b7 20 % af klublederens arbejdstid Lektiehjælpen 300t/år"
    assert flat._entries("staff", value) == [
        "- Tryghedsmedarbejder, fuldtid",
        "- 20 % af klublederens arbejdstid",
        "- Lektiehjælpen 300t/år",
    ]
