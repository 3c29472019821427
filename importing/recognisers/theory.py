"""The forandringsteori of an indsatsområde (format 2, `theory_of_change`): the activities it
starts from, its results from output through short, medium and long term with the indicators
that measure each, and the assumptions it rests on.

Plans write it as a table (one row per step: »Led | Resultat | Måles ved«, or one column per
step: »Aktiviteter | Output | Kort sigt | Mellemlang sigt | Lang sigt«) or as lists under the
steps' headings (»Kort sigt:« followed by bullets, »Måles ved: …« under a result). Every shape
is read by the template's words for the steps, never by one layout's exact strings.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from importing.figures import clean_cell
from importing.recognisers.labels import label_fold
from importing.recognisers.units import Unit, has_marker, starts_lower, strip_marker
from lib.danish import parse_date

_HORIZON_PREFIX = re.compile(
    r"^(?:(?:forventede )?(?:resultat\w*|effekt\w*|outcome\w*|mal|forandring\w*) (?:pa )?)"
)
_HORIZON_SUFFIX = re.compile(r" (?:resultat\w*|effekt\w*|outcome\w*|mal|forandring\w*)$")


def horizon_of(text: str) -> str | None:
    """`output`, `short`, `medium` or `long` for a step's name (»Kort sigt«, »Resultater på
    mellemlang sigt«, »Langsigtede effekter«, »Output«), else None."""
    folded = label_fold(text.strip().rstrip(":"))
    if len(folded) > 50:
        return None
    folded = _HORIZON_PREFIX.sub("", folded)
    folded = _HORIZON_SUFFIX.sub("", folded).strip()
    if re.fullmatch(r"outputs?|leverancer|aktivitetsoutput|output fra aktiviteterne", folded):
        return "output"
    if re.fullmatch(r"mellemlang\w*(?: sigt)?|mellemlange sigt|pa mellemlang sigt", folded):
        return "medium"
    if re.fullmatch(r"kort\w*(?: sigt)?|korte sigt|pa kort sigt", folded):
        return "short"
    if re.fullmatch(r"lang\w*(?: sigt)?|lange sigt|pa lang sigt", folded):
        return "long"
    return None


# The parts around the results, by their labels.
_ACTIVITIES = re.compile(r"^(?:aktivitet\w*|indsatser)(?: (?:som|der|i|for|bag)\b.*)?$")
_ASSUMPTIONS = re.compile(r"^(?:forudsa?etning\w*|antagelse\w*|pra?emisser)(?: og \w+)?$")
_REVIEWED = re.compile(
    r"^(?:senest |sidst )?(?:gennemgaet|revideret|opdateret|droftet)(?: \w+){0,3}$"
)
_MEASURED = re.compile(r"^(?:males ved|maling|indikator(?:er)?|malt ved|males gennem)$")
_STEP_HEADER = re.compile(r"^(?:led|trin|niveau|tidshorisont|sigt|horisont|fase|type)$")
_RESULT_HEADER = re.compile(r"^(?:resultat\w*|forandring\w*|beskrivelse|mal|forventet \w+)$")


def _part(text: str) -> tuple[str | None, str]:
    """Which part a label line opens (activities, assumptions, reviewed, measured or a
    horizon) and the text after its colon."""
    head, colon, rest = text.partition(":")
    folded = label_fold(head)
    if not folded or len(folded) > 80:
        return None, text
    if not colon and len(text) > 60:
        return None, text
    horizon = horizon_of(head)
    if horizon:
        return horizon, rest.strip()
    for name, pattern in (
        ("activities", _ACTIVITIES),
        ("assumptions", _ASSUMPTIONS),
        ("reviewed", _REVIEWED),
        ("measured", _MEASURED),
    ):
        if pattern.match(folded):
            return name, rest.strip()
    return None, text


def _iso(text: str) -> str | None:
    date = parse_date(text)
    if isinstance(date, dt.date):
        return date.isoformat()
    return None


def _indicator_lines(text: str) -> list[str]:
    """The indicators of one result: one a line or bullet (a line starting in lower case goes
    on from the line before: a cell wrapped in a PDF), or separated by semicolons."""
    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if lines and starts_lower(line) and not has_marker(line):
            lines[-1] += " " + line.strip()
        else:
            lines.append(strip_marker(line))
    if len(lines) == 1 and ";" in lines[0]:
        lines = lines[0].split(";")
    return [clean_cell(line).strip(" .") for line in lines if clean_cell(line).strip(" .")]


def _result(horizon: str, text: str, indicators: list[str] | None = None) -> dict[str, Any]:
    # »… (måles ved: A; B)« or »… Måles ved: A; B« after the result's own words
    measured = re.search(
        r"\s*(?:\(\s*)?\bm[åa]les (?:ved|gennem)\s*:\s*([^()]*?)\s*\)?\s*\.?$", text, re.IGNORECASE
    )
    found = list(indicators or [])
    if measured:
        text = text[: measured.start()]
        found.extend(_indicator_lines(measured[1]))
    return {"horizon": horizon, "text": " ".join(text.split()), "indicators": found}


def _empty() -> dict[str, Any]:
    return {"activities": [], "results": [], "assumptions": [], "reviewed": None}


def _row_table(rows: list[list[str]], theory: dict[str, Any]) -> bool:
    """One row per step: a cell naming the step, a cell with the result, a cell with its
    indicators (known by its header, »Måles ved« / »Indikatorer«)."""
    header = [label_fold(clean_cell(c)) for c in rows[0]]
    measured = next((i for i, h in enumerate(header) if _MEASURED.match(h)), None)
    has_header = any(_STEP_HEADER.match(h) or _RESULT_HEADER.match(h) for h in header)
    found = False
    for row in rows[1:] if has_header or measured is not None else rows:
        cells = list(row)
        step = next((i for i, c in enumerate(cells) if horizon_of(c)), None)
        if step is None:
            continue
        horizon = horizon_of(cells[step])
        assert horizon is not None
        texts = [
            clean_cell(c)
            for i, c in enumerate(cells)
            if i not in (step, measured) and c.strip() and (i == 0 or c != cells[i - 1])
        ]
        indicators = (
            _indicator_lines(cells[measured])
            if measured is not None and measured < len(cells) and measured != step
            else []
        )
        theory["results"].append(_result(horizon, " ".join(texts), indicators))
        found = True
    return found


def _column_table(rows: list[list[str]], theory: dict[str, Any]) -> bool:
    """One column per step (a forandringsteori drawn as a table): the header names the
    steps, each cell below holds that step's results, one a line."""
    header = rows[0]
    kinds: list[str | None] = []
    for cell in header:
        folded = label_fold(clean_cell(cell))
        part = horizon_of(cell)
        if part is None and _ACTIVITIES.match(folded):
            part = "activities"
        elif part is None and _ASSUMPTIONS.match(folded):
            part = "assumptions"
        kinds.append(part)
    if sum(1 for k in kinds if k in ("output", "short", "medium", "long")) < 2:
        return False
    columns: dict[int, list[str]] = {}
    for row in rows[1:]:
        for index, cell in enumerate(row[: len(kinds)]):
            for line in cell.split("\n"):
                line = strip_marker(line.strip())
                if not line:
                    continue
                entries = columns.setdefault(index, [])
                if entries and starts_lower(line):
                    entries[-1] += " " + line
                else:
                    entries.append(line)
    for index, kind in enumerate(kinds):
        entries = [" ".join(e.split()) for e in columns.get(index, [])]
        if kind in ("activities", "assumptions"):
            theory[kind].extend(entries)
        elif kind:
            theory["results"].extend(_result(kind, entry) for entry in entries)
    return True


