"""F25 in a real browser (Debian's Chromium driven by Playwright): the koordinator moves the
demo plan into a period whose fixed indicator continues one of the plan's, chooses what its
proposed baseline is for, is told in Danish what is missing (nothing moved, the choice kept),
and moves the plan with the scope chosen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import period_pages
from tests.browser.period_pages import WIDER_THAN_A_PHONE, login, open_move_form, shot
from tests.moving import FIXED_WORDING, fixed_baselines, load_fixed_period

pytestmark = period_pages.MARKS


@pytest.fixture
def demo(db: Any) -> Any:
    """The demo plan, with our fictional period of one fixed indicator to move into."""
    from demo.plan import load_demo

    load_fixed_period()
    plan, _ = load_demo()
    return plan


def test_the_koordinator_chooses_the_scope_of_a_fixed_baseline(
    live_server: Any, demo: Any, browser: Any
) -> None:
    from plans.models import PeriodTransition

    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "koordinator")
    open_move_form(page, base, demo.slug, "2027-30", "1. januar 2027")
    assert page.get_by_role("heading", name="Baseline for de faste indikatorer").is_visible()
    kind = page.get_by_label(f"Omfang for {FIXED_WORDING}")
    name = page.get_by_label(f"Gælder for ({FIXED_WORDING})")
    # the proposal: as the indicator's latest measurement, for the whole area
    assert kind.evaluate("e => e.selectedOptions[0].text") == "hele området / målgruppen"
    assert page.get_by_text("som indikatorens seneste måling").is_visible()
    shot(page, "f25-1-forslag")

    # An afdeling without a name: refused in Danish beside the field, nothing moved, kept.
    kind.select_option(label="afdeling")
    name.fill("")
    page.get_by_role("button", name="Flyt planen til 2027-30").click()
    page.get_by_text("Planen er ikke flyttet. Intet er gemt.").wait_for(state="visible")
    assert (
        page.locator("#id_fast-0-scope_error")
        .inner_text()
        .endswith("Skriv navnet på den afdeling, baselinen gælder for.")
    )
    assert name.get_attribute("aria-invalid") == "true"
    assert kind.evaluate("e => e.value") == "department"
    assert not PeriodTransition.objects.filter(plan=demo).exists()
    shot(page, "f25-2-fejl")

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    login(phone, base, "koordinator")
    phone.goto(
        f"{base}/planer/{demo.slug}/ny-bevillingsperiode/?periode=2027-30&bevillingsdato=1.1.2027"
    )
    phone.get_by_role("heading", name="Baseline for de faste indikatorer").wait_for(state="visible")
    assert phone.evaluate(WIDER_THAN_A_PHONE) == []
    shot(phone, "f25-1-forslag")
    phone.close()

    # The boligområde, named: the plan moves, and the new baseline is the boligområde's.
    kind.select_option(label="boligområde")
    name.fill("Kildevang")
    page.get_by_role("button", name="Flyt planen til 2027-30").click()
    page.get_by_text("Planen er flyttet til bevillingsperioden 2027-30").wait_for(state="visible")
    shot(page, "f25-3-flyttet")
    (baseline,) = fixed_baselines(demo)
    assert (baseline.scope_kind, baseline.scope, baseline.proposed) == (
        "housing_area",
        "Kildevang",
        True,
    )
    page.close()
