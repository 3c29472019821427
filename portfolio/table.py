"""The portfolio as this reader asks for it: their plans, filtered and sorted; and as XLSX.

Pure functions over `selectors.Portfolio` (no database): the page and the download show the
same rows in the same order.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.html import escape

from followup.status import Status
from lib.sheets import xlsx_row
from plans.access import municipality_key
from portfolio.selectors import Cell, Column, PlanRow, Portfolio

PARTS = (
    ("omraade", "Område"),
    ("kommune", "Kommune"),
    ("aendring", "Ændring siden baseline"),
    ("status", "Status"),
)
PLAIN_SORTS = ("plan", "kommune", "periode", "ajour")
QUERY_KEYS = ("periode", "kommune", "indsatsomraade", "sorter", "retning")
STATUS_ORDER = {s.value: i for i, s in enumerate(Status)}
CHECK_HEADERS = ("aftaler godkendt", "årets opfølgning", "værdier registreret", "krævede bilag")


@dataclass(frozen=True)
class Query:
    period: str = ""
    municipality: str = ""
    area: str = ""
    sort: str = "plan"
    descending: bool = False

    def params(self, **change: Any) -> str:
        """The query string of this view with some values changed (for sort links)."""
        from urllib.parse import urlencode

        values = {
            "periode": self.period,
            "kommune": self.municipality,
            "indsatsomraade": self.area,
            "sorter": self.sort,
            "retning": "ned" if self.descending else "op",
        }
        values.update(change)
        return urlencode({k: v for k, v in values.items() if v})


@dataclass
class Table:
    query: Query
    columns: list[Column]
    rows: list[PlanRow]
    periods: list[str]
    municipalities: list[str]
    areas: list[str]
    total: int  # the reader's plans before filtering

    @property
    def up_to_date_count(self) -> int:
        return sum(1 for r in self.rows if r.checks and r.up_to_date == len(r.checks))


def sort_keys(columns: list[Column]) -> set[str]:
    return set(PLAIN_SORTS) | {f"{c.key}-{part}" for c in columns for part, _ in PARTS}


def municipality_choices(rows: list[PlanRow]) -> dict[str, str]:
    """Each municipality once (by `municipality_key`), shown as its most common spelling
    among these plans (ties: the first in sort order)."""
    spellings: dict[str, Counter[str]] = {}
    for r in rows:
        key = municipality_key(r.municipality)
        if key:
            spellings.setdefault(key, Counter())[" ".join(r.municipality.split())] += 1
    return {
        key: min(counts, key=lambda name: (-counts[name], name))
        for key, counts in spellings.items()
    }


def parse_query(params: Mapping[str, str], data: Portfolio, visible: set[int]) -> Query:
    """The filters and sort asked for; anything unknown is ignored (never an error page)."""
    mine = [r for r in data.rows if r.plan_id in visible]
    periods = {r.period_code for r in mine}
    municipalities = municipality_choices(mine)
    areas = {a for r in mine for a in r.focus_areas}
    period = params.get("periode", "")
    municipality = municipalities.get(municipality_key(params.get("kommune", "")), "")
    area = params.get("indsatsomraade", "")
    sort = params.get("sorter", "plan")
    return Query(
        period=period if period in periods else "",
        municipality=municipality,
        area=area if area in areas else "",
        sort=sort if sort in sort_keys(data.columns) else "plan",
        descending=params.get("retning") == "ned",
    )


def _cell_value(cell: Cell | None, part: str) -> Any:
    if cell is None:
        return None
    if part == "omraade":
        return cell.area_value
    if part == "kommune":
        return cell.municipality_value
    if part == "aendring":
        return cell.change_value
    return STATUS_ORDER.get(cell.status) if cell.status else None


def _sort_value(row: PlanRow, sort: str) -> Any:
    if sort == "plan":
        return row.name.casefold()
    if sort == "kommune":
        return row.municipality.casefold()
    if sort == "periode":
        return row.period_code
    if sort == "ajour":
        return row.up_to_date
    key, _, part = sort.rpartition("-")
    return _cell_value(row.cells.get(key), part)


def build_table(data: Portfolio, visible: set[int], query: Query) -> Table:
    mine = [r for r in data.rows if r.plan_id in visible]
    rows = [
        r
        for r in mine
        if (not query.period or r.period_code == query.period)
        and (
            not query.municipality
            or municipality_key(r.municipality) == municipality_key(query.municipality)
        )
        and (not query.area or query.area in r.focus_areas)
    ]
    present = {r.period_code for r in rows}
    columns = [c for c in data.columns if c.period_code in present]
    # None (nothing to show) last in either direction; ties by name.
    with_value = [r for r in rows if _sort_value(r, query.sort) is not None]
    without = [r for r in rows if _sort_value(r, query.sort) is None]
    with_value.sort(key=lambda r: r.name.casefold())
    with_value.sort(key=lambda r: _sort_value(r, query.sort), reverse=query.descending)
    without.sort(key=lambda r: r.name.casefold())
    return Table(
        query=query,
        columns=columns,
        rows=with_value + without,
        periods=sorted({r.period_code for r in mine}),
        municipalities=sorted(municipality_choices(mine).values()),
        areas=sorted({a for r in mine for a in r.focus_areas}),
        total=len(mine),
    )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def table_xlsx(table: Table) -> bytes:
    """The table as one sheet: a plan a row, each fixed indicator as four columns (numbers as
    numbers), the »ajour« checks; text that looks like a formula is written as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Portefølje"
    header = ["Plan", "Kommune", "Bevillingsperiode", "Indsatsområder", "Ajour (af 4)"]
    header += [f"Ajour: {label}" for label in CHECK_HEADERS]
    for column in table.columns:
        header += [f"{column.text} – {label}" for _, label in PARTS]
    xlsx_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        values: list[Any] = [
            row.name,
            row.municipality,
            row.period_code,
            ", ".join(row.focus_areas),
            row.up_to_date,
        ]
        values += [("ja" if c.ok else "nej") + f" ({c.detail})" for c in row.checks]
        for column in table.columns:
            cell = row.cells.get(column.key)
            if cell is None:
                values += [None, None, None, None]
                continue
            values += [
                _number(cell.area_value),
                _number(cell.municipality_value),
                _number(cell.change_value),
                cell.status_label or None,
            ]
        xlsx_row(sheet, values)
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_html(row: PlanRow, columns: list[Column]) -> str:
    """One plan's table row. Written here rather than in the template: 150 plans × nine
    indicators × four cells took the template engine about a second; this takes milliseconds.
    Every value is escaped."""
    dashboard = reverse("followup_dashboard", args=[row.slug])
    checks = "".join(
        f'<li class="{"is-ok" if c.ok else "is-missing"}"><span class="sr-only">'
        f"{'Ja' if c.ok else 'Nej'}: "
        f"{escape(c.label)}: {escape(c.detail)}</span>"
        f'<span aria-hidden="true">{escape(c.short)}</span></li>'
        for c in row.checks
    )
    out = [
        f'<tr><th scope="row"><a href="{escape(dashboard)}">{escape(row.name)}</a></th>'
        f"<td>{escape(row.municipality or '–')}</td><td>{escape(row.period_code)}</td>"
        f'<td><strong>{escape(row.up_to_date_text)}</strong><ul class="app-portfolio-checks">'
        f"{checks}</ul></td>"
    ]
    for column in columns:
        cell = row.cells.get(column.key)
        if cell is None:
            out.append('<td colspan="4" class="app-missing">ikke i planens periode</td>')
            continue
        badge = (
            f'<span class="badge {escape(cell.badge)}">{escape(cell.status_label)}</span>'
            if cell.status_label
            else ""
        )
        out.append(
            f"<td>{escape(cell.area)}</td><td>{escape(cell.municipality)}</td>"
            f"<td>{escape(cell.change)}</td><td>{badge}</td>"
        )
    out.append("</tr>")
    return "".join(out)
