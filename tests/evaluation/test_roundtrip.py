"""The forandringsteori and the process goals round-trip through load-json/export-json and the
JSON API exactly as the shared example writes them (issue 10, done-when)."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.conftest import SHARED

EXAMPLE = SHARED / "formats" / "examples" / "delaftale-forandringsteori.json"
needs_example = pytest.mark.skipif(
    not EXAMPLE.is_file(), reason="../shared is not beside this clone"
)


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def _export(slug: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("export_json", plan=slug, stdout=out)
    exported: list[dict[str, Any]] = json.loads(out.getvalue())
    return exported


def _goals(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {a["name"]: a.get("process_goals") for a in document["activities"]}


@needs_example
@pytest.mark.django_db
def test_load_json_then_export_json_gives_back_theory_and_process_goals_unchanged() -> None:
    from evaluation.models import ProcessGoal, TheoryOfChange, TheoryResultIndicator

    call_command("load_json", str(EXAMPLE), plan="naboskab", stdout=io.StringIO())
    # Stored as rows, with the result's indicators linked to the delaftale's own indicators.
    theory = TheoryOfChange.objects.get(agreement__plan__slug="naboskab")
    assert theory.focus_area.name == "Sammenhængskraft og medborgerskab"
    links = TheoryResultIndicator.objects.filter(result__theory=theory)
    assert links.count() == 3 and all(link.indicator_id for link in links)
    assert ProcessGoal.objects.filter(agreement=theory.agreement).count() == 4

    exported = _export("naboskab")[0]
    example = _example()
    assert exported["theory_of_change"] == example["theory_of_change"]
    assert _goals(exported) == _goals(example)
    # And once more: exporting what was exported changes nothing.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "igen.json"
        path.write_text(json.dumps(exported, ensure_ascii=False), "utf-8")
        call_command("load_json", str(path), plan="naboskab", stdout=io.StringIO())
    assert _export("naboskab")[0] == exported


@needs_example
@pytest.mark.django_db
def test_the_json_api_loads_and_gives_back_theory_and_process_goals(
    client: Any, personas: dict[str, Any]
) -> None:
    from accounts.models import Membership, Role

    client.force_login(personas["admin"])
    response = client.post(
        "/api/planer/naboskab/aftaler/", EXAMPLE.read_bytes(), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    pk = response.json()["aftaler"][0]
    got = client.get(f"/api/aftaler/{pk}/").json()
    example = _example()
    assert got["theory_of_change"] == example["theory_of_change"]
    assert _goals(got) == _goals(example)
    listed = client.get("/api/planer/naboskab/aftaler/").json()
    assert listed[0]["theory_of_change"] == example["theory_of_change"]
    # A reader of another plan gets the same 404 as for a missing one.
    client.force_login(personas["outsider"])
    assert client.get(f"/api/aftaler/{pk}/").status_code == 404
    assert Membership.objects.filter(role=Role.ADMIN).exists()


@pytest.mark.django_db
def test_the_theory_is_in_the_snapshot_the_board_approves(plan: Any) -> None:
    from plans import interchange as ix
    from plans.loading import plan_load_interchange
    from plans.models import Agreement
    from plans.revisions import agreement_submit

    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    data = json.loads(
        json.dumps(
            ix.Agreement.from_dict(
                {
                    "kind": "delaftale",
                    "focus_area": "Uddannelse og livschancer",
                    "period": {"start": None, "end": None},
                    "parties": [],
                    "goals": [
                        {
                            "text": "Flere unge gennemfører 9. klasse",
                            "indicators": [{"text": "Andel elever med afgangsprøve"}],
                        }
                    ],
                    "activities": [
                        {
                            "name": "Lektiecafé",
                            "process_goals": [
                                {"text": "30 gange om året", "target": 30, "per": "year"}
                            ],
                        }
                    ],
                    "theory_of_change": {
                        "activities": ["Lektiecafé"],
                        "results": [
                            {
                                "horizon": "long",
                                "text": "Flere består",
                                "indicators": ["Andel elever med afgangsprøve"],
                            }
                        ],
                    },
                }
            ).to_dict()
        )
    )
    plan_load_interchange(slug=plan.slug, documents=[data])
    revision = agreement_submit(agreement=sub, user=None)
    assert revision.snapshot["theory_of_change"]["results"][0]["indicators"] == [
        "Andel elever med afgangsprøve"
    ]
    assert revision.snapshot["activities"][0]["process_goals"][0]["target"] == 30


@needs_example
@pytest.mark.django_db
def test_a_document_without_a_theory_keeps_the_plans_and_one_with_it_replaces_it() -> None:
    """A Word or PDF reading that finds no forandringsteori does not erase the plan's."""
    from evaluation.models import ProcessGoal, TheoryOfChange
    from plans.loading import plan_load_interchange

    example = _example()
    plan_load_interchange(slug="naboskab", documents=[example])
    bare = json.loads(json.dumps(example))
    bare.pop("theory_of_change")
    for activity in bare["activities"]:
        activity.pop("process_goals")
    plan_load_interchange(slug="naboskab", documents=[bare], reason="Word")
    assert TheoryOfChange.objects.count() == 1 and ProcessGoal.objects.count() == 4
    changed = json.loads(json.dumps(example))
    changed["theory_of_change"]["assumptions"] = ["Kun én forudsætning."]
    changed["activities"][0]["process_goals"] = [{"text": "30 caféer", "target": 30, "per": "year"}]
    plan_load_interchange(slug="naboskab", documents=[changed], reason="Ny udgave")
    exported = _export("naboskab")[0]
    assert exported["theory_of_change"]["assumptions"] == ["Kun én forudsætning."]
    assert _goals(exported)["Nabocaféen"] == [{"text": "30 caféer", "target": 30, "per": "year"}]


