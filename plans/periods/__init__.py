"""Funding periods as data: the files in this folder and the one loader for them.

A funding period (bevillingsperiode) is a JSON file in the format of
`funding-period.schema.json` (vendored from ../shared/formats): its code and dates, its
indsatsområder, LBF's fixed overall goals and indicators, the attachments a strategic
agreement needs and the reporting rules. `load_period` validates one (Danish messages) and
writes it; loading it again updates the period in place (areas matched by name, fixed goals
and indicators by their place, so a reworded fixed indicator keeps the plans' links to it)
and never touches a plan's own goals, indicators or baselines. The data migration
`0005_funding_periods_as_data` loads every file here, so every database has them; the
command `helhedsplan load-period FILE` loads a new one.

The loader takes the model registry as an argument, so the migration (historical models) and
the command (the app's models) share it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from lib.errors import DomainError, echo

PERIODS_DIR = Path(__file__).resolve().parent
# A period file is a few kilobytes; the upload on the administrator's page and the command
# refuse one past this bound (the shipped ones are under 4 kB).
MAX_PERIOD_BYTES = 1024 * 1024
SCHEMA_PATH = PERIODS_DIR / "funding-period.schema.json"
# The keys with a column of their own; any other key of a file is kept in `source`.
_COLUMNS = {
    "code",
    "name",
    "start",
    "end",
    "focus_areas",
    "required_attachments",
    "revision_interval_months",
    "strategic_changes_need_lbf",
}


class PeriodError(DomainError):
    """The period file is not valid, or loading it would break a plan; nothing was written."""


def bundled_files() -> list[Path]:
    """The periods that ship with the product, oldest first."""
    return sorted(PERIODS_DIR.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].json"))


def read_period_file(path: Path) -> dict[str, Any]:
    """A period file's JSON, checked; raises PeriodError with Danish messages."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise PeriodError(f"Filen {path} findes ikke eller kan ikke læses.") from None
    return parse_period_bytes(raw)


def parse_period_bytes(raw: bytes) -> dict[str, Any]:
    """The period file's data, read through the one JSON guard (`lib.jsonguard`)."""
    from lib.jsonguard import load_json

    try:
        data = load_json(raw, max_bytes=MAX_PERIOD_BYTES)
    except DomainError as error:
        raise PeriodError(error.messages) from None
    problems = validate_period(data)
    if problems:
        raise PeriodError(problems)
    result: dict[str, Any] = data
    return result


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate_period(data: Any) -> list[str]:
    """Everything wrong with a period's data, in Danish; empty when it can be loaded."""
    from plans.interchange import schema_messages

    if not isinstance(data, dict):
        return ["Bevillingsperioden skal være et JSON-objekt."]
    problems = schema_messages(_validator(), data, whole="bevillingsperioden")
    if problems:
        return problems
    start = _date(data["start"], "start", problems)
    end = _date(data["end"], "end", problems)
    if start and end and start > end:
        problems.append(
            f"Perioden slutter ({end.isoformat()}) før den begynder ({start.isoformat()})."
        )
    seen: dict[str, str] = {}
    for area in data["focus_areas"]:
        for spelling in [area["name"], *(area.get("aliases") or [])]:
            key = " ".join(spelling.casefold().split())
            if key in seen:
                problems.append(
                    f"»{spelling}« står to gange i indsatsområderne (også ved »{seen[key]}«)."
                )
            seen[key] = area["name"]
        if not area["name"].strip():
            problems.append("Et indsatsområde mangler sit navn.")
    return problems


def _date(value: str, key: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"»{echo(key)}« er ikke en dato: »{echo(value)}« (skriv ÅÅÅÅ-MM-DD).")
        return None


@dataclass
class LoadedPeriod:
    period: Any
    created: bool
    focus_areas: int
    fixed_indicators: int


def load_period(data: dict[str, Any], *, apps: Any = None) -> LoadedPeriod:
    """Create or update the funding period `data` describes; all or nothing.

    `apps` is the model registry (a migration's `apps`; default: the app's own). Raises
    PeriodError when the data is invalid or when the update would remove an area, a fixed
    goal or a fixed indicator that a plan uses.
    """
    from django.db import transaction

    problems = validate_period(data)
    if problems:
        raise PeriodError(problems)
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    with transaction.atomic():
        return _Writer(apps).write(data)


