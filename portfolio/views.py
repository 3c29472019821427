"""The portfolio page and its XLSX download. Thin: access, the cached portfolio, the table."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from lib.http import attachment_disposition
from lib.views import not_found_as_404
from plans import access
from portfolio import selectors
from portfolio.table import PARTS, Table, build_table, parse_query, table_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _table(request: HttpRequest) -> tuple[Table, str, int]:
    if not access.can_read_portfolio(request.user):
        raise access.NotFound
    drafts = access.is_admin(request.user)
    data, key = selectors.cached_portfolio(drafts=drafts)
    visible = set(access.plans_visible_to(request.user).values_list("pk", flat=True))
    query = parse_query(request.GET, data, visible)
    table = build_table(data, visible, query)
    key = selectors.cache_key("view", key, tuple(sorted(visible)), query)
    return table, key, data.threshold


@not_found_as_404
def portfolio(request: HttpRequest) -> HttpResponse:
    """Every plan the reader reads, with LBF's fixed indicators side by side. The table body
    is cached with the data's version, the reader's plans and the query."""
    table, key, threshold = _table(request)
    body = cache.get(key)
    if body is None:
        body = render_to_string(
            "portfolio/table.html",
            {"table": table, "parts": PARTS, "query": table.query, "threshold": threshold},
        )
        cache.set(key, body, selectors.CACHE_SECONDS)
    return render(
        request,
        "portfolio/portfolio.html",
        {"table": table, "body": mark_safe(body), "query": table.query},  # noqa: S308
    )


@not_found_as_404
def portfolio_xlsx(request: HttpRequest) -> HttpResponse:
    table, _, _ = _table(request)
    response = HttpResponse(table_xlsx(table), content_type=XLSX)
    response["Content-Disposition"] = attachment_disposition("portefoelje.xlsx")
    return response
