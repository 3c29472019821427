"""Documents of a plan: required attachments with versions, the plan's own Word template, and
a record of which reminder e-mails went to whom (so each goes out once per person)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AttachmentKind(models.TextChoices):
    """The attachments LBF requires with the strategic agreement (DOMAIN.md, "Obligations")."""

    BUDGET = "budget", _("Budget")
    CONTINGENCY_PLAN = "beredskabsplan", _("Beredskabsplan")
    MILESTONE_PLAN = "milepaelsplan", _("Milepælsplan")
    BOARD_TERMS = "kommissorium", _("Kommissorium for bestyrelsen")
    ORGANISATION_CHART = "organisationsdiagram", _("Organisationsdiagram")
    HOUSING_DATA = "boligsociale_data", _("Bilag med Boligsociale Data")
    REPORTING_FORM = "indberetningsskema", _("Indberetningsskema")


class AttachmentStatus(models.TextChoices):
    DRAFT = "draft", _("under udarbejdelse")
    APPROVED = "approved", _("godkendt af bestyrelsen")
    SUBMITTED = "submitted", _("sendt til Landsbyggefonden")


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    ODT = "odt", "OpenDocument-tekst (ODT)"
    ODS = "ods", "OpenDocument-regneark (ODS)"
    PNG = "png", "PNG-billede"
    JPEG = "jpeg", "JPEG-billede"


class Attachment(models.Model):
    """One required attachment of a plan; its files are the versions."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("bilag"), max_length=30, choices=AttachmentKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=AttachmentStatus.choices, default=AttachmentStatus.DRAFT
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["plan", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"], name="attachment_one_per_kind_per_plan"
            )
        ]

    def __str__(self) -> str:
        return str(AttachmentKind(self.kind).label)


def _attachment_path(instance: AttachmentVersion, filename: str) -> str:
    attachment = instance.attachment
    return f"planer/{attachment.plan_id}/bilag/{attachment.kind}/v{instance.number}-{filename}"


class AttachmentVersion(models.Model):
    """One uploaded file of an attachment; the highest number is the current one."""

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    filename = models.CharField(_("filnavn"), max_length=200)
    file_type = models.CharField(_("filtype"), max_length=10, choices=FileType.choices)
    size = models.PositiveIntegerField(_("størrelse (bytes)"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bilagsversion")
        verbose_name_plural = _("bilagsversioner")
        ordering = ["attachment", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["attachment", "number"], name="attachmentversion_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(size__gte=1), name="attachmentversion_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attachment} v{self.number}"


def _template_path(instance: WordTemplate, filename: str) -> str:
    return f"planer/{instance.plan_id}/skabelon/{filename}"


class WordTemplate(models.Model):
    """A plan's own Word template (docxtpl); without one the default template is used."""

    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="word_template"
    )
    file = models.FileField(upload_to=_template_path, max_length=300)
    filename = models.CharField(_("filnavn"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Word-skabelon")
        verbose_name_plural = _("Word-skabeloner")

    def __str__(self) -> str:
        return self.filename


class ReminderDelivery(models.Model):
    """A reminder e-mailed to a person; the unique key keeps it to once per reminder and person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    key = models.CharField(max_length=200)
    message = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sendt påmindelse")
        verbose_name_plural = _("sendte påmindelser")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "plan", "key"], name="reminderdelivery_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.user}"
