"""The interchange format both ways: the CLI, the API and the loader's refusals."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from config.cli import main as cli_main
from plans.models import Agreement, Goal, Indicator, Measure, Plan
from tests.conftest import GOLD_DIR, SHARED, needs_shared

VALID: dict[str, Any] = {
    "kind": "delaftale",
    "title": "Delaftale om tryghed",
    "focus_area": "Kriminalitetsforebyggelse",
    "initiative": "Lilleby i fællesskab",
    "period": {"start": "2024-02-01", "end": "2026-01-31"},
    "parties": ["Lilleby Boligforening", "Lilleby Kommune", "Politiet i Lilleby"],
    "goals": [
        {
            "text": "Flere beboere føler sig trygge om aftenen",
            "indicators": [
                {
                    "text": "Andel, der føler sig trygge efter mørkets frembrud",
                    "baselines": [
                        {
                            "scope": "Afd. 3",
                            "text": "41 beboere (6,3%)",
                            "count": 41,
                            "percent": 6.3,
                        }
                    ],
                    "comparators": [{"scope": "Lilleby Kommune", "text": "2,1 %", "percent": 2.1}],
                    "baseline_year": 2023,
                    "data_source": "Egen tryghedsmåling",
                }
            ],
        }
    ],
    "activity_names": ["Natteravne"],
    "activities": [{"name": "Natteravne", "purpose": "Voksne i gaderne om aftenen."}],
    "staff": [
        {
            "text": "Tryghedsmedarbejder 400t/år",
            "role": "Tryghedsmedarbejder",
            "hours_per_year": 400,
        }
    ],
}


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _contained(gold: Any, got: Any, path: str = "") -> list[str]:
    """Every value of `gold` is in `got` (extra keys in `got`, such as unit, are allowed)."""
    if isinstance(gold, dict):
        problems = []
        for key, value in gold.items():
            if key not in got:
                problems.append(f"{path}{key} missing")
            else:
                problems += _contained(value, got[key], f"{path}{key}.")
        return problems
    if isinstance(gold, list):
        if len(gold) != len(got):
            return [f"{path} has {len(got)} items, expected {len(gold)}"]
        return [
            p
            for i, (a, b) in enumerate(zip(gold, got, strict=True))
            for p in _contained(a, b, f"{path}{i}.")
        ]
    return [] if gold == got else [f"{path}: {got!r} != {gold!r}"]


def _export(slug: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("export_json", plan=slug, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_load_then_export_gives_the_same_content(tmp_path: Path) -> None:
    path = tmp_path / "aftale.json"
    path.write_text(json.dumps(VALID, ensure_ascii=False), "utf-8")
    call_command("load_json", str(path), plan="lilleby", stdout=io.StringIO())
    exported = _export("lilleby")
    assert len(exported) == 1
    assert _contained(_prune(VALID), exported[0]) == []
    assert Plan.objects.get(slug="lilleby").agreements.count() == 1


@pytest.mark.django_db
def test_loading_again_replaces_a_draft_and_starts_a_new_version_of_an_approved_one(
    tmp_path: Path, django_user_model: Any
) -> None:
    from plans import revisions

    board = django_user_model.objects.create_user("b")
    path = tmp_path / "aftale.json"
    path.write_text(json.dumps(VALID), "utf-8")
    call_command("load_json", str(path), plan="lilleby", stdout=io.StringIO())
    path.write_text(json.dumps({**VALID, "parties": ["Lilleby Kommune"]}), "utf-8")
    call_command("load_json", str(path), plan="lilleby", stdout=io.StringIO())
    agreement = Agreement.objects.get(plan__slug="lilleby")
    assert (agreement.version, agreement.status) == (1, "draft")
    assert [p.name for p in agreement.parties.all()] == ["Lilleby Kommune"]

    revisions.agreement_submit(agreement=agreement, user=None, sent_on=dt.date(2024, 3, 1))
    revisions.agreement_approve(agreement=agreement, user=board, meeting_date=dt.date(2024, 3, 1))
    path.write_text(json.dumps(VALID), "utf-8")
    call_command("load_json", str(path), plan="lilleby", stdout=io.StringIO())
    agreement.refresh_from_db()
    assert (agreement.version, agreement.status) == (2, "draft")
    approved = revisions.agreement_version(agreement, 1)
    assert approved is not None and approved.data["parties"] == ["Lilleby Kommune"]
    assert agreement.audit_entries.filter(action__contains="indlæst").count() == 2


@needs_shared
@pytest.mark.needs_shared
@pytest.mark.django_db
@pytest.mark.parametrize(
    "gold_file",
    sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else [],
    ids=lambda p: p.stem[:3],
)
def test_gold_readings_load_and_export_unchanged(gold_file: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    slug = "gold-" + gold_file.stem[:3]
    call_command("load_json", str(gold_file), plan=slug, stdout=io.StringIO())
    exported = _export(slug)[0]
    gold = json.loads(gold_file.read_text("utf-8"))
    assert _contained(_prune(gold), exported) == []
    assert score.score_document(gold, exported).totals()["f1"] == 1.0


@pytest.mark.django_db
def test_console_script_round_trip(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    from django.db import connections

    # A management command closes every connection when it ends; the test's own transaction
    # must survive it (on PostgreSQL that connection is the test database).
    monkeypatch.setattr(connections, "close_all", lambda: None)
    path = tmp_path / "aftale.json"
    path.write_text(json.dumps(VALID), "utf-8")
    assert cli_main(["load-json", str(path), "--plan", "lilleby"]) == 0
    assert cli_main(["export-json", "--plan", "lilleby"]) == 0
    printed = capsys.readouterr().out
    exported = json.loads(printed[printed.index("[") :])
    assert exported[0]["parties"] == VALID["parties"]


BAD = [
    ({k: v for k, v in VALID.items() if k != "goals"}, "»goals« mangler"),
    ({**VALID, "parties": "Lilleby Kommune"}, "skal være en liste"),
    ({**VALID, "period": {"start": "2026-01-01", "end": "2024-01-01"}}, "slutter"),
    ({**VALID, "period": {"start": "1. februar 2024", "end": None}}, "Ugyldig dato"),
    ({**VALID, "focus_area": "Sundhed"}, "Ukendt indsatsområde"),
    (
        {
            **VALID,
            "goals": [{"text": "Mål", "indicators": [{"text": "x", "baseline_year": "2020"}]}],
        },
        "helt tal",
    ),
    ({**VALID, "kind": "delaftale", "focus_area": None}, "skal have et indsatsområde"),
    (
        {
            **VALID,
            "goals": [
                {
                    "text": "Mål",
                    "indicators": [{"text": "x", "baselines": [{"text": "120 %", "percent": 120}]}],
                }
            ],
        },
        "100",
    ),
    ([VALID, VALID], "flere delaftaler"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("document", "message"), BAD, ids=[m for _, m in BAD])
def test_loader_refuses_bad_documents_and_saves_nothing(
    tmp_path: Path, plan: Plan, document: Any, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), "utf-8")
    before = (
        Plan.objects.count(),
        Agreement.objects.count(),
        Goal.objects.count(),
        Indicator.objects.count(),
        Measure.objects.count(),
    )
    with pytest.raises(CommandError) as raised:
        call_command("load_json", str(path), plan=plan.slug, stdout=io.StringIO())
    assert message in str(raised.value)
    after = (
        Plan.objects.count(),
        Agreement.objects.count(),
        Goal.objects.count(),
        Indicator.objects.count(),
        Measure.objects.count(),
    )
    assert after == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "tom"),
        (b"{not json", "ikke gyldig JSON"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"[]", "ingen aftaler"),
    ],
)
def test_loader_refuses_files_that_are_not_json(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("load_json", str(path), plan="ny-plan", stdout=io.StringIO())
    assert not Plan.objects.filter(slug="ny-plan").exists()


@pytest.mark.django_db
def test_loader_refuses_a_50_mb_file(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.write(b'{"kind": "delaftale", "x": "')
        handle.write(b"a" * (50 * 1024 * 1024))
        handle.write(b'"}')
    with pytest.raises(CommandError, match="for stor"):
        call_command("load_json", str(path), plan="ny-plan", stdout=io.StringIO())
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_a_bad_slug_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(VALID), "utf-8")
    with pytest.raises(CommandError, match="kortnavn"):
        call_command("load_json", str(path), plan="Ikke Et Slug!", stdout=io.StringIO())


@pytest.mark.django_db
def test_api_loads_and_exports(client: Any, personas: dict[str, Any], plan: Plan) -> None:
    client.force_login(personas["koordinator"])
    url = reverse("api_plan_agreements", args=[plan.slug])
    created = client.post(url, data=json.dumps(VALID), content_type="application/json")
    assert created.status_code == 201
    agreement_id = created.json()["aftaler"][0]
    one = client.get(reverse("api_agreement", args=[agreement_id])).json()
    assert one["goals"][0]["indicators"][0]["baselines"][0]["count"] == 41
    listed = client.get(url).json()
    assert "Kriminalitetsforebyggelse" in [a.get("focus_area") for a in listed]


@pytest.mark.django_db
def test_api_refuses_bad_input_with_danish_json(
    client: Any, personas: dict[str, Any], plan: Plan
) -> None:
    client.force_login(personas["koordinator"])
    url = reverse("api_plan_agreements", args=[plan.slug])
    before = Agreement.objects.count()
    bad = client.post(
        url, data=json.dumps({**VALID, "focus_area": "Sundhed"}), content_type="application/json"
    )
    assert bad.status_code == 400
    assert any("Sundhed" in m for m in bad.json()["fejl"])
    garbage = client.post(url, data=b"<html>", content_type="application/json")
    assert garbage.status_code == 400
    assert Agreement.objects.count() == before


@pytest.mark.django_db
def test_web_upload_of_json(client: Any, personas: dict[str, Any], plan: Plan) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas["koordinator"])
    url = reverse("plan_import_json", args=[plan.slug])
    bad = SimpleUploadedFile(
        "a.json",
        json.dumps({**VALID, "period": {"start": "2026-01-01", "end": "2024-01-01"}}).encode(),
    )
    response = client.post(url, {"file": bad})
    assert response.status_code == 200
    assert "Perioden slutter" in response.content.decode()
    good = SimpleUploadedFile("a.json", json.dumps(VALID).encode())
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert Agreement.objects.filter(
        plan=plan, focus_area__name="Kriminalitetsforebyggelse"
    ).exists()


@pytest.mark.django_db
def test_a_new_version_from_a_document_keeps_indicators_their_measurements_unit_and_direction(
    plan: Plan, personas: dict[str, Any]
) -> None:
    """Word and PDF carry no unit or direction; importing them must not reset those, and the
    follow-up data recorded on an indicator must survive every new version."""
    from decimal import Decimal

    from followup.models import Measurement
    from followup.services import measurement_record
    from plans import interchange as ix
    from plans.loading import plan_load_interchange
    from plans.selectors import agreement_to_interchange

    sub = Agreement.objects.with_chain().get(
        plan=plan, focus_area__name="Uddannelse og livschancer"
    )
    indicator = Indicator.objects.get(goal__agreement=sub)
    indicator.unit, indicator.direction = "count", "less"
    indicator.save()
    measurement_record(indicator=indicator, year=2024, count=Decimal(12))
    document = agreement_to_interchange(sub)
    for goal in document.goals:
        goal.text = goal.text + " (revideret)"
        for ind in goal.indicators:
            ind.unit = ind.direction = None  # as a Word file reads back
            ind.baselines = [ix.Measure(text="63 %", percent=63)]
    plan_load_interchange(
        slug=plan.slug, documents=[document.to_dict()], user=personas["koordinator"]
    )

    kept = Indicator.objects.get(pk=indicator.pk)
    assert (kept.unit, kept.direction) == ("count", "less")
    assert kept.goal.text.endswith("(revideret)")
    assert [m.text for m in kept.measures.all()] == ["63 %"]
    assert Measurement.objects.filter(indicator=kept).count() == 1

    dropped = agreement_to_interchange(Agreement.objects.with_chain().get(pk=sub.pk))
    dropped.goals = []
    with pytest.raises(ValidationError, match="registreret målinger"):
        plan_load_interchange(slug=plan.slug, documents=[dropped.to_dict()])
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert Measurement.objects.filter(indicator=kept).count() == 1
