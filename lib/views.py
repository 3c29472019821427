"""Helpers every app's views share: the uniform 404 for what a user may not see, running a
service with a form (its ValidationError lands on the form), and the plan context every plan
page renders with."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from plans import access, revisions
from plans.revisions import closed_message

if TYPE_CHECKING:
    from plans.models import Agreement, Plan

View = Callable[..., HttpResponse]


def not_found_as_404(view: View) -> View:
    """`access.NotFound` (missing or forbidden, alike) becomes the same 404 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except access.AgreementClosed as closed:
            # a bookmark or a reminder's link to change an agreement of a period the plan
            # has left: its page, with why it cannot be changed
            messages.info(request, closed_message(closed.agreement))
            return redirect("agreement_detail", pk=closed.agreement.pk)
        except access.NotFound:
            raise Http404("Siden findes ikke, eller du har ikke adgang til den.") from None

    return login_required(wrapper)


def apply_form(
    form: Any,
    action: Callable[[], Any],
    *,
    request: HttpRequest | None = None,
    plan: Plan | None = None,
    log: str = "",
    elsewhere: dict[str, tuple[Any, str]] | None = None,
) -> Any:
    """Run a service with a valid form; a ValidationError lands on the form. Returns None then.

    A DomainError naming a service argument that is also a field of the form
    (`DomainError.argument`) is shown at that field; `elsewhere` maps an argument to the
    field of another form of the page (the reason of a change: `apply_change`). With `plan`
    and `log`, the change is written to the plan's audit log in the same transaction.
    """
    try:
        with transaction.atomic():
            result = action()
            if plan is not None and log and request is not None:
                revisions.audit(agreement=None, plan=plan, user=request.user, action=log)
            return result
    except ValidationError as error:
        argument = getattr(error, "argument", "")
        if argument in (elsewhere or {}) and not hasattr(error, "error_dict"):
            other, name = (elsewhere or {})[argument]
            other.errors  # noqa: B018 - validate first, so the error is added to a checked form
            for message in error.messages:
                other.add_error(name, message)
            return None
        if argument and argument in form.fields and not hasattr(error, "error_dict"):
            for message in error.messages:
                form.add_error(argument, message)
            return None
        if hasattr(error, "error_dict"):
            for field, errs in error.message_dict.items():
                target = field if field in form.fields else None
                for message in errs:
                    form.add_error(target, message)
        else:
            for message in error.messages:
                form.add_error(None, message)
        return None


def plan_context(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    return {
        "plan": plan,
        "can_edit": access.can_edit_plan(request.user, plan),
        "can_read_whole": access.can_read_whole_plan(request.user, plan),
        "can_read_log": access.can_read_change_log(request.user, plan),
        "can_approve": access.can_approve(request.user, plan),
        "roles": access.roles_in_plan(request.user, plan),
    }


# ---------------------------------------------------------------------------------------
# A recorded change of an agreement (plans and evaluation pages alike)


def change_context(agreement: Agreement, reason_form: Any = None) -> dict[str, Any]:
    """What every page that changes an agreement renders with: the edit stamp for the
    conflict check, the reason field of an approved agreement (`reason_form`: the page's
    bound one, else an empty one) and whether the board or LBF is deciding (locked)."""
    from plans.forms import ChangeReasonForm
    from plans.models import AgreementStatus

    needs_reason = revisions.needs_reason(agreement)
    if needs_reason and reason_form is None:
        reason_form = ChangeReasonForm(agreement=agreement)
    return {
        "agreement": agreement,
        "seen_seq": agreement.edit_seq,
        "needs_reason": needs_reason,
        "reason_form": reason_form if needs_reason else None,
        "locked_for_decision": agreement.status
        in (AgreementStatus.SUBMITTED, AgreementStatus.AWAITING_LBF),
        "statuses": AgreementStatus,  # the notice says who decides (includes/locked_notice.html)
    }


def reason_form_for(request: HttpRequest, agreement: Agreement) -> Any:
    """The reason field of a change, bound to what was posted (None for a draft)."""
    from plans.forms import ChangeReasonForm

    if not revisions.needs_reason(agreement):
        return None
    data = request.POST if request.method == "POST" else None
    return ChangeReasonForm(data, agreement=agreement)


def apply_change(
    request: HttpRequest,
    form: Any,
    agreement: Agreement,
    action: str,
    change: Callable[[], Any],
    *,
    reason_form: Any = None,
) -> Any:
    """Run `change` (a service call) as a recorded change of the agreement, with the posted
    reason and edit stamp (`revisions.change_agreement`), through `apply_form`: a missing
    reason stands at »Begrundelse for ændringen« (`reason_form`), other refusals on `form`."""
    seen = request.POST.get("seen_seq", "")
    return apply_form(
        form,
        lambda: revisions.change_agreement(
            agreement=agreement,
            user=request.user,
            action=action[:300],
            reason=request.POST.get("change_reason", ""),
            seen_seq=int(seen) if seen.isdigit() else None,
            change=change,
        ),
        elsewhere={"reason": (reason_form, "change_reason")} if reason_form is not None else None,
    )
