"""Forms for every part of the chain. They parse and check input; services save."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator

from lib.danish import parse_figure
from lib.forms import (
    ITEM,
    PARAGRAPH,
    DanishDateField,
    DanishDecimalField,
    DkfdsForm,
    PeriodFormMixin,
)
from plans.models import (
    Agreement,
    AgreementKind,
    Direction,
    FocusArea,
    FundingPeriod,
    Goal,
    MeasureRole,
    Organisation,
    OrganisationKind,
    PlanStatus,
    ScopeKind,
    Unit,
)
from plans.services import funding_period_default

TEXTAREA = forms.Textarea(attrs={"rows": 5, "class": "form-input"})


class _JudgedByTheService(forms.CharField):
    """Shown as required (no »(valgfri)«); whether it is, the service decides and says."""

    def validate(self, value: Any) -> None:
        return None


class ChangeReasonForm(DkfdsForm):
    """»Begrundelse for ændringen« of an approved agreement: beside the form of the change,
    so the refusal of a change without one (`revisions.change_agreement`, argument
    »reason«) stands at this field (review4 T6). Whether a reason is needed is the
    service's judgement, not this form's."""

    change_reason = _JudgedByTheService(
        label="Begrundelse for ændringen",
        max_length=PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["change_reason"]
        field.help_text = (
            f"Aftalen er {agreement.get_status_display()}. Ændringen starter version "
            f"{agreement.version + 1} som kladde, og begrundelsen kommer i ændringsloggen."
        )
        field.widget.attrs["aria-describedby"] = "id_change_reason_hint"

    def add_error(self, field: str | None, error: Any) -> None:
        """The service's refusal, added after validation: point the field at it too, as
        `DkfdsForm.full_clean` does for a form's own errors (WCAG 3.3.1)."""
        super().add_error(field, error)
        if field == "change_reason":
            attrs = self.fields["change_reason"].widget.attrs
            attrs["aria-describedby"] = "id_change_reason_hint id_change_reason_error"
            attrs["aria-invalid"] = "true"


class PlanForm(PeriodFormMixin, DkfdsForm):
    name = forms.CharField(label="Navn", max_length=200)
    slug = forms.SlugField(
        label="Kortnavn",
        max_length=80,
        help_text="Bruges i adressen, fx »solhaven«. Små bogstaver, tal og bindestreger.",
        # Django's own words name the field a »slug«; a koordinator never met that word.
        error_messages={
            "invalid": "Kortnavnet må kun have bogstaver, tal og bindestreger (ingen mellemrum), "
            "fx »solhaven-2024«."
        },
    )
    lbf_case_number = forms.CharField(label="LBF-sagsnummer", max_length=50, required=False)
    municipality = forms.CharField(label="Kommune", max_length=100, required=False)
    period_start = DanishDateField(label="Periode fra")
    period_end = DanishDateField(label="Periode til", end_of_month=True)
    status = forms.ChoiceField(label="Status", choices=PlanStatus.choices)


