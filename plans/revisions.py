"""Revisions the board approves, the audit log, and safe concurrent editing (STYLE.md §7).

The agreement's rows are its working copy. Submitting it takes an immutable snapshot in the
interchange format (`AgreementRevision`); a board member approves it (date, meeting
reference) or returns it with a note; a strategic agreement also needs Landsbyggefonden's
approval before it is in force. Editing an approved agreement starts a draft of the next
version and needs a reason. Every change is written to `AuditEntry` in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from lib.danish import format_date, parse_date
from lib.errors import DomainError, echo
from lib.forms import PARAGRAPH, check_text_bounds
from lib.text import fold
from plans.diff import Change, agreement_diff
from plans.models import (
    Agreement,
    AgreementRevision,
    AgreementStatus,
    AuditEntry,
    RevisionStatus,
)
from plans.selectors import agreement_to_interchange

T = TypeVar("T")


class EditConflict(DomainError):
    """Someone else saved the agreement after this form was shown; nothing was saved."""

    def __init__(self, entries: list[AuditEntry]):
        lines = [
            f"{format_date(timezone.localtime(e.at).date())} kl. {timezone.localtime(e.at):%H:%M} ændrede {e.user_label or 'en anden'}: "
            f"{e.action}"
            for e in entries
        ]
        super().__init__(
            "Aftalen er blevet ændret af en anden, efter du åbnede siden, og din ændring er ikke "
            "gemt. Her er ændringen; genindlæs siden og prøv igen. " + " ".join(lines)
        )
        self.entries = entries


def _user_label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return user.get_full_name() or user.get_username()


def audit(
    *,
    agreement: Agreement | None,
    plan: Any = None,
    user: Any,
    action: str,
    reason: str = "",
    seq: int = 0,
) -> AuditEntry:
    """Write one audit entry (call inside the transaction that made the change).

    `plan` may be None only for a change across plans (a funding period, a role across
    plans); such entries are shown to administrators on the funding periods' page.
    """
    if plan is None and agreement is not None:
        plan = agreement.plan
    return AuditEntry.objects.create(
        plan=plan,
        agreement=agreement,
        agreement_label=agreement.display_title if agreement else "",
        user=user if getattr(user, "is_authenticated", False) else None,
        user_label=_user_label(user),
        at=timezone.now(),
        action=action[:300],
        reason=reason,
        seq=seq,
    )


# The plans whose writes are covered, in this context, by the one entry a caller writes (a
# recorded agreement change, a file load): the services it calls then write none of their own.
_COVERED: ContextVar[frozenset[int]] = ContextVar("audit_covered_plans", default=frozenset())


@contextmanager
def one_entry_for(plan_id: int) -> Iterator[None]:
    """Within this block, services writing to the plan leave the audit entry to the caller,
    which must write one (`change_agreement` and the loader do). Outside it every service
    writes its own entry through `audit_write`."""
    token = _COVERED.set(_COVERED.get() | {int(plan_id)})
    try:
        yield
    finally:
        _COVERED.reset(token)


def audit_write(
    *,
    plan: Any,
    user: Any,
    action: str,
    agreement: Agreement | None = None,
    reason: str = "",
) -> AuditEntry | None:
    """The audit entry of one service's write, unless a caller's entry covers it
    (`one_entry_for`); then None."""
    plan_id = plan.pk if plan is not None else None
    if plan_id is not None and plan_id in _COVERED.get():
        return None
    return audit(agreement=agreement, plan=plan, user=user, action=action, reason=reason)


def closed_message(agreement: Agreement) -> str:
    """Why an agreement of a funding period the plan has left cannot be changed, in Danish:
    the period is closed for changes, and in force until the move's grant date while that
    has not come (`transition.still_in_force_until`), else ended."""
    from plans import transition

    code = agreement.closed_period.code if agreement.closed_period else ""
    until = transition.still_in_force_until(agreement)
    if until is not None:
        last = format_date(until - dt.timedelta(days=1))
        return (
            f"Aftalen hører til bevillingsperioden {code}, som er lukket for ændringer, fordi "
            f"planen er flyttet til en ny periode pr. {format_date(until)}. Den gælder til "
            f"{last}; den kan læses, men ikke ændres."
        )
    return (
        f"Aftalen hører til bevillingsperioden {code}, som er afsluttet for planen. Den kan "
        "læses, men ikke ændres."
    )


def refuse_if_closed(agreement: Agreement) -> None:
    """An agreement of a funding period the plan has left (plans.transition) never changes."""
    if agreement.closed_period_id is not None:
        raise DomainError(closed_message(agreement))


def needs_reason(agreement: Agreement) -> bool:
    """An approved agreement (or one on its way to approval) changes only with a reason."""
    return agreement.status != AgreementStatus.DRAFT


def change_agreement(
    *,
    agreement: Agreement,
    user: Any,
    action: str,
    reason: str = "",
    seen_seq: int | None = None,
    change: Callable[[], T],
    start_version: bool = False,
) -> T:
    """Run `change` (a service call) as one recorded change of the agreement.

    `start_version`: an approved agreement starts its next version even when the change
    itself leaves its meaning as it was (a decision to revise it, such as a seminar's).

    Refuses, changing nothing, when someone saved since the form showed `seen_seq`, when an
    approved agreement is changed without a reason, or while the board is deciding on it.
    An approved agreement becomes the draft of its next version.
    """
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        refuse_if_closed(locked)
        if seen_seq is not None and locked.edit_seq != seen_seq:
            raise EditConflict(
                list(AuditEntry.objects.filter(agreement=locked, seq__gt=seen_seq).order_by("at"))
            )
        if locked.status in (AgreementStatus.SUBMITTED, AgreementStatus.AWAITING_LBF):
            raise DomainError(
                "Aftalen ligger til godkendelse og kan ikke ændres nu. Bestyrelsen kan sende den "
                "retur, hvis den skal rettes."
            )
        if needs_reason(locked) and not reason.strip():
            raise DomainError(
                "Aftalen er godkendt. Skriv en begrundelse for ændringen; den kommer i "
                "ændringsloggen.",
                argument="reason",
            )
        before = _snapshot(locked) if locked.status == AgreementStatus.APPROVED else None
        with one_entry_for(locked.plan_id):
            result = change()
        fields = ["edit_seq", "updated_at"]
        # A save that leaves the approved text meaning the same (a figure retyped »79,2« for
        # »79,2 %«, a form saved unchanged) is kept and logged, but starts no new version.
        if before is not None and (
            start_version or _meaning(before) != _meaning(_snapshot(locked))
        ):
            locked.status = AgreementStatus.DRAFT
            locked.version += 1
            fields += ["status", "version"]
        locked.edit_seq += 1
        locked.save(update_fields=fields)
        audit(agreement=locked, user=user, action=action, reason=reason, seq=locked.edit_seq)
        agreement.edit_seq, agreement.status, agreement.version = (
            locked.edit_seq,
            locked.status,
            locked.version,
        )
    return result


_FORMATTING = re.compile(r"[\s%.,:;()/\-–]+")


def _figure_text(text: Any) -> str:
    """A figure's words without the typing around its numbers (spaces, »%«, punctuation)."""
    return _FORMATTING.sub("", fold(str(text or "")))


def _meaning(snapshot: dict[str, Any]) -> Any:
    """`snapshot` with each figure's and staff line's text reduced to what it says, so two
    versions compare by their numbers and words, not by how they were typed."""

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    data = walk(snapshot)
    for goal in data.get("goals") or []:
        for indicator in goal.get("indicators") or []:
            for measure in (indicator.get("baselines") or []) + (
                indicator.get("comparators") or []
            ):
                measure["text"] = _figure_text(measure.get("text"))
    for line in data.get("staff") or []:
        line["text"] = _figure_text(line.get("text"))
    return data


def _snapshot(agreement: Agreement) -> dict[str, Any]:
    full = Agreement.objects.with_chain().get(pk=agreement.pk)
    data = agreement_to_interchange(full).to_dict()
    if full.interplay:
        data["interplay"] = full.interplay
    # Which delmål each activity serves (Activity.linked_goals): not in the interchange
    # format, but part of the version, so a draft that relinks an activity is a new version
    # and the version in force keeps its own links (evaluation.selectors reads them).
    data["activity_goals"] = [
        {"name": a.name, "goals": [g.text for g in a.linked_goals.all()]}
        for a in full.activities.all()
        if a.linked_goals.all()
    ]
    # The plan organisation each party is linked to (who reads the delaftale: plans.access):
    # part of the version too, so a party linked anew is a change, not »unchanged«. Not the
    # interchange's `party_organisations` (a reviewer's choices for saving), so a version
    # read back or exported is the agreement as written.
    data["party_links"] = _party_links(full)
    return data


def _party_links(agreement: Agreement) -> list[str | None]:
    """The name of the organisation each of the agreement's parties is linked to, in the
    parties' order (None for one linked to none). One query, none without parties."""
    if not agreement.parties.all():
        return []
    return list(agreement.parties.values_list("organisation__name", flat=True))


# ---------------------------------------------------------------------------------------
# Dates of the approval flow: one rule, every interface (form, API, command line) calls it.


DATE_EXAMPLE = "Skriv fx 1. september 2021 eller 01.09.2021."


def missing_date(what: str) -> str:
    """The message for an empty date (forms mark the field required with these words)."""
    return f"{what} mangler. {DATE_EXAMPLE}"


def read_date(value: dt.date | str | None, *, what: str, argument: str = "") -> dt.date:
    """A date given as a date or as Danish text; DomainError in Danish when empty or unreadable
    (naming `argument`, the service argument it came in)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = (value or "").strip()
    if not text:
        raise DomainError(missing_date(what), argument=argument)
    date = parse_date(text)
    if date is None:
        raise DomainError(f"»{echo(text)}« er ikke en dato. {DATE_EXAMPLE}", argument=argument)
    return date


def _sent_at(day: dt.date) -> dt.datetime:
    """`submitted_at` for a version sent on `day`: now when today, else noon that day."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _previous_approval(
    agreement: Agreement, *, before_version: int | None = None
) -> dt.date | None:
    """The approval date of the newest approved version older than `before_version`."""
    qs = AgreementRevision.objects.filter(agreement=agreement, status=RevisionStatus.APPROVED)
    if before_version is not None:
        qs = qs.filter(version__lt=before_version)
    latest = qs.order_by("-version").first()
    return latest.approved_on if latest else None


