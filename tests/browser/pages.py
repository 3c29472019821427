"""What the browser tests share besides the `browser` fixture (`tests/browser/conftest.py`):
their marks and signing in. A test module takes them as

    from tests.browser.pages import MARKS, login
    pytestmark = MARKS
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest

MARKS = [
    pytest.mark.slow,
    # The funding period's rules come from a data migration; keep them across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed"),
]


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
