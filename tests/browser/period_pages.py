"""What the browser tests of funding periods share (issue 11; Debian's Chromium driven by
Playwright): their marks, the browser, screenshots, the phone-width check and signing in as
one of the demo's users. A test module takes them as

    from tests.browser import period_pages
    pytestmark = period_pages.MARKS
    browser = period_pages.browser  # the fixture
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

MARKS = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no Debian chromium"),
]
# The live server runs in a thread of the test's own process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Set to a folder to keep screenshots of every step at 1280 and 390 px.
SHOTS = os.environ.get("HELHEDSPLAN_SCREENSHOTS", "")
# The elements of the page wider than the window (none may be, at a phone's 390 px), but
# those inside a table that scrolls on its own.
WIDER_THAN_A_PHONE = """Array.from(document.querySelectorAll('main *'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !(e.parentElement && e.parentElement.closest('.table--responsive-scroll')))
    .map(e => e.tagName + '.' + e.className)"""


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


def shot(page: Any, name: str) -> None:
    """A full-page screenshot at the page's width, when HELHEDSPLAN_SCREENSHOTS names a folder."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)


def login(page: Any, base: str, username: str) -> None:
    """Sign in as one of the demo's users and wait for the page that says so."""
    from demo.plan import DEMO_PASSWORD

    page.goto(f"{base}/konto/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("button", name="Log af").wait_for(state="visible")


def open_move_form(page: Any, base: str, slug: str, code: str, grant: str) -> None:
    """From the plan's »Ny bevillingsperiode« page, period `code` and grant date `grant`
    (»1. januar 2027«) chosen: the second step, the move form, open."""
    page.goto(f"{base}/planer/{slug}/ny-bevillingsperiode/")
    page.get_by_label("Ny bevillingsperiode").select_option(code)
    page.get_by_label("Bevillingsdato").fill(grant)
    page.get_by_role("button", name="Videre: indsatsområder").click()
    page.get_by_role("heading", name=f"Ny bevillingsperiode: {code}").wait_for(state="visible")
