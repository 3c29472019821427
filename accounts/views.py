"""The plan's members: who has which role. Koordinatorer and administrators manage them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts import services
from accounts.forms import MembershipForm
from accounts.models import Membership
from lib.errors import messages_of
from lib.views import apply_form, not_found_as_404, plan_context
from plans import access


@not_found_as_404
def members(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_whole_plan(request.user, plan):
        raise access.NotFound
    can_manage = access.can_manage_members(request.user, plan)
    form = MembershipForm(request.POST or None, plan=plan)
    if request.method == "POST":
        if not can_manage:
            raise access.NotFound
        if "remove" in request.POST:
            membership = Membership.objects.filter(plan=plan, pk=request.POST["remove"]).first()
            if membership is None:
                raise access.NotFound
            try:
                services.membership_remove(membership=membership, by=request.user)
                messages.success(request, "Rollen er fjernet.")
            except ValidationError as error:
                for message in messages_of(error):
                    messages.error(request, message)
            return redirect("members", slug=plan.slug)
        if form.is_valid() and apply_form(
            form, lambda: services.membership_add(plan=plan, by=request.user, **form.cleaned_data)
        ):
            messages.success(request, f"{form.cleaned_data['username']} har fået rollen.")
            return redirect("members", slug=plan.slug)
    return render(
        request,
        "accounts/members.html",
        {
            **plan_context(request, plan),
            "nav": "members",
            "memberships": Membership.objects.filter(plan=plan)
            .select_related("user", "organisation")
            .order_by("role", "user__username"),
            "form": form,
            "can_manage": can_manage,
        },
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes' answer to a locked-out username: a Danish page, 429 Too Many Requests."""
    from axes.helpers import get_client_username, get_cool_off
    from django.conf import settings

    cool_off = get_cool_off(request)
    return render(
        request,
        "accounts/locked.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "username": get_client_username(request, credentials) or "",
            "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        },
        status=429,
    )
