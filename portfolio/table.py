"""The portfolio as this reader asks for it: their plans, filtered and sorted; and as XLSX.

Pure functions over `selectors.Portfolio` (no database): the page and the download show the
same rows in the same order.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from followup.status import Status
from lib.danish import format_date
from lib.sheets import is_formula_like
from plans.access import municipality_key
from portfolio.selectors import Cell, Check, Column, PlanRow, Portfolio

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
    # a kommune asked for that is none of the reader's plans' (F33): said, not silently dropped
    unknown_municipality: str = ""

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
class Section:
    """The plans of one funding period with that period's fixed indicators as columns."""

    period_code: str
    columns: list[Column]
    rows: list[PlanRow]

    @property
    def earlier(self) -> int:
        return sum(1 for r in self.rows if r.closed)


@dataclass
class Table:
    query: Query
    sections: list[Section]
    periods: list[str]
    municipalities: list[str]
    areas: list[str]
    total: int  # the reader's plans before filtering

    @property
    def rows(self) -> list[PlanRow]:
        return [r for section in self.sections for r in section.rows]

    @property
    def columns(self) -> list[Column]:
        return [c for section in self.sections for c in section.columns]

    @property
    def plans_shown(self) -> int:
        return len({r.plan_id for r in self.rows})

    @property
    def up_to_date_count(self) -> int:
        return sum(1 for r in self.rows if r.judged and is_up_to_date(r))


def is_up_to_date(row: PlanRow) -> bool:
    """Whether every »ajour« check of the plan holds (the one rule for the page's count and
    its tick)."""
    return bool(row.checks) and all(c.ok for c in row.checks)


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


def _mine(rows: list[PlanRow], visible: set[int] | None) -> list[PlanRow]:
    """The rows of the reader's plans (`visible`; None: a reader of every plan)."""
    return list(rows) if visible is None else [r for r in rows if r.plan_id in visible]


def _periods(data: Portfolio, visible: set[int] | None) -> list[str]:
    """The periods to filter by: those the reader's plans are in now or have left, in the
    order of the periods (the columns are ordered by the periods' start)."""
    codes = {r.period_code for r in _mine(data.rows + data.earlier, visible)}
    order = {c.period_code: i for i, c in reversed(list(enumerate(data.columns)))}
    return sorted(codes, key=lambda code: (order.get(code, len(order)), code))


def parse_query(params: Mapping[str, str], data: Portfolio, visible: set[int] | None) -> Query:
    """The filters and sort asked for; anything unknown is ignored (never an error page)."""
    mine = _mine(data.rows, visible)
    periods = set(_periods(data, visible))
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
        unknown_municipality=("" if municipality else params.get("kommune", "").strip()[:100]),
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
        return row.up_to_date if row.judged else None
    key, _, part = sort.rpartition("-")
    return _cell_value(row.cells.get(key), part)


def _sorted(rows: list[PlanRow], query: Query) -> list[PlanRow]:
    # None (nothing to show) last in either direction; ties by name, the plan's period now
    # before a period it has left.
    with_value = [r for r in rows if _sort_value(r, query.sort) is not None]
    without = [r for r in rows if _sort_value(r, query.sort) is None]
    with_value.sort(key=lambda r: (r.name.casefold(), r.closed))
    with_value.sort(key=lambda r: _sort_value(r, query.sort), reverse=query.descending)
    without.sort(key=lambda r: (r.name.casefold(), r.closed))
    return with_value + without


def build_table(data: Portfolio, visible: set[int] | None, query: Query) -> Table:
    """The reader's plans as asked for. Every plan is shown in its funding period now, with
    that period's fixed indicators; without a period filter one section per period (never a
    column of a period the plan is not in). A period chosen also shows the plans that have
    left it, with that period's values (`PlanRow.closed`), so the old values stay reachable.
    """
    mine = _mine(data.rows, visible)
    candidates = mine
    if query.period:
        candidates = [r for r in mine if r.period_code == query.period] + [
            r for r in _mine(data.earlier, visible) if r.period_code == query.period
        ]
    rows = [
        r
        for r in candidates
        if (
            not query.municipality
            or municipality_key(r.municipality) == municipality_key(query.municipality)
        )
        and (not query.area or query.area in r.focus_areas)
    ]
    periods = _periods(data, visible)
    sections = []
    for code in periods:
        in_period = [r for r in rows if r.period_code == code]
        if in_period:
            columns = [c for c in data.columns if c.period_code == code]
            sections.append(Section(code, columns, _sorted(in_period, query)))
    return Table(
        query=query,
        sections=sections,
        periods=periods,
        municipalities=sorted(municipality_choices(mine).values()),
        areas=sorted({a for r in mine for a in r.focus_areas}),
        total=len({r.plan_id for r in mine}),  # a plan moving on has two rows
    )


