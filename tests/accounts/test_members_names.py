"""»Brugere og roller« names people by name and role; usernames (login identifiers) are
shown only to those who manage the plan's users (review4 T21)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from plans.models import Plan

pytestmark = pytest.mark.django_db


def _rows(page: str) -> str:
    return " ".join(re.findall(r"<tbody>(.*?)</tbody>", page, re.S))


def test_readers_see_names_and_roles_not_usernames(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    board = personas["bestyrelse"]
    board.first_name, board.last_name = "Birgit", "Bo"
    board.save()
    url = reverse("members", args=[plan.slug])
    for reader in ("bestyrelse", "lbf"):
        client.force_login(personas[reader])
        rows = _rows(client.get(url).content.decode())
        assert "Birgit Bo" in rows and "<td>bestyrelsesmedlem</td>" in rows
        assert "(bestyrelse)" not in rows and "<tr><td>koordinator</td>" not in rows
        assert "Navn ikke angivet" in rows  # the koordinator has no name in the fixture
    for manager in ("koordinator", "admin"):
        client.force_login(personas[manager])
        rows = _rows(client.get(url).content.decode())
        assert 'Birgit Bo <span class="app-scope">(bestyrelse)</span>' in rows
        assert "<tr><td>koordinator</td>" in rows
