"""The auditor's statement counts what belongs to the chosen follow-up year (measurements by
the period they measure, its meeting, its archived documents), not what was typed in that
calendar year, and links every archived document it names, on the page and in the PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone


def _at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=dt.UTC)


@pytest.fixture
def records(plan: Any, personas: dict[str, Any], indicator: Any) -> dict[str, Any]:
    """2024's values typed late (in 2025), a 2025 value typed in 2025 and corrected in 2026,
    2024's documents archived and its meeting held in 2025."""
    from followup import services
    from followup.models import FollowUpDocument, Measurement

    user = personas["koordinator"]
    late = [
        services.measurement_record(
            indicator=indicator, year=2024, percent=Decimal(p), recorded_by=user, **scope
        )
        for p, scope in (
            ("62", {}),
            ("80", {"scope_kind": "municipality", "scope": "Lilleby Kommune"}),
        )
    ]
    Measurement.objects.filter(pk__in=[m.pk for m in late]).update(recorded_at=_at(2025, 2, 1))
    current = services.measurement_record(
        indicator=indicator, year=2025, percent=Decimal(64), recorded_by=user
    )
    Measurement.objects.filter(pk=current.pk).update(recorded_at=_at(2025, 6, 1))
    correction = services.measurement_correct(
        measurement=current, reason="Tastefejl", percent=Decimal(65), recorded_by=user
    )
    Measurement.objects.filter(pk=correction.pk).update(recorded_at=_at(2026, 1, 10))
    pdf = services.followup_document_archive(
        plan=plan, year=2024, format="pdf", content=b"%PDF-1.4 2024", generated_by=user
    )
    docx = services.followup_document_archive(
        plan=plan, year=2024, format="docx", content=b"PK 2024", generated_by=user
    )
    FollowUpDocument.objects.filter(pk__in=[pdf.pk, docx.pk]).update(generated_at=_at(2025, 3, 1))
    services.narrative_save(goal=indicator.goal, year=2024, text="Et år med fremgang")
    meeting = services.board_meeting_record(
        plan=plan,
        year=2024,
        held_on=dt.date(2025, 3, 10),
        attendees="Bestyrelsen",
        decisions="Opfølgningen er godkendt",
        recorded_by=user,
    )
    return {"documents": [pdf, docx], "meeting": meeting}


@pytest.mark.django_db
def test_the_statement_counts_by_the_follow_up_year_not_the_day_typed(
    plan: Any, records: dict[str, Any]
) -> None:
    from followup import selectors

    now = timezone.now()
    of_2024 = selectors.auditor_statement(plan, 2024, now=now)
    assert of_2024.measurements_recorded == 2  # typed in 2025, for 2024
    assert of_2024.corrections == 0
    assert of_2024.narratives == 1
    assert of_2024.meetings == [records["meeting"]]  # held in 2025, about 2024
    assert {d.pk for d in of_2024.documents} == {d.pk for d in records["documents"]}
    of_2025 = selectors.auditor_statement(plan, 2025, now=now)
    assert of_2025.measurements_recorded == 1  # the 2025 value, not 2024's typed in 2025
    assert of_2025.corrections == 1  # corrected in 2026, of a 2025 value
    assert of_2025.meetings == [] and of_2025.documents == [] and of_2025.narratives == 0
    of_2026 = selectors.auditor_statement(plan, 2026, now=now)
    assert (of_2026.measurements_recorded, of_2026.corrections) == (0, 0)


@pytest.mark.django_db
def test_the_page_and_the_pdf_link_every_archived_document_they_name(
    client: Any, plan: Any, personas: dict[str, Any], records: dict[str, Any]
) -> None:
    import pdfplumber

    client.force_login(personas["bestyrelse"])
    page = client.get(f"/planer/{plan.slug}/revision/?aar=2024").content.decode()
    assert "Målinger for perioder i 2024: 2" in page
    # the dashboard's name for a goal's text (»Skriv en kort tekst til opfølgningen«)
    assert "Tekster til opfølgningen af mål og delmål, skrevet til året: 1" in page
    assert "10. marts 2025" in page
    for document in records["documents"]:
        link = f"/planer/{plan.slug}/opfoelgning/arkiv/{document.pk}/"
        # named twice (the meeting's documents and the year's archive), linked each time
        assert page.count(f'href="{link}"') == 2, link
        fetched = client.get(link)
        assert fetched.status_code == 200
        body = b"".join(fetched.streaming_content) if fetched.streaming else fetched.content
        assert hashlib.sha256(body).hexdigest() == document.sha256
        assert document.sha256 in page
    pdf = client.get(f"/planer/{plan.slug}/revision/?aar=2024&format=pdf")
    assert pdf.status_code == 200
    with pdfplumber.open(io.BytesIO(pdf.content)) as opened:
        uris = {link["uri"] for p in opened.pages for link in p.hyperlinks}
        text = "\n".join(p.extract_text() or "" for p in opened.pages)
    for document in records["documents"]:
        assert f"http://testserver/planer/{plan.slug}/opfoelgning/arkiv/{document.pk}/" in uris
    assert re.search(r"Målinger for perioder i 2024: 2", text)
    page_2025 = client.get(f"/planer/{plan.slug}/revision/?aar=2025").content.decode()
    assert "Målinger for perioder i 2025: 1" in page_2025
    assert "Rettelser af målinger for 2025 (med begrundelse): 1" in page_2025
    assert "Der er ikke registreret noget bestyrelsesmøde om opfølgningen for 2025" in page_2025
