"""What every browser test here has without asking (Debian's Chromium driven by Playwright):
the `browser` fixture of `tests.browser.pages`, where a browser test elsewhere takes it from
(importing it also turns off Django's async guard for the live server's thread)."""

from __future__ import annotations

from tests.browser.pages import browser  # noqa: F401 - the fixture, for every module here
