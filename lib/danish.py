"""Danish numbers, dates and figures as they are written in agreements.

Pure functions, no database: the web forms, the JSON loader and the importer all read
numbers and dates through here, so `8.064`, `6,3 %` and `1. september 2021` mean the same
everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

MONTHS = {
    "januar": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "marts": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_NAMES = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_NUMBER_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.\d{1,2}$")


def parse_number(text: str) -> Decimal | None:
    """Read one Danish number: `8.064` → 8064, `6,3` → 6.3, `6,3 %` → 6.3.

    A dot followed by exactly three digits is a thousands separator; a comma is the decimal
    mark. A lone dot with one or two decimals (`10.5`, as some sources write) is read as a
    decimal point. Returns None when the text is not a number.
    """
    cleaned = text.strip().replace("\u00a0", " ").replace("−", "-")
    cleaned = re.sub(r"\s*(%|pct\.?|procent)$", "", cleaned, flags=re.IGNORECASE).strip()
    cleaned = cleaned.replace(" ", "")
    if not cleaned:
        return None
    try:
        if _NUMBER.match(cleaned):
            return Decimal(cleaned.replace(".", "").replace(",", "."))
        if _NUMBER_DOT_DECIMAL.match(cleaned):
            return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the patterns only admit digits
        return None
    return None


def format_number(value: Decimal | float | int | None, decimals: int | None = None) -> str:
    """Write a number the Danish way: 8064 → `8.064`, 6.3 → `6,3`."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = round(number, decimals)
    if number == number.to_integral_value():
        whole, frac = f"{int(number):,}", ""
    else:
        text = f"{number.normalize():f}"
        int_part, _, frac = text.partition(".")
        whole = f"{int(int_part):,}" if int_part not in ("-0", "") else int_part
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def format_size(size: int | float, *, up: bool = False) -> str:
    """A file size in a Danish message: 31457280 → `30 MB`, 1.5 MB → `1,5 MB`, under 1 MB in
    kB (`250 kB`): never `30.0 MB`. `up` rounds up (to a tenth of a MB, a whole kB), so a file
    just past a limit never reads as the limit itself."""
    megabytes = Decimal(str(size)) / 1_048_576
    rounding = ROUND_CEILING if up else ROUND_HALF_UP
    if megabytes < 1:
        kilobytes = (Decimal(str(size)) / 1024).quantize(Decimal(1), rounding=rounding)
        return f"{format_number(kilobytes)} kB"
    return f"{format_number(megabytes.quantize(Decimal('0.1'), rounding=rounding))} MB"


def format_percent(value: Decimal | float | int | None, decimals: int | None = None) -> str:
    """A share the Danish way, with its sign: 7.1 → `7,1 %`, 92.10 → `92,1 %`; "" for None."""
    return "" if value is None else f"{format_number(value, decimals)} %"


_DATE_NUMERIC = re.compile(
    r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$|^(\d{1,2})/(\d{1,2})\s(\d{4})$"
)
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_WORDS = re.compile(r"^(?:(\d{1,2})\.?\s+)?([a-zæøå]+)\.?\s+(\d{4})$", re.IGNORECASE)


def _two_digit_year(year: int) -> int:
    return 2000 + year if year < 70 else 1900 + year


def parse_date(text: str, *, end_of_month: bool = False) -> dt.date | None:
    """Read a date as Danes write it: `1. september 2021`, `1.8.2021`, `01.10.21`, `1/7 2023`,
    `2021-09-01`.

    A month without a day (`september 2021`) means its first day, or its last with
    `end_of_month` (for the end of a period). Returns None when the text is not a date.
    """
    cleaned = " ".join(text.strip().rstrip(".").split())
    if not cleaned:
        return None
    try:
        if match := _DATE_ISO.match(cleaned):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DATE_NUMERIC.match(cleaned):
            day, month, written = (match[1], match[2], match[3]) if match[1] else match.groups()[3:]
            year = int(written)
            if len(written) == 2:
                year = _two_digit_year(year)
            return dt.date(year, int(month), int(day))
        if match := _DATE_WORDS.match(cleaned):
            month = MONTHS.get(match[2].lower())
            if month is None:
                return None
            year = int(match[3])
            if match[1]:
                return dt.date(year, month, int(match[1]))
            if end_of_month:
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return dt.date(year, month, 1)
    except ValueError:  # 31.02.2021 and the like
        return None
    return None


def format_date(value: dt.date | None) -> str:
    """`2021-09-01` → `1. september 2021`."""
    if value is None:
        return ""
    return f"{value.day}. {MONTH_NAMES[value.month - 1]} {value.year}"


_DATE_TOKEN = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    r"|\d{1,2}/\d{1,2}\s+\d{4}"  # »1/7 2023«
    r"|(?:\d{1,2}\.?\s+)?[a-zæøå]+\.?\s+\d{4})"
)
_PERIOD = re.compile(
    rf"(?P<start>{_DATE_TOKEN})\s*(?:[-–—]|til|to)\s*(?P<end>{_DATE_TOKEN})", re.IGNORECASE
)


def parse_period(text: str) -> tuple[dt.date | None, dt.date | None]:
    """Read `01.10.21 – 30.09.25` or `1. januar 2024 til 31. december 2027` as two dates."""
    match = _PERIOD.search(" ".join(text.split()))
    if not match:
        return None, None
    start = parse_date(_strip_lead(match["start"]))
    end = parse_date(_strip_lead(match["end"]), end_of_month=True)
    return start, end


def _strip_lead(token: str) -> str:
    return re.sub(r"^(?:fra|den|d\.)\s+", "", token.strip(), flags=re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """The numbers read out of one written figure such as `41 beboere (6,3%)`."""

    percent: float | None = None
    count: float | None = None
    denominator: float | None = None
    year: int | None = None


_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_PERCENT = re.compile(rf"({_NUM})\s*(?:%|pct\b|procent\b)", re.IGNORECASE)
_OUT_OF = re.compile(rf"({_NUM})\s*(?:ud\s+af|af\s+i\s+alt|/)\s*({_NUM})(?!\s*%)", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,%])")
_COUNT = re.compile(rf"(?<![\d.,])({_NUM})(?![\d.,]*\s*%)")


def _number(token: str) -> float | None:
    value = parse_number(token)
    return float(value) if value is not None else None


def parse_figure(text: str) -> Figure:
    """Read the percent, count, 'ud af' denominator and year out of a written figure.

    `41 beboere (6,3%)` → count 41, percent 6.3; `78% / 115 ud af 148 beboere` → percent
    78, count 115, denominator 148; `(10,4%) (2019)` → percent 10.4, year 2019. A four-digit
    number between 1900 and 2099 that is not a percent is taken as a year, not a count.
    """
    percent_match = _PERCENT.search(text)
    percent = _number(percent_match[1]) if percent_match else None
    rest = _PERCENT.sub(" ", text)
    count = denominator = None
    if out_of := _OUT_OF.search(rest):
        count, denominator = _number(out_of[1]), _number(out_of[2])
        rest = rest.replace(out_of[0], " ")
    year_match = _YEAR.search(rest)
    year = int(year_match[1]) if year_match else None
    if year_match:
        rest = rest.replace(year_match[1], " ", 1)
    if count is None:
        for candidate in _COUNT.finditer(rest):
            count = _number(candidate[1])
            break
    return Figure(percent=percent, count=count, denominator=denominator, year=year)
