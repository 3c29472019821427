"""Upload → progress → review → save in Chromium, with the read done by a real worker."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

from plans.models import Agreement
from tests.tasks.conftest import long_subagreement

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed"),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_an_upload_is_read_by_the_worker_while_the_page_shows_progress(
    live_server: Any, plan: Any, personas: dict[str, Any], start_worker: Any, tmp_path: Any
) -> None:
    from playwright.sync_api import expect, sync_playwright

    upload = tmp_path / "delaftale.md"
    upload.write_bytes(long_subagreement(rows=800))
    start_worker()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(f"{live_server.url}/konto/log-ind/")
        page.get_by_label("Brugernavn").fill("koordinator")
        page.get_by_label("Adgangskode").fill("pw-koordinator")
        page.get_by_role("button", name="Log ind").click()
        page.goto(f"{live_server.url}/planer/{plan.slug}/importer/")
        page.get_by_label("Dokument").set_input_files(str(upload))
        polled: list[str] = []
        page.on("response", lambda r: polled.append(r.url) if "status.json" in r.url else None)
        page.get_by_role("button", name="Læs dokumentet").click()
        expect(page.get_by_role("heading", name="Gennemse: delaftale.md")).to_be_visible(
            timeout=120_000
        )
        assert polled, "the status page never asked how the read went"
        # the plan has this delaftale already: the reading becomes its next version
        page.get_by_role("button", name="Gem som ny udgave af aftalen").click()
        expect(page.get_by_text("er gemt fra delaftale.md")).to_be_visible()
        browser.close()
    saved = Agreement.objects.get(
        plan=plan, is_current=True, focus_area__name="Uddannelse og livschancer"
    )
    assert saved.version == 2
