"""Interchange format 2 (issue 11): funding_period, scope_kind, process_goals, theory_of_change,
and focus areas checked against the plan's own funding period."""

from __future__ import annotations

import copy
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from plans.interchange import Agreement, InterchangeError
from plans.periods import load_period
from tests.conftest import SHARED, needs_shared
from tests.plans.test_periods import FICTIONAL

EXAMPLES = sorted((SHARED / "formats" / "examples").glob("*.json"))
AGREEMENT_EXAMPLES = [p for p in EXAMPLES if not p.name.startswith("funding-period")]

DELAFTALE: dict[str, Any] = {
    "kind": "delaftale",
    "funding_period": "2031-34",
    "title": "Delaftale for indsatsområdet Skole og fritid",
    "focus_area": "Skole og fritid",
    "period": {"start": "2031-03-01", "end": "2034-02-28"},
    "parties": ["Prøveboliger", "Prøve Kommune"],
    "goals": [
        {
            "text": "Flere børn har en fritidsaktivitet",
            "indicators": [
                {
                    "text": "Andel 10-14-årige i en forening",
                    "baselines": [
                        {"text": "Afd. 3: 22 %", "scope": "Afd. 3", "percent": 22},
                        {
                            "text": "pigerne: 14 %",
                            "scope": "pigerne",
                            "percent": 14,
                            "scope_kind": "target_group",
                        },
                    ],
                    "comparators": [
                        {"text": "41 %", "scope": "Prøve Kommune", "percent": 41, "year": 2030}
                    ],
                    "baseline_year": 2030,
                    "unit": "percent",
                    "direction": "more",
                }
            ],
        }
    ],
    "activity_names": ["Fritidspas"],
    "activities": [
        {
            "name": "Fritidspas",
            "purpose": "Flere børn prøver en forening.",
            "process_goals": [
                {"text": "30 pas om året", "target": 30, "per": "year"},
                {
                    "text": "mindst 10 af dem til piger",
                    "target": 10,
                    "per": "year",
                    "condition": "til piger",
                },
            ],
        }
    ],
    "theory_of_change": {
        "activities": ["Fritidspas"],
        "results": [
            {"horizon": "output", "text": "30 fritidspas om året."},
            {
                "horizon": "long",
                "text": "Flere børn er i en forening.",
                "indicators": ["Andel 10-14-årige i en forening"],
            },
        ],
        "assumptions": ["Foreningerne har plads."],
        "reviewed": "2032-04-15",
    },
}


