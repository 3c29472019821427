"""Every JSON API reads its body through the one guard (`lib.jsonguard.load_json` through
`plans.api.request_json`): a body nested too deep or over the size limit gets a Danish 400,
never a 500, and nothing is written."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from followup.models import Measurement
from plans.models import Agreement, AuditEntry

ROOT = Path(__file__).resolve().parents[2]
DEEP = b'{"a":' * 5000 + b"1" + b"}" * 5000
LIMIT = 4096
BIG = b'{"note": "' + b"x" * (LIMIT * 2) + b'"}'


def _doors(plan: Any) -> list[tuple[str, str]]:
    """Each API that takes a body, and the role that may use it."""
    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    return [
        (f"/api/planer/{plan.slug}/aftaler/", "admin"),
        (f"/api/planer/{plan.slug}/maalinger/", "koordinator"),
        (f"/api/planer/{plan.slug}/bestyrelsesmoede/", "koordinator"),
        (f"/api/aftaler/{sub.pk}/godkendelse/", "bestyrelse"),
        (f"/api/aftaler/{sub.pk}/lbf-godkendelse/", "koordinator"),
    ]


def _written() -> tuple[int, int, int]:
    return (Agreement.objects.count(), Measurement.objects.count(), AuditEntry.objects.count())


@pytest.mark.django_db
@pytest.mark.parametrize("door", range(5))
def test_a_body_nested_too_deep_is_refused_in_danish(
    client: Any, plan: Any, personas: dict[str, Any], door: int
) -> None:
    url, role = _doors(plan)[door]
    client.force_login(personas[role])
    before = _written()
    response = client.post(url, DEEP, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert any("indlejret for dybt" in e for e in response.json()["fejl"])
    assert _written() == before


@pytest.mark.django_db
@pytest.mark.parametrize("door", range(5))
def test_a_body_over_the_limit_is_refused_in_danish(
    client: Any, plan: Any, personas: dict[str, Any], door: int
) -> None:
    url, role = _doors(plan)[door]
    client.force_login(personas[role])
    before = _written()
    with override_settings(MAX_UPLOAD_BYTES=LIMIT, DATA_UPLOAD_MAX_MEMORY_SIZE=LIMIT):
        response = client.post(url, BIG, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert any("for stor" in e for e in response.json()["fejl"]), response.json()
    assert _written() == before


@pytest.mark.django_db
def test_a_body_over_the_guards_limit_but_under_djangos_is_refused_too(
    client: Any, plan: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    with override_settings(MAX_UPLOAD_BYTES=LIMIT, DATA_UPLOAD_MAX_MEMORY_SIZE=LIMIT * 10):
        response = client.post(
            f"/api/planer/{plan.slug}/maalinger/", BIG, content_type="application/json"
        )
    assert response.status_code == 400
    assert any("for stor" in e for e in response.json()["fejl"])


def test_no_api_module_parses_json_or_reads_the_body_itself() -> None:
    """Only `plans.api.request_body` touches `request.body`; nothing in an API calls
    json.loads."""
    offenders = []
    for path in sorted(ROOT.glob("*/*api*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "loads":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} json.loads")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "body"
                and isinstance(node.value, ast.Name)
                and node.value.id == "request"
                and not (path.name == "api.py" and path.parent.name == "plans")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} request.body")
    assert len(list(ROOT.glob("*/*api*.py"))) >= 3
    assert not offenders, offenders
