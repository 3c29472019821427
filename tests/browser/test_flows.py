"""The koordinator's everyday flow in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

from typing import Any

from tests.browser.pages import MARKS, persona_login

pytestmark = MARKS


def test_koordinator_edits_a_delmaal_and_an_outsider_is_refused(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any
) -> None:
    page = browser.new_page()
    persona_login(page, live_server.url, "koordinator")
    page.goto(f"{live_server.url}/planer/{plan.slug}/")
    assert page.get_by_role("heading", name="Tværgaden").is_visible()
    page.get_by_role("link", name="Uddannelse og livschancer").click()
    page.get_by_role("link", name="Ret mål 1").click()
    page.get_by_label("Mål").fill("Flere unge gennemfører 9. klasse med en afgangsprøve")
    page.get_by_role("button", name="Gem").click()
    assert "Delmålet er gemt" in page.content()
    page.goto(f"{live_server.url}/planer/{plan.slug}/")
    assert page.get_by_text("Flere unge gennemfører 9. klasse med en afgangsprøve").is_visible()

    # Bad input: a date that does not exist is refused in Danish and nothing is lost.
    page.goto(f"{live_server.url}/planer/{plan.slug}/rediger/")
    page.get_by_label("Periode fra").fill("31. februar 2024")
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_text("er ikke en dato").first.is_visible()
    assert page.get_by_label("Periode fra").input_value() == "31. februar 2024"

    outsider = browser.new_page()
    persona_login(outsider, live_server.url, "outsider")
    response = outsider.goto(f"{live_server.url}/planer/{plan.slug}/")
    assert response is not None and response.status == 404
    assert "Tværgaden" not in outsider.content()


def test_the_plan_page_fits_a_phone(
    live_server: Any, plan: Any, personas: dict[str, Any], browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    persona_login(page, live_server.url, "bestyrelse")
    sub = plan.agreements.get(focus_area__name="Uddannelse og livschancer")
    for path in (f"/planer/{plan.slug}/", f"/aftaler/{sub.pk}/"):
        page.goto(live_server.url + path)
        cut = page.evaluate(
            """Array.from(document.querySelectorAll('main *'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .filter(e => !(e.parentElement && e.parentElement.closest('.table--responsive-scroll')))
                .map(e => e.tagName + '.' + e.className)"""
        )
        assert cut == [], f"{path} is wider than a phone: {cut}"
