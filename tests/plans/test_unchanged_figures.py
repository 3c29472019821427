"""Saving a figure that means what the approved version already says (»61« for »61 %«, the
form saved as it was shown) starts no new version; a changed number does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from plans import revisions
from plans.models import Agreement, Measure

pytestmark = pytest.mark.django_db


def _approved(plan: Any, user: Any) -> Agreement:
    agreement = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    day = dt.date(2024, 3, 1)
    sender = plan.memberships.get(role="koordinator").user  # four eyes: another sends
    revisions.agreement_submit(agreement=agreement, user=sender, sent_on=day)
    revisions.agreement_approve(agreement=agreement, user=user, meeting_date=day)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == ("approved", 1)
    return agreement


def _save_baseline(client: Client, agreement: Agreement, measure: Measure, **fields: str) -> Any:
    data = {
        "seen_seq": str(agreement.edit_seq),
        "role": "baseline",
        "text": measure.text,
        "scope_kind": measure.scope_kind,
        "scope": measure.scope or "",
        "count": "",
        "percent": "61",
        "denominator": "",
        "year": "",
        "change_reason": "Årlig gennemgang",
    }
    data.update(fields)
    return client.post(reverse("part_edit", args=[agreement.pk, "baseline", measure.pk]), data)


@pytest.mark.parametrize("typed", ["61 %", "61", "61%", " 61 % "])
def test_the_same_figure_retyped_starts_no_draft(
    personas: dict[str, Any], plan: Any, typed: str
) -> None:
    agreement = _approved(plan, personas["bestyrelse"])
    measure = Measure.objects.get(indicator__goal__agreement=agreement)
    client = Client()
    client.force_login(personas["koordinator"])
    response = _save_baseline(client, agreement, measure, text=typed, percent="61,0")
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == ("approved", 1)


def test_a_changed_number_starts_the_next_version(personas: dict[str, Any], plan: Any) -> None:
    agreement = _approved(plan, personas["bestyrelse"])
    measure = Measure.objects.get(indicator__goal__agreement=agreement)
    client = Client()
    client.force_login(personas["koordinator"])
    response = _save_baseline(client, agreement, measure, text="62 %", percent="")
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == ("draft", 2)
    assert Measure.objects.get(pk=measure.pk).percent == 62
