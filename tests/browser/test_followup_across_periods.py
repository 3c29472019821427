"""The follow-up of the demo plan after it moved into 2027-30, in a real browser (Debian's
Chromium driven by Playwright; issue 11): the year before the move follows the closed
period's agreements with their logbook, and a continued indicator's page shows the older
period's values with the boundary."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no Debian chromium"),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

EXAMPLE = SHARED / "formats" / "examples" / "funding-period-2027-30.json"
# Set to a folder to keep screenshots of every step at 1280 and 390 px.
SHOTS = os.environ.get("HELHEDSPLAN_SCREENSHOTS", "")
WIDER_THAN_A_PHONE = """Array.from(document.querySelectorAll('main *'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !(e.parentElement && e.parentElement.closest('.table--responsive-scroll')))
    .map(e => e.tagName + '.' + e.className)"""


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        yield chromium
        chromium.close()


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)


def _login(page: Any, base: str, username: str) -> None:
    from demo.plan import DEMO_PASSWORD

    page.goto(f"{base}/konto/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("button", name="Log af").wait_for(state="visible")


@pytest.fixture
def moved(db: Any) -> Any:
    """The demo plan moved into the fictional 2027-30 from 1 March 2027 (the move itself is
    driven through the browser in test_new_period.py)."""
    from django.contrib.auth.models import User

    from demo.plan import load_demo
    from plans import transition
    from plans.models import FundingPeriod
    from plans.periods import load_period, read_period_file

    if not EXAMPLE.is_file():
        pytest.skip("../shared (the 2027-30 example period) is not beside this clone")
    load_period(read_period_file(EXAMPLE))
    plan, _ = load_demo()
    period = FundingPeriod.objects.get(code="2027-30")
    mapping = {
        c.agreement.pk: (c.proposal.pk if c.proposal else None)
        for c in transition.propose_mapping(plan, period)
    }
    transition.plan_move_to_period(
        plan=plan,
        to_period=period,
        grant_date=dt.date(2027, 3, 1),
        mapping=mapping,
        user=User.objects.get(username="koordinator"),
    )
    return plan


def test_the_followup_after_a_move_shows_what_was_in_force(
    live_server: Any, moved: Any, browser: Any
) -> None:
    from plans.models import Indicator

    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, base, "koordinator")
    page.goto(f"{base}/planer/{moved.slug}/opfoelgning/?aar=2026")
    page.get_by_role("heading", name="Opfølgning 2026").wait_for(state="visible")
    # Before: »Planen har ingen godkendte mål endnu« and the logbook at »0 gange«.
    assert page.get_by_text("ingen godkendte mål").count() == 0
    closed = page.locator(".app-kicker", has_text="Bevillingsperioden 2019-26 (afsluttet")
    closed.first.wait_for(state="visible")
    assert closed.count() >= 2
    logbook = page.get_by_text("Lektiecafé i fælleshuset: 85 gange i 2026")
    logbook.first.wait_for(state="visible")
    page.get_by_text("Planen er flyttet til bevillingsperioden 2027-30").wait_for(state="visible")
    _shot(page, "opfoelgning-2026-efter-skift")

    # The closed delaftale's indicator: its page reads the one series and sends new values on.
    goal = page.locator("section.app-card", has_text="Flere børn i Bakkely og Kildevang")
    goal.get_by_role("link", name="Andel 1-5 årige i dagtilbud").first.click()
    page.get_by_text("Nye værdier registreres dér").wait_for(state="visible")
    assert page.get_by_role("heading", name="Registrér en ny værdi").count() == 0
    _shot(page, "indikator-afsluttet")
    page.locator(".alert").get_by_role("link", name="Andel 1-5 årige i dagtilbud").click()

    # The continuing indicator: before, »Ingen værdier endnu«.
    page.get_by_role("heading", name="Registrér en ny værdi").wait_for(state="visible")
    assert page.get_by_text("Ingen værdier endnu").count() == 0
    page.get_by_text("Bevillingsperioden 2019-26 (afsluttet), til 28. februar 2027").wait_for(
        state="visible"
    )
    page.locator("svg .app-period-boundary").first.wait_for(state="attached")
    page.get_by_role("cell", name="83,4 %").first.wait_for(state="visible")
    new = Indicator.objects.get(pk=int(page.url.rstrip("/").split("/")[-1]))
    assert new.continues is not None and new.goal.agreement.is_current
    _shot(page, "indikator-fortsat")

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    _login(phone, base, "koordinator")
    for name, path in (
        ("opfoelgning-2026-efter-skift", f"/planer/{moved.slug}/opfoelgning/?aar=2026"),
        ("indikator-fortsat", f"/planer/{moved.slug}/opfoelgning/indikatorer/{new.pk}/"),
    ):
        phone.goto(base + path)
        assert phone.evaluate(WIDER_THAN_A_PHONE) == [], path
        _shot(phone, name)
