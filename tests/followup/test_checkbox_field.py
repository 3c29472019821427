"""A yes/no field is a DKFDS checkbox one can tick (a box drawn beside its label), not a text
field's empty frame: »Perioden ligger uden for planens periode …« on the measurement form."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from plans.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_outside_period_confirmation_is_a_checkbox(personas: dict[str, Any], plan: Any):
    indicator = Indicator.objects.get(text="Andel elever med afgangsprøve")
    client = Client()
    client.force_login(personas["koordinator"])
    html = client.get(reverse("followup_indicator", args=[plan.slug, indicator.pk])).content
    page = html.decode()
    match = re.search(
        r'<div class="form-group-checkbox">\s*<input type="checkbox" name="confirm_outside_period"'
        r'[^>]*class="form-checkbox"[^>]*>\s*<label class="form-label" '
        r'for="id_confirm_outside_period">',
        page,
    )
    assert match, page[page.find("confirm_outside_period") - 400 :][:900]
