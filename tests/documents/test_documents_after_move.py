"""F34: after a move into a new funding period the old period's agreements keep their
documents: every version as DOCX and PDF, for every role that reads them, on the web and by
`helhedsplan export`; each is read against its own funding period, not the plan's new one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans import revisions
from plans.models import Agreement
from tests.moving import client_of

pytestmark = pytest.mark.django_db

READERS = ("koordinator", "bestyrelse", "partner", "kommune", "lbf")
# Each reader renders the same PDFs: the fast suite downloads as the two readers with the
# narrowest access (a partner, a kommune user); the others run in `make test-slow`.
FAST_READERS = ("partner", "kommune")


def _old(plan: Any) -> list[Agreement]:
    return list(Agreement.objects.filter(plan=plan, closed_period__isnull=False).order_by("pk"))


def _new(plan: Any) -> list[Agreement]:
    return list(Agreement.objects.filter(plan=plan, closed_period__isnull=True).order_by("pk"))


def test_every_version_of_every_agreement_downloads_after_the_move(moved: Any) -> None:
    from documents.exports import render_agreement

    assert _old(moved) and _new(moved)
    for agreement in _old(moved) + _new(moved):
        for number, _label in revisions.version_labels(agreement):
            rendered = render_agreement(agreement, "docx", version=number)
            assert rendered.data.startswith(b"PK"), (agreement.pk, number)


def test_the_old_period_reads_as_its_own_period(moved: Any) -> None:
    from documents.selectors import agreement_source

    for agreement in _old(moved):
        source = agreement_source(agreement)
        assert source.agreement.funding_period in (None, "2019-26")
    for agreement in _new(moved):
        assert agreement_source(agreement).agreement.funding_period in (None, "2027-30")


@pytest.mark.parametrize(
    "username",
    [u if u in FAST_READERS else pytest.param(u, marks=pytest.mark.slow) for u in READERS],
)
def test_each_reader_downloads_the_old_agreements_in_force(moved: Any, username: str) -> None:
    client = client_of(username)
    in_force = [a for a in _old(moved) if revisions.approved_version(a) is not None]
    assert len(in_force) == 2  # the strategic agreement and Uddannelse og livschancer v3
    for agreement in in_force:
        approved = revisions.approved_version(agreement)
        assert approved is not None
        url = reverse("agreement_download", args=[agreement.pk, "pdf"])
        response = client.get(url)
        assert response.status_code == 200, (username, agreement.pk)
        assert response.content.startswith(b"%PDF-")
        response = client.get(url.replace("/pdf/", "/docx/") + f"?version={approved.number}")
        assert response.status_code == 200, (username, agreement.pk, approved.number)


def test_cli_export_of_old_and_new_agreements(moved: Any, tmp_path: Path) -> None:
    for agreement in _old(moved)[:1] + _new(moved)[:1]:
        out = tmp_path / str(agreement.pk)
        call_command("export", plan=moved.slug, fmt="pdf", agreement=agreement.pk, output=out)
        (written,) = out.iterdir()
        assert written.read_bytes().startswith(b"%PDF-")
    for agreement in _old(moved):
        for number, _label in revisions.version_labels(agreement):
            out = tmp_path / f"{agreement.pk}-{number}"
            call_command(
                "export",
                plan=moved.slug,
                fmt="docx",
                agreement=agreement.pk,
                version=number,
                output=out,
            )
            assert len(list(out.iterdir())) == 1