@pytest.mark.django_db
def test_a_baseline_keeps_its_survey_sample_through_export_load_and_a_reading_without_it(
    plan: Any,
) -> None:
    from plans.loading import plan_load_interchange
    from plans.models import Measure

    Measure.objects.filter(role="baseline").update(
        survey_series="Naboskabsmålingen", survey_respondents=120, survey_invited=300
    )
    exported = [
        d for d in _export(plan.slug) if d.get("focus_area") == "Uddannelse og livschancer"
    ][0]
    sample = exported["goals"][0]["indicators"][0]["baselines"][0]["survey"]
    assert sample == {"series": "Naboskabsmålingen", "invited": 300, "respondents": 120}
    bare = json.loads(json.dumps(exported))
    bare["goals"][0]["indicators"][0]["baselines"][0].pop("survey")
    plan_load_interchange(slug=plan.slug, documents=[bare], reason="Word")
    assert Measure.objects.get(role="baseline").survey_respondents == 120
    bad = json.loads(json.dumps(exported))
    bad["goals"][0]["indicators"][0]["baselines"][0]["survey"]["respondents"] = 500
    with pytest.raises(Exception, match="flere svarpersoner"):
        plan_load_interchange(slug=plan.slug, documents=[bad], reason="Forkert")
    assert Measure.objects.get(role="baseline").survey_respondents == 120


@pytest.mark.django_db
def test_a_strategic_agreements_focus_area_theories_round_trip(plan: Any) -> None:
    from evaluation.models import TheoryOfChange
    from plans.loading import plan_load_interchange

    strategic = next(d for d in _export(plan.slug) if d["kind"] == "strategisk_samarbejdsaftale")
    theory = {
        "activities": [],
        "results": [{"horizon": "long", "text": "Flere får en uddannelse.", "indicators": []}],
        "assumptions": ["Skolerne er med."],
        "reviewed": None,
    }
    strategic["focus_areas"] = [
        {
            "name": "Uddannelse og livschancer",
            "problem_complex": "Lav skolegang.",
            "theory_of_change": theory,
        }
    ]
    plan_load_interchange(slug=plan.slug, documents=[strategic])
    assert TheoryOfChange.objects.filter(agreement__kind="strategisk_samarbejdsaftale").count() == 1
    again = next(d for d in _export(plan.slug) if d["kind"] == "strategisk_samarbejdsaftale")
    assert again["focus_areas"][0]["theory_of_change"] == theory


@needs_example
@pytest.mark.django_db
def test_the_old_extra_blob_is_no_longer_written_and_its_other_keys_are_kept() -> None:
    """The forandringsteori and process goals live as rows (evaluation/), not in
    `Agreement.extra`: a load writes none there, drops an old copy, keeps any other key, and
    the export still gives them back as the example has them."""
    from plans.models import Agreement

    call_command("load_json", str(EXAMPLE), plan="naboskab", stdout=io.StringIO())
    agreement = Agreement.objects.get(plan__slug="naboskab", is_current=True)
    assert not {"theory_of_change", "focus_area_theories", "process_goals"} & set(agreement.extra)
    # An agreement saved by an earlier version: a stale copy and a key of something else.
    stale = {"theory_of_change": {"activities": ["Gammel"]}, "process_goals": {}, "andet": 1}
    Agreement.objects.filter(pk=agreement.pk).update(extra=stale)
    changed = {**_example(), "vision": "En ny vision for naboskabet."}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ny.json"
        path.write_text(json.dumps(changed, ensure_ascii=False), "utf-8")
        call_command("load_json", str(path), plan="naboskab", stdout=io.StringIO())
    agreement = Agreement.objects.get(plan__slug="naboskab", is_current=True)
    assert agreement.vision == "En ny vision for naboskabet."
    assert agreement.extra == {"andet": 1}
    exported = _export("naboskab")[0]
    example = _example()
    assert exported["theory_of_change"] == example["theory_of_change"]
    assert _goals(exported) == _goals(example)
