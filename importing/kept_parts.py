"""A reading measured against the agreement it revises, before the review page shows it: a
part the document does not have is not a part the document empties.

- No staff section at all: the saved staff lines stay (as a missing forandringsteori and
  missing process goals do), with a warning beside them; a staff section found but read
  empty warns that saving removes the saved lines.
- A listed activity the document gives no sheet keeps its saved sheet, with a warning.
- A new indicator (none of that text saved) gets its direction proposed from its words
  (`plans.direction`), or a warning that it would be saved as »mere er bedre«; a new
  indicator of a delaftale its unit, as saving would give it (`plans.unit`).
Reads the database, writes nothing.
"""

from __future__ import annotations

import copy
from typing import Any

from lib.text import fold
from plans.direction import guess_direction
from plans.unit import guess_unit

NO_STAFF_SECTION = "Ingen medarbejderressourcer fundet."
# Beside »Retning« of an indicator whose direction was proposed from its words: the template
# has no direction column, so it is a guess (at `goals.G.indicators.I.direction`).
DIRECTION_GUESSED = "Gættet ud fra delmålets ord – kontrollér."


def _warn(result: dict[str, Any], fields: dict[str, list[str]], path: str, message: str) -> None:
    result.setdefault("warnings", []).append(message)
    fields.setdefault(path, []).append(message)


def with_saved_parts(plan: Any, read: dict[str, Any]) -> dict[str, Any]:
    """`read` (the job's fields: result, warning_fields, …) with the saved parts kept."""
    from importing.saving import counterpart_interchange, current_counterpart

    read = copy.deepcopy(read)
    result: dict[str, Any] = read.get("result") or {}
    fields: dict[str, list[str]] = read.setdefault("warning_fields", {}) or {}
    read["warning_fields"] = fields
    existing = current_counterpart(plan, result) if plan is not None else None
    saved = counterpart_interchange(existing) if existing is not None else {}
    _keep_staff(result, fields, saved)
    _keep_sheets(result, fields, saved)
    _propose_directions(result, fields, saved)
    return read


def _keep_staff(
    result: dict[str, Any], fields: dict[str, list[str]], saved: dict[str, Any]
) -> None:
    saved_staff = saved.get("staff") or []
    if result.get("staff") or not saved_staff:
        return
    count = len(saved_staff)
    lines = "linje" if count == 1 else "linjer"
    if NO_STAFF_SECTION in (fields.get("staff") or []):
        result["staff"] = copy.deepcopy(saved_staff)
        fields["staff"].remove(NO_STAFF_SECTION)
        if NO_STAFF_SECTION in result.get("warnings", []):
            result["warnings"].remove(NO_STAFF_SECTION)
        _warn(
            result,
            fields,
            "staff",
            f"Dokumentet har intet afsnit om medarbejderressourcer; aftalens {count} gemte "
            f"{lines} er beholdt. Fjern dem her, hvis de ikke gælder længere.",
        )
    else:
        _warn(
            result,
            fields,
            "staff",
            f"Der er ingen medarbejderressourcer i læsningen; gemmer du, fjernes aftalens "
            f"{count} gemte {lines}.",
        )


def _keep_sheets(
    result: dict[str, Any], fields: dict[str, list[str]], saved: dict[str, Any]
) -> None:
    sheets = result.setdefault("activities", [])
    have = {fold(a.get("name")) for a in sheets}
    saved_sheets = {fold(a.get("name")): a for a in saved.get("activities") or []}
    for name in result.get("activity_names") or []:
        key = fold(name)
        if key in have or key not in saved_sheets:
            continue
        sheet = copy.deepcopy(saved_sheets[key])
        sheet["name"] = name
        sheets.append(sheet)
        have.add(key)
        _warn(
            result,
            fields,
            f"activities.{len(sheets) - 1}",
            f"»{name}« har intet aktivitetsskema i dokumentet; det gemte skema er beholdt.",
        )
    if not sheets:
        result.pop("activities", None)


def _propose_directions(
    result: dict[str, Any], fields: dict[str, list[str]], saved: dict[str, Any]
) -> None:
    known = {
        fold(indicator.get("text"))
        for goal in saved.get("goals") or []
        for indicator in goal.get("indicators") or []
    }
    for g, goal in enumerate(result.get("goals") or []):
        for i, indicator in enumerate(goal.get("indicators") or []):
            if fold(indicator.get("text")) in known:
                continue
            if not indicator.get("unit") and result.get("kind") == "delaftale":
                # the unit saving would give it (a strategic agreement's may be LBF's own)
                indicator["unit"] = guess_unit(
                    indicator.get("text"),
                    indicator.get("baselines") or [],
                    indicator.get("comparators") or [],
                )
            if indicator.get("direction"):
                continue
            direction = guess_direction(goal.get("text"), indicator.get("text"))
            if direction:
                indicator["direction"] = direction
                # a note beside the field, not a warning (the review form shows it there)
                fields.setdefault(f"goals.{g}.indicators.{i}.direction", []).append(
                    DIRECTION_GUESSED
                )
                continue
            _warn(
                result,
                fields,
                f"goals.{g}.indicators.{i}",
                f"Indikatoren »{indicator.get('text')}« er ny, og dens retning kan ikke læses "
                "ud af teksten; vælg en retning, ellers gemmes den som »mere er bedre«.",
            )