def check_approval_date(
    day: dt.date,
    *,
    revision: AgreementRevision,
    what: str,
    not_before: dt.date | None = None,
    argument: str = "",
) -> None:
    """An approval of `revision` on `day` makes sense: not in the future, not before the
    version was sent, not before the previous version's approval (nor `not_before`).
    DomainError names `argument`, so a form shows it at its date field."""
    label = format_date(day)
    if day > timezone.localdate():
        raise DomainError(f"{what} ({label}) kan ikke ligge i fremtiden.", argument=argument)
    sent = timezone.localdate(revision.submitted_at)
    if day < sent:
        raise DomainError(
            f"{what} ({label}) ligger før version {revision.version} blev sendt til godkendelse "
            f"({format_date(sent)}). Skriv datoen for den godkendelse, der gælder denne version.",
            argument=argument,
        )
    previous = _previous_approval(revision.agreement, before_version=revision.version)
    if previous is not None and day < previous:
        raise DomainError(
            f"{what} ({label}) ligger før den forrige version blev godkendt "
            f"({format_date(previous)}).",
            argument=argument,
        )
    if not_before is not None and day < not_before:
        raise DomainError(
            f"{what} ({label}) ligger før bestyrelsens godkendelse ({format_date(not_before)}). "
            "Landsbyggefonden kan ikke have godkendt før bestyrelsen.",
            argument=argument,
        )