def _number(value: Decimal | None, unit: str = "") -> float | None:
    """A cell's value for the sheet: a share (»26,0 %«) as the fraction Excel formats as a
    percentage (0.26), anything else as it is."""
    if value is None:
        return None
    return float(value / 100) if unit == "percent" else float(value)


# Excel's number formats (the format codes use ».« and »,« whatever the reader's locale).
PERCENT_FORMAT = "0.0%"
POINTS_FORMAT = '+0.0" procentpoint";-0.0" procentpoint";0.0" procentpoint"'
COUNT_FORMAT = "#,##0"
FIXED_HEADERS = ("Plan", "Kommune", "Bevillingsperiode", "Indsatsområder", "Ajour (af 4)")
# The sheet's first rows: its title, then the header (frozen, with the auto-filter).
HEADER_ROW = 2


def filters_text(query: Query, today: dt.date) -> str:
    """What the sheet shows, in Danish: »Portefølje – kommune: Lilleby Kommune; sorteret
    efter plan – dannet 2. december 2026«."""
    said = []
    if query.period:
        said.append(f"bevillingsperiode: {query.period}")
    if query.municipality:
        said.append(f"kommune: {query.municipality}")
    if query.area:
        said.append(f"indsatsområde: {query.area}")
    filters = "; ".join(said) if said else "alle planer"
    return f"Portefølje – {filters} – dannet {format_date(today)}"


