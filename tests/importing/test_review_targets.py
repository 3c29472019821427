"""Which agreement an import revises, and what the koordinator may do about it: save it as a
new agreement instead, keep the indicators that already have measurements, and see every
reason not to save yet at once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from importing.saving import current_counterpart
from plans import services
from plans.loading import agreement_revised_by, plan_load_interchange
from plans.models import Agreement, Indicator
from tests.importing.reviewing import (
    post_review,
    ready_job,
    review_data,
    signed_in,
)
from tests.importing.test_command import SUBAGREEMENT

pytestmark = pytest.mark.django_db


def _education(plan: Any) -> Agreement:
    return Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")


def _measured_indicator(plan: Any) -> Indicator:
    """An indicator the plan added after the Word file was written, with a measurement."""
    from followup.services import measurement_record

    goal = _education(plan).goals.get()
    indicator = services.indicator_save(
        goal=goal, text="Antal unge i lektiecafeen", unit="count", direction="more"
    )
    services.measure_save(indicator=indicator, role="baseline", text="12 unge", count=12)
    measurement_record(indicator=indicator, year=2024, text="15 unge", count=Decimal(15))
    return indicator


def test_a_missing_indicator_with_measurements_is_kept_not_refused(
    personas: dict[str, Any], plan: Any
):
    indicator = _measured_indicator(plan)
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    page = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert "med målinger beholdes" in page and "Antal unge i lektiecafeen" in page

    response = post_review(client, job, review_data(job, confirm="1", initiative="Nyt navn"))
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = _education(plan)
    assert agreement.initiative == "Nyt navn"
    kept = Indicator.objects.get(pk=indicator.pk)  # the same row: its measurements hang on it
    assert kept.goal.agreement_id == agreement.pk
    assert kept.measurements.count() == 1
    assert [m.text for m in kept.measures.all()] == ["12 unge"]


def test_gem_som_ny_aftale_never_overwrites_the_matching_agreement(
    personas: dict[str, Any], plan: Any
):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    existing = _education(plan)
    page = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert 'name="confirm_new"' in page and "Gem som ny aftale" in page

    # The plan has a delaftale for the document's focus area: said at the field, nothing saved.
    response = post_review(client, job, review_data(job, confirm_new="1", initiative="Ny indsats"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "allerede en gældende delaftale for Uddannelse og livschancer" in html
    assert 'id="id_focus_area_error"' in html or "form-error-message" in html
    assert 'value="Ny indsats"' in html
    existing.refresh_from_db()
    assert existing.initiative != "Ny indsats" and existing.version == 1

    # Another focus area: a new agreement, the first one untouched.
    data = review_data(
        job,
        confirm_new="1",
        initiative="Ny indsats",
        focus_area="Sammenhængskraft og medborgerskab",
    )
    response = post_review(client, job, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Agreement.objects.get(plan=plan, focus_area__name="Sammenhængskraft og medborgerskab")
    assert created.initiative == "Ny indsats" and created.pk != existing.pk
    existing.refresh_from_db()
    assert existing.initiative != "Ny indsats"


def test_every_reason_not_to_save_is_shown_at_once(personas: dict[str, Any], plan: Any):
    """A document that looks like another plan's, saved as new where the plan already has
    the agreement: both messages on the first try, not one after the other."""
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, SUBAGREEMENT.replace("Lilleby Skole", "Fjernby Kommune"))
    response = post_review(client, job, review_data(job, confirm_new="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "allerede en gældende delaftale" in html
    assert "sæt kryds" in html


def test_the_loader_and_the_importer_revise_the_same_agreement(plan: Any):
    education = _education(plan)
    document = {"kind": "delaftale", "focus_area": "Uddannelse og livschancer"}
    assert current_counterpart(plan, document) == education
    assert agreement_revised_by(plan, kind="delaftale", focus_area="Beskæftigelse") is not None
    assert agreement_revised_by(plan, kind="delaftale", focus_area="Ukendt") is None
    loaded = plan_load_interchange(
        slug=plan.slug,
        documents=[
            {
                "kind": "delaftale",
                "focus_area": "Uddannelse og livschancer",
                "period": {"start": None, "end": None},
                "parties": [],
                "goals": [],
                "initiative": "Fra fil",
            }
        ],
        reason="test",
    )
    assert loaded.agreements[0].pk == education.pk
