"""What the browser tests share: their marks, the `browser` fixture (every module under
tests/browser has it through its conftest.py), signing in and uploading for review. A test
module takes them as

    from tests.browser.pages import MARKS, login
    pytestmark = MARKS
    # elsewhere than tests/browser, also: from tests.browser.pages import browser
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

MARKS = [
    pytest.mark.slow,
    # The funding period's rules come from a data migration; keep them across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed"),
]

# Playwright's sync API keeps an event loop in this thread, and the live server runs in a
# thread of the test's own process; our ORM calls here are plain synchronous test setup, so
# Django's guard against async contexts does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, without the background traffic of a desktop browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield chromium
        chromium.close()


def login(page: Any, base: str, username: str, password: str | None = None) -> None:
    """Sign in as `username` and wait for the page that says so. The password is `password`,
    else the demo's (`demo.plan.DEMO_PASSWORD`); the test personas' is »pw-<username>«
    (`persona_login`)."""
    from demo.plan import DEMO_PASSWORD

    page.goto(f"{base}/konto/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password or DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("button", name="Log af").wait_for(state="visible")


def persona_login(page: Any, base: str, username: str) -> None:
    """Sign in as one of the test personas (`tests.conftest.make_personas`)."""
    login(page, base, username, "pw-" + username)


def upload_for_review(page: Any, base: str, slug: str, document: Any) -> None:
    """Upload `document` (a path) on the plan's import page and wait for its review page
    (the status page sends a finished reading on)."""
    page.goto(f"{base}/planer/{slug}/importer/")
    page.set_input_files("input[type=file]", str(document))
    page.locator("#import-upload-form button[type=submit]").click()
    page.wait_for_url("**/gennemse/")
