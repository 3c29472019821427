"""The plan pages' parts about funding periods (plans.transition): the button for a new
period and the agreements of the periods the plan has left, read-only; the banner every plan
page shows while a move waits for its grant date; an agreement's own period notice."""

from __future__ import annotations

from typing import Any

from django import template

from plans import access, transition

register = template.Library()


@register.inclusion_tag("plans/earlier_periods.html", takes_context=True)
def earlier_periods(context: Any) -> dict[str, Any]:
    """Two queries: the plan's moves and its closed agreements the reader may see."""
    request, plan = context["request"], context["plan"]
    moves = transition.plan_transitions(plan)
    visible = (
        set(access.agreements_visible_to(request.user, plan).values_list("pk", flat=True))
        if moves
        else set()
    )
    closed = [a for a in transition.closed_agreements(plan) if a.pk in visible] if moves else []
    return {
        "plan": plan,
        "moves": [
            (m, [a for a in closed if a.closed_period_id == m.from_period_id]) for m in moves
        ],
        "can_move": access.can_move_to_new_period(request.user, plan),
        "pending": transition.move_not_in_force(plan) if moves else None,
    }


@register.inclusion_tag("plans/pending_move_notice.html", takes_context=True)
def pending_move_notice(context: Any, pending: Any = None) -> dict[str, Any]:
    """Every plan page (base.html), while a move made before its grant date is not in force
    (`transition.pending_move`: no query once the plan's period has begun): the old period's
    agreements are in force until the grant date, the new period's drafts take effect from
    it. The plan page passes the move it has read."""
    plan, request = context.get("plan"), context.get("request")
    if pending is None and plan is not None and getattr(plan, "pk", None):
        pending = transition.pending_move(plan)
    drafts = bool(pending and request is not None and access.can_see_drafts(request.user, plan))
    return {"plan": plan, "pending": pending, "can_see_drafts": drafts}


@register.inclusion_tag("plans/closed_notice.html")
def closed_notice(agreement: Any) -> dict[str, Any]:
    """An agreement's period: of a period the plan has left (in force until the grant date
    while it has not come), or of the period the plan moves into, taking effect then."""
    until = transition.still_in_force_until(agreement) if agreement.closed_period_id else None
    starts = None
    if agreement.closed_period_id is None and agreement.is_current:
        starts = transition.pending_move(agreement.plan)
    return {"agreement": agreement, "until": until, "starts": starts}
