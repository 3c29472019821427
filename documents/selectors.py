"""Reads for documents: which version of an agreement to render, a plan's attachments and
template, and the reminders a plan has today.

Every version is read through the revision history (`plans.revisions`): an earlier version
renders from its snapshot, the LBF package takes the version in force, and the 12-month
reminder counts from the last approval.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q
from django.utils import timezone

from documents.content import Stamp
from documents.models import Attachment, AttachmentKind, AttachmentVersion, WordTemplate
from documents.reminders import Reminder, SubagreementRecord, compute_reminders
from lib.errors import DomainError
from lib.text import fold
from plans import interchange as ix
from plans import revisions
from plans.models import (
    Agreement,
    AgreementKind,
    AgreementRevision,
    AgreementStatus,
    FocusArea,
    FundingPeriod,
    Plan,
    RevisionStatus,
)
from plans.period_now import period_now
from plans.selectors import plan_agreements


class VersionNotFound(DomainError):
    def __init__(self) -> None:
        super().__init__("Versionen findes ikke.")


@dataclass(frozen=True)
class DocumentSource:
    """What to render: the agreement's content at one version, its stamp, and extras."""

    agreement: ix.Agreement
    stamp: Stamp
    interplay: str | None = None
    # The status of each indicator a forandringsteori names (evaluation), for its figure.
    theory_statuses: dict[str, tuple[str, str]] | None = None


def approver_of(agreement: Agreement) -> str:
    """Who approves a version: LBF for the strategic agreement, the board for a delaftale."""
    return "Landsbyggefonden" if agreement.is_strategic else "bestyrelsen"


def source_of_version(agreement: Agreement, version: revisions.Version) -> DocumentSource:
    """A version (`plans.revisions.Version`) as something to render: its own snapshot, stamped
    with its number and, when approved, its approval date; otherwise "Kladde – ikke godkendt"."""
    plan = agreement.plan
    agreement_read = read_version(agreement, version.data)
    interplay = version.data.get("interplay")
    return DocumentSource(
        agreement=agreement_read,
        stamp=Stamp(
            plan_name=plan.name,
            version=version.number,
            approved_on=version.approved_on,
            approved_by=approver_of(agreement) if version.approved_on else "",
        ),
        interplay=interplay if isinstance(interplay, str) and interplay else None,
        theory_statuses=_theory_statuses(plan, version.data),
    )


def read_version(agreement: Agreement, data: dict[str, object]) -> ix.Agreement:
    """A version's snapshot read back as an interchange agreement, checked against the
    agreement's own funding period (`evaluation.services.funding_period_of`): an agreement of
    a period the plan has left keeps that period's indsatsområder, so its documents can be
    made after the move as before it. Raises InterchangeError."""
    from evaluation.services import funding_period_of

    period = funding_period_of(agreement)
    known = tuple(FocusArea.objects.filter(funding_period=period).values_list("name", flat=True))
    return ix.Agreement.from_dict(
        data, known_focus_areas=known, funding_period=period.code if period else None
    )


def _theory_statuses(plan: Plan, data: dict[str, object]) -> dict[str, tuple[str, str]] | None:
    """The follow-up's status of the indicators, when the version has a forandringsteori."""
    if not data.get("theory_of_change"):
        return None
    from evaluation.selectors import indicator_statuses

    return indicator_statuses(plan)


def agreement_source(agreement: Agreement, version: int | None = None) -> DocumentSource:
    """The content and stamp of `agreement` at `version` (None: the current working copy).

    Every version, the current one included, is read through `plans.revisions`, so a document
    says what that version said and is stamped as that version. Raises VersionNotFound.
    """
    number = agreement.version if version is None else version
    found = revisions.agreement_version(agreement, number) if number > 0 else None
    if found is None:
        raise VersionNotFound
    return source_of_version(agreement, found)


@dataclass(frozen=True)
class VersionChoice:
    number: int
    label: str
    is_current: bool


def version_choices(agreement: Agreement) -> list[VersionChoice]:
    """The versions one can download, newest first (`plans.revisions.version_labels`)."""
    return [
        VersionChoice(number, label, number == agreement.version)
        for number, label in revisions.version_labels(agreement)
    ]


def plan_template_bytes(plan: Plan) -> bytes | None:
    """The plan's own Word template, or None for the default."""
    template = WordTemplate.objects.filter(plan=plan).first()
    if template is None:
        return None
    with template.file.open("rb") as handle:
        data: bytes = handle.read()
    return data


