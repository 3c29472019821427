"""Importing a Word delaftale whose staff section is empty, in a real browser: the review page's
formsets add the staff lines, the source text marks the focused field, nothing overlaps on a
phone or a desktop, and the saved agreement shows the lines."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.pages import MARKS, persona_login, upload_for_review

pytestmark = MARKS

GOAL = "Flere beboere kommer i job"


def write_delaftale(path: Path) -> Path:
    """A fictional delaftale laid out as plans fill in LBF's Word template by hand: bold label
    paragraphs, parties as a bulleted list, the delmål table, an activity sheet as a two-column
    table, and the heading »Medarbejderressourcer« with nothing under it."""
    from docx import Document

    doc = Document()
    doc.add_heading("Delaftale for indsatsområdet Beskæftigelse", level=1)
    for label, value in (
        ("Navn på den boligsociale indsats, som delaftalen vedrører:", "Job i Tværgaden"),
        ("Delaftalen gælder fra - til:", "1. januar 2024 - 31. december 2027"),
    ):
        doc.add_paragraph().add_run(label).bold = True
        doc.add_paragraph(value)
    doc.add_paragraph().add_run("Delaftalens parter:").bold = True
    for party in ("Lilleby Boligforening", "Jobcenter Lilleby"):
        doc.add_paragraph(party, style="List Bullet")
    doc.add_heading("Delmål og indikatorer for indsatsområdet", level=2)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    header = ("Delmål", "Indikator", "Baseline boligområde/ målgruppe", "Evt. anden baseline",
              "Baseline år", "Datakilde")  # fmt: skip
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in (
        (GOAL, "Andel beskæftigede 16-64-årige", "41 %", "Lilleby Kommune (68 %)", "2023",
         "Danmarks Statistik"),
        ("Flere unge får et fritidsjob", "Antal unge i fritidsjob", "12 unge", "", "2023",
         "Egen opgørelse"),
    ):  # fmt: skip
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.add_heading("Aktivitetsskema", level=2)
    sheet = doc.add_table(rows=0, cols=2)
    sheet.style = "Table Grid"
    for label, value in (
        ("Aktivitetsnavn", "Jobcafé"),
        ("Formål", "At flere beboere finder vej til job og uddannelse."),
        ("Målgruppe(r)", "Ledige beboere over 18 år."),
        ("Indhold og praksis", "Ugentlig café med hjælp til ansøgninger og CV."),
        ("Ansvars- og rollefordeling", "Jobcentret bemander caféen; helhedsplanen inviterer."),
    ):
        cells = sheet.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_heading("Medarbejderressourcer", level=2)
    doc.add_heading("Revision af delaftalen", level=2)
    doc.add_paragraph("Delaftalen revideres hvert år i januar.")
    doc.save(path)
    return path


@pytest.fixture(autouse=True)
def read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read in the upload request instead of a thread (the same job_read)."""
    from importing import jobs

    monkeypatch.setattr(jobs, "run_in_background", jobs.job_read)


def _screens(tmp_path: Path) -> Path:
    """Where the screenshots go: HELHEDSPLAN_SCREENSHOTS to keep and look at them."""
    where = Path(os.environ.get("HELHEDSPLAN_SCREENSHOTS") or tmp_path)
    where.mkdir(parents=True, exist_ok=True)
    return where


OVERLAPS = """() => {
  const box = (e) => e.getBoundingClientRect();
  const visible = (e) => { const r = box(e); return r.width > 0 && r.height > 0; };
  const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 &&
                          a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const buttons = Array.from(document.querySelectorAll('.app-import-actions .button')).filter(visible);
  const fields = Array.from(document.querySelectorAll(
    '#review-form input:not([type=hidden]), #review-form select, #review-form textarea, ' +
    '#review-form .form-label, .app-import-source')).filter(visible);
  const found = [];
  for (const b of buttons) for (const f of fields) {
    if (!b.contains(f) && meets(box(b), box(f))) found.push(b.textContent.trim() + ' / ' + (f.name || f.className));
  }
  const form = document.getElementById('review-form'), source = document.querySelector('.app-import-source');
  if (meets(box(form), box(source))) found.push('form / source');
  const wide = Array.from(document.querySelectorAll('main *'))
    .filter(e => visible(e) && box(e).right > window.innerWidth + 1)
    .filter(e => !(e.closest('.table--responsive-scroll'))).map(e => 'too wide: ' + e.tagName + '.' + e.className);
  return found.concat(wide);
}"""


