"""Layouts koordinatorer write by hand that the importer had not met (corpus/foreign/handmade.py
writes them from our own fictional sources): what each one reads, rule by rule."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from corpus.foreign.handmade import DOCX_FAMILIES, ODT_FAMILIES, written_period
from corpus.sources import own_sources
from importing.layout import normalise
from importing.pipeline import read_document
from importing.recognisers import recognise
from importing.tree import Block, Document

OWN = {s.name: s.agreement for s in own_sources()}
SUB = OWN["soelvdal-beskaeftigelse"]
STRATEGIC = OWN["soelvdal-strategisk"]
AREAS = (
    "Uddannelse og livschancer",
    "Beskæftigelse",
    "Kriminalitetsforebyggelse",
    "Sammenhængskraft og medborgerskab",
)


QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})


def read(family: str, agreement: dict[str, Any] = SUB) -> tuple[dict[str, Any], list[str]]:
    render = DOCX_FAMILIES.get(family) or ODT_FAMILIES[family]
    data, _ = render(agreement)
    suffix = "odt" if family in ODT_FAMILIES else "docx"
    result = read_document(data, f"{family}.{suffix}", areas=AREAS)
    return result.agreement.to_dict(), result.warnings


def goal_texts(agreement: dict[str, Any]) -> list[str]:
    return [g["text"] for g in agreement["goals"]]


def indicators(agreement: dict[str, Any]) -> list[tuple[str, int | None, str | None]]:
    return [  # the document's typographic quotes (»“…”«) are its own wording
        (i["text"].translate(QUOTES), i.get("baseline_year"), i.get("data_source"))
        for g in agreement["goals"]
        for i in g["indicators"]
    ]


def test_the_whole_delaftale_in_one_layout_table():
    got, _ = read("one-table")
    assert got["initiative"] == SUB["initiative"]
    assert got["period"] == SUB["period"]  # »jul. 2023 – jun. 2027«
    assert got["parties"] == SUB["parties"]
    assert goal_texts(got) == goal_texts(SUB)  # »Delmål 1« | …, »Indikator 1.1« | …
    assert indicators(got) == indicators(SUB)
    first = got["goals"][0]["indicators"][0]
    assert [b["percent"] for b in first["baselines"]] == [21.4, 16.9]
    assert [c["scope"] for c in first["comparators"]] == ["Lyngmose Kommune"]
    assert [a["name"] for a in got["activities"]] == [a["name"] for a in SUB["activities"]]
    assert got["activities"][0]["goals"] == SUB["activities"][0]["goals"]


def test_delmal_as_headings_with_indicators_as_bullets():
    got, warnings = read("goal-bullets")
    assert got["title"] == SUB["title"]  # not the numbered »1. Indledning« under it
    assert got["initiative"] == SUB["initiative"]  # »Helhedsplan: …«
    assert got["period"] == SUB["period"]  # »fra … til og med …«
    assert goal_texts(got) == goal_texts(SUB)  # »3.2 Delmål 2 – …«
    assert indicators(got) == indicators(SUB)  # »Tegn på forandring: …« and sub-bullets
    sheet = got["activities"][0]
    assert sheet["purpose"] == SUB["activities"][0]["purpose"]  # »Målsætning:«
    assert sheet["goals"] == SUB["activities"][0]["goals"]  # »Succeskriterier:«
    assert sheet["responsibilities"] == SUB["activities"][0]["responsibilities"]  # »Ansvarlig:«
    # a part the template does not have is named, not read into the staff above it
    assert [s["text"] for s in got["staff"]] == [s["text"] for s in SUB["staff"]]
    assert any("»6. Milepæle«" in w and "ikke læst ind" in w for w in warnings)
    assert "Milepæle" not in str({k: v for k, v in got.items() if k != "warnings"})


def test_a_period_of_whole_years():
    agreement = OWN["bredhoej-uddannelse"]
    assert written_period(agreement["period"], "years") == "2022\u20132025"
    got, _ = read("goal-bullets", agreement)
    assert got["period"] == {"start": "2022-01-01", "end": "2025-12-31"}


def test_activity_sheets_as_the_columns_of_one_table():
    got, _ = read("activity-columns")
    assert [a["name"] for a in got["activities"]] == [a["name"] for a in SUB["activities"]]
    for read_sheet, sheet in zip(got["activities"], SUB["activities"], strict=True):
        assert read_sheet["target_groups"] == sheet["target_groups"]
        assert read_sheet["goals"] == sheet["goals"]
    # the goal table's »Målsætning« and »Tegn på forandring« columns
    assert goal_texts(got) == goal_texts(SUB)
    assert indicators(got) == indicators(SUB)


def test_the_strategic_agreement_with_numbered_parts_and_a_budget():
    got, warnings = read("strategic-numbered", STRATEGIC)
    assert got["kind"] == "strategisk_samarbejdsaftale"
    assert got["initiative"] == STRATEGIC["initiative"]  # »for den boligsociale helhedsplan …«
    assert got["period"] == STRATEGIC["period"]  # »Aftalens løbetid«
    assert got["parties"] == STRATEGIC["parties"]
    assert [h["name"] for h in got["housing_areas"]] == [
        h["name"] for h in STRATEGIC["housing_areas"]
    ]
    assert goal_texts(got) == goal_texts(STRATEGIC)
    years = {i["baseline_year"] for g in got["goals"] for i in g["indicators"]}
    assert years == {2021, 2022}  # »Opgjort år«
    areas = {f["name"]: f["problem_complex"] for f in got["focus_areas"]}
    assert areas == {f["name"]: f["problem_complex"] for f in STRATEGIC["focus_areas"]}
    assert got["local_evaluation"] == STRATEGIC["local_evaluation"]
    # the economy part is the document's own: named, never read into a focus area
    assert "1.450.000" not in str({k: v for k, v in got.items() if k != "warnings"})
    assert any("Økonomi" in w for w in warnings)


def test_an_odt_written_as_libreoffice_writes_it():
    data, _ = ODT_FAMILIES["odt-native"](SUB)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype"
        content = archive.read("content.xml").decode("utf-8")
    assert "table:covered-table-cell" in content and "text:outline-level" in content
    got, _ = read("odt-native")
    assert goal_texts(got) == goal_texts(SUB)
    assert indicators(got) == indicators(SUB)
    assert got["activities"][1]["content"] == SUB["activities"][1]["content"]


def test_a_field_run_into_the_list_item_above_it_starts_the_field():
    doc = Document(
        blocks=[
            Block(kind="paragraph", text="Delaftale for indsatsområdet Beskæftigelse", label=True),
            Block(kind="paragraph", text="Aktivitetsnavn: Jobcafé"),
            Block(kind="paragraph", text="Delmål for aktiviteten:", label=True),
            Block(kind="item", text="• Flere får et cv.\nMålgruppe(r): Ledige beboere.", level=1),
        ]
    )
    sheet = recognise(doc, AREAS).activities[0]
    assert sheet.goals == ["Flere får et cv."]
    assert sheet.target_groups == "Ledige beboere."


def test_a_scope_written_as_label_and_figure_is_no_field():
    doc = Document(
        blocks=[
            Block(kind="paragraph", text="Delmål 1: Flere deltager"),
            Block(kind="paragraph", text="Indikator: Andel deltagere"),
            Block(kind="paragraph", text="Baseline:"),
            Block(kind="paragraph", text="Kildeparken: 48 %"),
            Block(kind="paragraph", text="Datakilde: Egen optælling"),
        ]
    )
    rows = normalise(doc).blocks[0].rows
    assert rows[1] == ["Flere deltager", "Andel deltagere", "Kildeparken: 48 %", "", "", ""][:5] + [
        "Egen optælling"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Delmål og indikatorer for indsatsområdet",  # the part's heading, no delmål
        "Delmål for aktiviteten: Flere får et job",  # a sheet's field
    ],
)
def test_goal_records_need_a_delmal_an_indicator_and_its_figures(text: str):
    doc = Document(
        blocks=[
            Block(kind="paragraph", text=text),
            Block(kind="paragraph", text="Målgruppe: Unge"),
        ]
    )
    assert [b.kind for b in normalise(doc).blocks] == ["paragraph", "paragraph"]
