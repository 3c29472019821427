"""Forms of the local evaluation: Django formsets for the rows (add with the page's button or
the blank rows, remove with »Fjern«), Danish numbers and dates, nothing decided here that a
service does not check again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory

from evaluation import services
from evaluation.models import Horizon, Per, Place
from lib.danish import parse_number
from lib.forms import BoundedForm, DanishDateField, DanishDecimalField, DkfdsForm
from plans.revisions import missing_date

MAX_ROWS = 60


def _checked_date(
    day: dt.date | None, *, what: str, span: services.DateSpan | None = None
) -> dt.date | None:
    """A date field's value checked by the services' rule (`date_problems`), so its every
    problem shows on the field together with the form's other errors."""
    if day is not None and (problems := services.date_problems(day, what=what, span=span)):
        raise forms.ValidationError(problems)
    return day


class CountField(DanishDecimalField):
    """A whole number of times (a process goal's target): »6«, not »6,3«."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("help_text", "Et helt tal, fx 6.")
        super().__init__(min_value=0, max_value=1_000_000, **kwargs)
        self.widget.attrs["inputmode"] = "numeric"

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip()
        if text and parse_number(text) is None:
            raise forms.ValidationError(
                "»%(value)s« er ikke et antal. Skriv et helt tal, fx 6.",
                code="invalid",
                params={"value": text},
            )
        number = super().to_python(value)
        if number is not None and number != number.to_integral_value():
            raise forms.ValidationError(
                "Målet er et antal gange. Skriv et helt tal, fx 6.", code="whole"
            )
        return number


class TheoryForm(DkfdsForm):
    activities = forms.MultipleChoiceField(
        label="Aktiviteter, forandringsteorien tager udgangspunkt i",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reviewed = DanishDateField(
        label="Senest gennemgået", help_text="Fx 12. marts 2026. Kan stå tomt."
    )

    def __init__(self, *args: Any, activity_names: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["activities"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(n, n) for n in activity_names]

    def clean_reviewed(self) -> dt.date | None:
        return _checked_date(self.cleaned_data.get("reviewed"), what="Datoen")


class ResultForm(DkfdsForm):
    horizon = forms.ChoiceField(label="Tidshorisont", choices=Horizon.choices)
    text = forms.CharField(
        label="Resultat", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    indicators = forms.MultipleChoiceField(
        label="Måles ved indikatorerne", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, indicator_choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["indicators"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = indicator_choices

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("indicators") and not (data.get("text") or "").strip():
            self.add_error("text", "Skriv resultatet, før du knytter indikatorer til det.")
        return data


class AssumptionForm(DkfdsForm):
    text = forms.CharField(label="Forudsætning", required=False, max_length=1000)


ResultFormSet = formset_factory(
    ResultForm, extra=2, can_delete=True, max_num=MAX_ROWS, validate_max=True
)
AssumptionFormSet = formset_factory(
    AssumptionForm, extra=1, can_delete=True, max_num=MAX_ROWS, validate_max=True
)


class ProcessGoalForm(DkfdsForm):
    text = forms.CharField(label="Procesmål", required=False, max_length=1000)
    target = CountField(label="Mål (antal)")
    per = forms.ChoiceField(label="Pr.", required=False, choices=[("", "–")] + list(Per.choices))
    condition = forms.CharField(
        label="Betingelse",
        required=False,
        max_length=300,
        help_text="Hvad en gang skal opfylde for at tælle, fx »uden for boligområdet« eller »om temaerne«.",
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        filled = data.get("target") is not None or data.get("per") or data.get("condition")
        if filled and not (data.get("text") or "").strip():
            self.add_error("text", "Skriv procesmålet, som det står i delaftalen.")
        return data


ProcessGoalFormSet = formset_factory(
    ProcessGoalForm, extra=2, can_delete=True, max_num=MAX_ROWS, validate_max=True
)


class SessionForm(DkfdsForm):
    """One logbook session, typed in (the spreadsheet does many at once)."""

    date = DanishDateField(label="Dato", required=True, help_text="Fx 14. marts 2026.")
    theme = forms.CharField(label="Tema", required=False, max_length=300)
    place = forms.ChoiceField(label="Sted", choices=Place.choices)
    participants = forms.IntegerField(label="Deltagere i alt", min_value=0, max_value=100_000)
    new_participants = forms.IntegerField(
        label="Heraf nye i år", min_value=0, max_value=100_000, required=False
    )
    conditions = forms.MultipleChoiceField(
        label="Gangen opfylder", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        conditions: list[str],
        span: services.DateSpan | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.span = span  # the days the agreement's logbook holds (`services.logbook_span`)
        field = self.fields["conditions"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(c, c) for c in conditions]
        if not conditions:
            del self.fields["conditions"]

    def clean_date(self) -> dt.date | None:
        return _checked_date(self.cleaned_data.get("date"), what="Datoen", span=self.span)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        total, new = data.get("participants"), data.get("new_participants")
        if total is not None and new is not None and new > total:
            self.add_error("new_participants", "Der kan ikke være flere nye end deltagere i alt.")
        return data


class LogbookUploadForm(BoundedForm):
    file = forms.FileField(label="Logbog (XLSX eller CSV)")


class SeminarForm(DkfdsForm):
    held_on = DanishDateField(
        label="Dato",
        required=True,
        error_messages={"required": missing_date(services.SEMINAR_DATE)},
        help_text="Fx 12. marts 2026. Ikke i fremtiden.",
    )
    roles = forms.CharField(
        label="Deltagere (roller, ikke navne)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Én rolle pr. linje, fx »koordinator« eller »repræsentant for kommunen«.",
        error_messages={"required": "Skriv mindst én rolle, der deltog."},
    )
    data_reviewed = forms.CharField(
        label="Data, seminaret så på",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Skriv, hvilke data seminaret så på."},
    )

    def __init__(self, *args: Any, span: services.DateSpan | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.span = span  # the plan's own time (`services.plan_span`), as the service checks

    def clean_held_on(self) -> dt.date | None:
        return _checked_date(
            self.cleaned_data.get("held_on"), what=services.SEMINAR_DATE, span=self.span
        )


class DecisionForm(DkfdsForm):
    text = forms.CharField(
        label="Beslutning",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Not »(valgfri)«: a decision about the whole plan names none, but a revision needs one
    # (`clean`); the template says so by the label (`required_when`).
    agreement = forms.ChoiceField(
        label="Gælder delaftalen",
        required=False,
        help_text="Lad stå tomt, hvis beslutningen gælder hele planen.",
    )
    start_revision = forms.BooleanField(
        label="Start en revision af delaftalen (næste version som kladde; har delaftalen "
        "allerede en kladde, føjes beslutningen til den)",
        required=False,
    )

    def __init__(self, *args: Any, agreement_choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "– hele planen –")] + agreement_choices
        field.required_when = "skal vælges for at starte en revision"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("start_revision") and not data.get("agreement"):
            self.add_error("agreement", "Vælg den delaftale, revisionen gælder.")
        if (data.get("agreement") or data.get("start_revision")) and not (
            data.get("text") or ""
        ).strip():
            self.add_error("text", "Skriv beslutningen.")
        return data


DecisionFormSet = formset_factory(
    DecisionForm, extra=2, can_delete=True, max_num=MAX_ROWS, validate_max=True
)
