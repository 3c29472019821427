"""The interchange format for one agreement (shared/formats/agreement.schema.json) as dataclasses.

Import emits these, the JSON loader and the API parse into them, export writes them out.
`from_dict` validates the shape (the JSON schema, format 2, vendored in
`plans/agreement.schema.json`) and the meaning (dates in order, a focus area of the plan's
funding period, which the caller passes: the periods are data, see `plans.periods`) and
raises `InterchangeError` with Danish messages; it touches no database.

Format 2 adds `funding_period`, `scope_kind` on every baseline and comparator,
`activities[].process_goals` and `theory_of_change` (delaftale and `focus_areas[]`). The last
two are kept as given (plain JSON) so they survive a round trip.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

KINDS = ("strategisk_samarbejdsaftale", "delaftale")


class InterchangeError(ValueError):
    """The document is not a valid agreement; `messages` says why, in Danish."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Measure:
    text: str
    scope: str | None = None
    percent: float | None = None
    count: float | None = None
    denominator: float | None = None
    year: int | None = None
    # whole, department, housing_area, target_group, municipality, all_plans, national;
    # None where a reading could not tell (the saving code then decides).
    scope_kind: str | None = None
    # A figure from a survey (an extra key, evaluation): {"series", "wave", "question",
    # "invited", "respondents", "weighted"}.
    survey: dict[str, Any] | None = None


@dataclass
class Indicator:
    text: str
    baselines: list[Measure] = field(default_factory=list)
    comparators: list[Measure] = field(default_factory=list)
    baseline_year: int | None = None
    data_source: str | None = None
    unit: str | None = None
    direction: str | None = None


@dataclass
class Goal:
    text: str
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Activity:
    name: str
    purpose: str | None = None
    goals: list[str] = field(default_factory=list)
    target_groups: str | None = None
    content: str | None = None
    responsibilities: str | None = None
    # [{"text", "target", "per", "condition"}], as the format has them.
    process_goals: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Staff:
    text: str
    role: str | None = None
    share_percent: float | None = None
    hours_per_year: float | None = None


@dataclass
class Department:
    number: str
    organisation: str | None = None


@dataclass
class HousingArea:
    name: str
    departments: list[Department] = field(default_factory=list)


@dataclass
class FocusAreaSection:
    name: str
    problem_complex: str | None = None
    theory_of_change: dict[str, Any] | None = None


