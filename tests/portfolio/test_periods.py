"""The portfolio across funding periods: each plan in its period now with that period's fixed
indicators (never a column of a period it is not in); a period chosen also shows the plans
that have left it, with that period's values; and an empty count is never »ajour«."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from plans import services
from plans.models import Agreement, Plan
from tests.moving import EXAMPLE, load_example_period, move_plan
from tests.portfolio.test_portfolio import EMPLOYMENT, measured  # noqa: F401 - a fixture

NEW_INDICATOR = "Andel 6.-9.-klasseelever med høj trivsel"  # one of 2027-30's fixed ones

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not EXAMPLE.is_file(), reason="../shared is not beside this clone"),
]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def moved(measured: Plan, monkeypatch: Any) -> Plan:  # noqa: F811 - the fixture imported above
    """Tværgaden (a value of 26 % on a 2019-26 fixed indicator, approved) moved into the
    shared example period 2027-30; Åvej of the same municipality stays in 2019-26. Today is
    after the grant date (the move in force; before it: test_a_move_not_in_force_yet...)."""
    from django.utils import timezone

    period = load_example_period()
    stays = services.plan_create(name="Åvej", slug="aavej", municipality="Lilleby Kommune")
    services.agreement_create(plan=stays, kind="strategisk_samarbejdsaftale")
    subs = Agreement.objects.filter(plan=measured, is_current=True, kind="delaftale")
    move_plan(measured, period, user=None, mapping={s.pk: None for s in subs})
    assert measured.funding_period.code == "2027-30"
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2027, 1, 15))
    return measured


def _row(page: str, name: str, after: int = 0) -> str:
    start = page.index(f">{name}</a>", after)
    return page[start : page.index("</tr>", start)]


def _section(page: str, code: str) -> str:
    start = page.index(f'id="periode-{code}"')
    end = page.find('id="periode-', start + 1)
    return page[start : end if end > 0 else len(page)]


@pytest.mark.parametrize("role", ["lbf", "kommune"])
def test_every_plan_in_its_period_now_with_that_periods_indicators(
    client: Any, personas: dict[str, Any], moved: Plan, role: str
) -> None:
    client.force_login(personas[role])
    page = client.get(reverse("portfolio")).content.decode()
    assert "ikke i planens periode" not in page
    old, new = _section(page, "2019-26"), _section(page, "2027-30")
    # Each plan once, under its period now, with that period's columns only.
    assert ">Åvej</a>" in old and ">Tværgaden</a>" not in old and EMPLOYMENT in old
    assert ">Tværgaden</a>" in new and ">Åvej</a>" not in new
    assert NEW_INDICATOR in new and EMPLOYMENT not in new
    row = _row(new, "Tværgaden")
    assert "26 %" not in row and "ikke godkendt endnu" in row  # the new period's drafts
    assert re.search(r"(\d+) af \1 planer vist", page)  # every plan shown once


def test_a_period_chosen_shows_the_plans_that_left_it_with_its_values(
    client: Any, personas: dict[str, Any], moved: Plan
) -> None:
    client.force_login(personas["lbf"])
    page = client.get(reverse("portfolio"), {"periode": "2019-26"}).content.decode()
    assert '<option value="2019-26" selected>' in page and '<option value="2027-30">' in page
    row = _row(page, "Tværgaden")
    assert "afsluttet; nu 2027-30" in row and "26 % (2025)" in row
    closed = Agreement.objects.get(
        plan=moved, closed_period__code="2019-26", kind="strategisk_samarbejdsaftale"
    )
    assert reverse("agreement_detail", args=[closed.pk]) in row
    assert ">Åvej</a>" in page and NEW_INDICATOR not in page
    assert "heraf 1 der har forladt perioden" in page

    new = client.get(reverse("portfolio"), {"periode": "2027-30"}).content.decode()
    assert ">Tværgaden</a>" in new and ">Åvej</a>" not in new
    assert NEW_INDICATOR in new and EMPLOYMENT not in new and "afsluttet" not in new

    # The plan's name links to its dashboard in either period.
    dashboard = reverse("followup_dashboard", args=[moved.slug])
    assert f'<a href="{dashboard}">Tværgaden</a>' in page


def test_the_xlsx_follows_the_periods(client: Any, personas: dict[str, Any], moved: Plan) -> None:
    from openpyxl import load_workbook

    client.force_login(personas["lbf"])
    book = load_workbook(io.BytesIO(client.get(reverse("portfolio_xlsx")).content))
    assert book.sheetnames == ["Portefølje 2019-26", "Portefølje 2027-30"]
    new_header = list(book["Portefølje 2027-30"].iter_rows(values_only=True))[1]
    assert any(str(h).startswith(NEW_INDICATOR) for h in new_header)
    assert not any(str(h).startswith(EMPLOYMENT) for h in new_header)

    response = client.get(reverse("portfolio_xlsx"), {"periode": "2019-26"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    _title, header, *rows = list(sheet.iter_rows(values_only=True))
    closed = next(r for r in rows if r[0] == "Tværgaden")
    assert closed[2] == "2019-26 (afsluttet; nu 2027-30)"
    assert closed[header.index(f"{EMPLOYMENT} – Område")] == pytest.approx(0.26)


def test_another_municipalitys_user_sees_nothing_in_any_period(
    client: Any, personas: dict[str, Any], moved: Plan
) -> None:
    client.force_login(personas["kommune_anden"])
    for period in ("", "2019-26", "2027-30"):
        page = client.get(reverse("portfolio"), {"periode": period}).content.decode()
        assert "Tværgaden" not in page and "Åvej" not in page
        assert "2027-30" not in page  # not even the period a plan of theirs is in


def test_an_empty_count_is_not_ajour(client: Any, personas: dict[str, Any], plan: Plan) -> None:
    """A plan with no agreements: »Godkendt 0/0« and »Værdier 0/0« show no tick."""
    services.plan_create(name="Tomgade", slug="tomgade", municipality="Lilleby Kommune")
    client.force_login(personas["lbf"])
    page = client.get(reverse("portfolio")).content.decode()
    row = _row(page, "Tomgade")
    for short in ("Godkendt 0/0", "Værdier 0/0"):
        item = re.search(r'<li class="([a-z-]+)">((?:(?!</li>).)*)' + short, row)
        assert item is not None, short
        assert item.group(1) == "is-empty", short
        assert "Nej:" in item.group(2)
    assert "<strong>0 af 4</strong>" in row and "is-ok" not in row


def _checks_of(plan: Plan, today: dt.date) -> dict[str, Any]:
    from portfolio.selectors import portfolio

    rows = portfolio(drafts=True, today=today).rows
    # the row of the plan's period now (before the grant date also one of the period left)
    row = next(r for r in rows if r.plan_id == plan.pk and r.period_code == "2027-30")
    return {check.short.split()[0]: check for check in row.checks}


def test_a_year_before_the_move_still_needs_its_follow_up(moved: Plan) -> None:
    """The plan began in 2019-26: after moving on in 2027 its 2026 follow-up is due (not »ikke
    relevant endnu«, as a plan whose time began in 2027 would say)."""
    meeting = _checks_of(moved, dt.date(2027, 3, 1))["Opfølgning"]
    assert meeting.detail == "ikke holdt"
    assert not meeting.ok


def test_a_value_on_the_indicator_continued_counts_for_the_one_that_continues(
    moved: Plan,
) -> None:
    """A value for 2025 recorded on the closed period's indicator is the value of the current
    indicator that continues it (one series across the periods)."""
    from plans.models import Indicator

    old = Indicator.objects.get(
        text=EMPLOYMENT, goal__agreement__plan=moved, goal__agreement__closed_period__isnull=False
    )
    current = Indicator.objects.filter(
        goal__agreement__plan=moved, goal__agreement__is_current=True
    )
    before = _checks_of(moved, dt.date(2026, 6, 1))["Værdier"]
    first = current.exclude(data_source__icontains="survey").first()
    assert first is not None
    Indicator.objects.filter(pk=first.pk).update(continues=old)
    cache.clear()
    after = _checks_of(moved, dt.date(2026, 6, 1))["Værdier"]
    have = lambda check: int(check.short.split()[1].split("/")[0])  # noqa: E731
    assert have(after) == have(before) + 1


def test_a_move_not_in_force_yet_keeps_the_plan_under_its_old_period(
    client: Any, personas: dict[str, Any], moved: Plan, monkeypatch: Any
) -> None:
    """On 1 December 2026 a move for 1 January 2027: the plan is still in 2019-26's table with
    that period's values and »ajour« checks, marked as moving; its 2027-30 row says the period
    has not begun and is not judged (no »Godkendt 0/3« of the new drafts)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 12, 1))
    client.force_login(personas["lbf"])
    page = client.get(reverse("portfolio")).content.decode()
    old, new = _section(page, "2019-26"), _section(page, "2027-30")
    row = _row(old, "Tværgaden")
    assert "flytter til 2027-30 pr. 1. januar 2027" in row
    assert "26 % (2025)" in row and "afsluttet" not in row
    assert re.search(r"<strong>\d af 4</strong>", row)  # judged: the agreements in force
    assert "Godkendt 1/3" in row  # the old strategic agreement approved, two draft delaftaler
    new_row = _row(new, "Tværgaden")
    assert "begynder 1. januar 2027" in new_row and "Perioden er ikke begyndt" in new_row
    assert "Godkendt 0/" not in new_row
    assert re.search(r"(\d+) af \1 planer vist", page)  # each plan counted once
    # the XLSX says the same
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(reverse("portfolio_xlsx")).content))
    cells = [c for sheet in book.worksheets for r in sheet.iter_rows(values_only=True) for c in r]
    assert "2019-26 (flytter til 2027-30 pr. 1. januar 2027)" in cells
    assert "2027-30 (begynder 1. januar 2027)" in cells
    # once the grant date has come, the plan has left 2019-26
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2027, 1, 1))
    cache.clear()
    page = client.get(reverse("portfolio")).content.decode()
    assert ">Tværgaden</a>" not in _section(page, "2019-26")
