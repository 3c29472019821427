"""The generator renders what each layout family claims, with real Word structures."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from corpus.layouts import FAMILIES, Layout
from corpus.render import format_date, render
from corpus.sources import own_sources

SOURCES = {s.name: s.agreement for s in own_sources()}
SUB = SOURCES["soelvdal-beskaeftigelse"]
STRATEGIC = SOURCES["soelvdal-strategisk"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_of(agreement: dict[str, Any], family: str) -> Any:
    data, _ = render(agreement, FAMILIES[family])
    return Document(io.BytesIO(data))


def body_xml(doc: Any) -> Any:
    return doc.element.body


def all_text(doc: Any) -> str:
    """Every paragraph of the body, tables included, in document order."""
    texts = [node.text or "" for node in doc.element.body.iter(qn("w:t"))]
    return plain_words(" ".join(texts))


def plain_words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-zæøå%]+", " ", str(text).lower()).split())


def test_at_least_eight_families_with_distinct_choices():
    assert len(FAMILIES) >= 8
    choices = {
        (f.header, f.parties, f.goals, f.columns, f.activities, f.staff) for f in FAMILIES.values()
    }
    assert len(choices) == len(FAMILIES)
    covered = {
        "header": {f.header for f in FAMILIES.values()},
        "parties": {f.parties for f in FAMILIES.values()},
        "goals": {f.goals for f in FAMILIES.values()},
        "activities": {f.activities for f in FAMILIES.values()},
        "staff": {f.staff for f in FAMILIES.values()},
    }
    assert covered == {
        "header": {"bold", "heading", "table"},
        "parties": {"lines", "numbered", "bullets", "table"},
        "goals": {"table", "numbered", "numbered-list"},
        "activities": {"labels", "table2", "table1", "headings"},
        "staff": {"lines", "bullets", "table"},
    }


def test_own_sources_cover_the_agreement_kinds_and_periods():
    kinds = {(a["kind"], a.get("funding_period")) for a in SOURCES.values()}
    assert ("strategisk_samarbejdsaftale", "2019-26") in kinds
    assert ("delaftale", "2015-18") in kinds
    assert len(SOURCES) >= 4
    assert len({a.get("focus_area") for a in SOURCES.values() if a["kind"] == "delaftale"}) >= 4


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_scored_fact_is_in_the_document(source: str, family: str):
    """What the truth asks for is written in the DOCX, so an importer can read it back."""
    data, truth = render(SOURCES[source], FAMILIES[family])
    text = all_text(Document(io.BytesIO(data)))
    facts: list[str] = [truth.get("initiative", "")]
    facts += truth.get("parties") or []
    facts += [
        format_date(truth["period"][end], FAMILIES[family].date_style) for end in ("start", "end")
    ]
    for goal in truth.get("goals") or []:
        facts.append(goal["text"])
        for indicator in goal["indicators"]:
            facts.append(indicator["text"])
            facts += [m["text"] for m in indicator.get("baselines") or []]
            facts += [m["text"] for m in indicator.get("comparators") or []]
            facts += [str(indicator.get("baseline_year") or ""), indicator.get("data_source") or ""]
    facts += truth.get("activity_names") or []
    for activity in truth.get("activities") or []:
        facts += [activity["name"], *(activity.get("goals") or [])]
        facts += [activity.get(k) or "" for k in ("purpose", "target_groups", "content")]
    facts += [s["text"] for s in truth.get("staff") or []]
    for key in ("municipal_coherence", "revision", "vision", "organisation", "local_evaluation"):
        facts.append(truth.get(key) or "")
    for area in truth.get("housing_areas") or []:
        facts += [area["name"], *(str(d["number"]) for d in area["departments"])]
    for area in truth.get("focus_areas") or []:
        facts += [area["name"], area.get("problem_complex") or ""]
    missing = [f for f in facts if plain_words(f) and plain_words(f) not in text]
    assert missing == []


def test_truth_leaves_out_what_the_layout_cannot_show():
    _, truth = render(SUB, FAMILIES["numbered-list-goals"])  # no year, no comparator column
    indicators = [i for g in truth["goals"] for i in g["indicators"]]
    assert all(i["comparators"] == [] and "baseline_year" not in i for i in indicators)
    assert all(i["data_source"] for i in indicators)
    _, truth = render(SUB, FAMILIES["seedlike"])
    assert any(i["comparators"] for g in truth["goals"] for i in g["indicators"])
    _, truth = render(SUB, FAMILIES["labeltable"])  # staff table: the row's cells as text
    assert truth["staff"][1]["text"] == "Fritidsjobkonsulent 60 %"


def test_merged_family_has_a_real_vertical_merge():
    doc = docx_of(SUB, "merged")
    goal_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Delmål")
    merges = [e.get(qn("w:val")) for e in goal_table._tbl.iter(qn("w:vMerge"))]
    assert "restart" in merges
    assert len(merges) > merges.count("restart")  # continuation cells
    # several indicators in one cell: goal 2's three survey questions share a cell
    cells = {c._tc: c for row in goal_table.rows for c in row.cells}
    assert any(len([p for p in c.paragraphs if "andel" in p.text]) == 3 for c in cells.values())
    headers = [c.text for c in goal_table.rows[0].cells]
    assert "Datakilde (baseline år)" in headers and "Baseline år" not in headers


@pytest.mark.parametrize("family", ["merged", "headings", "numbered-list-goals"])
def test_lists_are_word_numbering_restarting_at_one(family: str):
    doc = docx_of(SUB, family)
    numbered = [p for p in doc.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert numbered
    assert not any(re.match(r"^\s*(\d+[.)]|[•\-–])\s", p.text) for p in numbered)  # no typed marks
    numbering = doc.part.numbering_part.element
    for num_id in {p._p.pPr.numPr.numId.val for p in numbered}:
        num = numbering.num_having_numId(num_id)
        starts = [e.get(qn("w:val")) for e in num.iter(qn("w:startOverride"))]
        assert starts == ["1"]


def test_parties_as_numbered_list_in_the_merged_family():
    doc = docx_of(SUB, "merged")
    paragraphs = doc.paragraphs
    label = next(i for i, p in enumerate(paragraphs) if p.text == "Delaftalens parter:")
    parties = paragraphs[label + 1 : label + 1 + len(SUB["parties"])]
    assert [p.text for p in parties] == SUB["parties"]
    assert all(p._p.pPr.numPr is not None and p.style.name == "List Number" for p in parties)


@pytest.mark.parametrize("family", ["furniture", "mixed"])
def test_repeated_header_rows_and_page_number_fields(family: str):
    doc = docx_of(SOURCES["bredhoej-uddannelse"], family)
    goal_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Delmål")
    assert goal_table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert len(goal_table.rows) >= 10  # long enough to break across pages
    footer = doc.sections[0].footer._element
    fields = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Side" in "".join(t.text or "" for t in footer.iter(qn("w:t")))
    assert doc.sections[0].header.paragraphs[0].text


def test_label_table_family_puts_header_fields_in_a_two_column_table():
    doc = docx_of(SUB, "labeltable")
    first = doc.tables[0]
    assert [len(r.cells) for r in first.rows] == [2, 2]
    assert first.rows[0].cells[0].text.startswith("Navn på den boligsociale indsats")
    assert first.rows[0].cells[1].text == SUB["initiative"]
    parties = next(t for t in doc.tables if t.rows[0].cells[0].text == "Part")
    assert [c.text for c in parties.rows[0].cells] == ["Part", "Underskriver", "Dato"]
    assert [r.cells[0].text for r in parties.rows[1:]] == SUB["parties"]
    staff = next(t for t in doc.tables if t.rows[0].cells[0].text == "Rolle")
    assert len(staff.rows) == len(SUB["staff"]) + 1


def test_one_column_sheets_have_shaded_label_rows():
    doc = docx_of(SUB, "numbered-goals")
    sheets = [t for t in doc.tables if len(t.columns) == 1]
    assert len(sheets) == len(SUB["activities"])
    labels = [r.cells[0] for r in sheets[0].rows[::2]]
    assert [c.text for c in labels][:2] == ["Aktivitetsnavn", "Formål"]
    assert all(c._tc.tcPr.find(qn("w:shd")) is not None for c in labels)


def test_numbered_goal_families_give_each_delmaal_its_own_table():
    doc = docx_of(SUB, "numbered-goals")
    goal_paragraphs = [p.text for p in doc.paragraphs if re.match(r"Delmål \d", p.text)]
    assert goal_paragraphs[0] == f"Delmål 1: {SUB['goals'][0]['text']}"
    indicator_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Indikator"]
    assert len(indicator_tables) == len(SUB["goals"])
    doc = docx_of(SUB, "numbered-list-goals")
    listed = [p for p in doc.paragraphs if p.text == SUB["goals"][0]["text"]]
    assert listed and listed[0]._p.pPr.numPr is not None


def test_headings_family_and_typos():
    doc = docx_of(SUB, "headings")
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["Delaftalens parter"].startswith("Heading")
    assert styles["Formål"].startswith("Heading")
    assert styles[SUB["activities"][0]["name"]].startswith("Heading")
    assert "(Navn på boligorganisation(er) og kommune(r))" in styles
    assert any(
        "Aktivitsnavn" in c.text for t in docx_of(SUB, "mixed").tables for c in t.columns[0].cells
    )


def test_strategic_agreement_renders_its_own_sections():
    doc = docx_of(STRATEGIC, "seedlike")
    text = [p.text for p in doc.paragraphs]
    for label in ("Områdets navn:", "Aftalens parter:", "6. Indsatsområder", "7. Lokal evaluering"):
        assert label in text
    assert "Sølvdalsparken (afdeling 4, 7 og 11 i Lyngbo)" in text
    assert "Engtoften (afdeling 2 i Sølvtoppen og afdeling 19 i Lyngbo)" in text


def test_a_layout_is_pure_data():
    layout = Layout("x", "test", header="table", parties="table")
    data, truth = render(SUB, layout)
    assert Document(io.BytesIO(data)).tables
    assert truth["parties"] == SUB["parties"]


def test_guidance_text_before_or_after_the_value():
    before = [p.text for p in docx_of(SUB, "furniture").paragraphs]
    after = [p.text for p in docx_of(SUB, "headings").paragraphs]
    guide = "(Navn på boligorganisation(er) og kommune(r))"
    assert before[before.index(guide) + 1] == SUB["parties"][0]
    assert after[after.index(guide) - 1] == SUB["parties"][-1]
    assert guide not in [p.text for p in docx_of(SUB, "seedlike").paragraphs]
