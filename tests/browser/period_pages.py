"""What the browser tests of funding periods share (issue 11) besides what every browser
test shares (the `browser` fixture in `conftest.py`; the marks and signing in, re-exported
here, from `tests.browser.pages`): screenshots, the phone-width check and the move form.
A test module takes them as

    from tests.browser import period_pages
    pytestmark = period_pages.MARKS
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.browser.pages import MARKS, browser, login

__all__ = ["MARKS", "SHOTS", "browser", "WIDER_THAN_A_PHONE", "login", "open_move_form", "shot"]

# Set to a folder to keep screenshots of every step at 1280 and 390 px.
SHOTS = os.environ.get("HELHEDSPLAN_SCREENSHOTS", "")
# The elements of the page wider than the window (none may be, at a phone's 390 px), but
# those inside a table that scrolls on its own.
WIDER_THAN_A_PHONE = """Array.from(document.querySelectorAll('main *'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !(e.parentElement && e.parentElement.closest('.table--responsive-scroll')))
    .map(e => e.tagName + '.' + e.className)"""


def shot(page: Any, name: str) -> None:
    """A full-page screenshot at the page's width, when HELHEDSPLAN_SCREENSHOTS names a folder."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)


def open_move_form(page: Any, base: str, slug: str, code: str, grant: str) -> None:
    """From the plan's »Ny bevillingsperiode« page, period `code` and grant date `grant`
    (»1. januar 2027«) chosen: the second step, the move form, open."""
    page.goto(f"{base}/planer/{slug}/ny-bevillingsperiode/")
    page.get_by_label("Ny bevillingsperiode").select_option(code)
    page.get_by_label("Bevillingsdato").fill(grant)
    page.get_by_role("button", name="Videre: indsatsområder").click()
    page.get_by_role("heading", name=f"Ny bevillingsperiode: {code}").wait_for(state="visible")
