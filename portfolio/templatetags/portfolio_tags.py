"""The header's link to the portfolio, for those who read it (no query after the first
access check of a request: memberships are cached on the user)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html

from plans import access

register = template.Library()


@register.simple_tag(takes_context=True)
def portfolio_link(context: Any) -> str:
    request = context.get("request")
    if request is None or not access.can_read_portfolio(request.user):
        return ""
    return format_html(
        '<a class="app-portfolio-link" href="{}">Portefølje</a>', reverse("portfolio")
    )


@register.simple_tag(takes_context=True)
def sort_link(context: Any, key: str, label: str) -> str:
    """A column header's link: sorts by the column, ascending, or the other way when it is
    the column sorted by now; says so for screen readers."""
    query = context["query"]
    current = query.sort == key
    descending = not query.descending if current else False
    href = "?" + query.params(sorter=key, retning="ned" if descending else "op")
    arrow = ("↓" if query.descending else "↑") if current else ""
    return format_html(
        '<a href="{}">{}{}</a>{}',
        href,
        label,
        format_html(' <span aria-hidden="true">{}</span>', arrow) if arrow else "",
        format_html(
            '<span class="sr-only"> (sorteret {})</span>',
            "faldende" if query.descending else "stigende",
        )
        if current
        else "",
    )


@register.filter
def get_cell(cells: dict[str, Any], key: str) -> Any:
    return cells.get(key)
