"""R15: the documents page follows the LBF package: it refreshes itself while the package is
built, and says it is ready (with a button for the finished ZIP) once it is done."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

DATABASE_BACKEND = "django_tasks_db.backend.DatabaseBackend"


@pytest.mark.django_db
def test_the_documents_page_refreshes_while_building_and_shows_the_finished_package(
    personas: dict[str, Any], client: Client, plan: Any, settings: Any, media_root: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from documents.tasks import build_package

    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}  # queued, not run at once
    client.force_login(personas["koordinator"])
    response = client.post(reverse("lbf_package", args=[plan.slug]))
    assert response.status_code == 302
    page_url = response["Location"]
    package = re.search(r"pakke=([^&]+)", page_url)
    assert package is not None

    page = client.get(page_url).content.decode()
    head = page[: page.index("</head>")]
    assert '<meta http-equiv="refresh" content="3">' in head
    assert "Pakken til LBF dannes nu. Siden opdateres af sig selv" in page
    assert "Hent den pakke, der dannes nu" not in page
    assert "Pakken til LBF er klar" not in page

    # the worker builds it
    row = DBTaskResult.objects.get(id=package[1])
    row.claim("prøve")
    row.set_successful(build_package.call(*row.args_kwargs["args"]))

    page = client.get(page_url).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "Pakken til LBF er klar." in page
    assert "Hent den færdige pakke (ZIP)" in page
    download = client.get(reverse("lbf_package", args=[plan.slug]) + f"?pakke={package[1]}")
    assert download.status_code == 200
    assert download.content[:2] == b"PK"

    # another plan's package id is nothing on this page
    page = client.get(reverse("plan_documents", args=[plan.slug]) + "?pakke=0").content.decode()
    assert 'id="package-state"' not in page
