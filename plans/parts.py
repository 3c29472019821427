"""The editable parts of an agreement, each with its form and its service functions.

The web views use this table so that adding, editing and deleting a party, a goal, an
indicator, a baseline, an activity or a staff line all go the same way: access check, form,
service, redirect back to the agreement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model

from plans import forms as f
from plans import services as s
from plans.models import (
    Activity,
    Agreement,
    AgreementParty,
    FocusAreaSection,
    Goal,
    Indicator,
    Measure,
    StaffResource,
)


@dataclass(frozen=True)
class Part:
    model: type[Model]
    form: type[forms.Form]
    label: str
    parent: str  # "agreement", "goal" or "indicator": what a new one hangs under
    save: Callable[..., Any]
    delete: Callable[[Any], None]
    initial: Callable[[Any], dict[str, Any]]
    form_kwargs: Callable[[Agreement], dict[str, Any]] = lambda agreement: {}
    strategic_only: bool = False
    definite: str = ""  # »parten«: the part named in »Parten er gemt.«

    def named(self, agreement: Agreement) -> tuple[str, str]:
        """(the part's name, its definite form) as the pages say them: a goal of a delaftale
        is a »delmål«, of the strategic agreement an »overordnet mål« (review4 T6)."""
        if self.label == "mål":
            if agreement.is_strategic:
                return "overordnet mål", "det overordnede mål"
            return "delmål", "delmålet"
        return self.label, self.definite or self.label

    def agreement_of(self, obj: Any) -> int:
        """The agreement an existing object belongs to."""
        if isinstance(obj, Measure):
            return obj.indicator.goal.agreement_id
        if isinstance(obj, Indicator):
            return obj.goal.agreement_id
        return obj.agreement_id  # type: ignore[no-any-return]


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


PARTS: dict[str, Part] = {
    "part": Part(
        model=AgreementParty,
        form=f.PartyForm,
        label="part",
        definite="parten",
        parent="agreement",
        save=lambda agreement, parent, obj, data: s.party_save(
            agreement=agreement, party=obj, **data
        ),
        delete=lambda obj: s.party_delete(party=obj),
        initial=lambda obj: _fields(obj, ("name", "signed_date", "signed_by")),
    ),
    "indsatsomraade": Part(
        model=FocusAreaSection,
        form=f.FocusAreaSectionForm,
        label="indsatsområde",
        definite="indsatsområdet",
        parent="agreement",
        save=lambda agreement, parent, obj, data: s.focus_area_section_save(
            agreement=agreement, section=obj, **data
        ),
        delete=lambda obj: s.focus_area_section_delete(section=obj),
        initial=lambda obj: _fields(obj, ("focus_area", "problem_complex")),
        form_kwargs=lambda agreement: {"plan": agreement.plan},
        strategic_only=True,
    ),
    "maal": Part(
        model=Goal,
        form=f.GoalForm,
        label="mål",
        definite="målet",
        parent="agreement",
        save=lambda agreement, parent, obj, data: s.goal_save(
            agreement=agreement, goal=obj, **data
        ),
        delete=lambda obj: s.goal_delete(goal=obj),
        initial=lambda obj: _fields(obj, ("text",)),
    ),
    "indikator": Part(
        model=Indicator,
        form=f.IndicatorForm,
        label="indikator",
        definite="indikatoren",
        parent="goal",
        save=lambda agreement, parent, obj, data: s.indicator_save(
            goal=parent if obj is None else obj.goal, indicator=obj, **data
        ),
        delete=lambda obj: s.indicator_delete(indicator=obj),
        initial=lambda obj: _fields(
            obj, ("text", "unit", "direction", "data_source", "baseline_year")
        ),
    ),
    "baseline": Part(
        model=Measure,
        form=f.MeasureForm,
        label="baseline",
        definite="baselinen",
        parent="indicator",
        save=lambda agreement, parent, obj, data: s.measure_save(
            indicator=parent if obj is None else obj.indicator, measure=obj, **data
        ),
        delete=lambda obj: s.measure_delete(measure=obj),
        initial=lambda obj: _fields(
            obj, ("role", "text", "scope_kind", "scope", "count", "percent", "denominator", "year")
        ),
    ),
    "aktivitet": Part(
        model=Activity,
        form=f.ActivityForm,
        label="aktivitet",
        definite="aktiviteten",
        parent="agreement",
        save=lambda agreement, parent, obj, data: s.activity_save(
            agreement=agreement, activity=obj, **data
        ),
        delete=lambda obj: s.activity_delete(activity=obj),
        initial=lambda obj: {
            **_fields(
                obj,
                ("name", "purpose", "target_groups", "content", "responsibilities", "partners"),
            ),
            "own_goals": "\n".join(obj.own_goals or []),
            "linked_goals": list(obj.linked_goals.all()),
        },
        form_kwargs=lambda agreement: {"agreement": agreement},
    ),
    "medarbejder": Part(
        model=StaffResource,
        form=f.StaffForm,
        label="medarbejderressource",
        definite="medarbejderressourcen",
        parent="agreement",
        save=lambda agreement, parent, obj, data: s.staff_save(
            agreement=agreement, staff=obj, **data
        ),
        delete=lambda obj: s.staff_delete(staff=obj),
        initial=lambda obj: _fields(
            obj, ("text", "role", "organisation", "share_percent", "hours_per_year", "funded_by")
        ),
    ),
}
