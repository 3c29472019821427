"""A reminder of a missing attachment leads somewhere: the koordinator to its upload form,
a reader (LBF, the board) to its row; never back to the page it stands on."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _links(user: Any, url: str) -> list[str]:
    client = Client()
    client.force_login(user)
    html = client.get(url).content.decode()
    box = html[html.index('id="reminders-heading"') :]
    box = box[: box.index("</ul>")]
    return [
        href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', box) if "bilag" in text
    ]


@pytest.mark.parametrize("page", ["plan_detail", "plan_documents"])
def test_missing_attachment_reminders_open_the_upload_or_the_row(
    personas: dict[str, Any], plan: Any, page: str
) -> None:
    url = reverse(page, args=[plan.slug])
    documents = reverse("plan_documents", args=[plan.slug])
    editor = _links(personas["koordinator"], url)
    assert editor and all(
        re.fullmatch(rf"{documents}\?bilag=[a-z_]+#upload-heading", h) for h in editor
    ), editor
    reader = _links(personas["lbf"], url)
    assert reader and all(re.fullmatch(rf"{documents}#bilag-[a-z_]+", h) for h in reader), reader