@dataclass
class Period:
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class Agreement:
    kind: str
    period: Period = field(default_factory=Period)
    parties: list[str] = field(default_factory=list)
    # The plan organisation each party is linked to, by name, beside `parties` (an extra key
    # the import review writes: the reviewer's choice); None or a missing entry: the one the
    # party names (`plans.parties`), found or made when saving.
    party_organisations: list[str | None] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    title: str | None = None
    focus_area: str | None = None
    initiative: str | None = None
    activity_names: list[str] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    municipal_coherence: str | None = None
    revision: str | None = None
    housing_areas: list[HousingArea] = field(default_factory=list)
    vision: str | None = None
    organisation: str | None = None
    focus_areas: list[FocusAreaSection] = field(default_factory=list)
    local_evaluation: str | None = None
    funding_period: str | None = None
    theory_of_change: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    # Which part of the agreement each warning concerns, so the import review page can show it
    # next to that field: a path into the interchange JSON ("parties", "period", "staff",
    # "goals.0", "goals.0.indicators.1", "activities.2") -> the warnings about it. Not part of
    # the interchange JSON; every message is also in `warnings`.
    warning_fields: dict[str, list[str]] = field(default_factory=dict, compare=False)

    def warn(self, message: str, path: str | None = None) -> None:
        """Record a warning for the reviewer, tied to the part it concerns when known."""
        if message not in self.warnings:
            self.warnings.append(message)
        if path is not None:
            at = self.warning_fields.setdefault(path, [])
            if message not in at:
                at.append(message)

    # -- writing -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The interchange JSON, leaving out empty optional values."""
        raw = asdict(self)
        raw.pop("warning_fields", None)
        raw["period"] = {
            "start": self.period.start.isoformat() if self.period.start else None,
            "end": self.period.end.isoformat() if self.period.end else None,
        }
        result = _prune(raw)
        # The forandringsteori and the process goals are written as their owner built them
        # (evaluation.interchange keeps a document's empty values), not pruned again.
        if self.theory_of_change:
            result["theory_of_change"] = self.theory_of_change
        for section, written in zip(
            self.focus_areas, result.get("focus_areas") or [], strict=False
        ):
            if section.theory_of_change:
                written["theory_of_change"] = section.theory_of_change
        for activity, written in zip(self.activities, result.get("activities") or [], strict=False):
            if activity.process_goals:
                written["process_goals"] = activity.process_goals
        # `period` is required by the schema even when the document gives no dates.
        result["period"] = raw["period"]
        result.setdefault("parties", [])
        result.setdefault("goals", [])
        for goal in result["goals"]:
            goal.setdefault("indicators", [])
        return result

    # -- reading -------------------------------------------------------------------------
    @classmethod
    def from_dict(
        cls,
        data: Any,
        *,
        known_focus_areas: Iterable[str] | None = None,
        funding_period: str | None = None,
    ) -> Agreement:
        """Validate one interchange document and read it. Raises InterchangeError.

        `known_focus_areas` are the indsatsområder of the plan's funding period (code
        `funding_period`); a document naming another area, or another period, is refused.
        Without them (a caller with no plan) the areas are not checked.
        """
        if not isinstance(data, dict):
            raise InterchangeError(["Aftalen skal være et JSON-objekt."])
        errors = schema_messages(_validator(), data, whole="aftalen")
        if errors:
            raise InterchangeError(errors)
        messages: list[str] = []
        period_raw = data.get("period") or {}
        start = _date(period_raw.get("start"), "periodens start", messages)
        end = _date(period_raw.get("end"), "periodens slut", messages)
        if start and end and start > end:
            messages.append(
                f"Perioden slutter ({end.isoformat()}) før den begynder ({start.isoformat()})."
            )
        document_period = data.get("funding_period")
        if funding_period and document_period and document_period != funding_period:
            messages.append(
                f"Aftalen hører til bevillingsperioden {document_period}, men planen er i "
                f"bevillingsperioden {funding_period}."
            )
        known = tuple(known_focus_areas) if known_focus_areas is not None else None
        where = f" i bevillingsperioden {funding_period}" if funding_period else ""
        focus_area = data.get("focus_area")
        if focus_area is not None and known is not None and focus_area not in known:
            messages.append(f"Ukendt indsatsområde{where}: »{focus_area}«.")
        if data["kind"] == "delaftale" and not focus_area:
            messages.append("En delaftale skal have et indsatsområde.")
        for section in data.get("focus_areas") or []:
            if known is not None and section["name"] not in known:
                messages.append(f"Ukendt indsatsområde{where}: »{section['name']}«.")
        if messages:
            raise InterchangeError(messages)
        return cls(
            kind=data["kind"],
            period=Period(start=start, end=end),
            parties=list(data.get("parties") or []),
            party_organisations=_names(data.get("party_organisations")),
            goals=[_goal(g) for g in data.get("goals") or []],
            title=data.get("title"),
            focus_area=focus_area,
            initiative=data.get("initiative"),
            activity_names=list(data.get("activity_names") or []),
            activities=[_activity(a) for a in data.get("activities") or []],
            staff=[_staff(s) for s in data.get("staff") or []],
            municipal_coherence=_long_text(data.get("municipal_coherence")),
            revision=_long_text(data.get("revision")),
            housing_areas=[
                HousingArea(
                    name=h["name"],
                    departments=[
                        Department(number=str(d["number"]), organisation=d.get("organisation"))
                        for d in h.get("departments") or []
                    ],
                )
                for h in data.get("housing_areas") or []
            ],
            vision=_long_text(data.get("vision")),
            organisation=_long_text(data.get("organisation")),
            focus_areas=[
                FocusAreaSection(
                    name=f["name"],
                    problem_complex=_long_text(f.get("problem_complex")),
                    theory_of_change=f.get("theory_of_change") or None,
                )
                for f in data.get("focus_areas") or []
            ],
            local_evaluation=_long_text(data.get("local_evaluation")),
            funding_period=document_period or None,
            theory_of_change=data.get("theory_of_change") or None,
            warnings=list(data.get("warnings") or []),
        )


