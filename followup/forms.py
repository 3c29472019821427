"""Forms of the follow-up: parse Danish input only; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from followup.models import PeriodKind
from followup.services import WITHOUT_DOCUMENTS_LABEL
from lib.forms import PARAGRAPH, BoundedForm, DanishDecimalField, DkfdsForm
from plans.models import ScopeKind
from plans.revisions import missing_date, read_date

HALVES = [("0", "—"), ("1", "1. halvår"), ("2", "2. halvår")]


def _year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label="År", min_value=1990, max_value=2100, widget=forms.NumberInput(), **kwargs
    )


class FiguresMixin(BoundedForm):
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
    note = forms.CharField(
        label="Note", required=False, max_length=PARAGRAPH, widget=forms.Textarea(attrs={"rows": 2})
    )

    # Numbers left empty are read from the written text, and the figures are judged, by the
    # service (`services.read_figures`): the sheet and the API go the same way.


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
    confirm_outside_period = forms.BooleanField(
        label="Perioden ligger uden for planens periode, og værdien skal gemmes alligevel",
        required=False,
        help_text="Fx historik fra før planen. Værdien vises som »uden for planperioden«.",
    )
    # A survey figure's sample (evaluation, issue 10): shown with its margin when few answered.
    survey_wave = forms.CharField(
        label="Bølge", required=False, max_length=100, help_text="Kun for surveys, fx »2. runde«."
    )
    survey_question = forms.CharField(
        label="Spørgsmål", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    survey_invited = forms.IntegerField(
        label="Inviterede", required=False, min_value=0, max_value=10_000_000
    )
    survey_respondents = forms.IntegerField(
        label="Svarpersoner", required=False, min_value=0, max_value=10_000_000
    )
    survey_weighted = forms.BooleanField(label="Tallet er vægtet", required=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        invited, answered = data.get("survey_invited"), data.get("survey_respondents")
        if invited is not None and answered is not None and answered > invited:
            self.add_error(
                "survey_respondents", "Der kan ikke være flere svarpersoner end inviterede."
            )
        return data

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
        "confirm_outside_period",
    ]


class CorrectionForm(DkfdsForm, FiguresMixin):
    measurement = forms.IntegerField(widget=forms.HiddenInput())
    reason = forms.CharField(
        label="Begrundelse for rettelsen",
        max_length=PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    field_order = ["measurement", "reason", "text", "count", "percent", "denominator"]


class ImportForm(BoundedForm):
    file = forms.FileField(label="Fil (XLSX eller CSV)")
    save_good_rows = forms.BooleanField(
        label="Gem de gyldige rækker, selv om andre rækker har fejl", required=False
    )


class NarrativeForm(DkfdsForm):
    text = forms.CharField(
        label="Kort fortælling om målet",
        max_length=PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Hvad er sket, hvad viser tallene, og hvad gør vi nu? Nogle få afsnit.",
    )


class BoardMeetingForm(DkfdsForm):
    year = _year_field(help_text="Året, opfølgningen gælder.")
    # Read and judged by the service (`board_meeting_record`), as from the API and the CLI.
    held_on = forms.CharField(
        label="Mødedato",
        required=True,
        error_messages={"required": missing_date("Mødedatoen")},
        max_length=40,
        help_text="Fx 20. november 2025 eller 20.11.2025. Ikke i fremtiden.",
    )
    attendees = forms.CharField(
        label="Deltagere",
        max_length=PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bestyrelsesmedlemmernes navne og organisationer.",
    )
    decisions = forms.CharField(
        label="Beslutninger", max_length=PARAGRAPH, widget=forms.Textarea(attrs={"rows": 6})
    )
    without_documents = forms.BooleanField(
        label=WITHOUT_DOCUMENTS_LABEL,
        required=False,
        help_text=(
            "Kun hvis bestyrelsen ikke fik opfølgningen herfra, fx en mundtlig gennemgang. "
            "Bilaget til revisionen siger det så."
        ),
    )

    def __init__(self, *args: Any, archived: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        if archived:
            # the year's archived documents are what the board got: nothing to tick
            del self.fields["without_documents"]

    def clean_held_on(self) -> Any:
        """Read with the service's own reading, so an unreadable date shows beside the other
        fields' errors; whether the date is allowed is the service's judgement."""
        try:
            return read_date(self.cleaned_data.get("held_on"), what="Mødedatoen")
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
