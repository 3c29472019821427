"""Services for an import job: start it, read it in the background, review, confirm, cancel.

Reading a scan takes seconds to minutes, so the read is a background task
(`importing.tasks.read_import`, Django's Tasks API): the embedded worker (`helhedsplan
worker`) runs it in its own process, outside the web server, and a restart does not lose it
(the queue is in the database; a task whose worker died is run again, see importing/worker.py).
The reader itself runs in a child process under the task limits of time and memory
(lib/background.py); its progress messages come back through a pipe and are stored on the job,
where the status page polls them. The browser polls the job.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from importing import progress
from importing.errors import DocumentError
from importing.layout.pasted_fixed import FixedGoals, default_fixed_goals
from importing.models import ImportJob, ImportStatus
from importing.pipeline import read_document
from importing.recognisers.areas import default_areas
from importing.saving import import_save, reading_document
from lib.background import (
    LimitExceeded,
    Report,
    TaskResultStatus,
    WorkCrashed,
    result_of,
    run_bounded,
)
from lib.errors import DomainError
from lib.uploads import check_size
from plans.loading import read_documents
from plans.models import Agreement, Plan

log = logging.getLogger(__name__)

PROGRAM_ERROR = (
    "Dokumentet kunne ikke læses på grund af en fejl i programmet. "
    "Prøv et andet format (fx PDF eller DOCX), eller kontakt support."
)
TASK_FAILED = "Læsningen stoppede i baggrundsprocessen på grund af en fejl. Prøv igen."
STALE = "Læsningen blev afbrudt (serveren blev genstartet). Prøv igen."
LIMIT_ADVICE = (
    " Prøv en mindre fil, del dokumentet op, eller brug en PDF med tekst frem for en scanning."
)


def job_start(*, plan: Plan, user: Any, filename: str, data: bytes) -> ImportJob:
    """Keep the upload and queue the task that reads it. DomainError for an oversized file."""
    check_size(len(data))  # the one upload check (lib/uploads.py)
    job = ImportJob.objects.create(
        plan=plan,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        filename=(filename or "dokument")[-255:],
        upload=data,
        progress="Filen er modtaget og venter på at blive læst.",
    )
    run_in_background(job.pk)
    job.refresh_from_db()
    return job


def run_in_background(job_id: int) -> None:
    """Queue the read (with the immediate backend, as in tests, it runs here and now)."""
    from importing.tasks import read_import

    result = read_import.enqueue(job_id)
    ImportJob.objects.filter(pk=job_id).update(task_id=str(result.id))


def _set(job_id: int, **fields: Any) -> None:
    # update() skips auto_now; the poller uses updated_at to spot a read that died
    ImportJob.objects.filter(pk=job_id).update(**fields, updated_at=timezone.now())


def _read_in_child(
    report: Report,
    data: bytes,
    filename: str,
    areas: tuple[str, ...],
    fixed_goals: FixedGoals,
) -> dict[str, Any]:
    """The reading itself, without the database (the child shares the parent's connection,
    which it must never use): runs in the bounded child process; the funding periods'
    indsatsområder and fixed goals are read by the parent and passed in."""
    with progress.listening(report):
        result = read_document(
            data,
            filename,
            max_bytes=settings.MAX_UPLOAD_BYTES,
            areas=areas,
            fixed_goals=fixed_goals,
        )
    return {
        "result": reading_document(result.agreement),
        "warning_fields": result.agreement.warning_fields,
        "source_text": result.source_text,
        "format": result.format,
        "seconds": round(result.seconds, 2),
    }


def _fail(job_id: int, message: str) -> str:
    _set(job_id, status=ImportStatus.FAILED, error=message, upload=None, progress="")
    return ImportStatus.FAILED.value


def job_read(job_id: int) -> str:
    """Read the job's upload (slow for scans); the job ends `ready` or `failed`, bytes dropped.

    A job found `reading` is one whose worker died mid-read (a restart): it is read again.
    Returns the job's status afterwards.
    """
    job = (
        ImportJob.objects.filter(pk=job_id, status__in=(ImportStatus.QUEUED, ImportStatus.READING))
        .only("pk", "status", "filename", "upload", "plan")
        .first()
    )
    if job is None or job.upload is None:
        found = ImportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
        return found or "missing"
    _set(job_id, status=ImportStatus.READING, progress="Dokumentet læses.", error="")
    try:
        read = run_bounded(
            _read_in_child,
            bytes(job.upload),
            job.filename,
            default_areas(),
            default_fixed_goals(),
            on_message=lambda message: _set(job_id, progress=message[:300]),
            expected=(DocumentError,),
        )
    except DocumentError as error:
        return _fail(job_id, error.message)
    except LimitExceeded as error:
        log.warning("import job %s stopped at its %s limit", job_id, error.kind)
        return _fail(job_id, error.message + LIMIT_ADVICE)
    except WorkCrashed as error:  # a reader bug must not leave the job "reading" for ever
        log.error("import job %s failed: %s\n%s", job_id, error.message, error.detail)
        return _fail(job_id, PROGRAM_ERROR)
    # a cancel while reading wins: keep nothing
    if ImportJob.objects.filter(pk=job_id, status=ImportStatus.CANCELLED).exists():
        return ImportStatus.CANCELLED.value
    from importing.kept_parts import with_saved_parts

    read = with_saved_parts(job.plan, read)
    _set(job_id, status=ImportStatus.READY, upload=None, progress="", **read)
    return ImportStatus.READY.value


def job_state(job: ImportJob) -> tuple[str, str]:
    """The status and Danish error to show: the job's own, unless its task says it died."""
    if not job.is_running:
        return job.status, job.error
    if job.task_id:
        from importing.tasks import read_import

        result = result_of(read_import, job.task_id)
        if result is not None and result.status in (
            TaskResultStatus.FAILED,
            TaskResultStatus.SUCCESSFUL,
        ):
            # finished: the job row has the outcome (read again, it may have changed since)
            status, error = ImportJob.objects.filter(pk=job.pk).values_list("status", "error")[0]
            if status in (ImportStatus.QUEUED, ImportStatus.READING):
                return ImportStatus.FAILED.value, error or TASK_FAILED
            return status, error
        if result is not None:
            return job.status, ""
    if job.is_stale:
        return ImportStatus.FAILED.value, STALE
    return job.status, job.error


