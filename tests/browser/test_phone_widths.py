"""No page is wider than a phone: the demo plan's pages at 390 px in Debian's Chromium. Wide
tables scroll inside their own box; the page itself never scrolls sideways."""

from __future__ import annotations

from typing import Any

from tests.browser.pages import MARKS, login

pytestmark = MARKS

PHONE = {"width": 390, "height": 844}


def _login(browser: Any, base: str, username: str) -> Any:

    page = browser.new_page(viewport=PHONE)
    login(page, base, username)
    page.wait_for_load_state()
    return page


def _width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _archive_and_close_the_year(slug: str) -> None:
    """This year's follow-up archived (documents with their long checksums) and its meeting
    held, as the auditor's statement then shows them."""
    from django.utils import timezone

    from followup import services
    from plans.models import Plan

    plan = Plan.objects.get(slug=slug)
    today = timezone.localdate()
    for fmt in ("pdf", "docx"):
        services.followup_document_archive(
            plan=plan, year=today.year, format=fmt, content=b"arkiveret " + fmt.encode()
        )
    services.board_meeting_record(
        plan=plan,
        year=today.year,
        held_on=today,
        attendees="Bestyrelsen",
        decisions="Taget til efterretning.",
    )


def test_the_demo_plans_pages_fit_a_phone(live_server: Any, browser: Any) -> None:
    from django.core.management import call_command

    from demo.plan import DEMO_SLUG
    from plans.models import Agreement

    call_command("load_demo", verbosity=0)
    base = live_server.url
    subs = list(Agreement.objects.filter(plan__slug=DEMO_SLUG, kind="delaftale"))
    strategic = Agreement.objects.get(plan__slug=DEMO_SLUG, kind="strategisk_samarbejdsaftale")
    _archive_and_close_the_year(DEMO_SLUG)
    paths = [
        f"/planer/{DEMO_SLUG}/revision/",
        f"/planer/{DEMO_SLUG}/opfoelgning/bestyrelsesmoede/",
        f"/planer/{DEMO_SLUG}/",
        f"/planer/{DEMO_SLUG}/log/",
        f"/planer/{DEMO_SLUG}/organisationer/",
        f"/planer/{DEMO_SLUG}/boligomraader/",
        f"/planer/{DEMO_SLUG}/dokumenter/",
        f"/planer/{DEMO_SLUG}/opfoelgning/",
        f"/konto/planer/{DEMO_SLUG}/brugere/",
        f"/aftaler/{strategic.pk}/",
        f"/aftaler/{strategic.pk}/historik/",
    ]
    for sub in subs:
        paths += [f"/aftaler/{sub.pk}/", f"/aftaler/{sub.pk}/historik/"]
        if sub.version > 1:
            paths.append(f"/aftaler/{sub.pk}/sammenlign/?fra=1&til={sub.version}")
    too_wide: list[str] = []
    page = _login(browser, base, "koordinator")
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        if _width(page) > PHONE["width"]:
            too_wide.append(f"{path}: {_width(page)} px")
    partner = _login(browser, base, "partner")
    for sub in subs:
        response = partner.goto(f"{base}/aftaler/{sub.pk}/")
        if response is not None and response.status == 200 and _width(partner) > PHONE["width"]:
            too_wide.append(f"partner /aftaler/{sub.pk}/: {_width(partner)} px")
    assert too_wide == [], "wider than a 390 px phone: " + "; ".join(too_wide)
