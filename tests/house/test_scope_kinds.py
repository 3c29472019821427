"""`scope_kind` of every baseline and comparator travels the spine: loading and exporting keep
it, revision snapshots carry it, the version diff shows a change of it in Danish, and a
person's correction survives a re-import of a document that does not state it."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

EXAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "formats"
    / "examples"
    / "delaftale-forandringsteori.json"
)


def _kinds(document: dict[str, Any]) -> list[tuple[str, str, str | None, Any]]:
    return sorted(
        (i["text"], role, m.get("scope"), m.get("scope_kind"))
        for g in document.get("goals") or []
        for i in g.get("indicators") or []
        for role in ("baselines", "comparators")
        for m in i.get(role) or []
    )


def test_the_diff_says_in_danish_that_a_scope_kind_changed() -> None:
    from plans.diff import agreement_diff

    def doc(kind: str | None) -> dict[str, Any]:
        measure = {"text": "12 %", "scope": "Afd. 7", "percent": 12.0}
        if kind:
            measure["scope_kind"] = kind
        return {
            "kind": "delaftale",
            "goals": [{"text": "Flere i job", "indicators": [{"text": "Andel i job",
                                                               "baselines": [measure]}]}],
        }  # fmt: skip

    changes = [str(c) for c in agreement_diff(doc("housing_area"), doc("department"))]
    assert changes == [
        "Omfangstype for baseline »Afd. 7« (Andel i job) ændret fra »boligområde« til »afdeling«"
    ]
    # a document that does not state the kind (Word, PDF) keeps it: no change
    assert agreement_diff(doc("department"), doc(None)) == []


def _approve(agreement: Any, user: Any) -> None:
    from plans import revisions

    revisions.agreement_submit(agreement=agreement, user=None)  # four eyes: another sent it
    revisions.agreement_approve(agreement=agreement, user=user, meeting_date=timezone.localdate())


@pytest.fixture
def corrected(plan: Any, personas: dict[str, Any]) -> Any:
    """Version 1 approved with the baseline as »hele området«; version 2 is a koordinator's
    correction of its scope kind to »afdeling« (through the part form's service)."""
    from plans import revisions, services
    from plans.models import Agreement, Measure

    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    measure = Measure.objects.get(indicator__goal__agreement=sub)
    Measure.objects.filter(pk=measure.pk).update(scope="Afd. 3")
    _approve(sub, personas["bestyrelse"])
    revisions.change_agreement(
        agreement=sub,
        user=personas["koordinator"],
        action="Baseline ændret",
        reason="Tallet gælder afdeling 3",
        change=lambda: services.measure_save(
            indicator=measure.indicator,
            measure=Measure.objects.get(pk=measure.pk),
            role="baseline",
            text="61 %",
            percent=61,
            scope="Afd. 3",
            scope_kind="department",
        ),
    )
    revisions.agreement_submit(agreement=sub, user=personas["koordinator"])
    return Agreement.objects.get(pk=sub.pk)


@pytest.mark.django_db
def test_the_snapshot_and_the_version_diff_carry_the_correction(corrected: Any) -> None:
    from plans import revisions

    v1 = revisions.agreement_version(corrected, 1)
    v2 = revisions.agreement_version(corrected, 2)
    assert v1 is not None and v2 is not None
    assert [k[3] for k in _kinds(v1.data)] == ["whole"]
    assert [k[3] for k in _kinds(v2.data)] == ["department"]
    assert [str(c) for c in revisions.compare(corrected, 1, 2)] == [
        "Omfangstype for baseline »Afd. 3« (Andel elever med afgangsprøve) ændret fra "
        "»hele området / målgruppen« til »afdeling«"
    ]


@pytest.mark.django_db
def test_the_compare_page_and_the_board_see_the_scope_kind_change(
    client: Any, corrected: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["bestyrelse"])
    page = client.get(f"/aftaler/{corrected.pk}/sammenlign/?fra=1&til=2").content.decode()
    assert "Omfangstype for baseline »Afd. 3«" in page
    assert "hele området / målgruppen" in page and "afdeling" in page
    decide = client.get(f"/aftaler/{corrected.pk}/godkendelse/").content.decode()
    assert "Omfangstype for baseline »Afd. 3«" in decide


@pytest.mark.django_db
def test_a_persons_correction_survives_a_reimport_without_scope_kinds(
    corrected: Any, personas: dict[str, Any]
) -> None:
    """A document read from Word or PDF states no scope kind: the one a person set stays."""
    from plans import revisions
    from plans.loading import plan_load_interchange
    from plans.models import Measure

    bestyrelse = personas["bestyrelse"]
    revisions.agreement_approve(
        agreement=corrected, user=bestyrelse, meeting_date=timezone.localdate()
    )
    document = revisions.agreement_version(corrected, 2).data  # type: ignore[union-attr]
    for goal in document["goals"]:
        for indicator in goal["indicators"]:
            for m in indicator.get("baselines", []) + indicator.get("comparators", []):
                m.pop("scope_kind", None)
    document["revision"] = "Ny udgave fra Word"
    plan_load_interchange(
        slug=corrected.plan.slug, documents=[document], user=personas["koordinator"]
    )
    assert Measure.objects.get(indicator__goal__agreement=corrected).scope_kind == "department"


@pytest.mark.django_db
@pytest.mark.skipif(not EXAMPLE.is_file(), reason="../shared (formats/examples) is not beside "
                    "this clone; it is in CI")  # fmt: skip
def test_load_json_then_export_json_keeps_every_scope_kind_of_the_shared_example() -> None:
    original = json.loads(EXAMPLE.read_text("utf-8"))
    call_command("load_json", str(EXAMPLE), plan="eksempel", stdout=io.StringIO())
    out = io.StringIO()
    call_command("export_json", plan="eksempel", stdout=out)
    exported = next(
        a for a in json.loads(out.getvalue()) if a.get("focus_area") == original["focus_area"]
    )
    assert _kinds(original) and all(k[3] for k in _kinds(original))
    assert _kinds(exported) == _kinds(original)


@pytest.mark.django_db
def test_a_snapshot_taken_before_scope_kinds_compares_without_inventing_changes(
    plan: Any, personas: dict[str, Any]
) -> None:
    """Old snapshots (format 1) have no scope_kind; comparing with them shows no change of
    kind, as the document stated none."""
    from plans.diff import agreement_diff
    from plans.models import Agreement
    from plans.revisions import working_copy

    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    new = working_copy(sub).data
    old = json.loads(json.dumps(new))
    for goal in old["goals"]:
        for indicator in goal["indicators"]:
            for m in indicator.get("baselines", []):
                m.pop("scope_kind", None)
    assert [c for c in agreement_diff(old, new) if "Omfangstype" in c.what] == []
