"""What every browser test shares (Debian's Chromium driven by Playwright): the `browser`
fixture, and Django's guard against async contexts turned off. The marks and signing in are
in `tests.browser.pages`."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

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
