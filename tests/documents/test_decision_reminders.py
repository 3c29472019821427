"""R18: the plan page's »Påmindelser« tell the koordinator of a version the board sent back
and the board member of versions waiting for their approval."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse


def _box(client: Client, plan: Any) -> str:
    page = client.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    start = page.find('id="reminders-heading"')
    return page[start : page.find("</div>", start)] if start >= 0 else ""


@pytest.mark.django_db
def test_waiting_and_returned_versions_are_reminded_to_whom_they_concern(
    personas: dict[str, Any], client: Client, plan: Any
) -> None:
    from plans import revisions
    from plans.models import Agreement

    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    revisions.agreement_submit(agreement=sub, user=personas["koordinator"])

    client.force_login(personas["bestyrelse"])
    box = _box(client, plan)
    decide = reverse("agreement_decide", args=[sub.pk])
    assert f'<a href="{decide}">Delaftale om skolegang: version 1 venter på bestyrelsens' in box
    client.force_login(personas["koordinator"])
    assert "venter på bestyrelsens" not in _box(client, plan)

    revisions.agreement_return(
        agreement=sub, user=personas["bestyrelse"], note="Skriv delmålet om læsning"
    )
    box = _box(client, plan)
    assert (
        "Delaftale om skolegang: version 1 er sendt retur af bestyrelsen: »Skriv delmålet om læsning«"
        in box
    )
    assert f'href="{reverse("agreement_detail", args=[sub.pk])}"' in box
    client.force_login(personas["bestyrelse"])
    box = _box(client, plan)
    assert "sendt retur" not in box and "venter på bestyrelsens" not in box

    # sent again: the koordinator's reminder goes, the board's comes back
    revisions.agreement_submit(agreement=sub, user=personas["koordinator"])
    assert "venter på bestyrelsens" in _box(client, plan)
    client.force_login(personas["koordinator"])
    assert "sendt retur" not in _box(client, plan)
