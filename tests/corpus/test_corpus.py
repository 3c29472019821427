"""The built corpus holds every family in every format, and the conversions keep the layout's
structures (slow: builds with LibreOffice unless .cache/corpus/ already holds this corpus)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from corpus.build import SCANS
from corpus.layouts import FAMILIES

pytestmark = pytest.mark.slow


def docs(manifest: dict[str, Any], **match: str) -> list[dict[str, Any]]:
    return [d for d in manifest["documents"] if all(d[k] == v for k, v in match.items())]


def test_every_family_in_every_format(corpus_manifest: dict[str, Any]):
    for family in FAMILIES:
        formats = {d["format"] for d in docs(corpus_manifest, family=family)}
        assert {"docx", "pdf", "odt", "html"} <= formats, family
        assert len(formats & {"text-wrap", "text-layout", "text-oneline", "html-wrap"}) >= 3
    scans = [d for d in corpus_manifest["documents"] if d["format"].startswith("scan")]
    assert {d["dpi"] for d in scans} == {s.dpi for s in SCANS} == {150, 200, 300}
    assert {d["format"] for d in scans} == {"scan-pdf", "scan-png"}


def test_pdf_has_page_numbers_and_running_header(
    built_corpus: Path, corpus_manifest: dict[str, Any]
):
    pdf = docs(corpus_manifest, family="furniture", format="pdf", source="bredhoej-uddannelse")[0]
    text = subprocess.run(
        ["pdftotext", "-layout", str(built_corpus / pdf["path"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")
    total = pdf["pages"]
    assert total >= 3
    for number in range(1, total + 1):
        assert f"Side {number} af {total}" in pages[number - 1]
    header = "Boligsocial helhedsplan for Bredhøj Vest"
    assert sum(header in page for page in pages) == total
    # the goal table breaks across pages with its header row repeated
    assert sum(bool(re.search(r"Delmål +Indikator +Baseline", page)) for page in pages) >= 2


def test_odt_keeps_the_vertical_merge(built_corpus: Path, corpus_manifest: dict[str, Any]):
    import zipfile

    odt = next(d for d in docs(corpus_manifest, format="odt") if d["family"] in ("merged", "mixed"))
    content = zipfile.ZipFile(built_corpus / odt["path"]).read("content.xml").decode()
    assert "number-rows-spanned" in content


def test_pasted_text_variants(built_corpus: Path, corpus_manifest: dict[str, Any]):
    wrapped = docs(corpus_manifest, format="text-wrap")[0]
    lines = (built_corpus / wrapped["path"]).read_text("utf-8").splitlines()
    assert max(map(len, lines)) <= 64
    assert any(re.search(r"[a-zæøå]-$", line) for line in lines)
    oneline = docs(corpus_manifest, format="text-oneline")[0]
    text = (built_corpus / oneline["path"]).read_text("utf-8")
    assert len(text.splitlines()) == oneline_pages(built_corpus, oneline, corpus_manifest)
    html = docs(corpus_manifest, format="html-wrap")[0]
    source = (built_corpus / html["path"]).read_text("utf-8")
    assert re.search(r"[a-zæøå,]\n[a-zæøå]", source)  # a source line breaks mid-sentence


def oneline_pages(folder: Path, doc: dict[str, Any], manifest: dict[str, Any]) -> int:
    pdf = docs(manifest, format="pdf", source=doc["source"], family=doc["family"])[0]
    return int(pdf["pages"])


def test_scans_are_rotated_noisy_images(built_corpus: Path, corpus_manifest: dict[str, Any]):
    from PIL import Image

    png = docs(corpus_manifest, format="scan-png")[0]
    with Image.open(built_corpus / png["path"]) as image:
        assert image.mode == "L"
        assert round(image.info["dpi"][0]) == png["dpi"]
        assert image.height > 2 * image.width  # the pages stacked
        colours = image.getcolors(256) or []
        assert len(colours) > 20  # grey levels from the speckle and the rotation
    pdf = docs(corpus_manifest, format="scan-pdf")[0]
    import pikepdf

    with pikepdf.open(built_corpus / pdf["path"]) as scan:
        assert len(scan.pages) == pdf["pages"]
        assert all(len(page.get_images()) == 1 for page in scan.pages)
    text = subprocess.run(
        ["pdftotext", str(built_corpus / pdf["path"]), "-"], capture_output=True, check=True
    ).stdout
    assert not text.strip()  # no text layer: the importer has to OCR it
