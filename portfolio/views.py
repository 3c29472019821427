"""The portfolio page and its XLSX download. Thin: access, the cached portfolio, the table.

A page view costs the access check, the reader's plans and the version stamp (two queries);
the table's HTML is cached under the portfolio's version, the reader's plans and the query
string as given, so a repeated view neither computes nor unpickles the portfolio.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from lib.http import attachment_disposition
from lib.views import not_found_as_404
from plans import access
from portfolio import selectors
from portfolio.table import PARTS, QUERY_KEYS, Table, build_table, parse_query, row_html, table_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Where the table goes in the page (the page is rendered around it, then the table's cached
# bytes put in): a comment no escaped text can contain.
SLOT = "<!--portfolio-table-->"


def _reader(request: HttpRequest) -> tuple[bool, set[int] | None, str]:
    """(drafts, the reader's plans or None for a reader of every plan, the portfolio's
    version key); NotFound for others."""
    if not access.can_read_portfolio(request.user):
        raise access.NotFound
    drafts = access.is_admin(request.user)
    visible = (
        None
        if access.reads_every_plan(request.user)
        else set(access.plans_visible_to(request.user).values_list("pk", flat=True))
    )
    key = selectors.version_key(drafts=drafts, today=timezone.localdate())
    return drafts, visible, key


def _table(request: HttpRequest, drafts: bool, visible: set[int] | None, key: str) -> Table:
    data = selectors.cached_portfolio(drafts=drafts, key=key)
    return build_table(data, visible, parse_query(request.GET, data, visible))


@not_found_as_404
def portfolio(request: HttpRequest) -> HttpResponse:
    """Every plan the reader reads, with LBF's fixed indicators side by side.

    The table is cached as encoded bytes under the portfolio's version, the reader's plans
    and the query string; a repeated view renders only the page around it."""
    drafts, visible, key = _reader(request)
    params = tuple((k, request.GET.get(k, "")[:200]) for k in QUERY_KEYS)
    readers = "every plan" if visible is None else tuple(sorted(visible))
    page_key = selectors.cache_key("page", key, readers, params)
    body = cache.get(page_key)
    if body is None:
        table = _table(request, drafts, visible, key)
        body = render_to_string(
            "portfolio/table.html",
            {
                "table": table,
                "parts": PARTS,
                "query": table.query,
                "threshold": selectors.suppress_below(),
                "sections": [
                    {
                        "period_code": section.period_code,
                        "columns": section.columns,
                        "rows": section.rows,
                        "earlier": section.earlier,
                        "html": mark_safe(  # noqa: S308 - row_html escapes every value
                            "\n".join(row_html(row, section.columns) for row in section.rows)
                        ),
                    }
                    for section in table.sections
                ],
            },
        ).encode()
        cache.set(page_key, body, selectors.CACHE_SECONDS)
    response = render(request, "portfolio/portfolio.html", {"body": mark_safe(SLOT)})  # noqa: S308
    response.content = response.content.replace(SLOT.encode(), body, 1)
    return response


@not_found_as_404
def portfolio_xlsx(request: HttpRequest) -> HttpResponse:
    drafts, visible, key = _reader(request)
    table = _table(request, drafts, visible, key)
    response = HttpResponse(table_xlsx(table, today=timezone.localdate()), content_type=XLSX)
    response["Content-Disposition"] = attachment_disposition("portefoelje.xlsx")
    return response
