"""Web pages for plans and agreements. Thin: check access, parse the form, call a service."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lib.errors import messages_of
from lib.uploads import check_uploaded_file
from lib.views import (
    apply_change,
    apply_form,
    change_context,
    not_found_as_404,
    plan_context,
    reason_form_for,
)
from plans import access, forms, revisions, services, transition
from plans.loading import parse_interchange_bytes, plan_load_interchange
from plans.models import (
    Agreement,
    AgreementStatus,
    Department,
    Goal,
    HousingArea,
    Indicator,
    Organisation,
    PlanStatus,
    RevisionStatus,
)
from plans.parts import PARTS
from plans.period_now import period_now
from plans.selectors import plan_agreements, plan_housing_areas

# ---------------------------------------------------------------------------------------
# Plans


@login_required
def home(request: HttpRequest) -> HttpResponse:
    plans = access.plans_visible_to(request.user).select_related("funding_period")
    plans_list = list(plans)
    if len(plans_list) == 1 and not access.can_manage_plans(request.user):
        return redirect("plan_detail", slug=plans_list[0].slug)
    # each plan's period as it is today (the one in force until a move's grant date)
    return render(
        request,
        "plans/home.html",
        {
            "plans": [(p, period_now(p)) for p in plans_list],
            "can_manage": access.can_manage_plans(request.user),
        },
    )


@not_found_as_404
def plan_create(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_plans(request.user):
        raise access.NotFound
    form = forms.PlanCreateForm(request.POST or None, initial={"status": PlanStatus.ACTIVE})
    if request.method == "POST" and form.is_valid():
        plan = apply_form(form, lambda: services.plan_create(by=request.user, **form.cleaned_data))
        if plan is not None:
            messages.success(request, f"Planen »{plan.name}« er oprettet.")
            return redirect("plan_detail", slug=plan.slug)
    return render(request, "plans/form.html", {"form": form, "title": "Ny helhedsplan"})


@not_found_as_404
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The chain at a glance: focus areas → goals → indicators → baselines → activities → staff."""
    plan = access.access_plan_for_user(request.user, slug)
    visible = access.agreements_visible_to(request.user, plan)
    agreements = plan_agreements(plan, visible)
    # A move made before its grant date: the old period's agreements are in force until then.
    pending = transition.move_not_in_force(plan)
    old_period = (
        plan_agreements(plan, visible, closed_period=pending.from_period) if pending else []
    )
    for agreement in [*agreements, *old_period]:
        # Who does not read drafts sees a link to the version in force instead of the draft.
        number = (
            None
            if access.sees_working_copy(request.user, agreement)
            else access.visible_version_number(request.user, agreement)
        )
        agreement.in_force_only = number  # type: ignore[attr-defined]
        # ... and the card shows that version's goals, activities and staff (one query).
        in_force = revisions.agreement_version(agreement, number) if number else None
        agreement.in_force_data = in_force.data if in_force else None  # type: ignore[attr-defined]
    context = plan_context(request, plan)
    context.update(
        {
            "strategic": next((a for a in agreements if a.is_strategic), None),
            "subagreements": [a for a in agreements if not a.is_strategic],
            "pending_move": pending,
            "in_force_strategic": next((a for a in old_period if a.is_strategic), None),
            "in_force_subagreements": [a for a in old_period if not a.is_strategic],
            "can_see_drafts": access.can_see_drafts(request.user, plan),
            "can_move": access.can_move_to_new_period(request.user, plan),
            "housing_areas": plan_housing_areas(plan) if context["can_read_whole"] else [],
            "organisations": (
                list(Organisation.objects.filter(plan=plan)) if context["can_read_whole"] else []
            ),
        }
    )
    return render(request, "plans/plan_detail.html", context)


@not_found_as_404
def plan_edit(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug, write=True)
    initial = {
        name: getattr(plan, name)
        for name in (
            "name",
            "slug",
            "lbf_case_number",
            "municipality",
            "period_start",
            "period_end",
            "status",
        )
    }
    form = forms.PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = apply_form(
            form,
            lambda: services.plan_update(plan=plan, by=request.user, **form.cleaned_data),
        )
        if saved is not None:
            messages.success(request, "Planen er gemt.")
            return redirect("plan_detail", slug=saved.slug)
    return render(
        request,
        "plans/form.html",
        {**plan_context(request, plan), "form": form, "title": f"Ret {plan.name}"},
    )


