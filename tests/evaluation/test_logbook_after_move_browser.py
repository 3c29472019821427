"""A late session of the old period after the demo plan moved into 2027-30, in a real browser
(Debian's Chromium driven by Playwright; issue 11 review): the new period's logbook refuses a
date before the grant date and says where it goes; the closed period's logbook offers the
form for its own days and takes it, once; the 2026 follow-up counts it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.browser import period_pages
from tests.browser.period_pages import login

pytestmark = period_pages.MARKS
browser = period_pages.browser  # the fixture
LATE = dt.date(2026, 11, 30)


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

    from evaluation.models import LogbookSession
    from plans.models import Activity

    if timezone.localdate() < LATE:
        pytest.skip("the session's day has not come yet on this machine's clock")
    new = Activity.objects.get(
        agreement__plan=moved, agreement__is_current=True, name="Lektiecafé i fælleshuset"
    )
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "koordinator")

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
    # the demo's logbook runs up to the machine's day: as many as the closed period holds
    for name in ("Lektiecafé i fælleshuset", "Jobcafé"):
        old = Activity.objects.get(
            agreement__plan=moved, agreement__closed_period__isnull=False, name=name
        )
        n = LogbookSession.objects.filter(
            agreement=old.agreement, activity_key=old.key, date__year=2026
        ).count()
        page.get_by_text(f"{name}: {n} gange i 2026").first.wait_for(state="visible")
    page.goto(f"{base}/planer/{moved.slug}/opfoelgning/?aar=2027")
    page.get_by_text("Opfølgningsåret 2027 er ikke begyndt endnu.").wait_for(state="visible")