class _Writer:
    def __init__(self, apps: Any):
        def model(name: str) -> Any:
            return apps.get_model("plans", name)

        self.FundingPeriod = model("FundingPeriod")
        self.FocusArea = model("FocusArea")
        self.LbfGoal = model("LbfGoal")
        self.LbfIndicator = model("LbfIndicator")
        self.Agreement = model("Agreement")
        self.FocusAreaSection = model("FocusAreaSection")
        self.Goal = model("Goal")
        self.Indicator = model("Indicator")
        self.problems: list[str] = []

    def write(self, data: dict[str, Any]) -> LoadedPeriod:
        period, created = self.FundingPeriod.objects.get_or_create(
            code=data["code"], defaults={"name": data.get("name") or data["code"]}
        )
        period.name = data.get("name") or period.name or data["code"]
        period.start = dt.date.fromisoformat(data["start"])
        period.end = dt.date.fromisoformat(data["end"])
        period.required_attachments = list(data.get("required_attachments") or [])
        period.revision_interval_months = data.get("revision_interval_months")
        period.strategic_changes_need_lbf = data.get("strategic_changes_need_lbf")
        period.source = {k: v for k, v in data.items() if k not in _COLUMNS}
        period.save()

        existing = {a.name: a for a in self.FocusArea.objects.filter(funding_period=period)}
        goal_order = 0
        indicators = 0
        kept_areas = set()
        for order, area_data in enumerate(data["focus_areas"]):
            area = existing.get(area_data["name"]) or self.FocusArea(
                funding_period=period, name=area_data["name"]
            )
            area.order = order
            area.purpose = area_data.get("purpose") or ""
            area.aliases = list(area_data.get("aliases") or [])
            area.save()
            kept_areas.add(area.pk)
            old_goals = list(self.LbfGoal.objects.filter(focus_area=area).order_by("order", "pk"))
            for index, goal_data in enumerate(area_data.get("fixed_goals") or []):
                goal = old_goals[index] if index < len(old_goals) else self.LbfGoal()
                goal.funding_period, goal.focus_area = period, area
                goal.text, goal.order = goal_data["text"], goal_order
                goal.save()
                goal_order += 1
                old_indicators = list(
                    self.LbfIndicator.objects.filter(goal=goal).order_by("order", "pk")
                )
                for i, ind in enumerate(goal_data["indicators"]):
                    row = old_indicators[i] if i < len(old_indicators) else self.LbfIndicator()
                    row.goal, row.text, row.order = goal, ind["text"], i
                    row.data_source = ind.get("data_source") or ""
                    row.unit = ind.get("unit") or "percent"
                    row.direction = ind.get("direction") or "more"
                    row.save()
                    indicators += 1
                self._remove_indicators(old_indicators[len(goal_data["indicators"]) :])
            self._remove_goals(old_goals[len(area_data.get("fixed_goals") or []) :])
        for area in existing.values():
            if area.pk not in kept_areas:
                self._remove_area(area)
        if self.problems:
            raise PeriodError(self.problems)
        return LoadedPeriod(period, created, len(data["focus_areas"]), indicators)

    def _remove_indicators(self, rows: list[Any]) -> None:
        for row in rows:
            if self.Indicator.objects.filter(lbf_indicator=row).exists():
                self.problems.append(
                    f"Den faste indikator »{row.text}« bruges af en plan og kan ikke fjernes "
                    "fra perioden."
                )
            else:
                row.delete()

    def _remove_goals(self, goals: list[Any]) -> None:
        for goal in goals:
            self._remove_indicators(list(self.LbfIndicator.objects.filter(goal=goal)))
            if self.Goal.objects.filter(lbf_goal=goal).exists():
                self.problems.append(
                    f"Det faste mål »{goal.text}« bruges af en plan og kan ikke fjernes fra "
                    "perioden."
                )
            elif not self.LbfIndicator.objects.filter(goal=goal).exists():
                goal.delete()

    def _remove_area(self, area: Any) -> None:
        used = (
            self.Agreement.objects.filter(focus_area=area).exists()
            or self.FocusAreaSection.objects.filter(focus_area=area).exists()
        )
        if used:
            self.problems.append(
                f"Indsatsområdet »{area.name}« bruges af en plans aftaler og kan ikke fjernes "
                "fra perioden."
            )
            return
        self._remove_goals(list(self.LbfGoal.objects.filter(focus_area=area)))
        if not self.LbfGoal.objects.filter(focus_area=area).exists():
            area.delete()


def load_bundled_periods(apps: Any = None) -> list[LoadedPeriod]:
    """Load every period file that ships with the product (the data migration calls this)."""
    return [load_period(read_period_file(path), apps=apps) for path in bundled_files()]


def bundled_focus_areas() -> tuple[str, ...]:
    """The indsatsområder of every bundled period, newest period first, without a database
    (for pure callers such as a reader run outside Django)."""
    names: list[str] = []
    for path in reversed(bundled_files()):
        data = json.loads(path.read_text("utf-8"))
        names.extend(area["name"] for area in data["focus_areas"])
    return tuple(dict.fromkeys(names))


def bundled_fixed_goals() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """LBF's fixed goals with their indicators' texts of every bundled period, newest period
    first, without a database (for pure callers, as `bundled_focus_areas`)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for path in reversed(bundled_files()):
        data = json.loads(path.read_text("utf-8"))
        for area in data["focus_areas"]:
            for goal in area.get("fixed_goals") or []:
                found.append((goal["text"], tuple(i["text"] for i in goal.get("indicators", []))))
    return tuple(found)


def current_focus_areas() -> tuple[str, ...]:
    """The indsatsområder of the funding period in force today, from the database; without
    one (a pure caller, a test without database access) those of the newest bundled period.
    For callers that have no plan to ask; with a plan, use its own period's areas."""
    from django.apps import apps
    from django.db import DatabaseError

    if apps.ready:  # not when run without Django (make eval)
        try:
            from plans.models import FocusArea
            from plans.services import funding_period_default

            period = funding_period_default()
            if period is not None:
                names = tuple(
                    FocusArea.objects.filter(funding_period=period)
                    .order_by("order")
                    .values_list("name", flat=True)
                )
                if names:
                    return names
        except (DatabaseError, RuntimeError):  # no database here (a test without one)
            pass
    newest = bundled_files()[-1]
    return tuple(a["name"] for a in json.loads(newest.read_text("utf-8"))["focus_areas"])


def periods_overview() -> list[Any]:
    """Every funding period with its areas, fixed goals and indicators and its number of plans,
    newest first, for the administrator's page (a fixed number of queries)."""
    from django.db.models import Count, Prefetch

    from plans.models import FocusArea, FundingPeriod, LbfGoal

    goals = LbfGoal.objects.order_by("order", "pk").prefetch_related("indicators")
    areas = FocusArea.objects.order_by("order", "pk").prefetch_related(
        Prefetch("lbf_goals", queryset=goals)
    )
    return list(
        FundingPeriod.objects.annotate(plan_count=Count("plans", distinct=True))
        .prefetch_related(Prefetch("focus_areas", queryset=areas))
        .order_by("-start", "-code")
    )