@dataclass(frozen=True)
class RequiredAttachment:
    """One attachment a funding period requires, as its rules name it."""

    name: str
    kind: str | None  # the AttachmentKind it is uploaded as; None when there is none
    is_agreement: bool  # »Delaftale pr. indsatsområde«: the delaftaler, not an uploaded file


def required_attachments(period: FundingPeriod) -> list[RequiredAttachment]:
    """The attachments the plan's funding period requires (`FundingPeriod.required_attachments`).
    The one source for the documents page, the reminders, the package and the portfolio: a plan
    moved into a new period is asked for that period's, not the old one's, from the move's
    grant date (until then the period in force, `plans.period_now`, is the old one)."""
    kinds = {fold(str(k.label)): k.value for k in AttachmentKind}
    required = []
    for name in period.required_attachments or []:
        folded = fold(name)
        is_agreement = folded.startswith("delaftale")
        kind = None if is_agreement else kinds.get(folded)
        required.append(RequiredAttachment(name, kind, is_agreement))
    return required


def _required_kinds(plan: Plan, period: FundingPeriod | None = None) -> list[str]:
    kinds: list[str] = []
    for item in required_attachments(period or period_now(plan).period):
        if item.kind is not None and item.kind not in kinds:
            kinds.append(item.kind)
    return kinds


@dataclass
class AttachmentRow:
    kind: str
    label: str
    attachment: Attachment | None
    versions: list[AttachmentVersion]
    required: bool = True  # False: uploaded, but the plan's funding period does not require it

    @property
    def current(self) -> AttachmentVersion | None:
        return self.versions[0] if self.versions else None


def plan_attachments(plan: Plan, period: FundingPeriod | None = None) -> list[AttachmentRow]:
    """Every attachment the plan's funding period (or `period`: the one in force, for the
    package, `package_contents`) requires, uploaded or not, newest version first; then any
    other the plan has uploaded (not required now; kept). 2 queries."""
    attachments = {
        a.kind: a
        for a in Attachment.objects.filter(plan=plan).prefetch_related("versions__uploaded_by")
    }
    required = _required_kinds(plan, period)
    rows = []
    for kind in AttachmentKind:
        attachment = attachments.get(kind.value)
        if kind.value not in required and attachment is None:
            continue
        versions = list(attachment.versions.all()) if attachment else []
        if kind.value not in required and not versions:
            continue
        rows.append(
            AttachmentRow(
                str(kind.value), str(kind.label), attachment, versions, kind.value in required
            )
        )
    rows.sort(key=lambda r: (not r.required, required.index(r.kind) if r.required else 0))
    return rows


def attachment_version_of_plan(plan: Plan, version_id: int) -> AttachmentVersion | None:
    return (
        AttachmentVersion.objects.select_related("attachment")
        .filter(attachment__plan=plan, pk=version_id)
        .first()
    )


def last_revised_on(agreement: Agreement) -> dt.date:
    """When the agreement was last revised: the approval date of its last approved version, or
    the day it was created when no version has been approved. Saving a draft does not count."""
    approved = _last_approved_on(agreement)
    return approved or timezone.localdate(agreement.created_at)


def _last_approved_on(agreement: Agreement) -> dt.date | None:
    annotated: dt.date | None = getattr(agreement, "last_approved_on", None)
    if annotated is None and not hasattr(agreement, "last_approved_on"):
        annotated = (
            revisions.approved_revisions(agreement)
            .order_by("-approved_on")
            .values_list("approved_on", flat=True)
            .first()
        )
    # `Agreement.approved_on` stands in for agreements approved without a revision row
    # (loaded from a file as approved); it never goes back when a new draft starts.
    dates = [d for d in (annotated, agreement.approved_on) if d is not None]
    return max(dates) if dates else None


def overdue_followup_years(plan: Plan, today: dt.date) -> list[int]:
    """Years whose follow-up the board has not closed (asked of the followup app)."""
    from followup.selectors import overdue_followup_years as overdue

    return sorted(overdue(plan=plan, today=today))


def plan_reminders(plan: Plan, today: dt.date | None = None) -> list[Reminder]:
    """The plan's reminders today (a few queries: agreements, attachments, follow-up)."""
    today = today or timezone.localdate()
    subagreements = list(
        Agreement.objects.filter(plan=plan, kind=AgreementKind.SUB, is_current=True)
        .annotate(
            last_approved_on=Max(
                "revisions__approved_on", filter=Q(revisions__status=RevisionStatus.APPROVED)
            )
        )
        .select_related("focus_area")
        .order_by("focus_area__order", "id")
    )
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
            (item.kind or fold(item.name), item.name)
            for item in required_attachments(period_now(plan, today).period)
            if not item.is_agreement and (item.kind is None or item.kind not in present)
        ],
        overdue_followup_years=overdue_followup_years(plan, today),
    )


