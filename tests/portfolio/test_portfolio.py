"""The portfolio (issue 11): who reads it, what it shows, filters, sorting, XLSX, and that it
costs the same number of queries for one plan as for many."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from demo.national import Size, generate_national
from followup import services as followup_services
from plans import revisions, services
from plans.models import Agreement, Indicator, Measure, Plan


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _approve(agreement: Agreement) -> None:
    today = timezone.localdate()
    revisions.agreement_submit(agreement=agreement, user=None)
    revisions.agreement_approve(agreement=agreement, user=None, meeting_date=today)
    if agreement.is_strategic:
        revisions.agreement_record_lbf_approval(agreement=agreement, user=None, approved_on=today)


def _fixed(plan: Plan, text: str) -> Indicator:
    return Indicator.objects.get(goal__agreement__plan=plan, lbf_indicator__text=text)


EMPLOYMENT = "Andel 18-64 årige, der er uden tilknytning til arbejdsmarked og uddannelse"


@pytest.fixture
def measured(plan: Plan) -> Plan:
    """The strategic agreement approved, one fixed indicator with a baseline and values for
    the area and the municipality; a second one whose only value is a small count."""
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    indicator = _fixed(plan, EMPLOYMENT)
    services.measure_save(indicator=indicator, role="baseline", text="31 %", percent=31, year=2023)
    record = followup_services.measurement_record
    record(indicator=indicator, year=2024, text="29 %", percent=Decimal(29))
    record(indicator=indicator, year=2025, text="26 %", percent=Decimal(26))
    record(
        indicator=indicator,
        scope_kind="municipality",
        scope="Lilleby Kommune",
        year=2025,
        text="12 %",
        percent=Decimal(12),
    )
    charged = _fixed(plan, "Andel 15-29-årige, der er sigtet mindst én gang")
    services.measure_save(indicator=charged, role="baseline", text="9 %", percent=9, year=2023)
    record(
        indicator=charged, year=2025, text="3 ud af 41", count=Decimal(3), denominator=Decimal(41)
    )
    _approve(strategic)
    return plan


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("lbf", 200),
        ("admin", 200),
        ("kommune", 200),
        ("kommune_anden", 200),
        ("koordinator", 404),
        ("bestyrelse", 404),
        ("partner", 404),
        ("outsider", 404),
    ],
)
def test_who_reads_the_portfolio(
    client: Any, personas: dict[str, Any], role: str, status: int
) -> None:
    client.force_login(personas[role])
    assert client.get(reverse("portfolio")).status_code == status
    assert client.get(reverse("portfolio_xlsx")).status_code == status


def test_values_side_by_side_with_status_and_suppression(
    client: Any, personas: dict[str, Any], measured: Plan
) -> None:
    client.force_login(personas["lbf"])
    page = client.get(reverse("portfolio")).content.decode()
    assert "Tværgaden" in page and reverse("followup_dashboard", args=["tvaergaden"]) in page
    assert EMPLOYMENT in page
    assert "26 % (2025)" in page and "12 % (2025)" in page
    assert "−5 procentpoint" in page and "i den rigtige retning" in page
    # 3 of 41 is under the threshold: not shown, the indicator has no published value
    assert "3 ud af 41" not in page and "7,3 %" not in page
    assert "mangler data" in page


def test_a_kommune_user_sees_only_its_municipality(
    client: Any, personas: dict[str, Any], measured: Plan
) -> None:
    client.force_login(personas["kommune"])
    assert "Tværgaden" in client.get(reverse("portfolio")).content.decode()
    client.force_login(personas["kommune_anden"])
    page = client.get(reverse("portfolio")).content.decode()
    assert "Tværgaden" not in page and "Fjernvej" not in page
    assert "0 af 0 planer" in page


def test_lbf_does_not_see_a_strategic_agreement_never_approved(
    client: Any, personas: dict[str, Any], plan: Plan
) -> None:
    indicator = _fixed(plan, EMPLOYMENT)
    services.measure_save(indicator=indicator, role="baseline", text="31 %", percent=31, year=2023)
    followup_services.measurement_record(
        indicator=indicator, year=2025, text="26 %", percent=Decimal(26)
    )
    client.force_login(personas["lbf"])
    page = client.get(reverse("portfolio")).content.decode()
    assert "ikke godkendt endnu" in page and "26 % (2025)" not in page
    client.force_login(personas["admin"])
    assert "26 % (2025)" in client.get(reverse("portfolio")).content.decode()


def test_filters_and_sorting(client: Any, personas: dict[str, Any], measured: Plan) -> None:
    other = services.plan_create(name="Åvej", slug="aavej", municipality="Fjernby Kommune")
    services.agreement_create(plan=other, kind="strategisk_samarbejdsaftale")
    client.force_login(personas["admin"])
    url = reverse("portfolio")
    names = lambda r: [n for n in ("Tværgaden", "Fjernvej", "Åvej") if f">{n}</a>" in r]  # noqa: E731
    both = client.get(url, {"sorter": "plan"}).content.decode()
    assert both.index(">Fjernvej<") < both.index(">Tværgaden<") < both.index(">Åvej<")
    down = client.get(url, {"sorter": "plan", "retning": "ned"}).content.decode()
    assert down.index(">Åvej<") < down.index(">Tværgaden<")
    only = client.get(url, {"kommune": "Fjernby Kommune"}).content.decode()
    assert names(only) == ["Åvej"]
    area = client.get(url, {"indsatsomraade": "Beskæftigelse"}).content.decode()
    assert names(area) == ["Tværgaden"]
    key = f"i{_fixed(measured, EMPLOYMENT).lbf_indicator_id}-omraade"
    by_value = client.get(url, {"sorter": key}).content.decode()
    assert by_value.index(">Tværgaden<") < by_value.index(">Åvej<")  # no value: last
    bad = client.get(url, {"sorter": "<script>", "periode": "1999-02", "kommune": "x"})
    assert bad.status_code == 200 and "<script>" not in bad.content.decode()


def test_xlsx_has_the_same_rows_with_numbers_and_safe_text(
    client: Any, personas: dict[str, Any], measured: Plan
) -> None:
    from openpyxl import load_workbook

    services.plan_update(plan=measured, name='=HYPERLINK("x")')
    client.force_login(personas["lbf"])
    response = client.get(reverse("portfolio_xlsx"), {"kommune": "Lilleby Kommune"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    title, header, row = rows
    assert row[0] == '=HYPERLINK("x")' and sheet["A3"].data_type == "s"
    column = header.index(f"{EMPLOYMENT} – Område")
    # a share is a number Excel shows as a percentage; its change in percentage points
    assert row[column] == pytest.approx(0.26) and row[column + 2] == -5.0
    area = sheet.cell(row=3, column=column + 1)
    assert area.data_type == "n" and area.number_format == "0.0%"
    change = sheet.cell(row=3, column=column + 3)
    assert change.data_type == "n" and "procentpoint" in change.number_format


def test_xlsx_sheet_says_what_it_shows_and_reads_like_a_table(
    client: Any, personas: dict[str, Any], measured: Plan
) -> None:
    """A title row with the filters and the date, Danish headers, the header row frozen
    with an auto-filter over the rows, and columns wide enough to read."""
    from openpyxl import load_workbook

    client.force_login(personas["lbf"])
    response = client.get(
        reverse("portfolio_xlsx"), {"kommune": "Lilleby Kommune", "sorter": "kommune"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    title = sheet["A1"].value
    assert title.startswith("Portefølje – kommune: Lilleby Kommune – dannet ")
    assert re.search(r"dannet \d{1,2}\. [a-zæøå]+ \d{4}$", title)
    header = [c.value for c in sheet[2]]
    assert header[:5] == ["Plan", "Kommune", "Bevillingsperiode", "Indsatsområder", "Ajour (af 4)"]
    assert f"{EMPLOYMENT} – Ændring siden baseline" in header
    assert sheet.freeze_panes == "B3"
    assert sheet.auto_filter.ref.startswith("A2:")
    assert sheet.auto_filter.ref.endswith("3")
    assert sheet.column_dimensions["A"].width >= 30
    every = load_workbook(io.BytesIO(client.get(reverse("portfolio_xlsx")).content)).active
    assert "alle planer" in every["A1"].value


def test_the_up_to_date_figure(client: Any, personas: dict[str, Any], measured: Plan) -> None:
    client.force_login(personas["lbf"])
    page = client.get(reverse("portfolio")).content.decode()
    assert "Aftaler godkendt inden for 12 måneder" in page
    assert "Krævede bilag til stede: 1 af 8 bilag" in page  # a delaftale, no uploads


def _queries(client: Any) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("portfolio")).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_one_plan_costs_the_same_queries_as_many(client: Any, django_user_model: Any) -> None:
    """portfolio_queries_1plan == portfolio_queries_national (bench.portfolio), pinned small."""
    user = django_user_model.objects.create_user(username="lbf-query")
    Membership.objects.create(user=user, role=Role.LBF)
    client.force_login(user)
    size = Size(
        plans=1, subagreements=2, indicators_per_subagreement=2, years=3, fixed_indicators=True
    )
    generate_national(size)
    client.get(reverse("portfolio"))
    one = _queries(client)
    generate_national(
        Size(
            plans=6,
            subagreements=2,
            indicators_per_subagreement=2,
            years=3,
            first_plan=1,
            fixed_indicators=True,
        )
    )
    many = _queries(client)
    assert one == many
    page = client.get(reverse("portfolio")).content.decode()
    assert page.count("Syntetisk plan") == 7
    with CaptureQueriesContext(connection) as cached:
        client.get(reverse("portfolio"))
    assert len(cached) < one
    _ = dt  # dates come from the data


# A fictional next period of our own whose fixed indicator has the wording of 2019-26's: the
# plan's fixed indicator continues into it (plans.transition) and the portfolio follows it back.
CONTINUED_PERIOD: dict[str, Any] = {
    "code": "2027-30",
    "name": "Prøveperioden 2027-30",
    "start": "2027-01-01",
    "end": "2030-12-31",
    "focus_areas": [
        {
            "name": "Arbejde og økonomi",
            "purpose": "Flere voksne er i beskæftigelse.",
            "fixed_goals": [
                {
                    "text": "Flere er i arbejde eller uddannelse",
                    "indicators": [
                        {
                            "text": EMPLOYMENT,
                            "data_source": "Registerdata",
                            "unit": "percent",
                            "direction": "less",
                        }
                    ],
                }
            ],
        },
        {"name": "Skolegang og læring"},
    ],
    "required_attachments": ["Budget"],
}


def _move(plan: Plan) -> Indicator:
    """Move `plan` into the continued period (no delaftale carried); its new fixed indicator."""
    from plans.models import FundingPeriod
    from plans.periods import load_period
    from tests.moving import move_plan

    if not FundingPeriod.objects.filter(code=CONTINUED_PERIOD["code"]).exists():
        load_period(CONTINUED_PERIOD)
    period = FundingPeriod.objects.get(code=CONTINUED_PERIOD["code"])
    subs = Agreement.objects.filter(plan=plan, is_current=True, kind="delaftale")
    move_plan(
        plan, period, grant=dt.date(2027, 3, 1), user=None, mapping={s.pk: None for s in subs}
    )
    return Indicator.objects.get(
        goal__agreement__plan=plan,
        goal__agreement__is_current=True,
        lbf_indicator__goal__funding_period=period,
    )


def _cell(plan: Plan, indicator: Indicator) -> Any:
    from portfolio.selectors import portfolio

    found = portfolio(drafts=True, today=dt.date(2027, 6, 1))
    row = next(r for r in found.rows if r.plan_id == plan.pk)
    return row.cells[f"i{indicator.lbf_indicator_id}"]


@pytest.mark.django_db
def test_a_continued_fixed_indicator_follows_its_values_back_across_periods(
    measured: Plan, monkeypatch: Any
) -> None:
    from followup.selectors import plan_followup

    old = _fixed(measured, EMPLOYMENT)
    new = _move(measured)
    assert new.continues_id == old.pk
    # No value in the new period yet: the latest is the old period's, area and municipality.
    cell = _cell(measured, new)
    assert (cell.area_value, cell.municipality_value) == (Decimal(26), Decimal(12))
    assert cell.area.startswith("26")
    # The baseline as the koordinator sets it (the old period's, 2023): the change since it
    # runs across the boundary, as the dashboard has it.
    baseline = Measure.objects.get(indicator=new, role="baseline")
    services.measure_save(
        indicator=new, measure=baseline, role="baseline", text="31 %", percent=31, year=2023
    )
    Indicator.objects.filter(pk=new.pk).update(baseline_year=2023)
    _approve(new.goal.agreement)  # the dashboard shows the version in force
    cell = _cell(measured, new)
    assert cell.change_value == Decimal(-5)
    dashboard = next(
        v
        for g in plan_followup(measured, today=dt.date(2027, 6, 1)).goals
        for v in g.indicators
        if v.indicator.pk == new.pk
    )
    assert (cell.area, cell.change, cell.status) == (
        dashboard.latest_text,
        dashboard.change_text,
        dashboard.status.status.value,
    )
    # A value in the new period (once it has begun) wins over the old ones.
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2028, 6, 1))
    followup_services.measurement_record(indicator=new, year=2027, text="24 %", percent=Decimal(24))
    cell = _cell(measured, new)
    assert (cell.area_value, cell.change_value) == (Decimal(24), Decimal(-7))


def _moved_plan(number: int) -> Plan:
    """A plan of 2019-26 with a value on its fixed employment indicator, moved on."""
    plan = services.plan_create(
        name=f"Flyttet plan {number}",
        slug=f"flyttet-{number}",
        municipality="Lilleby Kommune",
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    assert plan.funding_period.code == "2019-26"
    services.agreement_create(plan=plan, kind="strategisk_samarbejdsaftale")
    followup_services.measurement_record(
        indicator=_fixed(plan, EMPLOYMENT), year=2025, text="20 %", percent=Decimal(20 + number)
    )
    _move(plan)
    return plan


@pytest.mark.django_db
def test_continued_indicators_cost_the_same_queries_for_one_plan_as_for_many() -> None:
    from plans.models import LbfIndicator
    from portfolio.selectors import portfolio

    def queries() -> tuple[int, list[Decimal | None]]:
        with CaptureQueriesContext(connection) as captured:
            found = portfolio(drafts=True, today=dt.date(2027, 6, 1))
        column = "i" + str(
            LbfIndicator.objects.get(goal__funding_period__code=CONTINUED_PERIOD["code"]).pk
        )
        return len(captured), [r.cells[column].area_value for r in found.rows]

    _moved_plan(0)
    one, values_one = queries()
    for number in range(1, 6):
        _moved_plan(number)
    many, values_many = queries()
    assert one == many == 11  # the module docstring's eleven
    # Each moved plan's continued indicator shows its old period's latest value.
    assert values_one == [Decimal(20)]
    assert sorted(v for v in values_many if v is not None) == [Decimal(20 + n) for n in range(6)]


def test_a_municipality_typed_another_way_is_the_same_municipality(
    client: Any, personas: dict[str, Any], measured: Plan
) -> None:
    """»lilleby  kommune« is Lilleby Kommune: the kommune user reads the plan (list and page),
    and the portfolio's filter names the municipality once, as it is most often written."""
    other = services.plan_create(name="Åvej", slug="aavej", municipality=" lilleby  KOMMUNE")
    services.agreement_create(plan=other, kind="strategisk_samarbejdsaftale")
    third = services.plan_create(name="Østvej", slug="oestvej", municipality="Lilleby Kommune")
    services.agreement_create(plan=third, kind="strategisk_samarbejdsaftale")
    client.force_login(personas["kommune"])
    page = client.get(reverse("portfolio")).content.decode()
    assert ">Åvej</a>" in page and ">Tværgaden</a>" in page
    assert client.get(reverse("plan_detail", args=["aavej"])).status_code == 200
    assert page.count(">Lilleby Kommune</option>") == 1
    assert "lilleby  KOMMUNE</option>" not in page and "lilleby KOMMUNE</option>" not in page
    only = client.get(reverse("portfolio"), {"kommune": "LILLEBY kommune"}).content.decode()
    assert ">Åvej</a>" in only and ">Østvej</a>" in only
    assert 'value="Lilleby Kommune" selected' in only
    client.force_login(personas["kommune_anden"])
    assert ">Åvej</a>" not in client.get(reverse("portfolio")).content.decode()
    assert client.get(reverse("plan_detail", args=["aavej"])).status_code == 404


