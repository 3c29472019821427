"""No page is wider than a phone: the demo plan's pages at 390 px in Debian's Chromium. Wide
tables scroll inside their own box; the page itself never scrolls sideways."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed"),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        yield chromium
        chromium.close()


def _login(browser: Any, base: str, username: str) -> Any:
    from demo.plan import DEMO_PASSWORD

    page = browser.new_page(viewport=PHONE)
    page.goto(f"{base}/konto/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
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
