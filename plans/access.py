"""Every authorisation decision, in one module (STYLE.md §4).

Views, the API and the CLI ask here and nowhere else. A plan or agreement the user may not
see raises `NotFound`, exactly as a missing one does, so an outsider learns nothing of it.

Roles (accounts.models.Role):
- koordinator: reads and edits everything of their plan.
- bestyrelse: reads everything of their plan; approves revisions.
- partner: reads their plan's overview, the delaftaler their organisation is party to (a
  party linked to it, or to an organisation whose name names it: `plans.parties`) and the
  strategic agreement (each delaftale is an annex to it).
- LBF consultant: reads every plan.
- kommune: reads every plan whose municipality is the membership's (`Plan.municipality`,
  compared by `municipality_key`: case and spacing do not matter), as LBF reads all; of another municipality's plans it sees nothing.
- administrator: reads and edits every plan, and manages plans and accounts.

Drafts (`can_see_drafts`, `version_rights`, `visible_version_number`; the LBF package too): the plan's koordinatorer, its board and
administrators read the working copy of every agreement, drafts included. Partners and LBF
read the version in force (the latest approved); an agreement never approved is hidden from
them. A kommune user reads drafts as LBF does (the version in force only). LBF also reads a strategic agreement that waits for LBF's own approval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from accounts.models import Membership, Role

if TYPE_CHECKING:
    from plans.models import Agreement, Plan


class NotFound(Exception):
    """The object does not exist, or this user may not know that it does."""


class AgreementClosed(NotFound):
    """A change asked of an agreement of a funding period the plan has left, by someone who
    may edit the plan (and so read the agreement): the agreement's page explains it
    (`lib.views.not_found_as_404` redirects there), for a bookmark or a reminder's link."""

    def __init__(self, agreement: Agreement):
        super().__init__(agreement.pk)
        self.agreement = agreement


