"""Reading and writing measurement sheets (CSV and XLSX): pure, no database.

A sheet has one row per value, under Danish headers (`COLUMNS`). Reading gives `SheetRow`s
with the cells as text or numbers and the row number; judging a row against the plan is the
service's job. A file that is not what its name says, too large, or without the required
columns raises `DomainError` with a Danish message before any row is read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from lib import uploads
from lib.danish import parse_number
from lib.errors import DomainError, echo
from lib.sheets import csv_cell, read_csv_cell, xlsx_row
from lib.text import fold

COLUMNS = [
    "Indikator-id",
    "Indikator",
    "Omfang",
    "Gælder for",
    "Periode",
    "År",
    "Halvår",
    "Survey",
    "Som skrevet",
    "Antal",
    "Procent",
    "Ud af",
    "Kilde",
    "Note",
    "Begrundelse for rettelse",
    "Uden for planperioden",
    # A survey figure's sample (evaluation, issue 10)
    "Bølge",
    "Svarpersoner",
    "Inviterede",
    "Vægtet",
]
REQUIRED = ["Indikator-id", "Omfang", "Periode", "År", "Antal", "Procent"]
NUMBER_COLUMNS = ("Antal", "Procent", "Ud af")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MAX_ROWS = 20_000


@dataclass
class SheetRow:
    number: int  # the row number the user sees in their program (header is row 1)
    cells: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, Decimal | None] = field(default_factory=dict)
    number_errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty_template_row(self) -> bool:
        """A template row nobody filled in: no figure and no text of its own."""
        return not any(
            (self.cells.get(c) or "").strip() for c in (*NUMBER_COLUMNS, "Som skrevet")
        ) and not any(self.numbers.get(c) is not None for c in NUMBER_COLUMNS)


def _header_key(text: str) -> str:
    return fold(text).replace(" ", "").replace("-", "").replace("_", "")


_HEADERS = {_header_key(c): c for c in COLUMNS}


def check_size(size: int) -> None:
    """Refuse an empty file or one over `settings.MAX_UPLOAD_BYTES`, before reading it (the
    one check of `lib.uploads`)."""
    uploads.check_size(size)


def check_file(data: bytes, filename: str) -> str:
    """'csv' or 'xlsx' when the bytes are what the name claims; else a Danish DomainError
    (`lib.uploads.check_upload`, as every upload)."""
    return uploads.check_upload(data, filename, allowed=("xlsx", "csv"))


def _map_headers(raw: list[Any]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for index, value in enumerate(raw):
        name = _HEADERS.get(_header_key(str(value or "")))
        if name:
            mapping[index] = name
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing:
        raise DomainError(
            "Filen har ikke de rigtige kolonner. Der mangler: "
            + ", ".join(f"»{m}«" for m in missing)
            + ". Hent skabelonen og brug dens overskrifter i første række."
        )
    return mapping


def _number(value: Any, *, percent_format: bool = False) -> tuple[Decimal | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, f"»{echo(value)}« er ikke et tal"
    if isinstance(value, int | float | Decimal):
        try:
            cell = Decimal(str(value))
        except InvalidOperation:
            return None, f"»{echo(value)}« er ikke et tal"
        # A cell formatted as a percentage holds 0.063 for 6,3 %; binary floats carry noise
        # (66.30000000000001), so numbers from cells are kept to the two decimals we store.
        cell = cell * 100 if percent_format else cell
        return cell.quantize(Decimal("0.01")).normalize(), None
    number = parse_number(str(value))
    if number is None:
        return None, f"»{echo(value)}« er ikke et tal; skriv fx 8.064 eller 6,3"
    return number, None


def _row(number: int, values: list[Any], mapping: dict[int, str], formats: list[str]) -> SheetRow:
    row = SheetRow(number=number)
    for index, name in mapping.items():
        value = values[index] if index < len(values) else None
        if name in NUMBER_COLUMNS:
            fmt = formats[index] if index < len(formats) else ""
            parsed, error = _number(value, percent_format=name == "Procent" and "%" in fmt)
            row.numbers[name] = parsed
            row.cells[name] = "" if value is None else str(value).strip()
            if error:
                row.number_errors[name] = error
        elif isinstance(value, float) and value.is_integer():
            row.cells[name] = str(int(value))
        else:
            row.cells[name] = "" if value is None else str(value).strip()
    return row


def _read_csv(data: bytes) -> list[SheetRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    if first.count("\t") > max(first.count(";"), first.count(",")):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise DomainError("Filen er tom.") from None
    mapping = _map_headers(list(header))
    rows = []
    for number, values in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            raise DomainError(f"Filen har mere end {MAX_ROWS} rækker; del den op.")
        if any(v.strip() for v in values):
            rows.append(_row(number, [read_csv_cell(v) for v in values], mapping, []))
    return rows


def _read_xlsx(data: bytes) -> list[SheetRow]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken package
        raise DomainError("Excel-filen kan ikke læses; den kan være beskadiget.") from None
    try:
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows()
        try:
            header_cells = next(rows_iter)
        except StopIteration:
            raise DomainError("Regnearket er tomt.") from None
        mapping = _map_headers([c.value for c in header_cells])
        rows = []
        for number, cells in enumerate(rows_iter, start=2):
            if number > MAX_ROWS + 1:
                raise DomainError(f"Regnearket har mere end {MAX_ROWS} rækker; del det op.")
            values = [c.value for c in cells]
            if not any(v is not None and str(v).strip() for v in values):
                continue
            formats = [getattr(c, "number_format", "") or "" for c in cells]
            rows.append(_row(number, values, mapping, formats))
        return rows
    finally:
        workbook.close()


# The JSON API's and the command line's names for the sheet's columns: one record is one row.
RECORD_KEYS = {
    "indikator": "Indikator-id",
    "omfang": "Omfang",
    "gaelder_for": "Gælder for",
    "periode": "Periode",
    "aar": "År",
    "halvaar": "Halvår",
    "survey": "Survey",
    "som_skrevet": "Som skrevet",
    "antal": "Antal",
    "procent": "Procent",
    "ud_af": "Ud af",
    "kilde": "Kilde",
    "note": "Note",
    "begrundelse": "Begrundelse for rettelse",
    "uden_for_planperioden": "Uden for planperioden",
    "boelge": "Bølge",
    "svarpersoner": "Svarpersoner",
    "inviterede": "Inviterede",
    "vaegtet": "Vægtet",
}


def rows_from_records(records: list[dict[str, Any]]) -> list[SheetRow]:
    """Measurements given as records (JSON objects, command-line options) as sheet rows, so
    they take the sheet's one path through `services.measurements_import`. Record n is row n.
    Unknown keys raise DomainError."""
    rows = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise DomainError(f"Måling {number} er ikke et JSON-objekt.")
        unknown = sorted(set(record) - set(RECORD_KEYS))
        if unknown:
            raise DomainError(
                f"Måling {number} har ukendte felter: {', '.join(unknown)}. Brug "
                + ", ".join(RECORD_KEYS)
                + "."
            )
        values: list[Any] = []
        mapping: dict[int, str] = {}
        for index, (key, column) in enumerate(RECORD_KEYS.items()):
            value = record.get(key)
            if isinstance(value, bool):
                value = "ja" if value else ""
            values.append(value)
            mapping[index] = column
        rows.append(_row(number, values, mapping, []))
    return rows


def read_sheet(data: bytes, filename: str) -> list[SheetRow]:
    """The non-blank rows of an uploaded CSV or XLSX file, after checking the file itself."""
    kind = check_file(data, filename)
    return _read_csv(data) if kind == "csv" else _read_xlsx(data)


def write_xlsx(rows: list[list[Any]], *, title: str) -> bytes:
    """A workbook with the template's headers, the given rows and a short guide sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Målinger"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_row(sheet, row)
    widths = [12, 50, 22, 24, 12, 8, 8, 24, 24, 10, 10, 10, 30, 30, 30, 18, 16, 12, 12, 8]
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    periods = DataValidation(type="list", formula1='"år,halvår,surveybølge"', allow_blank=True)
    sheet.add_data_validation(periods)
    periods.add(f"E2:E{max(len(rows) + 1, 2) + 500}")
    guide = workbook.create_sheet("Vejledning")
    for line in GUIDE:
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


