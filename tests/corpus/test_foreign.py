"""The hand-written families (corpus/foreign) write the structures they claim, carry every
fact their truth asks for, and never touch the main corpus's cache key."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest

from corpus.build import cache_key
from corpus.foreign import build as foreign_build
from corpus.foreign.handmade import DOCX_FAMILIES, FAMILY_KINDS, HTML_FAMILIES
from corpus.sources import own_sources

SOURCES = {s.name: s.agreement for s in foreign_build.foreign_sources() if s.origin == "own"}
SUB = SOURCES["soelvdal-beskaeftigelse"]


def body(family: str, agreement: dict[str, Any] = SUB) -> str:
    data, _ = DOCX_FAMILIES[family](agreement)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-zæøå%]+", " ", text.lower()).split())


@pytest.mark.parametrize(
    ("family", "structures"),
    [
        ("form-controls", ("<w:sdt>", "<w:sdtContent>", "<w:br/>", "\u00a0")),
        ("textbox-tracked", ("<w:txbxContent>", "<mc:Fallback>", "<w:del ", "<w:ins ")),
        ("textbox-tracked", ("w:footnoteReference", "w:commentReference")),
        ("cover-toc", (" TOC ", 'w:orient="landscape"', "w:headerReference", "TOC1")),
        ("transposed", ('w:gridSpan w:val="3"', "</w:tbl><w:p></w:p></w:tc>")),
        ("two-column", ('w:cols w:num="2"',)),
        ("one-table", ('w:gridSpan w:val="2"', 'w:fill="D9D9D9"')),
        ("goal-bullets", ('w:ilvl w:val="1"', "Overskrift2", "Tegn på forandring: ")),
        ("activity-columns", ('w:orient="landscape"', "Målsætning")),
    ],
)
def test_each_family_writes_its_word_structures(family: str, structures: tuple[str, ...]):
    xml = body(family)
    for structure in structures:
        assert structure in xml, (family, structure)


@pytest.mark.parametrize("family", sorted(DOCX_FAMILIES))
@pytest.mark.parametrize(
    "source", sorted(n for n, a in SOURCES.items() if a["kind"] == "delaftale")
)
def test_every_scored_fact_is_in_the_document(family: str, source: str):
    agreement = SOURCES[source]
    if agreement["kind"] not in FAMILY_KINDS.get(family, ("delaftale",)):
        pytest.skip("the family's template is for another kind of agreement")
    xml = body(family, agreement)
    shown = words(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)).replace("&amp;", "&"))
    facts = [agreement["initiative"], *agreement["parties"], *agreement["activity_names"]]
    for goal in agreement["goals"]:
        facts.append(goal["text"])
        facts.extend(i["text"] for i in goal["indicators"])
    for fact in facts:
        assert words(fact) in shown, (family, fact)


def test_html_family_keeps_the_google_docs_shape():
    text, truth = HTML_FAMILIES["gdocs-html"](SUB)
    assert 'class="c1"' in text and "rowspan=" in text and "<style" in text
    assert truth["goals"] == SUB["goals"]


def test_the_main_cache_key_ignores_the_hand_written_families(monkeypatch: Any):
    sources = own_sources()
    before = cache_key(sources)
    monkeypatch.setattr(foreign_build, "NO_PDF", {"changed"})  # not a file: the key reads files
    assert cache_key(sources) == before
    assert foreign_build.foreign_key(sources) == foreign_build.foreign_key(sources)


def test_the_families_own_sources_stay_out_of_the_main_corpus():
    names = {s.name for s in own_sources()}
    assert "hvidkilde-medborgerskab" in SOURCES and "hvidkilde-medborgerskab" not in names


def test_printing_takes_content_controls_off_but_keeps_their_text():
    data, _ = DOCX_FAMILIES["form-controls"](SUB)
    printed = foreign_build.printable(data)
    with zipfile.ZipFile(io.BytesIO(printed)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<w:sdt" not in xml
    assert SUB["parties"][0] in xml


def test_the_strategic_family_writes_the_strategic_agreements_parts():
    strategic = next(a for a in SOURCES.values() if a["kind"] == "strategisk_samarbejdsaftale")
    xml = body("strategic-numbered", strategic)
    shown = words(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)).replace("&amp;", "&"))
    facts = [strategic["initiative"], *strategic["parties"]]
    facts += [h["name"] for h in strategic["housing_areas"]]
    facts += [f["name"] for f in strategic["focus_areas"]]
    for fact in facts:
        assert words(fact) in shown, fact
    assert "Økonomi" in xml and 'w:pStyle w:val="Overskrift1"' in xml


@pytest.mark.parametrize(
    ("family", "structures"),
    [
        ("form-fields", (" FORMTEXT ", "<w:ffData>", "[Hvem gør hvad?]", 'w:gridSpan w:val="6"')),
        ("typed-toc", ("II. PARTER", "..........", "A)</w:t><w:tab/>", "w:commentReference")),
        ("goal-columns", ('w:orient="landscape"', "a) ", "Ansv.", "Til indsatsen er knyttet")),
        ("abbreviated", ("Sml.", "Målgr.", "Underskrift: ___", "For Boligforeningen Lyngbo")),
        ("outline-numbered", ('w:numId w:val="3"', 'w:ilvl w:val="2"')),
    ],
)
def test_each_fresh_family_writes_its_word_structures(family: str, structures: tuple[str, ...]):
    from corpus.foreign.fresh import DOCX_FAMILIES as FRESH_FAMILIES

    data, _ = FRESH_FAMILIES[family](SUB)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        numbering = archive.read("word/numbering.xml").decode("utf-8")
    for structure in structures:
        assert structure in xml.replace("&amp;", "&"), (family, structure)
    if family == "outline-numbered":
        assert '<w:lvlText w:val="%1.%2.%3"/>' in numbering
