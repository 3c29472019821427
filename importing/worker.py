"""The embedded worker: django-tasks-db's database worker, plus what a restart needs.

- **Recovery.** A task whose worker died (killed, crashed, the machine restarted) is left
  `RUNNING` in the queue. At start and every minute the worker looks for such tasks: on this
  machine, a worker whose process id is gone; anywhere, a task running longer than the task
  time limit plus a grace period (no live worker lets a task run past the limit, see
  lib/background.py). Each is run again until it has had `TASK_MAX_ATTEMPTS` attempts, then
  marked failed with a Danish message, and its import job (if any) failed with it.
- **A clean stop.** SIGINT/SIGTERM while idle exits at once; while a bounded task runs
  (lib/background.run_bounded), it is stopped within 0.2 s, its child killed, and put back in
  the queue for the next start; other tasks finish first. A second signal exits at once.
- **Idle without locks.** The worker claims a task in an exclusive transaction only when a
  plain read shows one is ready, so an idle worker never holds SQLite's write lock.
- **Tidying.** Finished tasks are deleted after 30 days.
- **The schedule.** `send-reminders` is enqueued every `REMINDERS_EVERY_HOURS`, counted from
  the last run that finished, so a restart neither skips nor repeats it (and it is idempotent:
  one e-mail per reminder and person).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import close_old_connections, transaction
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from lib.background import Stopped, TaskResultStatus, stop_requested

log = logging.getLogger("helhedsplan.worker")

# A task running this much longer than the time limit has certainly lost its worker.
GRACE = dt.timedelta(minutes=5)
HOUSEKEEPING_EVERY = dt.timedelta(minutes=1)
# Finished tasks are kept this long (for the pages that show them), then deleted.
KEEP_FINISHED = dt.timedelta(days=30)


class TaskInterrupted(Exception):
    """Recorded as a task's error when its worker died too many times while running it."""


def interrupted_message(attempts: int) -> str:
    return (
        f"Opgaven blev afbrudt {attempts} gange, fordi baggrundsprocessen stoppede "
        "(genstart eller nedbrud), og køres ikke igen. Prøv igen."
    )


def _fail_import(args: list[Any], kwargs: dict[str, Any], message: str) -> None:
    from importing.jobs import job_interrupted

    job_id = args[0] if args else kwargs.get("job_id")
    if isinstance(job_id, int):
        job_interrupted(job_id, message)


# What else to mark failed when a task is given up, per task path.
ON_GIVE_UP: dict[str, Callable[[list[Any], dict[str, Any], str], None]] = {
    "importing.tasks.read_import": _fail_import,
}


