"""F30: after a move made before its grant date the LBF package is the period in force: the
closed period's approved versions with that period's required attachments; the new period's
drafts are listed apart in the index, labelled, and not enclosed."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from tests.moving import client_of

pytestmark = pytest.mark.django_db


def _package(plan: Any, role: str = "koordinator") -> zipfile.ZipFile:
    response = client_of(role).post(reverse("lbf_package", args=[plan.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_until_the_grant_date_the_package_is_the_period_in_force(moved: Any) -> None:
    from documents.selectors import required_attachments
    from plans.models import FundingPeriod

    archive = _package(moved)
    names = set(archive.namelist())
    assert "aftaler/strategisk-samarbejdsaftale-v1.pdf" in names
    assert "aftaler/delaftale-uddannelse-og-livschancer-v3.pdf" in names
    assert not any("laering" in n or "arbejde-og-oekonomi" in n for n in names), names
    index = archive.read("indeks.html").decode()
    assert "bevillingsperioden 2019-26" in index
    in_force, _, apart = index.partition("Næste bevillingsperiode 2027-30")
    assert apart, "the new period's agreements are listed apart"
    assert "Læring og trivsel" in apart and "Læring og trivsel" not in in_force
    assert "gælder fra 1. januar 2027, når den er godkendt" in apart
    assert "ikke vedlagt" in apart
    old = FundingPeriod.objects.get(code="2019-26")
    for item in required_attachments(old):
        if not item.is_agreement:
            assert item.name in in_force, item.name


def test_lbf_reads_no_draft_of_the_next_period_in_the_package(moved: Any) -> None:
    """The new period's agreements are drafts: LBF gets 404 for them in the app, so the
    index names none of them to LBF (T25), though it says the plan has moved."""
    index = _package(moved, "lbf").read("indeks.html").decode()
    _, _, apart = index.partition("Næste bevillingsperiode 2027-30")
    assert apart, "the move is still told"
    assert "Læring og trivsel" not in index and "Kladde" not in index


def test_after_the_grant_date_the_package_is_the_new_period(moved: Any) -> None:
    import datetime as dt

    from plans.models import PeriodTransition

    PeriodTransition.objects.filter(plan=moved).update(grant_date=dt.date(2026, 1, 1))
    moved.period_start = dt.date(2026, 1, 1)
    moved.save(update_fields=["period_start"])
    archive = _package(moved)
    index = archive.read("indeks.html").decode()
    assert "Næste bevillingsperiode" not in index
    assert "Læring og trivsel" in index
    assert "aftaler/delaftale-uddannelse-og-livschancer-v3.pdf" not in archive.namelist()
