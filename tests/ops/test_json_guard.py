"""Hostile JSON through every door (the guard itself, the API, the loader command, the import
review form): a Danish refusal, never a 500, nothing written."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.plan import STRATEGIC
from lib.errors import DomainError
from lib.jsonguard import MAX_DEPTH, load_json
from plans.models import Agreement, Plan

DEEP = b"[" * 100_000 + b"]" * 100_000
HOSTILE: dict[str, tuple[bytes, str]] = {
    "deep": (DEEP, "indlejret for dybt"),
    "just too deep": (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), "indlejret for dybt"),
    "deep objects": (b'{"a":' * 5000 + b"1" + b"}" * 5000, "indlejret for dybt"),
    "lone surrogate": (b'{"kind": "delaftale", "title": "\\ud800"}', "surrogat"),
    "surrogate key": (b'{"\\udfff": 1}', "surrogat"),
    "duplicate key": (b'{"kind": "delaftale", "kind": "delaftale"}', "to gange"),
    "nan": (b'{"kind": NaN}', "NaN"),
    "long number": (b'{"kind": ' + b"9" * 5000 + b"}", "for mange cifre"),
    "not utf-8": (b'{"kind": "\xff"}', "UTF-8"),
    "broken": (b'{"kind": ', "ikke gyldig JSON"),
    "empty": (b"  ", "tom"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_guard_refuses_in_danish(name: str) -> None:
    raw, message = HOSTILE[name]
    with pytest.raises(DomainError) as caught:
        load_json(raw)
    assert message in " ".join(caught.value.messages)


def test_the_guard_reads_ordinary_json_and_the_nesting_it_allows() -> None:
    nested = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert load_json(nested.encode()) is not None
    assert load_json('{"a": ["æøå", 1.5, null, true]}') == {"a": ["æøå", 1.5, None, True]}
    assert load_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}  # a BOM is fine


def test_the_guard_refuses_over_the_size_limit_before_parsing() -> None:
    with pytest.raises(DomainError, match="for stor"):
        load_json(b"[" + b"1," * 600 + b"1]", max_bytes=1000)


def _duplicated_focus_area() -> dict[str, Any]:
    document = copy.deepcopy(STRATEGIC)
    document["focus_areas"] = [
        document["focus_areas"][0],
        copy.deepcopy(document["focus_areas"][0]),
    ]
    return document


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*HOSTILE, "duplicated focus area"])
def test_the_api_answers_400_in_danish(client: Any, personas: Any, plan: Any, name: str) -> None:
    client.force_login(personas["admin"])
    raw, message = (
        (json.dumps(_duplicated_focus_area()).encode(), "Uddannelse og livschancer")
        if name == "duplicated focus area"
        else HOSTILE[name]
    )
    before = (Plan.objects.count(), Agreement.objects.count())
    response = client.post("/api/planer/ny-plan/aftaler/", raw, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    errors = response.json()["fejl"]
    assert any(message in e for e in errors), errors
    assert (Plan.objects.count(), Agreement.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["deep", "lone surrogate", "duplicate key", "long number"])
def test_the_loader_command_refuses_in_danish(tmp_path: Path, plan: Any, name: str) -> None:
    raw, message = HOSTILE[name]
    path = tmp_path / "aftale.json"
    path.write_bytes(raw)
    with pytest.raises(CommandError, match=message):
        call_command("load_json", str(path), "--plan", "ny-plan")
    assert not Plan.objects.filter(slug="ny-plan").exists()


@pytest.mark.django_db
def test_the_loader_command_refuses_a_duplicated_focus_area(tmp_path: Path, plan: Any) -> None:
    path = tmp_path / "aftale.json"
    path.write_text(json.dumps(_duplicated_focus_area()), "utf-8")
    with pytest.raises(CommandError, match="Uddannelse og livschancer"):
        call_command("load_json", str(path), "--plan", "ny-plan")
    assert not Plan.objects.filter(slug="ny-plan").exists()
