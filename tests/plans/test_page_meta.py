"""The line under an agreement's title: only the parts it has, with no stray separator."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _metas(html: str) -> list[str]:
    found = re.findall(r'<p class="app-meta">(.*?)</p>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", m).strip() for m in found]


def test_no_separator_stands_alone_when_the_initiative_is_empty(
    personas: dict[str, Any], plan: Any
):
    client = Client()
    client.force_login(personas["koordinator"])
    sub = plan.agreements.get(focus_area__name="Uddannelse og livschancer")
    assert sub.initiative == ""
    pages = [
        client.get(reverse("agreement_detail", args=[sub.pk])).content.decode(),
        client.get(reverse("plan_detail", args=[plan.slug])).content.decode(),
    ]
    metas = [m for html in pages for m in _metas(html) if "version" in m]
    assert metas, "no meta line found"
    for meta in metas:
        assert not meta.startswith("·") and "· ·" not in meta and not meta.endswith("·"), meta
    sub.initiative = "Sammen i Tværgaden"
    sub.save()
    html = client.get(reverse("agreement_detail", args=[sub.pk])).content.decode()
    assert any(m.startswith("Sammen i Tværgaden · ") for m in _metas(html))
