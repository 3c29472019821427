"""An approval date the rules refuse is said at the date field (and in the summary above the
form), with what was typed still in the field: the DKFDS form-error pattern."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plans import revisions

pytestmark = pytest.mark.django_db


def _field_error(html: str, field_id: str) -> str:
    """The error message shown inside the form group of `field_id` (empty when none)."""
    match = re.search(
        r'<div class="form-group form-error">(?:(?!<div class="form-group).)*?'
        rf'<span class="form-error-message" id="{field_id}_error">(.*?)</span>\s*(?:<span|<input)',
        html,
        flags=re.S,
    )
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else ""


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("01.01.2020", "ligger før version 1 blev sendt"),
        ("future", "kan ikke ligge i fremtiden"),
        ("31. februar 2024", "er ikke en dato"),
    ],
)
def test_a_refused_meeting_date_is_shown_at_the_field_and_kept(
    personas: dict[str, Any], plan: Any, typed: str, words: str
):
    agreement = plan.agreements.get(focus_area__name="Uddannelse og livschancer")
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"])
    if typed == "future":
        typed = f"{timezone.localdate() + dt.timedelta(days=30):%d.%m.%Y}"
    client = Client()
    client.force_login(personas["bestyrelse"])
    response = client.post(
        reverse("agreement_decide", args=[agreement.pk]), {"approve": "1", "meeting_date": typed}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert words in _field_error(html, "id_meeting_date"), html
    assert f'value="{typed}"' in html  # what was typed stays in the field
    summary = html[html.index('id="form-errors"') :][:1500]
    assert 'href="#id_meeting_date"' in summary and words in summary
    agreement.refresh_from_db()
    assert agreement.status == "submitted"


def test_the_approve_and_return_notes_have_ids_and_labels_of_their_own(
    personas: dict[str, Any], plan: Any
):
    # review R14: both textareas were id="id_note", so »Hvad skal rettes?« led to the other
    agreement = plan.agreements.get(focus_area__name="Uddannelse og livschancer")
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"])
    client = Client()
    client.force_login(personas["bestyrelse"])
    html = client.get(reverse("agreement_decide", args=[agreement.pk])).content.decode()
    ids = re.findall(r'<textarea[^>]*\bid="([^"]+)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2, ids
    for field_id in ids:
        assert f'for="{field_id}"' in html
    # returning still works under the field's own name
    response = client.post(
        reverse("agreement_decide", args=[agreement.pk]),
        {"return": "1", "note": "Skriv målet om"},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status != "submitted"
