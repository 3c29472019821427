"""The portfolio's count in Danish singular and plural: »1 af 1 plan vist«, »2 af 2 planer«."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import role_grant_across_plans

pytestmark = pytest.mark.django_db


def _count(user: Any) -> str:
    client = Client()
    client.force_login(user)
    page = re.sub(r"\s+", " ", client.get(reverse("portfolio")).content.decode())
    found = re.search(r"\d+ af \d+ plan\w* vist", page)
    assert found, "the portfolio states how many plans it shows"
    return found.group(0)


def test_one_plan_is_singular_and_two_are_plural(plan: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    membership, _ = role_grant_across_plans(username="lise", role="lbf", password="lang-nok-kode-1")
    assert _count(membership.user) == "1 af 1 plan vist"
    from tests.conftest import make_other_plan

    make_other_plan()
    assert _count(membership.user) == "2 af 2 planer vist"
