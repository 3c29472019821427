"""Every role × every page and API endpoint of the plans app, including an outsider.

The outsider coordinates another plan and must see nothing of this one: every page answers
404, exactly as for a plan that does not exist; so must a kommune user of another municipality,
while the plan's own municipality reads it as LBF does (the versions in force, no drafts). Writes by a role that may not write are
refused the same way and change nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from plans import revisions, services
from plans.models import (
    Agreement,
    FundingPeriod,
    Goal,
    HousingArea,
    Indicator,
    Measure,
    Organisation,
    PeriodTransition,
    Plan,
)

ROLES = (
    "koordinator",
    "bestyrelse",
    "partner",
    "lbf",
    "admin",
    "outsider",
    "kommune",  # the plan's municipality: reads it as LBF does
    "kommune_anden",  # another municipality: sees nothing of it
)
READ_ALL = {"koordinator", "bestyrelse", "lbf", "admin", "kommune"}
WRITE = {"koordinator", "admin"}
# Who reads drafts (plans.access.can_see_drafts); partners and LBF read the version in force.
DRAFTS = {"koordinator", "bestyrelse", "admin"}


def _approve(agreement: Agreement) -> None:
    today = timezone.localdate()
    revisions.agreement_submit(agreement=agreement, user=None)
    revisions.agreement_approve(agreement=agreement, user=None, meeting_date=today)
    if agreement.is_strategic:
        revisions.agreement_record_lbf_approval(agreement=agreement, user=None, approved_on=today)


def _objects(plan: Plan) -> dict[str, Any]:
    """The strategic agreement and the partner's delaftale approved (version 1 in force);
    the other delaftale a draft never approved."""
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    partner_sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    other_sub = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    _approve(strategic)
    _approve(partner_sub)
    area = HousingArea.objects.create(plan=plan, name="Nordblokken")
    department = area.departments.create(number="3")
    # A move made earlier (its page and its confirmation), without moving this plan.
    move = PeriodTransition.objects.create(
        plan=plan,
        from_period=FundingPeriod.objects.get(code="2015-18"),
        to_period=plan.funding_period,
        grant_date=dt.date(2024, 1, 1),
        made_at=timezone.now(),
    )
    return {
        "move": move,
        "plan": plan,
        "strategic": strategic,
        "partner_sub": partner_sub,
        "other_sub": other_sub,
        "goal": Goal.objects.get(agreement=partner_sub),
        "indicator": Indicator.objects.get(goal__agreement=partner_sub),
        "measure": Measure.objects.get(indicator__goal__agreement=partner_sub),
        "organisation": Organisation.objects.filter(plan=plan).first(),
        "area": area,
        "department": department,
    }


# (name, method, url builder, roles allowed). Allowed roles get 200/201/302; the rest 404.
Route = tuple[str, str, Callable[[dict[str, Any]], str], set[str]]
ROUTES: list[Route] = [
    (
        "plan_detail",
        "GET",
        lambda o: reverse("plan_detail", args=[o["plan"].slug]),
        READ_ALL | {"partner"},
    ),
    ("plan_edit", "GET", lambda o: reverse("plan_edit", args=[o["plan"].slug]), WRITE),
    ("plan_create", "GET", lambda o: reverse("plan_create"), {"admin"}),
    ("funding_periods", "GET", lambda o: reverse("funding_periods"), {"admin"}),
    ("organisations", "GET", lambda o: reverse("organisations", args=[o["plan"].slug]), READ_ALL),
    ("organisations", "POST", lambda o: reverse("organisations", args=[o["plan"].slug]), WRITE),
    (
        "organisation_edit",
        "GET",
        lambda o: reverse("organisation_edit", args=[o["plan"].slug, o["organisation"].pk]),
        WRITE,
    ),
    ("housing_areas", "GET", lambda o: reverse("housing_areas", args=[o["plan"].slug]), READ_ALL),
    ("housing_areas", "POST", lambda o: reverse("housing_areas", args=[o["plan"].slug]), WRITE),
    (
        "housing_area_edit",
        "GET",
        lambda o: reverse("housing_area_edit", args=[o["plan"].slug, o["area"].pk]),
        WRITE,
    ),
    (
        "department_create",
        "GET",
        lambda o: reverse("department_create", args=[o["plan"].slug, o["area"].pk]),
        WRITE,
    ),
    (
        "department_edit",
        "GET",
        lambda o: reverse(
            "department_edit", args=[o["plan"].slug, o["area"].pk, o["department"].pk]
        ),
        WRITE,
    ),
    (
        "agreement_create",
        "GET",
        lambda o: reverse("agreement_create", args=[o["plan"].slug]),
        WRITE,
    ),
    (
        "plan_import_json",
        "GET",
        lambda o: reverse("plan_import_json", args=[o["plan"].slug]),
        WRITE,
    ),
    (
        "agreement_detail",
        "GET",
        lambda o: reverse("agreement_detail", args=[o["strategic"].pk]),
        READ_ALL | {"partner"},
    ),
    (
        "agreement_detail",
        "GET",
        lambda o: reverse("agreement_detail", args=[o["partner_sub"].pk]),
        READ_ALL | {"partner"},
    ),
    (
        "agreement_detail",
        "GET",
        lambda o: reverse("agreement_detail", args=[o["other_sub"].pk]),
        DRAFTS,
    ),
    (
        "agreement_json",
        "GET",
        lambda o: reverse("agreement_json", args=[o["partner_sub"].pk]),
        READ_ALL | {"partner"},
    ),
    (
        "agreement_json",
        "GET",
        lambda o: reverse("agreement_json", args=[o["strategic"].pk]),
        READ_ALL | {"partner"},
    ),
    (
        "agreement_edit",
        "GET",
        lambda o: reverse("agreement_edit", args=[o["partner_sub"].pk]),
        WRITE,
    ),
    (
        "agreement_delete",
        "POST",
        lambda o: reverse("agreement_delete", args=[o["other_sub"].pk]),
        WRITE,
    ),
    (
        "part_create",
        "GET",
        lambda o: reverse("part_create", args=[o["partner_sub"].pk, "maal"]),
        WRITE,
    ),
    (
        "part_create",
        "GET",
        lambda o: (
            reverse("part_create", args=[o["partner_sub"].pk, "indikator"])
            + f"?under={o['goal'].pk}"
        ),
        WRITE,
    ),
    (
        "part_create",
        "GET",
        lambda o: (
            reverse("part_create", args=[o["partner_sub"].pk, "baseline"])
            + f"?under={o['indicator'].pk}"
        ),
        WRITE,
    ),
    (
        "part_create",
        "GET",
        lambda o: reverse("part_create", args=[o["strategic"].pk, "indsatsomraade"]),
        WRITE,
    ),
    (
        "part_edit",
        "GET",
        lambda o: reverse("part_edit", args=[o["partner_sub"].pk, "maal", o["goal"].pk]),
        WRITE,
    ),
    (
        "part_edit",
        "GET",
        lambda o: reverse("part_edit", args=[o["partner_sub"].pk, "indikator", o["indicator"].pk]),
        WRITE,
    ),
    (
        "part_edit",
        "GET",
        lambda o: reverse("part_edit", args=[o["partner_sub"].pk, "baseline", o["measure"].pk]),
        WRITE,
    ),
    (
        "part_edit",
        "POST",
        lambda o: reverse("part_edit", args=[o["partner_sub"].pk, "maal", o["goal"].pk]),
        WRITE,
    ),
    (
        "agreement_submit",
        "POST",
        lambda o: reverse("agreement_submit", args=[o["partner_sub"].pk]),
        WRITE,
    ),
    (
        "agreement_decide",
        "GET",
        lambda o: reverse("agreement_decide", args=[o["partner_sub"].pk]),
        {"bestyrelse"},
    ),
    (
        "agreement_lbf_approval",
        "GET",
        lambda o: reverse("agreement_lbf_approval", args=[o["strategic"].pk]),
        WRITE,
    ),
    (
        "agreement_history",
        "GET",
        lambda o: reverse("agreement_history", args=[o["partner_sub"].pk]),
        READ_ALL | {"partner"},
    ),
    (
        "agreement_history",
        "GET",
        lambda o: reverse("agreement_history", args=[o["strategic"].pk]),
        READ_ALL | {"partner"},
    ),
    (
        "agreement_compare",
        "GET",
        lambda o: reverse("agreement_compare", args=[o["partner_sub"].pk]) + "?fra=1&til=1",
        READ_ALL | {"partner"},
    ),
    (
        "agreement_version",
        "GET",
        lambda o: reverse("agreement_version", args=[o["partner_sub"].pk, 1]),
        READ_ALL | {"partner"},
    ),
    (
        "agreement_version",
        "GET",
        lambda o: reverse("agreement_version", args=[o["strategic"].pk, 1]),
        READ_ALL | {"partner"},
    ),
    (
        "agreement_as_of",
        "GET",
        lambda o: reverse("agreement_as_of", args=[o["partner_sub"].pk]) + "?dato=1.1.2030",
        READ_ALL | {"partner"},
    ),
    ("plan_log", "GET", lambda o: reverse("plan_log", args=[o["plan"].slug]), DRAFTS),
    (
        "plan_new_period",
        "GET",
        lambda o: reverse("plan_new_period", args=[o["plan"].slug]),
        WRITE,
    ),
    (
        "plan_period_move",
        "GET",
        lambda o: reverse("plan_period_move", args=[o["plan"].slug, o["move"].pk]),
        READ_ALL,
    ),
    (
        "plan_baseline_confirm",
        "POST",
        lambda o: reverse("plan_baseline_confirm", args=[o["plan"].slug, o["move"].pk]),
        WRITE,
    ),
    ("api_plans", "GET", lambda o: reverse("api_plans"), set(ROLES)),
    (
        "api_plan_agreements",
        "GET",
        lambda o: reverse("api_plan_agreements", args=[o["plan"].slug]),
        READ_ALL | {"partner"},
    ),
    (
        "api_plan_agreements",
        "POST",
        lambda o: reverse("api_plan_agreements", args=[o["plan"].slug]),
        WRITE,
    ),
    (
        "api_agreement",
        "GET",
        lambda o: reverse("api_agreement", args=[o["partner_sub"].pk]),
        READ_ALL | {"partner"},
    ),
    (
        "api_agreement",
        "GET",
        lambda o: reverse("api_agreement", args=[o["strategic"].pk]),
        READ_ALL | {"partner"},
    ),
    (
        "api_agreement",
        "GET",
        lambda o: reverse("api_agreement", args=[o["other_sub"].pk]),
        DRAFTS,
    ),
    (
        "agreement_history",
        "GET",
        lambda o: reverse("agreement_history", args=[o["other_sub"].pk]),
        DRAFTS,
    ),
    (
        "agreement_version",
        "GET",
        lambda o: reverse("agreement_version", args=[o["other_sub"].pk, 1]),
        DRAFTS,
    ),
    (
        "api_agreement_approve",
        "POST",
        lambda o: reverse("api_agreement_approve", args=[o["partner_sub"].pk]),
        {"bestyrelse"},
    ),
    (
        "api_agreement_lbf_approval",
        "POST",
        lambda o: reverse("api_agreement_lbf_approval", args=[o["strategic"].pk]),
        WRITE,
    ),
]
# Routes whose allowed callers reach the service, which refuses this state with a Danish 400
# (the agreement does not wait for that decision): access lets them through, the rule stops.
REACH_THE_RULE = {"api_agreement_approve", "api_agreement_lbf_approval"}

POST_BODIES = {
    "organisations": {"name": "Ny forening", "kind": "association"},
    "housing_areas": {"add_area": "1", "name": "Sydblokken"},
    "part_edit": {"text": "Flere unge gennemfører 9. klasse med en prøve"},
}
API_BODY = {
    "kind": "delaftale",
    "focus_area": "Kriminalitetsforebyggelse",
    "period": {"start": "2024-01-01", "end": "2025-12-31"},
    "parties": ["Lilleby Kommune"],
    "goals": [],
}


def test_every_plans_route_is_in_the_matrix() -> None:
    """A new URL in plans/urls.py must be added to the matrix above."""
    names = {
        p.name for p in get_resolver().url_patterns[0].url_patterns if isinstance(p, URLPattern)
    }
    covered = {name for name, *_ in ROUTES} | {"home"}
    assert names - covered == set()


@pytest.fixture(scope="class")
def matrix(class_data: None, django_db_blocker: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The personas and `_objects` of the shared plan, made once for the whole matrix
    (`TestAccess`); each case runs in a savepoint of its own, so that a write one case makes
    is gone for the next."""
    from tests.conftest import make_other_plan, make_personas, make_plan

    with django_db_blocker.unblock():
        plan = make_plan()
        personas = make_personas(plan, make_other_plan())
        return personas, _objects(plan)


