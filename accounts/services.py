"""Giving people a role in a plan, and taking it away (the only writes to Membership)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from accounts.models import Membership, Role
from lib.errors import DomainError
from plans.models import Organisation, Plan
from plans.revisions import audit


@transaction.atomic
def membership_add(
    *,
    plan: Plan,
    by: Any,
    username: str,
    role: str,
    full_name: str = "",
    email: str = "",
    password: str = "",
    organisation: Organisation | None = None,
) -> Membership:
    """Give a user (created if new, with `password`) a role in the plan."""
    if role not in (Role.COORDINATOR, Role.BOARD, Role.PARTNER):
        raise DomainError("Vælg koordinator, bestyrelsesmedlem eller partner.")
    if role == Role.PARTNER and organisation is None:
        raise DomainError("En partner skal høre til en af planens organisationer.")
    if organisation is not None and organisation.plan_id != plan.pk:
        raise DomainError("Organisationen hører ikke til planen.")
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise DomainError("En ny bruger skal have en midlertidig adgangskode.")
        first, _, last = full_name.strip().partition(" ")
        user = User(username=username, first_name=first, last_name=last, email=email)
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
    if Membership.objects.filter(user=user, plan=plan, role=role).exists():
        raise DomainError(f"{username} har allerede den rolle i planen.")
    membership = Membership(
        user=user,
        plan=plan,
        role=role,
        organisation=organisation if role == Role.PARTNER else None,
    )
    membership.full_clean()
    membership.save()
    audit(agreement=None, plan=plan, user=by, action=f"{username} fik rollen {Role(role).label}")
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: Any) -> None:
    plan = membership.plan
    if plan is None:
        raise DomainError("Roller på tværs af planer ændres af en administrator.")
    if (
        membership.role == Role.COORDINATOR
        and not Membership.objects.filter(plan=plan, role=Role.COORDINATOR)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise DomainError("Planen skal have mindst én koordinator.")
    audit(
        agreement=None,
        plan=plan,
        user=by,
        action=f"{membership.user.get_username()} mistede rollen {membership.get_role_display()}",
    )
    membership.delete()


@transaction.atomic
def role_grant_across_plans(
    *,
    username: str,
    role: str,
    by: Any = None,
    full_name: str = "",
    email: str = "",
    password: str = "",
    municipality: str = "",
) -> tuple[Membership, bool]:
    """Give a user (created if new, with `password`) a role across plans (LBF, administrator,
    or kommune: every plan of `municipality`).

    Returns the membership and whether it is new; a new one is in the log of changes across
    plans (shown to administrators on the funding periods' page).
    """
    if role not in (Role.LBF, Role.ADMIN, Role.KOMMUNE):
        raise DomainError("Vælg LBF-konsulent, administrator eller kommune.")
    municipality = " ".join(municipality.split())
    if role == Role.KOMMUNE and not municipality:
        raise DomainError("Angiv kommunen, fx »Åbyhavn Kommune«.")
    if role != Role.KOMMUNE and municipality:
        raise DomainError("En kommune angives kun med rollen kommune.")
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created_user = user is None
    if user is None:
        if not password:
            raise DomainError("En ny bruger skal have en adgangskode.")
        first, _, last = full_name.strip().partition(" ")
        user = User(username=username, first_name=first, last_name=last, email=email)
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
    membership, created = Membership.objects.get_or_create(
        user=user, plan=None, role=role, municipality=municipality
    )
    if created:
        audit(
            agreement=None,
            plan=None,
            user=by,
            action=(
                f"{username} fik rollen {Role(role).label} på tværs af planer"
                + (f" for {municipality}" if municipality else "")
                + (" (ny bruger)" if created_user else "")
            ),
        )
    return membership, created
