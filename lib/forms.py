"""Form fields that read Danish numbers and dates, and a form mixin for the DKFDS layout."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from lib.danish import format_date, format_number, parse_date, parse_number
from lib.errors import DomainError, echo

# How long a typed text may be, by kind of field: the one rule every form, the API, the
# command line and the import go by. A form's CharField without its own max_length gets
# LINE (one-line input) or LONG (a textarea); a field names PARAGRAPH where it is a note.
SHORT = 200  # a name, a title, a number or a date written as text
LINE = 500  # one line: a place, a source, »Gælder for«
ITEM = 1_000  # a goal's (delmål's) or an indicator's text: a sentence or two
PARAGRAPH = 4_000  # a note, a reason
LONG = 20_000  # long text: a description, the data a seminar looked at

TOO_LONG = "Højst {limit} tegn (du skrev {length})."


def too_long(text: str | None, limit: int) -> str:
    """The Danish message when `text` is longer than `limit` characters, else ''."""
    length = len(text or "")
    if length <= limit:
        return ""
    return TOO_LONG.format(limit=format_number(limit), length=format_number(length))


class TextBound(MaxLengthValidator):
    """Django's length check with the one Danish message (numbers written the Danish way)."""

    def __call__(self, value: Any) -> None:
        if message := too_long(value, self.limit_value):  # type: ignore[arg-type]
            raise ValidationError(message, code="max_length")


def check_text_bounds(**texts: tuple[str | None, int]) -> None:
    """For services: refuse, before anything is written, a text over its bound.

    `check_text_bounds(note=(note, PARAGRAPH))` raises DomainError naming the argument (a form
    with a field of that name shows it there; the API and the CLI show the same words).
    """
    for argument, (text, limit) in texts.items():
        message = too_long(text, limit)
        if message:
            raise DomainError(message, code="max_length", argument=argument)


def bound_field(field: forms.Field) -> None:
    """Give a text field a maximum (by its kind) and the Danish message for going over it.

    The browser's `maxlength` is left off: it would cut a pasted text silently; the server
    says how much too long it is and keeps what was typed.
    """
    if not isinstance(field, forms.CharField):
        return
    if field.max_length is None:
        textarea = isinstance(field.widget, forms.Textarea)
        field.max_length = LONG if textarea else SHORT if _is_value(field) else LINE
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    if not _is_value(field):  # a date or a number: `to_python` checks the text's length
        field.validators.append(TextBound(field.max_length))
    field.widget.attrs.pop("maxlength", None)


def _is_value(field: forms.Field) -> bool:
    return isinstance(field, DanishDateField | DanishDecimalField)


class BoundedForm(forms.Form):
    """A form whose every text field has a maximum (`bound_field`): the declared ones when
    the class is made, those added in `__init__` when the form is made or cleaned."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("declared_fields")
        if own is None:
            return
        # A text field inherited unbounded (from Django's own forms: the login's password)
        # is copied into this class and bounded here, not in the class it came from.
        for base in cls.__mro__[1:]:
            for name, field in getattr(base, "base_fields", {}).items():
                if name not in own and isinstance(field, forms.CharField) and not field.max_length:
                    own[name] = copy.deepcopy(field)
        for field in own.values():
            bound_field(field)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            bound_field(field)

    def full_clean(self) -> None:
        for field in self.fields.values():  # those a subclass added after __init__ above
            bound_field(field)
        super().full_clean()


class DanishDecimalField(forms.CharField):
    """Accepts `8.064`, `6,3`, `6,3 %` and plain `6.3`; gives a Decimal or None."""

    def __init__(
        self,
        *,
        min_value: Decimal | int | None = None,
        max_value: Decimal | int | None = None,
        **kwargs: Any,
    ):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.min_value, self.max_value = min_value, max_value
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return format_number(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(too_long(text, self.max_length), code="max_length")
        number = parse_number(text)
        if number is None:
            raise ValidationError(
                "»%(value)s« er ikke et tal. Skriv fx 8.064 eller 6,3.",
                code="invalid",
                params={"value": echo(text)},
            )
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(
                "Tallet skal være mindst %(limit)s.", params={"limit": self.min_value}
            )
        if self.max_value is not None and number > self.max_value:
            raise ValidationError(
                "Tallet må højst være %(limit)s.", params={"limit": self.max_value}
            )
        return number


class DanishDateField(forms.CharField):
    """Accepts `1. september 2021`, `1.9.2021`, `01.09.21` and `2021-09-01`."""

    def __init__(self, *, end_of_month: bool = False, **kwargs: Any):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Fx 1. september 2021 eller 01.09.2021")
        super().__init__(**kwargs)
        self.end_of_month = end_of_month

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return format_date(value)
        return value

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(too_long(text, self.max_length), code="max_length")
        date = parse_date(text, end_of_month=self.end_of_month)
        if date is None:
            raise ValidationError(
                "»%(value)s« er ikke en dato. Skriv fx 1. september 2021 eller 01.09.2021.",
                code="invalid",
                params={"value": echo(text)},
            )
        return date


class PeriodFormMixin:
    """Checks that a form's period_start comes before its period_end."""

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", "Perioden skal slutte efter den begynder.")  # type: ignore[attr-defined]
        return data


class DkfdsForm(BoundedForm):
    """A form whose widgets carry Det Fælles Designsystem's classes and ARIA links."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-checkbox")
                continue
            if isinstance(widget, forms.CheckboxInput):
                # DKFDS draws the box on the label after a .form-checkbox; as .form-input
                # it was an empty text field's thin frame with no box to tick.
                widget.attrs["class"] = "form-checkbox"
                if field.help_text:
                    widget.attrs["aria-describedby"] = f"id_{name}_hint"
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-input"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def full_clean(self) -> None:
        """After validation, point each invalid input at its error message (WCAG 3.3.1)."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} id_{name}_error".strip()
                widget.attrs["aria-invalid"] = "true"
