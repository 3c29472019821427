"""The recognisers as functions: focus areas from the funding periods (the database's, or
given), labels matched leniently where they are set apart, goal columns by header words."""

from __future__ import annotations

import pytest

from importing.layout.guidance import is_guidance, strip_guidance
from importing.pipeline import read_document
from importing.readers.text import read_text
from importing.recognisers import READERS, recognise
from importing.recognisers.areas import areas_from_database, match_focus_area
from importing.recognisers.goals import column_roles
from importing.recognisers.labels import SHEET_LABELS, TOP_LABELS, label_name, match_label

AREAS_2015 = (
    "Tryghed og trivsel",
    "Kriminalpræventiv indsats",
    "Uddannelse og beskæftigelse",
    "Forebyggelse og forældreansvar",
)
AREAS_2019 = (
    "Uddannelse og livschancer",
    "Beskæftigelse",
    "Kriminalitetsforebyggelse",
    "Sammenhængskraft og medborgerskab",
)


def _sub_agreement(area: str) -> str:
    return (
        f"Delaftale for indsatsområdet {area}\n\nDelaftalens parter:\n\nBoligselskabet Egely\n\n"
        "Delaftalen gælder fra - til:\n\n1. januar 2016 - 31. december 2018\n"
    )


def test_areas_are_an_argument_for_pure_callers() -> None:
    doc = read_text(_sub_agreement("Tryghed og trivsel"))
    assert recognise(doc, AREAS_2015).focus_area == "Tryghed og trivsel"
    unknown = recognise(doc, AREAS_2019)
    assert unknown.focus_area is None
    assert unknown.warning_fields["focus_area"] == ["Indsatsområdet kunne ikke genkendes."]


def test_a_longer_area_containing_a_shorter_one_wins() -> None:
    both = AREAS_2019 + AREAS_2015
    assert match_focus_area("Delaftale for indsatsområdet Beskæftigelse", both) == "Beskæftigelse"
    assert (
        match_focus_area("Delaftale for indsatsområdet Uddannelse og beskæftigelse", both)
        == "Uddannelse og beskæftigelse"
    )


@pytest.mark.django_db
def test_areas_come_from_the_funding_periods_in_the_database() -> None:
    from plans.models import FocusArea, FundingPeriod

    assert set(AREAS_2019) | set(AREAS_2015) <= set(areas_from_database() or ())
    # the bundled earlier period is recognised without any list in the importer
    shipped = read_document(_sub_agreement("Kriminalpræventiv indsats").encode(), "a.txt")
    assert shipped.agreement.focus_area == "Kriminalpræventiv indsats"
    # an area no period in the database has is not, until a period with it is loaded
    text = _sub_agreement("Grøn omstilling og klimatilpasning")
    assert read_document(text.encode(), "a.txt").agreement.focus_area is None
    period = FundingPeriod.objects.create(code="2039-42", name="Bevillingsperioden 2039-42")
    FocusArea.objects.create(
        funding_period=period, name="Grøn omstilling og klimatilpasning", order=1
    )
    agreement = read_document(text.encode(), "a.txt").agreement
    assert agreement.focus_area == "Grøn omstilling og klimatilpasning"
    assert "focus_area" not in agreement.warning_fields


def test_areas_without_a_database_are_none() -> None:
    assert areas_from_database() is None  # no django_db mark: the database is closed


def test_set_apart_labels_survive_typos_and_plain_lines_do_not() -> None:
    assert label_name("Aktivitsnavn", SHEET_LABELS, set_apart=True) == "name"
    assert label_name("Aktivitsnavn:", SHEET_LABELS) == "name"
    assert label_name("Målgrupper", SHEET_LABELS, set_apart=True) == "target_groups"
    assert label_name("Ansvars og rolle fordeling", SHEET_LABELS, set_apart=True) == (
        "responsibilities"
    )
    assert label_name("Normal drift", SHEET_LABELS, set_apart=True) is None
    assert label_name("Aktivitsnavn er ukendt i teksten", SHEET_LABELS) is None
    assert label_name("Delaftalens partner:", TOP_LABELS) == "parties"
    found = match_label("Medarbejderresourcer for indsatsområdet: Mentor 50 %", TOP_LABELS)
    assert found is not None and found[0].name == "staff" and found[1] == "Mentor 50 %"


