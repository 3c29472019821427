from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from lib.danish import format_date, format_number, format_percent

register = template.Library()


@register.filter
def danish_date(value: Any) -> str:
    """`2021-09-01` (or a date) → `1. september 2021`; anything else unchanged."""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return "" if value is None else str(value)


@register.filter
def number(value: Any) -> str:
    """A number the Danish way everywhere a page shows one: `1.200`, `7,1`; "" for None.
    (Django's floatformat writes `92,10` and no thousands separator.)"""
    return "" if value is None or value == "" else format_number(value)


@register.filter
def percent(value: Any) -> str:
    """A share with its sign, the Danish way: `7,1 %`; "" for None."""
    return "" if value is None or value == "" else format_percent(value)


@register.filter
def listed_without_sheet(data: dict[str, Any]) -> list[str]:
    """The agreement's activity names that have no sheet of their own (sheets are shown
    in full, so their names are not listed twice)."""
    with_sheet = {s.get("name") for s in data.get("activities") or []}
    return [n for n in data.get("activity_names") or [] if n not in with_sheet]
