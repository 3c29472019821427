"""Layouts none of the earlier families had (corpus/foreign/unseen.py writes them from our
own fictional sources): what the importer reads from each, and the rules that read them."""

from __future__ import annotations

from typing import Any

import pytest

from corpus.foreign.unseen import DOCX_FAMILIES, HTML_FAMILIES, ODT_FAMILIES, PLACEHOLDER
from corpus.sources import own_sources
from importing.layout import normalise
from importing.layout.goals import prose_indicator
from importing.pipeline import read_document
from importing.recognisers import recognise
from importing.recognisers.goals import GoalReading, column_role, read_goal_table
from importing.recognisers.staff import read_staff_line
from importing.tree import Block, Document

OWN = {s.name: s.agreement for s in own_sources()}
SUB = OWN["soelvdal-beskaeftigelse"]
AREAS = ("Uddannelse og livschancer", "Beskæftigelse", "Kriminalitetsforebyggelse")


def read(family: str, agreement: dict[str, Any] = SUB) -> tuple[dict[str, Any], list[str]]:
    if family in HTML_FAMILIES:
        text, _ = HTML_FAMILIES[family](agreement)
        data, suffix = text.encode("utf-8"), "html"
    elif family in ODT_FAMILIES:
        data, _ = ODT_FAMILIES[family](agreement)
        suffix = "odt"
    else:
        data, _ = DOCX_FAMILIES[family](agreement)
        suffix = "docx"
    result = read_document(data, f"{family}.{suffix}", areas=AREAS)
    return result.agreement.to_dict(), result.warnings


def figures(agreement: dict[str, Any]) -> list[tuple[str, list[float], int | None, str | None]]:
    return [
        (
            i["text"],
            [m.get("percent") or m.get("count") for m in i.get("baselines") or []],
            i.get("baseline_year"),
            i.get("data_source"),
        )
        for g in agreement["goals"]
        for i in g["indicators"]
    ]


@pytest.mark.parametrize(
    "family", ["span-header", "prose-goals", "placeholders", "odt-frames", "weasy-columns"]
)
def test_each_new_layout_reads_the_header_goals_and_figures(family):
    got, _ = read(family)
    assert got["initiative"] == SUB["initiative"]
    assert got["period"] == SUB["period"]
    assert got["parties"] == SUB["parties"]
    assert [g["text"] for g in got["goals"]] == [g["text"] for g in SUB["goals"]]
    assert figures(got) == figures(SUB)
    assert [a["name"] for a in got["activities"]] == [a["name"] for a in SUB["activities"]]


def test_a_goal_table_header_over_two_rows_with_delmaal_rows_and_target_years():
    rows = [
        ["Nr.", "Indikator", "Baseline", "Baseline", "Baseline", "Datakilde", "Mål", "Mål"],
        ["Nr.", "Indikator", "Boligområdet", "Kommunen", "År", "Datakilde", "2025", "2027"],
        ["Delmål 1", *["Flere i job"] * 7],
        ["1.1", "Andel i job", "Vest: 41 %", "Byen: 60 %", "2022", "Jobcenter", "45 %", "49 %"],
        ["Del mål 2", "Færre uden uddannelse", "", "", "", "", "", ""],  # a narrow PDF cell
        ["2.1", "Andel uden uddannelse", "30 %", "", "20\n22", "UU", "", ""],
    ]
    goals = read_goal_table(rows, GoalReading(warn=lambda *_: None))
    assert [g.text for g in goals] == ["Flere i job", "Færre uden uddannelse"]
    first, second = goals[0].indicators[0], goals[1].indicators[0]
    assert (first.baselines[0].scope, first.baselines[0].percent) == ("Vest", 41)
    assert (first.comparators[0].scope, first.comparators[0].percent) == ("Byen", 60)
    assert first.baseline_year == 2022 and first.data_source == "Jobcenter"
    assert second.baseline_year == 2022  # »20/22« broken over two lines of its cell
    assert column_role("Mål 2026") is None  # a target year, not the delmål column
    assert column_role("Mål") == "goal"


