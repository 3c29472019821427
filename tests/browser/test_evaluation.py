"""Local evaluation in a real browser (issue 10, done-when): the koordinator builds a
forandringsteori for one indsatsområde and links a result to an indicator, sets the
activity's process goals, uploads four sessions (one outside the area) from a logbook
spreadsheet, and sees the process goal's status on the dashboard and in the yearly PDF."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

from django.utils import timezone

from tests.browser.pages import MARKS, persona_login

pytestmark = MARKS
SHOTS = os.environ.get("RECORD_SCREENSHOTS")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _logbook_xlsx(path: Path, year: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Dato", "Tema", "Sted", "Deltagere i alt", "Heraf nye i år", "Målgruppe: Unge"])
    sheet.append(
        [dt.date(year, 1, 14), "Valg til afdelingsbestyrelsen", "i boligområdet", 11, 4, 6]
    )
    sheet.append([dt.date(year, 2, 11), "Budgettet", "i boligområdet", 9, 2, 5])
    sheet.append(
        [dt.date(year, 3, 10), "Besøg hos naboafdelingen", "uden for boligområdet", 7, 1, 3]
    )
    sheet.append([dt.date(year, 4, 14), "Husorden", "i boligområdet", 12, 3, 8])
    workbook.save(path)


def test_the_koordinator_builds_a_theory_uploads_a_logbook_and_sees_the_process_goal(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    from plans import services
    from plans.models import Agreement

    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    goal = sub.goals.get()
    services.activity_save(agreement=sub, name="Værkstedsaftener", linked_goals=[goal])
    year = timezone.localdate().year
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    persona_login(page, live_server.url, "koordinator")

    # The forandringsteori: the four horizons' rows are there; the long-term result is
    # measured by the delmål's indicator; an assumption is added with the page's button.
    page.goto(f"{live_server.url}/aftaler/{sub.pk}/")
    page.get_by_role("link", name="+ Lav en forandringsteori for Uddannelse og livschancer").click()
    page.get_by_label("Værkstedsaftener").check()
    page.locator("#id_resultater-0-text").fill("Fire værkstedsaftener om året.")
    page.locator("#id_resultater-3-text").fill("Flere unge gennemfører 9. klasse.")
    page.get_by_role("group", name="Resultat 4").get_by_label(
        "Andel elever med afgangsprøve"
    ).check()
    page.get_by_role("button", name="+ Tilføj forudsætning").click()
    page.locator("#id_forudsaetninger-1-text").fill("Skolen stiller lokaler til rådighed.")
    page.get_by_role("button", name="Gem forandringsteorien").click()
    assert page.get_by_text("Forandringsteorien er gemt.").is_visible()
    figure = page.locator("#forandringsteori svg")
    assert "Flere unge gennemfører 9. klasse." in figure.inner_html()
    assert "Andel elever med afgangsprøve" in figure.inner_html()
    assert "Skolen stiller lokaler til rådighed." in figure.inner_html()
    _shot(page, "forandringsteori")

    # The activity's process goals, then four sessions from a logbook spreadsheet.
    page.get_by_role("link", name="Logbog for Værkstedsaftener").click()
    page.get_by_role("link", name="Ret procesmålene").click()
    page.locator("#id_procesmaal-0-text").fill("4 værkstedsaftener om året")
    page.locator("#id_procesmaal-0-target").fill("4")
    page.locator("#id_procesmaal-0-per").select_option("year")
    page.locator("#id_procesmaal-1-text").fill("mindst 1 uden for boligområdet")
    page.locator("#id_procesmaal-1-target").fill("1")
    page.locator("#id_procesmaal-1-per").select_option("year")
    page.locator("#id_procesmaal-1-condition").fill("uden for boligområdet")
    page.get_by_role("button", name="Gem procesmålene").click()
    assert page.get_by_text("Procesmålene er gemt.").is_visible()
    sheet = tmp_path / "logbog.xlsx"
    _logbook_xlsx(sheet, year)
    page.locator("#id_file").set_input_files(str(sheet))
    page.get_by_role("button", name="Indlæs logbogen").click()
    assert page.get_by_text("4 aktivitetsgange er gemt i logbogen.").is_visible()
    summary = f"4 af 4 i {year}, 1 uden for boligområdet (mål: 1)"
    assert page.get_by_text(summary).first.is_visible()
    _shot(page, "logbog")

    # The dashboard shows the process goal beside the delmål's indicator.
    page.goto(f"{live_server.url}/planer/{plan.slug}/opfoelgning/?aar={year}")
    card = page.locator("section.app-card", has_text="Flere unge gennemfører 9. klasse").first
    assert summary in card.inner_text()
    assert "Andel elever med afgangsprøve" in card.inner_text()
    _shot(page, "opfoelgning")

    # And the yearly follow-up PDF says the same.
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent årlig opfølgning (PDF)").click()
    pdf = tmp_path / "opfoelgning.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert f"Procesmål: {summary}" in flat
    assert "Værkstedsaftener: 4 gange" in flat


def test_a_renamed_activity_keeps_its_logbook_and_the_seminar_form_shows_every_error(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any
) -> None:
    """The review's gaps, as the koordinator meets them: renaming an activity keeps its
    logbook; the seminar form names a future date together with the other missing fields; a
    decision on a delaftale that is already a draft is added to that draft."""
    from evaluation import services as evaluation
    from plans import services
    from plans.models import Agreement

    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    activity = services.activity_save(agreement=sub, name="Værkstedsaftener")
    day = timezone.localdate() - dt.timedelta(days=3)
    evaluation.sessions_record(
        agreement=sub,
        activity=activity,
        sessions=[evaluation.SessionInput(day, "Cykelværksted", "in_area", 9)],
        user=None,
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    persona_login(page, live_server.url, "koordinator")

    page.goto(f"{live_server.url}/aftaler/{sub.pk}/dele/aktivitet/{activity.pk}/")
    page.locator("#id_name").fill("Værkstedsaftener for unge")
    page.get_by_role("button", name="Gem").first.click()
    page.goto(
        f"{live_server.url}/aftaler/{sub.pk}/aktiviteter/{activity.pk}/logbog/?aar={day.year}"
    )
    page.get_by_role("heading", name="Logbog: Værkstedsaftener for unge").wait_for(state="visible")
    page.get_by_role("cell", name="Cykelværksted").wait_for(state="visible")

    page.goto(f"{live_server.url}/planer/{plan.slug}/seminarer/")
    future = timezone.localdate() + dt.timedelta(days=20)
    page.locator("#id_held_on").fill(f"{future:%d.%m.%Y}")
    page.get_by_role("button", name="Gem seminaret").click()
    for message in (
        "Seminarets dato kan ikke ligge i fremtiden",
        "Skriv mindst én rolle, der deltog.",
        "Skriv, hvilke data seminaret så på.",
    ):
        page.locator(".form-error-message", has_text=message).wait_for(state="visible")
    _shot(page, "seminar-fejl")

    page.locator("#id_held_on").fill(f"{day:%d.%m.%Y}")
    page.locator("#id_roles").fill("Koordinator")
    page.locator("#id_data_reviewed").fill("Logbøgerne")
    page.locator("#id_beslutninger-0-text").fill("Værkstedet får en ekstra aften.")
    page.locator("#id_beslutninger-0-agreement").select_option(str(sub.pk))
    page.locator("#id_beslutninger-0-start_revision").check()
    page.get_by_role("button", name="Gem seminaret").click()
    page.get_by_text("føjet til den eksisterende kladde").wait_for(state="visible")
    assert "startede" not in page.locator("main").inner_text()