def _load(slug: str, document: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "aftale.json"
        path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        call_command("load_json", str(path), plan=slug, stdout=io.StringIO())


def _export(slug: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("export_json", plan=slug, stdout=out)
    exported: list[dict[str, Any]] = json.loads(out.getvalue())
    return exported


def _measures(document: dict[str, Any]) -> list[dict[str, Any]]:
    indicator = document["goals"][0]["indicators"][0]
    return list(indicator["baselines"]) + list(indicator["comparators"])


@pytest.mark.django_db
def test_a_delaftale_of_another_period_loads_into_a_plan_of_that_period() -> None:
    from plans.models import Plan

    load_period(FICTIONAL)
    _load("proeve", DELAFTALE)
    plan = Plan.objects.get(slug="proeve")
    assert plan.funding_period.code == "2031-34"  # the new plan takes the document's period
    exported = _export("proeve")[0]
    assert exported["funding_period"] == "2031-34"
    assert exported["focus_area"] == "Skole og fritid"


@pytest.mark.django_db
def test_format_2_parts_survive_load_and_export() -> None:
    load_period(FICTIONAL)
    _load("proeve", DELAFTALE)
    exported = _export("proeve")[0]
    assert exported["theory_of_change"] == DELAFTALE["theory_of_change"]
    assert exported["activities"][0]["process_goals"] == DELAFTALE["activities"][0]["process_goals"]
    kinds = [m.get("scope_kind") for m in _measures(exported)]
    # Given kinds are kept; a figure without one gets the saving code's guess.
    assert kinds == ["department", "target_group", "municipality"]
    # Loading the export again changes nothing: the same kinds, the same theory.
    _load("proeve", exported)
    again = _export("proeve")[0]
    assert again == exported


@pytest.mark.django_db
def test_a_corrected_scope_kind_is_kept_on_the_next_load() -> None:
    load_period(FICTIONAL)
    _load("proeve", DELAFTALE)
    exported = _export("proeve")[0]
    exported["goals"][0]["indicators"][0]["baselines"][0]["scope_kind"] = "housing_area"
    _load("proeve", exported)
    assert _measures(_export("proeve")[0])[0]["scope_kind"] == "housing_area"


@pytest.mark.django_db
def test_the_plans_own_period_decides_which_areas_are_known(plan: Any) -> None:
    from plans.models import Agreement as AgreementRow

    load_period(FICTIONAL)
    document = copy.deepcopy(DELAFTALE)
    document.pop("funding_period")
    before = AgreementRow.objects.filter(plan=plan).count()
    with pytest.raises(CommandError) as raised:
        _load(plan.slug, document)
    assert "Ukendt indsatsområde i bevillingsperioden 2019-26: »Skole og fritid«" in str(
        raised.value
    )
    with pytest.raises(CommandError) as raised:
        _load(plan.slug, {**document, "funding_period": "2031-34"})
    assert (
        "Aftalen hører til bevillingsperioden 2031-34, men planen er i bevillingsperioden 2019-26"
        in str(raised.value)
    )
    assert AgreementRow.objects.filter(plan=plan).count() == before


@pytest.mark.django_db
def test_an_old_delaftale_loads_with_its_own_periods_area() -> None:
    from plans.models import Plan

    document = {
        "kind": "delaftale",
        "funding_period": "2015-18",
        "focus_area": "Tryghed og trivsel",
        "period": {"start": "2016-01-01", "end": "2019-12-31"},
        "parties": ["Gammelby Boligforening"],
        "goals": [],
    }
    _load("gammelby", document)
    assert Plan.objects.get(slug="gammelby").funding_period.code == "2015-18"
    exported = _export("gammelby")[0]
    assert (exported["funding_period"], exported["focus_area"]) == ("2015-18", "Tryghed og trivsel")


@pytest.mark.django_db
def test_an_unknown_period_is_named() -> None:
    with pytest.raises(CommandError, match="Bevillingsperioden 2099-02 findes ikke"):
        _load("ny", {**DELAFTALE, "funding_period": "2099-02"})


def test_from_dict_without_a_plan_checks_the_shape_only() -> None:
    reading = Agreement.from_dict(DELAFTALE)
    assert reading.funding_period == "2031-34"
    assert reading.goals[0].indicators[0].baselines[1].scope_kind == "target_group"
    with pytest.raises(InterchangeError) as raised:
        Agreement.from_dict({**DELAFTALE, "funding_period": 2031})
    assert "»funding_period« skal være tekst eller tom" in raised.value.messages[0]
    bad_kind = copy.deepcopy(DELAFTALE)
    bad_kind["goals"][0]["indicators"][0]["baselines"][0]["scope_kind"] = "gade"
    with pytest.raises(InterchangeError, match="ukendt værdi"):
        Agreement.from_dict(bad_kind)


@needs_shared
@pytest.mark.needs_shared
@pytest.mark.django_db
@pytest.mark.parametrize("path", AGREEMENT_EXAMPLES, ids=[p.stem for p in AGREEMENT_EXAMPLES])
def test_the_shared_examples_load_and_export_unchanged(path: Path) -> None:
    from tests.plans.test_loading import _contained, _prune

    call_command("load_json", str(path), plan="eksempel", stdout=io.StringIO())
    exported = _export("eksempel")[0]
    example = json.loads(path.read_text("utf-8"))
    assert _contained(_prune(example), exported) == []