def test_an_indicator_written_as_prose_gives_its_figures():
    text = (
        "Andel beboere i job. Udgangspunktet er 41 % i Vest og 38 % i Øst (2022). "
        "Til sammenligning er tallet 60 % i Egeskov Kommune. Kilde: Jobcenter Egeskov, "
        "Sct. Anna."
    )
    assert prose_indicator(text) == [
        ("indicator", "Andel beboere i job"),
        ("year", "2022"),
        ("baseline", "Vest: 41 %\nØst: 38 %"),
        ("comparator", "Egeskov Kommune: 60 %"),
        ("source", "Jobcenter Egeskov, Sct. Anna"),
    ]
    # prose without figure sentences is left as the indicator's text
    assert prose_indicator("Andel beboere i job. Den stiger.") == [
        ("indicator", "Andel beboere i job. Den stiger.")
    ]


def test_staff_named_in_one_sentence():
    staff = read_staff_line(
        "Indsatsen bemandes med en koordinator 100 % og Jobmedarbejder 200 timer om året."
    )
    assert [(s.text, s.share_percent, s.hours_per_year) for s in staff] == [
        ("En koordinator 100 %", 100, None),
        ("Jobmedarbejder 200 timer om året", None, 200),
    ]


def test_the_period_and_initiative_in_the_opening_sentence():
    doc = Document()
    doc.add("heading", "Delaftale for indsatsområdet Beskæftigelse", level=1)
    doc.add(
        "paragraph",
        "Delaftalen hører under Helhedsplan for Vest og Øst og gælder fra 1. marts 2023 "
        "til 28. februar 2027.",
    )
    got = recognise(doc, AREAS)
    assert got.initiative == "Helhedsplan for Vest og Øst"
    assert (str(got.period.start), str(got.period.end)) == ("2023-03-01", "2027-02-28")


def test_a_logo_cell_beside_the_header_fields_is_no_field():
    doc = Document()
    doc.add_table(
        [
            ["LOGO", "Helhedsplan", "Helhedsplan Vest"],
            ["LOGO", "Indsatsområde", "Beskæftigelse"],
            ["LOGO", "Aftaleperiode", "1. januar 2023 til 31. december 2026"],
        ]
    )
    got = recognise(doc, AREAS)
    assert got.initiative == "Helhedsplan Vest"
    assert str(got.period.end) == "2026-12-31"


def test_parties_only_in_the_signature_table_at_the_end():
    got, warnings = read("odt-frames")
    assert got["parties"] == SUB["parties"]
    assert not any("parter" in w for w in warnings)


def test_placeholder_text_left_in_is_no_content_and_is_named():
    got, warnings = read("placeholders")
    assert PLACEHOLDER not in got["parties"]
    assert got.get("revision") in (None, "")
    assert not any(
        PLACEHOLDER in (m.get("text") or "")
        for g in got["goals"]
        for i in g["indicators"]
        for m in i.get("comparators") or []
    )
    assert any("Revision" in w and "tomt" in w for w in warnings)
    assert any("pladsholdertekst" in w for w in warnings)  # named, never silently left out


def test_a_baseline_table_by_indicator_number_over_two_pages():
    blocks = [
        Block(kind="paragraph", text="Målsætning 1: Flere i job"),
        Block(kind="paragraph", text="Succeskriterie 1.1: Andel i job"),
        Block(kind="paragraph", text="Målsætning 2: Færre uden uddannelse"),
        Block(kind="paragraph", text="Succeskriterie 2.1: Andel uden uddannelse"),
        Block(kind="paragraph", text="Udgangspunkt for succeskriterierne", label=True),
        Block(
            kind="table",
            rows=[
                ["Nr.", "Udgangspunkt", "Opgjort år", "Kilde"],
                ["1.1", "41 %", "2022", "Jobcenter"],
            ],
        ),
        Block(kind="pagebreak"),
        Block(kind="table", rows=[["2.1", "30 %", "2021", "UU"]]),
    ]
    doc = normalise(Document(blocks=blocks))
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows[1:] == [
        ["Flere i job", "Andel i job", "41 %", "", "2022", "Jobcenter"],
        ["Færre uden uddannelse", "Andel uden uddannelse", "30 %", "", "2021", "UU"],
    ]
