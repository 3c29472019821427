"""The follow-up of the demo plan after it moved into 2027-30, in a real browser (Debian's
Chromium driven by Playwright; issue 11): the year before the move follows the closed
period's agreements with their logbook, and a continued indicator's page shows the older
period's values with the boundary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.browser import period_pages
from tests.browser.period_pages import WIDER_THAN_A_PHONE, login, shot
from tests.moving import demo_moved

pytestmark = period_pages.MARKS


@pytest.fixture
def moved(db: Any) -> Any:
    """The demo plan moved into the fictional 2027-30 from 1 March 2027 (the move itself is
    driven through the browser in test_new_period.py)."""
    return demo_moved(grant=dt.date(2027, 3, 1))


def _sessions(plan: Any, year: int, name: str = "Lektiecafé i fælleshuset") -> int:
    """The sessions of the closed period's activity of that name in `year`."""
    from evaluation.models import LogbookSession
    from plans.models import Activity

    old = Activity.objects.get(
        agreement__plan=plan, agreement__closed_period__isnull=False, name=name
    )
    return LogbookSession.objects.filter(
        agreement=old.agreement, activity_key=old.key, date__year=year
    ).count()


def test_the_followup_after_a_move_shows_what_was_in_force(
    live_server: Any, moved: Any, browser: Any
) -> None:
    from plans import transition
    from plans.models import Indicator

    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "koordinator")
    page.goto(f"{base}/planer/{moved.slug}/opfoelgning/?aar=2026")
    page.get_by_role("heading", name="Opfølgning 2026").wait_for(state="visible")
    # Before: »Planen har ingen godkendte mål endnu« and the logbook at »0 gange«.
    assert page.get_by_text("ingen godkendte mål").count() == 0
    # in force until the day before the grant date (1 March 2027), then over: the one rule
    state = transition.left_period_state(dt.date(2027, 2, 28))
    closed = page.locator(".app-kicker", has_text=f"Bevillingsperioden 2019-26 ({state})")
    closed.first.wait_for(state="visible")
    assert closed.count() >= 2
    # the demo's logbook runs up to the machine's day: as many as it holds for 2026
    logbook = page.get_by_text(f"Lektiecafé i fælleshuset: {_sessions(moved, 2026)} gange i 2026")
    logbook.first.wait_for(state="visible")
    page.get_by_text("Planen er flyttet til bevillingsperioden 2027-30").wait_for(state="visible")
    shot(page, "opfoelgning-2026-efter-skift")

    # The closed delaftale's indicator: its page reads the one series and sends new values on.
    goal = page.locator("section.app-card", has_text="Flere børn i Bakkely og Kildevang")
    goal.get_by_role("link", name="Andel 1-5 årige i dagtilbud").first.click()
    page.get_by_text("Nye værdier registreres dér").wait_for(state="visible")
    assert page.get_by_role("heading", name="Registrér en ny værdi").count() == 0
    shot(page, "indikator-afsluttet")
    page.locator(".alert").get_by_role("link", name="Andel 1-5 årige i dagtilbud").click()

    # The continuing indicator: before, »Ingen værdier endnu«.
    page.get_by_role("heading", name="Registrér en ny værdi").wait_for(state="visible")
    assert page.get_by_text("Ingen værdier endnu").count() == 0
    page.get_by_text(f"Bevillingsperioden 2019-26 ({state})").wait_for(state="visible")
    page.locator("svg .app-period-boundary").first.wait_for(state="attached")
    page.get_by_role("cell", name="83,4 %").first.wait_for(state="visible")
    new = Indicator.objects.get(pk=int(page.url.rstrip("/").split("/")[-1]))
    assert new.continues is not None and new.goal.agreement.is_current
    shot(page, "indikator-fortsat")

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    login(phone, base, "koordinator")
    for name, path in (
        ("opfoelgning-2026-efter-skift", f"/planer/{moved.slug}/opfoelgning/?aar=2026"),
        ("indikator-fortsat", f"/planer/{moved.slug}/opfoelgning/indikatorer/{new.pk}/"),
    ):
        phone.goto(base + path)
        assert phone.evaluate(WIDER_THAN_A_PHONE) == [], path
        shot(phone, name)
