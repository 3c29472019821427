"""Moving the demo plan into the next funding period, and the portfolio, in a real browser
(Debian's Chromium driven by Playwright; issue 11)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import period_pages
from tests.browser.period_pages import WIDER_THAN_A_PHONE, login, shot
from tests.moving import load_example_period

pytestmark = period_pages.MARKS


@pytest.fixture
def demo(db: Any) -> Any:
    """The demo plan, with the example period 2027-30 loaded to move into."""
    from demo.plan import load_demo

    load_example_period()
    plan, _ = load_demo()
    return plan


def test_the_demo_plan_moves_into_2027_30(
    live_server: Any, demo: Any, browser: Any, monkeypatch: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from plans.models import Agreement, Measure, PeriodTransition

    # after the grant date (1 March 2027): the move is in force (before it:
    # test_a_move_before_its_grant_date_in_the_browser)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2027, 3, 15))

    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "koordinator")
    page.goto(f"{base}/planer/{demo.slug}/")
    # a button among the plan's actions (and the link in the periods' card below)
    page.locator(".app-actions").get_by_role("link", name="Ny bevillingsperiode").click()
    assert page.get_by_role("heading", name="Ny bevillingsperiode").is_visible()
    shot(page, "1-vaelg-periode")
    # A bad grant date is refused in Danish on the page, nothing changes.
    page.get_by_label("Ny bevillingsperiode").select_option("2027-30")
    page.get_by_label("Bevillingsdato").fill("31. februar 2027")
    page.get_by_role("button", name="Videre: indsatsområder").click()
    assert page.get_by_text("er ikke en dato").first.is_visible()
    page.get_by_label("Bevillingsdato").fill("1. marts 2027")
    page.get_by_role("button", name="Videre: indsatsområder").click()
    page.get_by_role("heading", name="Ny bevillingsperiode: 2027-30").wait_for(state="visible")
    shot(page, "2-indsatsomraader")
    # The proposal: each old area mapped to a new one by similarity; the user may change it.
    education = page.get_by_label("Nyt indsatsområde for Uddannelse og livschancer")
    employment = page.get_by_label("Nyt indsatsområde for Beskæftigelse")
    assert education.evaluate("e => e.selectedOptions[0].text") == "Læring og trivsel"
    assert employment.evaluate("e => e.selectedOptions[0].text") == "Arbejde og økonomi"
    page.get_by_role("button", name="Flyt planen til 2027-30").click()
    page.get_by_text("Planen er flyttet til bevillingsperioden 2027-30").wait_for(state="visible")
    shot(page, "3-skiftet")
    assert page.get_by_role("heading", name="Ikke overført").is_visible()
    assert page.get_by_text("forslag").first.is_visible()
    proposed = Measure.objects.filter(indicator__goal__agreement__plan=demo, proposed=True)
    assert proposed.exists()
    page.get_by_role("button", name="Bekræft baselines pr. 1. marts 2027").click()
    page.get_by_text("er bekræftet pr. bevillingsdatoen").wait_for(state="visible")
    assert not proposed.exists()
    assert PeriodTransition.objects.get(plan=demo).baseline_confirmed_on is not None

    # The plan page: the new period's drafts, the old period read-only below.
    page.goto(f"{base}/planer/{demo.slug}/")
    assert page.get_by_text("Planen er i bevillingsperioden 2027-30").is_visible()
    assert page.get_by_role("link", name="Læring og trivsel").is_visible()
    shot(page, "4-planen")
    old = Agreement.objects.get(
        plan=demo,
        closed_period__code="2019-26",
        kind="delaftale",
        focus_area__name="Uddannelse og livschancer",
    )
    page.goto(f"{base}/aftaler/{old.pk}/")
    assert page.get_by_text("kan læses, men ikke ændres").is_visible()
    assert page.get_by_role("link", name="Ret aftalen").count() == 0
    shot(page, "5-gammel-aftale")
    # its edit page (a bookmark, a reminder's link) sends to it, saying why (F27)
    response = page.goto(f"{base}/aftaler/{old.pk}/rediger/")
    assert response is not None and response.status == 200
    assert page.url.endswith(f"/aftaler/{old.pk}/")
    assert page.get_by_text("Den kan læses, men ikke ændres").first.is_visible()

    # The year before the grant date follows the closed period's agreements (the new drafts
    # begin in 2027); a continued indicator's own page draws the boundary
    # (tests/browser/test_followup_across_periods.py).
    page.goto(f"{base}/planer/{demo.slug}/opfoelgning/?aar=2026")
    assert page.get_by_text("Bevillingsperioden 2019-26 (afsluttet").first.is_visible()
    shot(page, "6-opfoelgning")

    # At 390 px every page of the move fits a phone.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    login(phone, base, "koordinator")
    move = PeriodTransition.objects.get(plan=demo)
    for name, path in (
        ("1-vaelg-periode", f"/planer/{demo.slug}/ny-bevillingsperiode/"),
        ("3-skiftet", f"/planer/{demo.slug}/bevillingsperioder/{move.pk}/"),
        ("4-planen", f"/planer/{demo.slug}/"),
        ("5-gammel-aftale", f"/aftaler/{old.pk}/"),
    ):
        phone.goto(base + path)
        assert phone.evaluate(WIDER_THAN_A_PHONE) == [], path
        shot(phone, name)


def test_the_portfolio_for_lbf_fits_a_phone(live_server: Any, demo: Any, browser: Any) -> None:
    base = live_server.url
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        login(page, base, "lbf")
        page.get_by_role("link", name="Portefølje").click()
        assert page.get_by_role("heading", name="Portefølje").is_visible()
        assert page.get_by_role("link", name="Fælles om Bakkely").is_visible()
        assert page.evaluate(WIDER_THAN_A_PHONE) == []
        shot(page, "7-portefoelje")
        page.get_by_role("link", name="Kommune", exact=True).first.click()
        assert "sorter=kommune" in page.url
        with page.expect_download() as download:
            page.get_by_role("link", name="Hent som Excel (XLSX)").click()
        assert download.value.suggested_filename == "portefoelje.xlsx"
        page.close()


def test_a_move_before_its_grant_date_in_the_browser(
    live_server: Any, demo: Any, browser: Any, monkeypatch: Any
) -> None:
    """The review's walk: on 1 December 2026 the koordinator moves the demo plan into 2027-30
    from 1 January 2027. Until then the 2019-26 agreements are in force: the plan page shows
    them to every role, the new drafts to those who read drafts; the carried delaftale is
    titled by its new area; the proposals keep their year and unit; the portfolio keeps the
    plan under 2019-26, marked as moving."""
    import datetime as dt

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 12, 1))
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "koordinator")
    page.goto(f"{base}/planer/{demo.slug}/")
    page.locator(".app-actions").get_by_role("link", name="Ny bevillingsperiode").click()
    page.get_by_label("Ny bevillingsperiode").select_option("2027-30")
    page.get_by_label("Bevillingsdato").fill("1. januar 2027")
    page.get_by_role("button", name="Videre: indsatsområder").click()
    page.get_by_role("button", name="Flyt planen til 2027-30").click()
    page.get_by_text("Planen er flyttet til bevillingsperioden 2027-30").wait_for(state="visible")
    proposals = page.locator("#proposed-heading + p + div table")
    kildevang = proposals.locator("tr", has_text="Kildevang").first
    assert kildevang.locator("td").nth(4).inner_text() == "2022"
    assert proposals.get_by_text("23 beboere (seneste måling, 2025)").count() == 1
    shot(page, "8-skiftet-foer-bevillingsdato")

    page.goto(f"{base}/planer/{demo.slug}/")
    page.get_by_text(
        "Planen flytter til bevillingsperioden 2027-30 pr. 1. januar 2027"
    ).first.wait_for(state="visible")
    assert page.get_by_role("heading", name="Gældende nu: bevillingsperioden 2019-26").is_visible()
    assert page.get_by_text("Delaftale for indsatsområdet Læring og trivsel").first.is_visible()
    assert page.get_by_text("Planen har ingen strategisk samarbejdsaftale endnu").count() == 0
    shot(page, "9-planen-foer-bevillingsdato")
    page.close()

    for user, drafts in (
        ("partner", False),
        ("lbf", False),
        ("kommune", False),
        ("bestyrelse", True),
    ):
        other = browser.new_page(viewport={"width": 390, "height": 844})
        login(other, base, user)
        other.goto(f"{base}/planer/{demo.slug}/")
        heading = other.get_by_role("heading", name="Gældende nu: bevillingsperioden 2019-26")
        heading.wait_for(state="visible")
        assert other.get_by_role("link", name="Uddannelse og livschancer").first.is_visible()
        assert other.get_by_text("Ingen delaftaler, som du er part i").count() == 0
        assert (other.get_by_role("link", name="Læring og trivsel").count() > 0) == drafts, user
        assert other.evaluate(WIDER_THAN_A_PHONE) == [], user
        other.close()

    lbf = browser.new_page(viewport={"width": 1280, "height": 900})
    login(lbf, base, "lbf")
    lbf.goto(f"{base}/portefoelje/")
    moving = lbf.get_by_text("flytter til 2027-30 pr. 1. januar 2027")
    moving.wait_for(state="visible")
    assert lbf.get_by_text("begynder 1. januar 2027").is_visible()
    shot(lbf, "10-portefoelje-foer-bevillingsdato")
    lbf.close()
