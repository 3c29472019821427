"""A late session of the old period after the demo plan moved into 2027-30, in a real browser
(Debian's Chromium driven by Playwright; issue 11 review): the new period's logbook refuses a
date before the grant date and says where it goes; the closed period's logbook offers the
form for its own days and takes it, once; the 2026 follow-up counts it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.evaluation.test_after_move import EXAMPLE, GRANT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no Debian chromium"),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
LATE = dt.date(2026, 11, 30)


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


@pytest.fixture
def moved(db: Any) -> Any:
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
        grant_date=GRANT,
        mapping=mapping,
        user=User.objects.get(username="koordinator"),
    )
    plan.refresh_from_db()
    return plan


def _fill(page: Any, day: dt.date) -> None:
    form = page.locator("#ny-gang")
    form.locator("#id_date").fill(f"{day:%d.%m.%Y}")
    form.locator("#id_theme").fill("Sen registrering")
    form.locator("#id_participants").fill("6")
    form.get_by_role("button", name="Gem gangen").click()


def test_a_late_session_of_the_old_period_is_recorded_once_in_its_logbook(
    live_server: Any, moved: Any, browser: Any
) -> None:
    from django.utils import timezone

    from demo.plan import DEMO_PASSWORD
    from evaluation.models import LogbookSession
    from plans.models import Activity

    if timezone.localdate() < LATE:
        pytest.skip("the session's day has not come yet on this machine's clock")
    new = Activity.objects.get(
        agreement__plan=moved, agreement__is_current=True, name="Lektiecafé i fælleshuset"
    )
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/konto/log-ind/")
    page.get_by_label("Brugernavn").fill("koordinator")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("button", name="Log af").wait_for(state="visible")

    page.goto(f"{base}/aftaler/{new.agreement_id}/aktiviteter/{new.pk}/logbog/")
    _fill(page, LATE)
    page.get_by_text("skriv den i logbogen for 2019-26").first.wait_for(state="visible")
    assert not LogbookSession.objects.filter(date=LATE).exists()

    page.locator("#tidligere-perioder a").first.click()
    page.locator("#logbogens-dage", has_text="31. december 2026").wait_for(state="visible")
    _fill(page, LATE)
    page.get_by_text("Gangen den 30. november 2026 er gemt i logbogen.").wait_for(state="visible")
    page.get_by_role("cell", name="Sen registrering").wait_for(state="visible")
    _fill(page, LATE)
    page.get_by_text("allerede en gang den 30. november 2026").first.wait_for(state="visible")
    assert LogbookSession.objects.filter(date=LATE).count() == 1

    page.goto(f"{base}/planer/{moved.slug}/opfoelgning/?aar=2026")
    page.get_by_text("Lektiecafé i fælleshuset: 86 gange i 2026").first.wait_for(state="visible")
    page.get_by_text("Jobcafé: 45 gange i 2026").first.wait_for(state="visible")
    page.goto(f"{base}/planer/{moved.slug}/opfoelgning/?aar=2027")
    page.get_by_text("Opfølgningsåret 2027 er ikke begyndt endnu.").wait_for(state="visible")
