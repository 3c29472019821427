"""The board sees what was approved: the yearly follow-up (page, PDF, DOCX) and the auditor's
statement follow the version in force, with draft changes apart as »ikke godkendt endnu«;
the statement counts what belongs to the chosen year; a closed year shows its meeting;
the sheet comes pre-filled and every row is answered; every follow-up write is audited."""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
from decimal import Decimal
from typing import Any

import pdfplumber
import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from followup import services, tabular
from followup.models import BoardMeeting, Measurement
from plans import revisions
from plans import services as plan_services
from plans.models import AuditEntry, Indicator

pytestmark = pytest.mark.django_db
DRAFT_GOAL = "Udkast: flere unge i fritidsjob"
DRAFT_INDICATOR = "Udkast: andel unge med fritidsjob"


@pytest.fixture
def revised(indicator: Any, personas: Any) -> Any:
    """The delaftale approved as version 1 with its indicator and values, then edited into a
    draft of version 2 that rewords the delmål and adds an indicator."""
    agreement = indicator.goal.agreement
    today = timezone.localdate()
    services.measurement_record(indicator=indicator, year=2025, percent=Decimal(66))
    revisions.agreement_submit(agreement=agreement, user=None, sent_on=today)
    revisions.agreement_approve(agreement=agreement, user=None, meeting_date=today)
    goal = indicator.goal

    def change() -> None:
        plan_services.goal_save(agreement=agreement, goal=goal, text=DRAFT_GOAL)
        plan_services.indicator_save(
            goal=goal, text=DRAFT_INDICATOR, unit="percent", direction="more"
        )

    revisions.change_agreement(
        agreement=agreement, user=None, action="Delmål ændret", reason="Ny retning", change=change
    )
    return indicator