@transaction.atomic
def agreement_submit(
    *,
    agreement: Agreement,
    user: Any,
    reason: str = "",
    sent_on: dt.date | str | None = None,
) -> AgreementRevision:
    """The koordinator sends the draft to the board: a snapshot is taken now.

    `sent_on` is the day it was sent (today unless a loader records history); every later
    approval of this version is checked against it.
    """
    check_text_bounds(reason=(reason, PARAGRAPH))
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    refuse_if_closed(locked)
    if locked.status != AgreementStatus.DRAFT:
        raise DomainError("Kun en kladde kan sendes til godkendelse.")
    today = timezone.localdate()
    sent = today if sent_on is None else read_date(sent_on, what="Datoen, den blev sendt")
    if sent > today:
        raise DomainError("Datoen, versionen blev sendt, kan ikke ligge i fremtiden.")
    previous = _previous_approval(locked)
    if previous is not None and sent < previous:
        raise DomainError(
            f"Versionen kan ikke være sendt før den forrige version blev godkendt "
            f"({format_date(previous)})."
        )
    revision = AgreementRevision.objects.create(
        agreement=locked,
        version=locked.version,
        snapshot=_snapshot(locked),
        status=RevisionStatus.SUBMITTED,
        reason=reason,
        submitted_by=user if getattr(user, "is_authenticated", False) else None,
        submitted_at=_sent_at(sent),
    )
    locked.status = AgreementStatus.SUBMITTED
    locked.edit_seq += 1
    locked.save(update_fields=["status", "edit_seq", "updated_at"])
    audit(
        agreement=locked,
        user=user,
        action=f"Version {locked.version} sendt til bestyrelsen",
        reason=reason,
        seq=locked.edit_seq,
    )
    return revision


