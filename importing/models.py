"""One import of one uploaded document: the file waits here while it is read, then the reading
waits for a person to review and confirm it. Nothing reaches the agreement tables before that.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A read that has not reported for this long died with its process (a restart, a crash).
STALE_AFTER = dt.timedelta(minutes=15)


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("venter")
    READING = "reading", _("læses")
    READY = "ready", _("klar til gennemsyn")
    FAILED = "failed", _("kunne ikke læses")
    SAVED = "saved", _("gemt")
    CANCELLED = "cancelled", _("annulleret")


# sniff.detect's kinds as the review page names them
FORMAT_NAMES = {
    "docx": "Word-dokument",
    "odt": "OpenDocument-tekst",
    "pdf": "PDF",
    "text": "tekst",
    "html": "HTML",
    "doc": "ældre Word-dokument (.doc)",
    "rtf": "RTF-dokument",
    "image": "billede (tekstgenkendelse)",
}


class ImportJob(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("plan")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    filename = models.CharField(_("filnavn"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.CharField(_("fremdrift"), max_length=300, blank=True)
    # the background task that reads the upload (importing.tasks.read_import)
    task_id = models.CharField(_("opgave"), max_length=64, blank=True, editable=False)
    # the uploaded bytes, kept only until the reading has finished (then emptied)
    upload = models.BinaryField(_("fil"), null=True, blank=True, editable=False)
    format = models.CharField(_("format"), max_length=20, blank=True)
    result = models.JSONField(_("læsning"), null=True, blank=True)
    # Which part of the reading each warning concerns ("parties", "goals.0.indicators.1"),
    # as `plans.interchange.Agreement.warning_fields`: the review page shows them there.
    warning_fields = models.JSONField(_("advarsler pr. felt"), default=dict, blank=True)
    source_text = models.TextField(_("kildetekst"), blank=True)
    error = models.TextField(_("fejl"), blank=True)
    seconds = models.FloatField(_("sekunder"), null=True, blank=True)
    agreement = models.ForeignKey(
        "plans.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemt som aftale"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ImportStatus.READY) | models.Q(result__isnull=False),
                name="importjob_ready_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def format_name(self) -> str:
        """The format the document was read as, in Danish words (»Word-dokument«, »PDF«)."""
        return FORMAT_NAMES.get(self.format, self.format) or "dokument"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.READING)

    @property
    def is_stale(self) -> bool:
        return self.is_running and timezone.now() - self.updated_at > STALE_AFTER
