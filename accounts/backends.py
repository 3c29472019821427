"""Login throttling: django-axes' check, before Django's own password check."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a locked-out username whatever the password (axes raises PermissionDenied, so
    Django stops before ModelBackend checks it).

    Axes insists on the request; code in this process that authenticates without one (the
    test client's `login`, a shell) is not a login attempt from the network, so it is passed
    on to ModelBackend unthrottled rather than refused with an exception.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)  # type: ignore[no-any-return]
