"""Layouts other people's files have, read as the template they are (corpus/foreign writes
them by hand; the layout corpus scores them at scale, these pin each rule)."""

from __future__ import annotations

from typing import Any

import pytest

from corpus.foreign.families import DOCX_FAMILIES
from corpus.sources import own_sources
from importing.layout import normalise
from importing.layout.columns import reading_order
from importing.layout.edges import closing_lines
from importing.pipeline import read_document
from importing.recognisers.labels import SHEET_LABELS, TOP_LABELS, match_label
from importing.tree import Block, Document

SUB = {s.name: s.agreement for s in own_sources()}["soelvdal-beskaeftigelse"]
AREAS = ("Beskæftigelse", "Uddannelse og livschancer")


def read(family: str) -> dict[str, Any]:
    data, _ = DOCX_FAMILIES[family](SUB)
    return read_document(data, f"{family}.docx", areas=AREAS).agreement.to_dict()


def test_values_in_content_controls_are_read_as_the_cells_they_sit_in():
    got = read("form-controls")
    assert got["parties"] == SUB["parties"]  # one cell, split by soft line breaks
    assert got["period"] == SUB["period"]  # non-breaking spaces and a figure dash
    assert [g["text"] for g in got["goals"]] == [g["text"] for g in SUB["goals"]]
    assert got["activities"][0]["content"] == SUB["activities"][0]["content"]


def test_a_text_box_is_read_once_and_deleted_changes_not_at_all():
    got = read("textbox-tracked")
    assert got["parties"] == SUB["parties"]
    assert "Foreningen Gammel Part" not in str(got)
    assert got["period"]["start"] == SUB["period"]["start"]
    assert "footnote" not in str(got)
    sources = [i["data_source"] for g in got["goals"] for i in g["indicators"]]
    assert "LBF - Boligsociale Data" in sources


def test_table_of_contents_and_numbered_headings():
    got = read("cover-toc")
    assert got["activity_names"] == SUB["activity_names"]  # under "5 Aktiviteter"
    assert got["parties"] == SUB["parties"]  # not also the TOC's lines
    assert len(got["goals"]) == len(SUB["goals"])


def test_a_transposed_goal_table_and_nested_sheets():
    got = read("transposed")
    indicators = [i["text"] for g in got["goals"] for i in g["indicators"]]
    assert len(indicators) == sum(len(g["indicators"]) for g in SUB["goals"])
    assert got["revision"] == SUB["revision"]  # ends at the sheets' own heading
    assert [a["name"] for a in got["activities"]] == [a["name"] for a in SUB["activities"]]


def test_the_initiatives_full_name_wins_over_the_areas_name():
    assert read("two-column")["initiative"] == SUB["initiative"]


def test_a_label_with_its_long_text_after_the_colon_is_still_the_label():
    found = match_label("Indhold og praksis: " + "Beboerne mødes hver uge. " * 30, SHEET_LABELS)
    assert found is not None and found[0].name == "content"
    assert match_label("Beboerne mødes hver uge. " * 30, SHEET_LABELS) is None


@pytest.mark.parametrize("text", ["5 Aktiviteter", "4.1 Aktiviteter", "B.2 Aktiviteter"])
def test_a_heading_numbered_by_hand_is_its_label(text: str):
    found = match_label(text, TOP_LABELS, set_apart=True)
    assert found is not None and found[0].name == "activity_list"


def test_a_transposed_table_is_turned_the_right_way():
    doc = Document(
        blocks=[
            Block(
                kind="table",
                rows=[
                    ["Delmål", "Flere i job", "Flere i job"],
                    ["Indikator", "Andel i job", "Antal i praktik"],
                    ["Baseline", "40 %", "12"],
                ],
            )
        ]
    )
    rows = normalise(doc).blocks[0].rows
    assert rows[0] == ["Delmål", "Indikator", "Baseline"]
    assert rows[2] == ["Flere i job", "Antal i praktik", "12"]


def _line(parts: list[tuple[float, str]], top: float) -> dict[str, Any]:
    chars = []
    for x, text in parts:
        for i, ch in enumerate(text):
            chars.append(
                {
                    "text": ch,
                    "x0": x + 5 * i,
                    "x1": x + 5 * i + 4.5,
                    "top": top,
                    "bottom": top + 10,
                    "size": 10,
                }
            )
    return {
        "text": " ".join(t for _, t in parts),
        "chars": chars,
        "top": top,
        "bottom": top + 10,
        "x0": chars[0]["x0"],
        "x1": chars[-1]["x1"],
    }


def test_two_columns_are_read_one_after_the_other():
    left = [f"venstre spalte linje {n} fylder hele spaltens bredde" for n in range(5)]
    right = [f"højre spalte linje {n} fylder også hele bredden" for n in range(5)]
    lines = [
        _line([(50, a), (320, b)], 100 + 12 * i)
        for i, (a, b) in enumerate(zip(left, right, strict=True))
    ]
    order = [line["text"] for line in reading_order(lines, [], 595)]
    assert order == left + right


def test_a_label_and_its_value_at_a_tab_stop_stay_together():
    rows = [
        ("Navn:", "Sølvdal"),
        ("Periode:", "2023"),
        ("Parter:", "Lyngbo"),
        ("Kommune:", "Lyngmose"),
    ]
    lines = [_line([(50, a), (320, b)], 100 + 12 * i) for i, (a, b) in enumerate(rows)]
    order = [line["text"] for line in reading_order(lines, [], 595)]
    assert order == [f"{a} {b}" for a, b in rows]


def test_a_table_left_open_at_the_page_break_gets_its_closing_line():
    columns = [60.0, 150.0, 250.0, 340.0]
    edges = [{"orientation": "v", "x0": x, "x1": x, "top": 500.0, "bottom": 735.0} for x in columns]
    edges.append({"orientation": "h", "x0": 60.0, "x1": 340.0, "top": 500.0, "bottom": 500.0})
    edges.append({"orientation": "h", "x0": 150.0, "x1": 340.0, "top": 735.0, "bottom": 735.0})
    lines = closing_lines(edges)
    assert [(line["x0"], line["x1"], line["top"]) for line in lines] == [(60.0, 340.0, 735.0)]


def test_a_file_with_two_delaftaler_reads_the_first_and_names_the_other():
    data, _ = DOCX_FAMILIES["bundle"](SUB)
    result = read_document(data, "bundle.docx", areas=AREAS + ("Kriminalitetsforebyggelse",))
    got = result.agreement.to_dict()
    assert got["focus_area"] == SUB["focus_area"]
    assert len(got["goals"]) == len(SUB["goals"])
    assert got["parties"] == SUB["parties"]
    assert any(
        "flere aftaler" in w and "Delaftale for indsatsområdet" in w for w in result.warnings
    )


def test_a_delaftale_named_in_the_text_is_not_another_agreement():
    data, _ = DOCX_FAMILIES["cover-toc"](SUB)
    result = read_document(data, "cover.docx", areas=AREAS)
    assert not any("flere aftaler" in w for w in result.warnings)


def test_a_template_part_with_only_guidance_text_is_named_as_empty():
    agreement = {k: v for k, v in SUB.items() if k != "municipal_coherence"}
    data, _ = DOCX_FAMILIES["cover-toc"](agreement)
    result = read_document(data, "cover.docx", areas=AREAS)
    assert result.agreement.municipal_coherence is None
    assert any("Sammenhæng med den kommunale indsats" in w for w in result.warnings)
    assert result.agreement.warning_fields["municipal_coherence"]  # beside its field
