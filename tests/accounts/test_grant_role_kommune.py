"""`helhedsplan grant-role USER --role kommune --municipality "…"`: the kommune role through
the console script, end to end (the user created, the change logged, the kommune reading only
its own municipality's plans), and the Danish refusals of a role and municipality that do
not belong together."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Membership, Role
from accounts.services import role_grant_across_plans
from config.cli import main as cli_main
from lib.errors import DomainError
from plans import access, services
from plans.models import AuditEntry, Plan

MUNICIPALITY = "Åbyhavn Kommune"


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch: Any) -> None:
    """A management command closes every connection when it ends; the test's own
    transaction must survive it."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture
def aabyhavn(db: Any) -> Plan:
    aabyhavn = services.plan_create(name="Havnegade", slug="havnegade", municipality=MUNICIPALITY)
    services.agreement_create(plan=aabyhavn, kind="strategisk_samarbejdsaftale")
    return aabyhavn


def test_grant_role_kommune_creates_the_user_logs_it_and_shows_only_its_plans(
    plan: Plan, aabyhavn: Plan, client: Any, monkeypatch: Any, capsys: Any
) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "lang-nok-kode-1")
    assert not get_user_model().objects.filter(username="aase").exists()
    assert (
        cli_main(
            ["grant-role", "aase", "--role", "kommune", "--municipality", f"  {MUNICIPALITY} "]
        )
        == 0
    )
    assert f"aase er kommune for {MUNICIPALITY}." in capsys.readouterr().out
    user = get_user_model().objects.get(username="aase")
    assert user.check_password("lang-nok-kode-1")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.municipality, membership.plan) == (
        Role.KOMMUNE,
        MUNICIPALITY,
        None,
    )
    entry = AuditEntry.objects.filter(plan=None).order_by("-id").first()
    assert entry is not None
    assert (
        entry.action == f"aase fik rollen kommune på tværs af planer for {MUNICIPALITY} (ny bruger)"
    )
    assert entry.user_label == "system" and entry.at is not None
    # Only the municipality's plans: the list, the page, and the other plan not even found.
    assert plan.municipality == "Lilleby Kommune"
    assert list(access.plans_visible_to(user)) == [aabyhavn]
    client.force_login(user)
    assert client.get(reverse("plan_detail", args=[aabyhavn.slug])).status_code == 200
    assert client.get(reverse("plan_detail", args=[plan.slug])).status_code == 404
    # Granting it again changes nothing and logs nothing.
    before = AuditEntry.objects.count()
    assert (
        cli_main(["grant-role", "aase", "--role", "kommune", "--municipality", MUNICIPALITY]) == 0
    )
    assert "var allerede kommune" in capsys.readouterr().out
    assert AuditEntry.objects.count() == before
    assert Membership.objects.filter(user=user).count() == 1
    assert cli_main(["--help"]) == 0
    assert "grant-role BRUGERNAVN --role" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--role", "kommune"], "Angiv kommunen med --municipality"),
        (["--role", "kommune", "--municipality", "   "], "Angiv kommunen med --municipality"),
        (["--role", "lbf", "--municipality", MUNICIPALITY], "bruges kun med rollen kommune"),
        (["--role", "admin", "--municipality", MUNICIPALITY], "bruges kun med rollen kommune"),
    ],
)
def test_grant_role_refuses_in_danish_and_writes_nothing(
    db: Any, argv: list[str], message: str, capsys: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "lang-nok-kode-1")
    before = (
        get_user_model().objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(SystemExit) as exited:
        cli_main(["grant-role", "aase", *argv])
    assert exited.value.code != 0
    assert message in capsys.readouterr().err
    after = (
        get_user_model().objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before


@pytest.mark.parametrize(
    ("role", "municipality", "message"),
    [
        (Role.KOMMUNE, "", "Angiv kommunen"),
        (Role.LBF, MUNICIPALITY, "kun med rollen kommune"),
        (Role.ADMIN, MUNICIPALITY, "kun med rollen kommune"),
        (Role.COORDINATOR, "", "Vælg LBF-konsulent, administrator eller kommune"),
    ],
)
def test_the_service_refuses_in_danish(db: Any, role: str, municipality: str, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        role_grant_across_plans(
            username="aase", role=role, municipality=municipality, password="lang-nok-kode-1"
        )
    assert not get_user_model().objects.filter(username="aase").exists()
