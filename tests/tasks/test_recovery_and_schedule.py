"""What the worker does at start and every minute, on the real queue in the database: tasks
whose worker died are run again or given up in Danish, and the reminders are scheduled."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from documents.tasks import send_reminders
from importing import jobs
from importing.models import ImportJob, ImportStatus
from importing.worker import Worker, new_worker_id, recover, schedule_reminders
from lib.background import TaskResultStatus
from tests.importing.test_command import SUBAGREEMENT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


def _dead_worker_id() -> str:
    finished = subprocess.Popen(["true"])
    finished.wait()
    return f"{socket.gethostname()[:40]}:{finished.pid}:gone"


def _running(plan: Any, worker_ids: list[str], started: dt.datetime | None = None) -> ImportJob:
    """An import whose task was running when its worker(s) died."""
    job = jobs.job_start(plan=plan, user=None, filename="delaftale.md", data=SUBAGREEMENT.encode())
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.READING)
    DBTaskResult.objects.filter(pk=job.task_id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
        started_at=started or timezone.now(),
    )
    job.refresh_from_db()
    return job


def test_a_task_whose_worker_died_here_is_queued_again(plan: Any) -> None:
    job = _running(plan, [_dead_worker_id()])
    assert recover() == [job.task_id]
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.READY
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.READING  # read again next


def test_a_task_with_a_live_worker_is_left_alone(plan: Any) -> None:
    job = _running(plan, [new_worker_id()])  # this process: alive
    assert recover() == []
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.RUNNING


def test_a_task_running_past_its_limit_on_another_machine_is_queued_again(
    plan: Any, settings: Any
) -> None:
    settings.TASK_TIME_LIMIT_SECONDS = 60
    recent = _running(plan, ["other-host:123:abc"], timezone.now() - dt.timedelta(minutes=2))
    old = _running(plan, ["other-host:124:abc"], timezone.now() - dt.timedelta(minutes=7))
    assert recover() == [old.task_id]
    assert DBTaskResult.objects.get(pk=recent.task_id).status == TaskResultStatus.RUNNING


def test_after_the_last_attempt_the_task_and_its_import_fail_in_danish(
    plan: Any, settings: Any, personas: dict[str, Any]
) -> None:
    settings.TASK_MAX_ATTEMPTS = 3
    job = _running(plan, [_dead_worker_id() for _ in range(3)])
    assert recover() == [job.task_id]
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "importing.worker.TaskInterrupted"
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "afbrudt 3 gange" in job.error
    assert job.upload is None
    assert jobs.job_state(job) == (ImportStatus.FAILED.value, job.error)


def test_a_failed_task_shows_its_import_as_failed_not_reading(plan: Any) -> None:
    job = _running(plan, [new_worker_id()])
    DBTaskResult.objects.filter(pk=job.task_id).update(status=TaskResultStatus.FAILED)
    status, error = jobs.job_state(job)
    assert status == ImportStatus.FAILED
    assert "baggrundsprocessen" in error


# the worker's loop closes connections between tasks, as a worker must: no test transaction
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reminders_are_enqueued_once_and_then_every_interval(settings: Any) -> None:
    settings.REMINDERS_EVERY_HOURS = 24
    now = timezone.now()
    assert schedule_reminders(now=now)
    assert not schedule_reminders(now=now)  # one is waiting already
    waiting = DBTaskResult.objects.get(task_path=send_reminders.module_path)
    assert waiting.status == TaskResultStatus.READY and waiting.run_after <= now

    # the worker's in-process loop runs it (batch: until the queue is empty)
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=new_worker_id(),
        excluded_queue_names=[],
        schedule=False,
    )
    worker.run()
    done = DBTaskResult.objects.get(pk=waiting.pk)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert str(done.return_value).endswith("e-mail(s) sendt.")

    # the next one waits a day after that run, also across a restart (it is in the database)
    assert schedule_reminders(now=now + dt.timedelta(minutes=1))
    following = DBTaskResult.objects.exclude(pk=waiting.pk).get(
        task_path=send_reminders.module_path
    )
    assert done.finished_at is not None
    assert following.run_after == done.finished_at + dt.timedelta(hours=24)


def test_no_schedule_when_turned_off(settings: Any) -> None:
    settings.REMINDERS_EVERY_HOURS = 0
    assert not schedule_reminders()
    assert not DBTaskResult.objects.exists()
