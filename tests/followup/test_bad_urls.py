"""Edited follow-up URLs (review4 T22): an unknown format is a 404, not another format's
file; a year that is no number gets the same helpful page as a year with no follow-up."""

from __future__ import annotations

import html
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_an_unknown_format_is_no_page(client: Any, plan: Any, personas: Any) -> None:
    client.force_login(personas["koordinator"])
    base = f"/planer/{plan.slug}/opfoelgning/"
    assert client.get(f"{base}2025/dokument.xyz").status_code == 404
    assert client.get(f"{base}skabelon.pdf").status_code == 404
    assert client.get(f"{base}2025/dokument.pdf").status_code == 200
    assert client.get(f"{base}skabelon.csv").status_code == 200


@pytest.mark.parametrize("page", ["", "bestyrelsesmoede/"])
def test_a_year_that_is_no_number_lists_the_years_there_are(
    client: Any, plan: Any, personas: Any, page: str
) -> None:
    client.force_login(personas["koordinator"])
    for raw, said in (("abc", "»abc« er ikke et årstal"), ("2099", "ikke begyndt endnu")):
        response = client.get(f"/planer/{plan.slug}/opfoelgning/{page}?aar={raw}")
        body = html.unescape(response.content.decode())
        assert response.status_code == 404
        assert said in body and "Planen har opfølgning for disse år:" in body
        assert f"/planer/{plan.slug}/opfoelgning/?aar=2025" in body
    statement = client.get(f"/planer/{plan.slug}/revision/?aar=abc")
    assert statement.status_code == 404 and "er ikke et årstal" in statement.content.decode()
