"""Upload → progress → review → save in Chromium, the read done by a real worker that starts
while the page waits."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

from plans.models import Agreement
from tests.importing.test_command import SUBAGREEMENT

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
    upload.write_bytes(SUBAGREEMENT.encode())
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
        page.get_by_role("button", name="Læs dokumentet").click()
        # no worker yet: the page shows the job waiting, and keeps asking
        expect(page.get_by_role("status")).to_have_text(
            "Filen er modtaget og venter på at blive læst."
        )
        with page.expect_response(lambda r: "status.json" in r.url):
            pass
        # the worker starts, reads it, and the page moves on to the review by itself
        start_worker()
        expect(page.get_by_role("heading", name="Gennemse: delaftale.md")).to_be_visible(
            timeout=120_000
        )
        # the plan has this delaftale already: the reading becomes its next version
        page.get_by_role("button", name="Gem som ny udgave af aftalen").click()
        expect(page.get_by_text("er gemt fra delaftale.md")).to_be_visible()
        browser.close()
    saved = Agreement.objects.get(
        plan=plan, is_current=True, focus_area__name="Uddannelse og livschancer"
    )
    assert "Lilleby Skole" in {party.name for party in saved.parties.all()}  # from the file
