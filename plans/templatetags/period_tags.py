"""The plan page's part about funding periods (plans.transition): the button for a new
period and the agreements of the periods the plan has left, read-only."""

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


@register.inclusion_tag("plans/closed_notice.html")
def closed_notice(agreement: Any) -> dict[str, Any]:
    until = transition.still_in_force_until(agreement) if agreement.closed_period_id else None
    return {"agreement": agreement, "until": until}
