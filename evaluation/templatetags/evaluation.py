"""The local evaluation on an agreement's pages: `{% evaluation_panel agreement %}` on the
working copy (agreement_detail), `{% evaluation_panel agreement data %}` on a version (its
snapshot). Each asks plans.access itself, so the pages only place it."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from evaluation import selectors, services
from evaluation.models import SeminarDecision
from evaluation.views import theory_figures
from plans import access
from plans.models import Agreement, AgreementKind, AgreementStatus

register = template.Library()


@register.inclusion_tag("evaluation/panel.html", takes_context=True)
def evaluation_panel(
    context: template.Context,
    agreement: Agreement,
    data: dict[str, Any] | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    plan = agreement.plan
    if data is None:
        theories = list(selectors.agreement_theories(agreement).items())
    else:
        theories = selectors.theories_of_data(data)
    statuses = selectors.agreement_indicator_statuses(agreement) if theories else {}
    waiting = agreement.status in (AgreementStatus.SUBMITTED, AgreementStatus.AWAITING_LBF)
    can_change = (
        data is None
        and access.can_edit_plan(user, plan)
        and not waiting
        and not access.agreement_is_closed(agreement)
    )
    areas = services.theory_focus_areas(agreement)
    have = {name for name, _ in theories}
    activities = []
    if agreement.kind == AgreementKind.SUB and data is None:
        activities = list(agreement.activities.order_by("order", "id"))
    number = agreement.version if version is None else version
    started_by = (
        list(
            SeminarDecision.objects.filter(agreement=agreement, started_version=number)
            .select_related("seminar")
            .order_by("seminar__held_on")
        )
        if access.can_read_seminars(user, plan)
        else []
    )
    return {
        "started_by": started_by,
        "version_number": number,
        "agreement": agreement,
        "figures": theory_figures(theories, statuses),
        "can_change": can_change,
        "areas": [(a, a.name in have) for a in areas],
        "activities": activities,
        "is_current_version": data is None,
        "year": timezone.localdate().year,
    }
