"""Reads for documents: which version of an agreement to render, a plan's attachments and
template, and the reminders a plan has today.

Earlier versions come from the revision history (`plans.revisions`, built beside this app).
Until it is there, only the current version can be rendered and any other gives
`VersionNotFound` ("Versionen findes ikke").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from documents.content import Stamp
from documents.models import Attachment, AttachmentKind, AttachmentVersion, WordTemplate
from documents.reminders import Reminder, SubagreementRecord, compute_reminders
from lib.errors import DomainError
from plans import interchange as ix
from plans.models import Agreement, AgreementKind, AgreementStatus, FocusArea, Plan
from plans.selectors import agreement_to_interchange, plan_agreements


class VersionNotFound(DomainError):
    def __init__(self) -> None:
        super().__init__("Versionen findes ikke.")


@dataclass(frozen=True)
class DocumentSource:
    """What to render: the agreement's content at one version, its stamp, and extras."""

    agreement: ix.Agreement
    stamp: Stamp
    interplay: str | None = None


def _version_lookup() -> Any:
    """`plans.revisions.agreement_version(agreement, number)` when the revision history exists.

    Expected to return None for an unknown number, else an object with `number: int`,
    `data: dict` (the interchange JSON of that version) and `approved_on: date | None`.
    """
    try:
        from plans import revisions  # type: ignore[attr-defined]
    except ImportError:
        return None
    return getattr(revisions, "agreement_version", None)


def _approved_on_without_history(agreement: Agreement) -> dt.date | None:
    # Without the revision history the approval date is not recorded; an approved agreement
    # has not changed since its last save, so that date stands in for it.
    if agreement.status != AgreementStatus.APPROVED:
        return None
    return timezone.localdate(agreement.updated_at)


def agreement_source(agreement: Agreement, version: int | None = None) -> DocumentSource:
    """The content and stamp of `agreement` at `version` (None: the current version)."""
    plan = agreement.plan
    lookup = _version_lookup()
    if version is not None and version != agreement.version:
        snapshot = lookup(agreement, version) if lookup is not None and version > 0 else None
        if snapshot is None:
            raise VersionNotFound
        known = tuple(
            FocusArea.objects.filter(funding_period_id=plan.funding_period_id).values_list(
                "name", flat=True
            )
        )
        return DocumentSource(
            agreement=ix.Agreement.from_dict(snapshot.data, known_focus_areas=known),
            stamp=Stamp(
                plan_name=plan.name, version=snapshot.number, approved_on=snapshot.approved_on
            ),
        )
    chained = Agreement.objects.with_chain().select_related("plan").get(pk=agreement.pk)
    approved_on = _approved_on_without_history(chained)
    if lookup is not None:
        snapshot = lookup(chained, chained.version)
        approved_on = snapshot.approved_on if snapshot is not None else None
    return DocumentSource(
        agreement=agreement_to_interchange(chained),
        stamp=Stamp(plan_name=plan.name, version=chained.version, approved_on=approved_on),
        interplay=chained.interplay or None,
    )


def plan_template_bytes(plan: Plan) -> bytes | None:
    """The plan's own Word template, or None for the default."""
    template = WordTemplate.objects.filter(plan=plan).first()
    if template is None:
        return None
    with template.file.open("rb") as handle:
        data: bytes = handle.read()
    return data


@dataclass
class AttachmentRow:
    kind: str
    label: str
    attachment: Attachment | None
    versions: list[AttachmentVersion]

    @property
    def current(self) -> AttachmentVersion | None:
        return self.versions[0] if self.versions else None


def plan_attachments(plan: Plan) -> list[AttachmentRow]:
    """Every required attachment of the plan, uploaded or not, newest version first (2 queries)."""
    attachments = {
        a.kind: a
        for a in Attachment.objects.filter(plan=plan).prefetch_related("versions__uploaded_by")
    }
    rows = []
    for kind in AttachmentKind:
        attachment = attachments.get(kind.value)
        versions = list(attachment.versions.all()) if attachment else []
        rows.append(AttachmentRow(str(kind.value), str(kind.label), attachment, versions))
    return rows


def attachment_version_of_plan(plan: Plan, version_id: int) -> AttachmentVersion | None:
    return (
        AttachmentVersion.objects.select_related("attachment")
        .filter(attachment__plan=plan, pk=version_id)
        .first()
    )


def last_revised_on(agreement: Agreement) -> dt.date:
    """When the agreement was last revised: its approval date, or its last save without one."""
    lookup = _version_lookup()
    if lookup is not None:
        snapshot = lookup(agreement, agreement.version)
        if snapshot is not None and snapshot.approved_on is not None:
            approved: dt.date = snapshot.approved_on
            return approved
    return timezone.localdate(agreement.updated_at)


def overdue_followup_years(plan: Plan, today: dt.date) -> list[int]:
    """Years whose follow-up is overdue, asked of the followup app; none while it has no API.

    Expects `followup.selectors.overdue_followup_years(*, plan, today) -> list[int]`.
    """
    try:
        from followup import selectors as followup_selectors  # type: ignore[attr-defined]
    except ImportError:
        return []
    function = getattr(followup_selectors, "overdue_followup_years", None)
    if function is None:
        return []
    return sorted(int(year) for year in function(plan=plan, today=today))


def plan_reminders(plan: Plan, today: dt.date | None = None) -> list[Reminder]:
    """The plan's reminders today (a few queries: agreements, attachments, follow-up)."""
    today = today or timezone.localdate()
    subagreements = [
        a
        for a in Agreement.objects.filter(plan=plan, kind=AgreementKind.SUB, is_current=True)
        .select_related("focus_area")
        .order_by("focus_area__order", "id")
    ]
    present = set(
        Attachment.objects.filter(plan=plan, versions__isnull=False).values_list("kind", flat=True)
    )
    return compute_reminders(
        today=today,
        plan_end=plan.period_end,
        subagreements=[
            SubagreementRecord(a.pk, a.display_title, last_revised_on(a)) for a in subagreements
        ],
        missing_attachments=[
            (str(kind.value), str(kind.label))
            for kind in AttachmentKind
            if kind.value not in present
        ],
        overdue_followup_years=overdue_followup_years(plan, today),
    )


def current_agreements(plan: Plan) -> list[Agreement]:
    """The plan's current agreements, the strategic agreement first (as LBF lists them)."""
    return sorted(plan_agreements(plan), key=lambda a: not a.is_strategic)