def _pending(agreement: Agreement, status: str) -> AgreementRevision:
    revision = (
        AgreementRevision.objects.select_for_update()
        .filter(agreement=agreement, status=status)
        .order_by("-submitted_at")
        .first()
    )
    if revision is None:
        raise DomainError("Der er ingen version, der venter på den beslutning.")
    return revision


OWN_APPROVAL = (
    "Du har selv sendt denne version til godkendelse, så du kan ikke også godkende den. "
    "Et andet medlem af bestyrelsen må godkende den."
)


def _refuse_own_approval(revision: AgreementRevision, user: Any) -> None:
    """Four eyes: the person who sent a version to the board never approves it too (one
    person may hold both roles in a small plan; the approval still needs someone else)."""
    if revision.submitted_by_id is not None and revision.submitted_by_id == getattr(
        user, "pk", None
    ):
        raise DomainError(OWN_APPROVAL)


@transaction.atomic
def agreement_approve(
    *,
    agreement: Agreement,
    user: Any,
    meeting_date: dt.date | str | None,
    meeting_reference: str = "",
    note: str = "",
) -> AgreementRevision:
    """A board member approves the submitted version. A delaftale is then in force; a
    strategic agreement waits for Landsbyggefonden. The meeting date is checked by
    `check_approval_date`; `meeting_date` may be Danish text (the API and the CLI pass it)."""
    check_text_bounds(meeting_reference=(meeting_reference, 300), note=(note, PARAGRAPH))
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status != AgreementStatus.SUBMITTED:
        raise DomainError("Aftalen venter ikke på bestyrelsens godkendelse.")
    meeting_date = read_date(meeting_date, what="Mødedatoen", argument="meeting_date")
    revision = _pending(locked, RevisionStatus.SUBMITTED)
    _refuse_own_approval(revision, user)
    check_approval_date(
        meeting_date, revision=revision, what="Bestyrelsens mødedato", argument="meeting_date"
    )
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.meeting_date = meeting_date
    revision.meeting_reference = meeting_reference
    revision.decision_note = note
    if locked.is_strategic:
        revision.status = RevisionStatus.AWAITING_LBF
        locked.status = AgreementStatus.AWAITING_LBF
        action = f"Version {revision.version} godkendt af bestyrelsen; afventer Landsbyggefonden"
    else:
        revision.status = RevisionStatus.APPROVED
        revision.approved_on = meeting_date
        locked.status = AgreementStatus.APPROVED
        locked.approved_on = meeting_date
        action = f"Version {revision.version} godkendt af bestyrelsen"
    revision.full_clean()
    revision.save()
    locked.edit_seq += 1
    locked.save(update_fields=["status", "approved_on", "edit_seq", "updated_at"])
    audit(agreement=locked, user=user, action=action, reason=note, seq=locked.edit_seq)
    return revision


