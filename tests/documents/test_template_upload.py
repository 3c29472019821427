"""A plan's own Word template, checked by rendering a sample: broken → Danish message, no save."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from documents.models import WordTemplate
from plans.models import Agreement
from tests.documents.conftest import make_docx


@pytest.mark.django_db
def test_broken_template_is_refused_with_a_danish_message(
    client: Any, personas: Any, plan: Any
) -> None:
    client.force_login(personas["koordinator"])
    broken = make_docx("{%p for party in parties %}", "{{ party }")
    response = client.post(
        reverse("word_template", args=[plan.slug]),
        {"template_file": SimpleUploadedFile("vores.docx", broken)},
        follow=True,
    )
    page = response.content.decode()
    assert "Word-skabelonen har en fejl i et felt" in page
    assert not WordTemplate.objects.exists()


@pytest.mark.django_db
def test_a_pdf_named_docx_is_refused(client: Any, personas: Any, plan: Any) -> None:
    client.force_login(personas["koordinator"])
    response = client.post(
        reverse("word_template", args=[plan.slug]),
        {"template_file": SimpleUploadedFile("vores.docx", b"%PDF-1.7 ...")},
        follow=True,
    )
    assert "Filen hedder .docx, men indholdet er en PDF" in response.content.decode()
    assert not WordTemplate.objects.exists()


@pytest.mark.django_db
def test_own_template_is_used_for_downloads_and_can_be_removed(
    client: Any, personas: Any, plan: Any
) -> None:
    client.force_login(personas["koordinator"])
    own = make_docx("Vores egen skabelon", "{{ heading }}", "{{ parties }}", "{{ stamp }}")
    response = client.post(
        reverse("word_template", args=[plan.slug]),
        {"template_file": SimpleUploadedFile("vores.docx", own)},
    )
    assert response.status_code == 302
    assert WordTemplate.objects.get(plan=plan).filename == "vores.docx"
    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    docx = client.get(reverse("agreement_download", args=[sub.pk, "docx"])).content
    texts = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    assert texts[0] == "Vores egen skabelon"
    assert "Klubben Lyset" in texts
    client.post(reverse("word_template", args=[plan.slug]), {"delete": "1"})
    assert not WordTemplate.objects.exists()
    docx = client.get(reverse("agreement_download", args=[sub.pk, "docx"])).content
    assert Document(io.BytesIO(docx)).paragraphs[0].style.name == "Heading 1"
