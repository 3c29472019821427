"""The import review as a koordinator uses it: formsets for every part, warnings beside their
fields, another plan's document said so before saving, and nothing half-saved or lost."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from importing import jobs
from importing.consistency import plan_mismatches
from importing.forms import Review, review_post_data
from importing.models import ImportStatus
from plans.models import Agreement, Measure, StaffResource
from tests.conftest import GOLD_DIR, needs_shared
from tests.importing.reviewing import (
    FOCUS_AREAS,
    post_review,
    ready_job,
    review_data,
    signed_in,
)
from tests.importing.test_command import SUBAGREEMENT

pytestmark = pytest.mark.django_db


def _snapshot(plan: Any) -> list[Any]:
    return list(
        Agreement.objects.filter(plan=plan)
        .order_by("pk")
        .values_list("pk", "version", "initiative", "title")
    ) + [list(StaffResource.objects.values_list("text", flat=True))]


def _row(html: str, row_id: str) -> str:
    """The HTML of one formset row (up to where the next row of any level begins)."""
    start = html.index(f'id="row-{row_id}"')
    end = html.find('<li class="app-row', start + 10)
    return html[start : end if end > 0 else len(html)]


# -- the page ----------------------------------------------------------------------------------


def test_the_review_is_a_form_of_formsets_not_json(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert "_json" not in html and "JSON" not in html
    for name in (
        "goals-TOTAL_FORMS",
        "goals-0-text",
        "goals-0-indicators-0-text",
        "goals-0-indicators-0-baselines-0-text",
        "goals-0-indicators-0-baselines-0-scope_kind",
        "goals-0-indicators-0-comparators-0-scope",
        "parties-1-name",
        "staff-TOTAL_FORMS",
        "activities-TOTAL_FORMS",
        "goals-0-DELETE",
        "goals-0-ORDER",
    ):
        assert f'name="{name}"' in html, name
    # each formset carries an empty row for the script, with its own placeholder per level
    assert 'name="goals-__goals__-text"' in html
    assert 'name="goals-0-indicators-__indicators__-text"' in html
    # the comparator "Kommunen (80 %)" is shown with the scope kind saving would give it
    comparator = _row(html, "goals-0-indicators-0-comparators-0")
    assert re.search(r'<option value="municipality" selected>', comparator)
    # the source text is readable and the script is a file (CSP: no inline handlers)
    assert 'id="source-text"' in html and "Sammen i Tværgaden" in html
    assert "importing/import.js" in html and "onclick" not in html


STRATEGIC = """Strategisk samarbejdsaftale

Områdets navn:

Tværgaden

Aftalens parter:

Lilleby Boligforening
Lilleby Kommune

Vision