def decision_reminders(plan: Plan, user: Any) -> list[Reminder]:
    """What waits for this user in the board's decisions (the plan page only, not e-mailed):
    to a koordinator, each version the board sent back; to a board member, each version
    waiting for the board's approval. 2 queries at most."""
    from django.urls import reverse

    from plans import access

    edits, approves = access.can_edit_plan(user, plan), access.can_approve(user, plan)
    statuses = [
        s
        for s, wanted in ((AgreementStatus.DRAFT, edits), (AgreementStatus.SUBMITTED, approves))
        if wanted
    ]
    if not statuses:
        return []
    agreements = list(
        Agreement.objects.filter(plan=plan, is_current=True, status__in=statuses)
        .select_related("focus_area")
        .order_by("focus_area__order", "id")
    )
    drafts = [a for a in agreements if a.status == AgreementStatus.DRAFT]
    newest: dict[int, AgreementRevision] = {}
    if drafts:
        # the newest version sent of each draft (the agreement page's rule: `revisions.first`)
        for revision in AgreementRevision.objects.filter(agreement__in=drafts).order_by(
            "agreement", "-version", "-submitted_at"
        ):
            newest.setdefault(revision.agreement_id, revision)
    reminders = []
    for agreement in agreements:
        title = agreement.display_title
        if agreement.status == AgreementStatus.SUBMITTED:
            reminders.append(
                Reminder(
                    key=f"awaiting_board:{agreement.pk}",
                    kind="awaiting_board",
                    message=f"{title}: version {agreement.version} venter på bestyrelsens "
                    "godkendelse.",
                    agreement_id=agreement.pk,
                    url=reverse("agreement_decide", args=[agreement.pk]),
                )
            )
            continue
        sent = newest.get(agreement.pk)
        if (
            sent is not None
            and sent.status == RevisionStatus.RETURNED
            and sent.version == agreement.version
        ):
            note = f" »{sent.decision_note}«" if sent.decision_note else ""
            reminders.append(
                Reminder(
                    key=f"sent_back:{agreement.pk}",
                    kind="sent_back",
                    message=f"{title}: version {agreement.version} er sendt retur af "
                    f"bestyrelsen:{note}. Ret aftalen, og send den til godkendelse igen.",
                    agreement_id=agreement.pk,
                )
            )
    return reminders


def current_agreements(plan: Plan) -> list[Agreement]:
    """The plan's current agreements, the strategic agreement first (as LBF lists them)."""
    return sorted(plan_agreements(plan), key=lambda a: not a.is_strategic)


@dataclass(frozen=True)
class PackageContents:
    """What the LBF package holds: the period in force, its agreements and required
    attachments, and (after a move whose grant date has not come) the next period's
    agreements, listed apart and not enclosed."""

    period: FundingPeriod
    start: dt.date | None
    end: dt.date | None
    agreements: list[Agreement]
    attachments: list[AttachmentRow]
    next_period: FundingPeriod | None = None
    next_starts: str = ""  # »gælder fra 1. januar 2027, når den er godkendt«
    next_agreements: tuple[Agreement, ...] = ()


def package_contents(plan: Plan, today: dt.date | None = None) -> PackageContents:
    """The period in force today and what of it goes to LBF. Until the grant date of a move
    (`plans.transition.pending_move`) that is the period the plan has left: its agreements
    (closed, still in force, `still_in_force_until`) with that period's required attachments;
    the new period's drafts are listed apart. Otherwise the plan's own period."""
    from plans.transition import pending_move, starts_state

    move = pending_move(plan, today)
    if move is None:
        return PackageContents(
            period=plan.funding_period,
            start=plan.period_start,
            end=plan.period_end,
            agreements=current_agreements(plan),
            attachments=plan_attachments(plan),
        )
    in_force = sorted(
        Agreement.objects.filter(plan=plan, closed_period=move.from_period)
        .select_related("focus_area", "plan")
        .order_by("focus_area__order", "id"),
        key=lambda a: not a.is_strategic,
    )
    return PackageContents(
        period=move.from_period,
        start=move.previous_start,
        end=move.previous_end,
        agreements=in_force,
        attachments=plan_attachments(plan, move.from_period),
        next_period=plan.funding_period,
        next_starts=starts_state(move.grant_date, today),
        next_agreements=tuple(current_agreements(plan)),
    )
