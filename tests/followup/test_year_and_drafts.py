"""What a follow-up year may be, and who sees the part that is not approved yet."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from django.utils import timezone

from followup import services
from lib.errors import DomainError

pytestmark = pytest.mark.django_db


def test_a_year_that_has_not_begun_is_no_follow_up(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    later = timezone.localdate().year + 1
    base = f"/planer/{plan.slug}/opfoelgning/"
    client.force_login(personas["koordinator"])
    assert client.get(f"{base}?aar={timezone.localdate().year}").status_code == 200
    for url in (f"{base}?aar={later}", f"{base}?aar=1800", f"{base}?aar=99999",
                f"{base}{later}/dokument.pdf", f"{base}{later}/dokument.docx",
                f"{base}bestyrelsesmoede/?aar={later}"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
        page = response.content.decode()
        # the year explained, in Danish, with the years there are (issue 11 review); no
        # year at all (»99999«) the same way (review4 T22)
        assert (
            "ikke begyndt endnu" in page
            or "ingen opfølgning for 1800" in page
            or "er ikke et årstal" in page
        ), url
        assert f"{base}?aar={timezone.localdate().year}" in page, url
    assert client.post(f"{base}{later}/arkiver/").status_code == 404
    goal = values[0].indicator.goal
    with pytest.raises(DomainError, match="ikke begyndt"):
        services.narrative_save(goal=goal, year=later, text="Om et år, der ikke er begyndt")
    with pytest.raises(DomainError, match="ikke begyndt"):
        services.followup_document_archive(plan=plan, year=later, format="pdf", content=b"%PDF")
    assert not goal.narratives.exists()


def test_those_who_do_not_read_drafts_get_the_follow_up_without_them(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    """The fixture's agreement has never been approved: the board sees it apart as »ikke
    godkendt endnu«; LBF, who reads versions in force only, does not see it at all."""
    year = timezone.localdate().year
    pages = {}
    pdfs = {}
    for name in ("bestyrelse", "lbf"):
        client.force_login(personas[name])
        pages[name] = client.get(f"/planer/{plan.slug}/opfoelgning/?aar={year}").content.decode()
        pdf = client.get(f"/planer/{plan.slug}/opfoelgning/{year}/dokument.pdf").content
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            pdfs[name] = " ".join(page.extract_text() or "" for page in document.pages)
    text = values[0].indicator.goal.text
    assert "Ikke godkendt endnu" in pages["bestyrelse"] and text in pages["bestyrelse"]
    assert "Ikke godkendt endnu" not in pages["lbf"] and text not in pages["lbf"]
    assert "ikke godkendt endnu" in pdfs["bestyrelse"].lower()
    assert "ikke godkendt endnu" not in pdfs["lbf"].lower()
