"""Issue 11's »Done when«, end to end: the 2027-30 example period loaded by the console
script, a delaftale of that period loaded and exported with its period and area, the demo
plan moved into it in the browser, the portfolio showing it in its new period (and its old
values under 2019-26), and the demo's kommune user seeing nothing of another municipality's
plan. Debian's Chromium driven by Playwright."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser import period_pages
from tests.browser.period_pages import login
from tests.moving import EXAMPLE

pytestmark = period_pages.MARKS

DELAFTALE = {
    "format": 2,
    "kind": "delaftale",
    "funding_period": "2027-30",
    "focus_area": "Tryghed og fællesskab",
    "title": "Delaftale om tryghed i Fjernparken",
    "period": {"start": "2027-02-01", "end": "2030-12-31"},
    "parties": ["Boligforeningen Fjernparken", "Fjernby Kommune"],
    "goals": [],
}


def _visible(locator: Any) -> None:
    locator.first.wait_for(state="visible")


def _console(args: list[str], capsys: Any) -> str:
    from config.cli import main as cli_main

    assert cli_main(args) == 0, capsys.readouterr()
    return str(capsys.readouterr().out)


def test_issue_11_done_when(
    live_server: Any, browser: Any, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    from django.db import connections

    from demo.plan import load_demo
    from plans.models import Agreement, Plan

    if not EXAMPLE.is_file():
        pytest.skip("../shared (the 2027-30 example period) is not beside this clone")
    monkeypatch.setattr(connections, "close_all", lambda: None)  # the console script's tidy-up

    # 1. The period from its data file, a delaftale of it in and out with its period and area.
    assert "bevillingsperioden 2027-30" in _console(["load-period", str(EXAMPLE)], capsys)
    document = tmp_path / "delaftale.json"
    document.write_text(json.dumps(DELAFTALE, ensure_ascii=False), "utf-8")
    _console(["load-json", str(document), "--plan", "fjernparken"], capsys)
    exported = json.loads(_console(["export-json", "--plan", "fjernparken"], capsys))
    assert [(a["funding_period"], a["focus_area"]) for a in exported] == [
        ("2027-30", "Tryghed og fællesskab")
    ]
    other = Plan.objects.get(slug="fjernparken")
    assert other.funding_period.code == "2027-30"
    Plan.objects.filter(pk=other.pk).update(municipality="Fjernby Kommune")

    # 2. The demo plan moved into 2027-30 by its koordinator, in the browser.
    demo, _ = load_demo()
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "koordinator")
    page.goto(f"{base}/planer/{demo.slug}/")
    page.locator(".app-actions").get_by_role("link", name="Ny bevillingsperiode").click()
    _visible(page.get_by_role("heading", name="Ny bevillingsperiode"))
    page.get_by_label("Ny bevillingsperiode").select_option("2027-30")
    page.get_by_label("Bevillingsdato").fill("1. januar 2027")
    page.get_by_role("button", name="Videre: indsatsområder").click()
    _visible(page.get_by_role("heading", name="Ny bevillingsperiode: 2027-30"))
    page.get_by_role("button", name="Flyt planen til 2027-30").click()
    _visible(page.get_by_text("Planen er flyttet til bevillingsperioden 2027-30"))
    demo.refresh_from_db()
    assert demo.funding_period.code == "2027-30"
    closed = Agreement.objects.get(
        plan=demo, closed_period__code="2019-26", kind="strategisk_samarbejdsaftale"
    )
    page.close()

    # 3. LBF's portfolio: each plan in its period now, with that period's indicators.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "lbf")
    page.get_by_role("link", name="Portefølje").click()
    _visible(page.get_by_role("heading", name="Bevillingsperiode 2027-30"))
    assert page.get_by_text("ikke i planens periode").count() == 0
    # Moved on 1.12.2026 for 1.1.2027 the plan stays in 2019-26's table until then, with a
    # row in 2027-30's that is not judged yet (tests/browser/test_new_period.py checks it).
    _visible(page.get_by_text("Andel 6.-9.-klasseelever med høj trivsel").first)
    # The old period chosen: the demo plan with its 2019-26 values and its closed agreement.
    page.get_by_label("Bevillingsperiode").select_option("2019-26")
    page.get_by_role("button", name="Vis").click()
    _visible(page.get_by_text(re.compile(r"afsluttet; nu 2027-30|flytter til 2027-30")).first)
    assert "periode=2019-26" in page.url
    _visible(page.get_by_text("Andel 1-5 årige i dagtilbud").first)
    # the closed agreement, read-only (in force until the grant date)
    page.goto(f"{base}/aftaler/{closed.pk}/")
    _visible(page.get_by_text("kan læses, men ikke ændres"))
    page.close()

    # 4. The demo's kommune user: the demo plan, nothing of Fjernby Kommune's plan.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, base, "kommune")
    page.get_by_role("link", name="Portefølje").click()
    _visible(page.get_by_role("link", name="Fælles om Bakkely"))
    assert page.get_by_text("Delaftale om tryghed i Fjernparken").count() == 0
    assert page.get_by_role("link", name="fjernparken").count() == 0
    assert "Fjernby" not in page.content()
    response = page.goto(f"{base}/planer/fjernparken/")
    assert response is not None and response.status == 404
    # The home page takes a user who reads one plan straight to it: the demo plan only.
    page.goto(f"{base}/")
    page.wait_for_url(f"**/planer/{demo.slug}/")
    assert "Fjernby" not in page.content() and "fjernparken" not in page.content()
    page.close()