GUIDE = [
    "Sådan udfylder du skabelonen",
    "",
    "Én række er én værdi: en indikator, et omfang og en periode.",
    "Indikator-id: lad det stå, som skabelonen har skrevet det.",
    "Omfang: hele området, afdeling, boligområde, målgruppe eller spørgsmål, kommune, "
    "alle helhedsplaner eller landsplan.",
    "Gælder for: afdelingen, boligområdet, målgruppen/spørgsmålet eller kommunen, fx "
    "»Afd. 4« eller »Åbyhavn Kommune«.",
    "Periode: år, halvår eller surveybølge. Halvår: 1 eller 2. Survey: surveyens navn, fx "
    "»Tryghedsmåling (VIVE)«.",
    "Antal, Procent og Ud af: tal skrevet på dansk (8.064 eller 6,3). Mindst et antal eller en "
    "procent.",
    "Som skrevet alene er nok: »48 beboere (7,1 %)« læses som antal 48 og procent 7,1, som i "
    "formularen. Antal, Ud af og Procent skal passe sammen (22 ud af 26 er 84,6 %).",
    "Rækker uden tal springes over, så du kan lade skabelonens tomme rækker stå; "
    "indlæsningen siger, hvilke rækker det var.",
    "Skabelonen har de værdier, der allerede er registreret for året. Lader du dem stå, "
    "meldes de »uændret«.",
    "Uden for planperioden: skriv ja, hvis værdien gælder et år uden for planens periode og "
    "skal gemmes alligevel. En periode, der ikke er begyndt, kan ikke registreres.",
    "Findes værdien allerede, skriver du en begrundelse for rettelse; så gemmes rækken som en "
    "rettelse, og den gamle værdi står i historikken.",
    "Bølge, Svarpersoner, Inviterede og Vægtet: for en surveybølge hvilken runde det er, hvor "
    "mange der svarede og blev spurgt (hele tal), og ja, hvis tallet er vægtet. Med under 1.000 "
    "svar vises den statistiske usikkerhed ved status.",
    "Kun samlede tal (antal og andele), aldrig oplysninger om enkelte beboere.",
]
