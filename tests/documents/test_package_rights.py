"""T25: the LBF package follows the rule the agreement's pages follow (`access.version_rights`):
LBF and kommune users never get a draft through it, the koordinator's package holds the draft
of an agreement never approved (stamped and noted), and a package built with one user's rights
is not served to a user who reads the plan with other rights."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from plans import access
from plans.models import Agreement
from tests.documents.test_versions import BOARD_DAY, V1_STAMP, _approve, _docx_text, _pdf_text

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = "django_tasks_db.backend.DatabaseBackend"


@pytest.fixture
def approved_one(plan: Any, personas: Any) -> Agreement:
    """The delaftale om skolegang approved (version 1); the others stay drafts."""
    agreement = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    _approve(agreement, personas, BOARD_DAY)
    return agreement


def _package(client: Client, user: Any, plan: Any) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.post(reverse("lbf_package", args=[plan.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


@pytest.mark.parametrize("name", ["lbf", "kommune"])
def test_lbf_and_kommune_get_no_draft(
    client: Client, personas: Any, plan: Any, approved_one: Agreement, name: str
) -> None:
    archive = _package(client, personas[name], plan)
    agreements = sorted(n for n in archive.namelist() if n.startswith("aftaler/"))
    assert agreements == [
        "aftaler/delaftale-uddannelse-og-livschancer-v1.docx",
        "aftaler/delaftale-uddannelse-og-livschancer-v1.pdf",
    ]
    # the same user gets 404 for the drafts' pages
    for draft in Agreement.objects.filter(plan=plan).exclude(pk=approved_one.pk):
        assert client.get(reverse("agreement_detail", args=[draft.pk])).status_code == 404
    index = archive.read("indeks.html").decode()
    assert "Kladde – ikke godkendt" not in index
    assert index.count("Ingen version er godkendt endnu; kladden er ikke vedlagt.") == 2
    assert "kladden er vedlagt" not in index
    for member in agreements:
        read = _pdf_text if member.endswith(".pdf") else _docx_text
        text = read(archive.read(member))
        assert V1_STAMP in text and "Kladde" not in text, member


def test_the_koordinator_package_holds_drafts_marked_as_such(
    client: Client, personas: Any, plan: Any, approved_one: Agreement
) -> None:
    archive = _package(client, personas["koordinator"], plan)
    names = set(archive.namelist())
    assert "aftaler/delaftale-uddannelse-og-livschancer-v1.pdf" in names
    assert "aftaler/delaftale-beskaeftigelse-v1.pdf" in names
    assert "aftaler/strategisk-samarbejdsaftale-v1.docx" in names
    index = archive.read("indeks.html").decode()
    assert index.count("Ingen version er godkendt endnu; kladden er vedlagt.") == 2
    assert "Kladde – ikke godkendt" in index


def test_rights_are_the_pages_rights(personas: Any, plan: Any, approved_one: Agreement) -> None:
    """One rule: the version a package takes is the version the agreement's page shows."""
    for name in ("koordinator", "bestyrelse", "lbf", "kommune", "admin"):
        rights = access.version_rights(personas[name], plan)
        for agreement in Agreement.objects.filter(plan=plan):
            assert access.version_for_rights(rights, agreement) == (
                access.visible_version_number(personas[name], agreement)
            ), (name, agreement.title)
    assert access.version_rights(personas["koordinator"], plan) == access.WITH_DRAFTS
    assert access.version_rights(personas["kommune"], plan) == access.IN_FORCE


def test_a_koordinator_package_is_not_served_to_lbf(
    client: Client, personas: Any, plan: Any, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from documents.tasks import build_package

    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}  # queued, not run at once
    client.force_login(personas["koordinator"])
    response = client.post(reverse("lbf_package", args=[plan.slug]))
    package = re.search(r"pakke=([^&]+)", response["Location"])
    assert package is not None
    row = DBTaskResult.objects.get(id=package[1])
    assert row.args_kwargs["args"] == [plan.pk, access.WITH_DRAFTS]
    row.claim("prøve")
    row.set_successful(build_package.call(*row.args_kwargs["args"]))
    url = reverse("lbf_package", args=[plan.slug]) + f"?pakke={package[1]}"
    assert client.get(url).status_code == 200
    page_url = reverse("plan_documents", args=[plan.slug]) + f"?pakke={package[1]}"
    for name in ("lbf", "kommune"):
        client.force_login(personas[name])
        assert client.get(url).status_code == 404, name
        page = client.get(page_url).content.decode()
        assert 'id="package-state"' not in page, name
    # the board reads drafts too: the same rights, the same package
    client.force_login(personas["bestyrelse"])
    assert client.get(url).status_code == 200


def test_a_get_of_the_package_url_builds_nothing(
    client: Client, personas: Any, plan: Any, settings: Any
) -> None:
    """T11: a link, a prefetch or a crawler's GET queued a package each time; only the
    page's button (a POST) does now."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}  # queued, not run at once
    client.force_login(personas["lbf"])
    url = reverse("lbf_package", args=[plan.slug])
    for _ in range(3):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert "Tryk på »Hent pakke til LBF (ZIP)« for at danne pakken." in (
            response.content.decode()
        )
    assert DBTaskResult.objects.count() == 0
    page = client.get(reverse("plan_documents", args=[plan.slug])).content.decode()
    assert f'<form method="post" action="{url}">' in page
    assert client.post(url).status_code == 302
    assert DBTaskResult.objects.count() == 1