# ---------------------------------------------------------------------------------------
# Organisations, housing areas and departments


@not_found_as_404
def organisations(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_whole_plan(request.user, plan):
        raise access.NotFound
    form = forms.OrganisationForm(request.POST or None)
    if request.method == "POST":
        if not access.can_edit_plan(request.user, plan):
            raise access.NotFound
        if form.is_valid() and apply_form(
            form,
            lambda: services.organisation_save(plan=plan, by=request.user, **form.cleaned_data),
        ):
            messages.success(request, "Organisationen er tilføjet.")
            return redirect("organisations", slug=plan.slug)
    return render(
        request,
        "plans/organisations.html",
        {
            **plan_context(request, plan),
            "organisations": Organisation.objects.filter(plan=plan),
            "form": form,
        },
    )


@not_found_as_404
def organisation_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug, write=True)
    organisation = Organisation.objects.filter(plan=plan, pk=pk).first()
    if organisation is None:
        raise access.NotFound
    if request.method == "POST" and request.POST.get("delete"):
        services.organisation_delete(organisation=organisation, by=request.user)
        messages.success(request, "Organisationen er slettet.")
        return redirect("organisations", slug=plan.slug)
    form = forms.OrganisationForm(
        request.POST or None, initial={"name": organisation.name, "kind": organisation.kind}
    )
    if request.method == "POST" and form.is_valid():
        saved = apply_form(
            form,
            lambda: services.organisation_save(
                plan=plan, organisation=organisation, by=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, "Organisationen er gemt.")
            return redirect("organisations", slug=plan.slug)
    return render(
        request,
        "plans/form.html",
        {
            **plan_context(request, plan),
            "form": form,
            "title": f"Ret {organisation.name}",
            "back": reverse("organisations", args=[plan.slug]),
            "can_delete": True,
        },
    )


@not_found_as_404
def housing_areas(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_whole_plan(request.user, plan):
        raise access.NotFound
    area_form = forms.HousingAreaForm(request.POST if "add_area" in request.POST else None)
    if request.method == "POST":
        if not access.can_edit_plan(request.user, plan):
            raise access.NotFound
        if (
            "add_area" in request.POST
            and area_form.is_valid()
            and apply_form(
                area_form,
                lambda: services.housing_area_save(
                    plan=plan, by=request.user, **area_form.cleaned_data
                ),
            )
        ):
            messages.success(request, "Boligområdet er tilføjet.")
            return redirect("housing_areas", slug=plan.slug)
    return render(
        request,
        "plans/housing_areas.html",
        {**plan_context(request, plan), "areas": plan_housing_areas(plan), "area_form": area_form},
    )


@not_found_as_404
def housing_area_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug, write=True)
    area = HousingArea.objects.filter(plan=plan, pk=pk).first()
    if area is None:
        raise access.NotFound
    if request.method == "POST" and request.POST.get("delete"):
        services.housing_area_delete(housing_area=area, by=request.user)
        messages.success(request, "Boligområdet er slettet.")
        return redirect("housing_areas", slug=plan.slug)
    form = forms.HousingAreaForm(request.POST or None, initial={"name": area.name})
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(
            form,
            lambda: services.housing_area_save(
                plan=plan, housing_area=area, by=request.user, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, "Boligområdet er gemt.")
        return redirect("housing_areas", slug=plan.slug)
    return render(
        request,
        "plans/form.html",
        {
            **plan_context(request, plan),
            "form": form,
            "title": f"Ret {area.name}",
            "back": reverse("housing_areas", args=[plan.slug]),
            "can_delete": True,
        },
    )


@not_found_as_404
def department_edit(
    request: HttpRequest, slug: str, area_pk: int, pk: int | None = None
) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug, write=True)
    area = HousingArea.objects.filter(plan=plan, pk=area_pk).first()
    department = Department.objects.filter(housing_area=area, pk=pk).first() if pk else None
    if area is None or (pk and department is None):
        raise access.NotFound
    if department and request.method == "POST" and request.POST.get("delete"):
        services.department_delete(department=department, by=request.user)
        messages.success(request, "Afdelingen er slettet.")
        return redirect("housing_areas", slug=plan.slug)
    initial = (
        {"number": department.number, "organisation": department.organisation} if department else {}
    )
    form = forms.DepartmentForm(request.POST or None, initial=initial, plan=plan)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(
            form,
            lambda: services.department_save(
                housing_area=area, department=department, by=request.user, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, "Afdelingen er gemt.")
        return redirect("housing_areas", slug=plan.slug)
    title = f"Ret afdeling {department.number}" if department else f"Ny afdeling i {area.name}"
    return render(
        request,
        "plans/form.html",
        {
            **plan_context(request, plan),
            "form": form,
            "title": title,
            "back": reverse("housing_areas", args=[plan.slug]),
            "can_delete": bool(department),
        },
    )


# ---------------------------------------------------------------------------------------
# Agreements


@not_found_as_404
def agreement_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug, write=True)
    form = forms.AgreementCreateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        agreement = apply_form(
            form,
            lambda: services.agreement_create(plan=plan, by=request.user, **form.cleaned_data),
        )
        if agreement is not None:
            messages.success(request, "Aftalen er oprettet.")
            return redirect("agreement_detail", pk=agreement.pk)
    return render(
        request,
        "plans/form.html",
        {
            **plan_context(request, plan),
            "form": form,
            "title": "Ny aftale",
            "back": reverse("plan_detail", args=[plan.slug]),
        },
    )


@not_found_as_404
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The working copy for those who read drafts; everyone else is shown the version in
    force (`access.visible_version_number`). Waiting for approval: no edit links."""
    agreement = access.access_agreement_for_user(request.user, pk)
    if not access.sees_working_copy(request.user, agreement):
        number = access.visible_version_number(request.user, agreement)
        if number is None:
            raise access.NotFound
        return redirect("agreement_version", pk=agreement.pk, number=number)
    agreement = Agreement.objects.with_chain().select_related("plan").get(pk=agreement.pk)
    plan = agreement.plan
    context = plan_context(request, plan)
    # An agreement of a period the plan has left (plans.transition) is read-only for all.
    context["can_edit"] = context["can_edit"] and not access.agreement_is_closed(agreement)
    waiting = agreement.status in (AgreementStatus.SUBMITTED, AgreementStatus.AWAITING_LBF)
    pending = (
        agreement.revisions.filter(version=agreement.version).order_by("-submitted_at").first()
        if waiting
        else None
    )
    return render(
        request,
        "plans/agreement_detail.html",
        {
            **context,
            "agreement": agreement,
            "waiting": waiting,
            "pending": pending,
            "in_force": revisions.approved_version(agreement) if waiting else None,
            "can_change": context["can_edit"] and not waiting,
            "can_delete": services.can_delete_agreement(agreement),
            "proposed_note": (
                transition.proposed_baselines_note(agreement)
                if agreement.status == AgreementStatus.DRAFT and context["can_edit"]
                else ""
            ),
            # the statuses by name, so the template compares with TextChoices, not literals
            "statuses": AgreementStatus,
            "revision_statuses": RevisionStatus,
            "housing_areas": plan_housing_areas(plan) if agreement.is_strategic else [],
        },
    )


@not_found_as_404
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk, write=True)
    plan = agreement.plan
    names = (
        "title",
        "initiative",
        "period_start",
        "period_end",
        "vision",
        "organisation",
        "interplay",
        "local_evaluation",
        "municipal_coherence",
        "revision_text",
    )
    form = forms.AgreementForm(
        request.POST or None,
        initial={n: getattr(agreement, n) for n in names},
        kind=agreement.kind,
    )
    reason = reason_form_for(request, agreement)
    if request.method == "POST" and form.is_valid():
        saved = apply_change(
            request,
            form,
            agreement,
            "Aftalens tekster og periode ændret",
            lambda: services.agreement_update(agreement=agreement, **form.cleaned_data),
            reason_form=reason,
        )
        if saved is not None:
            messages.success(request, "Aftalen er gemt.")
            return redirect("agreement_detail", pk=agreement.pk)
    return render(
        request,
        "plans/form.html",
        {
            **change_context(agreement, reason),
            **plan_context(request, plan),
            "form": form,
            "title": f"Ret {agreement.display_title}",
            "back": reverse("agreement_detail", args=[agreement.pk]),
        },
    )


@not_found_as_404
@require_POST
def agreement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk, write=True)
    slug = agreement.plan.slug
    try:
        services.agreement_delete(agreement=agreement, by=request.user)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
        return redirect("agreement_detail", pk=agreement.pk)
    messages.success(request, "Aftalen er slettet.")
    return redirect("plan_detail", slug=slug)


def _summary(data: dict[str, Any]) -> str:
    text = str(data.get("text") or data.get("name") or "")
    return text if len(text) <= 120 else text[:119] + "…"


def _part_parent(part_name: str, agreement: Agreement, parent_id: int | None) -> Any:
    part = PARTS[part_name]
    if part.parent == "agreement":
        return agreement
    if parent_id is None:
        return None
    if part.parent == "goal":
        return Goal.objects.filter(agreement=agreement, pk=parent_id).first()
    if part.parent == "indicator":
        return Indicator.objects.filter(goal__agreement=agreement, pk=parent_id).first()
    return agreement


@not_found_as_404
def part_edit(
    request: HttpRequest, pk: int, part_name: str, obj_pk: int | None = None
) -> HttpResponse:
    """Add (no obj_pk) or edit one part of an agreement; `?under=ID` names the goal/indicator."""
    if part_name not in PARTS:
        raise access.NotFound
    part = PARTS[part_name]
    agreement = access.access_agreement_for_user(request.user, pk, write=True)
    if part.strategic_only and not agreement.is_strategic:
        raise access.NotFound
    obj = None
    parent: Any = agreement
    if obj_pk is not None:
        obj = part.model._default_manager.filter(pk=obj_pk).first()  # type: ignore[attr-defined]
        if obj is None or part.agreement_of(obj) != agreement.pk:
            raise access.NotFound
    else:
        under = request.GET.get("under") or request.POST.get("under")
        parent = _part_parent(
            part_name, agreement, int(under) if under and under.isdigit() else None
        )
        if parent is None:
            raise access.NotFound
    back = reverse("agreement_detail", args=[agreement.pk])
    if obj is not None and request.method == "POST" and request.POST.get("delete"):
        try:
            revisions.change_agreement(
                agreement=agreement,
                user=request.user,
                action=f"{part.label.capitalize()} slettet: {obj}"[:300],
                reason=request.POST.get("change_reason", ""),
                change=lambda: part.delete(obj),
            )
            messages.success(request, f"{part.named(agreement)[1].capitalize()} er slettet.")
            return redirect(back)
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
            return redirect(request.path)
    initial = part.initial(obj) if obj is not None else {}
    form = part.form(request.POST or None, initial=initial, **part.form_kwargs(agreement))
    label, definite = part.named(agreement)
    reason = reason_form_for(request, agreement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        verb_done = "ændret" if obj is not None else "tilføjet"
        saved = apply_change(
            request,
            form,
            agreement,
            f"{part.label.capitalize()} {verb_done}: {_summary(data)}",
            lambda: part.save(agreement, parent, obj, data),
            reason_form=reason,
        )
        if saved is not None:
            messages.success(request, f"{definite.capitalize()} er gemt.")
            return redirect(back + f"#{part_name}-{saved.pk}")
    verb = "Ret" if obj is not None else "Tilføj"
    return render(
        request,
        "plans/form.html",
        {
            **plan_context(request, agreement.plan),
            **change_context(agreement, reason),
            "form": form,
            "title": f"{verb} {label}",
            "subtitle": str(parent) if obj is None and parent is not agreement else None,
            "under": request.GET.get("under", ""),
            "back": back,
            "can_delete": obj is not None,
            "fixed_notice": getattr(obj, "is_fixed", False),
        },
    )


# ---------------------------------------------------------------------------------------
# Interchange JSON: upload and download


@not_found_as_404
def plan_import_json(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug, write=True)
    form = forms.JsonUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = apply_form(
            form,
            lambda: plan_load_interchange(
                slug=plan.slug,
                documents=parse_interchange_bytes(check_uploaded_file(upload, allowed=("json",))),
                user=request.user,
            ),
        )
        if result is not None:
            messages.success(request, f"{len(result.agreements)} aftale(r) er indlæst.")
            return redirect("plan_detail", slug=plan.slug)
    return render(
        request,
        "plans/form.html",
        {
            **plan_context(request, plan),
            "form": form,
            "title": "Indlæs JSON",
            "multipart": True,
            "back": reverse("plan_detail", args=[plan.slug]),
        },
    )


@not_found_as_404
def agreement_json(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk)
    body = json.dumps(revisions.visible_data(request.user, agreement), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aftale-{agreement.pk}.json"'
    return response