def test_the_yearly_follow_up_page_follows_the_version_in_force(
    client: Any, plan: Any, personas: Any, revised: Any
) -> None:
    client.force_login(personas["bestyrelse"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2025").content.decode()
    in_force, _, pending = page.partition('id="ikke-godkendt"')
    assert "Flere unge gennemfører 9. klasse" in in_force
    assert "Andel elever med afgangsprøve" in in_force and "66 % (2025)" in in_force
    assert DRAFT_GOAL not in in_force and DRAFT_INDICATOR not in in_force
    assert "Ikke godkendt endnu" in pending
    assert f"Delmål ændret fra »Flere unge gennemfører 9. klasse« til »{DRAFT_GOAL}«" in pending
    assert f"Indikator tilføjet: »{DRAFT_INDICATOR}«" in pending


def test_the_pdf_and_docx_follow_the_version_in_force(
    client: Any, plan: Any, personas: Any, revised: Any
) -> None:
    client.force_login(personas["bestyrelse"])
    base = f"/planer/{plan.slug}/opfoelgning/2025/"
    with pdfplumber.open(io.BytesIO(client.get(base + "dokument.pdf").content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    in_force, _, pending = text.partition("Ikke godkendt endnu")
    assert "Flere unge gennemfører 9. klasse" in in_force and DRAFT_GOAL not in in_force
    assert DRAFT_GOAL in pending
    docx = Document(io.BytesIO(client.get(base + "dokument.docx").content))
    table = {c.text for row in docx.tables[0].rows for c in row.cells}
    assert "Andel elever med afgangsprøve" in table and DRAFT_INDICATOR not in table
    paragraphs = "\n".join(p.text for p in docx.paragraphs)
    in_force, _, pending = paragraphs.partition("Ikke godkendt endnu")
    assert DRAFT_GOAL not in in_force and DRAFT_GOAL in pending
    assert "Afstand til :" not in paragraphs  # no empty comparator name


def test_a_never_approved_agreement_is_shown_apart(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    client.force_login(personas["koordinator"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2025").content.decode()
    in_force, _, pending = page.partition('id="ikke-godkendt"')
    assert "Planen har ingen godkendte mål for 2025 endnu." in in_force
    assert "Andel elever med afgangsprøve" in pending and "aldrig godkendt" in pending


def test_the_auditors_statement_counts_the_follow_up_year_and_links_its_documents(
    client: Any, plan: Any, personas: Any, revised: Any
) -> None:
    # Typed this calendar year, but for 2024 and 2025: each counts for its own year.
    services.measurement_record(indicator=revised, year=2024, percent=Decimal(64))
    client.force_login(personas["koordinator"])
    assert client.post(f"/planer/{plan.slug}/opfoelgning/2025/arkiver/").status_code == 302
    services.board_meeting_record(
        plan=plan, year=2025, held_on=timezone.localdate(), attendees="A", decisions="B"
    )
    page = client.get(f"/planer/{plan.slug}/revision/?aar=2025").content.decode()
    assert "Målinger for perioder i 2025: 1" in page
    for document in BoardMeeting.objects.get().documents.all():
        assert f"/planer/{plan.slug}/opfoelgning/arkiv/{document.pk}/" in page
    # with a meeting, the versions in force on its day (review4 T13); the draft is no version
    assert "Version 1 (godkendt" in page and "Gældende på mødedagen" in page
    assert "Version 2" not in page
    assert (
        "Målinger for perioder i 2024: 1"
        in client.get(f"/planer/{plan.slug}/revision/?aar=2024").content.decode()
    )


def test_a_closed_year_shows_the_meeting_not_the_form(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    services.board_meeting_record(
        plan=plan, year=2025, held_on=dt.date(2025, 11, 20), attendees="Anne A.",
        decisions="OK", without_documents=True,
    )  # fmt: skip
    client.force_login(personas["koordinator"])
    url = f"/planer/{plan.slug}/opfoelgning/bestyrelsesmoede/?aar=2025"
    page = client.get(url).content.decode()
    assert "Mødet, der afsluttede året" in page and "20. november 2025" in page
    assert 'name="held_on"' not in page
    again = client.post(url, {"year": "2025", "held_on": "21.11.2025", "attendees": "x"})
    assert again.status_code == 200 and BoardMeeting.objects.count() == 1
    archived = client.post(f"/planer/{plan.slug}/opfoelgning/2025/arkiver/", follow=True)
    assert "er afsluttet" in archived.content.decode()


def test_the_template_is_pre_filled_and_an_untouched_sheet_is_unchanged(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    client.force_login(personas["koordinator"])
    sheet = client.get(f"/planer/{plan.slug}/opfoelgning/skabelon.xlsx?aar=2025").content
    rows = list(load_workbook(io.BytesIO(sheet)).worksheets[0].iter_rows(values_only=True))
    filled = [r for r in rows[1:] if r[8]]
    assert {(r[3], r[10]) for r in filled} == {(None, 66), ("Lilleby Kommune", 81)}
    result = services.measurements_import(plan=plan, rows=tabular.read_sheet(sheet, "s.xlsx"))
    assert result.ok and (result.saved, result.unchanged) == (0, 2)
    outcomes = {r.row: r.outcome for r in result.rows}
    assert len(outcomes) == len(rows) - 1  # every row answered
    assert {outcomes[n] for n, r in enumerate(rows[1:], start=2) if r[8]} == {"uændret"}
    assert {outcomes[n] for n, r in enumerate(rows[1:], start=2) if not r[8]} == {"tom"}
    csv_sheet = client.get(f"/planer/{plan.slug}/opfoelgning/skabelon.csv?aar=2025").content
    again = services.measurements_import(plan=plan, rows=tabular.read_sheet(csv_sheet, "s.csv"))
    assert again.ok and again.unchanged == 2 and again.saved == 0


def test_no_row_is_dropped_without_a_word(plan: Any, indicator: Any, values: Any) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(tabular.COLUMNS)
    blank = {c: "" for c in tabular.COLUMNS}
    rows = [
        {**blank, "Indikator-id": indicator.pk, "Omfang": "hele området", "År": 2025,
         "Procent": "66"},
        {**blank, "Indikator-id": indicator.pk, "Omfang": "kommune",
         "Gælder for": "Lilleby Kommune", "År": 2025, "Procent": "82"},
        {**blank, "Indikator-id": indicator.pk, "Omfang": "afdeling", "Gælder for": "Afd. 4",
         "År": 2025},
        {**blank, "Indikator-id": indicator.pk, "Omfang": "afdeling", "Gælder for": "Afd. 4",
         "År": 2025, "Som skrevet": "48 beboere (7,1 %)"},
    ]  # fmt: skip
    for row in rows:
        writer.writerow([row[c] for c in tabular.COLUMNS])
    result = services.measurements_import(
        plan=plan,
        rows=tabular.read_sheet(buffer.getvalue().encode(), "m.csv"),
        save_good_rows=True,
    )
    outcomes = {r.row: (r.outcome, r.message) for r in result.rows}
    assert [outcomes[n][0] for n in (2, 3, 4, 5)] == ["uændret", "fejl", "tom", "ny"]
    assert "begrundelse for rettelse" in outcomes[3][1]
    assert Measurement.objects.get(scope="Afd. 4").count == Decimal(48)


def test_every_csv_and_xlsx_cell_that_looks_like_a_formula_is_text(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    evil = '=HYPERLINK("http://x","klik")'
    Indicator.objects.filter(pk=indicator.pk).update(text=evil, data_source="+1+1")
    client.force_login(personas["koordinator"])
    xlsx = client.get(f"/planer/{plan.slug}/opfoelgning/skabelon.xlsx").content
    cells = [c for row in load_workbook(io.BytesIO(xlsx)).worksheets[0].iter_rows() for c in row]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert risky and all(c.data_type == "s" for c in risky)
    text = client.get(f"/planer/{plan.slug}/opfoelgning/skabelon.csv").content.decode("utf-8-sig")
    fields = [f for row in csv.reader(io.StringIO(text), delimiter=";") for f in row]
    assert "'" + evil in fields and "'+1+1" in fields
    assert not [f for f in fields if f[:1] in ("=", "+", "-", "@")]


WRITERS = {
    "measurement_record",
    "measurement_correct",
    "measurements_import",
    "narrative_save",
    "followup_document_archive",
    "board_meeting_record",
}


def test_every_write_of_the_follow_up_leaves_an_audit_entry(
    plan: Any, indicator: Any, personas: Any
) -> None:
    """Walks every public service of followup.services that writes; a new one must be added
    here (and audit), or this fails."""
    public = {
        name
        for name, f in inspect.getmembers(services, inspect.isfunction)
        if f.__module__ == services.__name__ and not name.startswith("_")
    }
    readers = {
        "written_form",
        "period_bounds",
        "outside_plan_period",
        "check_measurement_time",
        "check_figures",
        "read_figures",
        "check_followup_year",
        "followup_first_year",
        "indicator_for_period",
        "narrative_closed",
        "check_meeting_documents",
    }
    assert public - readers == WRITERS
    user = personas["koordinator"]
    calls = {
        "measurement_record": lambda: services.measurement_record(
            indicator=indicator, year=2025, percent=Decimal(66), recorded_by=user
        ),
        "measurement_correct": lambda: services.measurement_correct(
            measurement=Measurement.objects.get(),
            reason="Tastefejl",
            percent=Decimal(65),
            recorded_by=user,
        ),
        "measurements_import": lambda: services.measurements_import(
            plan=plan,
            rows=tabular.rows_from_records(
                [{"indikator": indicator.pk, "aar": 2024, "procent": "60"}]
            ),
            recorded_by=user,
        ),
        "narrative_save": lambda: services.narrative_save(
            goal=indicator.goal, year=2025, text="Godt år", written_by=user
        ),
        "followup_document_archive": lambda: services.followup_document_archive(
            plan=plan, year=2025, format="pdf", content=b"%PDF-1.4", generated_by=user
        ),
        "board_meeting_record": lambda: services.board_meeting_record(
            plan=plan, year=2025, held_on="20.11.2025", attendees="A", decisions="B",
            recorded_by=user,
        ),
    }  # fmt: skip
    for name in sorted(WRITERS, key=list(calls).index):
        before = AuditEntry.objects.count()
        calls[name]()
        entries = list(AuditEntry.objects.order_by("-id")[: AuditEntry.objects.count() - before])
        assert entries, f"{name} left no audit entry"
        assert all(e.user_label == "koordinator" and e.plan_id == plan.pk for e in entries)
    correction = AuditEntry.objects.get(action__startswith="Måling rettet")
    assert correction.reason == "Tastefejl" and "66" in correction.action
