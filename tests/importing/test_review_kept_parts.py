"""A part the document does not have is not a part it empties (F11, F16 of the first review),
and a new indicator's direction is proposed (F1): the reviewer's own documents uploaded
through the real import into a plan that has those agreements saved."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importing.models import ImportJob, ImportStatus
from importing.saving import import_save, reading_document
from tests.importing.reviewing import signed_in
from tests.importing.test_review_findings import FIXTURES, C, D, agreement

pytestmark = pytest.mark.django_db


def _upload(client: Any, plan: Any, name: str) -> ImportJob:
    response = client.post(
        reverse("import_upload", args=[plan.slug]),
        {"file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes())},
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.READY, job.error
    return job


def _save(plan: Any, document: dict[str, Any]) -> None:
    document["period"] = {"start": "2024-01-01", "end": "2027-12-31"}
    import_save(slug=plan.slug, document=document, filename="saved.docx")


def test_a_document_without_a_staff_section_keeps_the_saved_staff(personas, plan):
    saved = reading_document(copy.deepcopy(agreement(C)))
    saved["staff"] = [{"text": "Jobkonsulent fra jobcentret 370 t/år", "hours_per_year": 370}]
    _save(plan, saved)
    job = _upload(signed_in(personas["koordinator"]), plan, C)
    assert [s["text"] for s in job.result["staff"]] == ["Jobkonsulent fra jobcentret 370 t/år"]
    (warning,) = job.warning_fields["staff"]
    assert "intet afsnit om medarbejderressourcer" in warning and "1 gemte linje" in warning
    page = signed_in(personas["koordinator"]).get(
        reverse("import_review", args=[plan.slug, job.pk])
    )
    html = page.content.decode()
    assert "Jobkonsulent fra jobcentret 370 t/år" in html
    assert "FJERNET Medarbejderressource" not in html.replace("\n", " ")


def test_a_listed_activity_without_a_sheet_keeps_its_saved_sheet(personas, plan):
    saved = reading_document(copy.deepcopy(agreement(D)))
    saved["activities"].insert(
        1,
        {"name": "Sommerskole for kommende 0. klasser", "purpose": "Tryg skolestart for alle."},
    )
    _save(plan, saved)
    job = _upload(signed_in(personas["koordinator"]), plan, D)
    sheets = {a["name"]: a for a in job.result["activities"]}
    assert sheets["Sommerskole for kommende 0. klasser"]["purpose"] == "Tryg skolestart for alle."
    assert any(
        "Sommerskole for kommende 0. klasser« har intet aktivitetsskema" in w
        for w in job.result["warnings"]
    )


def test_new_indicators_get_a_proposed_direction(personas, plan):
    job = _upload(signed_in(personas["koordinator"]), plan, D)
    directions = [
        i.get("direction") for g in job.result["goals"] for i in g.get("indicators") or []
    ]
    # »Flere børn … i dagtilbud«, »Færre unge har et højt skolefravær«, »Flere unge læser videre«
    assert directions == ["more", "less", "more"]


def test_the_review_page_names_the_format_and_dates_in_danish(personas, plan):
    from plans.diff import agreement_diff

    client = signed_in(personas["koordinator"])
    job = _upload(client, plan, C)
    page = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert "Læst som Word-dokument" in page
    changes = agreement_diff(
        {"period": {"start": "2023-01-01"}}, {"period": {"start": "2028-01-01"}}
    )
    assert str(changes[0]) == "Periodens start ændret fra »1. januar 2023« til »1. januar 2028«"


def test_pasted_text_goes_through_the_same_pipeline_as_a_text_file(personas, plan):
    client = signed_in(personas["koordinator"])
    text = (FIXTURES / "E_tryghed_pasted.txt").read_text("utf-8")
    response = client.post(reverse("import_upload", args=[plan.slug]), {"pasted": text})
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.READY, job.error
    assert job.format == "text"
    assert job.result["activity_names"] == ["Natteravne og gadeplansarbejde", "Tryg opgang"]


@pytest.mark.parametrize(
    ("pasted", "message"), [("   \n", "Indsæt aftalens tekst."), ("x" * 200_001, "for lang")]
)
def test_an_empty_or_too_long_paste_is_refused_in_danish(personas, plan, pasted, message):
    client = signed_in(personas["koordinator"])
    before = ImportJob.objects.count()
    response = client.post(reverse("import_upload", args=[plan.slug]), {"pasted": pasted})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportJob.objects.count() == before
