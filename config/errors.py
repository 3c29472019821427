"""Our own Danish error pages (400, 403, CSRF failure, 404, 500), HTML or JSON for the API.

Nothing here shows a URL pattern, a setting or a traceback: with DEBUG off (the default)
Django calls these handlers instead of its technical pages. The 500 page renders without the
request or the database, since either may be what failed.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

from lib.uploads import UploadTooLarge

_API_PREFIX = "/api/"


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(_API_PREFIX)


def _json(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"fejl": [message]}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _page(
    request: HttpRequest | None, template: str, status: int, **context: object
) -> HttpResponse:
    body = loader.get_template(template).render(context, request)
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request_message(exception: BaseException | None) -> str:
    if isinstance(exception, UploadTooLarge):
        return exception.message
    if isinstance(exception, RequestDataTooBig):
        return "Forespørgslen er for stor, og intet er gemt. Send en mindre fil eller færre data."
    if isinstance(exception, TooManyFieldsSent):
        return "Formularen har for mange felter, og intet er gemt."
    return "Serveren kunne ikke forstå forespørgslen, så intet er gemt."


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    message = bad_request_message(exception)
    if _wants_json(request):
        return _json(400, message)
    return _page(request, "errors/400.html", 400, message=message)


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    if _wants_json(request):
        return _json(403, "Du har ikke adgang til at gøre dette.")
    return _page(request, "errors/403.html", 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if _wants_json(request):
        return _json(
            403, "Forespørgslen mangler et gyldigt CSRF-token (X-CSRFToken); intet er gemt."
        )
    return _page(request, "errors/403_csrf.html", 403)


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    if _wants_json(request):
        return _json(404, "Findes ikke, eller du har ikke adgang.")
    return _page(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return _json(500, "Der skete en fejl i programmet, og intet er gemt. Prøv igen om lidt.")
    return _page(None, "errors/500.html", 500)
