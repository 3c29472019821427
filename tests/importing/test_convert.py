"""Old Word (.doc) and RTF go through LibreOffice headless to DOCX, bounded by a timeout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from importing import sniff
from importing.errors import DocumentError
from importing.pipeline import read_document
from importing.readers import convert
from tests.importing.builders import docx_agreement

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importing"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")


def test_rtf_and_word_97_are_recognised_by_their_bytes():
    assert sniff.detect(b"{\\rtf1\\ansi hello}", "aftale.rtf") == "rtf"
    assert sniff.detect(b"{\\rtf1\\ansi hello}", "aftale.txt") == "rtf"
    assert sniff.detect(OLE, "aftale.doc") == "doc"
    assert sniff.detect(OLE + "WordDocument".encode("utf-16-le"), "aftale") == "doc"


def test_other_old_office_files_are_refused_in_danish():
    with pytest.raises(DocumentError, match="ikke et Word-dokument"):
        sniff.detect(OLE, "regneark.xls")


def test_without_libreoffice_the_message_says_what_to_do(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    with pytest.raises(DocumentError, match="LibreOffice mangler"):
        read_document(b"{\\rtf1\\ansi Delaftale}", "aftale.rtf")


@pytest.mark.slow
@needs_soffice
def test_rtf_is_converted_and_read():
    data = (FIXTURES / "legacy_rtf.rtf").read_bytes()
    agreement = read_document(data, "aftale.rtf").agreement
    assert agreement.focus_area == "Beskæftigelse"
    assert agreement.parties == ["Jobcenter Lindby"]
    assert agreement.revision == "Delaftalen revideres hvert år."


@pytest.mark.slow
@needs_soffice
def test_word_97_doc_is_converted_and_read(tmp_path: Path):
    source = tmp_path / "aftale.docx"
    source.write_bytes(docx_agreement())
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    agreement = read_document((tmp_path / "aftale.doc").read_bytes(), "aftale.doc").agreement
    assert agreement.focus_area == "Beskæftigelse"
    assert agreement.initiative == "Fællesskab i Lindeparken"
    assert [g.text for g in agreement.goals][0] == "Flere unge kommer i job"


@pytest.mark.slow
@needs_soffice
def test_a_conversion_that_hangs_is_stopped():
    with pytest.raises(DocumentError, match="tog for lang tid"):
        convert.convert_to_docx(b"{\\rtf1\\ansi hello}", ".rtf", timeout=0.05)
