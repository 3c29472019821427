"""A measurement written as text gets its numbers read from it, as baselines do."""

from __future__ import annotations

from decimal import Decimal

from followup.forms import MeasurementForm


def _form(**data: str) -> MeasurementForm:
    return MeasurementForm({"scope_kind": "whole", "period_kind": "year", "year": "2025", **data})


def test_numbers_are_read_from_the_written_figure() -> None:
    form = _form(text="48 beboere (7,4 %)")
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["count"], form.cleaned_data["percent"]) == (
        Decimal(48),
        Decimal("7.4"),
    )


def test_typed_numbers_win_and_an_impossible_percent_is_refused() -> None:
    typed = _form(text="48 beboere (7,4 %)", count="50")
    assert typed.is_valid() and typed.cleaned_data["count"] == Decimal(50)
    wrong = _form(text="140 % af målgruppen")
    assert not wrong.is_valid()
    assert "over 100" in str(wrong.errors)
