"""The administrator's page of funding periods: each period's rules as loaded from its file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lib.views import not_found_as_404
from plans import access
from plans.models import AuditEntry
from plans.periods import periods_overview


@not_found_as_404
def funding_periods(request: HttpRequest) -> HttpResponse:
    if not access.can_read_funding_periods(request.user):
        raise access.NotFound
    # Changes across plans (funding periods, roles across plans): administrators read them here.
    entries = AuditEntry.objects.filter(plan__isnull=True).order_by("-at", "-id")[:200]
    return render(
        request,
        "plans/funding_periods.html",
        {"periods": periods_overview(), "entries": entries},
    )
