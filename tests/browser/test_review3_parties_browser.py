"""Review 3 in a real browser: document C (parties »Titel Navn, Organisation«) in the demo
plan: no »another plan« alarm, each party row offers the plan's organisations with the one it
names chosen, a guessed direction is marked, nothing overlaps at 1280 or 390 px, and the
saved agreement links its parties."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.pages import MARKS, login, upload_for_review
from tests.browser.test_import_review import (
    OVERLAPS,
    _screens,
    read_at_once,  # noqa: F401 - autouse fixture
)

pytestmark = MARKS

DOCX = (
    Path(__file__).parent.parent
    / "fixtures"
    / "importing"
    / "review3"
    / "C_kriminalitet_skabelon_haandudfyldt.docx"
)


def test_document_c_reviews_without_alarm_and_saves_linked_parties(
    live_server: Any, browser: Any, tmp_path: Path
) -> None:
    from demo.plan import load_demo
    from plans.models import Agreement

    plan, _rows = load_demo()
    screens = _screens(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, live_server.url, "koordinator")
    upload_for_review(page, live_server.url, plan.slug, DOCX)
    assert page.get_by_text("Hører dokumentet til en anden plan?").count() == 0
    chosen = [page.locator(f"[name=parties-{i}-organisation]").input_value() for i in range(4)]
    assert chosen == ["Boligselskabet Bakkely", "Åbyhavn Kommune", "", "Fritidsklubben Stjernen"]
    assert page.locator("[name=goals-0-indicators-1-direction]").input_value() == "more"
    assert page.locator("[name=goals-0-indicators-0-unit]").input_value() == "count"
    hint = page.locator("#id_goals-0-indicators-1-direction_hint")
    assert hint.is_visible() and "Gættet ud fra delmålets ord" in hint.inner_text()
    page.locator("#rows-parties").scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "review3-c-1280.png"), full_page=True)
    assert page.evaluate(OVERLAPS) == []

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    phone.screenshot(path=str(screens / "review3-c-390.png"), full_page=True)
    assert phone.evaluate(OVERLAPS) == []

    page.locator("[name=parties-2-organisation]").select_option("Østkystens Politi")
    page.get_by_role("button", name="Gem aftalen").first.click()
    page.wait_for_url("**/aftaler/*/")
    agreement = Agreement.objects.get(
        plan=plan, focus_area__name="Kriminalitetsforebyggelse", is_current=True
    )
    assert [str(p.organisation) for p in agreement.parties.all()] == [
        "Boligselskabet Bakkely",
        "Åbyhavn Kommune",
        "Østkystens Politi",
        "Fritidsklubben Stjernen",
    ]