class TestAccess:
    """Every role × every route, on data made once for all of them (`matrix`)."""

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(
        "route", ROUTES, ids=[f"{r[0]}-{r[1]}-{i}" for i, r in enumerate(ROUTES)]
    )
    def test_access(
        self,
        client: Any,
        db: Any,
        matrix: tuple[dict[str, Any], dict[str, Any]],
        role: str,
        route: Route,
    ) -> None:
        name, method, build, allowed = route
        personas, objects = matrix
        url = build(objects)
        client.force_login(personas[role])
        before = (
            Agreement.objects.count(),
            Organisation.objects.count(),
            HousingArea.objects.count(),
        )
        if method == "GET":
            response = client.get(url)
        elif name.startswith("api_"):
            response = client.post(url, data=json.dumps(API_BODY), content_type="application/json")
        else:
            response = client.post(url, data=POST_BODIES.get(name, {}))
        if role in allowed and name in REACH_THE_RULE:
            assert response.status_code == 400 and "venter ikke" in response.json()["fejl"][0]
        elif role in allowed:
            assert response.status_code in (200, 201, 302), response.content[:300]
        else:
            assert response.status_code == 404
            after = (
                Agreement.objects.count(),
                Organisation.objects.count(),
                HousingArea.objects.count(),
            )
            assert after == before
            if not name.startswith("api_"):
                assert "Tværgaden" not in response.content.decode()


