"""The migration that keys process goals and logbook sessions by their activity's identity
(evaluation 0003, plans 0009) carries the existing rows across: each row named by its
activity's name gets that activity's key; a row whose name no activity has stays stored."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("evaluation", "0002_from_agreement_extra"), ("plans", "0008_evaluation_survey")]
AFTER = [("evaluation", "0003_evalgaps_activity_key"), ("plans", "0009_evalgaps_activity_key")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _every_migration_again() -> Any:
    """After the test, the database at every app's latest migration again: going back to
    BEFORE also unapplies the later migrations that depend on it (followup's, from other
    apps), and AFTER alone would leave them out for the next transactional test."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_rows_named_by_their_activity_get_its_key(plan: Any) -> None:
    from plans.models import Agreement

    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    apps = _migrate(BEFORE)
    Activity = apps.get_model("plans", "Activity")
    ProcessGoal = apps.get_model("evaluation", "ProcessGoal")
    Session = apps.get_model("evaluation", "LogbookSession")
    cafe = Activity.objects.create(agreement_id=sub.pk, name="Lektiecafé")
    Activity.objects.create(agreement_id=sub.pk, name="Sommerlejr")
    ProcessGoal.objects.create(agreement_id=sub.pk, activity_name="Lektiecafé", text="6 om året")
    day = dt.date(2024, 3, 5)
    for name in ("Lektiecafé", "Lektiecafé", "Omdøbt før nøglerne"):
        Session.objects.create(
            plan_id=plan.pk,
            agreement_id=sub.pk,
            activity_name=name,
            date=day,
            theme=f"{name} {Session.objects.count()}",
            place="in_area",
            participants=5,
        )
    day_rows = Session.objects.count()

    apps = _migrate(AFTER)
    Activity = apps.get_model("plans", "Activity")
    keys = dict(Activity.objects.filter(agreement_id=sub.pk).values_list("name", "key"))
    assert len(set(keys.values())) == 2  # every activity a key of its own
    goals = apps.get_model("evaluation", "ProcessGoal").objects.all()
    assert [(g.activity_key, g.text) for g in goals] == [(keys["Lektiecafé"], "6 om året")]
    sessions = apps.get_model("evaluation", "LogbookSession").objects.order_by("id")
    assert sessions.count() == day_rows  # nothing lost
    found = [s.activity_key for s in sessions]
    assert found[:2] == [keys["Lektiecafé"]] * 2
    assert isinstance(found[2], uuid.UUID) and found[2] not in keys.values()
    assert Activity.objects.get(pk=cafe.pk).key == keys["Lektiecafé"]