def test_import_a_delaftale_add_the_missing_staff_and_see_them_saved(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    from plans.models import Agreement

    document = write_delaftale(tmp_path / "delaftale-beskaeftigelse.docx")
    screens = _screens(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    persona_login(page, live_server.url, "koordinator")
    upload_for_review(page, live_server.url, plan.slug, document)
    assert page.get_by_role("heading", name="Gennemse: delaftale-beskaeftigelse.docx").is_visible()

    # The reading is in the form, with the scope kind of the comparator shown.
    assert page.locator("[name=goals-0-text]").input_value() == GOAL
    comparator = page.locator("[name=goals-0-indicators-0-comparators-0-scope_kind]")
    assert comparator.input_value() == "municipality"
    # The source text is body-size, wrapping text; choosing a field marks its passage.
    style = page.eval_on_selector(
        "#source-text",
        "e => [getComputedStyle(e).fontSize, getComputedStyle(e).whiteSpace]",
    )
    assert float(style[0].rstrip("px")) >= 15 and style[1] == "pre-wrap"
    page.locator("[name=goals-0-text]").focus()
    assert page.locator("#source-text mark").inner_text() == GOAL
    page.locator("[name=initiative]").focus()
    assert page.locator("#source-text mark").inner_text() == "Job i Tværgaden"
    page.screenshot(path=str(screens / "review-1280.png"), full_page=True)

    assert page.evaluate(OVERLAPS) == []
    # A field alone on its row takes the row (the activity's name was 156 px wide).
    row = page.locator("#row-activities-0 > .app-row-fields").bounding_box()
    name = page.locator("[name=activities-0-name]").bounding_box()
    assert row and name and name["width"] >= 0.9 * row["width"], (name, row)

    # No staff was read: the section has no rows; add two lines with the script's button.
    staff = page.locator("#rows-staff")
    assert staff.locator(".app-row:visible").count() == 0
    add = staff.get_by_role("button", name="Tilføj medarbejder")
    empty_note = staff.locator(".app-field-warnings li[data-empty-part]")
    assert empty_note.count() == 1 and empty_note.is_visible()  # »… ingen medarbejdere …«
    add.click()
    assert not empty_note.is_visible()  # the part is no longer empty
    page.locator("[name=staff-0-text]").fill("Jobkonsulent, 50 %")
    page.locator("[name=staff-0-role]").fill("Jobkonsulent")
    add.click()
    page.locator("[name=staff-1-text]").fill("Cafévært fra Jobcentret")
    page.locator("[name=staff-1-hours_per_year]").fill("300")
    # ... and move the second above the first, then remove a delmål.
    staff.locator(".app-row").nth(1).get_by_role("button", name="Flyt medarbejder op").click()
    page.locator("#rows-goals > .app-rows-list > .app-row").nth(1).get_by_role(
        "button", name="Fjern delmål"
    ).click()
    # A new delmål with a new indicator: the row template inside a row template.
    goals = page.locator("#rows-goals")
    goals.locator(":scope > .app-row-add").click()
    page.locator("[name=goals-2-text]").fill("Flere beboere tager en uddannelse")
    new_goal = page.locator("#row-goals-2")
    new_goal.locator("#rows-goals-2-indicators > .app-row-add").click()
    page.locator("[name=goals-2-indicators-0-text]").fill("Antal beboere i uddannelse")
    new_goal.locator("#rows-goals-2-indicators-0-baselines > .app-row-add").click()
    page.locator("[name=goals-2-indicators-0-baselines-0-text]").fill("17 beboere")

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    phone.screenshot(path=str(screens / "review-390.png"), full_page=True)
    assert phone.evaluate(OVERLAPS) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screens / "review-390-filled.png"), full_page=True)
    assert page.evaluate(OVERLAPS) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Gem som ny udgave af aftalen").click()
    page.wait_for_url("**/aftaler/*/")
    content = page.content()
    assert "er gemt fra delaftale-beskaeftigelse.docx" in content
    assert page.get_by_text("Jobkonsulent, 50 %").first.is_visible()
    assert page.get_by_text("Cafévært fra Jobcentret").first.is_visible()
    page.screenshot(path=str(screens / "agreement-1280.png"), full_page=True)

    agreement = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    staff_lines = list(agreement.staff.order_by("order"))
    assert [s.text for s in staff_lines] == ["Cafévært fra Jobcentret", "Jobkonsulent, 50 %"]
    assert staff_lines[0].hours_per_year == 300 and staff_lines[1].share_percent == 50
    goals_saved = list(agreement.goals.order_by("order"))
    assert [g.text for g in goals_saved] == [GOAL, "Flere beboere tager en uddannelse"]
    (indicator,) = goals_saved[1].indicators.all()
    assert indicator.text == "Antal beboere i uddannelse"
    (baseline,) = indicator.measures.all()
    assert (baseline.text, baseline.count) == ("17 beboere", 17)


def test_without_javascript_the_blank_rows_and_fields_do_the_same(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    from plans.models import Agreement

    document = write_delaftale(tmp_path / "delaftale.docx")
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    persona_login(page, live_server.url, "koordinator")
    upload_for_review(
        page, live_server.url, plan.slug, document
    )  # the status page sends a finished reading on
    # the blank staff row is there to fill in; Fjern and Plads are plain fields
    page.locator("[name=staff-0-text]").fill("Jobkonsulent, 50 %")
    page.locator("[name=goals-1-DELETE]").check()
    page.screenshot(path=str(_screens(tmp_path) / "review-nojs-1280.png"), full_page=True)
    page.get_by_role("button", name="Gem som ny udgave af aftalen").click()
    page.wait_for_url("**/aftaler/*/")
    agreement = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    assert [s.text for s in agreement.staff.all()] == ["Jobkonsulent, 50 %"]
    assert [g.text for g in agreement.goals.all()] == [GOAL]