def new_worker_id() -> str:
    """`host:pid:random`, so a worker on the same host can tell whether its process lives."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _dead_here(worker_id: str) -> bool:
    host, _, rest = worker_id.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname()[:40] or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover(*, backend_name: str = "default", now: dt.datetime | None = None) -> list[str]:
    """Requeue (or give up on) tasks whose worker died; the ids of the tasks it touched."""
    now = now or timezone.now()
    limit = dt.timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS) + GRACE
    touched = []
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, backend_name=backend_name
    )
    for result in running:
        last = result.worker_ids[-1] if result.worker_ids else ""
        overdue = result.started_at is not None and now - result.started_at > limit
        if not (_dead_here(last) or overdue):
            continue
        with transaction.atomic():
            # only if nobody else recovered or finished it meanwhile
            fresh = (
                DBTaskResult.objects.select_for_update()
                .filter(pk=result.pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if fresh is None:
                continue
            attempts = len(fresh.worker_ids)
            if attempts < settings.TASK_MAX_ATTEMPTS:
                log.warning("task %s lost its worker %s; queued again", fresh.pk, last)
                fresh.status = TaskResultStatus.READY
                fresh.started_at = None
                fresh.save(update_fields=["status", "started_at"])
            else:
                message = interrupted_message(attempts)
                log.error("task %s lost its worker %d times; failed", fresh.pk, attempts)
                fresh.set_failed(TaskInterrupted(message))
                give_up = ON_GIVE_UP.get(fresh.task_path)
                if give_up is not None:
                    give_up(fresh.args_kwargs["args"], fresh.args_kwargs["kwargs"], message)
        touched.append(str(result.pk))
    return touched


def schedule_reminders(*, now: dt.datetime | None = None) -> bool:
    """Enqueue `send-reminders` when none is waiting; True when it enqueued one."""
    from documents.tasks import send_reminders

    hours = settings.REMINDERS_EVERY_HOURS
    if hours <= 0:
        return False
    now = now or timezone.now()
    mine = DBTaskResult.objects.filter(task_path=send_reminders.module_path)
    if mine.filter(status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING)).exists():
        return False
    last = mine.filter(finished_at__isnull=False).order_by("-finished_at").first()
    run_after = now
    if last is not None and last.finished_at is not None:
        run_after = max(now, last.finished_at + dt.timedelta(hours=hours))
    send_reminders.using(run_after=run_after).enqueue()
    return True


class Worker(DatabaseWorker):
    """django-tasks-db's worker loop with recovery, a clean stop and the reminder schedule."""

    def __init__(self, *, schedule: bool = True, **kwargs: Any):
        super().__init__(**kwargs)
        self.schedule = schedule
        self._next_housekeeping = timezone.now()

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        log.warning("worker %s: %s, stopping", self.worker_id, signal.strsignal(signum))
        self.running = False
        if self.running_task:
            # bounded work stops at its next check and the task goes back in the queue; other
            # work finishes first. A second signal ends the process at once.
            stop_requested.set()
            self.reset_signals()
            return
        sys.exit(0)

    def housekeeping(self) -> None:
        now = timezone.now()
        if now < self._next_housekeeping:
            return
        self._next_housekeeping = now + HOUSEKEEPING_EVERY
        try:
            recover(backend_name=self.backend_name, now=now)
            DBTaskResult.objects.filter(
                status__in=(TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED),
                finished_at__lt=now - KEEP_FINISHED,
            ).delete()
            if self.schedule:
                schedule_reminders(now=now)
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise

    def run(self) -> None:
        import random
        import time

        log.info("worker %s started", self.worker_id)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers starting together
        while self.running:
            close_old_connections()
            self.housekeeping()
            tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
            if not self.process_all_queues:
                tasks = tasks.filter(queue_name__in=self.queue_names)
            if self.excluded_queue_names:
                tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
            task_result = None
            retrieved = False
            if not tasks.exists():
                # nothing to claim: an idle worker takes no write lock (SQLite has one)
                if self.batch:
                    return
                close_old_connections()
                time.sleep(self.interval)
                continue
            try:
                with exclusive_transaction(tasks.db):
                    task_result = tasks.get_locked()
                    retrieved = True
                    if task_result is not None:
                        task_result.claim(self.worker_id)
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
            if task_result is not None:
                self.run_task(task_result)
            if self.batch and retrieved and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        from django_tasks_db.compat import TaskContext, task_finished, task_started

        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            sender = type(task.get_backend())
            task_started.send(sender=sender, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=sender, task_result=db_task_result.task_result)
        except Stopped:
            # back in the queue: the next start runs it again (it counts as an attempt)
            DBTaskResult.objects.filter(pk=db_task_result.pk).update(
                status=TaskResultStatus.READY, started_at=None
            )
            log.warning("task %s put back in the queue", db_task_result.pk)
        except Exception as error:
            db_task_result.set_failed(error)
            try:
                task_finished.send(
                    sender=type(db_task_result.task.get_backend()),
                    task_result=db_task_result.task_result,
                )
            except (ImportError, SuspiciousOperation):
                log.exception("task %s failed", db_task_result.pk)
        finally:
            self.running_task = False
            self._run_tasks += 1