def table_xlsx(table: Table, *, today: dt.date | None = None) -> bytes:
    """The table as one sheet per period: a title row with the filters and the date, a
    frozen header row with an auto-filter, a plan a row, each fixed indicator as four columns
    (shares as numbers in a percent format, changes in percentage points), the »ajour«
    checks; text that looks like a formula is written as text. Written in openpyxl's
    write-only mode (streamed: a third of the time)."""
    from openpyxl import Workbook

    today = today or timezone.localdate()
    book = Workbook(write_only=True)
    sections = table.sections or [Section("", [], [])]
    title = filters_text(table.query, today)
    for section in sections:
        name = (
            "Portefølje"
            if len(sections) == 1
            else f"Portefølje {section.period_code}"[:31].replace("/", "-")
        )
        _sheet(book.create_sheet(name), section, title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cells(
    sheet: Any, values: list[Any], font: Any = None, formats: list[str] | None = None
) -> list[Any]:
    """A row of write-only cells: formula-like text as text (`lib.sheets.is_formula_like`),
    `font` on every cell if given, and each number its format (`formats`, "" for none)."""
    from openpyxl.cell import WriteOnlyCell

    if font is None and not formats and not any(is_formula_like(v) for v in values):
        return values
    cells = []
    for i, value in enumerate(values):
        cell = WriteOnlyCell(sheet, value=value)
        if is_formula_like(value):
            cell.data_type = "s"
        if font is not None:
            cell.font = font
        if formats and formats[i] and isinstance(value, int | float):
            cell.number_format = formats[i]
        cells.append(cell)
    return cells


def _value_formats(unit: str) -> list[str]:
    """The number formats of an indicator's four columns (area, municipality, change,
    status)."""
    if unit == "percent":
        return [PERCENT_FORMAT, PERCENT_FORMAT, POINTS_FORMAT, ""]
    if unit == "count":
        return [COUNT_FORMAT, COUNT_FORMAT, "+#,##0;-#,##0;0", ""]
    return ["", "", "", ""]


def _sheet(sheet: Any, section: Section, title: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header = list(FIXED_HEADERS)
    header += [f"Ajour: {label}" for label in CHECK_HEADERS]
    for column in section.columns:
        header += [f"{column.text} – {label}" for _, label in PARTS]
    # widths (set before the first row in write-only mode): names and checks wide enough to
    # read, the indicators' value columns narrow with their header wrapped
    widths = [34, 18, 26, 34, 12] + [24] * len(CHECK_HEADERS)
    widths += [16] * (4 * len(section.columns))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(len(header))
    sheet.freeze_panes = f"B{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(section.rows), 1)}"
    sheet.append(_cells(sheet, [title], Font(bold=True, size=13)))
    head = _cells(sheet, header, Font(bold=True))
    for cell in head:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append(head)
    formats = [""] * (len(FIXED_HEADERS) + len(CHECK_HEADERS))
    for column in section.columns:
        formats += _value_formats(column.unit)
    for row in section.rows:
        values: list[Any] = [
            row.name,
            row.municipality,
            f"{row.period_code} ({row.period_note})" if row.period_note else row.period_code,
            ", ".join(row.focus_areas),
            row.up_to_date if row.judged else None,
        ]
        if row.closed:
            values += ["afsluttet periode"] * len(CHECK_HEADERS)
        elif not row.judged:
            values += ["perioden er ikke begyndt"] * len(CHECK_HEADERS)
        else:
            values += [("ja" if c.ok else "nej") + f" ({c.detail})" for c in row.checks]
        for column in section.columns:
            cell = row.cells.get(column.key)
            if cell is None:
                values += [None, None, None, None]
                continue
            values += [
                _number(cell.area_value, column.unit),
                _number(cell.municipality_value, column.unit),
                # a change of a share is in percentage points, written as such (not /100)
                _number(cell.change_value),
                cell.status_label or None,
            ]
        sheet.append(_cells(sheet, values, formats=formats))


def _check_class(check: Check) -> str:
    if check.ok:
        return "is-ok"
    return "is-empty" if check.empty else "is-missing"


def row_html(row: PlanRow, columns: list[Column]) -> str:
    """One plan's table row. Written here rather than in the template: 150 plans × nine
    indicators × four cells took the template engine about a second; this takes milliseconds.
    Every value is escaped."""
    dashboard = reverse("followup_dashboard", args=[row.slug])
    checks = "".join(
        f'<li class="{_check_class(c)}"><span class="sr-only">'
        f"{'Ja' if c.ok else 'Nej'}: "
        f"{escape(c.label)}: {escape(c.detail)}</span>"
        f'<span aria-hidden="true">{escape(c.short)}</span></li>'
        for c in row.checks
    )
    if row.closed:
        period = (
            f'{escape(row.period_code)}<br><span class="app-meta">afsluttet; nu '
            f"{escape(row.moved_to)}</span>"
        )
        agreement = (
            f'<a href="{escape(reverse("agreement_detail", args=[row.agreement_id]))}">'
            "Aftalen fra perioden</a>"
            if row.agreement_id
            else ""
        )
        up_to_date = f'<span class="app-meta">Perioden er afsluttet.</span> {agreement}'
    elif not row.judged:
        period = (
            f'{escape(row.period_code)}<br><span class="app-meta">{escape(row.period_note)}</span>'
        )
        up_to_date = (
            '<span class="app-meta">Perioden er ikke begyndt; indtil da gælder de '
            "tidligere aftaler.</span>"
        )
    else:
        period = escape(row.period_code)
        if row.period_note:
            period += (
                f'<br><span class="app-meta app-portfolio-moving">{escape(row.period_note)}</span>'
            )
        up_to_date = (
            f"<strong>{escape(row.up_to_date_text)}</strong>"
            f'<ul class="app-portfolio-checks">{checks}</ul>'
        )
    out = [
        f'<tr><th scope="row"><a href="{escape(dashboard)}">{escape(row.name)}</a></th>'
        f"<td>{escape(row.municipality or '–')}</td><td>{period}</td><td>{up_to_date}</td>"
    ]
    for column in columns:
        cell = row.cells.get(column.key)
        if cell is None:
            # the period's fixed indicator is not in the plan's strategic agreement
            out.append('<td colspan="4" class="app-missing">ikke i aftalen</td>')
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
