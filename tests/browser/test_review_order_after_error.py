"""In a real browser: a delmål moved up with ↑ Op stays moved when the review comes back with
an error (»alt det indtastede står der stadig«), and a long word wraps instead of widening
the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.pages import MARKS, persona_login, upload_for_review
from tests.browser.test_import_review import (
    read_at_once,  # noqa: F401 - autouse fixture
    write_delaftale,
)

pytestmark = MARKS


def test_a_moved_delmaal_stays_moved_after_a_bad_date(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    from plans.models import Agreement

    document = write_delaftale(tmp_path / "delaftale.docx")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    persona_login(page, live_server.url, "koordinator")
    upload_for_review(page, live_server.url, plan.slug, document)
    goals = page.locator("#rows-goals > .app-rows-list > .app-row")
    first, second = goals.nth(0).get_attribute("id"), goals.nth(1).get_attribute("id")
    second_text = page.locator(f"#{second} [name$='-text']").first.input_value()
    goals.nth(1).get_by_role("button", name="Flyt delmål op").click()
    page.locator("[name=period_start]").fill("x" * 5000)
    before = Agreement.objects.filter(plan=plan).count()
    page.get_by_role("button", name="Gem som ny udgave af aftalen").click()
    banner = page.locator(".alert-error").first
    banner.wait_for(state="visible")
    assert "alt det indtastede står der stadig" in banner.inner_text()
    goals = page.locator("#rows-goals > .app-rows-list > .app-row")
    assert [goals.nth(0).get_attribute("id"), goals.nth(1).get_attribute("id")] == [second, first]
    assert page.locator(f"#{second} [name$='-text']").first.input_value() == second_text
    assert page.locator(f"#{second} .app-row-number").first.inner_text() == "1"
    error = page.locator("#id_period_start_error")
    assert error.inner_text().endswith("Højst 200 tegn (du skrev 5.000).")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert Agreement.objects.filter(plan=plan).count() == before
