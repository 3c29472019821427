"""Every form: bad input gets a clear Danish message, nothing is saved, nothing typed is lost.
Good input in Danish forms (8.064, 6,3 %, 1. september 2021) is understood."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from plans.models import Agreement, Goal, Indicator, Measure, Plan, StaffResource


def _snapshot() -> tuple[int, ...]:
    from plans.models import Activity, AgreementParty, Department, HousingArea, Organisation

    return tuple(
        m.objects.count()
        for m in (
            Plan,
            Agreement,
            Goal,
            Indicator,
            Measure,
            StaffResource,
            Activity,
            AgreementParty,
            Organisation,
            HousingArea,
            Department,
        )
    )


def _sub(plan: Plan) -> Agreement:
    return Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")


def _cases(plan: Plan) -> list[tuple[str, str, dict[str, str], str, str]]:
    """(who, url, posted data, expected message, a typed value that must come back)."""
    sub = _sub(plan)
    goal = Goal.objects.get(agreement=sub)
    indicator = Indicator.objects.get(goal=goal)
    area = plan.housing_areas.create(name="Vestblokken")
    return [
        (
            "admin",
            reverse("plan_create"),
            {
                "name": "Ny plan",
                "slug": "ny plan!",
                "status": "active",
                "period_start": "1. januar 2025",
            },
            "bogstaver",
            "1. januar 2025",
        ),
        (
            "admin",
            reverse("plan_create"),
            {
                "name": "Ny plan",
                "slug": "ny-plan",
                "status": "active",
                "period_start": "1.1.2026",
                "period_end": "31.12.2025",
            },
            "slutte efter",
            "31.12.2025",
        ),
        (
            "koordinator",
            reverse("plan_edit", args=[plan.slug]),
            {
                "name": "",
                "slug": plan.slug,
                "status": "active",
                "municipality": "Lilleby Kommune X",
            },
            "påkrævet",
            "Lilleby Kommune X",
        ),
        (
            "koordinator",
            reverse("organisations", args=[plan.slug]),
            {"name": "", "kind": "other"},
            "påkrævet",
            "",
        ),
        (
            "koordinator",
            reverse("organisations", args=[plan.slug]),
            {"name": "Lilleby Kommune", "kind": "municipality"},
            "allerede",
            "Lilleby Kommune",
        ),
        (
            "koordinator",
            reverse("department_create", args=[plan.slug, area.pk]),
            {"number": "12; drop"},
            "nummer",
            "12; drop",
        ),
        (
            "koordinator",
            reverse("agreement_create", args=[plan.slug]),
            {"kind": "delaftale", "title": "Uden område"},
            "indsatsområde",
            "Uden område",
        ),
        (
            "koordinator",
            reverse("agreement_create", args=[plan.slug]),
            {"kind": "delaftale", "focus_area": str(sub.focus_area_id), "title": "Dublet"},
            "allerede en gældende",
            "Dublet",
        ),
        (
            "koordinator",
            reverse("agreement_edit", args=[sub.pk]),
            {"title": "T", "period_start": "1. september 2026", "period_end": "1. september 2025"},
            "slutte efter",
            "1. september 2026",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "maal"]),
            {"text": "  "},
            "påkrævet",
            "",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "indikator"]) + f"?under={goal.pk}",
            {
                "text": "Ny indikator",
                "unit": "percent",
                "direction": "more",
                "baseline_year": "1800",
            },
            "1990",
            "Ny indikator",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "indikator"]) + f"?under={goal.pk}",
            {"text": "Ny indikator", "unit": "liter", "direction": "more"},
            "gyldig valgmulighed",
            "Ny indikator",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "baseline"]) + f"?under={indicator.pk}",
            {
                "role": "baseline",
                "scope_kind": "department",
                "scope": "Afd. 9",
                "text": "mange",
                "percent": "abc",
            },
            "ikke et tal",
            "abc",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "baseline"]) + f"?under={indicator.pk}",
            {
                "role": "baseline",
                "scope_kind": "department",
                "scope": "Afd. 9",
                "text": "140 %",
                "percent": "140",
            },
            "højst",
            "Afd. 9",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "baseline"]) + f"?under={indicator.pk}",
            {
                "role": "baseline",
                "scope_kind": "department",
                "scope": "Afd. 9",
                "text": "200 ud af 100",
            },
            "større end",
            "200 ud af 100",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "baseline"]) + f"?under={indicator.pk}",
            {"role": "baseline", "scope_kind": "whole", "text": "140 % af målgruppen"},
            "over 100",
            "140 % af målgruppen",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "medarbejder"]),
            {"text": "Medarbejder 150 %", "share_percent": "150"},
            "højst",
            "Medarbejder 150 %",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "aktivitet"]),
            {"name": "", "purpose": "Et formål"},
            "påkrævet",
            "Et formål",
        ),
        (
            "koordinator",
            reverse("part_create", args=[sub.pk, "part"]),
            {"name": "Ny part", "signed_date": "31.02.2024"},
            "ikke en dato",
            "31.02.2024",
        ),
    ]


@pytest.mark.django_db
def test_every_form_refuses_bad_input_and_keeps_what_was_typed(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    for who, url, data, message, typed in _cases(plan):
        client.force_login(personas[who])
        before = _snapshot()
        response = client.post(url, data)
        page = response.content.decode()
        assert response.status_code == 200, (url, data, response.status_code)
        assert message in page, (url, message)
        assert typed in page, (url, typed)
        assert _snapshot() == before, url


@pytest.mark.django_db
def test_danish_numbers_and_dates_are_understood(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    sub = _sub(plan)
    indicator = Indicator.objects.get(goal__agreement=sub)
    response = client.post(
        reverse("part_create", args=[sub.pk, "baseline"]) + f"?under={indicator.pk}",
        {
            "role": "comparator",
            "scope_kind": "municipality",
            "scope": "Lilleby Kommune",
            "text": "8.064 ud af 10.473 (77,0 %)",
            "year": "2023",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(scope="Lilleby Kommune")
    assert (measure.count, measure.denominator, measure.percent) == (
        Decimal(8064),
        Decimal(10473),
        Decimal("77.0"),
    )
    response = client.post(
        reverse("part_create", args=[sub.pk, "medarbejder"]),
        {"text": "Klubben 300t/år", "hours_per_year": "1.300", "share_percent": "6,3 %"},
    )
    assert response.status_code == 302
    staff = StaffResource.objects.get(text="Klubben 300t/år")
    assert (staff.hours_per_year, staff.share_percent) == (Decimal(1300), Decimal("6.3"))
    response = client.post(
        reverse("agreement_edit", args=[sub.pk]),
        {
            "title": "Delaftale om skolegang",
            "period_start": "1. september 2021",
            "period_end": "01.10.25",
        },
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert (sub.period_start, sub.period_end) == (dt.date(2021, 9, 1), dt.date(2025, 10, 1))


@pytest.mark.django_db
def test_fixed_lbf_goals_cannot_be_reworded_but_take_baselines(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    goals = list(Goal.objects.filter(agreement=strategic))
    assert len(goals) == 4 and all(g.is_fixed for g in goals)
    assert Indicator.objects.filter(goal__agreement=strategic).count() == 9
    fixed = goals[0]
    response = client.post(
        reverse("part_edit", args=[strategic.pk, "maal", fixed.pk]), {"text": "Vores eget mål"}
    )
    assert "faste overordnede mål" in response.content.decode()
    fixed.refresh_from_db()
    assert fixed.text != "Vores eget mål"
    indicator = Indicator.objects.filter(goal=fixed).first()
    assert indicator is not None
    response = client.post(
        reverse("part_create", args=[strategic.pk, "baseline"]) + f"?under={indicator.pk}",
        {"role": "baseline", "scope_kind": "whole", "text": "71,2 %"},
    )
    assert response.status_code == 302
    assert Measure.objects.get(indicator=indicator).percent == Decimal("71.2")


@pytest.mark.django_db
def test_staff_numbers_are_read_from_the_line(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    sub = _sub(plan)
    for text in ("Social Balance 600t/år", "15 % af lederens arbejdstid", "Medarbejder, fuldtid"):
        assert (
            client.post(
                reverse("part_create", args=[sub.pk, "medarbejder"]), {"text": text}
            ).status_code
            == 302
        )
    rows = {
        s.text: (s.share_percent, s.hours_per_year)
        for s in StaffResource.objects.filter(agreement=sub)
    }
    assert rows["Social Balance 600t/år"] == (None, Decimal(600))
    assert rows["15 % af lederens arbejdstid"] == (Decimal(15), None)
    assert rows["Medarbejder, fuldtid"] == (Decimal(100), None)