@transaction.atomic
def agreement_record_lbf_approval(
    *, agreement: Agreement, user: Any, approved_on: dt.date | str | None, reference: str = ""
) -> AgreementRevision:
    """Landsbyggefonden has approved the board-approved strategic agreement."""
    check_text_bounds(reference=(reference, 300))
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status != AgreementStatus.AWAITING_LBF:
        raise DomainError("Aftalen venter ikke på Landsbyggefondens godkendelse.")
    approved_on = read_date(
        approved_on, what="Landsbyggefondens godkendelsesdato", argument="approved_on"
    )
    revision = _pending(locked, RevisionStatus.AWAITING_LBF)
    check_approval_date(
        approved_on,
        revision=revision,
        what="Landsbyggefondens godkendelsesdato",
        not_before=revision.meeting_date,
        argument="approved_on",
    )
    revision.status = RevisionStatus.APPROVED
    revision.lbf_approved_on = approved_on
    revision.lbf_reference = reference
    revision.approved_on = approved_on
    revision.full_clean()
    revision.save()
    locked.status = AgreementStatus.APPROVED
    locked.approved_on = approved_on
    locked.edit_seq += 1
    locked.save(update_fields=["status", "approved_on", "edit_seq", "updated_at"])
    audit(
        agreement=locked,
        user=user,
        action=f"Version {revision.version} godkendt af Landsbyggefonden",
        reason=reference,
        seq=locked.edit_seq,
    )
    return revision


@transaction.atomic
def agreement_return(*, agreement: Agreement, user: Any, note: str) -> AgreementRevision:
    """A board member sends the submitted version back to the koordinator with a note."""
    check_text_bounds(note=(note, PARAGRAPH))
    if not note.strip():
        raise DomainError("Skriv en bemærkning til koordinatoren om, hvad der skal rettes.")
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status not in (AgreementStatus.SUBMITTED, AgreementStatus.AWAITING_LBF):
        raise DomainError("Aftalen ligger ikke til godkendelse.")
    revision = _pending(
        locked,
        RevisionStatus.SUBMITTED
        if locked.status == AgreementStatus.SUBMITTED
        else RevisionStatus.AWAITING_LBF,
    )
    revision.status = RevisionStatus.RETURNED
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.decision_note = note
    revision.save()
    locked.status = AgreementStatus.DRAFT
    locked.edit_seq += 1
    locked.save(update_fields=["status", "edit_seq", "updated_at"])
    audit(
        agreement=locked,
        user=user,
        action=f"Version {revision.version} sendt retur",
        reason=note,
        seq=locked.edit_seq,
    )
    return revision


# ---------------------------------------------------------------------------------------
# Reading versions


@dataclass(frozen=True)
class Version:
    """One version of an agreement as the documents and the diff see it."""

    number: int
    data: dict[str, Any]
    approved_on: dt.date | None
    status: str
    label: str
    revision: AgreementRevision | None = None


def approved_revisions(agreement: Agreement) -> QuerySet[AgreementRevision]:
    return AgreementRevision.objects.filter(
        agreement=agreement, status=RevisionStatus.APPROVED
    ).order_by("version")


def _approved_label(number: int, approved_on: dt.date | None) -> str:
    return (
        f"Version {number} (godkendt {format_date(approved_on)})"
        if approved_on
        else f"Version {number}"
    )


def _working_label(agreement: Agreement) -> str:
    return f"Version {agreement.version} ({AgreementStatus(agreement.status).label})"


def working_copy(agreement: Agreement) -> Version:
    status = AgreementStatus(agreement.status)
    return Version(
        number=agreement.version,
        data=_snapshot(agreement),
        approved_on=agreement.approved_on if status == AgreementStatus.APPROVED else None,
        status=agreement.status,
        label=_working_label(agreement),
    )


