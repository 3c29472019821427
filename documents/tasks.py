"""Background tasks of documents: the LBF package, and sending the reminders (scheduled by the
worker, see importing/worker.py)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from documents.exports import build_lbf_package
from documents.render import TemplateError
from lib.background import LimitExceeded, limited_here, task
from lib.errors import messages_of
from plans import access
from plans.models import Plan

log = logging.getLogger(__name__)

PACKAGE_DIR = "lbf-pakker"
KEEP_PACKAGES = dt.timedelta(days=1)


@task()
def send_reminders() -> str:
    """`helhedsplan send-reminders` for every running plan; returns its Danish summary."""
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    lines = out.getvalue().strip().splitlines()
    return lines[-1] if lines else ""


def _prune(folder: str) -> None:
    """Packages are made to be downloaded at once: drop those older than a day."""
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        path = f"{folder}/{name}"
        if timezone.now() - default_storage.get_modified_time(path) > KEEP_PACKAGES:
            default_storage.delete(path)


@task()
def build_package(plan_id: int, rights: str = access.IN_FORCE) -> dict[str, Any]:
    """Build the plan's LBF package into storage; `{"sti", "fil", "type"}` or `{"fejl"}`.

    `rights` (`access.version_rights` of the user who asked) decides whether drafts go along;
    the views serve the result only to users with the same rights (its arguments).

    It reads the database throughout, so it runs in the worker's own process under
    `limited_here` (time and memory) rather than in a child.
    """
    plan = Plan.objects.get(pk=plan_id)
    try:
        with limited_here():
            rendered = build_lbf_package(plan, rights)
    except TemplateError as error:
        return {"fejl": " ".join(messages_of(error))}
    except LimitExceeded as error:
        return {"fejl": f"Pakken til LBF blev ikke dannet. {error.message}"}
    folder = f"{PACKAGE_DIR}/{plan.slug}"
    _prune(folder)
    path = default_storage.save(f"{folder}/{uuid.uuid4().hex}.zip", ContentFile(rendered.data))
    return {"sti": path, "fil": rendered.filename, "type": rendered.content_type}
