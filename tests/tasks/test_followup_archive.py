"""Archiving the year's follow-up through the real worker: the page queues it, the worker
renders and keeps both documents, the meeting page says how it went."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from followup.models import FollowUpDocument
from lib.background import TaskResultStatus

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]


def test_the_worker_archives_the_followup_and_the_meeting_page_tells(
    plan: Any, personas: dict[str, Any], run_worker: Any
) -> None:
    client = Client()
    client.force_login(personas["koordinator"])
    queued = client.post(f"/planer/{plan.slug}/opfoelgning/2024/arkiver/")
    assert queued.status_code == 302
    assert "arkivering=" in queued.url
    assert not FollowUpDocument.objects.exists()  # nothing rendered in the request
    waiting = client.get(queued.url)
    assert "arkiveres som PDF og DOCX i baggrunden" in waiting.content.decode()

    finished = run_worker()
    assert finished.returncode == 0, finished.stdout + finished.stderr
    task = DBTaskResult.objects.get(task_path="followup.tasks.archive_followup")
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert {d.format for d in FollowUpDocument.objects.filter(plan=plan, year=2024)} == {
        "pdf",
        "docx",
    }
    page = client.get(queued.url).content.decode()
    assert "Opfølgningen for 2024 er arkiveret som PDF og DOCX." in page


def test_an_archive_past_the_time_limit_keeps_nothing_and_says_so(
    plan: Any, personas: dict[str, Any], run_worker: Any
) -> None:
    client = Client()
    client.force_login(personas["koordinator"])
    queued = client.post(f"/planer/{plan.slug}/opfoelgning/2024/arkiver/")
    finished = run_worker(HELHEDSPLAN_TASK_SECONDS="0.01")
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert not FollowUpDocument.objects.exists()
    page = client.get(queued.url).content.decode()
    assert "blev ikke arkiveret" in page and "tog længere end 0,01 sekunder" in page
