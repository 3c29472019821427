"""The record in a real browser: an approval dated before the draft was sent is refused in
Danish; an agreement waiting for approval says so and shows no edit links; the board's
follow-up shows the approved version with the draft's changes apart."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from tests.browser.pages import MARKS, persona_login

pytestmark = MARKS
SHOTS = os.environ.get("RECORD_SCREENSHOTS")  # a folder to keep screenshots in, when set


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _sub(plan: Any) -> Any:
    from plans.models import Agreement

    return Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")


def test_an_approval_before_the_draft_was_sent_is_refused_and_the_page_says_it_waits(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any
) -> None:
    from plans import revisions

    agreement = _sub(plan)
    sent = timezone.localdate() - dt.timedelta(days=7)
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"], sent_on=sent)

    koordinator = browser.new_page(viewport={"width": 1200, "height": 900})
    persona_login(koordinator, live_server.url, "koordinator")
    koordinator.goto(f"{live_server.url}/aftaler/{agreement.pk}/")
    assert koordinator.locator("#venter").inner_text() == "Venter på bestyrelsens godkendelse"
    assert koordinator.get_by_text("kan ikke ændres, før bestyrelsen har godkendt").is_visible()
    assert koordinator.get_by_role("link", name="Ret aftalen").count() == 0
    assert koordinator.get_by_role("link", name="+ Tilføj delmål").count() == 0
    assert koordinator.locator("a[href*='/dele/']").count() == 0  # no edit link at all
    _shot(koordinator, "venter-paa-godkendelse")

    board = browser.new_page(viewport={"width": 1200, "height": 900})
    persona_login(board, live_server.url, "bestyrelse")
    board.goto(f"{live_server.url}/aftaler/{agreement.pk}/godkendelse/")
    board.get_by_label("Mødedato").fill("01.01.2020")
    board.get_by_role("button", name="Godkend").click()
    error = board.get_by_text("ligger før version 1 blev sendt til godkendelse")
    error.first.wait_for(state="visible")  # the answer page has loaded
    # at the date field (in its form group, read with it), and what was typed is kept
    field = board.locator(".form-group.form-error", has=board.locator("#id_meeting_date"))
    assert field.count() == 1
    assert "ligger før version 1 blev sendt til godkendelse" in field.inner_text()
    assert board.locator("#id_meeting_date_error").is_visible()
    assert board.locator("#id_meeting_date").input_value() == "01.01.2020"
    # the DKFDS error summary above the form only links to the field that holds the message
    assert board.locator('.alert-error a[href="#id_meeting_date"]').count() == 1
    _shot(board, "godkendelse-foer-sendt")
    agreement.refresh_from_db()
    assert agreement.status == "submitted" and agreement.approved_on is None

    board.get_by_label("Mødedato").fill("")
    board.get_by_role("button", name="Godkend").click()
    board.locator("#id_meeting_date_error").get_by_text("Mødedatoen mangler").wait_for(
        state="visible"
    )

    board.get_by_label("Mødedato").fill(f"{sent:%d.%m.%Y}")
    board.get_by_role("button", name="Godkend").click()
    board.get_by_text("Aftalen er godkendt").first.wait_for(state="visible")
    agreement.refresh_from_db()
    assert (agreement.status, agreement.approved_on) == ("approved", sent)


def test_the_board_sees_the_approved_version_and_the_draft_apart(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any
) -> None:
    from followup import services
    from plans import revisions
    from plans import services as plan_services
    from plans.models import Goal

    agreement = _sub(plan)
    indicator = agreement.goals.get().indicators.get()
    services.measurement_record(indicator=indicator, year=2025, percent=Decimal(66))
    today = timezone.localdate()
    revisions.agreement_submit(agreement=agreement, user=None, sent_on=today)
    revisions.agreement_approve(agreement=agreement, user=None, meeting_date=today)
    goal = Goal.objects.get(agreement=agreement)
    revisions.change_agreement(
        agreement=agreement,
        user=None,
        action="Delmål ændret",
        reason="Ny retning",
        change=lambda: plan_services.goal_save(
            agreement=agreement, goal=goal, text="Udkast: flere unge i fritidsjob"
        ),
    )
    page = browser.new_page(viewport={"width": 390, "height": 844})
    persona_login(page, live_server.url, "bestyrelse")
    page.goto(f"{live_server.url}/planer/{plan.slug}/opfoelgning/?aar=2025")
    approved = page.locator(f"#goal-{goal.pk}").first
    assert "Flere unge gennemfører 9. klasse" in approved.inner_text()
    pending = page.locator("#ikke-godkendt")
    assert pending.is_visible() and "Ikke godkendt endnu" in pending.inner_text()
    assert "Udkast: flere unge i fritidsjob" in pending.inner_text()
    assert "Udkast: flere unge i fritidsjob" not in approved.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the follow-up is {width} px wide on a 390 px phone"
    if SHOTS:
        pending.screenshot(path=str(Path(SHOTS) / "opfoelgning-ikke-godkendt.png"))
        approved.screenshot(path=str(Path(SHOTS) / "opfoelgning-godkendt.png"))

    partner = browser.new_page(viewport={"width": 1200, "height": 900})
    persona_login(partner, live_server.url, "partner")
    partner.goto(f"{live_server.url}/aftaler/{agreement.pk}/")
    assert "/version/1/" in partner.url
    assert partner.get_by_text("Flere unge gennemfører 9. klasse").first.is_visible()
    assert "Udkast: flere unge i fritidsjob" not in partner.content()
    _shot(partner, "partner-ser-gaeldende-version")


def test_the_delaftale_page_fits_a_phone(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    persona_login(page, live_server.url, "koordinator")
    page.goto(f"{live_server.url}/aftaler/{_sub(plan).pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the delaftale page is {width} px wide on a 390 px phone"
    _shot(page, "delaftale-telefon")
