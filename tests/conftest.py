"""Personas and a small fictional plan, shared by every test.

Personas: a koordinator, a board member, a partner (party to one delaftale only), an LBF
consultant, an administrator, an outsider who coordinates another plan, a kommune user of the
plan's municipality and one of another municipality.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_DIR = SHARED / "seeds" / "gold"
needs_shared = pytest.mark.skipif(
    not GOLD_DIR.is_dir(),
    reason="../shared (seeds and gold readings) is not beside this clone; it is in CI",
)


@pytest.fixture
def plan(db: Any) -> Any:
    from plans import services
    from plans.models import FocusArea

    plan = services.plan_create(
        name="Tværgaden",
        slug="tvaergaden",
        municipality="Lilleby Kommune",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2027, 12, 31),
    )
    strategic = services.agreement_create(plan=plan, kind="strategisk_samarbejdsaftale")
    for name in ("Lilleby Boligforening", "Lilleby Kommune"):
        services.party_save(agreement=strategic, name=name)
    education = FocusArea.objects.get(name="Uddannelse og livschancer")
    sub = services.agreement_create(
        plan=plan, kind="delaftale", focus_area=education, title="Delaftale om skolegang"
    )
    services.party_save(agreement=sub, name="Lilleby Boligforening")
    services.party_save(agreement=sub, name="Klubben Lyset")
    goal = services.goal_save(agreement=sub, text="Flere unge gennemfører 9. klasse")
    indicator = services.indicator_save(
        goal=goal,
        text="Andel elever med afgangsprøve",
        unit="percent",
        direction="more",
        data_source="Skolens opgørelse",
        baseline_year=2023,
    )
    services.measure_save(indicator=indicator, role="baseline", text="61 %", percent=61)
    employment = FocusArea.objects.get(name="Beskæftigelse")
    services.agreement_create(plan=plan, kind="delaftale", focus_area=employment)
    return plan


@pytest.fixture
def other_plan(db: Any) -> Any:
    from plans import services

    other = services.plan_create(name="Fjernvej", slug="fjernvej")
    services.agreement_create(plan=other, kind="strategisk_samarbejdsaftale")
    return other


def _user(django_user_model: Any, username: str) -> Any:
    return django_user_model.objects.create_user(username=username, password="pw-" + username)


@pytest.fixture
def personas(plan: Any, other_plan: Any, django_user_model: Any) -> dict[str, Any]:
    from accounts.models import Membership, Role
    from plans.models import Organisation

    users = {
        name: _user(django_user_model, name)
        for name in ("koordinator", "bestyrelse", "partner", "lbf", "admin", "outsider")
    }
    Membership.objects.create(user=users["koordinator"], plan=plan, role=Role.COORDINATOR)
    Membership.objects.create(user=users["bestyrelse"], plan=plan, role=Role.BOARD)
    Membership.objects.create(
        user=users["partner"],
        plan=plan,
        role=Role.PARTNER,
        organisation=Organisation.objects.get(plan=plan, name="Klubben Lyset"),
    )
    Membership.objects.create(user=users["lbf"], role=Role.LBF)
    Membership.objects.create(user=users["admin"], role=Role.ADMIN)
    Membership.objects.create(user=users["outsider"], plan=other_plan, role=Role.COORDINATOR)
    # A municipality's user reads the plans of its own municipality (the plan's is Lilleby's);
    # another municipality's user must see nothing of them.
    for name, municipality in (
        ("kommune", "Lilleby Kommune"),
        ("kommune_anden", "Fjernby Kommune"),
    ):
        users[name] = _user(django_user_model, name)
        Membership.objects.create(user=users[name], role=Role.KOMMUNE, municipality=municipality)
    return users


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: Any
) -> None:
    """SQLite's test database in a file, not in memory, so that a worker process a test starts
    (tests/tasks) reads and writes the same database as the test."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # in RAM where there is /dev/shm: a file on disk costs an fsync per commit
        shm = Path("/dev/shm")
        if shm.is_dir() and os.access(shm, os.W_OK):
            base = Path(tempfile.mkdtemp(prefix="helhedsplan-test-", dir=shm))
            atexit.register(shutil.rmtree, base, True)
        else:
            base = tmp_path_factory.mktemp("database")
        path = base / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    """Background tasks run at once, in the test, unless a test starts a real worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Tests create many users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The fixtures of issue 11's moves into a new funding period (`demo`, `moved`): one place.
from tests.moving import demo, moved  # noqa: E402, F401
