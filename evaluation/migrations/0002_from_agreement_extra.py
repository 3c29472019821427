"""Agreements saved before the evaluation app kept their forandringsteori and process goals in
`Agreement.extra`; this writes them into the evaluation tables once."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import migrations

THEORY_KEYS = ("activities", "results", "assumptions", "reviewed")


def _fold(text: str) -> str:
    return " ".join(str(text).lower().split())


def forward(apps: Any, schema_editor: Any) -> None:
    Agreement = apps.get_model("plans", "Agreement")
    Indicator = apps.get_model("plans", "Indicator")
    FocusAreaSection = apps.get_model("plans", "FocusAreaSection")
    Theory = apps.get_model("evaluation", "TheoryOfChange")
    Result = apps.get_model("evaluation", "TheoryResult")
    Link = apps.get_model("evaluation", "TheoryResultIndicator")
    ProcessGoal = apps.get_model("evaluation", "ProcessGoal")
    for agreement in Agreement.objects.exclude(extra={}).iterator():
        extra = agreement.extra if isinstance(agreement.extra, dict) else {}
        indicators = list(Indicator.objects.filter(goal__agreement=agreement))
        theories: list[tuple[int, dict[str, Any]]] = []
        if extra.get("theory_of_change") and agreement.focus_area_id:
            theories.append((agreement.focus_area_id, extra["theory_of_change"]))
        named = extra.get("focus_area_theories") or {}
        for section in FocusAreaSection.objects.filter(agreement=agreement).select_related(
            "focus_area"
        ):
            if named.get(section.focus_area.name):
                theories.append((section.focus_area_id, named[section.focus_area.name]))
        for focus_area_id, data in theories:
            reviewed = None
            with contextlib.suppress(ValueError):
                reviewed = dt.date.fromisoformat(data["reviewed"]) if data.get("reviewed") else None
            theory = Theory.objects.create(
                agreement=agreement,
                focus_area_id=focus_area_id,
                activities=list(data.get("activities") or []),
                assumptions=list(data.get("assumptions") or []),
                reviewed=reviewed,
                shown_keys=[k for k in THEORY_KEYS if k in data],
            )
            for order, raw in enumerate(data.get("results") or []):
                result = Result.objects.create(
                    theory=theory,
                    horizon=raw.get("horizon") or "output",
                    text=raw.get("text") or "",
                    order=order,
                    shown_keys=["indicators"] if "indicators" in raw else [],
                )
                for link_order, text in enumerate(raw.get("indicators") or []):
                    match = next((i for i in indicators if _fold(i.text) == _fold(text)), None)
                    Link.objects.create(result=result, indicator=match, text=text, order=link_order)
        for name, goals in (extra.get("process_goals") or {}).items():
            for order, raw in enumerate(goals):
                target = raw.get("target")
                ProcessGoal.objects.create(
                    agreement=agreement,
                    activity_name=name,
                    text=raw.get("text") or "",
                    target=None if target is None else Decimal(str(target)),
                    per=raw.get("per") or "",
                    condition=raw.get("condition") or "",
                    order=order,
                    shown_keys=[k for k in ("target", "per", "condition") if k in raw],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("plans", "0008_evaluation_survey"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
