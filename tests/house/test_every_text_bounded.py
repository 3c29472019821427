"""Every form of the project bounds its text: each form class is a `lib.forms.BoundedForm`
(so fields made in `__init__` are bounded too) and each CharField it declares has a
max_length with the one Danish message. A new form that forgets fails here."""

from __future__ import annotations

import importlib

import pytest
from django import forms

from lib.forms import BoundedForm, DanishDateField, DanishDecimalField, TextBound
from tests.house.import_each import module_names

APPS = {"accounts", "documents", "evaluation", "followup", "importing", "lib", "plans", "portfolio"}


def _project_forms() -> list[type[forms.BaseForm]]:
    for name in module_names():
        if name.split(".")[0] in APPS:
            importlib.import_module(name)
    found: list[type[forms.BaseForm]] = []
    stack: list[type] = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.split(".")[0] in APPS and sub not in found:
                found.append(sub)
    return found


FORMS = _project_forms()


def test_the_walk_finds_the_forms_of_every_app() -> None:
    apps = {cls.__module__.split(".")[0] for cls in FORMS}
    assert {"accounts", "documents", "evaluation", "followup", "importing", "plans"} <= apps
    assert len(FORMS) > 40


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_form_bounds_its_text(form_class: type[forms.BaseForm]) -> None:
    assert issubclass(form_class, BoundedForm), (
        f"{form_class.__qualname__} is not a lib.forms.BoundedForm (or DkfdsForm): "
        "its text fields would have no maximum"
    )
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.CharField):
            assert field.max_length, f"{form_class.__qualname__}.{name} has no max_length"
            if not isinstance(field, DanishDateField | DanishDecimalField):
                limits = [v.limit_value for v in field.validators if isinstance(v, TextBound)]
                assert limits == [field.max_length], f"{form_class.__qualname__}.{name}"


def test_a_field_made_in_init_is_bounded_too() -> None:
    class Late(BoundedForm):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self.fields["late"] = forms.CharField(widget=forms.Textarea)

    form = Late(data={"late": "x" * 25_000})
    assert not form.is_valid()
    assert form.errors["late"] == ["Højst 20.000 tegn (du skrev 25.000)."]
