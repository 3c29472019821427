"""Imports through the real database worker: it reads the upload, survives being killed and
stopped, and stops a read that goes past its time or memory limit with a Danish message."""

from __future__ import annotations

import signal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from importing import jobs
from importing.models import ImportJob, ImportStatus
from lib.background import TaskResultStatus
from tests.importing.test_command import SUBAGREEMENT
from tests.tasks.conftest import long_subagreement, wait_for

pytestmark = [
    # the worker is another process: it sees only committed rows; the funding period's rules
    # come from a data migration, so they are kept across the flush
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]


def _start(plan: Any, data: bytes, name: str = "delaftale.md") -> ImportJob:
    return jobs.job_start(plan=plan, user=None, filename=name, data=data)


def _task(job: ImportJob) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=job.task_id)


def _status(job: ImportJob) -> str:
    return ImportJob.objects.values_list("status", flat=True).get(pk=job.pk)


def test_the_worker_reads_an_import_and_the_page_follows_it(
    plan: Any, personas: dict[str, Any], run_worker: Any
) -> None:
    job = _start(plan, SUBAGREEMENT.encode())
    assert job.status == ImportStatus.QUEUED and job.task_id
    assert _task(job).status == TaskResultStatus.READY
    client = Client()
    client.force_login(personas["koordinator"])
    url = reverse("import_status_json", args=[plan.slug, job.pk])
    waiting = client.get(url).json()
    assert waiting["status"] == "queued" and not waiting["done"]

    finished = run_worker()
    assert finished.returncode == 0, finished.stdout + finished.stderr

    job.refresh_from_db()
    assert job.status == ImportStatus.READY, job.error
    assert job.upload is None
    assert job.result is not None
    assert job.result["focus_area"] == "Uddannelse og livschancer"
    assert job.result["goals"][0]["text"] == "Flere unge gennemfører 9. klasse"
    assert "Lilleby Skole" in job.source_text
    task = _task(job)
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value == "ready"
    done = client.get(url).json()
    assert done["done"] and done["next"] == reverse("import_review", args=[plan.slug, job.pk])


def test_an_import_survives_a_stop_and_a_kill_of_its_worker(
    plan: Any, start_worker: Any, run_worker: Any
) -> None:
    job = _start(plan, long_subagreement(rows=6000))  # long enough to be caught mid-read

    # a polite stop (SIGTERM, as `make run` gives it on Ctrl-C): the task goes back in the queue
    worker = start_worker()
    wait_for(lambda: _status(job) == ImportStatus.READING, what="the first read to start")
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0
    assert worker.stdout is not None
    output = worker.stdout.read()
    assert _task(job).status == TaskResultStatus.READY, output

    # a kill (a crash, a power cut): the task is left running, with nobody running it
    worker = start_worker()
    wait_for(lambda: _task(job).status == TaskResultStatus.RUNNING, what="the second read")
    wait_for(lambda: _status(job) == ImportStatus.READING, what="the second read to start")
    # the progress the reader reports is on the job, written by the worker
    wait_for(
        lambda: ImportJob.objects.get(pk=job.pk).progress == "Aftalens dele genkendes.",
        what="the reader's progress message",
    )
    worker.kill()
    worker.wait()
    assert _task(job).status == TaskResultStatus.RUNNING
    assert _status(job) == ImportStatus.READING

    # the next start finds it, runs it again and finishes the import
    finished = run_worker()
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "afbrudt(e) opgave(r)" in finished.stdout
    job.refresh_from_db()
    assert job.status == ImportStatus.READY, job.error
    assert job.result is not None and len(job.result["goals"]) >= 1
    task = _task(job)
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 3  # stopped, killed, finished


def test_a_read_past_the_time_limit_fails_in_danish(
    plan: Any, personas: dict[str, Any], run_worker: Any
) -> None:
    job = _start(plan, long_subagreement())
    finished = run_worker(HELHEDSPLAN_TASK_SECONDS="0.5")
    assert finished.returncode == 0, finished.stdout + finished.stderr
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "tog længere end 0,5 sekunder" in job.error
    assert "Prøv en mindre fil" in job.error
    assert job.upload is None
    # the task itself finished: the failure is the job's, told on the page
    assert _task(job).status == TaskResultStatus.SUCCESSFUL
    client = Client()
    client.force_login(personas["koordinator"])
    page = client.get(reverse("import_status", args=[plan.slug, job.pk]))
    assert "tog længere end 0,5 sekunder" in page.content.decode()


def test_a_read_past_the_memory_limit_fails_in_danish(plan: Any, run_worker: Any) -> None:
    job = _start(plan, long_subagreement())
    # below what the worker process itself already takes: the reader cannot grow at all
    finished = run_worker(HELHEDSPLAN_TASK_MEMORY_MB="60")
    assert finished.returncode == 0, finished.stdout + finished.stderr
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "mere end 60 MB hukommelse" in job.error
    assert job.upload is None