def test_values_recorded_is_the_dashboards_count(
    client: Any, personas: dict[str, Any], measured: Plan
) -> None:
    """»Værdier registreret« in the portfolio and »mangler en værdi« on the dashboard are one
    rule (followup.selectors.value_recorded): a value under the suppression threshold is
    recorded; a value for the municipality alone is not the area's."""
    from followup.selectors import plan_followup
    from portfolio.selectors import portfolio

    trust = Indicator.objects.filter(
        goal__agreement__plan=measured, lbf_indicator__isnull=False, data_source__icontains="data"
    ).exclude(
        lbf_indicator__text__in=[EMPLOYMENT, "Andel 15-29-årige, der er sigtet mindst én gang"]
    )
    only_municipality = trust.first()
    assert only_municipality is not None
    year = timezone.localdate().year - 1
    followup_services.measurement_record(
        indicator=only_municipality,
        scope_kind="municipality",
        scope="Lilleby Kommune",
        year=year,
        text="40 %",
        percent=Decimal(40),
    )
    due = plan_followup(measured).due
    missing = {v.indicator.pk for v in due.missing}
    assert only_municipality.pk in missing  # the municipality's value is not the area's
    charged = _fixed(measured, "Andel 15-29-årige, der er sigtet mindst én gang")
    assert charged.pk not in missing  # a small count is recorded, only not shown
    row = next(r for r in portfolio(drafts=True).rows if r.plan_id == measured.pk)
    values = next(c for c in row.checks if c.label.startswith("Værdier"))
    have = due.register_indicators - len(due.missing)
    assert values.detail == f"{have} af {due.register_indicators} indikatorer"
