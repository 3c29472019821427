"""Review R11: a reading-warning the reviewer has answered (a part the document lacked, now
filled in on the form) is no longer shown when the page comes back with another error; the
error summary asks for a tick in front of a checkbox, not for a fix."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from tests.importing.reviewing import (
    post_review,
    ready_job,
    review_data,
    signed_in,
)
from tests.importing.test_command import SUBAGREEMENT

pytestmark = pytest.mark.django_db

UNDATED = SUBAGREEMENT.replace("1. januar 2024 - 31. december 2027", "efter aftale")
NOT_READ = "Aftalens periode kunne ikke læses."
OTHER_PLANS = SUBAGREEMENT.replace(
    "Lilleby Boligforening\nLilleby Skole", "Fjernby Kommune\nFjernby Skole"
)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_filled_period_drops_its_not_found_warning_beside_another_error(
    personas: dict[str, Any], plan: Any
) -> None:
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, UNDATED)
    page = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert NOT_READ in page  # the reading's warning, before the reviewer answers it
    data = review_data(job, period_start="1. maj 2025", period_end="1. januar 2025", confirm="1")
    response = post_review(client, job, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Perioden skal slutte efter den begynder." in page
    assert NOT_READ not in page  # neither beside the fields nor in the box at the top
    # the typed dates stand, and »Opdatér visningen« with the same error says the same
    assert 'value="1. maj 2025"' in page
    response = post_review(client, job, {**data, "confirm": "", "update": "1"})
    assert NOT_READ not in response.content.decode()


def test_one_date_filled_keeps_the_warning(personas: dict[str, Any], plan: Any) -> None:
    """The period is answered only when both of its dates are filled in."""
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, UNDATED)
    data = review_data(job, period_start="1. maj 2025", period_end="", title="x" * 301, confirm="1")
    response = post_review(client, job, data)
    assert response.status_code == 200 and NOT_READ in response.content.decode()


def test_the_summary_asks_for_a_tick_at_a_checkbox(personas: dict[str, Any], plan: Any) -> None:
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, OTHER_PLANS)
    response = post_review(client, job, review_data(job, confirm="1"))
    summary = _text(response.content.decode().split('id="form-errors"')[1].split("</div>")[0])
    assert "Sæt kryds ved »Jeg har kontrolleret det: dokumentet hører til denne plan«" in summary
    assert "Ret »Jeg har kontrolleret" not in summary


def test_the_missing_tick_is_shown_with_the_forms_other_errors(
    personas: dict[str, Any], plan: Any
) -> None:
    """Review S7: every reason not to save at once, the other plan's tick included."""
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, OTHER_PLANS)
    data = review_data(job, period_start="1. maj 2025", period_end="1. januar 2025", confirm="1")
    page = post_review(client, job, data).content.decode()
    summary = _text(page.split('id="form-errors"')[1].split("</div>")[0])
    assert "Perioden skal slutte efter den begynder." in page
    assert "Sæt kryds ved »Jeg har kontrolleret det" in summary
