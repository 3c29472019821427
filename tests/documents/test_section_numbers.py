"""R16: the strategic agreement's Word and PDF number the sections they print 1, 2, 3 …
(a section left out because it is empty does not leave a gap)."""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber
import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

EXPECTED = [
    "1. Vision for boligområdet",
    "2. Organisering",
    "3. Overordnede mål og indikatorer for den boligsociale indsats",
    "4. Lokal evaluering",
]


@pytest.fixture
def strategic(plan: Any) -> Any:
    from plans.models import Agreement

    agreement = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    # no housing area, no »Samspil …«, no focus-area sections: those sections are left out
    Agreement.objects.filter(pk=agreement.pk).update(
        vision="Et kvarter, hvor børn læser og voksne arbejder.",
        organisation="En styregruppe og et sekretariat i Tværgaden.",
        local_evaluation="Vi følger op hvert halve år på et møde i styregruppen.",
    )
    return agreement


@pytest.mark.django_db
def test_the_docx_numbers_the_printed_sections_consecutively(
    personas: dict[str, Any], client: Client, strategic: Any
) -> None:
    client.force_login(personas["koordinator"])
    response = client.get(reverse("agreement_download", args=[strategic.pk, "docx"]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    texts = [p.text.strip() for p in doc.paragraphs]
    numbered = [t for t in texts if re.match(r"^\d+\. [A-ZÆØÅ]", t)]
    assert numbered == EXPECTED


@pytest.mark.django_db
def test_the_pdf_numbers_the_printed_sections_consecutively(
    personas: dict[str, Any], client: Client, strategic: Any
) -> None:
    client.force_login(personas["koordinator"])
    response = client.get(reverse("agreement_download", args=[strategic.pk, "pdf"]))
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    numbered = [line for line in lines if re.match(r"^\d+\. [A-ZÆØÅ][a-zæøå]", line)]
    assert [n[:25] for n in numbered] == [e[:25] for e in EXPECTED]
