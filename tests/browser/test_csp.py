"""The Content Security Policy in a real browser: walk the demo plan's pages as its
koordinator in Debian's Chromium and fail on any violation Chromium reports (inline script,
inline style or handler, a resource from elsewhere)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag, urljoin, urlparse

from tests.browser.pages import MARKS, login

pytestmark = MARKS

MAX_PAGES = 80
# Chromium also fires this event for every violation; the console line is the other witness.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP-VIOLATION ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def _is_violation(text: str) -> bool:
    return "CSP-VIOLATION" in text or "Content Security Policy" in text


def _skip(url: str) -> bool:
    path = urlparse(url).path
    return any(part in path for part in ("/log-ud", "/static/", "/media/"))


def test_the_demo_plans_pages_keep_to_the_policy(live_server: Any, browser: Any) -> None:
    from django.core.management import call_command

    from demo.plan import DEMO_SLUG

    call_command("load_demo", verbosity=0)
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(f"{page.url}: {m.text}") if _is_violation(m.text) else None,
    )
    page.on("pageerror", lambda e: violations.append(f"{page.url}: {e}"))

    base = live_server.url
    login(page, base, "koordinator")
    page.wait_for_load_state()
    assert "/log-ind/" not in page.url

    queue = [f"{base}/", f"{base}/planer/{DEMO_SLUG}/", f"{base}/findes-ikke/"]
    seen: set[str] = set()
    html_pages = 0
    while queue and html_pages < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0]
        if url in seen or not url.startswith(base) or _skip(url):
            continue
        seen.add(url)
        head = context.request.get(url, max_redirects=5)
        if "text/html" not in head.headers.get("content-type", ""):
            continue  # downloads (PDF, Word, ZIP, JSON) are not pages
        page.goto(url)
        page.wait_for_load_state("load")
        html_pages += 1
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            absolute = urljoin(url, href)
            if absolute.startswith(base) and absolute not in seen:
                queue.append(absolute)
    assert html_pages >= 15, f"only {html_pages} pages reached: {sorted(seen)}"
    assert violations == []
    # the check is not blind: an inline script on a page of ours is reported
    page.goto(f"{base}/konto/log-ind/")
    page.evaluate(
        "() => { const s = document.createElement('div'); s.setAttribute('style', 'color:red');"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("style-src" in v for v in violations), violations
