"""The new-user review's findings on moving into 2027-30 (FINDINGS-1 F21, F26, F3) in a real
browser (Debian's Chromium driven by Playwright): the proposal names the version it carries
and stops on a draft the board has not approved unless it is carried explicitly; after the
move, before its grant date, the plan list gives the period in force; the agreement page's
table cells wrap at word boundaries at 1280 px and fit a phone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.browser import period_pages
from tests.browser.period_pages import WIDER_THAN_A_PHONE, login, shot
from tests.moving import load_example_period

pytestmark = period_pages.MARKS

# The review's day: after the move (1 December 2026), before its grant date (1.1.2027).
REVIEW_DAY = dt.date(2026, 12, 2)

# The words of the page's table cells that the browser laid out over two lines (a word with
# its own hyphen or slash may break there).
BROKEN_WORDS = """(() => {
  const out = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /[^\\s\\-\\/–]+/g;
      let m;
      while ((m = re.exec(node.textContent))) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 0)
          .map(x => Math.round(x.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
})()"""


@pytest.fixture
def review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value: Any = None, *args: Any) -> dt.date:
        return REVIEW_DAY if value is None else real(value, *args)

    monkeypatch.setattr(timezone, "localdate", localdate)


def test_a_move_with_a_draft_pending_and_the_period_in_force_after_it(
    live_server: Any, demo: Any, browser: Any, review_day: None
) -> None:
    from plans.models import Agreement, PeriodTransition
    from tests.plans.test_move_review_fixes import _draft_over_approved

    load_example_period()
    draft = _draft_over_approved(demo)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "koordinator")
    page.goto(f"{base}/planer/{demo.slug}/ny-bevillingsperiode/")
    page.get_by_label("Ny bevillingsperiode").select_option("2027-30")
    # F24: a grant date after the period, refused on this step beside the date
    page.get_by_label("Bevillingsdato").fill("1. januar 2031")
    page.get_by_role("button", name="Videre: indsatsområder").click()
    page.get_by_text("slutter (31. december 2030)").first.wait_for(state="visible")
    page.get_by_label("Bevillingsdato").fill("1. januar 2027")
    page.get_by_role("button", name="Videre: indsatsområder").click()
    page.get_by_role("heading", name="Versioner, der overføres").wait_for(state="visible")
    shot(page, "f21-versioner")
    assert page.get_by_text("kladde – ikke godkendt af bestyrelsen").first.is_visible()
    # the page names the version carried: the approved one, unless the draft is ticked
    assert page.get_by_text(f"Overføres: den godkendte version {draft.version - 1}").is_visible()
    assert not PeriodTransition.objects.filter(plan=demo).exists()
    # the draft carried on explicitly
    page.get_by_label(f"Overfør kladden (version {draft.version})").check()
    page.get_by_role("button", name="Flyt planen til 2027-30").click()
    page.get_by_text("Planen er flyttet til bevillingsperioden 2027-30").wait_for(state="visible")
    assert page.get_by_text("som valgt").first.is_visible()
    assert Agreement.objects.filter(plan=demo, closed_period__isnull=False).exists()

    # F26: the plan list says the period in force today (admin sees the list)
    admin = browser.new_page(viewport={"width": 1280, "height": 900})
    login(admin, base, "admin")
    admin.goto(f"{base}/")
    row = admin.get_by_role("row", name=demo.name)
    row.wait_for(state="visible")
    text = row.inner_text()
    assert "1. januar 2023 – 31. december 2026 (2019-26)" in text
    assert "fra 1. januar 2027 2027-30" in text


def test_the_agreement_pages_tables_wrap_at_word_boundaries(
    live_server: Any, demo: Any, browser: Any
) -> None:
    from plans.models import Agreement

    base = live_server.url
    agreements = Agreement.objects.filter(plan=demo, is_current=True).order_by("kind", "pk")
    for width in (1280, 375):
        page = browser.new_page(viewport={"width": width, "height": 900})
        login(page, base, "koordinator")
        for agreement in agreements:
            page.goto(f"{base}/aftaler/{agreement.pk}/")
            page.locator("main h1").first.wait_for(state="visible")
            shot(page, f"f3-aftale-{agreement.pk}")
            if width == 1280:
                assert page.evaluate(BROKEN_WORDS) == [], agreement.display_title
            else:
                assert page.evaluate(WIDER_THAN_A_PHONE) == [], agreement.display_title
        page.close()
