"""Pages for the revision flow: submit, approve or return, LBF's approval, history, compare."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lib.danish import parse_date
from lib.errors import echo
from lib.views import apply_form, not_found_as_404, plan_context
from plans import access, forms, revisions
from plans.diff import agreement_diff
from plans.models import AuditEntry, RevisionStatus
from plans.transition import proposed_baselines_note


@not_found_as_404
@require_POST
def agreement_submit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk, write=True)
    form = forms.SubmitForm(request.POST)
    if form.is_valid() and apply_form(
        form,
        lambda: revisions.agreement_submit(
            agreement=agreement, user=request.user, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, f"Version {agreement.version} er sendt til bestyrelsen.")
        if note := proposed_baselines_note(agreement):
            messages.warning(request, note)
    else:
        for error in form.non_field_errors():
            messages.error(request, str(error))
    return redirect("agreement_detail", pk=agreement.pk)


@not_found_as_404
def agreement_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """A board member approves the submitted version or returns it with a note."""
    agreement = access.access_agreement_for_user(request.user, pk)
    if not access.can_approve(request.user, agreement.plan):
        raise access.NotFound
    returning = "return" in request.POST
    approve_form = forms.ApproveForm(
        request.POST if request.method == "POST" and not returning else None
    )
    # both forms have a »note«: the return form's field gets ids of its own, so each label
    # points to its own field
    return_form = forms.ReturnForm(request.POST if returning else None, auto_id="id_return_%s")
    if request.method == "POST":
        if returning and return_form.is_valid():
            if apply_form(
                return_form,
                lambda: revisions.agreement_return(
                    agreement=agreement, user=request.user, note=return_form.cleaned_data["note"]
                ),
            ):
                messages.success(request, "Aftalen er sendt retur til koordinatoren.")
                return redirect("agreement_detail", pk=agreement.pk)
        elif not returning and approve_form.is_valid():
            data = approve_form.cleaned_data
            if apply_form(
                approve_form,
                lambda: revisions.agreement_approve(
                    agreement=agreement,
                    user=request.user,
                    meeting_date=data["meeting_date"],
                    meeting_reference=data["meeting_reference"],
                    note=data["note"],
                ),
            ):
                messages.success(request, "Aftalen er godkendt.")
                return redirect("agreement_detail", pk=agreement.pk)
    pending = agreement.revisions.filter(status=RevisionStatus.SUBMITTED).first()
    changes = []
    previous = revisions.approved_revisions(agreement).last()
    if pending is not None and previous is not None:
        changes = revisions.compare(agreement, previous.version, pending.version)
    return render(
        request,
        "plans/decide.html",
        {
            **plan_context(request, agreement.plan),
            "agreement": agreement,
            "pending": pending,
            "previous": previous,
            "changes": changes,
            "approve_form": approve_form,
            "return_form": return_form,
            "proposed_note": proposed_baselines_note(agreement),
        },
    )


@not_found_as_404
def agreement_lbf_approval(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk, write=True)
    form = forms.LbfApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_form(
            form,
            lambda: revisions.agreement_record_lbf_approval(
                agreement=agreement,
                user=request.user,
                approved_on=data["approved_on"],
                reference=data["reference"],
            ),
        ):
            messages.success(request, "Landsbyggefondens godkendelse er registreret.")
            return redirect("agreement_detail", pk=agreement.pk)
    return render(
        request,
        "plans/form.html",
        {
            **plan_context(request, agreement.plan),
            "form": form,
            "title": "Registrér Landsbyggefondens godkendelse",
            "back": reverse("agreement_detail", args=[agreement.pk]),
        },
    )


@not_found_as_404
def agreement_history(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk)
    versions = [
        v
        for v in revisions.agreement_versions(agreement)
        if access.can_read_version(request.user, agreement, v.number)
    ]
    rows = agreement.revisions.select_related("submitted_by", "decided_by")
    if not access.can_see_drafts(request.user, agreement.plan):
        rows = rows.filter(version__in=[v.number for v in versions])
    context: dict[str, Any] = {
        **plan_context(request, agreement.plan),
        "agreement": agreement,
        "versions": versions,
        "revision_rows": rows,
        "log": AuditEntry.objects.filter(agreement=agreement).order_by("-at", "-id")[:200]
        if access.can_read_change_log(request.user, agreement.plan)
        else [],
    }
    return render(request, "plans/history.html", context)


def _version_number(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@not_found_as_404
def agreement_compare(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk)
    old, new = _version_number(request.GET.get("fra")), _version_number(request.GET.get("til"))
    old_version = new_version = None
    if old and access.can_read_version(request.user, agreement, old):
        old_version = revisions.agreement_version(agreement, old)
    if new and access.can_read_version(request.user, agreement, new):
        new_version = revisions.agreement_version(agreement, new)
    if old_version is None or new_version is None:
        messages.error(request, "Vælg to versioner, der findes.")
        return redirect("agreement_history", pk=agreement.pk)
    return render(
        request,
        "plans/compare.html",
        {
            **plan_context(request, agreement.plan),
            "agreement": agreement,
            "old": old_version,
            "new": new_version,
            "changes": agreement_diff(old_version.data, new_version.data),
        },
    )


@not_found_as_404
def agreement_version_view(
    request: HttpRequest, pk: int, number: int | None = None
) -> HttpResponse:
    """One version (by number), or the version in force on `?dato=`."""
    agreement = access.access_agreement_for_user(request.user, pk)
    version = None
    if number is not None:
        if not access.can_read_version(request.user, agreement, number):
            raise access.NotFound
        version = revisions.agreement_version(agreement, number)
    else:
        raw = request.GET.get("dato", "")
        date = parse_date(raw)
        if date is None:
            messages.error(request, f"»{echo(raw)}« er ikke en dato. Skriv fx 1. marts 2025.")
            return redirect("agreement_history", pk=agreement.pk)
        version = revisions.agreement_as_of(agreement, date)
        if version is None:
            messages.info(request, f"Ingen version af aftalen var godkendt den {raw}.")
            return redirect("agreement_history", pk=agreement.pk)
    if version is None:
        raise access.NotFound
    return render(
        request,
        "plans/version.html",
        {
            **plan_context(request, agreement.plan),
            "agreement": agreement,
            "version": version,
            "data": version.data,
            "as_of": request.GET.get("dato"),
        },
    )


@not_found_as_404
def plan_log(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_change_log(request.user, plan):
        raise access.NotFound
    entries = AuditEntry.objects.filter(plan=plan).order_by("-at", "-id")[:500]
    return render(
        request,
        "plans/log.html",
        {**plan_context(request, plan), "entries": entries, "nav": "log"},
    )
