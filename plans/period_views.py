"""The administrator's page of funding periods: each period's rules as loaded from its file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lib.views import not_found_as_404
from plans import access
from plans.periods import periods_overview


@not_found_as_404
def funding_periods(request: HttpRequest) -> HttpResponse:
    if not access.can_read_funding_periods(request.user):
        raise access.NotFound
    return render(request, "plans/funding_periods.html", {"periods": periods_overview()})
