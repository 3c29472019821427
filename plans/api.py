"""The JSON API: the interchange format over HTTP for signed-in users.

GET  /api/planer/                       plans the user may read
GET  /api/planer/<slug>/aftaler/        the plan's current agreements the user may read
POST /api/planer/<slug>/aftaler/        load one agreement or a list (koordinator, admin)
GET  /api/aftaler/<id>/                 one agreement

Errors are JSON: {"fejl": [Danish messages]} with 400, 401, 404 or 405. Every body is read
through `request_json` (the one JSON guard, `lib.jsonguard.load_json`: size and depth bounded,
a Danish message, never a 500).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse

from lib.errors import DomainError, messages_of
from lib.jsonguard import load_json
from lib.uploads import size_problem
from plans import access, revisions
from plans.loading import parse_interchange_bytes, plan_load_interchange
from plans.models import Plan
from plans.period_now import plan_period_json
from plans.selectors import agreement_to_interchange, plan_agreements


def _error(status: int, *messages: str) -> JsonResponse:
    return JsonResponse(
        {"fejl": list(messages)}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def request_body(request: HttpRequest) -> bytes:
    """The request's body, or DomainError (Danish) when it is over the upload limit."""
    try:
        return request.body
    except RequestDataTooBig:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        limit = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or settings.MAX_UPLOAD_BYTES)
        raise DomainError(
            size_problem(max(size, limit + 1), limit=limit, what="Indholdet")
            or "Indholdet er for stort."
        ) from None


def request_json(request: HttpRequest, *, empty: Any = None) -> Any:
    """The request's JSON body through the one guard; `empty` for a body that is empty."""
    raw = request_body(request)
    if not raw.strip() and empty is not None:
        return empty
    return load_json(raw, what="Indholdet")


def api_view(
    methods: tuple[str, ...],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return _error(401, "Log ind for at bruge API'et.")
            if request.method not in methods:
                return _error(405, f"Metoden {request.method} understøttes ikke her.")
            try:
                return view(request, *args, **kwargs)
            except access.NotFound:
                return _error(404, "Findes ikke, eller du har ikke adgang.")
            except ValidationError as error:
                return _error(400, *messages_of(error))

        return wrapper

    return decorate


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


@api_view(("GET",))
def plans(request: HttpRequest) -> HttpResponse:
    return _json(
        [
            {
                "slug": p.slug,
                "name": p.name,
                "municipality": p.municipality,
                "lbf_case_number": p.lbf_case_number,
                # the period in force today (a move waiting for its grant date: `next`)
                "period": plan_period_json(p),
            }
            for p in access.plans_visible_to(request.user).select_related("funding_period")
        ]
    )


@api_view(("GET", "POST"))
def plan_agreements_api(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method == "POST":
        if not Plan.objects.filter(slug=slug).exists() and access.can_manage_plans(request.user):
            pass  # an administrator may create a plan by loading into a new slug
        else:
            access.access_plan_for_user(request.user, slug, write=True)
        result = plan_load_interchange(
            slug=slug, documents=parse_interchange_bytes(request_body(request)), user=request.user
        )
        return _json(
            {
                "plan": result.plan.slug,
                "oprettet": result.plan_created,
                "aftaler": [a.pk for a in result.agreements],
            },
            status=201,
        )
    plan = access.access_plan_for_user(request.user, slug)
    agreements = plan_agreements(plan, access.agreements_visible_to(request.user, plan))
    return _json(
        [
            {
                "id": a.pk,
                **(
                    agreement_to_interchange(a).to_dict()
                    if access.sees_working_copy(request.user, a)
                    else revisions.visible_data(request.user, a)
                ),
            }
            for a in agreements
        ]
    )


@api_view(("GET",))
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.access_agreement_for_user(request.user, pk)
    return _json({"id": found.pk, **revisions.visible_data(request.user, found)})