def _names(value: Any) -> list[str | None]:
    """`party_organisations` as given: a name (or None) per party; anything else is none."""
    if not isinstance(value, list):
        return []
    return [v.strip() or None if isinstance(v, str) else None for v in value]


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((Path(__file__).with_name("agreement.schema.json")).read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


_TYPE_NAMES = {
    "string": "tekst",
    "number": "et tal",
    "integer": "et helt tal",
    "array": "en liste",
    "object": "et objekt",
    "null": "tom",
}


def schema_messages(
    validator: jsonschema.protocols.Validator, data: Any, *, whole: str
) -> list[str]:
    """The JSON-schema errors of `data` as Danish messages (at most 20); `whole` names the
    document when the error concerns it as a whole ("aftalen", "bevillingsperioden")."""
    messages = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or whole
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            messages.append(f"Feltet »{missing}« mangler ({where}).")
        elif error.validator == "type":
            wanted = error.validator_value
            names = [wanted] if isinstance(wanted, str) else list(wanted)
            readable = " eller ".join(_TYPE_NAMES.get(n, n) for n in names)
            messages.append(f"»{where}« skal være {readable}.")
        elif error.validator == "enum":
            messages.append(
                f"»{where}« har en ukendt værdi: {json.dumps(error.instance, ensure_ascii=False)}."
            )
        elif error.validator == "pattern":
            messages.append(
                f"»{where}« har ikke den rigtige form: "
                f"{json.dumps(error.instance, ensure_ascii=False)}."
            )
        elif error.validator == "minItems":
            messages.append(f"»{where}« skal have mindst {error.validator_value} element.")
        else:
            messages.append(f"»{where}« er ugyldig.")
    return messages[:20]


def _date(value: str | None, label: str, messages: list[str]) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        messages.append(f"Ugyldig dato for {label}: »{value}« (skriv ÅÅÅÅ-MM-DD).")
        return None


def _long_text(value: Any) -> str | None:
    if isinstance(value, list):
        return "\n\n".join(str(v) for v in value)
    return value


def _measure(m: dict[str, Any]) -> Measure:
    return Measure(
        text=m["text"],
        scope=m.get("scope"),
        percent=m.get("percent"),
        count=m.get("count"),
        denominator=m.get("denominator"),
        year=m.get("year"),
        scope_kind=m.get("scope_kind"),
        survey=dict(m["survey"]) if isinstance(m.get("survey"), dict) else None,
    )


def _goal(g: dict[str, Any]) -> Goal:
    return Goal(
        text=g["text"],
        indicators=[
            Indicator(
                text=i["text"],
                baselines=[_measure(m) for m in i.get("baselines") or []],
                comparators=[_measure(m) for m in i.get("comparators") or []],
                baseline_year=i.get("baseline_year"),
                data_source=i.get("data_source"),
                unit=i.get("unit"),
                direction=i.get("direction"),
            )
            for i in g.get("indicators") or []
        ],
    )


def _activity(a: dict[str, Any]) -> Activity:
    return Activity(
        name=a["name"],
        purpose=_long_text(a.get("purpose")),
        goals=list(a.get("goals") or []),
        target_groups=_long_text(a.get("target_groups")),
        content=_long_text(a.get("content")),
        responsibilities=_long_text(a.get("responsibilities")),
        process_goals=[dict(p) for p in a.get("process_goals") or []],
    )


def _staff(s: dict[str, Any]) -> Staff:
    return Staff(
        text=s["text"],
        role=s.get("role"),
        share_percent=s.get("share_percent"),
        hours_per_year=s.get("hours_per_year"),
    )
