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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_DIR = SHARED / "seeds" / "gold"
needs_shared = pytest.mark.skipif(
    not GOLD_DIR.is_dir(),
    reason="../shared (seeds and gold readings) is not beside this clone; it is in CI",
)


def make_plan() -> Any:
    """The shared fictional plan (see the `plan` fixture)."""
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
def plan(db: Any) -> Any:
    return make_plan()


def make_other_plan() -> Any:
    from plans import services

    other = services.plan_create(name="Fjernvej", slug="fjernvej")
    services.agreement_create(plan=other, kind="strategisk_samarbejdsaftale")
    return other


@pytest.fixture
def other_plan(db: Any) -> Any:
    return make_other_plan()


@pytest.fixture
def personas(plan: Any, other_plan: Any, django_user_model: Any) -> dict[str, Any]:
    return make_personas(plan, other_plan)


def _user(django_user_model: Any, username: str) -> Any:
    return django_user_model.objects.create_user(username=username, password="pw-" + username)


def make_personas(plan: Any, other_plan: Any) -> dict[str, Any]:
    """The personas (see the module's docstring), members of `plan` or `other_plan`."""
    from django.contrib.auth import get_user_model

    from accounts.models import Membership, Role
    from plans.models import Organisation

    users = {
        name: _user(get_user_model(), name)
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
        users[name] = _user(get_user_model(), name)
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


# Background tasks run at once, in the test, unless a test starts a real worker.
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests create many users; the production hasher is slow on purpose.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _demo_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo plan (`demo.plan.load_demo`, ~1 s) is made for real once per run and replayed
    after that (tests/moving.py's `load_demo_replayed`, tests/snapshots.py)."""
    import demo.plan
    from tests.moving import load_demo_replayed

    real = demo.plan.load_demo
    monkeypatch.setattr(demo.plan, "load_demo", lambda: load_demo_replayed(real))


@pytest.fixture(scope="class")
def class_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """A transaction around the tests of a class, for data its fixtures make once for all of
    them (as Django's `setUpTestData` does): each test still runs in a savepoint of its own
    inside it, rolled back after the test; the class's data is rolled back after its last test.
    Only for tests that do not commit (no `transactional_db`, `live_server` or worker
    processes). A fixture of class scope requests it and makes its data `with
    django_db_blocker.unblock()`; the tests request `db` as usual (tests/plans/
    test_access_matrix.py). Outside a class, pytest gives a class-scoped fixture to each test."""
    from django.db import transaction
    from django.test import override_settings

    # the settings of the autouse fixtures above, which are per test
    with override_settings(TASKS=IMMEDIATE_TASKS, PASSWORD_HASHERS=FAST_HASHERS):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
        try:
            yield
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


# The fixtures of issue 11's moves into a new funding period (`demo`, `moved`): one place.
from tests.moving import demo, moved  # noqa: E402, F401
