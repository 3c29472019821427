"""The portfolio at 375 px keeps each row's plan in view while the table scrolls sideways
(review4 T20): the first column is sticky inside the table's own scrolling box."""

from __future__ import annotations

from typing import Any

from tests.browser.pages import MARKS

pytestmark = MARKS  # the browser fixture comes from tests/browser/conftest.py


def test_the_plan_column_stays_while_the_portfolio_scrolls(live_server: Any, browser: Any) -> None:
    from django.core.management import call_command

    from demo.plan import DEMO_PASSWORD

    call_command("load_demo", verbosity=0)
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{live_server.url}/konto/log-ind/")
    page.get_by_label("Brugernavn").fill("lbf")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/portefoelje/")
    region = page.locator(".table--responsive-scroll").first
    plan_cell = region.locator('tbody th[scope="row"]').first
    header = region.locator("thead th").first
    before = plan_cell.bounding_box()
    assert before is not None
    scrolled = region.evaluate("box => { box.scrollLeft = 600; return box.scrollLeft; }")
    assert scrolled > 0  # the table is wider than the phone
    after, head = plan_cell.bounding_box(), header.bounding_box()
    box = region.bounding_box()
    assert after is not None and head is not None and box is not None
    assert abs(after["x"] - box["x"]) < 2 and abs(head["x"] - box["x"]) < 2
    assert after["width"] <= 12 * 10 + 2  # at most 12rem (10 px a rem): room for the figures
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= 375
    page.screenshot(path="/tmp/review5-portfolio-375.png")