class PlanCreateForm(PlanForm):
    """A new plan chooses its funding period; it does not change afterwards (a plan moves to a
    new period by its own procedure, which keeps the old period's history)."""

    funding_period = forms.ModelChoiceField(
        label="Bevillingsperiode",
        queryset=FundingPeriod.objects.order_by("-start", "-code"),
        empty_label=None,
        help_text="Perioden bestemmer planens indsatsområder og Landsbyggefondens faste mål.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            default = funding_period_default()
            if default is not None:
                self.initial.setdefault("funding_period", default.pk)


class OrganisationForm(DkfdsForm):
    name = forms.CharField(label="Navn", max_length=300)
    kind = forms.ChoiceField(label="Type", choices=OrganisationKind.choices)


class HousingAreaForm(DkfdsForm):
    name = forms.CharField(label="Boligområde", max_length=200)


class DepartmentForm(DkfdsForm):
    number = forms.CharField(
        label="Afdelingsnummer",
        max_length=20,
        validators=[RegexValidator(r"^[0-9A-Za-z.\- ]+$", "Skriv afdelingens nummer, fx 23.")],
    )
    organisation = forms.ModelChoiceField(
        label="Boligorganisation", queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, plan: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(plan=plan)  # type: ignore[attr-defined]


class AgreementCreateForm(PeriodFormMixin, DkfdsForm):
    kind = forms.ChoiceField(label="Type", choices=AgreementKind.choices)
    focus_area = forms.ModelChoiceField(
        label="Indsatsområde",
        queryset=FocusArea.objects.none(),
        required=False,
        help_text="Kræves for en delaftale.",
    )
    title = forms.CharField(label="Titel", max_length=300, required=False)
    initiative = forms.CharField(label="Navn på indsatsen", max_length=300, required=False)
    period_start = DanishDateField(label="Gælder fra")
    period_end = DanishDateField(label="Gælder til", end_of_month=True)

    def __init__(self, *args: Any, plan: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = FocusArea.objects.filter(  # type: ignore[attr-defined]
            funding_period=plan.funding_period_id
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == AgreementKind.SUB and not data.get("focus_area"):
            self.add_error("focus_area", "En delaftale skal have et indsatsområde.")
        return data


class AgreementForm(PeriodFormMixin, DkfdsForm):
    title = forms.CharField(label="Titel", max_length=300, required=False)
    initiative = forms.CharField(
        label="Navn på indsatsen / områdets navn", max_length=300, required=False
    )
    period_start = DanishDateField(label="Gælder fra")
    period_end = DanishDateField(label="Gælder til", end_of_month=True)
    vision = forms.CharField(label="Vision", widget=TEXTAREA, required=False)
    organisation = forms.CharField(label="Organisering", widget=TEXTAREA, required=False)
    interplay = forms.CharField(
        label="Samspil med andre indsatser", widget=TEXTAREA, required=False
    )
    local_evaluation = forms.CharField(label="Lokal evaluering", widget=TEXTAREA, required=False)
    municipal_coherence = forms.CharField(
        label="Sammenhæng med den kommunale indsats", widget=TEXTAREA, required=False
    )
    revision_text = forms.CharField(label="Revision", widget=TEXTAREA, required=False)

    STRATEGIC_ONLY = ("vision", "organisation", "interplay", "local_evaluation")
    SUB_ONLY = ("municipal_coherence",)

    def __init__(self, *args: Any, kind: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in self.SUB_ONLY if kind == AgreementKind.STRATEGIC else self.STRATEGIC_ONLY:
            del self.fields[name]


class PartyForm(DkfdsForm):
    name = forms.CharField(label="Part", max_length=500)
    signed_date = DanishDateField(label="Underskrevet dato")
    signed_by = forms.CharField(label="Underskrevet af", max_length=200, required=False)


class FocusAreaSectionForm(DkfdsForm):
    focus_area = forms.ModelChoiceField(label="Indsatsområde", queryset=FocusArea.objects.none())
    problem_complex = forms.CharField(label="Problemkompleks", widget=TEXTAREA, required=False)

    def __init__(self, *args: Any, plan: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = FocusArea.objects.filter(  # type: ignore[attr-defined]
            funding_period=plan.funding_period_id
        )


class GoalForm(DkfdsForm):
    text = forms.CharField(
        label="Mål",
        max_length=ITEM,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
    )


class IndicatorForm(DkfdsForm):
    text = forms.CharField(
        label="Indikator",
        max_length=ITEM,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
    )
    unit = forms.ChoiceField(label="Enhed", choices=Unit.choices, initial=Unit.PERCENT)
    direction = forms.ChoiceField(
        label="Retning",
        choices=Direction.choices,
        help_text="Hvad er fremgang for denne indikator?",
    )
    data_source = forms.CharField(label="Datakilde", max_length=500, required=False)
    baseline_year = forms.IntegerField(
        label="Baseline år", required=False, min_value=1990, max_value=2100
    )


class MeasureForm(DkfdsForm):
    role = forms.ChoiceField(label="Type", choices=MeasureRole.choices)
    text = forms.CharField(
        label="Som skrevet",
        max_length=1000,
        help_text="Fx »41 beboere (6,3%)« eller »78% / 115 ud af 148 beboere«.",
    )
    scope_kind = forms.ChoiceField(label="Omfang", choices=ScopeKind.choices)
    scope = forms.CharField(
        label="Gælder for",
        max_length=300,
        required=False,
        help_text="Fx »Afd. 4«, »Bakkely« eller »Åbyhavn Kommune«. Tom for hele området.",
    )
    count = DanishDecimalField(label="Antal", min_value=0)
    percent = DanishDecimalField(label="Procent", min_value=0, max_value=100)
    denominator = DanishDecimalField(label="Ud af", min_value=0)
    year = forms.IntegerField(label="År", required=False, min_value=1990, max_value=2100)

    def clean(self) -> dict[str, Any]:
        """Numbers left empty are read from the written text."""
        data = super().clean() or {}
        text = data.get("text")
        if text:
            figure = parse_figure(text)
            percent = data.get("percent")
            if (
                figure.percent is None
                and percent is not None
                and figure.count is not None
                and Decimal(str(figure.count)) == percent
            ):
                # »79,2« written beside a percent of 79,2 is that percent, not a count.
                figure = replace(figure, count=None)
            for name in ("count", "percent", "denominator", "year"):
                if data.get(name) is None and name not in self.errors:
                    value = getattr(figure, name)
                    if name == "percent" and value is not None and value > 100:
                        self.add_error(
                            "text",
                            "Procenten i teksten er over 100. Ret teksten, eller skriv "
                            "tallene i felterne nedenfor.",
                        )
                        continue
                    if value is not None and name != "year":
                        value = Decimal(str(value))
                    data[name] = value
        count, denominator = data.get("count"), data.get("denominator")
        if count is not None and denominator is not None and count > denominator:
            self.add_error("count", "Antallet kan ikke være større end det, det er ud af.")
        return data


class ActivityForm(DkfdsForm):
    name = forms.CharField(label="Aktivitetsnavn", max_length=500)
    purpose = forms.CharField(label="Formål", widget=TEXTAREA, required=False)
    own_goals = forms.CharField(
        label="Aktivitetens egne mål",
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        required=False,
        help_text="Ét mål pr. linje.",
    )
    target_groups = forms.CharField(label="Målgruppe(r)", widget=TEXTAREA, required=False)
    content = forms.CharField(label="Indhold og praksis", widget=TEXTAREA, required=False)
    responsibilities = forms.CharField(
        label="Ansvars- og rollefordeling", widget=TEXTAREA, required=False
    )
    partners = forms.CharField(label="Involverede parter", widget=TEXTAREA, required=False)
    linked_goals = forms.ModelMultipleChoiceField(
        label="Bidrager til delmål",
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, agreement: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["linked_goals"].queryset = Goal.objects.filter(agreement=agreement)  # type: ignore[attr-defined]

    def clean_own_goals(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["own_goals"].splitlines() if line.strip()
        ]


class StaffForm(DkfdsForm):
    text = forms.CharField(
        label="Som skrevet",
        max_length=1000,
        help_text="Fx »Boligsocial medarbejder, 37 timer/uge« eller »Klubben 300t/år«.",
    )
    role = forms.CharField(label="Rolle", max_length=300, required=False)
    organisation = forms.CharField(label="Organisation", max_length=300, required=False)
    share_percent = DanishDecimalField(label="Andel af stilling (%)", min_value=0, max_value=100)
    hours_per_year = DanishDecimalField(label="Timer om året", min_value=0, max_value=100000)
    funded_by = forms.CharField(label="Finansieret af", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        """A role, share or hours left empty are read from the written line when it states
        them, by the import's rule (`plans.staffline`): »8 t/uge« is hours a week."""
        from plans.staffline import staff_figures

        data = super().clean() or {}
        figures = staff_figures(data.get("text") or "")
        if data.get("share_percent") is None and "share_percent" not in self.errors:
            data["share_percent"] = figures.share_percent
        if data.get("hours_per_year") is None and "hours_per_year" not in self.errors:
            data["hours_per_year"] = figures.hours_per_year
        if not data.get("role") and "role" not in self.errors and figures.role:
            data["role"] = figures.role[:300]
        share = data.get("share_percent")
        if share is not None and share > 100:
            data["share_percent"] = None
        return data


class JsonUploadForm(DkfdsForm):
    file = forms.FileField(label="JSON-fil i udvekslingsformatet")


class PeriodUploadForm(DkfdsForm):
    file = forms.FileField(
        label="Fil med bevillingsperioden (JSON)",
        help_text="En fil i formatet for bevillingsperioder. Findes perioden, opdateres den; "
        "planernes egne data ændres ikke.",
    )
    reason = forms.CharField(
        label="Hvorfor indlæses perioden?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Kommer i loggen over ændringer på tværs af planer.",
    )


class SubmitForm(DkfdsForm):
    reason = forms.CharField(
        label="Hvad er ændret, og hvorfor?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Vises for bestyrelsen sammen med ændringerne.",
    )


def _approval_date_field(label: str, what: str) -> forms.CharField:
    """The date is read and judged by the service (`revisions.read_date` and
    `check_approval_date`), so the form, the API and the command line say the same; an empty
    field says the service's own words (`revisions.missing_date`)."""
    from plans.revisions import missing_date

    return forms.CharField(
        label=label,
        required=True,
        error_messages={"required": missing_date(what)},
        max_length=40,
        help_text="Fx 4. marts 2025 eller 04.03.2025. Ikke før versionen blev sendt, ikke i "
        "fremtiden.",
    )


class ApproveForm(DkfdsForm):
    meeting_date = _approval_date_field("Mødedato", "Mødedatoen")
    meeting_reference = forms.CharField(
        label="Mødereference",
        max_length=300,
        required=False,
        help_text="Fx »Bestyrelsesmøde 3/2025, punkt 4«.",
    )
    note = forms.CharField(
        label="Bemærkning", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReturnForm(DkfdsForm):
    note = forms.CharField(
        label="Hvad skal rettes?", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class LbfApprovalForm(DkfdsForm):
    approved_on = _approval_date_field(
        "Godkendt af Landsbyggefonden den", "Landsbyggefondens godkendelsesdato"
    )
    reference = forms.CharField(label="LBF's reference", max_length=300, required=False)
