"""Reads of who holds which role, for the plan's page »Brugere og roller«."""

from __future__ import annotations

from typing import Any

from accounts.models import Membership, Role
from plans import access
from plans.models import Plan


def members_across_plans(plan: Plan) -> list[Membership]:
    """The roles across plans that give someone `plan` (administrators, LBF-konsulenter, the
    plan's kommune), in that order. One query; the matching of municipalities is the access
    module's (`plans.access.holds_for_plan`)."""
    order: dict[str, int] = {Role.ADMIN: 0, Role.LBF: 1, Role.KOMMUNE: 2}
    rows = Membership.objects.filter(plan=None).select_related("user")
    found = [m for m in rows if access.holds_for_plan(m, plan)]
    return sorted(found, key=lambda m: (order.get(m.role, 9), m.user.get_username()))


def holding_both_roles(memberships: list[Membership]) -> list[Any]:
    """The users among a plan's memberships who are both koordinator and bestyrelsesmedlem
    (allowed, but they never approve what they sent themselves: four eyes)."""
    roles: dict[int, set[str]] = {}
    users: dict[int, Any] = {}
    for m in memberships:
        roles.setdefault(m.user_id, set()).add(m.role)
        users[m.user_id] = m.user
    return [users[u] for u, held in roles.items() if {Role.COORDINATOR, Role.BOARD} <= held]


def four_eyes_warning(*, user: Any, plan: Plan) -> str:
    """A Danish warning when `user` is both koordinator and bestyrelsesmedlem of `plan`, else
    "". Allowed (a small plan may need it), but the board's approval of a version this person
    sent is refused (`plans.revisions.agreement_approve`), so another member must approve.
    Two queries."""
    roles = set(Membership.objects.filter(user=user, plan=plan).values_list("role", flat=True))
    if not {Role.COORDINATOR, Role.BOARD} <= roles:
        return ""
    name = user.get_full_name() or user.get_username()
    warning = (
        f"Bemærk: {name} er nu både koordinator og bestyrelsesmedlem i planen. Det er "
        f"tilladt, men en version, {name} selv sender til bestyrelsen, kan {name} ikke også "
        "godkende (fire øjne-princippet): et andet bestyrelsesmedlem skal godkende den."
    )
    others = Membership.objects.filter(plan=plan, role=Role.BOARD).exclude(user=user)
    if not others.exists():
        warning += " Planen har endnu ikke noget andet bestyrelsesmedlem."
    return warning