def _authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _memberships(user: Any) -> list[Membership]:
    """The user's memberships, fetched once per user object (one query)."""
    cached = getattr(user, "_helhedsplan_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user))
        user._helhedsplan_memberships = cached
    return cached


def is_admin(user: Any) -> bool:
    if not _authenticated(user):
        return False
    return user.is_superuser or any(m.role == Role.ADMIN for m in _memberships(user))


def is_lbf(user: Any) -> bool:
    return _authenticated(user) and any(m.role == Role.LBF for m in _memberships(user))


def municipality_key(name: str | None) -> str:
    """One municipality however it is typed: »Åbyhavn  kommune« and »Åbyhavn Kommune« are
    the same. The one comparison of municipalities (access, the portfolio's filter)."""
    return " ".join((name or "").split()).casefold()


def municipalities_of(user: Any) -> set[str]:
    """The municipalities whose plans a kommune user reads, as `municipality_key`s."""
    if not _authenticated(user):
        return set()
    return {municipality_key(m.municipality) for m in _memberships(user) if m.role == Role.KOMMUNE}


def is_kommune(user: Any) -> bool:
    return bool(municipalities_of(user))


def _holds_for(m: Membership, plan: Plan) -> bool:
    if m.role == Role.KOMMUNE:
        key = municipality_key(plan.municipality)
        return bool(key) and municipality_key(m.municipality) == key
    return m.plan_id in (None, plan.pk)


def roles_in_plan(user: Any, plan: Plan) -> set[str]:
    """The roles the user holds for this plan, global roles included."""
    if not _authenticated(user):
        return set()
    roles = {m.role for m in _memberships(user) if _holds_for(m, plan)}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    return roles


def reads_every_plan(user: Any) -> bool:
    """LBF and administrators read every plan (no query after the first access check)."""
    return is_admin(user) or is_lbf(user)


def plans_visible_to(user: Any, queryset: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    from plans.models import Plan

    qs = Plan.objects.all() if queryset is None else queryset
    if not _authenticated(user):
        return qs.none()
    if reads_every_plan(user):
        return qs
    plan_ids = {m.plan_id for m in _memberships(user) if m.plan_id is not None}
    keys = municipalities_of(user) - {""}
    if keys:
        # The spellings in use that mean one of the user's municipalities (one query; the
        # database cannot collapse spacing portably, so the comparison is made here).
        spellings = {
            name
            for name in Plan.objects.exclude(municipality="")
            .values_list("municipality", flat=True)
            .distinct()
            if municipality_key(name) in keys
        }
        return qs.filter(Q(pk__in=plan_ids) | Q(municipality__in=spellings))
    return qs.filter(pk__in=plan_ids)


def can_edit_plan(user: Any, plan: Plan) -> bool:
    roles = roles_in_plan(user, plan)
    return Role.COORDINATOR in roles or Role.ADMIN in roles


def can_read_plan(user: Any, plan: Plan) -> bool:
    return bool(roles_in_plan(user, plan))


def can_read_whole_plan(user: Any, plan: Plan) -> bool:
    """Everything of the plan, not only a partner's delaftaler."""
    return bool(roles_in_plan(user, plan) - {Role.PARTNER})


def can_approve(user: Any, plan: Plan) -> bool:
    """Board members approve revisions of their plan's agreements."""
    return Role.BOARD in roles_in_plan(user, plan)


def can_manage_plans(user: Any) -> bool:
    return is_admin(user)


def can_read_portfolio(user: Any) -> bool:
    """The portfolio of many plans (portfolio/): LBF, kommune users and administrators, each
    over the plans they read (`plans_visible_to`)."""
    return is_admin(user) or is_lbf(user) or is_kommune(user)


def can_move_to_new_period(user: Any, plan: Plan) -> bool:
    """»Ny bevillingsperiode« (plans.transition): the plan's koordinatorer and administrators."""
    return can_edit_plan(user, plan)


def agreement_is_closed(agreement: Agreement) -> bool:
    """An agreement of a funding period the plan has left: read-only for everyone."""
    return agreement.closed_period_id is not None


def can_read_funding_periods(user: Any) -> bool:
    """The funding periods' rules as loaded (the administrator's page): administrators."""
    return is_admin(user)


def can_load_funding_periods(user: Any) -> bool:
    """Load a new funding period or update one from its file (the administrator's page, as
    the command `helhedsplan load-period`): administrators."""
    return is_admin(user)


def access_plan_for_user(user: Any, slug: str, *, write: bool = False) -> Plan:
    """The plan, if the user may read it (or edit it, with `write`); else NotFound."""
    from plans.models import Plan

    try:
        plan = Plan.objects.select_related("funding_period").get(slug=slug)
    except Plan.DoesNotExist:
        raise NotFound from None
    if not can_read_plan(user, plan):
        raise NotFound
    if write and not can_edit_plan(user, plan):
        raise NotFound
    return plan


def can_see_drafts(user: Any, plan: Plan) -> bool:
    """Koordinatorer, the board and administrators read drafts; partners and LBF do not."""
    return bool(roles_in_plan(user, plan) & {Role.COORDINATOR, Role.BOARD, Role.ADMIN})


def can_read_change_log(user: Any, plan: Plan) -> bool:
    """The change log holds the text of every draft, so it is for those who see drafts."""
    return can_see_drafts(user, plan)


def _in_force_or_waiting_for(user: Any, plan: Plan) -> Q:
    """Agreements with a version this user (who does not see drafts) may read."""
    from plans.models import AgreementKind, AgreementStatus, RevisionStatus

    q = Q(status=AgreementStatus.APPROVED) | Q(revisions__status=RevisionStatus.APPROVED)
    if Role.LBF in roles_in_plan(user, plan):
        q |= Q(kind=AgreementKind.STRATEGIC, status=AgreementStatus.AWAITING_LBF)
    return q


def agreements_visible_to(user: Any, plan: Plan) -> QuerySet[Agreement]:
    """The plan's agreements this user may read: all of them, or a partner's own delaftaler
    and the strategic agreement; without drafts for those who do not see them."""
    from plans.models import Agreement, AgreementKind

    qs = Agreement.objects.filter(plan=plan)
    if not can_read_plan(user, plan):
        return qs.none()
    if can_see_drafts(user, plan):
        return qs
    if not can_read_whole_plan(user, plan):
        organisation_ids = [
            m.organisation_id
            for m in _memberships(user)
            if m.role == Role.PARTNER and m.plan_id == plan.pk
        ]
        qs = qs.filter(
            Q(kind=AgreementKind.STRATEGIC)
            | (
                Q(kind=AgreementKind.SUB)
                & Q(parties__organisation_id__in=_party_organisations(plan, organisation_ids))
            )
        )
    return qs.filter(_in_force_or_waiting_for(user, plan)).distinct()


def _party_organisations(plan: Plan, organisation_ids: list[int | None]) -> list[int]:
    """The organisations whose parties are a partner's: its own, and those of the plan whose
    name names one of them (`plans.parties`): an organisation an earlier import made from a
    whole party line, »Klubleder Mads Tang, Fritidsklubben Stjernen«, is the club's. One query."""
    from plans.models import Organisation
    from plans.parties import names_organisation

    own = {pk for pk in organisation_ids if pk is not None}
    if not own:
        return []
    organisations = list(Organisation.objects.filter(plan=plan).values_list("pk", "name"))
    names = [name for pk, name in organisations if pk in own]
    return sorted(
        own | {pk for pk, name in organisations if any(names_organisation(name, n) for n in names)}
    )


# Which versions of a plan's agreements a user reads (`version_rights`), as a key: what is
# built for one user (the LBF package) is kept under it and served only to users with the same.
WITH_DRAFTS = "kladder"
IN_FORCE_AND_LBF_PENDING = "gaeldende-og-lbf"
IN_FORCE = "gaeldende"
VERSION_RIGHTS = (WITH_DRAFTS, IN_FORCE_AND_LBF_PENDING, IN_FORCE)


def version_rights(user: Any, plan: Plan) -> str:
    """The working copy with drafts (koordinator, board, administrator), the version in force
    and LBF's own pending strategic agreement (LBF), or the version in force only."""
    if can_see_drafts(user, plan):
        return WITH_DRAFTS
    if Role.LBF in roles_in_plan(user, plan):
        return IN_FORCE_AND_LBF_PENDING
    return IN_FORCE


def version_for_rights(rights: str, agreement: Agreement) -> int | None:
    """The version of the agreement read with `rights` (None: none; an unknown key reads as
    the strictest, the version in force only)."""
    from plans.models import AgreementRevision, AgreementStatus, RevisionStatus

    if rights == WITH_DRAFTS or agreement.status == AgreementStatus.APPROVED:
        return int(agreement.version)
    if (
        rights == IN_FORCE_AND_LBF_PENDING
        and agreement.is_strategic
        and agreement.status == AgreementStatus.AWAITING_LBF
    ):
        return int(agreement.version)
    latest = (
        AgreementRevision.objects.filter(agreement=agreement, status=RevisionStatus.APPROVED)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return int(latest) if latest is not None else None


def visible_version_number(user: Any, agreement: Agreement) -> int | None:
    """The version of the agreement this user reads (None: none).

    The working copy for those who see drafts; else the version in force, or for LBF the
    strategic agreement's version that waits for LBF's approval (`version_rights`).
    """
    return version_for_rights(version_rights(user, agreement.plan), agreement)


def sees_working_copy(user: Any, agreement: Agreement) -> bool:
    """Whether the agreement's own rows (not an approved snapshot) are what this user reads."""
    from plans.models import AgreementStatus

    if can_see_drafts(user, agreement.plan) or agreement.status == AgreementStatus.APPROVED:
        return True
    return visible_version_number(user, agreement) == agreement.version


def can_read_version(user: Any, agreement: Agreement, number: int) -> bool:
    """An earlier or the current version: approved ones for all readers, others for those
    who see drafts (and LBF's own pending strategic agreement)."""
    from plans.models import AgreementRevision, RevisionStatus

    if can_see_drafts(user, agreement.plan):
        return True
    if number == visible_version_number(user, agreement):
        return True
    return AgreementRevision.objects.filter(
        agreement=agreement, version=number, status=RevisionStatus.APPROVED
    ).exists()


def access_agreement_for_user(user: Any, agreement_id: int, *, write: bool = False) -> Agreement:
    """The agreement, if the user may read it (or edit it, with `write`); else NotFound."""
    from plans.models import Agreement

    try:
        agreement = Agreement.objects.select_related("plan", "focus_area").get(pk=agreement_id)
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    plan = agreement.plan
    if write:
        if not can_edit_plan(user, plan):
            raise NotFound
        if agreement_is_closed(agreement):
            raise AgreementClosed(agreement)
        return agreement
    if not agreements_visible_to(user, plan).filter(pk=agreement.pk).exists():
        raise NotFound
    return agreement


def reminder_recipients(plan: Plan) -> QuerySet[Any]:
    """Who receives the plan's reminder e-mails: its koordinatorer and board members."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__plan=plan,
            memberships__role__in=[Role.COORDINATOR, Role.BOARD],
        )
        .distinct()
        .order_by("pk")
    )


def can_record_followup(user: Any, plan: Plan) -> bool:
    """Koordinatorer (and administrators) record measurements, goal texts and the board's
    follow-up meeting; everyone who reads the whole plan reads the follow-up and its statement."""
    roles = roles_in_plan(user, plan)
    return Role.COORDINATOR in roles or Role.ADMIN in roles


def can_manage_members(user: Any, plan: Plan) -> bool:
    """Who may give people roles in the plan: its koordinatorer and administrators."""
    return can_edit_plan(user, plan)


def can_grant_across_plans(user: Any) -> bool:
    """Who may make someone LBF-konsulent or kommune (roles across plans): administrators."""
    return is_admin(user)


def holds_for_plan(membership: Membership, plan: Plan) -> bool:
    """Whether a membership gives its user a role in `plan` (one across plans included)."""
    return _holds_for(membership, plan)


# ---------------------------------------------------------------------------------------
# Local evaluation (evaluation app, issue 10). The forandringsteori and the process goals are
# parts of an agreement: read as the agreement is (`access_agreement_for_user`, the version
# `visible_version_number` names), edited as it is (`write=True`).


def can_record_logbook(user: Any, plan: Plan) -> bool:
    """Koordinatorer (and administrators) keep the activities' logbooks, as they record the
    follow-up; whoever reads an activity's delaftale reads its logbook's counts."""
    return can_record_followup(user, plan)


def can_read_seminars(user: Any, plan: Plan) -> bool:
    """The yearly seminar belongs to the whole plan's follow-up."""
    return can_read_whole_plan(user, plan)


def can_record_seminar(user: Any, plan: Plan) -> bool:
    return can_record_followup(user, plan)
