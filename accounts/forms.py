from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from accounts.models import Role
from lib.forms import BoundedForm, DkfdsForm
from plans.models import Organisation


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

    def __init__(self, *args: Any, plan: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(plan=plan)  # type: ignore[attr-defined]


class LoginForm(AuthenticationForm, BoundedForm):
    """Django's login with its text bounded like every form of ours."""


class PasswordForm(PasswordChangeForm, BoundedForm):
    """Django's password change with its text bounded like every form of ours."""
