"""Services for an import job: start it, read it in the background, review, confirm, cancel.

Reading a scan takes seconds to minutes, so the read runs in a background thread with its own
database connection; the browser polls the job. `run_in_background` is the one seam: tests
replace it to read at once in the request.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from importing import progress
from importing.errors import DocumentError
from importing.models import ImportJob, ImportStatus
from importing.pipeline import read_document
from importing.saving import import_save, reading_document
from lib.errors import DomainError
from plans.loading import read_documents
from plans.models import Agreement, Plan

log = logging.getLogger(__name__)


def job_start(*, plan: Plan, user: Any, filename: str, data: bytes) -> ImportJob:
    """Keep the upload and start reading it. Raises DomainError for an oversized file."""
    limit = settings.MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise DomainError(
            f"Filen er for stor ({len(data) / 1_048_576:.1f} MB); grænsen er "
            f"{limit / 1_048_576:.0f} MB."
        )
    job = ImportJob.objects.create(
        plan=plan,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        filename=(filename or "dokument")[-255:],
        upload=data,
        progress="Filen er modtaget og venter på at blive læst.",
    )
    run_in_background(job.pk)
    return job


def _in_thread(job_id: int) -> None:
    try:
        job_read(job_id)
    finally:
        connection.close()


def _spawn(job_id: int) -> None:
    thread = threading.Thread(target=_in_thread, args=(job_id,), daemon=True)
    thread.start()


run_in_background: Callable[[int], None] = _spawn


def _set(job_id: int, **fields: Any) -> None:
    # update() skips auto_now; the poller uses updated_at to spot a read that died
    ImportJob.objects.filter(pk=job_id).update(**fields, updated_at=timezone.now())


def job_read(job_id: int) -> None:
    """Read the job's upload (slow for scans); the job ends `ready` or `failed`, bytes dropped."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).first()
    if job is None or job.upload is None:
        return
    _set(job_id, status=ImportStatus.READING, progress="Dokumentet læses.")
    try:
        with progress.listening(lambda message: _set(job_id, progress=message[:300])):
            result = read_document(
                bytes(job.upload), job.filename, max_bytes=settings.MAX_UPLOAD_BYTES
            )
    except DocumentError as error:
        _set(job_id, status=ImportStatus.FAILED, error=error.message, upload=None, progress="")
        return
    except Exception:  # a reader bug must not leave the job "reading" for ever
        log.exception("import job %s failed", job_id)
        _set(
            job_id,
            status=ImportStatus.FAILED,
            error="Dokumentet kunne ikke læses på grund af en fejl i programmet. "
            "Prøv et andet format (fx PDF eller DOCX), eller kontakt support.",
            upload=None,
            progress="",
        )
        return
    # a cancel while reading wins: keep nothing
    if ImportJob.objects.filter(pk=job_id, status=ImportStatus.CANCELLED).exists():
        return
    _set(
        job_id,
        status=ImportStatus.READY,
        result=reading_document(result.agreement),
        warning_fields=result.agreement.warning_fields,
        source_text=result.source_text,
        format=result.format,
        seconds=round(result.seconds, 2),
        upload=None,
        progress="",
    )


def job_update_reading(
    *,
    job: ImportJob,
    document: dict[str, Any],
    warning_fields: dict[str, list[str]] | None = None,
) -> ImportJob:
    """Keep the reviewer's corrections (not yet saved as an agreement). Raises DomainError.

    `warning_fields` is the warnings' map moved along with rows the reviewer reordered or
    removed; None keeps the stored one."""
    _check_open(job)
    read_documents([document], job.plan.funding_period)
    job.result = document
    if warning_fields is not None:
        job.warning_fields = warning_fields
    job.save(update_fields=["result", "warning_fields", "updated_at"])
    return job


@transaction.atomic
def job_confirm(*, job: ImportJob, document: dict[str, Any], user: Any) -> Agreement:
    """Save the reviewed reading as the plan's agreement (new, or a revision). DomainError."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _check_open(job)
    loaded = import_save(slug=job.plan.slug, document=document, filename=job.filename, user=user)
    agreement = loaded.agreements[0]
    job.result = document
    job.status = ImportStatus.SAVED
    job.agreement = agreement
    job.save(update_fields=["result", "status", "agreement", "updated_at"])
    return agreement


def job_cancel(*, job: ImportJob) -> None:
    """Drop the upload and the reading; nothing is saved."""
    if job.status == ImportStatus.SAVED:
        raise DomainError("Importen er allerede gemt og kan ikke annulleres.")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.CANCELLED, upload=None, result=None, source_text=""
    )


def _check_open(job: ImportJob) -> None:
    if job.status == ImportStatus.SAVED:
        raise DomainError("Importen er allerede gemt.")
    if job.status != ImportStatus.READY:
        raise DomainError("Importen er ikke klar til gennemsyn.")
