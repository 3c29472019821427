"""The change log holds the text of every draft: only those who see drafts read it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plans import revisions
from plans.models import Agreement, AgreementKind

pytestmark = pytest.mark.django_db


def test_lbf_reads_the_decisions_but_not_the_change_log_of_drafts(plan: Any, personas: Any) -> None:
    strategic = Agreement.objects.get(plan=plan, kind=AgreementKind.STRATEGIC)
    revisions.agreement_submit(agreement=strategic, user=None)
    revisions.agreement_approve(agreement=strategic, user=None, meeting_date=timezone.localdate())
    revisions.audit(
        agreement=strategic, user=personas["koordinator"], action="Delmål ændret: KLADDETEKST"
    )
    history = reverse("agreement_history", args=[strategic.pk])
    log = reverse("plan_log", args=[plan.slug])
    board = Client()
    board.force_login(personas["bestyrelse"])
    assert "KLADDETEKST" in board.get(history).content.decode()
    assert "KLADDETEKST" in board.get(log).content.decode()
    lbf = Client()
    lbf.force_login(personas["lbf"])
    page = lbf.get(history)
    assert page.status_code == 200 and "KLADDETEKST" not in page.content.decode()
    assert lbf.get(log).status_code == 404
    plan_page = lbf.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    assert "Ændringslog" not in plan_page
