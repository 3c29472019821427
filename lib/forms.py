"""Form fields that read Danish numbers and dates, and a form mixin for the DKFDS layout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from lib.danish import format_date, format_number, parse_date, parse_number


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
        number = parse_number(text)
        if number is None:
            raise ValidationError(
                "»%(value)s« er ikke et tal. Skriv fx 8.064 eller 6,3.",
                code="invalid",
                params={"value": text},
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
        date = parse_date(text, end_of_month=self.end_of_month)
        if date is None:
            raise ValidationError(
                "»%(value)s« er ikke en dato. Skriv fx 1. september 2021 eller 01.09.2021.",
                code="invalid",
                params={"value": text},
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


class DkfdsForm(forms.Form):
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
