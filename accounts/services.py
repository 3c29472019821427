"""Giving people a role in a plan, and taking it away (the only writes to Membership)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Membership, Role
from lib.errors import DomainError
from plans.models import Organisation, Plan
from plans.revisions import audit

PLAN_ROLES = (Role.COORDINATOR, Role.BOARD, Role.PARTNER)
ACROSS_PLANS_ROLES = (Role.LBF, Role.ADMIN, Role.KOMMUNE)

Problems = dict[str, list[str]]


def _problem(problems: Problems, argument: str, message: str) -> None:
    problems.setdefault(argument, []).append(message)


def _grant_user(
    problems: Problems, *, username: str, full_name: str, email: str, password: str, missing: str
) -> tuple[Any, bool]:
    """The user a grant is for, and whether it is new: the existing user of that name, else
    a new one (not saved yet, see `_new_user`)."""
    user = get_user_model().objects.filter(username=username).first()
    if user is not None:
        return user, False
    new = _new_user(
        problems,
        username=username,
        full_name=full_name,
        email=email,
        password=password,
        missing=missing,
    )
    return new, True


def _new_user(
    problems: Problems, *, username: str, full_name: str, email: str, password: str, missing: str
) -> Any:
    """The user to create (not saved yet); what is wrong with it goes into `problems`, by
    the service argument it concerns, so every reason is reported at once."""
    User = get_user_model()
    first, _, last = full_name.strip().partition(" ")
    user = User(username=username, first_name=first, last_name=last, email=email)
    if not password:
        _problem(problems, "password", missing)
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            for message in error.messages:
                _problem(problems, "password", message)
        user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            target = {"first_name": "full_name", "last_name": "full_name"}.get(field, field)
            for message in messages:
                _problem(problems, target, message)
    return user


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
    """Give a user (created if new, with `password`) a role in the plan. Every reason to
    refuse is reported at once: a DomainError by argument (`organisation`, `password`, …).

    A person may hold koordinator and bestyrelsesmedlem together (a small plan); the grant
    says what that means (`accounts.selectors.four_eyes_warning`)."""
    problems: Problems = {}
    if role not in PLAN_ROLES:
        _problem(problems, "role", "Vælg koordinator, bestyrelsesmedlem eller partner.")
    if role == Role.PARTNER and organisation is None:
        _problem(problems, "organisation", "En partner skal høre til en af planens organisationer.")
    if organisation is not None and organisation.plan_id != plan.pk:
        _problem(problems, "organisation", "Organisationen hører ikke til planen.")
    user, new = _grant_user(
        problems,
        username=username,
        full_name=full_name,
        email=email,
        password=password,
        missing="En ny bruger skal have en midlertidig adgangskode.",
    )
    if not new and Membership.objects.filter(user=user, plan=plan, role=role).exists():
        _problem(problems, "username", f"{username} har allerede den rolle i planen.")
    if problems:
        raise DomainError(problems)
    if new:
        user.save()
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
    problems: Problems = {}
    if role not in ACROSS_PLANS_ROLES:
        _problem(problems, "role", "Vælg LBF-konsulent, administrator eller kommune.")
    municipality = " ".join(municipality.split())
    if role == Role.KOMMUNE and not municipality:
        _problem(problems, "municipality", "Angiv kommunen, fx »Åbyhavn Kommune«.")
    if role != Role.KOMMUNE and municipality:
        _problem(problems, "municipality", "En kommune angives kun med rollen kommune.")
    user, created_user = _grant_user(
        problems,
        username=username,
        full_name=full_name,
        email=email,
        password=password,
        missing="En ny bruger skal have en adgangskode.",
    )
    if problems:
        raise DomainError(problems)
    if created_user:
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