def test_anonymous_is_sent_to_login(client: Any, plan: Plan) -> None:
    response = client.get(reverse("plan_detail", args=[plan.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    api = client.get(reverse("api_plans"))
    assert api.status_code == 401
    assert "Log ind" in api.json()["fejl"][0]


def test_outsider_lists_only_own_plan(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["outsider"])
    assert [p["slug"] for p in client.get(reverse("api_plans")).json()] == ["fjernvej"]


def test_missing_and_forbidden_look_the_same(
    client: Any, personas: dict[str, Any], plan: Plan
) -> None:
    client.force_login(personas["outsider"])
    forbidden = client.get(reverse("plan_detail", args=[plan.slug]))
    missing = client.get(reverse("plan_detail", args=["findes-ikke"]))
    assert forbidden.status_code == missing.status_code == 404
    strip = lambda r: re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", r.content)  # noqa: E731
    assert strip(forbidden) == strip(missing)


def test_partner_sees_only_their_delaftaler_on_the_plan_page(
    client: Any, personas: dict[str, Any], plan: Plan
) -> None:
    _approve(Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer"))
    client.force_login(personas["partner"])
    page = client.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    assert "Flere unge gennemfører 9. klasse" in page
    assert "Beskæftigelse" not in page
    assert "Strategisk samarbejdsaftale" not in page
    api = client.get(reverse("api_plan_agreements", args=[plan.slug])).json()
    assert [a["focus_area"] for a in api] == ["Uddannelse og livschancer"]


DRAFT_GOAL = "Udkast: flere unge begynder på en ungdomsuddannelse"


@pytest.fixture
def revised(plan: Plan) -> dict[str, Agreement]:
    """The partner's delaftale approved as version 1 and edited into a draft of version 2;
    the strategic agreement approved by the board and waiting for LBF; the other a draft."""
    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    _approve(sub)
    goal = Goal.objects.get(agreement=sub)
    revisions.change_agreement(
        agreement=sub,
        user=None,
        action="Delmål ændret",
        reason="Nyt mål",
        change=lambda: services.goal_save(agreement=sub, goal=goal, text=DRAFT_GOAL),
    )
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    revisions.agreement_submit(agreement=strategic, user=None)
    revisions.agreement_approve(agreement=strategic, user=None, meeting_date=timezone.localdate())
    return {
        "sub": sub,
        "strategic": strategic,
        "other": Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse"),
    }


@pytest.mark.parametrize(
    ("role", "sub_version", "strategic_version", "other_version"),
    [
        ("koordinator", 2, 1, 1),
        ("bestyrelse", 2, 1, 1),
        ("admin", 2, 1, 1),
        ("lbf", 1, 1, None),  # LBF reads the strategic agreement waiting for its approval
        ("partner", 1, None, None),  # nothing of the strategic agreement is in force yet
        ("outsider", None, None, None),
        ("kommune", 1, None, None),  # like LBF, without LBF's own pending approval
        ("kommune_anden", None, None, None),
    ],
)
def test_draft_policy_one_decision(
    client: Any,
    personas: dict[str, Any],
    revised: dict[str, Agreement],
    role: str,
    sub_version: int | None,
    strategic_version: int | None,
    other_version: int | None,
) -> None:
    from plans import access

    user = personas[role]
    for key, expected in (
        ("sub", sub_version),
        ("strategic", strategic_version),
        ("other", other_version),
    ):
        agreement = Agreement.objects.get(pk=revised[key].pk)
        visible = access.agreements_visible_to(user, agreement.plan).filter(pk=agreement.pk)
        assert visible.exists() == (expected is not None), key
        if expected is not None:
            assert access.visible_version_number(user, agreement) == expected, key
    client.force_login(user)
    sub = revised["sub"]
    detail = client.get(reverse("agreement_detail", args=[sub.pk]), follow=True)
    api = client.get(reverse("api_agreement", args=[sub.pk]))
    draft_version = client.get(reverse("agreement_version", args=[sub.pk, 2]))
    plan_page = client.get(reverse("plan_detail", args=[sub.plan.slug]))
    if sub_version is None:
        assert detail.status_code == api.status_code == draft_version.status_code == 404
        return
    page = detail.content.decode()
    if sub_version == 2:
        assert DRAFT_GOAL in page and api.json()["goals"][0]["text"] == DRAFT_GOAL
        assert draft_version.status_code == 200
    else:
        assert DRAFT_GOAL not in page and "Flere unge gennemfører 9. klasse" in page
        assert api.json()["goals"][0]["text"] == "Flere unge gennemfører 9. klasse"
        assert draft_version.status_code == 404
        assert DRAFT_GOAL not in plan_page.content.decode()
        assert "Se den gældende version 1" in plan_page.content.decode()


def test_a_partner_reads_the_strategic_agreement_in_force(
    client: Any, personas: dict[str, Any], plan: Plan
) -> None:
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    client.force_login(personas["partner"])
    assert client.get(reverse("agreement_detail", args=[strategic.pk])).status_code == 404
    _approve(strategic)
    assert client.get(reverse("agreement_detail", args=[strategic.pk])).status_code == 200
    listed = client.get(reverse("api_plan_agreements", args=[plan.slug])).json()
    assert "strategisk_samarbejdsaftale" in [a["kind"] for a in listed]


def test_a_kommune_user_lists_only_its_municipalitys_plans(
    client: Any, personas: dict[str, Any], plan: Plan, other_plan: Plan
) -> None:
    """The plan list, the home page and the API: own municipality only; nothing of another."""
    from plans import services

    services.plan_create(name="Søvej", slug="soevej", municipality="Lilleby Kommune")
    client.force_login(personas["kommune"])
    slugs = [p["slug"] for p in client.get(reverse("api_plans")).json()]
    assert sorted(slugs) == ["soevej", "tvaergaden"]
    client.force_login(personas["kommune_anden"])
    assert client.get(reverse("api_plans")).json() == []
    home = client.get(reverse("home")).content.decode()
    assert "Tværgaden" not in home and "Søvej" not in home
    forbidden = client.get(reverse("plan_detail", args=[plan.slug]))
    missing = client.get(reverse("plan_detail", args=["findes-ikke"]))
    strip = lambda r: re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", r.content)  # noqa: E731
    assert forbidden.status_code == missing.status_code == 404
    assert strip(forbidden) == strip(missing)


def test_grant_role_gives_a_municipality_role(db: Any, plan: Plan) -> None:
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import CommandError, call_command

    from accounts.models import Membership
    from plans import access

    user = get_user_model().objects.create_user(username="lilleby")
    out = io.StringIO()
    call_command(
        "grant_role", "lilleby", role="kommune", municipality="Lilleby Kommune", stdout=out
    )
    assert "kommune for Lilleby Kommune" in out.getvalue()
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.municipality, membership.plan) == (
        "kommune",
        "Lilleby Kommune",
        None,
    )
    assert list(access.plans_visible_to(user)) == [plan]
    with pytest.raises(CommandError, match="Angiv kommunen"):
        call_command("grant_role", "lilleby", role="kommune", stdout=io.StringIO())