Et trygt boligområde.
"""


def test_a_strategic_agreement_shows_its_parts(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, STRATEGIC)
    assert job.result and job.result["kind"] == "strategisk_samarbejdsaftale"
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    for name in ("housing_areas-0-name", "housing_areas-0-departments-0-number",
                 "focus_areas-0-name", "focus_areas-0-problem_complex", "vision",
                 "organisation", "local_evaluation", "revision"):  # fmt: skip
        assert f'name="{name}"' in html, name
    assert 'name="staff-TOTAL_FORMS"' not in html  # a strategic agreement has no staff lines


def test_a_strategic_agreements_areas_departments_and_focus_areas_are_saved(
    personas: dict[str, Any], plan: Any
):
    from plans.models import Department

    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, STRATEGIC)
    data = review_data(job, confirm="1")
    data["housing_areas-0-name"] = "Tværgaden Nord"
    data["housing_areas-0-departments-0-number"] = "12"
    data["housing_areas-0-departments-0-organisation"] = "Lilleby Boligforening"
    data["focus_areas-0-name"] = "Beskæftigelse"
    data["focus_areas-0-problem_complex"] = "For få i job."
    data["vision"] = "Et trygt og aktivt boligområde."
    response = post_review(client, job, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    assert strategic.vision == "Et trygt og aktivt boligområde."
    (section,) = strategic.focus_area_sections.all()
    assert (section.focus_area.name, section.problem_complex) == ("Beskæftigelse", "For få i job.")
    department = Department.objects.get(
        housing_area__plan=plan, housing_area__name="Tværgaden Nord"
    )
    assert department.number == "12" and department.organisation_text == "Lilleby Boligforening"


def test_an_unknown_focus_area_is_refused_in_danish(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, STRATEGIC)
    before = _snapshot(plan)
    data = review_data(job, confirm="1")
    data["focus_areas-0-name"] = "Tryghed og trivsel"
    response = post_review(client, job, data)
    assert response.status_code == 200 and "gyldig valgmulighed" in response.content.decode()
    assert _snapshot(plan) == before


def test_warnings_stand_beside_their_field_and_the_rest_at_the_top(
    personas: dict[str, Any], plan: Any
):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    assert job.result is not None
    job.result["warnings"] = ["Indikatorens baseline er usikker.", "Side 3 kunne ikke læses."]
    job.warning_fields = {
        "goals.0.indicators.0": ["Indikatorens baseline er usikker."],
        "staff": ["Ingen medarbejderressourcer fundet."],
    }
    job.result["warnings"].append("Ingen medarbejderressourcer fundet.")
    job.save()
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    indicator = _row(html, "goals-0-indicators-0")
    assert "Indikatorens baseline er usikker." in indicator
    staff = html[html.index('id="rows-staff"') :]
    assert "Ingen medarbejderressourcer fundet." in staff[:1500]
    top = html[html.index("app-import-warnings") : html.index("changes-heading")]
    assert "Side 3 kunne ikke læses." in top
    assert "Indikatorens baseline er usikker." not in top


def test_the_readings_warnings_per_field_are_kept_with_the_job(
    personas: dict[str, Any], plan: Any, monkeypatch: pytest.MonkeyPatch
):
    """What the recognisers tie to a part (`Agreement.warn(message, path)`) survives the job."""
    real = jobs.read_document

    def read_and_warn(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        result.agreement.warn("Ingen medarbejderressourcer fundet.", "staff")
        result.agreement.warn("Delmålet står uden tekst.", "goals.0")
        return result

    monkeypatch.setattr(jobs, "read_document", read_and_warn)
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    assert job.warning_fields == {
        "staff": ["Ingen medarbejderressourcer fundet."],
        "goals.0": ["Delmålet står uden tekst."],
    }
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert "Delmålet står uden tekst." in _row(html, "goals-0")


def test_warnings_follow_their_rows_when_rows_move(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    job.warning_fields = {"goals.0": ["Delmålet er usikkert."]}
    job.save()
    data = review_data(job, update="1")
    data["goals-1-text"] = "Et nyt første delmål"
    data["goals-1-ORDER"] = "1"
    data["goals-0-ORDER"] = "2"
    assert post_review(client, job, data).status_code == 302
    job.refresh_from_db()
    assert job.result is not None
    assert [g["text"] for g in job.result["goals"]][0] == "Et nyt første delmål"
    assert job.warning_fields == {"goals.1": ["Delmålet er usikkert."]}


# -- saving --------------------------------------------------------------------------------


def test_staff_lines_added_in_the_form_are_saved(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    data = review_data(job, confirm="1")
    assert data["staff-TOTAL_FORMS"] == "1"  # the blank extra row
    data["staff-0-text"] = "Projektleder, 50 %"
    data["staff-0-role"] = "Projektleder"
    data["staff-TOTAL_FORMS"] = "2"  # a second row, as the script adds it
    data["staff-1-text"] = "Klubmedarbejder"
    data["staff-1-hours_per_year"] = "1.200"
    response = post_review(client, job, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    staff = list(agreement.staff.order_by("order"))
    assert [(s.text, s.role) for s in staff] == [
        ("Projektleder, 50 %", "Projektleder"),
        ("Klubmedarbejder", ""),
    ]
    assert staff[0].share_percent == 50  # read from the written line, as the staff form does
    assert staff[1].hours_per_year == 1200  # a Danish thousands separator


def test_rows_are_removed_reordered_and_scope_kinds_kept(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    data = review_data(job, confirm="1")
    prefix = "goals-0-indicators-0"
    data[f"{prefix}-baselines-0-scope"] = "Afd. 4"
    data[f"{prefix}-baselines-0-scope_kind"] = "target_group"  # the person's word, not a guess
    data[f"{prefix}-baselines-1-text"] = "58 %"  # the extra row, filled
    data[f"{prefix}-baselines-1-scope"] = "Afd. 7"
    data[f"{prefix}-baselines-1-ORDER"] = "1"
    data[f"{prefix}-baselines-0-ORDER"] = "2"
    data["parties-1-DELETE"] = "on"
    response = post_review(client, job, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    assert [p.name for p in agreement.parties.order_by("order")] == ["Lilleby Boligforening"]
    measures = list(
        Measure.objects.filter(indicator__goal__agreement=agreement, role="baseline").order_by(
            "order"
        )
    )
    assert [(m.text, m.scope, m.scope_kind) for m in measures] == [
        ("58 %", "Afd. 7", "department"),  # left to the guess: from its scope
        ("64 %", "Afd. 4", "target_group"),
    ]
    assert measures[0].percent == 58  # read from the text typed


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"staff-0-text": "Koordinator", "staff-0-share_percent": "halv tid"}, "er ikke et tal"),
        ({"goals-0-indicators-0-baseline_year": "sidste år"}, "Indtast et heltal"),
        ({"goals-0-indicators-0-baselines-0-text": ""}, "Dette felt er påkrævet"),
        ({"period_end": "31. februar 2027"}, "er ikke en dato"),
        # a new delmål with only its indicator filled in still needs its own text
        ({"goals-1-indicators-0-text": "Andel i fritidsjob"}, "Dette felt er påkrævet"),
        ({"goals-TOTAL_FORMS": "tre"}, "ManagementForm"),
    ],
)
def test_bad_input_is_refused_in_danish_nothing_saved_and_typed_values_kept(
    personas: dict[str, Any], plan: Any, changes: dict[str, str], message: str
):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    before = _snapshot(plan)
    data = review_data(job, confirm="1", initiative="Mit nye navn")
    data.update(changes)
    response = post_review(client, job, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Intet er gemt" in html
    assert _snapshot(plan) == before
    job.refresh_from_db()
    assert job.status == ImportStatus.READY
    assert 'value="Mit nye navn"' in html  # what was typed is still there
    for value in changes.values():
        if value and value != "tre":
            assert value in html


def test_a_save_the_database_refuses_shows_why_and_saves_nothing(
    personas: dict[str, Any], plan: Any
):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    before = _snapshot(plan)
    data = review_data(job, confirm="1")
    # two baselines for the same scope and year: the database's rule, not the form's
    prefix = "goals-0-indicators-0-baselines"
    for row, text in ((0, "64 %"), (1, "65 %")):
        data[f"{prefix}-{row}-text"] = text
        data[f"{prefix}-{row}-scope"] = "Afd. 4"
        data[f"{prefix}-{row}-year"] = "2023"
    response = post_review(client, job, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Intet er gemt" in html and "allerede en baseline" in html
    assert _snapshot(plan) == before


# -- another plan's document -----------------------------------------------------------------


def test_mismatches_name_municipality_parties_and_period(plan: Any):
    own = {"parties": ["Lilleby Boligforening"], "period": {"start": "2024-01-01", "end": None}}
    assert plan_mismatches(plan, own) == []
    other = {
        "parties": ["Fjernby Kommune", "Fjernby Boligselskab"],
        "period": {"start": "2015-01-01", "end": "2018-12-31"},
    }
    found = plan_mismatches(plan, other)
    assert [m.path for m in found] == ["parties", "parties", "period"]
    text = " ".join(m.message for m in found)
    assert "»Fjernby Kommune«" in text and "Lilleby Kommune" in text
    assert "ligger uden for planens periode" in text and "1. januar 2015" in text
    longer = {
        "parties": ["Lilleby Kommune"],
        "period": {"start": "2024-01-01", "end": "2029-12-31"},
    }
    (only,) = plan_mismatches(plan, longer)
    assert only.path == "period" and "går ud over" in only.message


OTHER_PLANS = SUBAGREEMENT.replace(
    "Lilleby Boligforening\nLilleby Skole", "Fjernby Kommune\nFjernby Skole"
)


def test_the_review_says_another_plans_document_and_needs_a_tick(
    personas: dict[str, Any], plan: Any
):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, OTHER_PLANS)
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert "Hører dokumentet til en anden plan?" in html
    parties = html[html.index('id="rows-parties"') :][:2000]
    assert "»Fjernby Kommune«" in parties  # beside the parties too
    before = _snapshot(plan)
    response = post_review(client, job, review_data(job, confirm="1"))
    assert response.status_code == 200 and "sæt kryds" in response.content.decode()
    assert _snapshot(plan) == before
    response = post_review(client, job, review_data(job, confirm="1", other_plan_checked="on"))
    assert response.status_code == 302
    agreement = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    assert "Fjernby Kommune" in [p.name for p in agreement.parties.all()]


def test_correcting_the_parties_removes_the_other_plan_warning(personas: dict[str, Any], plan: Any):
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, OTHER_PLANS)
    data = review_data(job, confirm="1")
    data["parties-0-name"] = "Lilleby Kommune"
    data["parties-1-name"] = "Lilleby Boligforening"
    assert post_review(client, job, data).status_code == 302


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_refuses_another_plans_document_unless_forced(tmp_path: Path, plan: Any):
    path = tmp_path / "delaftale.md"
    path.write_text(OTHER_PLANS, "utf-8")
    before = _snapshot(plan)
    with pytest.raises(CommandError, match="--force"):
        _run(str(path), "--plan", plan.slug)
    assert _snapshot(plan) == before
    out, err = _run(str(path), "--plan", plan.slug, "--force")
    assert "Reviderede" in out
    expected = plan_mismatches(plan, {"parties": ["Fjernby Kommune", "Fjernby Skole"]})
    for mismatch in expected:
        assert f"Advarsel: {mismatch.message}" in err  # the review page's very words


def test_the_command_saves_the_plans_own_document_without_force(tmp_path: Path, plan: Any):
    path = tmp_path / "delaftale.md"
    path.write_text(SUBAGREEMENT, "utf-8")
    out, err = _run(str(path), "--plan", plan.slug)
    assert "Reviderede" in out and "anden plan" not in err
    assert plan.period_start == dt.date(2024, 1, 1)


# -- nothing lost ------------------------------------------------------------------------------


def _through_the_form(reading: dict[str, Any]) -> dict[str, Any]:
    review = Review(reading=reading, focus_areas=FOCUS_AREAS)
    posted = Review(review_post_data(review), reading=reading, focus_areas=FOCUS_AREAS)
    assert posted.is_valid(), posted.errors()
    return posted.document()


def test_an_unchanged_review_gives_back_the_reading_exactly() -> None:
    reading = {
        "kind": "delaftale",
        "focus_area": "Beskæftigelse",
        "period": {"start": "2024-01-01", "end": "2027-12-31"},
        "parties": ["Lilleby Boligforening", "Jobcenter Lilleby"],
        "goals": [
            {
                "text": "Flere beboere kommer i job",
                "indicators": [
                    {
                        "text": "Andel beskæftigede",
                        "baselines": [{"text": "41 beboere (6,3%)", "count": 41, "percent": 6.3}],
                        "comparators": [
                            {
                                "text": "Lilleby Kommune (68 %)",
                                "scope": "Lilleby Kommune",
                                "percent": 68.0,
                                "scope_kind": "municipality",
                            }
                        ],  # fmt: skip
                        "baseline_year": 2023,
                        "data_source": "Danmarks Statistik",
                    }
                ],
            }
        ],
        "activity_names": ["Jobcafé"],
        "activities": [{"name": "Jobcafé", "purpose": "Job.", "goals": ["4 caféer om året"]}],
        "staff": [{"text": "Jobkonsulent, 50 %", "share_percent": 50}],
        "revision": "Hvert år.",
        "warnings": ["Side 3 kunne ikke læses."],
        "layout": "a reader's extra key",
    }
    assert _through_the_form(reading) == reading


@needs_shared
@pytest.mark.parametrize("path", sorted(GOLD_DIR.glob("*.json")), ids=lambda p: p.stem[:3])
def test_every_gold_reading_survives_the_review_form(path: Path) -> None:
    import json

    from plans.interchange import Agreement as Interchange

    gold = json.loads(path.read_text("utf-8"))
    document = _through_the_form(gold)
    assert Interchange.from_dict(document).to_dict() == Interchange.from_dict(gold).to_dict()


def test_a_figure_read_without_scope_kind_shows_the_kind_saved_for_it(
    personas: dict[str, Any], plan: Any
):
    """The plan set the existing baseline's scope kind; the page shows that, not a guess."""
    agreement = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    Measure.objects.filter(indicator__goal__agreement=agreement, role="baseline").update(
        scope_kind="target_group"
    )
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    baseline = _row(html, "goals-0-indicators-0-baselines-0")
    assert re.search(r'<option value="target_group" selected>', baseline)
    # saving the page as shown keeps it (and the page's mark never reaches the document)
    data = review_data(job, confirm="1")
    data["goals-0-indicators-0-baselines-0-scope_kind"] = "target_group"  # as the page shows
    assert post_review(client, job, data).status_code == 302
    job.refresh_from_db()
    assert job.result is not None and "_saved_scope_kind" not in str(job.result)
    baseline_kinds = Measure.objects.filter(
        indicator__goal__agreement=agreement, role="baseline"
    ).values_list("scope_kind", flat=True)
    assert list(baseline_kinds) == ["target_group"]
