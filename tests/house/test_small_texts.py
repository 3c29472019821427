"""F33/F35: small texts after a new user's review: singular »1 plan«, Danish months, a broken
».pdf« named as a PDF, »begynder« before the new period begins, and a favicon."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from lib.errors import DomainError
from tests.moving import client_of

ROOT = Path(__file__).resolve().parents[2]
# Django's `M`/`b`/`N` are month abbreviations (»Dec«); the project writes »2. december 2026«
_ABBREVIATED_MONTH = re.compile(r'\|date:"(?:[^"\\]|\\.)*?(?<!\\)[MbN]')


def test_no_template_abbreviates_a_month() -> None:
    found = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if _ABBREVIATED_MONTH.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_damaged_zip_named_pdf_is_called_a_damaged_pdf() -> None:
    from lib.uploads import document_kind

    with pytest.raises(DomainError) as caught:
        document_kind(b"PK\x03\x04" + b"\x00" * 64, "aftale.pdf")
    assert "PDF-filen er beskadiget" in str(caught.value.messages[0])


def test_every_page_links_a_favicon_that_exists() -> None:
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="icon" href="\{% static \'([^\']+)\' %\}"', base)
    assert match is not None
    assert (ROOT / "static" / match.group(1)).is_file()


def test_one_plan_in_a_period_is_one_plan() -> None:
    from django.template import Context, Template

    table = (ROOT / "templates" / "portfolio" / "table.html").read_text(encoding="utf-8")
    (line,) = [t for t in table.splitlines() if 'id="periode-{{ section.period_code }}"' in t]

    def heading(n: int) -> str:
        section = {"period_code": "2027-30", "rows": [object()] * n, "earlier": 0}
        return Template(line).render(Context({"section": section}))

    assert "(1 plan)" in heading(1)
    assert "(2 planer)" in heading(2)


@pytest.mark.django_db
def test_the_new_period_begins_when_it_has_not_begun(moved: Any) -> None:
    from plans.models import Indicator

    indicator = Indicator.objects.filter(
        goal__agreement__plan=moved,
        goal__agreement__closed_period__isnull=True,
        continues__isnull=False,
    ).first()
    assert indicator is not None
    page = client_of().get(reverse("followup_indicator", args=[moved.slug, indicator.pk]))
    text = page.content.decode()
    assert "hvor den nye periode begynder" in text, text[:200]


@pytest.mark.django_db
def test_a_kommune_filter_the_reader_cannot_see_is_said(moved: Any) -> None:
    page = client_of("kommune").get(reverse("portfolio") + "?kommune=Nordby+Kommune")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="ukendt-kommune"' in text and "»Nordby Kommune«" in text
