"""The plan's members: who has which role. Koordinatorer and administrators manage them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts import selectors, services
from accounts.forms import MembershipForm
from accounts.models import Membership, Role
from lib.errors import messages_of
from lib.views import apply_form, not_found_as_404, plan_context
from plans import access
from plans.models import Plan


@not_found_as_404
def members(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_whole_plan(request.user, plan):
        raise access.NotFound
    can_manage = access.can_manage_members(request.user, plan)
    across_plans = can_manage and access.can_grant_across_plans(request.user)
    form = MembershipForm(request.POST or None, plan=plan, across_plans=across_plans)
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
        if form.is_valid() and _grant(request, plan, form):
            return redirect("members", slug=plan.slug)
    memberships = list(
        Membership.objects.filter(plan=plan)
        .select_related("user", "organisation")
        .order_by("role", "user__username")
    )
    return render(
        request,
        "accounts/members.html",
        {
            **plan_context(request, plan),
            "nav": "members",
            "memberships": memberships,
            "across_plans_members": selectors.members_across_plans(plan),
            "both_roles": selectors.holding_both_roles(memberships),
            "form": form,
            "can_manage": can_manage,
            "across_plans": across_plans,
        },
    )


def _grant(request: HttpRequest, plan: Plan, form: MembershipForm) -> bool:
    """Give the role the valid form names, through the service the command line uses too;
    the service's reasons to refuse land on the form's fields. Whether it was given."""
    data = form.cleaned_data
    user = {k: data[k] for k in ("username", "full_name", "email", "password")}
    if form.across_plans_role:
        municipality = data.get("municipality", "") if data["role"] == Role.KOMMUNE else ""
        done = apply_form(
            form,
            lambda: services.role_grant_across_plans(
                by=request.user, role=data["role"], municipality=municipality, **user
            ),
        )
        if not done:
            return False
        membership, created = done
        label = str(Role(data["role"]).label) + (
            f" for {membership.municipality}" if municipality else ""
        )
        if created:
            messages.success(request, f"{data['username']} er nu {label} (på tværs af planer).")
        else:
            messages.info(request, f"{data['username']} var allerede {label}.")
        if municipality and access.municipality_key(municipality) != access.municipality_key(
            plan.municipality
        ):
            messages.warning(
                request,
                f"Bemærk: planen ligger i {plan.municipality or 'ingen kommune'}, ikke i "
                f"{municipality}, så {data['username']} ser ikke denne plan.",
            )
        return True
    membership = apply_form(
        form,
        lambda: services.membership_add(
            plan=plan, by=request.user, role=data["role"], organisation=data["organisation"], **user
        ),
    )
    if membership is None:
        return False
    messages.success(request, f"{data['username']} har fået rollen.")
    warning = selectors.four_eyes_warning(user=membership.user, plan=plan)
    if warning:
        messages.warning(request, warning)
    return True


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