def read_theory(units: list[Unit]) -> dict[str, Any] | None:
    """The forandringsteori in the units of its section, or None when they hold none."""
    theory = _empty()
    part: str | None = None
    last: dict[str, Any] | None = None
    for unit in units:
        if unit.kind == "table" and unit.block and unit.block.rows:
            rows = unit.block.rows
            if not _column_table(rows, theory):
                _row_table(rows, theory)
            part, last = None, None
            continue
        text = unit.text.strip()
        if not text:
            continue
        name, rest = (None, text) if unit.kind == "item" else _part(text)
        if name == "reviewed":
            theory["reviewed"] = _iso(rest)
            part = None
            continue
        if name == "measured":
            if last is not None:
                last["indicators"].extend(_indicator_lines(rest))
            part = "measured" if last is not None else part
            continue
        if name is not None:
            part, last = name, None
            if not rest:
                continue
            text = rest
        entry = strip_marker(text) if unit.kind == "item" or has_marker(text) else text
        new_entry = unit.kind == "item" or unit.new_para or has_marker(text)
        if part == "measured" and last is not None and not (unit.kind == "item" and not new_entry):
            if new_entry and unit.kind != "item" and not has_marker(text):
                part = None  # a paragraph after the indicators ends them
            else:
                last["indicators"].extend(_indicator_lines(entry))
                continue
        if part in ("activities", "assumptions"):
            if new_entry or not theory[part]:
                theory[part].append(" ".join(entry.split()))
            else:
                theory[part][-1] += " " + " ".join(entry.split())
        elif part in ("output", "short", "medium", "long"):
            if new_entry or last is None:
                last = _result(part, entry)
                theory["results"].append(last)
            else:
                last["text"] = f"{last['text']} {' '.join(entry.split())}"
    if not theory["results"] and not theory["activities"] and not theory["assumptions"]:
        return None
    return theory
