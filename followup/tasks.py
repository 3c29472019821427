"""Background tasks of the follow-up: archiving the year's document as PDF and DOCX.

The records are read here (in the worker); the two renders, the heavy part, run in a bounded
child process (lib/background.py); the copies are saved here through the service.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from followup import documents, selectors, services
from lib.background import LimitExceeded, Report, WorkCrashed, run_bounded, task
from lib.errors import DomainError
from plans.models import Plan

log = logging.getLogger(__name__)


def _render_both(report: Report, follow: selectors.FollowUp) -> list[tuple[str, bytes]]:
    report("PDF dannes.")
    pdf = documents.render_followup_pdf(follow)
    report("DOCX dannes.")
    return [("pdf", pdf), ("docx", documents.render_followup_docx(follow))]


def done_message(year: int) -> str:
    return f"Opfølgningen for {year} er arkiveret som PDF og DOCX."


@task()
def archive_followup(plan_id: int, year: int, user_id: int | None = None) -> dict[str, Any]:
    """Render and keep the year's follow-up; `{"besked": …}` or `{"fejl": …}` in Danish."""
    plan = Plan.objects.get(pk=plan_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    follow = selectors.plan_followup(plan, year=year)
    try:
        rendered = run_bounded(_render_both, follow)
    except LimitExceeded as error:
        return {"fejl": f"Opfølgningen for {year} blev ikke arkiveret. {error.message}"}
    except WorkCrashed as error:
        log.error("archiving %s %s failed: %s", plan.slug, year, error.detail)
        return {
            "fejl": f"Opfølgningen for {year} blev ikke arkiveret på grund af en fejl i "
            "programmet. Prøv igen, eller kontakt support."
        }
    try:
        with transaction.atomic():
            for fmt, content in rendered:
                services.followup_document_archive(
                    plan=plan, year=year, format=fmt, content=content, generated_by=user
                )
    except DomainError as error:  # e.g. the year was closed while the documents rendered
        return {"fejl": " ".join(error.messages)}
    return {"besked": done_message(year)}
