"""The administrator's page of funding periods: each period's rules as loaded from its file,
and the upload that loads a new period (or updates one) from such a file."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lib.uploads import check_uploaded_file
from lib.views import apply_form, not_found_as_404
from plans import access
from plans.forms import PeriodUploadForm
from plans.models import AuditEntry
from plans.periods import MAX_PERIOD_BYTES, parse_period_bytes, periods_overview
from plans.services import period_load


@not_found_as_404
def funding_periods(request: HttpRequest) -> HttpResponse:
    if not access.can_read_funding_periods(request.user):
        raise access.NotFound
    may_load = access.can_load_funding_periods(request.user)
    form = None
    if may_load:
        form = PeriodUploadForm(request.POST or None, request.FILES or None)
    elif request.method == "POST":
        raise access.NotFound
    if request.method == "POST" and form is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        # The command's path: the same parse and checks (`parse_period_bytes`), the same
        # recorded change (`period_load`), all in one transaction (`apply_form`).
        loaded = apply_form(
            form,
            lambda: period_load(
                data=parse_period_bytes(
                    check_uploaded_file(upload, allowed=("json",), limit=MAX_PERIOD_BYTES)
                ),
                by=request.user,
                reason=form.cleaned_data.get("reason") or "",
            ),
        )
        if loaded is not None:
            verb = "oprettet" if loaded.created else "opdateret"
            messages.success(
                request,
                f"Bevillingsperioden {loaded.period.code} »{loaded.period.name}« er {verb} "
                f"med {loaded.focus_areas} indsatsområder og {loaded.fixed_indicators} faste "
                "indikatorer.",
            )
            return redirect("funding_periods")
    # Changes across plans (funding periods, roles across plans): administrators read them here.
    entries = AuditEntry.objects.filter(plan__isnull=True).order_by("-at", "-id")[:200]
    return render(
        request,
        "plans/funding_periods.html",
        {"periods": periods_overview(), "entries": entries, "form": form},
    )
