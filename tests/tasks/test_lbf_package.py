"""The LBF package through the real worker: asked for on the page, built by the worker,
fetched with its id; the id gives nothing to a user of another plan."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]


def test_the_worker_builds_the_package_and_the_page_hands_it_over(
    plan: Any, personas: dict[str, Any], run_worker: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(personas["koordinator"])  # reads drafts: every agreement is one here
    asked = client.post(reverse("lbf_package", args=[plan.slug]))
    assert asked.status_code == 302 and "pakke=" in asked.url
    page = client.get(asked.url).content.decode()
    assert "Pakken til LBF dannes i baggrunden" in page
    fetch = reverse("lbf_package", args=[plan.slug]) + "?" + asked.url.split("?", 1)[1]
    assert client.get(fetch).status_code == 302  # not yet built: back to the page

    finished = run_worker(HELHEDSPLAN_MEDIA_ROOT=str(tmp_path))
    assert finished.returncode == 0, finished.stdout + finished.stderr

    response = client.get(fetch)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "indeks.html" in names and "aftaler/strategisk-samarbejdsaftale-v1.pdf" in names

    outsider = Client()
    outsider.force_login(personas["outsider"])
    other = reverse("lbf_package", args=["fjernvej"]) + "?" + asked.url.split("?", 1)[1]
    assert outsider.get(other).status_code == 404
