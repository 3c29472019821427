"""Round trip without loss: every agreement the product exports, as DOCX and as PDF, reads back
through the importer with no differences (issue 8).

Each case is exported (documents.render), read back (importing.pipeline.read_document) and its
`Agreement.to_dict()` compared with the original field by field: every field, no exceptions.
Cases: the demo plan's three agreements and, when ../shared is beside the clone, the five gold
readings and the format's example delaftale (process goals, forandringsteori, scope kinds).

The named parts below (`PARTS`) only say, when a case fails, which part of the agreement it
lost; each also has a test of its own on the case that exercises it.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOLD_DIR

GOLD_FILES = sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []
DEMO_CASES = ["demo-strategisk", "demo-uddannelse", "demo-beskaeftigelse"]
GOLD_CASES = [f"gold-{p.stem[:3]}" for p in GOLD_FILES]
EXAMPLE = GOLD_DIR.parent.parent / "formats" / "examples" / "delaftale-forandringsteori.json"
EXAMPLE_CASES = ["example-forandringsteori"] if EXAMPLE.is_file() else []


# -- what differs ---------------------------------------------------------------------------
def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}.{key}" if prefix else key))
    elif isinstance(value, list):
        out[f"{prefix}#len"] = len(value)
        for index, item in enumerate(value):
            out.update(_flat(item, f"{prefix}[{index}]"))
    else:
        out[prefix] = value
    return out


def decided_kinds(reading: dict[str, Any]) -> dict[str, Any]:
    """The reading with each scope kind it leaves open (the document does not say it: a figure
    without a scope, a boligområde's bare name) as saving decides it for a new figure
    (`plans.services.guess_scope_kind`; for a figure already saved, saving keeps its kind)."""
    from plans.services import guess_scope_kind

    for goal in reading.get("goals") or []:
        for indicator in goal.get("indicators") or []:
            for key, role in (("baselines", "baseline"), ("comparators", "comparator")):
                for m in indicator.get(key) or []:
                    if m.get("scope_kind") is None:
                        m["scope_kind"] = guess_scope_kind(m.get("scope"), role)
    return reading


def differences(original: dict[str, Any], reading: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(path, original value, value imported) for every field that differs."""
    a, b = dict(original), decided_kinds(dict(reading))
    a.pop("warnings", None)
    b.pop("warnings", None)
    fa, fb = _flat(a), _flat(b)
    return [(k, fa.get(k), fb.get(k)) for k in sorted(set(fa) | set(fb)) if fa.get(k) != fb.get(k)]


# The parts of an agreement a reading has lost before, named so a failure says which.
PARTS: dict[str, Callable[[str], bool]] = {
    # The goal table's column »Enhed og retning« ("procent" / "mere er bedre").
    "unit_direction": lambda path: bool(re.search(r"\.(unit|direction)$", path)),
    # The staff table (Rolle | Andel af stilling | Timer om året | Beskrivelse).
    "staff_table": lambda path: path.startswith("staff"),
    # The paragraph »Bevillingsperiode: 2019-26« under the title.
    "funding_period": lambda path: path == "funding_period",
    # A baseline's own year, written as a line »(2022)« under the cell's figures.
    "measure_year": lambda path: bool(re.search(r"\.(baselines|comparators)\[\d+\]\.year$", path)),
    # What kind of scope a figure is for: read from the scope's words (importing.figures.
    # scope_kind_of), stated »(omfang: målgruppe)« where neither they nor saving's guess give it.
    "scope_kind": lambda path: path.endswith(".scope_kind"),
    # An activity sheet's »Procesmål:« row and the section »Forandringsteori for
    # indsatsområdet« (format 2).
    "process_goals": lambda path: ".process_goals" in path,
    "theory_of_change": lambda path: "theory_of_change" in path,
}


def parts_of(diffs: list[tuple[str, Any, Any]]) -> set[str]:
    """The named parts the differences fall under ("other" for the rest)."""
    found: set[str] = set()
    for diff in diffs:
        names = [name for name, test in PARTS.items() if test(diff[0])]
        found.update(names or ["other"])
    return found


# -- the cases ---------------------------------------------------------------------------
def _source(case: str) -> tuple[Any, str | None]:
    """The case's agreement as the export sees it (from the database), and its interplay."""
    from demo.plan import load_demo
    from plans.loading import plan_load_interchange
    from plans.models import Agreement
    from plans.selectors import agreement_to_interchange

    if case.startswith("demo-"):
        plan, _users = load_demo()
        agreements = Agreement.objects.with_chain().filter(plan=plan, is_current=True)
        by_case = {}
        for agreement in agreements:
            if agreement.is_strategic:
                by_case["demo-strategisk"] = agreement
            elif agreement.focus_area and agreement.focus_area.name.startswith("Uddannelse"):
                by_case["demo-uddannelse"] = agreement
            else:
                by_case["demo-beskaeftigelse"] = agreement
        agreement = by_case[case]
    else:
        if not GOLD_DIR.is_dir():
            pytest.skip("../shared (the gold readings) is not beside this clone; it is in CI")
        path = (
            EXAMPLE
            if case == "example-forandringsteori"
            else next(p for p in GOLD_FILES if p.stem.startswith(case.removeprefix("gold-")))
        )
        loaded = plan_load_interchange(
            slug="rundtur", documents=[json.loads(path.read_text("utf-8"))]
        )
        agreement = Agreement.objects.with_chain().get(pk=loaded.agreements[0].pk)
    return agreement_to_interchange(agreement), agreement.interplay or None


def round_trip(case: str, fmt: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The case's agreement and its reading, exported and read back once per test run (each
    case serves several tests: every field, then each named part); copies, so that a test's
    own changes to them stay its own."""
    return copy.deepcopy(_round_trip(case, fmt))


@functools.cache
def _round_trip(case: str, fmt: str) -> tuple[dict[str, Any], dict[str, Any]]:
    from documents.content import Stamp
    from documents.render import render_agreement_docx, render_agreement_pdf
    from importing.pipeline import read_document

    agreement, interplay = _source(case)
    stamp = Stamp(plan_name="Rundtur", version=3)
    render = render_agreement_docx if fmt == "docx" else render_agreement_pdf
    data = render(agreement, stamp, interplay=interplay)
    reading = read_document(data, f"rundtur.{fmt}").agreement
    return agreement.to_dict(), reading.to_dict()


def _cases() -> list[Any]:
    return [
        pytest.param(case, fmt, id=f"{case}-{fmt}")
        for case in DEMO_CASES + GOLD_CASES + EXAMPLE_CASES
        for fmt in ("docx", "pdf")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "fmt"), _cases())
def test_export_reads_back_without_differences(case: str, fmt: str) -> None:
    original, reading = round_trip(case, fmt)
    diffs = differences(original, reading)
    assert diffs == [], f"{case} {fmt} loses {sorted(parts_of(diffs))}: {diffs[:8]}"


def _values(document: dict[str, Any], part: str) -> list[Any]:
    """The values the document holds for one named part (so a test of it is not vacuous)."""
    return [v for k, v in _flat(document).items() if PARTS[part](k) and v not in (None, [], 0)]


def _read_back(case: str, fmt: str, *parts: str) -> None:
    original, reading = round_trip(case, fmt)
    for part in parts:
        assert _values(original, part), f"{case} has no {part} to read back"
        lost = [d for d in differences(original, reading) if PARTS[part](d[0])]
        assert lost == [], f"{case} {fmt}: {part} {lost[:5]}"


@pytest.mark.django_db
def test_reading_reads_unit_and_direction() -> None:
    _read_back("demo-strategisk", "docx", "unit_direction")


@pytest.mark.django_db
def test_reading_reads_the_staff_table() -> None:
    _read_back("demo-uddannelse", "docx", "staff_table")


@pytest.mark.django_db
def test_reading_reads_the_funding_period() -> None:
    _read_back("demo-beskaeftigelse", "docx", "funding_period")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_reading_gives_scope_kinds(fmt: str) -> None:
    """The demo's boligområder (»Bakkely«: not said by the words, so stated) and the strategic
    agreement's kommune and whole-area figures (said by the words) all come back."""
    _read_back("demo-uddannelse", fmt, "scope_kind")
    _read_back("demo-strategisk", fmt, "scope_kind")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_reading_reads_process_goals_and_the_forandringsteori(fmt: str) -> None:
    if not EXAMPLE_CASES:
        pytest.skip("../shared (the format examples) is not beside this clone; it is in CI")
    _read_back("example-forandringsteori", fmt, "process_goals", "theory_of_change", "scope_kind")


# -- saving a re-import -------------------------------------------------------------------
def _counts(agreement: Any) -> tuple[int, int, int, int, str]:
    from plans.models import Agreement, AgreementRevision, AuditEntry

    fresh = Agreement.objects.get(pk=agreement.pk)
    return (
        AuditEntry.objects.filter(plan=fresh.plan).count(),
        AgreementRevision.objects.filter(agreement=fresh).count(),
        fresh.version,
        fresh.edit_seq,
        fresh.status,
    )


@pytest.mark.django_db
def test_saving_a_reading_that_changes_nothing_leaves_no_trace() -> None:
    """A re-import identical to the agreement: no new version, no audit entry, still approved."""
    from demo.plan import DEMO_SLUG, load_demo
    from importing.saving import import_save
    from plans.models import Agreement, AgreementStatus
    from plans.selectors import agreement_to_interchange

    load_demo()
    for agreement in Agreement.objects.with_chain().filter(plan__slug=DEMO_SLUG, is_current=True):
        document = agreement_to_interchange(agreement).to_dict()
        before = _counts(agreement)
        loaded = import_save(slug=DEMO_SLUG, document=document, filename="samme.docx")
        assert _counts(agreement) == before, agreement.display_title
        assert loaded.unchanged == loaded.agreements
    approved = Agreement.objects.filter(plan__slug=DEMO_SLUG, status=AgreementStatus.APPROVED)
    assert approved.exists()


@pytest.mark.django_db
def test_saving_a_reading_that_changes_something_is_a_new_version() -> None:
    """The other side of the rule: a real change still makes the next version, audited."""
    from demo.plan import DEMO_SLUG, load_demo
    from importing.saving import import_save
    from plans.models import Agreement, AgreementStatus
    from plans.selectors import agreement_to_interchange

    load_demo()
    agreement = Agreement.objects.with_chain().get(
        plan__slug=DEMO_SLUG, is_current=True, kind="delaftale", status=AgreementStatus.APPROVED
    )
    document = agreement_to_interchange(agreement).to_dict()
    document["revision"] = "Delaftalen revideres hvert halve år."
    audit, revisions, version, _seq, _status = _counts(agreement)
    loaded = import_save(slug=DEMO_SLUG, document=document, filename="ny.docx")
    assert loaded.unchanged == []
    after = _counts(agreement)
    assert after[0] == audit + 1
    assert after[2] == version + 1
    assert after[4] == AgreementStatus.DRAFT


@pytest.mark.django_db
def test_reimport_keeps_scope_kinds() -> None:
    """A figure read back without its scope kind keeps the kind a person set on it."""
    from demo.plan import DEMO_SLUG, load_demo
    from importing.saving import import_save
    from plans.models import Agreement, Measure
    from plans.selectors import agreement_to_interchange

    load_demo()
    strategic = Agreement.objects.get(plan__slug=DEMO_SLUG, is_current=True, kind__startswith="s")
    measure = Measure.objects.filter(indicator__goal__agreement=strategic).first()
    assert measure is not None
    Measure.objects.filter(pk=measure.pk).update(scope_kind="national")
    full = Agreement.objects.with_chain().get(pk=strategic.pk)
    document = agreement_to_interchange(full).to_dict()
    for goal in document["goals"]:
        for indicator in goal["indicators"]:
            for m in indicator.get("baselines", []) + indicator.get("comparators", []):
                m.pop("scope_kind", None)
    document["revision"] = "Ændret, så aftalen gemmes igen."
    import_save(slug=DEMO_SLUG, document=document, filename="ny.docx")
    kept = Measure.objects.get(
        indicator__goal__agreement=strategic,
        indicator__text=measure.indicator.text,
        role=measure.role,
        scope=measure.scope,
    )
    assert kept.scope_kind == "national"


@pytest.mark.django_db
def test_confirming_the_demos_own_docx_changes_nothing() -> None:
    from demo.plan import DEMO_SLUG, load_demo
    from documents.exports import render_agreement
    from importing.pipeline import read_document
    from importing.saving import import_save, reading_document
    from plans.models import Agreement

    load_demo()
    for agreement in Agreement.objects.filter(plan__slug=DEMO_SLUG, is_current=True):
        rendered = render_agreement(agreement, "docx")
        reading = read_document(rendered.data, rendered.filename).agreement
        before = _counts(agreement)
        import_save(slug=DEMO_SLUG, document=reading_document(reading), filename="demo.docx")
        assert _counts(agreement) == before, agreement.display_title


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_scope_kind_a_person_set_is_stated_and_read_back(fmt: str) -> None:
    """Kinds the words would not give (a boligområde's figure set to »målgruppe«, the
    kommune's to »landsplan«, a whole-area figure to »alle helhedsplaner«) are written in
    the cell and come back; the others are not written at all."""
    from documents.content import Stamp
    from documents.render import render_agreement_docx, render_agreement_pdf
    from importing.pipeline import read_document

    agreement, _interplay = _source("demo-uddannelse")
    indicator = agreement.goals[0].indicators[0]
    indicator.baselines[0].scope_kind = "target_group"
    indicator.comparators[0].scope_kind = "national"
    agreement.goals[1].indicators[0].baselines[0].scope_kind = "all_plans"
    render = render_agreement_docx if fmt == "docx" else render_agreement_pdf
    data = render(agreement, Stamp(plan_name="Rundtur"))
    result = read_document(data, f"rundtur.{fmt}")
    text = result.source_text
    assert "(omfang: målgruppe)" in text and "(omfang: landsplan)" in text
    assert "(omfang: alle helhedsplaner)" in text
    assert text.count("(omfang:") == 3
    assert differences(agreement.to_dict(), result.agreement.to_dict()) == []


# Our own fictional forandringsteori for an indsatsområde of the demo's strategic agreement.
AREA_THEORY = {
    "activities": ["Lektiecaféen", "Forældrenetværket"],
    "results": [
        {
            "horizon": "output",
            "text": "Lektiecaféen holder åbent to dage om ugen.",
            "indicators": [],
        },
        {
            "horizon": "short",
            "text": "Flere børn får hjælp til lektierne.",
            "indicators": ["Fremmøde i lektiecaféen"],
        },
        {
            "horizon": "long",
            "text": "Flere unge gennemfører en ungdomsuddannelse.",
            "indicators": ["Andel unge i uddannelse", "Andel elever med afgangsprøve"],
        },
    ],
    "assumptions": ["Skolen stiller lokaler til rådighed."],
    "reviewed": "2024-11-05",
}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_strategic_agreements_forandringsteori_per_area_reads_back(fmt: str) -> None:
    """Under each indsatsområde's problemkompleks; the next area's name ends it."""
    from documents.content import Stamp
    from documents.render import render_agreement_docx, render_agreement_pdf
    from importing.pipeline import read_document

    agreement, interplay = _source("demo-strategisk")
    assert len(agreement.focus_areas) >= 2
    agreement.focus_areas[0].theory_of_change = AREA_THEORY
    agreement.focus_areas[-1].theory_of_change = {**AREA_THEORY, "activities": [], "reviewed": None}
    render = render_agreement_docx if fmt == "docx" else render_agreement_pdf
    data = render(agreement, Stamp(plan_name="Rundtur", version=2), interplay=interplay)
    reading = read_document(data, f"rundtur.{fmt}").agreement
    assert differences(agreement.to_dict(), reading.to_dict()) == []


def test_the_gold_files_are_where_the_cases_expect(request: pytest.FixtureRequest) -> None:
    """Without ../shared the gold cases skip with a reason; with it there are five."""
    if not GOLD_DIR.is_dir():
        pytest.skip("../shared (the gold readings) is not beside this clone; it is in CI")
    assert len(GOLD_CASES) == 5, [Path(p).name for p in GOLD_FILES]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_reading_gives_each_baseline_its_year(fmt: str) -> None:
    if "gold-003" not in GOLD_CASES:
        pytest.skip("../shared (the gold readings) is not beside this clone; it is in CI")
    _read_back("gold-003", fmt, "measure_year")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_version_of_the_demo_reads_back_as_that_version(fmt: str) -> None:
    """An earlier version renders from its own snapshot; read back, it is exactly that snapshot,
    not the working copy."""
    from demo.plan import DEMO_SLUG, load_demo
    from documents.exports import render_agreement
    from documents.selectors import agreement_source
    from importing.pipeline import read_document
    from plans import revisions
    from plans.models import Agreement

    load_demo()
    checked = 0
    for agreement in Agreement.objects.filter(plan__slug=DEMO_SLUG, is_current=True):
        for version in revisions.agreement_versions(agreement):
            original = agreement_source(agreement, version.number).agreement.to_dict()
            rendered = render_agreement(agreement, fmt, version=version.number)
            reading = read_document(rendered.data, rendered.filename).agreement.to_dict()
            diffs = differences(original, reading)
            assert diffs == [], (agreement.display_title, version.number, diffs[:5])
            checked += 1
    assert checked > 3  # the demo has earlier versions as well as the current ones


@pytest.mark.django_db
def test_the_import_command_says_when_a_document_changes_nothing(tmp_path: Path) -> None:
    """The demo's strategic agreement as DOCX, imported again: told so, nothing saved."""
    import io

    from django.core.management import call_command

    from demo.plan import DEMO_SLUG, load_demo
    from documents.exports import render_agreement
    from plans.models import Agreement

    load_demo()
    strategic = Agreement.objects.get(plan__slug=DEMO_SLUG, is_current=True, kind__startswith="s")
    rendered = render_agreement(strategic, "docx")
    path = tmp_path / rendered.filename
    path.write_bytes(rendered.data)
    before = _counts(strategic)
    out = io.StringIO()
    call_command("import", str(path), plan=DEMO_SLUG, stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("Uændret: strategisk samarbejdsaftale")
    assert "intet er gemt" in out.getvalue()
    assert _counts(strategic) == before


# Titles other than the template's own heading (»Delaftale for indsatsområdet …«, »Strategisk
# samarbejdsaftale om boligsocial indsats«): the export sets the agreement's title apart under
# that heading, and import reads it from there.
OWN_TITLES = [
    ("demo-uddannelse", "Delaftale – Tryghed og fællesskab"),
    ("demo-uddannelse", "Lektier og fællesskab i Bakkely"),
    # the template's heading spelt the agreement's own way
    ("demo-uddannelse", "delaftale for indsatsområdet uddannelse og livschancer"),
    (
        "demo-beskaeftigelse",
        "Delaftale om beskæftigelse for beboerne i Bakkely og Kildevang, med jobcafé, "
        "virksomhedsbesøg og fritidsjob til de unge i hele boligområdet",
    ),  # wraps over lines in the PDF
    ("demo-strategisk", "Samarbejdsaftale for Bakkely"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize(("case", "title"), OWN_TITLES)
def test_a_title_of_the_agreements_own_reads_back(case: str, title: str, fmt: str) -> None:
    from documents.content import Stamp
    from documents.render import render_agreement_docx, render_agreement_pdf
    from importing.pipeline import read_document

    agreement, interplay = _source(case)
    agreement.title = title
    render = render_agreement_docx if fmt == "docx" else render_agreement_pdf
    data = render(agreement, Stamp(plan_name="Rundtur", version=2), interplay=interplay)
    reading = read_document(data, f"rundtur.{fmt}").agreement
    assert reading.title == title
    assert differences(agreement.to_dict(), reading.to_dict()) == []
