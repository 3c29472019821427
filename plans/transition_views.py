"""The »Ny bevillingsperiode« page and the page of a move made (plans.transition).

Two steps on one URL: choose the period and the grant date (a GET form), then confirm or
change the mapping of the indsatsområder (a formset, POSTed with the first step's values). The
service validates everything again and writes in one transaction; a DomainError lands on the
page in Danish.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lib.errors import messages_of
from lib.forms import BoundedForm, DanishDateField, DkfdsForm
from lib.views import not_found_as_404, plan_context
from plans import access, transition
from plans.models import (
    Agreement,
    FocusArea,
    FundingPeriod,
    PeriodTransition,
    Plan,
    ScopeKind,
)


class PeriodForm(DkfdsForm):
    periode = forms.ChoiceField(label="Ny bevillingsperiode")
    bevillingsdato = DanishDateField(
        label="Bevillingsdato",
        required=True,
        help_text=(
            "Den dag den nye bevilling gælder fra. De nye aftaler begynder da, og de "
            "foreslåede baselines bekræftes pr. denne dato. Fx 1. marts 2027"
        ),
    )

    def __init__(self, *args: Any, periods: list[FundingPeriod], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.periods = {p.code: p for p in periods}
        self.fields["periode"].choices = [("", "Vælg en periode")] + [  # type: ignore[attr-defined]
            (p.code, f"{p.name} ({p.code})") for p in periods
        ]
        if len(periods) == 1:  # the one period there is to move to stands chosen
            self.fields["periode"].initial = periods[0].code

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        code = data.get("periode")
        if code:
            data["period"] = self.periods[code]
            grant_date = data.get("bevillingsdato")
            if grant_date is not None:
                # the move's own rule, on the first step, beside the date field
                try:
                    transition.check_grant_date(data["period"], grant_date)
                except ValidationError as failure:
                    for message in messages_of(failure):
                        self.add_error("bevillingsdato", message)
        return data


class AreaForm(BoundedForm):
    agreement = forms.IntegerField(widget=forms.HiddenInput)
    area = forms.TypedChoiceField(
        label="Nyt indsatsområde", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, areas: list[FocusArea], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Overføres ikke")] + [  # type: ignore[attr-defined]
            (a.pk, a.name) for a in areas
        ]
        self.fields["area"].widget.attrs["class"] = "form-select"


AreaFormSet = forms.formset_factory(AreaForm, extra=0)


_NO_KIND = "Vælg, hvad baselinen gælder for."


class FixedScopeForm(BoundedForm):
    """What the proposed baseline of one fixed indicator of the new period is for (review
    F25): the scope `transition.fixed_baseline_scopes` proposes, which the koordinator may
    change; a changed one is checked by the move's own rule (`check_fixed_scope`)."""

    lbf_indicator = forms.IntegerField(widget=forms.HiddenInput)
    scope_kind = forms.ChoiceField(
        label="Omfang",
        choices=[(k, ScopeKind(k).label) for k in transition.AREA_KINDS],
        error_messages={"invalid_choice": "Vælg et omfang på listen.", "required": _NO_KIND},
    )
    scope = forms.CharField(label="Gælder for", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["scope_kind"].widget.attrs["class"] = "form-select"
        self.fields["scope"].widget.attrs["class"] = "form-input"

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        kind = data.get("scope_kind")
        if kind and self.has_changed():  # what the move proposed stands as proposed
            try:
                transition.check_fixed_scope(kind, data.get("scope") or "")
            except ValidationError as failure:
                for message in messages_of(failure):
                    self.add_error("scope", message)
        return data

    def full_clean(self) -> None:
        """Point each invalid input at its message beside it (WCAG 3.3.1)."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"
                attrs["aria-invalid"] = "true"


FixedScopeFormSet = forms.formset_factory(FixedScopeForm, extra=0)


def _plan(request: HttpRequest, slug: str) -> Plan:
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_move_to_new_period(request.user, plan):
        raise access.NotFound
    return plan


@not_found_as_404
def new_period(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    periods = transition.periods_to_move_to(plan)
    source = request.POST if request.method == "POST" else request.GET
    bound = "periode" in source or "bevillingsdato" in source
    form = PeriodForm(source if bound else None, periods=periods)
    context: dict[str, Any] = {
        **plan_context(request, plan),
        "form": form,
        "periods": periods,
        "current": list(
            Agreement.objects.filter(plan=plan, is_current=True).select_related("focus_area")
        ),
    }
    if not bound or not form.is_valid():
        return render(request, "plans/new_period.html", context)
    period: FundingPeriod = form.cleaned_data["period"]
    grant_date = form.cleaned_data["bevillingsdato"]
    choices = transition.propose_mapping(plan, period)
    areas = list(FocusArea.objects.filter(funding_period=period).order_by("order"))
    initial = [
        {"agreement": c.agreement.pk, "area": c.proposal.pk if c.proposal else None}
        for c in choices
    ]
    formset = AreaFormSet(
        request.POST if request.method == "POST" else None,
        initial=initial,
        form_kwargs={"areas": areas},
    )
    error: list[str] = []
    versions = transition.carried_versions(plan)
    # the drafts the koordinator chose to carry on instead of the version in force
    carry_drafts = frozenset(
        v.agreement.pk
        for v in versions
        if v.pending_draft and str(v.agreement.pk) in request.POST.getlist("kladde")
    )
    scopes = transition.fixed_baseline_scopes(
        plan, period, reading=transition.read_for_move(plan, carry_drafts, versions)
    )
    scope_formset = _scope_formset(request, scopes)
    fixed_scopes: dict[int, tuple[str, str]] = {}
    if request.method == "POST":
        fixed_scopes, scope_errors = _chosen_scopes(scope_formset, scopes)
        if scope_errors is None:
            # the rows posted are not the fixed indicators carried now (another version
            # chosen, or the plan changed): shown again, as now proposed
            scope_formset = _scope_formset(None, scopes)
            scope_errors = _STALE_SCOPES
        if not formset.is_valid():
            error.append("Vælg et indsatsområde eller »Overføres ikke« for hver delaftale.")
        error += scope_errors
    if request.method == "POST" and not error:
        mapping = {f.cleaned_data["agreement"]: f.cleaned_data.get("area") for f in formset}
        try:
            result = transition.plan_move_to_period(
                plan=plan,
                to_period=period,
                grant_date=grant_date,
                mapping=mapping,
                user=request.user,
                carry_drafts=carry_drafts,
                fixed_scopes=fixed_scopes,
            )
        except ValidationError as failure:
            error = messages_of(failure)
        else:
            messages.success(
                request,
                f"Planen er flyttet til bevillingsperioden {period.code}. De nye aftaler er "
                "kladder; bekræft baselines, når de er gennemgået.",
            )
            return redirect("plan_period_move", slug=plan.slug, pk=result.transition.pk)
    rows = list(zip(choices, formset.forms, strict=False))
    context.update(
        {
            "period": period,
            "grant_date": grant_date,
            "rows": rows,
            "scope_rows": list(zip(scopes, scope_formset.forms, strict=False)),
            "scope_formset": scope_formset,
            "formset": formset,
            "errors": error,
            "versions": versions,
            "carry_drafts": carry_drafts,
            "drafts_pending": any(v.pending_draft for v in versions),
            "unmapped_new": [
                a for a in areas if a.pk not in {c.proposal.pk for c in choices if c.proposal}
            ],
        }
    )
    return render(request, "plans/new_period_mapping.html", context)


def _scope_formset(
    request: HttpRequest | None, scopes: list[transition.FixedScope]
) -> forms.BaseFormSet:
    """The form's rows of the fixed indicators' baselines, bound to a POST that has them (a
    plan without fixed indicators to carry posts none)."""
    initial = [
        {"lbf_indicator": s.lbf_indicator_id, "scope_kind": s.scope_kind, "scope": s.scope}
        for s in scopes
    ]
    data = request.POST if request is not None and request.method == "POST" and scopes else None
    return FixedScopeFormSet(data, initial=initial, prefix="fast")


def _chosen_scopes(
    formset: forms.BaseFormSet, scopes: list[transition.FixedScope]
) -> tuple[dict[int, tuple[str, str]], list[str] | None]:
    """The scopes the koordinator changed, by LbfIndicator id, for `plan_move_to_period`;
    and the messages of what is wrong, in Danish (None: the rows posted are not for these
    indicators, `formset` is to be shown unbound)."""
    if not scopes:
        return {}, []
    if not formset.is_bound or formset.non_form_errors():  # none posted, or tampered with
        return {}, None
    posted = [getattr(f, "cleaned_data", {}).get("lbf_indicator") for f in formset.forms]
    if posted != [s.lbf_indicator_id for s in scopes]:
        return {}, None
    if not formset.is_valid():
        return {}, [
            f"»{scope.text}«: {message}"
            for scope, form in zip(scopes, formset.forms, strict=True)
            for field_messages in form.errors.values()
            for message in field_messages
        ]
    chosen: dict[int, tuple[str, str]] = {}
    for scope, form in zip(scopes, formset.forms, strict=True):
        kind, name = form.cleaned_data["scope_kind"], (form.cleaned_data.get("scope") or "")
        if (kind, name.strip()) != (scope.scope_kind, scope.scope.strip()):
            chosen[scope.lbf_indicator_id] = (kind, name.strip())
    return chosen, []


_STALE_SCOPES = [
    "De faste indikatorer, der overføres, er ændret, mens du valgte (fx fordi du valgte at "
    "overføre en kladde). Se omfanget af deres baselines igen, og bekræft."
]


@not_found_as_404
def period_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """What a move carried over, what not, and the baselines waiting for confirmation."""
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_whole_plan(request.user, plan):
        raise access.NotFound
    move = (
        PeriodTransition.objects.filter(plan=plan, pk=pk)
        .select_related("from_period", "to_period")
        .first()
    )
    if move is None:
        raise access.NotFound
    latest = move.to_period_id == plan.funding_period_id
    visible = set(access.agreements_visible_to(request.user, plan).values_list("pk", flat=True))
    return render(
        request,
        "plans/period_move.html",
        {
            **plan_context(request, plan),
            "move": move,
            # the agreements left: in force until the grant date while it has not come
            "left_state": transition.left_period_state(move.grant_date - dt.timedelta(days=1)),
            "proposed": transition.proposed_baselines(plan) if latest else [],
            "can_confirm": latest and access.can_move_to_new_period(request.user, plan),
            "closed": [
                a
                for a in transition.closed_agreements(plan)
                if a.closed_period_id == move.from_period_id and a.pk in visible
            ],
        },
    )


@require_POST
@not_found_as_404
def baseline_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug)
    if not PeriodTransition.objects.filter(plan=plan, pk=pk).exists():
        raise access.NotFound
    try:
        count = transition.baseline_confirm(plan=plan, user=request.user)
    except ValidationError as failure:
        for message in messages_of(failure):
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d baseline er bekræftet pr. bevillingsdatoen.",
                "%(n)d baselines er bekræftet pr. bevillingsdatoen.",
                count,
            )
            % {"n": count},
        )
        if note := transition.baseline_confirm_note(plan):
            messages.warning(request, note)
    return redirect("plan_period_move", slug=plan.slug, pk=pk)
