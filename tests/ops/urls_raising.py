"""The project's URLs plus views that fail, to see the error pages a user would get."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urls


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret detail that must not be shown")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("bad")


urlpatterns = [
    *project_urls,
    path("test-fejl/", crash),
    path("api/test-fejl/", crash),
    path("test-forbudt/", forbidden),
    path("test-mistaenkelig/", suspicious),
]
