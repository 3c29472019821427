"""Writes for documents (STYLE.md §1): named, typed, keyword-only, in one transaction each."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse

from documents.models import (
    Attachment,
    AttachmentKind,
    AttachmentStatus,
    AttachmentVersion,
    ReminderDelivery,
    WordTemplate,
)
from documents.render import validate_template
from documents.selectors import plan_reminders
from lib.errors import DomainError
from lib.uploads import check_upload
from plans.access import reminder_recipients
from plans.models import Plan
from plans.revisions import audit


def attachment_upload(
    *, plan: Plan, kind: str, data: bytes, filename: str, user: Any = None, note: str = ""
) -> AttachmentVersion:
    """Add a new version of a required attachment; the attachment goes back to draft.

    Raises DomainError when the file is too large or its content is not what its name says.
    """
    if kind not in AttachmentKind.values:
        raise DomainError("Ukendt bilagstype.")
    file_type = check_upload(data, filename)
    with transaction.atomic():
        attachment, _ = Attachment.objects.select_for_update().get_or_create(plan=plan, kind=kind)
        number = (attachment.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = AttachmentVersion(
            attachment=attachment,
            number=number,
            filename=filename[-200:],
            file_type=file_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            note=note[:300],
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        version.file.save(_safe_name(filename), ContentFile(data), save=False)
        version.full_clean()
        version.save()
        attachment.status = AttachmentStatus.DRAFT
        attachment.save(update_fields=["status", "updated_at"])
        audit(
            agreement=None,
            plan=plan,
            user=user,
            action=(
                f"Bilag uploadet: {attachment} version {number} »{version.filename}« "
                f"({version.sha256[:12]})"
            ),
            reason=note,
        )
    return version


def attachment_set_status(
    *, attachment: Attachment, status: str, by: Any = None, reason: str = ""
) -> Attachment:
    if status not in AttachmentStatus.values:
        raise DomainError("Ukendt status.")
    if not attachment.versions.exists():
        raise DomainError("Bilaget har ingen fil endnu; upload den først.")
    with transaction.atomic():
        before = AttachmentStatus(attachment.status).label
        attachment.status = status
        attachment.full_clean()
        attachment.save(update_fields=["status", "updated_at"])
        audit(
            agreement=None,
            plan=attachment.plan,
            user=by,
            action=(
                f"Status for bilaget {attachment} ændret: {before} → "
                f"{AttachmentStatus(status).label}"
            ),
            reason=reason,
        )
    return attachment


def word_template_save(*, plan: Plan, data: bytes, filename: str, user: Any = None) -> WordTemplate:
    """Replace the plan's Word template after rendering a sample with it; nothing is saved
    when it fails (TemplateError or DomainError with a Danish message)."""
    check_upload(data, filename, allowed=("docx",))
    validate_template(data)
    with transaction.atomic():
        previous = WordTemplate.objects.select_for_update().filter(plan=plan).first()
        if previous is not None:
            previous.file.delete(save=False)
            previous.delete()
        template = WordTemplate(
            plan=plan,
            filename=filename[-200:],
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        template.file.save(_safe_name(filename), ContentFile(data), save=False)
        template.save()
        audit(
            agreement=None,
            plan=plan,
            user=user,
            action=(
                f"Word-skabelon uploadet: »{template.filename}« "
                f"({hashlib.sha256(data).hexdigest()[:12]})"
            ),
        )
    return template


def word_template_delete(*, plan: Plan, by: Any = None) -> None:
    """Go back to the default template."""
    with transaction.atomic():
        for template in WordTemplate.objects.select_for_update().filter(plan=plan):
            audit(
                agreement=None,
                plan=plan,
                user=by,
                action=(
                    f"Word-skabelonen »{template.filename}« fjernet; "
                    "planen bruger standardskabelonen"
                ),
            )
            template.file.delete(save=False)
            template.delete()


def reminders_send(*, plan: Plan, today: dt.date | None = None) -> int:
    """E-mail the plan's reminders to its koordinatorer and board, each at most once per person.

    Returns the number of e-mails sent. A person gets one e-mail with every reminder that is
    new to them; the delivery rows are written in the same transaction as the sending.
    """
    reminders = plan_reminders(plan, today)
    if not reminders:
        return 0
    sent = 0
    url = reverse("plan_detail", args=[plan.slug])
    for user in reminder_recipients(plan):
        if not user.email:
            continue
        already = set(
            ReminderDelivery.objects.filter(user=user, plan=plan).values_list("key", flat=True)
        )
        new = [r for r in reminders if r.key not in already]
        if not new:
            continue
        with transaction.atomic():
            try:
                for reminder in new:
                    ReminderDelivery.objects.create(
                        user=user, plan=plan, key=reminder.key, message=reminder.message
                    )
            except IntegrityError:  # another run got there first: it sends instead
                continue
            lines = "\n".join(f"- {r.message}" for r in new)
            send_mail(
                subject=f"Påmindelse: {plan.name}",
                message=(
                    f"Kære {user.get_full_name() or user.username}\n\n"
                    f"Der er nye påmindelser for helhedsplanen {plan.name}:\n\n{lines}\n\n"
                    f"Se planen: {url}\n"
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[user.email],
            )
            audit(
                agreement=None,
                plan=plan,
                user=None,
                action=(
                    f"Påmindelse sendt til {user.get_username()} ({len(new)} "
                    f"{'punkt' if len(new) == 1 else 'punkter'})"
                ),
            )
        sent += 1
    return sent


def _safe_name(filename: str) -> str:
    from django.utils.text import get_valid_filename

    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        return get_valid_filename(name)[-120:]
    except Exception:
        return "fil"