def test_goal_columns_are_known_by_their_words_in_any_order() -> None:
    header = ["Datakilde (baseline år)", "Indikatorer", "Bemærkninger", "Målværdi 2026",
              "Baseline kommune", "Delmål", "Baseline boligområde / målgruppe"]  # fmt: skip
    assert column_roles(header) == [
        "source",
        "indicator",
        None,
        None,
        "comparator",
        "goal",
        "baseline",
    ]
    assert column_roles(["Mål", "Indikator", "Baseline år", "Evt. anden baseline"]) == [
        "goal",
        "indicator",
        "year",
        "comparator",
    ]


def test_guidance_goes_and_content_in_brackets_stays() -> None:
    assert is_guidance("(Navn på boligorganisation(er) og kommune(r))")
    assert is_guidance("*(Vejledende tekst er fremhævet med grønt)*")
    assert is_guidance("Klik eller tryk her for at skrive tekst.")
    assert not is_guidance("(afdeling 3, 5 og 7)")
    assert strip_guidance("Delaftalens parter (Angiv alle parter):") == "Delaftalens parter:"


def test_every_section_has_a_reader() -> None:
    readable = {label.name for label in TOP_LABELS} - {
        "signatures",
        "documents",
        "interplay",
    }
    assert readable <= set(READERS)


def test_a_word_like_a_label_in_running_text_is_no_label() -> None:
    assert label_name("Medarbejderne:", TOP_LABELS) is None
    assert label_name("Formålet er:", SHEET_LABELS) is None


def test_wrapped_label_cells_and_party_cells_as_a_pdf_gives_them() -> None:
    from importing.tree import Block, Document

    doc = Document(
        blocks=[
            Block(kind="heading", text="Delaftale for indsatsområdet Beskæftigelse", level=1),
            Block(kind="table", rows=[
                ["Navn på den boligsociale\nindsats, som delaftalen\nvedrører:", "Broen i Øby"],
                ["Delaftalen gælder fra -\ntil:", "1.3.2024 – 28.2.2028"],
            ]),
            Block(kind="paragraph", text="Delaftalens parter:"),
            Block(kind="table", rows=[
                ["Part", "Underskriver", "Dato"],
                ["Jobchef, Øby\nKommune, Lis Berg", "Lis Berg", ""],
                ["Direktør, Boligselskabet\nØbo, Kim Lund", "Kim Lund", ""],
            ]),
        ]
    )  # fmt: skip
    agreement = recognise(doc, AREAS_2019)
    assert agreement.initiative == "Broen i Øby"
    assert agreement.period.end is not None and agreement.period.end.isoformat() == "2028-02-28"
    assert agreement.parties == [
        "Jobchef, Øby Kommune, Lis Berg",
        "Direktør, Boligselskabet Øbo, Kim Lund",
    ]


def test_a_goal_cell_whose_text_flows_on_into_the_next_row_stays_one_goal() -> None:
    """A PDF cell spanning two indicator rows, its words broken over them: the words in lower
    case go on with the goal above, and the row is that goal's next indicator."""
    from importing.recognisers.goals import GoalReading, read_goal_table

    rows = [
        ["Delmål", "Indikator", "Baseline", "Datakilde"],
        ["Trygheden i Lyngtoften holdes på", "Andel trygge om dagen", "81 %", "Egen måling"],
        ["trods af ombygningen", "Andel trygge om aftenen", "64 %", "Egen måling"],
        ["Flere kender deres naboer", "Andel der kender fem naboer", "40 %", "Egen måling"],
    ]
    goals = read_goal_table(rows, GoalReading(warn=lambda message, path=None: None))
    assert [(g.text, [i.text for i in g.indicators]) for g in goals] == [
        (
            "Trygheden i Lyngtoften holdes på trods af ombygningen",
            ["Andel trygge om dagen", "Andel trygge om aftenen"],
        ),
        ("Flere kender deres naboer", ["Andel der kender fem naboer"]),
    ]


def test_bare_figures_one_a_line_are_each_their_own() -> None:
    """A cell of three indicators' figures, one a line (»81,4 %« / »5,1« / »27,3 %«): three
    figures, never »81,4 % 5,1« read as a percent and its count."""
    from importing.figures import parse_measures

    measures, _ = parse_measures("81,4 %\n5,1\n27,3 %")
    assert [(m.text, m.percent, m.count) for m in measures] == [
        ("81,4 %", 81.4, None),
        ("5,1", None, 5.1),
        ("27,3 %", 27.3, None),
    ]
    joined, _ = parse_measures("78%\n115 ud af 148 beboere")  # one figure in two parts
    assert [(m.percent, m.count, m.denominator) for m in joined] == [(78.0, 115.0, 148.0)]
