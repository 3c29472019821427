"""Forms of the follow-up: parse Danish input only; the services decide what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from followup.models import PeriodKind
from lib.danish import parse_figure
from lib.forms import DanishDateField, DanishDecimalField, DkfdsForm
from plans.models import ScopeKind

HALVES = [("0", "—"), ("1", "1. halvår"), ("2", "2. halvår")]


def _year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label="År", min_value=1990, max_value=2100, widget=forms.NumberInput(), **kwargs
    )


class FiguresMixin(forms.Form):
    text = forms.CharField(
        label="Som skrevet",
        required=False,
        max_length=1000,
        help_text="Fx »41 beboere (6,3 %)«. Tom: skrives ud fra tallene.",
    )
    count = DanishDecimalField(label="Antal", min_value=0)
    percent = DanishDecimalField(label="Procent", min_value=0, max_value=100)
    denominator = DanishDecimalField(label="Ud af", min_value=0)
    source = forms.CharField(label="Kilde", required=False, max_length=500)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        """Numbers left empty are read from the written text (»48 beboere (7,4 %)«)."""
        data: dict[str, Any] = super().clean() or {}
        text = data.get("text") or ""
        if text:
            figure = parse_figure(text)
            for name in ("count", "percent", "denominator"):
                value = getattr(figure, name)
                if data.get(name) is None and not self.errors.get(name) and value is not None:
                    if name == "percent" and value > 100:
                        self.add_error("text", "Procenten i teksten er over 100.")
                        continue
                    data[name] = Decimal(str(value))
        no_figure = data.get("count") is None and data.get("percent") is None
        if no_figure and not self.errors.get("count") and not self.errors.get("percent"):
            self.add_error("count", "Skriv et antal eller en procent.")
        count, denominator = data.get("count"), data.get("denominator")
        if count is not None and denominator is not None and count > denominator:
            self.add_error("denominator", "Antallet kan ikke være større end det, det er ud af.")
        return data


class MeasurementForm(DkfdsForm, FiguresMixin):
    scope_kind = forms.ChoiceField(label="Omfang", choices=ScopeKind.choices)
    scope = forms.CharField(
        label="Gælder for",
        required=False,
        max_length=300,
        help_text="Afdelingen, boligområdet, målgruppen/spørgsmålet eller kommunen.",
        widget=forms.TextInput(attrs={"list": "scope-names"}),
    )
    period_kind = forms.ChoiceField(label="Periode", choices=PeriodKind.choices)
    year = _year_field()
    half = forms.TypedChoiceField(
        label="Halvår", choices=HALVES, coerce=int, required=False, empty_value="0"
    )
    survey = forms.CharField(
        label="Survey",
        required=False,
        max_length=200,
        help_text="Kun for surveybølger, fx »Tryghedsmåling (VIVE)«.",
    )

    field_order = [
        "scope_kind",
        "scope",
        "period_kind",
        "year",
        "half",
        "survey",
        "text",
        "count",
        "percent",
        "denominator",
        "source",
        "note",
    ]


class CorrectionForm(DkfdsForm, FiguresMixin):
    measurement = forms.IntegerField(widget=forms.HiddenInput())
    reason = forms.CharField(
        label="Begrundelse for rettelsen", widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = ["measurement", "reason", "text", "count", "percent", "denominator"]


class ImportForm(forms.Form):
    file = forms.FileField(label="Fil (XLSX eller CSV)")
    save_good_rows = forms.BooleanField(
        label="Gem de gyldige rækker, selv om andre rækker har fejl", required=False
    )


class NarrativeForm(DkfdsForm):
    text = forms.CharField(
        label="Kort fortælling om målet",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Hvad er sket, hvad viser tallene, og hvad gør vi nu? Nogle få afsnit.",
    )


class BoardMeetingForm(DkfdsForm):
    year = _year_field(help_text="Året, opfølgningen gælder.")
    held_on = DanishDateField(label="Mødedato", required=True)
    attendees = forms.CharField(
        label="Deltagere",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bestyrelsesmedlemmernes navne og organisationer.",
    )
    decisions = forms.CharField(label="Beslutninger", widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
