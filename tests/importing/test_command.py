"""`helhedsplan import FILE --json | --plan SLUG` (the Django command `import`)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plans.models import Agreement

SUBAGREEMENT = """Delaftale for indsatsområdet Uddannelse og livschancer

Navn på den boligsociale indsats, som delaftalen vedrører:

Sammen i Tværgaden

Delaftalen gælder fra - til:

1. januar 2024 - 31. december 2027

Delaftalens parter:

Lilleby Boligforening
Lilleby Skole

Delmål og indikatorer for indsatsområdet

| Delmål | Indikator | Baseline boligområde/ målgruppe | Evt. anden baseline | Baseline år | Datakilde |
|---|---|---|---|---|---|
| Flere unge gennemfører 9. klasse | Andel elever med afgangsprøve | 64 % | Kommunen (80 %) | 2023 | Skolens opgørelse |

Revision af delaftalen:

Delaftalen revideres hvert år i januar.
"""  # noqa: E501


def _write(tmp_path: Path, text: str = SUBAGREEMENT, name: str = "delaftale.md") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_json_prints_the_interchange_reading_and_saves_nothing(tmp_path: Path, plan: Any):
    before = Agreement.objects.count()
    out, _ = _run(str(_write(tmp_path)), "--json")
    document = json.loads(out)
    assert document["kind"] == "delaftale"
    assert document["focus_area"] == "Uddannelse og livschancer"
    assert document["parties"] == ["Lilleby Boligforening", "Lilleby Skole"]
    assert document["goals"][0]["indicators"][0]["baseline_year"] == 2023
    assert Agreement.objects.count() == before


@pytest.mark.django_db
def test_json_includes_the_warnings_for_review(tmp_path: Path):
    undated = SUBAGREEMENT.replace("1. januar 2024 - 31. december 2027", "efter aftale")
    out, _ = _run(str(_write(tmp_path, undated)), "--json")
    assert "Aftalens periode kunne ikke læses." in json.loads(out)["warnings"]


@pytest.mark.django_db
def test_a_reading_without_a_period_can_still_be_saved(tmp_path: Path, plan: Any):
    undated = SUBAGREEMENT.replace("1. januar 2024 - 31. december 2027", "efter aftale")
    out, err = _run(str(_write(tmp_path, undated)), "--plan", plan.slug)
    assert "Reviderede" in out and "periode kunne ikke læses" in err


@pytest.mark.django_db
def test_plan_revises_the_current_subagreement_in_place(tmp_path: Path, plan: Any):
    current = Agreement.objects.get(
        plan=plan, kind="delaftale", focus_area__name="Uddannelse og livschancer"
    )
    count = Agreement.objects.count()
    out, _ = _run(str(_write(tmp_path)), "--plan", plan.slug)
    assert "Reviderede" in out
    assert Agreement.objects.count() == count
    current.refresh_from_db()
    assert current.initiative == "Sammen i Tværgaden"
    assert [p.name for p in current.parties.order_by("order")] == [
        "Lilleby Boligforening",
        "Lilleby Skole",
    ]
    (goal,) = current.goals.all()
    assert goal.indicators.get().baseline_year == 2023


@pytest.mark.django_db
def test_plan_creates_the_plan_and_agreement_when_new(tmp_path: Path):
    out, _ = _run(str(_write(tmp_path)), "--plan", "ny-plan")
    assert "Oprettede" in out
    agreement = Agreement.objects.get(plan__slug="ny-plan")
    assert agreement.focus_area.name == "Uddannelse og livschancer"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "tom.docx", "Filen er tom"),
        (b"%PDF-1.7\n1 0 obj <<", "afkortet.pdf", "PDF"),
        (b"\x00\x01\x02garbage" * 100, "data.txt", "binære data"),
        (b"Indkobsliste\n\nMaelk og brod.\n", "liste.txt", "ligner ikke"),
        (b"PK\x03\x04broken", "aftale.docx", "beskadiget"),
    ],
)
def test_bad_input_is_a_danish_command_error_and_nothing_is_saved(
    tmp_path: Path, plan: Any, content: bytes, name: str, message: str
):
    path = tmp_path / name
    path.write_bytes(content)
    before = Agreement.objects.count()
    with pytest.raises(CommandError, match=message):
        _run(str(path), "--plan", plan.slug)
    assert Agreement.objects.count() == before


@pytest.mark.django_db
def test_missing_file_is_a_command_error(tmp_path: Path):
    with pytest.raises(CommandError, match="findes ikke"):
        _run(str(tmp_path / "nej.pdf"), "--json")


@pytest.mark.django_db
def test_a_reading_that_fails_validation_is_not_saved(tmp_path: Path, plan: Any):
    backwards = SUBAGREEMENT.replace("2024 - 31. december 2027", "2028 - 31. december 2024")
    before = Agreement.objects.count()
    with pytest.raises(CommandError, match="slutter"):
        _run(str(_write(tmp_path, backwards)), "--plan", plan.slug)
    assert Agreement.objects.count() == before


@pytest.mark.django_db
def test_bad_slug_is_refused(tmp_path: Path):
    with pytest.raises(CommandError, match="kortnavn"):
        _run(str(_write(tmp_path)), "--plan", "Ikke Et Slug")


def test_json_or_plan_is_required(tmp_path: Path):
    with pytest.raises(CommandError):
        _run(str(_write(tmp_path)))
