"""The logbook spreadsheet of one activity (CSV and XLSX): pure, no database.

One row is one time the activity took place: »Dato«, »Tema«, »Sted« (i boligområdet / uden for
boligområdet), »Deltagere i alt«, »Heraf nye i år«, a column »Målgruppe: …« per target group
and a column »Opfylder: …« (ja/nej) per condition of the activity's process goals. Counts only:
a column the template does not have (a name, an address) is refused, so a logbook that lists
people is never read in. The file itself is checked as measurement sheets are
(`followup.tabular.check_file`); cells are written formula-safe (`lib.sheets`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from evaluation.models import Place
from evaluation.services import SessionInput
from followup.tabular import XLSX_MIME, check_file
from lib.danish import format_date, parse_date, parse_number
from lib.errors import DomainError, echo
from lib.sheets import csv_cell, read_csv_cell, xlsx_row
from lib.text import fold

__all__ = ["XLSX_MIME", "LogbookColumns", "read_logbook", "write_csv", "write_xlsx"]

DATE, THEME, PLACE, TOTAL, NEW = "Dato", "Tema", "Sted", "Deltagere i alt", "Heraf nye i år"
BASE_COLUMNS = [DATE, THEME, PLACE, TOTAL, NEW]
REQUIRED = [DATE, PLACE, TOTAL]
GROUP_PREFIX, CONDITION_PREFIX = "Målgruppe: ", "Opfylder: "
DEFAULT_GROUPS = ["Børn (0-12 år)", "Unge (13-17 år)", "Voksne (18-64 år)", "Ældre (65+ år)"]
PLACE_WORDS = {Place.IN_AREA: "i boligområdet", Place.OUTSIDE: "uden for boligområdet"}
MAX_ROWS = 5_000

GUIDE = [
    "Sådan udfylder du logbogen",
    "",
    "Én række er én gang, aktiviteten fandt sted.",
    "Dato: fx 14.03.2026 eller 14. marts 2026. Ikke i fremtiden.",
    "Tema: hvad gangen handlede om (kan stå tomt). Samme dato og tema kan kun stå én gang.",
    "Sted: »i boligområdet« eller »uden for boligområdet«.",
    "Deltagere i alt og Heraf nye i år: antal personer, hele tal. Nye kan ikke være flere end i alt.",
    "Målgruppe: antal deltagere fra hver målgruppe (kan stå tomt). Du kan tilføje en kolonne "
    "»Målgruppe: …« for en anden målgruppe.",
    "Opfylder: skriv ja, hvis gangen opfylder procesmålets betingelse, fx »om temaerne«.",
    "Kun antal: skriv aldrig navne eller andet om den enkelte deltager. Filen afvises, hvis "
    "den har andre kolonner end skabelonens.",
    "Er der fejl i en række, gemmes intet; indlæsningen siger, hvilke rækker det var.",
]


@dataclass
class LogbookColumns:
    groups: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return (
            BASE_COLUMNS
            + [GROUP_PREFIX + g for g in self.groups]
            + [CONDITION_PREFIX + c for c in self.conditions]
        )


def _key(text: Any) -> str:
    return fold(str(text or "")).replace(" ", "").replace("-", "").replace("_", "")


def _map_headers(raw: list[Any], conditions: list[str]) -> dict[int, tuple[str, str]]:
    """column index → (kind, name): ("base", "Dato"), ("group", "Unge"), ("condition", …)."""
    base = {_key(c): c for c in BASE_COLUMNS}
    known_conditions = {fold(c): c for c in conditions}
    mapping: dict[int, tuple[str, str]] = {}
    unknown: list[str] = []
    for index, value in enumerate(raw):
        text = " ".join(str(value or "").split())
        if not text:
            continue
        folded = fold(text)
        if _key(text) in base:
            mapping[index] = ("base", base[_key(text)])
        elif folded.startswith(fold(GROUP_PREFIX.strip())) and ":" in text:
            name = text.split(":", 1)[1].strip()
            if not name:
                unknown.append(text)
            else:
                mapping[index] = ("group", name)
        elif folded.startswith(fold(CONDITION_PREFIX.strip())) and ":" in text:
            name = text.split(":", 1)[1].strip()
            if fold(name) not in known_conditions:
                raise DomainError(
                    f"Kolonnen »{text}« nævner en betingelse, aktivitetens procesmål ikke har. "
                    "Hent skabelonen igen."
                )
            mapping[index] = ("condition", known_conditions[fold(name)])
        else:
            unknown.append(text)
    if unknown:
        raise DomainError(
            "Logbogen har kolonner, skabelonen ikke har: "
            + ", ".join(f"»{u}«" for u in unknown)
            + ". Logbogen må kun have antal, aldrig navne eller andre oplysninger om deltagerne; "
            "brug skabelonens overskrifter."
        )
    present = {name for kind, name in mapping.values() if kind == "base"}
    missing = [c for c in REQUIRED if c not in present]
    if missing:
        raise DomainError(
            "Logbogen har ikke de rigtige kolonner. Der mangler: "
            + ", ".join(f"»{m}«" for m in missing)
            + ". Hent skabelonen og brug dens overskrifter i første række."
        )
    return mapping


def _count(value: Any, what: str, problems: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        problems.append(f"{what}: »{value}« er ikke et antal.")
        return None
    number = Decimal(str(value)) if isinstance(value, int | float) else parse_number(str(value))
    if number is None or number != number.to_integral_value():
        problems.append(f"{what}: »{value}« er ikke et helt tal.")
        return None
    if number < 0:
        problems.append(f"{what} kan ikke være negativt.")
        return None
    return int(number)


def _date(value: Any, problems: list[str]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        problems.append("Datoen mangler.")
        return None
    date = parse_date(text)
    if date is None:
        problems.append(f"»{echo(text)}« er ikke en dato; skriv fx 14.03.2026.")
    return date


def _place(value: Any, problems: list[str]) -> str:
    folded = fold(str(value or ""))
    if "uden" in folded:
        return Place.OUTSIDE
    if folded.startswith(("i boligomr", "i omradet", "boligomr", "i bebyggelsen", "inde")):
        return Place.IN_AREA
    problems.append(
        f"Sted »{value or ''}« skal være »i boligområdet« eller »uden for boligområdet«."
    )
    return ""


def _yes(value: Any) -> bool:
    return fold(str(value or "")) in ("ja", "j", "x", "1", "yes", "sand")


def _session(
    number: int, values: list[Any], mapping: dict[int, tuple[str, str]]
) -> tuple[SessionInput | None, list[str]]:
    problems: list[str] = []
    cells: dict[str, Any] = {}
    groups: dict[str, int] = {}
    conditions: list[str] = []
    for index, (kind, name) in mapping.items():
        value = values[index] if index < len(values) else None
        if kind == "base":
            cells[name] = value
        elif kind == "group":
            count = _count(value, f"Målgruppe »{name}«", problems)
            if count is not None:
                groups[name] = count
        elif _yes(value):
            conditions.append(name)
        elif str(value or "").strip() and fold(str(value)) not in ("nej", "n", "0", "nej."):
            problems.append(f"»{CONDITION_PREFIX}{name}« skal være ja eller nej, ikke »{value}«.")
    date = _date(cells.get(DATE), problems)
    place = _place(cells.get(PLACE), problems)
    total = _count(cells.get(TOTAL), TOTAL, problems)
    if total is None and not any(TOTAL in p for p in problems):
        problems.append("Deltagere i alt mangler.")
    new = _count(cells.get(NEW), NEW, problems)
    if problems or date is None or total is None:
        return None, [f"Række {number}: {p}" for p in problems]
    session = SessionInput(
        date=date,
        theme=" ".join(str(cells.get(THEME) or "").split()),
        place=place,
        participants=total,
        new_participants=new,
        groups=groups,
        conditions=conditions,
        row=number,
    )
    return session, []


def _rows_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return [
        [read_csv_cell(v) for v in row]
        for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def _rows_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken package
        raise DomainError("Excel-filen kan ikke læses; den kan være beskadiget.") from None
    try:
        rows = []
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True)):
            if number > MAX_ROWS + 1:
                raise DomainError(f"Logbogen har mere end {MAX_ROWS} rækker; del den op.")
            rows.append(list(cells))
        return rows
    finally:
        workbook.close()


def read_logbook(data: bytes, filename: str, *, conditions: list[str]) -> list[SessionInput]:
    """The sessions of an uploaded logbook; DomainError with every problem (by row) when the
    file or any row is wrong, so the caller saves all or nothing."""
    kind = check_file(data, filename)
    rows = _rows_csv(data) if kind == "csv" else _rows_xlsx(data)
    if not rows:
        raise DomainError("Logbogen er tom.")
    if len(rows) > MAX_ROWS + 1:
        raise DomainError(f"Logbogen har mere end {MAX_ROWS} rækker; del den op.")
    mapping = _map_headers(list(rows[0]), conditions)
    sessions: list[SessionInput] = []
    problems: list[str] = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v is not None and str(v).strip() for v in values):
            continue
        session, errors = _session(number, list(values), mapping)
        problems += errors
        if session is not None:
            sessions.append(session)
    if problems:
        raise DomainError(
            problems[:50]
            + ([f"… og {len(problems) - 50} fejl mere."] if len(problems) > 50 else [])
        )
    if not sessions:
        raise DomainError("Logbogen har ingen udfyldte rækker.")
    return sessions


def session_row(session: Any, columns: LogbookColumns) -> list[Any]:
    """A saved session (LogbookSession) as a row of the sheet."""
    groups = {g.target_group: g.count for g in session.groups.all()}
    met = {fold(c) for c in session.conditions or []}
    return [
        format_date(session.date),
        session.theme,
        PLACE_WORDS.get(session.place, session.place),
        session.participants,
        session.new_participants,
        *[groups.get(g) for g in columns.groups],
        *["ja" if fold(c) in met else "nej" for c in columns.conditions],
    ]


def write_xlsx(rows: list[list[Any]], columns: LogbookColumns, *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Logbog"
    xlsx_row(sheet, columns.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_row(sheet, row)
    for index in range(len(columns.headers)):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = 16 if index else 14
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 24
    sheet.freeze_panes = "A2"
    places = DataValidation(
        type="list", formula1='"i boligområdet,uden for boligområdet"', allow_blank=True
    )
    sheet.add_data_validation(places)
    places.add(f"C2:C{len(rows) + 501}")
    guide = workbook.create_sheet("Vejledning")
    for line in GUIDE:
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(rows: list[list[Any]], columns: LogbookColumns) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([csv_cell(h) for h in columns.headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")
