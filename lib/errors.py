"""The one error type for domain rules, mapped once to Danish HTML messages and JSON errors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

ECHO = 40  # how much of a bad input a message repeats


def echo(text: object, limit: int = ECHO) -> str:
    """A user's input as a message repeats it: the first `limit` characters and »…«
    (a 5,000-character bad date is not written back whole)."""
    shown = str(text)
    return shown if len(shown) <= limit else shown[:limit].rstrip() + "…"


class DomainError(ValidationError):
    """A rule of the domain was broken; the message is Danish and meant for the user.

    It is a ValidationError so forms, the API and the CLI report it the way they report any
    other validation failure. `argument` names the service's keyword argument the rule is
    about (`meeting_date`): a form with a field of that name shows the message at the field
    (`lib.views.apply_form`); the API and the command line show the same words.
    """

    def __init__(
        self, message: Any, code: str | None = None, params: Any = None, *, argument: str = ""
    ) -> None:
        super().__init__(message, code, params)
        self.argument = argument


def messages_of(error: ValidationError) -> list[str]:
    """Every message of a ValidationError, field names included where there are any."""
    if hasattr(error, "error_dict"):
        result = []
        for name, errors in error.message_dict.items():
            for message in errors:
                result.append(message if name == "__all__" else f"{name}: {message}")
        return result
    return list(error.messages)
