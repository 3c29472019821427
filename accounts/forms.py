from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from accounts.models import Role
from lib.forms import BoundedForm, DkfdsForm
from plans.models import Organisation

# the roles across plans an administrator gives on a plan's page (not administrator itself:
# that stays with `helhedsplan grant-role`)
ACROSS = (Role.LBF, Role.KOMMUNE)


class MembershipForm(DkfdsForm):
    username = forms.SlugField(
        label="Brugernavn",
        max_length=150,
        help_text="En eksisterende bruger, eller en ny.",
        error_messages={
            "invalid": "Brugernavnet må kun have bogstaver, tal, bindestreger og understreger "
            "(ingen mellemrum), fx »kirsten-k«."
        },
    )
    role = forms.ChoiceField(
        label="Rolle",
        choices=[(r.value, r.label) for r in (Role.COORDINATOR, Role.BOARD, Role.PARTNER)],
    )
    # only for an administrator: the roles across plans (accounts.services.role_grant_across_plans)
    municipality = forms.CharField(
        label="Kommune (for rollen kommune)",
        max_length=100,
        required=False,
        help_text="Brugeren læser alle planer i kommunen, skrevet som planerne skriver den.",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation (for en partner)", queryset=Organisation.objects.none(), required=False
    )
    full_name = forms.CharField(label="Fulde navn (ny bruger)", max_length=150, required=False)
    email = forms.EmailField(label="E-mail (ny bruger)", required=False)
    password = forms.CharField(
        label="Midlertidig adgangskode (ny bruger)",
        widget=forms.PasswordInput(render_value=True),
        required=False,
        help_text="Mindst 8 tegn. Brugeren skifter den ved første login under »Skift adgangskode«.",
    )

    field_order = ["username", "role", "organisation", "municipality"]

    def __init__(self, *args: Any, plan: Any, across_plans: bool = False, **kwargs: Any):
        """`across_plans`: the user may also grant LBF-konsulent and kommune (an administrator;
        `plans.access.can_grant_across_plans`)."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(plan=plan)  # type: ignore[attr-defined]
        if across_plans:
            role = self.fields["role"]
            role.choices = [*role.choices, *((r.value, r.label) for r in ACROSS)]  # type: ignore[attr-defined]
            self.fields["municipality"].initial = plan.municipality or ""
        else:
            del self.fields["municipality"]

    @property
    def across_plans_role(self) -> bool:
        """Whether the chosen role is one across plans (valid form only)."""
        return self.cleaned_data.get("role") in ACROSS


class LoginForm(AuthenticationForm, BoundedForm):
    """Django's login with its text bounded like every form of ours."""


class PasswordForm(PasswordChangeForm, BoundedForm):
    """Django's password change with its text bounded like every form of ours."""
