"""Cells of every CSV and XLSX the product writes: text that a spreadsheet would run as a
formula (`=`, `+`, `-`, `@`, and the tab and carriage return that hide them) is written as
text, never as a formula (OWASP "CSV injection")."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: formula-like text gets a leading apostrophe, which spreadsheet
    programs show as text; `read_csv_cell` takes it off again."""
    if value is None:
        return ""
    return "'" + value if is_formula_like(value) else value


def read_csv_cell(text: str) -> str:
    """The inverse of `csv_cell` for text this product wrote."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def xlsx_row(sheet: Any, values: list[Any]) -> None:
    """Append a row to an openpyxl sheet with formula-like text stored as text."""
    sheet.append(values)
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if is_formula_like(value):
            cell.value = value
            cell.data_type = "s"