def job_interrupted(job_id: int, message: str) -> None:
    """The job's task will not run again (its worker died too often): fail it in Danish."""
    ImportJob.objects.filter(
        pk=job_id, status__in=(ImportStatus.QUEUED, ImportStatus.READING)
    ).update(status=ImportStatus.FAILED, error=message, upload=None, progress="")


@transaction.atomic
def job_update_reading(
    *,
    job: ImportJob,
    document: dict[str, Any],
    warning_fields: dict[str, list[str]] | None = None,
) -> ImportJob:
    """Keep the reviewer's corrections (not yet saved as an agreement). Raises DomainError.

    `warning_fields` is the warnings' map moved along with rows the reviewer reordered or
    removed; None keeps the stored one."""
    job = job_lock_open(job=job)
    read_documents([document], job.plan.funding_period)
    job.result = document
    if warning_fields is not None:
        job.warning_fields = warning_fields
    job.save(update_fields=["result", "warning_fields", "updated_at"])
    return job


@transaction.atomic
def job_confirm(
    *, job: ImportJob, document: dict[str, Any], user: Any, as_new: bool = False
) -> Agreement:
    """Save the reviewed reading as the plan's agreement (new, or a revision; with `as_new`
    only as a new agreement). DomainError."""
    job = job_lock_open(job=job)
    loaded = import_save(
        slug=job.plan.slug, document=document, filename=job.filename, user=user, as_new=as_new
    )
    agreement = loaded.agreements[0]
    job.result = document
    job.status = ImportStatus.SAVED
    job.agreement = agreement
    job.save(update_fields=["result", "status", "agreement", "updated_at"])
    return agreement


class ImportAlreadySaved(DomainError):
    """The import was saved already (by an earlier request: a double-click, a second tab).
    `agreement_id` is the agreement it was saved as (None if that has since been deleted)."""

    def __init__(self, job: ImportJob):
        super().__init__("Importen er allerede gemt.")
        self.agreement_id: int | None = job.agreement_id
        self.filename = job.filename


def job_lock_open(*, job: ImportJob) -> ImportJob:
    """The job, locked for the rest of the caller's transaction, if it may still be saved.

    Two requests that confirm the same import (a double-click) are serialised here: the
    second waits for the first to commit and then finds it saved (ImportAlreadySaved). On
    PostgreSQL `select_for_update` holds the row; SQLite's BEGIN IMMEDIATE (config/settings.py)
    holds the whole database for the transaction. Must run inside `transaction.atomic`.
    DomainError when the job is not ready for review."""
    locked = ImportJob.objects.select_for_update().defer("upload").get(pk=job.pk)
    _check_open(locked)
    return locked


def job_cancel(*, job: ImportJob) -> None:
    """Drop the upload and the reading; nothing is saved."""
    if job.status == ImportStatus.SAVED:
        raise DomainError("Importen er allerede gemt og kan ikke annulleres.")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.CANCELLED, upload=None, result=None, source_text=""
    )


def _check_open(job: ImportJob) -> None:
    if job.status == ImportStatus.SAVED:
        raise ImportAlreadySaved(job)
    if job.status != ImportStatus.READY:
        raise DomainError("Importen er ikke klar til gennemsyn.")