def agreement_version(agreement: Agreement, number: int) -> Version | None:
    """Version `number`: its approved snapshot, else the working copy if that is the one
    being edited or decided on, else the latest submitted snapshot of it; None if unknown."""
    revision = approved_revisions(agreement).filter(version=number).first()
    if revision is not None and not (
        number == agreement.version and agreement.status != AgreementStatus.APPROVED
    ):
        return Version(
            number=number,
            data=revision.snapshot,
            approved_on=revision.approved_on,
            status=revision.status,
            label=_approved_label(number, revision.approved_on),
            revision=revision,
        )
    if number == agreement.version:
        return working_copy(agreement)
    submitted = (
        AgreementRevision.objects.filter(agreement=agreement, version=number)
        .order_by("-submitted_at")
        .first()
    )
    if submitted is None:
        return None
    return Version(
        number=number,
        data=submitted.snapshot,
        approved_on=None,
        status=submitted.status,
        label=f"Version {number} ({submitted.get_status_display()})",
        revision=submitted,
    )


def agreement_versions(agreement: Agreement) -> list[Version]:
    """Every version number from 1 to the working copy that has a snapshot or is current."""
    numbers = sorted(
        set(AgreementRevision.objects.filter(agreement=agreement).values_list("version", flat=True))
        | {agreement.version}
    )
    return [v for n in numbers if (v := agreement_version(agreement, n)) is not None]


def version_labels(agreement: Agreement) -> list[tuple[int, str]]:
    """(number, label) of every version, newest first, labelled as `agreement_version` labels
    them, in one query and without building any snapshot (for pickers and lists)."""
    latest: dict[int, AgreementRevision] = {}
    approved: dict[int, AgreementRevision] = {}
    for row in AgreementRevision.objects.filter(agreement=agreement).order_by(
        "version", "submitted_at"
    ):
        latest[row.version] = row
        if row.status == RevisionStatus.APPROVED:
            approved[row.version] = row
    current = agreement.version
    labels = []
    for number in sorted(set(latest) | {current}, reverse=True):
        editing = number == current and agreement.status != AgreementStatus.APPROVED
        if number in approved and not editing:
            label = _approved_label(number, approved[number].approved_on)
        elif number == current:
            label = _working_label(agreement)
        else:
            label = f"Version {number} ({latest[number].get_status_display()})"
        labels.append((number, label))
    return labels


def approved_version(agreement: Agreement) -> Version | None:
    """The version in force: the latest approved one (None when none was ever approved).

    A draft of a newer version does not replace it until the draft is approved.
    """
    if agreement.status == AgreementStatus.APPROVED:
        return agreement_version(agreement, agreement.version)
    latest = approved_revisions(agreement).order_by("-version").first()
    return agreement_version(agreement, latest.version) if latest else None


def visible_data(user: Any, agreement: Agreement) -> dict[str, Any]:
    """The agreement in the interchange format as this user may read it: the working copy,
    or the version in force for those who do not read drafts (`access.visible_version_number`).
    """
    from plans import access

    if access.sees_working_copy(user, agreement):
        full = Agreement.objects.with_chain().get(pk=agreement.pk)
        return agreement_to_interchange(full).to_dict()
    number = access.visible_version_number(user, agreement)
    version = agreement_version(agreement, number) if number else None
    if version is None:
        raise access.NotFound
    return dict(version.data)


def agreement_as_of(agreement: Agreement, date: dt.date) -> Version | None:
    """The version in force on `date`: the last one approved on or before it."""
    revision = (
        approved_revisions(agreement)
        .filter(approved_on__lte=date)
        .order_by("-approved_on", "-version")
        .first()
    )
    return agreement_version(agreement, revision.version) if revision else None


def compare(agreement: Agreement, old_number: int, new_number: int) -> list[Change]:
    old, new = agreement_version(agreement, old_number), agreement_version(agreement, new_number)
    if old is None or new is None:
        raise DomainError("Versionen findes ikke.")
    return agreement_diff(old.data, new.data)
